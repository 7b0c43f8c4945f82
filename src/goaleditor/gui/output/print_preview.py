"""打印预览 and printing: exactly the pages of the exported PDF, on a chosen printer.

PySide6-Essentials has no QtPdf, so the PDF that `export.pdf` makes is rasterised
with PDFium (pypdfium2) page by page.  What the clerk previews and prints is therefore
the same file that 导出 PDF writes, page for page.  Pages are rendered in greyscale
(the forms are black on white): at the zoom shown for the preview, 300 dpi for paper.

Nothing of this runs long in the window's thread:

- the PDF is made in a worker (`background.run_in_background`, with progress and 取消);
- the preview (`PreviewDialog`) is its own scroll view of page images: only the pages
  in view (and the next one) are rasterised, by one `PageRenderer` thread, and the
  window's thread only draws finished images — a preview of a thousand pages opens
  and scrolls as fast as one of two;
- 打印 paints the pages onto the `QPrinter` in a worker too (Qt allows a QPainter on a
  QPrinter outside the GUI thread), one page per `cancel.checkpoint()`, so 取消 stops it.

PDFium is not thread-safe, not even across documents: every call goes through
`_PDFIUM`, a lock, so the renderer, a print run and a second preview take turns.
"""

from __future__ import annotations

import bisect
import io
import os
import threading
from collections import OrderedDict
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QRect, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QLabel,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...cancel import Cancelled, checkpoint
from ...errors import GoalEditorError
from ...export.pdf import document_title, render_document
from ...model import Document
from ..common.background import CANCELLED, run_in_background, snapshot
from ..common.messages import FONT_HINT, show_error, show_warning
from ..common.screen_fit import fit_to_screen

#: A preview shorter than this (a small screen) shows the page's width, not the whole
#: page: a whole A4 page would be too small to read.
FIT_WIDTH_BELOW = 700
PRINT_DPI = 300
_POINTS_PER_INCH = 72.0
#: PDFium may be used by one thread at a time (any document).
_PDFIUM = threading.Lock()


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
    """The pages of a PDF, rendered to greyscale `QImage`s on demand, from any thread."""

    def __init__(self, data: bytes):
        with _PDFIUM:
            self._pdf = pdfium.PdfDocument(data)
            self._sizes = [self._pdf.get_page_size(i) for i in range(len(self._pdf))]
        self._closed = False

    def __len__(self) -> int:
        return len(self._sizes)

    def size_points(self, index: int) -> tuple[float, float]:
        return self._sizes[index]

    def image(self, index: int, dpi: float) -> QImage:
        """Page *index* at *dpi*."""
        return self._render(index, dpi / _POINTS_PER_INCH)

    def image_width(self, index: int, width: int) -> QImage:
        """Page *index* rendered *width* pixels wide."""
        return self._render(index, width / self._sizes[index][0])

    def _render(self, index: int, scale: float) -> QImage:
        with _PDFIUM:
            if self._closed:
                return QImage()
            page = self._pdf[index]
            try:
                bitmap = page.render(
                    scale=scale,
                    grayscale=True,
                    force_bitmap_format=pdfium_raw.FPDFBitmap_Gray,
                )
                try:
                    data = bytes(bitmap.buffer)
                    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                finally:
                    bitmap.close()
            finally:
                page.close()
        image = QImage(data, width, height, stride, QImage.Format.Format_Grayscale8)
        return image.copy()  # own the pixels: `data` goes away

    def close(self) -> None:
        with _PDFIUM:
            if not self._closed:
                self._closed = True
                self._pdf.close()


class PageRenderer:
    """One thread rasterising the pages the preview asks for, in the order asked.

    `want` replaces what is asked (pages scrolled past are not rendered any more);
    `take` hands over the finished images.  Both are cheap: the window's thread calls
    them from paint events and a timer.
    """

    def __init__(self, pages: PdfPages):
        self._pages = pages
        self._cond = threading.Condition()
        self._wanted: list[tuple[int, int]] = []
        self._done: list[tuple[int, int, QImage]] = []
        self._job: tuple[int, int] | None = None  # being rendered
        self._closed = False
        #: Threads that rendered a page (the tests check it is never the window's).
        self.threads: set[int] = set()
        #: Started by the first request (a preview never shown starts no thread).
        self._thread: threading.Thread | None = None

    def want(self, requests: list[tuple[int, int]]) -> None:
        """Render these (page, width in pixels), first first, instead of what was asked."""
        with self._cond:
            if self._closed:
                return
            self._wanted = [job for job in requests if job != self._job]
            self._cond.notify()
            if self._thread is None and self._wanted:
                self._thread = threading.Thread(
                    target=self._run, name="goaleditor-preview", daemon=True
                )
                self._thread.start()

    def take(self) -> list[tuple[int, int, QImage]]:
        with self._cond:
            done, self._done = self._done, []
        return done

    def busy(self) -> bool:
        with self._cond:
            return bool(self._wanted or self._done or self._job)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._wanted and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                index, width = self._job = self._wanted.pop(0)
            self.threads.add(threading.get_ident())
            try:
                image = self._pages.image_width(index, width)
            except Exception:  # a page PDFium cannot draw stays a blank sheet
                image = QImage()
            with self._cond:
                self._job = None
                self._done.append((index, width, image))

    def close(self) -> None:
        """Stop after the page being rendered (at most one page's time)."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(timeout=10)


class PageView(QAbstractScrollArea):
    """The pages one below the other on grey, at a zoom; only finished images are drawn.

    A page not rendered yet shows as a white sheet saying so, and is asked of the
    `PageRenderer`; its image arrives a moment later (polled every `POLL_MS`).
    """

    #: The page at the top third of the view changed (0-based).
    pageChanged = Signal(int)
    #: The zoom changed (1.0: the page at its printed size on this screen).
    zoomChanged = Signal(float)

    GAP = 14
    POLL_MS = 25
    MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
    #: Rendered images kept (bytes); pages further away are rendered again when needed.
    CACHE_BYTES = 96 * 1024 * 1024

    FIT_WIDTH, FIT_PAGE = "width", "page"

    def __init__(self, pages: PdfPages, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages = pages
        self.renderer = PageRenderer(pages)
        self._zoom = 1.0
        self._fit: str | None = self.FIT_PAGE
        #: Each page's size in points, and on screen at the zoom (logical pixels).
        self._points = [pages.size_points(i) for i in range(len(pages))]
        self._largest = (
            max((w for w, _h in self._points), default=595.0),
            max((h for _w, h in self._points), default=842.0),
        )
        self._sizes: list[tuple[int, int]] = []
        self._tops: list[int] = []
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._cached_bytes = 0
        #: Pages PDFium could not draw: shown as such, not asked for again.
        self._failed: set[int] = set()
        self._current = 0
        self._going = False
        self.viewport().setAutoFillBackground(True)
        palette = self.viewport().palette()
        palette.setColor(self.viewport().backgroundRole(), QColor("#8a8a8a"))
        self.viewport().setPalette(palette)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Always there: a bar coming and going would change the width a fit depends on.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self._poll = QTimer(self, interval=self.POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._relayout()

    # ------------------------------------------------------------ geometry

    def page_count(self) -> int:
        return len(self.pages)

    def current_page(self) -> int:
        return self._current

    def zoom(self) -> float:
        return self._zoom

    def fit_mode(self) -> str | None:
        return self._fit

    def _fit_zoom(self) -> float:
        widest, tallest = self._largest
        unit = self.logicalDpiX() / _POINTS_PER_INCH
        room = self.viewport().size()
        by_width = (room.width() - 2 * self.GAP) / (widest * unit)
        if self._fit == self.FIT_WIDTH:
            return by_width
        return min(by_width, (room.height() - 2 * self.GAP) / (tallest * unit))

    def _relayout(self) -> None:
        """Page positions and scroll ranges for the zoom (keeps the page in view)."""
        keep = self._current
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        offset = vbar.value() - (self._tops[keep] if self._tops else 0)
        old_height = self._sizes[keep][1] if self._sizes else 1
        if self._fit is not None:
            self._zoom = max(self.MIN_ZOOM, min(self.MAX_ZOOM, self._fit_zoom()))
        scale = self._zoom * self.logicalDpiX() / _POINTS_PER_INCH
        sizes = [(max(1, round(w * scale)), max(1, round(h * scale))) for w, h in self._points]
        tops, y, gap = [], self.GAP, self.GAP
        for _width, height in sizes:
            tops.append(y)
            y += height + gap
        widest = max((w for w, _h in sizes), default=0)
        self._sizes, self._tops, self._content = sizes, tops, (widest + 2 * gap, y)
        room = self.viewport().size()
        vbar.setRange(0, max(0, y - room.height()))
        vbar.setPageStep(room.height())
        vbar.setSingleStep(40)
        hbar.setRange(0, max(0, widest + 2 * gap - room.width()))
        hbar.setPageStep(room.width())
        hbar.setSingleStep(40)
        if tops:
            vbar.setValue(tops[keep] + round(offset * sizes[keep][1] / max(1, old_height)))
        self.viewport().update()

    def page_rect(self, index: int) -> QRect:
        """Where page *index* is in the viewport now."""
        width, height = self._sizes[index]
        content_width = self._content[0]
        room = self.viewport().width()
        if content_width <= room:
            left = (room - width) // 2
        else:
            left = self.GAP - self.horizontalScrollBar().value()
        return QRect(left, self._tops[index] - self.verticalScrollBar().value(), width, height)

    def visible_pages(self) -> range:
        if not self._tops:
            return range(0)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(0, bisect.bisect_right(self._tops, top) - 1)
        last = max(first, bisect.bisect_left(self._tops, bottom) - 1)
        return range(first, min(last, len(self._tops) - 1) + 1)

    # ------------------------------------------------------------ commands

    def set_zoom(self, zoom: float) -> None:
        self._fit = None
        self._zoom = max(self.MIN_ZOOM, min(self.MAX_ZOOM, zoom))
        self._relayout()
        self.zoomChanged.emit(self._zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    def set_fit(self, mode: str) -> None:
        self._fit = mode
        self._relayout()
        self.zoomChanged.emit(self._zoom)

    def go_to(self, index: int) -> None:
        if not self._tops:
            return
        index = max(0, min(index, len(self._tops) - 1))
        self._going = True  # the last pages cannot come to the top: they are still current
        try:
            self.verticalScrollBar().setValue(self._tops[index] - self.GAP)
        finally:
            self._going = False
        self._set_current(index)

    # ------------------------------------------------------------ events

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()
        if self._fit is not None:
            self.zoomChanged.emit(self._zoom)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self._zoom * 1.25**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Home and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to(0)
        elif key == Qt.Key.Key_End and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.go_to(len(self._tops) - 1)
        else:
            super().keyPressEvent(event)

    def _scrolled(self, *_args) -> None:
        if self._tops and not self._going:
            probe = self.verticalScrollBar().value() + self.viewport().height() // 3
            self._set_current(max(0, bisect.bisect_right(self._tops, probe) - 1))
        self.viewport().update()

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            self.pageChanged.emit(index)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        ratio = self.devicePixelRatioF()
        wanted: list[tuple[int, int]] = []
        visible = self.visible_pages()
        for index in visible:
            rect = self.page_rect(index)
            painter.fillRect(rect.translated(3, 3), QColor("#5a5a5a"))  # a little shadow
            painter.fillRect(rect, Qt.GlobalColor.white)
            image = self._images.get(index)
            target = round(rect.width() * ratio)
            if image is not None:
                painter.drawImage(QRectF(rect), image)
                self._images.move_to_end(index)
            else:
                painter.setPen(QPen(QColor("#777777")))
                failed = index in self._failed
                text = f"第 {index + 1} 页无法显示" if failed else f"正在生成第 {index + 1} 页……"
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            if index not in self._failed and (image is None or image.width() != target):
                wanted.append((index, target))
        for index in (visible.stop, visible.start - 1):  # the next page, then the one before
            if 0 <= index < len(self._tops) and index not in self._failed:
                target = round(self._sizes[index][0] * ratio)
                image = self._images.get(index)
                if image is None or image.width() != target:
                    wanted.append((index, target))
        painter.end()
        self.renderer.want(wanted)
        if wanted and not self._poll.isActive():
            self._poll.start()

    def _collect(self) -> None:
        """Take the renderer's finished images into the cache and show them."""
        ratio = self.devicePixelRatioF()
        changed = False
        for index, width, image in self.renderer.take():
            if image.isNull():
                self._failed.add(index)
                changed = True
                continue
            if width != round(self._sizes[index][0] * ratio):
                continue  # the zoom changed meanwhile
            old = self._images.pop(index, None)
            if old is not None:
                self._cached_bytes -= old.sizeInBytes()
            self._images[index] = image
            self._cached_bytes += image.sizeInBytes()
            changed = True
        visible = set(self.visible_pages())
        for index in list(self._images):
            if self._cached_bytes <= self.CACHE_BYTES:
                break
            if index not in visible:
                self._cached_bytes -= self._images.pop(index).sizeInBytes()
        if changed:
            self.viewport().update()
        elif not self.renderer.busy():
            self._poll.stop()

    def shutdown(self) -> None:
        """The preview closes: stop the renderer, drop the images."""
        self._poll.stop()
        self.renderer.close()
        self._images.clear()


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


def paint_pages(
    printer: QPrinter,
    pages: PdfPages,
    dpi: int = PRINT_DPI,
    painted: Callable[[int], None] | None = None,
) -> int:
    """Paint *pages* onto *printer*, one PDF page per sheet; return the sheets painted.

    Runs in a worker as well as in the window's thread; `cancel.checkpoint()` before each
    page, and a cancelled run is aborted on the printer (nothing more is sent).
    *painted* hears the number of sheets painted so far after each one.
    """
    indices = _page_indices(printer, len(pages))
    # Each sheet turns as its page lies (a printer and a PDF file take that sheet by sheet).
    sideways = [_sideways(pages, i) for i in indices]
    if indices:
        _turn(printer, sideways[0])
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            "无法开始打印：打印机不可用或没有响应。请检查打印机是否已连接并开机，"
            "或选择其他打印机后重试。"
        )
    try:
        for n, index in enumerate(indices):
            checkpoint()
            if n:
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
            if painted is not None:
                painted(n + 1)
    except Cancelled:
        printer.abort()
        raise
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


class PreviewDialog(QDialog):
    """打印预览: the pages, 打印…, zoom (适合宽度 / 适合页面 / 放大 / 缩小) and page
    navigation (首页 / 上一页 / 第 n 页 / 下一页 / 末页)."""

    def __init__(self, pages: PdfPages, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        self.pages = pages
        self._title = title
        self._printer: QPrinter | None = None  # made when first printing: it is slow to make
        #: Sheets sent by the last 打印 (None: not printed).
        self.printed: int | None = None
        self.font_notes: tuple[str, ...] = ()

        self.view = PageView(pages, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar = self.toolbar

        def add(text: str, slot, name: str, keys=None, tip: str = "") -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False: slot())
            if keys is not None:
                action.setShortcuts(keys if isinstance(keys, list) else [keys])
            action.setToolTip(tip or text)
            bar.addAction(action)
            return action

        self.print_action = add(
            "打印…", self.print_, "printAction", QKeySequence(QKeySequence.StandardKey.Print),
            "选择打印机并打印",
        )  # fmt: skip
        bar.addSeparator()
        fits = QActionGroup(self)
        fits.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.fit_width_action = add(
            "适合宽度", lambda: self.view.set_fit(PageView.FIT_WIDTH), "fitWidthAction"
        )
        self.fit_page_action = add(
            "适合页面", lambda: self.view.set_fit(PageView.FIT_PAGE), "fitPageAction"
        )
        for action in (self.fit_width_action, self.fit_page_action):
            action.setCheckable(True)
            fits.addAction(action)
        zoom_out = QKeySequence(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action = add("缩小", self.view.zoom_out, "zoomOutAction", zoom_out)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("400%") + 12)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        self.zoom_in_action = add(
            "放大",
            self.view.zoom_in,
            "zoomInAction",
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
        )
        bar.addSeparator()
        count = len(pages)
        self.first_action = add("首页", lambda: self.view.go_to(0), "firstPageAction")
        self.prev_action = add(
            "上一页", lambda: self.view.go_to(self.view.current_page() - 1), "previousPageAction"
        )
        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, max(1, count))
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAccessibleName("页码")
        self.page_box.valueChanged.connect(lambda n: self.view.go_to(n - 1))
        bar.addWidget(self.page_box)
        self.count_label = QLabel(f" / 共 {count} 页 ", self)
        bar.addWidget(self.count_label)
        self.next_action = add(
            "下一页", lambda: self.view.go_to(self.view.current_page() + 1), "nextPageAction"
        )
        self.last_action = add("末页", lambda: self.view.go_to(count - 1), "lastPageAction")
        bar.addSeparator()
        add("关闭", self.reject, "closeAction")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)

        self.view.pageChanged.connect(self._page_changed)
        self.view.zoomChanged.connect(self._zoom_changed)
        self.finished.connect(lambda _result: self.shutdown())
        # A dialog deleted without being closed: still no PDFium left to a finalizer,
        # which could run in any thread.
        renderer = self.view.renderer
        self.destroyed.connect(lambda *_args: (renderer.close(), pages.close()))
        self.fit_page_action.setChecked(True)
        self._page_changed(0)
        self._zoom_changed(self.view.zoom())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.view.setFocus()

    def _page_changed(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        last = len(self.pages) - 1
        for action, enabled in (
            (self.first_action, index > 0),
            (self.prev_action, index > 0),
            (self.next_action, index < last),
            (self.last_action, index < last),
        ):
            action.setEnabled(enabled)

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        mode = self.view.fit_mode()
        self.fit_width_action.setChecked(mode == PageView.FIT_WIDTH)
        self.fit_page_action.setChecked(mode == PageView.FIT_PAGE)

    def fit_width(self) -> None:
        self.fit_width_action.trigger()

    @property
    def printer(self) -> QPrinter:
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            setup_printer(self._printer, self._title)
        return self._printer

    def print_(self) -> bool:
        """打印…: the printer and pages in Qt's print dialog, then the pages in a worker."""
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, max(1, len(self.pages)))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        sheets = len(_page_indices(self.printer, len(self.pages)))
        so_far = [0]
        try:
            done = run_in_background(
                self,
                "打印",
                f"正在打印（共 {sheets} 页），请稍候……",
                lambda: paint_pages(
                    self.printer, self.pages, painted=lambda n: so_far.__setitem__(0, n)
                ),
                progress=lambda: (so_far[0], sheets),
            )
        except GoalEditorError as err:
            show_error(self, "打印", str(err))
            return False
        if done is CANCELLED:
            return False
        self.printed = done
        self.accept()
        return True

    def shutdown(self) -> None:
        """Stop the page renderer and free the PDF (the dialog is closing)."""
        self.view.shutdown()
        self.pages.close()


def make_preview_dialog(
    parent: QWidget | None,
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
    rendered: tuple[PdfPages | bytes, tuple[str, ...]] | None = None,
) -> PreviewDialog:
    """The 打印预览 dialog for *doc*; its 打印… asks for a printer (QPrintDialog).

    *rendered* is the pages (or the PDF) and font notes when they were made already (in a
    worker).  ``dialog.font_notes`` holds what the clerk should know about the fonts used.
    """
    if rendered is None:
        rendered = render_pages(doc, projects, font_path)
    source, notes = rendered
    pages = source if isinstance(source, PdfPages) else PdfPages(source)
    dialog = PreviewDialog(pages, document_title(doc), parent)
    fit_to_screen(dialog, 900, 1000)
    if dialog.height() < FIT_WIDTH_BELOW:
        dialog.fit_width()
    dialog.font_notes = notes
    return dialog


def preview_widget(dialog: PreviewDialog) -> PageView:
    return dialog.view


def open_print_preview(
    parent: QWidget | None,
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> PreviewDialog | None:
    """The 打印预览 dialog, its PDF made in a worker from a snapshot of *doc* (progress,
    取消); None when cancelled or when it cannot be made (the clerk was told why)."""
    copy = snapshot(doc)

    def work() -> tuple[PdfPages, tuple[str, ...]]:
        data, notes = render_pages(copy.load(), projects, font_path)
        checkpoint()
        return PdfPages(data), notes

    try:
        rendered = run_in_background(parent, "打印预览", "正在准备打印预览，请稍候……", work)
        if rendered is CANCELLED:
            return None
        dialog = make_preview_dialog(parent, doc, projects, font_path, rendered)
    except GoalEditorError as err:
        show_error(parent, "打印预览", str(err))
        return None
    if dialog.font_notes:
        show_warning(parent, "打印预览", "\n".join(dialog.font_notes) + FONT_HINT)
    return dialog


def show_print_preview(
    parent: QWidget | None,
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> None:
    """打印预览 of the whole document or the selected projects (indices), modal.

    The PDF is made in a worker thread from a snapshot of *doc*, with a progress
    dialog and 取消; the pages are rasterised in another as they come into view.
    """
    dialog = open_print_preview(parent, doc, projects, font_path)
    if dialog is None:
        return
    dialog.exec()
    dialog.deleteLater()
