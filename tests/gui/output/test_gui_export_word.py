"""文件 → 导出 Word: the menu entry, the default name, a target held open in Word."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from goaleditor import fileio
from goaleditor.gui.tree.panel import DOCUMENT
from goaleditor.importers.docx import read_docx
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def test_export_word_is_in_the_file_menu_beside_the_other_exports(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    at = texts.index("导出 PDF(&F)...")
    assert texts[at - 1 : at + 2] == ["导出 Excel(&E)...", "导出 PDF(&F)...", "导出 Word(&W)..."]


def test_export_word_writes_the_document_and_survives_a_file_open_in_word(
    make_window, tmp_path, answers, monkeypatch
):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(DOCUMENT)
    target = tmp_path / "hebei_2020.docx"
    target.write_bytes(b"old export")
    calls = []

    def save_dialog(parent, title, start, file_filter, *args):
        calls.append((title, start, file_filter))
        return str(tmp_path / "hebei_2020"), file_filter  # typed without the extension

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    refused = []
    real_replace = fileio._replace

    def replace(tmp, path):
        # the export's own temporary folder (`write_in_background`) is not the target
        if not refused and not path.parent.name.startswith(".goaleditor-"):
            refused.append(path)
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
        real_replace(tmp, path)

    monkeypatch.setattr(fileio, "_replace", replace)
    answers.expect("重试")
    window.actions_.export_docx.trigger()
    assert calls == [("导出 Word", str(target), "Word 文档 (*.docx)")]
    assert refused == [target]
    assert "多半是在 Word 或 WPS 中打开着" in answers.shown[0]
    assert window.statusBar().currentMessage() == f"已导出 Word：{target}"
    back = read_docx(target).document
    assert [p.name for p in back.projects] == [p.name for p in window.ctx.document.projects]
