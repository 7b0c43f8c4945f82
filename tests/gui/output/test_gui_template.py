"""文件 → 生成填报模板: a blank workbook in the document's layouts, its department form too."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from goaleditor.importers.xlsx import read_workbook
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def test_the_template_action_writes_the_documents_layouts(make_window, tmp_path, monkeypatch):
    window = make_window(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts[texts.index("导出 Word(&W)...") + 1] == "生成填报模板(&M)..."
    calls = []

    def save_dialog(parent, title, start, file_filter, *args):
        calls.append((title, start))
        return str(tmp_path / "给下属单位"), file_filter  # typed without the extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.actions_.template.trigger()
    target = tmp_path / "给下属单位.xlsx"
    assert calls == [("生成填报模板", str(tmp_path / "guangzhou_yuexiu_填报模板.xlsx"))]
    assert window.statusBar().currentMessage() == f"已生成填报模板：{target}"
    assert load_workbook(target).sheetnames[:3] == ["填报信息", "部门整体", "项目1"]
    back = read_workbook(target).document
    assert back.layout == window.ctx.document.layout  # the Guangzhou department form
    assert back.projects == [] and window.ctx.document.department.name  # blank, not a copy


def test_cancelling_the_file_dialog_writes_nothing(make_window, tmp_path, monkeypatch):
    window = make_window(sample_copy(tmp_path))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    window.actions_.template.trigger()
    assert not list(tmp_path.glob("*.xlsx"))
