"""打印预览 and printing: the PDF's pages, painted onto a QPrinter (here: a PDF file)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction, QImage
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

from goaleditor.export.fonts import FontUnavailableError
from goaleditor.export.pdf import pdf_bytes
from goaleditor.gui.output import print_preview
from goaleditor.storage import load

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"


@pytest.fixture
def doc():
    return load(SAMPLES / "hebei_2020.json")


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_gives_one_sheet_per_pdf_page(qapp, doc, tmp_path):
    expected = len(PdfReader(io.BytesIO(pdf_bytes(doc, [0, 1]))).pages)
    out = tmp_path / "printed.pdf"
    printed = print_preview.print_document(pdf_printer(out), doc, projects=[0, 1])
    assert printed == expected
    reader = PdfReader(out)
    assert len(reader.pages) == expected
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2  # A4 portrait


def test_printed_page_shows_the_form(qapp, doc, tmp_path):
    pages = print_preview.PdfPages(pdf_bytes(doc, [0]))
    image = pages.image(0, 50)
    assert image.format() == QImage.Format.Format_Grayscale8
    assert abs(image.width() - 413) <= 1 and abs(image.height() - 585) <= 1  # A4 at 50 dpi
    dark = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 100  # the table's lines and text are there
    assert image.pixelColor(5, 5).value() > 250  # the margin is blank
    pages.close()


def test_page_range_chosen_in_the_print_dialog(qapp, doc, tmp_path):
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    printer.setFromTo(2, 3)
    assert print_preview.print_document(printer, doc) == 2
    assert len(PdfReader(out).pages) == 2


def test_preview_shows_exactly_the_pdf_pages(qtbot, doc):
    expected = len(PdfReader(io.BytesIO(pdf_bytes(doc))).pages)
    dialog = print_preview.make_preview_dialog(None, doc)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印预览"
    # 纵向/横向 are hidden: the forms are A4 portrait.
    hidden = [a for a in dialog.findChildren(QAction) if a.isCheckable() and not a.isVisible()]
    assert len(hidden) == 2
    widget = print_preview.preview_widget(dialog)
    widget.updatePreview()
    assert widget.pageCount() == expected


def test_show_print_preview_runs_the_dialog(qtbot, doc, monkeypatch):
    seen = []

    def fake_exec(dialog):
        widget = print_preview.preview_widget(dialog)
        widget.updatePreview()
        seen.append(widget.pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    print_preview.show_print_preview(None, doc, projects=[2])
    assert seen and seen[0] >= 1


def test_show_print_preview_reports_errors_in_chinese(qtbot, doc, monkeypatch):
    def no_font(*_args, **_kwargs):
        raise FontUnavailableError("找不到可用于 PDF 的中文字体。")

    shown = []
    monkeypatch.setattr(print_preview, "render_document", no_font)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    print_preview.show_print_preview(None, doc)
    assert shown == ["找不到可用于 PDF 的中文字体。"]


def test_a_landscape_form_prints_on_a_sheet_turned_sideways(qapp, tmp_path):
    """The upload list's layout prints landscape: its sheets turn, the department's do not."""
    from goaleditor.forms import use_layout

    doc = load(SAMPLES / "hebei_2020.json")
    use_layout(doc, "upload-list")
    out = tmp_path / "mixed.pdf"
    print_preview.print_document(pdf_printer(out), doc)
    wanted = [
        p.mediabox.width > p.mediabox.height for p in PdfReader(io.BytesIO(pdf_bytes(doc))).pages
    ]
    printed = [p.mediabox.width > p.mediabox.height for p in PdfReader(out).pages]
    assert printed == wanted and printed[0] is False and printed[-1] is True
