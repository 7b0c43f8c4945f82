"""打印预览 and printing: the PDF's pages, painted onto a QPrinter (here: a PDF file)."""

from __future__ import annotations

import copy
import io
import os
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

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
    assert print_preview.preview_widget(dialog).page_count() == expected
    assert dialog.count_label.text().strip() == f"/ 共 {expected} 页"


def test_the_toolbar_speaks_chinese(qtbot, doc):
    dialog = print_preview.make_preview_dialog(None, doc, [0])
    qtbot.addWidget(dialog)
    texts = [a.text() for a in dialog.toolbar.actions() if a.text()]
    assert texts == [
        "打印…", "适合宽度", "适合页面", "缩小", "放大", "首页", "上一页", "下一页", "末页", "关闭"
    ]  # fmt: skip
    assert all(not any("a" <= c.lower() <= "z" for c in text) for text in texts)


def _shown(qtbot, doc, projects=None):
    dialog = print_preview.make_preview_dialog(None, doc, projects)
    qtbot.addWidget(dialog)
    dialog.resize(800, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _rendered(qtbot, view, index):
    qtbot.waitUntil(lambda: index in view._images, timeout=10_000)
    return view._images[index]


def test_pages_are_rendered_off_the_window_thread(qtbot, doc):
    dialog = _shown(qtbot, doc)
    view = dialog.view
    image = _rendered(qtbot, view, 0)
    assert not image.isNull()
    assert image.width() == round(view.page_rect(0).width() * view.devicePixelRatioF())
    assert view.renderer.threads and threading.get_ident() not in view.renderer.threads
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 100  # the form's lines and text


def test_only_the_pages_in_view_are_rendered(qtbot, doc, monkeypatch):
    rendered = []
    real = print_preview.PdfPages.image_width
    monkeypatch.setattr(
        print_preview.PdfPages,
        "image_width",
        lambda self, index, width: rendered.append(index) or real(self, index, width),
    )
    big = copy.deepcopy(doc)
    big.projects = [copy.deepcopy(p) for _ in range(6) for p in doc.projects]
    dialog = _shown(qtbot, big)
    view = dialog.view
    _rendered(qtbot, view, 0)
    qtbot.wait(200)
    assert view.page_count() > 40
    assert len(set(rendered)) <= len(view.visible_pages()) + 2  # and the next page
    dialog.last_action.trigger()
    last = view.page_count() - 1
    _rendered(qtbot, view, last)
    assert view.current_page() == last
    assert dialog.page_box.value() == last + 1
    assert len(set(rendered)) < 10  # nothing between the first and the last page


def test_a_page_that_cannot_be_drawn_is_said_once(qtbot, doc, monkeypatch):
    asked = []

    def broken(self, index, width):
        asked.append(index)
        raise ValueError("PDFium")

    monkeypatch.setattr(print_preview.PdfPages, "image_width", broken)
    dialog = _shown(qtbot, doc, [0])
    view = dialog.view
    qtbot.waitUntil(lambda: 0 in view._failed, timeout=5000)
    qtbot.wait(200)
    view.viewport().repaint()
    qtbot.wait(100)
    assert asked == [0], "not asked again and again"


def test_a_deleted_preview_closes_its_pdf(qtbot, doc):
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog = _shown(qtbot, doc, [0])
    pages = dialog.pages
    _rendered(qtbot, dialog.view, 0)
    dialog.deleteLater()  # never closed: no PDFium left to a finalizer in some thread
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert pages._closed


def test_navigation_and_zoom(qtbot, doc):
    dialog = _shown(qtbot, doc)
    view = dialog.view
    assert dialog.fit_page_action.isChecked() and not dialog.prev_action.isEnabled()
    dialog.next_action.trigger()
    assert view.current_page() == 1 and dialog.page_box.value() == 2
    dialog.page_box.setValue(5)
    assert view.current_page() == 4
    dialog.prev_action.trigger()
    assert view.current_page() == 3
    dialog.first_action.trigger()
    assert view.current_page() == 0
    fitted = view.zoom()
    dialog.zoom_in_action.trigger()
    assert view.zoom() > fitted and not dialog.fit_page_action.isChecked()
    assert dialog.zoom_label.text() == f"{round(view.zoom() * 100)}%"
    dialog.zoom_out_action.trigger()
    dialog.zoom_out_action.trigger()
    assert view.zoom() < fitted
    dialog.fit_width_action.trigger()
    assert dialog.fit_width_action.isChecked()
    assert abs(view.page_rect(0).width() - (view.viewport().width() - 2 * view.GAP)) <= 2
    # a new zoom renders the page again at its new size
    width = round(view.page_rect(0).width() * view.devicePixelRatioF())
    qtbot.waitUntil(lambda: 0 in view._images and view._images[0].width() == width, timeout=10_000)


def test_print_from_the_preview_paints_in_a_worker(qtbot, doc, tmp_path, monkeypatch):
    expected = len(PdfReader(io.BytesIO(pdf_bytes(doc, [0, 1]))).pages)
    dialog = _shown(qtbot, doc, [0, 1])
    out = tmp_path / "printed.pdf"
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(out))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    painted_in = []
    real = print_preview.PdfPages.image
    monkeypatch.setattr(
        print_preview.PdfPages,
        "image",
        lambda self, index, dpi: painted_in.append(threading.get_ident()) or real(self, index, dpi),
    )
    assert dialog.print_()
    assert dialog.printed == expected
    assert len(PdfReader(out).pages) == expected
    assert painted_in and threading.get_ident() not in painted_in


def test_a_cancelled_print_stops_and_aborts(qapp, doc, tmp_path):
    from goaleditor.cancel import Cancelled, cancelling

    pages = print_preview.PdfPages(pdf_bytes(doc))
    printer = pdf_printer(tmp_path / "cancelled.pdf")
    aborted, painted = [], []
    printer.abort = lambda: aborted.append(1) or True  # a real printer drops the job
    real = pages.image
    pages.image = lambda index, dpi: painted.append(index) or real(index, dpi)
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled), cancelling(stop):
        print_preview.paint_pages(printer, pages)
    assert aborted and not painted
    pages.close()


def test_show_print_preview_runs_the_dialog(qtbot, doc, monkeypatch):
    seen = []

    def fake_exec(dialog):
        seen.append(print_preview.preview_widget(dialog).page_count())
        return 0

    monkeypatch.setattr(print_preview.PreviewDialog, "exec", fake_exec)
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


def test_preview_screenshot(qtbot, doc, tmp_path):
    """The dialog as the clerk sees it (GOALEDITOR_SHOT_DIR keeps the picture)."""
    dialog = _shown(qtbot, doc, [0])
    _rendered(qtbot, dialog.view, 0)
    qtbot.wait(50)
    shot = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path) / "print_preview.png"
    assert dialog.grab().save(str(shot))


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
