"""文件 › 以上年文件新建 and 文件 › 导入 dialogs (offscreen, exec patched)."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

import docxbuild
from goaleditor.gui.dialogs import year_dialogs
from goaleditor.gui.dialogs.year_dialogs import (
    ReportPreviewDialog,
    RolloverOptionsDialog,
    run_import_dialog,
    run_rollover_dialog,
)
from goaleditor.model import Budget, Document, Indicator, Project


def _doc(year: int | None = 2023) -> Document:
    return Document(
        fiscal_year=year,
        projects=[
            Project(
                name="2023年检察办案业务费",
                budget=Budget(Decimal("9.50"), None, Decimal("9.50")),
                indicators=[Indicator("产出指标", "时效指标", "发放时限", "发放时限", "2023年内")],
            )
        ],
    )


@pytest.fixture
def answers(monkeypatch):
    """Script the two dialogs: what the clerk picks, and which button is pressed."""
    state = {"year": None, "clear": False, "options": True, "preview": True, "seen": []}

    def options_exec(dialog):
        state["seen"].append(("options", dialog.year.value(), dialog.year.minimum()))
        if state["year"] is not None:
            dialog.year.setValue(state["year"])
        if state["clear"]:
            dialog.clear.setChecked(True)
        return QDialog.DialogCode.Accepted if state["options"] else QDialog.DialogCode.Rejected

    def preview_exec(dialog):
        state["seen"].append(("preview", dialog.text.toPlainText(), dialog.text.isReadOnly()))
        return QDialog.DialogCode.Accepted if state["preview"] else QDialog.DialogCode.Rejected

    monkeypatch.setattr(RolloverOptionsDialog, "exec", options_exec)
    monkeypatch.setattr(ReportPreviewDialog, "exec", preview_exec)
    return state


def test_rollover_defaults_to_next_year_and_shows_report_first(qtbot, answers):
    doc = _doc()
    before = copy.deepcopy(doc)
    result = run_rollover_dialog(None, doc)
    assert result is not None
    new, report = result
    assert doc == before
    assert new.fiscal_year == 2024
    assert new.projects[0].name == "2024年检察办案业务费"
    assert new.projects[0].budget.total == Decimal("9.50")
    assert new.projects[0].needs_review and new.projects[0].indicators[0].needs_review
    (kind, year, minimum), (kind2, shown, read_only) = answers["seen"]
    assert (kind, year, minimum) == ("options", 2024, 2024)
    assert kind2 == "preview" and read_only
    assert shown == report
    assert "原：2023年内" in report and "新：2024年内" in report


def test_rollover_other_year_and_clear_values(qtbot, answers):
    answers["year"], answers["clear"] = 2025, True
    new, report = run_rollover_dialog(None, _doc())
    assert new.fiscal_year == 2025
    assert new.projects[0].budget == Budget()
    assert new.projects[0].indicators[0].value == ""
    assert "已清空" in report


def test_rollover_cancel_at_either_step(qtbot, answers):
    answers["options"] = False
    assert run_rollover_dialog(None, _doc()) is None
    answers["options"], answers["preview"] = True, False
    assert run_rollover_dialog(None, _doc()) is None


def test_rollover_without_year_infers_it(qtbot, answers):
    new, report = run_rollover_dialog(None, _doc(year=None))
    assert answers["seen"][0][1] == 2024
    assert new.fiscal_year == 2024
    assert "推断为 2023 年" in report


def test_options_dialog_is_chinese(qtbot, tmp_path):
    dialog = RolloverOptionsDialog(_doc())
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "以上年文件新建"
    assert dialog.keep_values
    dialog.clear.setChecked(True)
    assert not dialog.keep_values
    assert dialog.year.text() == "2024 年"
    dialog.grab().save(str(tmp_path / "rollover_options.png"))


# ---------------------------------------------------------------- import


def _choose(monkeypatch, path: str | Path | None):
    calls = []

    def fake(parent, caption, folder, filters):
        calls.append((caption, filters))
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    return calls


def test_import_dialog_imports_docx(qtbot, monkeypatch, tmp_path):
    rows = [
        ["100001测试单位", "单位：元"],
        ["项目名称", "2024年测试项目"],
        ["绩效目标", "1、目标"],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
        ["产出指标", "数量指标", "数量", "数量描述", "≥1个"],
        ["备注", "", "", "", ""],
    ]
    source = docxbuild.build_rows(rows, tmp_path / "表.docx", ["1、2024年测试项目绩效目标表"])
    calls = _choose(monkeypatch, source)
    doc, report, path = run_import_dialog(None)
    assert path == source
    assert doc.projects[0].name == "2024年测试项目"
    assert "已从“表.docx”导入 1 个项目、1 个指标。" in report
    assert "第 6 行" in report
    caption, filters = calls[0]
    assert "导入" in caption
    assert "Word 文档 (*.docx)" in filters and "Excel 工作簿 (*.xlsx *.xlsm)" in filters


def test_import_dialog_cancel(qtbot, monkeypatch):
    _choose(monkeypatch, None)
    assert run_import_dialog(None) is None


@pytest.mark.parametrize(("name", "content"), [("bad.docx", b"not a zip"), ("old.doc", b"x")])
def test_import_problem_shows_a_message_box(qtbot, monkeypatch, tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    _choose(monkeypatch, source)
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    assert run_import_dialog(None) is None
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "无法导入"
    assert name in text and ("docx" in text)


def test_rollover_error_is_shown_not_raised(qtbot, answers, monkeypatch):
    def refuse(*args, **kwargs):
        from goaleditor.errors import GoalEditorError

        raise GoalEditorError("新年度有误。")

    monkeypatch.setattr(year_dialogs, "rollover", refuse)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert run_rollover_dialog(None, _doc()) is None
    assert shown == ["新年度有误。"]


def test_rollover_runs_in_a_worker_on_a_copy(qtbot, answers, monkeypatch):
    import threading

    from goaleditor.gui.dialogs import year_dialogs

    real = year_dialogs.rollover
    seen = []

    def watched(doc, *args, **kwargs):
        seen.append((threading.get_ident(), doc))
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(year_dialogs, "rollover", watched)
    doc = _doc()
    assert run_rollover_dialog(None, doc) is not None
    ((thread, worked_on),) = seen
    assert thread != threading.get_ident() and worked_on is not doc
