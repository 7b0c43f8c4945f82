"""设置: choosing the PDF font, and that every PDF export, print preview and print uses it."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QFileDialog

from goaleditor.export.fonts import find_fonts, shipped_font
from goaleditor.gui.common.settings import Settings
from goaleditor.gui.dialogs.settings_dialog import SettingsDialog, describe_fonts
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


@pytest.fixture
def font_copy(tmp_path) -> Path:
    """A usable Chinese TrueType font at a path of the test's own."""
    target = tmp_path / "字体" / "myfont.ttc"
    target.parent.mkdir()
    target.write_bytes(shipped_font().read_bytes())
    return target


def _dialog(qtbot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


def _pick(monkeypatch, path: Path | str) -> list[tuple]:
    """Answer the next QFileDialog.getOpenFileName with *path*; record the calls."""
    calls = []

    def get_open(parent, title, start, file_filter, *args):
        calls.append((title, start, file_filter))
        return str(path), file_filter.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    return calls


def test_automatic_font_then_chosen_then_default_again(qtbot, monkeypatch, font_copy, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    dialog = _dialog(qtbot, settings)
    assert dialog.path_edit.text() == "" and dialog.path_edit.placeholderText() == "（自动）"
    assert dialog.current.text() == describe_fonts(find_fonts())
    assert not dialog.default_button.isEnabled()

    calls = _pick(monkeypatch, font_copy)
    dialog.choose_button.click()
    assert calls[0][0] == "选择 PDF 字体" and "(*.ttf *.ttc)" in calls[0][2]
    assert dialog.path_edit.text() == str(font_copy)
    assert dialog.current.text() == "正文和标题都用 myfont.ttc"
    assert settings.pdf_font() is None  # only 确定 stores it
    dialog.accept()
    assert Settings(tmp_path / "settings.json").pdf_font() == str(font_copy)

    again = _dialog(qtbot, settings)
    assert again.path_edit.text() == str(font_copy) and again.default_button.isEnabled()
    calls = _pick(monkeypatch, font_copy)
    again.choose_font()
    assert calls[0][1] == str(font_copy.parent)  # the file dialog starts in its folder
    again.default_button.click()
    assert again.path_edit.text() == "" and again.current.text() == describe_fonts(find_fonts())
    again.accept()
    assert Settings(tmp_path / "settings.json").pdf_font() is None


def test_a_font_that_cannot_be_embedded_is_refused(qtbot, monkeypatch, answers, tmp_path):
    bad = tmp_path / "坏字体.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 50)
    settings = Settings(tmp_path / "settings.json")
    dialog = _dialog(qtbot, settings)
    _pick(monkeypatch, bad)
    answers.expect("确定")
    assert not dialog.choose_font()
    assert answers.shown[0].startswith("“坏字体.ttf”不能用于 PDF：")
    assert "TrueType 中文字体文件" in answers.shown[0]
    assert dialog.path_edit.text() == ""


def test_a_stored_font_that_is_gone_is_shown_in_red(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    settings.set_pdf_font(tmp_path / "gone.ttf")
    dialog = _dialog(qtbot, settings)
    assert "“gone.ttf”无法使用（文件不存在）" in dialog.current.text()
    assert "c62828" in dialog.current.styleSheet()


def test_settings_menu_and_pdf_export_use_the_font(
    make_window, tmp_path, monkeypatch, answers, file_dialogs, font_copy
):
    from goaleditor.export import pdf
    from goaleditor.gui.dialogs import settings_dialog

    used = []
    real_write_pdf = pdf.write_pdf

    def write_pdf(doc, path, projects=None, font_path=None):
        used.append(font_path)
        return real_write_pdf(doc, path, projects, font_path)

    monkeypatch.setattr(pdf, "write_pdf", write_pdf)

    def choose_and_accept(dialog):
        dialog.choose_font()
        dialog.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", choose_and_accept)
    _pick(monkeypatch, font_copy)
    window = make_window(sample_copy(tmp_path))
    assert "设置(&T)..." in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    window.actions_.settings.trigger()
    assert window.settings.pdf_font() == str(font_copy)
    assert window.statusBar().currentMessage() == "PDF 字体：myfont.ttc"

    target = tmp_path / "out.pdf"
    file_dialogs.save_paths.append(str(target))
    assert window.output.export_pdf()
    assert used == [str(font_copy)]
    pages = len(PdfReader(target).pages)
    assert window.statusBar().currentMessage() == f"已导出 PDF（共 {pages} 页）：{target}"
    assert answers.shown == []  # the chosen font was used: nothing to tell


def test_export_tells_when_the_chosen_font_was_replaced(
    make_window, tmp_path, answers, file_dialogs
):
    window = make_window(sample_copy(tmp_path))
    window.settings.set_pdf_font(tmp_path / "已删除.ttf")
    target = tmp_path / "out.pdf"
    file_dialogs.save_paths.append(str(target))
    answers.expect("确定")
    assert window.output.export_pdf()
    assert target.is_file()
    pages = len(PdfReader(target).pages)
    assert answers.shown[0].startswith(f"已导出“out.pdf”（共 {pages} 页），但请注意：")
    assert "“已删除.ttf”无法使用（文件不存在），已改用其他字体。" in answers.shown[0]
    assert "文件 → 设置" in answers.shown[0]


def test_print_preview_gets_the_font_and_its_notes(make_window, tmp_path, answers, monkeypatch):
    from goaleditor.gui.output import print_preview

    pages = []

    def fake_exec(dialog):
        pages.append(print_preview.preview_widget(dialog).page_count())
        return 0

    monkeypatch.setattr(print_preview.PreviewDialog, "exec", fake_exec)
    window = make_window(sample_copy(tmp_path))
    window.settings.set_pdf_font(tmp_path / "已删除.ttf")
    answers.expect("确定")
    window.actions_.print_preview.trigger()
    assert pages and pages[0] >= 1
    assert "“已删除.ttf”无法使用" in answers.shown[0]


def test_settings_dialog_screenshot(qtbot, tmp_path, font_copy):
    settings = Settings(tmp_path / "settings.json")
    settings.set_pdf_font(font_copy)
    dialog = _dialog(qtbot, settings)
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path) / "settings_dialog.png"
    assert dialog.grab().save(str(shot))
    assert dialog.current.isVisible() and dialog.current.text()
