"""What a clerk on Windows notices around files: default names, a target open in Excel,
recent files that are gone, 另存为 names with dots."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from goaleditor import fileio, storage
from goaleditor.gui.tree.panel import DOCUMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
    small_document,
)


class SaveDialogs:
    """Every save dialog's (title, start, filter); answered from ``answers`` in order."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.answers: list[tuple[str, str]] = []

    def __call__(self, parent, title, start, file_filter, *args):
        self.calls.append((title, start, file_filter))
        return self.answers.pop(0) if self.answers else ("", "")


@pytest.fixture(autouse=True)
def _no_check_question(monkeypatch):
    """These documents have 审核 错误; the question that raises is tested elsewhere
    (test_gui_export_asks_on_errors.py), here the clerk always goes on."""
    from goaleditor.gui.output.actions import OutputActions

    monkeypatch.setattr(OutputActions, "_errors_ok", lambda *_args: True)


@pytest.fixture
def save_dialog(monkeypatch) -> SaveDialogs:
    dialogs = SaveDialogs()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs)
    return dialogs


def test_default_export_names_follow_the_document(make_window, tmp_path, answers, save_dialog):
    path = sample_copy(tmp_path, "tianjin_2023.json")
    window = make_window(path)
    window.tree.select_node(DOCUMENT)
    window.actions_.export_xlsx.trigger()
    window.actions_.export_pdf.trigger()
    assert save_dialog.calls == [
        ("导出 Excel", str(tmp_path / "tianjin_2023.xlsx"), "Excel 工作簿 (*.xlsx)"),
        ("导出 PDF", str(tmp_path / "tianjin_2023.pdf"), "PDF 文件 (*.pdf)"),
    ]
    projects = window.ctx.document.projects
    # project 2 ctrl-clicked while the document node is current: chosen on purpose
    sel = window.tree.view.selectionModel()
    sel.select(window.tree.model.project_index(1), sel.SelectionFlag.ClearAndSelect)
    answers.expect("选中的 1 个项目", "选中的 2 个项目")
    window.actions_.export_pdf.trigger()
    window.tree.select_projects([0, 2])
    window.actions_.export_xlsx.trigger()
    name = projects[1].name.replace("/", "").replace(":", "")
    assert save_dialog.calls[2][1] == str(tmp_path / f"tianjin_2023_{name}.pdf")
    assert save_dialog.calls[3][1] == str(tmp_path / "tianjin_2023_2个项目.xlsx")


def test_unsaved_document_exports_under_unit_and_year_to_documents(
    make_window, tmp_path, save_dialog, monkeypatch
):
    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "文档"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    window = make_window()  # no recent files: dialogs open in 文档
    window.files.open_unsaved(small_document())
    window.tree.select_node(DOCUMENT)
    window.actions_.export_pdf.trigger()
    assert save_dialog.calls[0][1] == str(documents / "某某县人民检察院2024年绩效目标.pdf")


def _lock_once(monkeypatch, times: int = 1) -> list[Path]:
    """Windows refusing to replace a file Excel holds open, *times* times."""
    refused: list[Path] = []
    real_replace = fileio._replace

    def replace(tmp: Path, path: Path) -> None:
        # the export's own temporary folder (`write_in_background`) is not the target
        if len(refused) < times and not path.parent.name.startswith(".goaleditor-"):
            refused.append(path)
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
        real_replace(tmp, path)

    monkeypatch.setattr(fileio, "_replace", replace)
    return refused


def test_export_target_open_in_excel_offers_retry(
    make_window, tmp_path, answers, save_dialog, monkeypatch
):
    from openpyxl import load_workbook

    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(DOCUMENT)
    target = tmp_path / "hebei_2020.xlsx"
    target.write_bytes(b"old export")
    refused = _lock_once(monkeypatch)
    save_dialog.answers.append((str(target), ""))
    answers.expect("重试")
    assert window.output.export_xlsx()
    assert refused == [target]
    assert "多半是在 Excel 或 WPS 中打开着" in answers.shown[0]
    assert "请先在 Excel/WPS 中关闭这个文件，再点“重试”" in answers.shown[0]
    assert load_workbook(target).sheetnames
    assert window.statusBar().currentMessage() == f"已导出 Excel：{target}"


def test_export_target_in_use_can_go_elsewhere_or_be_cancelled(
    make_window, tmp_path, answers, save_dialog, monkeypatch
):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(DOCUMENT)
    target = tmp_path / "表.pdf"
    target.write_bytes(b"old export")
    other = tmp_path / "表2.pdf"
    other.write_bytes(b"open as well")
    _lock_once(monkeypatch, times=2)
    save_dialog.answers += [(str(target), ""), (str(tmp_path / "表2"), "")]
    answers.expect("另存为…", "取消")
    assert not window.output.export_pdf()  # 另存为… → the new name is held open too → 取消
    assert save_dialog.calls[1][1] == str(target)  # the second dialog starts at the first name
    assert "“表2.pdf”正被其他程序占用" in answers.shown[1]
    assert target.read_bytes() == b"old export" and other.read_bytes() == b"open as well"


def test_read_only_folder_is_an_error_not_a_retry(make_window, tmp_path, answers, save_dialog):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(DOCUMENT)
    save_dialog.answers.append((str(tmp_path / "无此目录" / "x.xlsx"), ""))
    answers.expect("确定")
    assert not window.output.export_xlsx()
    assert answers.shown[0].startswith("没有导出 Excel 文件。")


def test_recent_files_that_are_gone_leave_the_menu(make_window, tmp_path, answers):
    first, second = sample_copy(tmp_path), sample_copy(tmp_path, "tianjin_2023.json")
    window = make_window(first)
    window.files.open_path(second)
    elsewhere = tmp_path / "U盘" / "x.json"
    window.settings.set("recent_files", [*window.settings.recent_files(), str(elsewhere)])
    second.unlink()
    menu = window.actions_.recent_menu
    window.files.fill_recent_menu(menu)
    entries = [a for a in menu.actions() if a.toolTip().startswith(str(tmp_path))]
    assert [a.toolTip().split("\n")[0] for a in entries] == [str(first.resolve()), str(elsewhere)]
    assert entries[0].isEnabled() and not entries[1].isEnabled()  # drive not there: kept
    assert window.statusBar().currentMessage() == (
        "已从“最近文件”中移除不存在的文件：“tianjin_2023.json”"
    )
    assert window.settings.recent_files() == [str(first.resolve()), str(elsewhere)]


def test_opening_a_recent_file_that_was_deleted_says_so(make_window, tmp_path, answers):
    first, second = sample_copy(tmp_path), sample_copy(tmp_path, "tianjin_2023.json")
    window = make_window(first)
    window.files.open_path(second)
    window.files.open_path(first)
    menu = window.actions_.recent_menu
    window.files.fill_recent_menu(menu)
    entry = next(a for a in menu.actions() if a.toolTip() == str(second.resolve()))
    second.unlink()  # deleted while the menu was open
    answers.expect("确定")
    entry.trigger()
    assert answers.shown[0].startswith("找不到“tianjin_2023.json”")
    assert "已把它从“最近文件”列表中移除" in answers.shown[0]
    assert window.ctx.file_path == first.resolve()
    assert window.settings.recent_files() == [str(first.resolve())]


@pytest.mark.parametrize(
    ("typed", "chosen_filter", "saved"),
    [
        ("目标v1.2", "绩效目标文档 (*.json)", "目标v1.2.json"),
        ("目标", "所有文件 (*)", "目标.json"),
        ("目标.JSON", "绩效目标文档 (*.json)", "目标.JSON"),
        ("目标.txt", "所有文件 (*)", "目标.txt"),
    ],
)
def test_save_as_names(make_window, tmp_path, save_dialog, typed, chosen_filter, saved):
    window = make_window()
    window.files.open_unsaved(small_document())
    save_dialog.answers.append((str(tmp_path / typed), chosen_filter))
    assert window.files.save_as()
    assert save_dialog.calls[0][0] == "另存为"
    assert Path(save_dialog.calls[0][1]).name == "某某县人民检察院2024年绩效目标.json"
    assert "绩效目标文档 (*.json)" in save_dialog.calls[0][2]
    assert window.ctx.file_path == (tmp_path / saved).resolve()
    assert storage.load(tmp_path / saved).unit_name == "某某县人民检察院"


def test_viewing_a_project_exports_the_whole_document_without_asking(
    make_window, tmp_path, answers, save_dialog
):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    window.tree.select_node(PROJECT, 2)  # the clerk reads project 3, then exports
    assert window.tree.selected_projects() == [2]
    window.actions_.export_pdf.trigger()
    window.actions_.export_xlsx.trigger()
    assert answers.shown == []  # no 整个文档 / 选中的 1 个项目 question
    assert [call[1] for call in save_dialog.calls] == [
        str(tmp_path / "tianjin_2023.pdf"),
        str(tmp_path / "tianjin_2023.xlsx"),
    ]
    # ctrl-click a second project: now the clerk chose some, and is asked
    window.tree.select_projects([2, 3])
    answers.expect("取消")
    window.actions_.export_pdf.trigger()
    assert "选中的 2 个项目" in answers.shown[0] and len(save_dialog.calls) == 2


def test_a_bug_in_the_exporter_is_told_as_a_program_fault_and_logged(
    make_window, tmp_path, answers, save_dialog, monkeypatch
):
    from goaleditor.applog import log_path
    from goaleditor.export import xlsx

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("a bug in the writer")

    monkeypatch.setattr(xlsx, "write_xlsx", broken)
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(DOCUMENT)
    save_dialog.answers.append((str(tmp_path / "x.xlsx"), ""))
    answers.expect("确定")
    assert not window.output.export_xlsx()
    assert answers.shown[0].startswith("没有导出 Excel 文件。")
    assert "程序错误" in answers.shown[0] and str(log_path()) in answers.shown[0]
    assert "ZeroDivisionError: a bug in the writer" in log_path().read_text("utf-8")
    assert not (tmp_path / "x.xlsx").exists()
