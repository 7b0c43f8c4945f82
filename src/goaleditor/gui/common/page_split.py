"""A page split in two: a scrolling form on top, a table below that gets the room.

On a 1366×768 screen at 150 % an editor page is under 300 pixels tall: a fixed split
leaves the table one row.  The form is given what it needs to show every field, but
never more than *share* of the page (it scrolls beyond that); the table gets the rest.
A split the clerk drags holds (up to three quarters of the page) until the page is
too small for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QScrollArea, QSplitter


class TopPaneFitter(QObject):
    """Keeps ``splitter.sizes()[0]`` at what the scroll area's form needs, within *share*."""

    #: The most of the page the clerk's drag may give the form.
    MOST = 0.75

    def __init__(self, splitter: QSplitter, scroll: QScrollArea, share: float):
        super().__init__(splitter)
        self.splitter, self.scroll, self.share = splitter, scroll, share
        #: The form's height the clerk chose by dragging the splitter (None: automatic).
        self.chosen: int | None = None
        self._pending = False
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)
        self._watched = None
        self.watch(scroll.widget())

    def watch(self, form) -> None:
        """Follow *form* (the scroll area's widget, after it was replaced)."""
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = form
        if form is not None:
            form.installEventFilter(self)
        self.schedule()

    def needed(self) -> int:
        """What the form needs to show every field without scrolling."""
        form = self.scroll.widget()
        if form is None:
            return 0
        if form.layout() is not None:
            form.layout().activate()
        return form.sizeHint().height() + 2 * self.scroll.frameWidth()

    def fit(self) -> None:
        self._pending = False
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) < 2 or self.splitter.widget(1).isHidden():
            return
        cap = int(total * self.share)
        if self.chosen is not None:
            cap = min(self.chosen, int(total * self.MOST))
        top = max(min(self.needed(), cap), self.scroll.minimumSizeHint().height())
        if sizes[0] != top:
            self.splitter.setSizes([top, total - top])

    def schedule(self) -> None:
        """Fit once the layout has settled (boxes grow and shrink as typed in)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.fit)

    def _moved(self, pos: int, _index: int) -> None:
        self.chosen = pos

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        resized = watched is self.splitter and kind in (QEvent.Type.Resize, QEvent.Type.Show)
        if resized or (watched is self._watched and kind == QEvent.Type.LayoutRequest):
            self.schedule()
        return False
