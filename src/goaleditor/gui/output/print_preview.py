"""打印预览 and printing: exactly the pages of the exported PDF, on a chosen printer.

PySide6-Essentials has no QtPdf, so the PDF that `export.pdf` makes is rasterised
with PDFium (pypdfium2) page by page and painted onto the `QPrinter`.  What the clerk
previews and prints is therefore the same file that 导出 PDF writes, page for page.
Pages are rendered in greyscale (the forms are black on white): 150 dpi for the
preview, 300 dpi for paper.
"""

from __future__ import annotations

import io
import os

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintEngine,
    QPainter,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget

from ...errors import GoalEditorError
from ...export.pdf import document_title, render_document
from ...model import Document
from ..common.messages import FONT_HINT, show_error, show_warning
from ..common.screen_fit import fit_to_screen

PREVIEW_DPI = 150
#: A preview shorter than this (a small screen) shows the page's width, not the whole
#: page: a whole A4 page would be too small to read.
FIT_WIDTH_BELOW = 700
PRINT_DPI = 300
_POINTS_PER_INCH = 72.0


def render_pages(
    doc: Document, projects: list[int] | None, font_path: str | os.PathLike | None
) -> tuple[bytes, tuple[str, ...]]:
    """The PDF that 导出 PDF would write, in memory, and its notes (font fallbacks)."""
    buffer = io.BytesIO()
    info = render_document(doc, buffer, projects, font_path)
    return buffer.getvalue(), info.notes


class PrintError(GoalEditorError):
    """The printer could not be started (offline, no driver, cancelled by the system)."""


class PdfPages:
    """The pages of a PDF, rendered to greyscale `QImage`s on demand."""

    def __init__(self, data: bytes):
        self._pdf = pdfium.PdfDocument(data)
        self._cache: dict[tuple[int, int], QImage] = {}

    def __len__(self) -> int:
        return len(self._pdf)

    def size_points(self, index: int) -> tuple[float, float]:
        width, height = self._pdf[index].get_size()
        return width, height

    def image(self, index: int, dpi: int) -> QImage:
        key = (index, dpi)
        image = self._cache.get(key)
        if image is None:
            bitmap = self._pdf[index].render(
                scale=dpi / _POINTS_PER_INCH,
                grayscale=True,
                force_bitmap_format=pdfium_raw.FPDFBitmap_Gray,
            )
            data = bytes(bitmap.buffer)
            image = QImage(
                data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_Grayscale8
            ).copy()  # own the pixels: `data` goes away
            if dpi <= PREVIEW_DPI:
                self._cache[key] = image
        return image

    def close(self) -> None:
        self._cache.clear()
        self._pdf.close()


def setup_printer(printer: QPrinter, title: str) -> None:
    """A4, painted edge to edge: the PDF pages carry their own margins (each sheet turns
    as its page lies, see `_turn`)."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(title)


def _page_indices(printer: QPrinter, count: int) -> list[int]:
    """The pages the print dialog asked for (all when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return list(range(count))
    first = max(first, 1)
    last = count if last <= 0 else min(last, count)
    return list(range(first - 1, last))


def _sideways(pages: PdfPages, index: int) -> bool:
    """Page *index* is wider than tall: a form its layout prints landscape (the upload list)."""
    width_pt, height_pt = pages.size_points(index)
    return width_pt > height_pt


def _turn(printer: QPrinter, landscape: bool) -> None:
    """The next sheet on A4 upright or turned sideways (a landscape page is printed on a
    sheet turned with it, not shrunk onto an upright one)."""
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def _is_preview(printer: QPrinter) -> bool:
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paint_pages(printer: QPrinter, pages: PdfPages, dpi: int | None = None) -> int:
    """Paint *pages* onto *printer*, one PDF page per sheet; return the sheets painted."""
    if dpi is None:
        dpi = PREVIEW_DPI if _is_preview(printer) else PRINT_DPI
    indices = _page_indices(printer, len(pages))
    # Qt's preview shows every sheet as the last one lies: there the sheets turn only
    # when all pages do; a printer (or a PDF file) turns each sheet as its page lies.
    each = not _is_preview(printer)
    if indices:
        sideways = [_sideways(pages, i) for i in indices]
        _turn(printer, sideways[0] if each else all(sideways))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            "无法开始打印：打印机不可用或没有响应。请检查打印机是否已连接并开机，"
            "或选择其他打印机后重试。"
        )
    try:
        for n, index in enumerate(indices):
            if n:
                if each:
                    _turn(printer, sideways[n])
                if not printer.newPage():
                    raise PrintError("打印中断：打印机无法开始新的一页。请检查打印机后重试。")
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            width_pt, height_pt = pages.size_points(index)
            scale = min(paper.width() / width_pt, paper.height() / height_pt)
            size = QSizeF(width_pt * scale, height_pt * scale)
            target = QRectF(
                (paper.width() - size.width()) / 2, (paper.height() - size.height()) / 2, 0, 0
            )
            target.setSize(size)
            painter.drawImage(target, pages.image(index, dpi))
    finally:
        painter.end()
    return len(indices)


def print_document(
    printer: QPrinter,
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> int:
    """Print *doc* (or the *projects* by index) on *printer*; return the sheets printed.

    Raises `GoalEditorError` (no font, nothing to print, printer unavailable).
    """
    pages = PdfPages(render_pages(doc, projects, font_path)[0])
    try:
        setup_printer(printer, document_title(doc))
        return paint_pages(printer, pages)
    finally:
        pages.close()


def make_preview_dialog(
    parent: QWidget | None,
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
    rendered: tuple[bytes, tuple[str, ...]] | None = None,
) -> QPrintPreviewDialog:
    """The 打印预览 dialog for *doc*; its 打印 button asks for a printer (QPrintDialog).

    *rendered* is `render_pages`' result when it was made already (in a worker).
    ``dialog.font_notes`` holds what the clerk should know about the fonts used.
    """
    data, notes = rendered if rendered is not None else render_pages(doc, projects, font_path)
    pages = PdfPages(data)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    setup_printer(printer, document_title(doc))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    fit_to_screen(dialog, 900, 1000)
    _hide_orientation_actions(dialog)
    if dialog.height() < FIT_WIDTH_BELOW:
        _fit_width(dialog)
    # Keep the printer and the pages alive as long as the dialog.
    dialog._printer = printer  # type: ignore[attr-defined]
    dialog._pages = pages  # type: ignore[attr-defined]
    dialog.font_notes = notes  # type: ignore[attr-defined]
    dialog.paintRequested.connect(lambda target: _paint_or_report(dialog, target, pages))
    dialog.finished.connect(lambda _result: pages.close())
    return dialog


def _hide_orientation_actions(dialog: QPrintPreviewDialog) -> None:
    """The forms are A4 portrait: 纵向/横向 would only shrink the page on the paper.

    Qt names neither action; they are the only unnamed checkable pair in a group.
    """
    for group in dialog.findChildren(QActionGroup):
        actions = group.actions()
        if len(actions) == 2 and all(a.isCheckable() and not a.objectName() for a in actions):
            for action in actions:
                action.setVisible(False)


def _fit_width(dialog: QPrintPreviewDialog) -> None:
    """Choose 适合宽度 as the clerk would (Qt names this action)."""
    action = dialog.findChild(QAction, "fitWidthAction")
    if action is not None:
        action.trigger()


def _paint_or_report(dialog: QWidget, printer: QPrinter, pages: PdfPages) -> None:
    try:
        paint_pages(printer, pages)
    except GoalEditorError as err:
        show_error(dialog, "打印", str(err))


def preview_widget(dialog: QPrintPreviewDialog) -> QPrintPreviewWidget:
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    return widget


def show_print_preview(
    parent: QWidget | None,
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> None:
    """打印预览 of the whole document or the selected projects (indices), modal.

    The PDF is made in a worker thread from a snapshot of *doc*, with a progress
    dialog and 取消; the window keeps painting meanwhile.
    """
    from ..common.background import CANCELLED, run_in_background, snapshot

    copy = snapshot(doc)
    try:
        rendered = run_in_background(
            parent,
            "打印预览",
            "正在准备打印预览，请稍候……",
            lambda: render_pages(copy.load(), projects, font_path),
        )
        if rendered is CANCELLED:
            return
        dialog = make_preview_dialog(parent, doc, projects, font_path, rendered)
    except GoalEditorError as err:
        show_error(parent, "打印预览", str(err))
        return
    if dialog.font_notes:  # type: ignore[attr-defined]
        show_warning(
            parent,
            "打印预览",
            "\n".join(dialog.font_notes)  # type: ignore[attr-defined]
            + FONT_HINT,
        )
    dialog.exec()
    dialog.deleteLater()
