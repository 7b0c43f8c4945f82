"""Indicator table columns that share the window's width, as the printed form does.

The short columns (一级/二级/指标值 …) are as wide as their content, within limits; the
long text columns (三级/描述/依据/指标解释/评分标准) share what is left in proportion to their widths, so
text wraps and rows grow instead of running past the right edge.  The clerk can still
drag a column wider or narrower: the dragged column keeps its new width and the other
long columns give or take the difference, so the table keeps fitting the window.  In a
window too narrow for that (a small screen) the short columns give up room too, down to
their lower limits, and take it back when the window widens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView

#: Columns of long text that share the free width.
LONG_FIELDS = frozenset({"name", "description", "basis", "explanation", "scoring"})
#: Starting shares of the long columns (the clerk's drags change them).
LONG_WEIGHTS = {"name": 3, "description": 4, "basis": 3, "explanation": 3, "scoring": 3}
#: Narrowest a long column gets before the table scrolls sideways.
LONG_MIN = 96
#: Width limits of the short columns, sized to their content within these.
SHORT_LIMITS = {
    "number": (44, 64),
    "level1": (72, 120),
    "level2": (88, 160),
    "period_value": (88, 170),
    "value": (80, 160),
    "weight": (44, 64),
    "basis_type": (72, 120),
    "last_value": (72, 140),
}
#: Room around a cell's text (frame, margins) and around a bold header title.
CELL_PADDING = 18
HEADER_PADDING = 14


class ColumnFitter(QObject):
    """Keeps the columns of *view* filling its viewport; *field_of(column)* names a column.

    *view* has a ``resized`` signal, emitted when its viewport changes size or it is shown
    (`IndicatorView`).
    """

    #: The clerk dragged a column and the others have made room: widths worth remembering.
    resizedByClerk = Signal()

    def __init__(self, view: QTableView, field_of: Callable[[int], str]):
        super().__init__(view)
        self.view = view
        self.field_of = field_of
        self._fitting = False
        #: The column the clerk is dragging, which keeps its width while others adapt.
        self._anchor: int | None = None
        #: Short columns' widths from their content or the clerk, before any narrowing.
        self._natural: dict[int, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._section_resized)
        view.resized.connect(self._view_resized)

    def reset(self) -> None:
        """New columns or rows: short columns to their content, long ones to their shares."""
        model = self.view.model()
        header = self.view.horizontalHeader()
        cells = QFontMetrics(self.view.font())
        bold = QFont(header.font())
        bold.setBold(True)
        titles = QFontMetrics(bold)
        long_total = max(self.available() - self._short_total_estimate(), 0)
        weights = sum(
            LONG_WEIGHTS[self.field_of(c)]
            for c in range(header.count())
            if self.field_of(c) in LONG_FIELDS
        )
        self._natural.clear()
        self._fitting = True
        try:
            for col in range(header.count()):
                field = self.field_of(col)
                if field in LONG_FIELDS:
                    width = max(LONG_MIN, long_total * LONG_WEIGHTS[field] // max(weights, 1))
                else:
                    low, high = SHORT_LIMITS.get(field, (60, 160))
                    title = model.headerData(col, Qt.Orientation.Horizontal)
                    width = titles.horizontalAdvance(str(title or "")) + HEADER_PADDING
                    for row in range(model.rowCount()):
                        text = str(model.index(row, col).data() or "")
                        line = max(text.splitlines() or [""], key=len)
                        width = max(width, cells.horizontalAdvance(line) + CELL_PADDING)
                    width = min(max(width, low), high)
                    self._natural[col] = width
                header.resizeSection(col, width)
        finally:
            self._fitting = False
        self._anchor = None
        self.fit()

    def _short_total_estimate(self) -> int:
        header = self.view.horizontalHeader()
        return sum(
            SHORT_LIMITS.get(self.field_of(c), (60, 160))[0]
            for c in range(header.count())
            if self.field_of(c) not in LONG_FIELDS
        )

    def available(self) -> int:
        """The width the columns share: the viewport's (estimated while hidden: the first
        call of ``viewport()`` costs a start-up several milliseconds)."""
        if self.view.isVisible():
            return self.view.viewport().width()
        return self.view.maximumViewportSize().width()

    def fit(self) -> None:
        """Resize the long columns so that all columns fill the viewport exactly."""
        self._timer.stop()
        if not self.view.isVisible():
            return  # fitted when shown
        header = self.view.horizontalHeader()
        count = header.count()
        widths = [header.sectionSize(c) for c in range(count)]
        long = [c for c in range(count) if self.field_of(c) in LONG_FIELDS]
        if not long:
            if self._anchor is not None:
                self.resizedByClerk.emit()
            return
        new = self._short_widths(widths, long)
        room = self.available() - sum(new.values())
        by_clerk = self._anchor is not None
        anchor = self._anchor if self._anchor in long and len(long) > 1 else None
        if anchor is not None:
            others = [c for c in long if c != anchor]
            keep = max(LONG_MIN, min(widths[anchor], room - LONG_MIN * len(others)))
            new[anchor] = keep
            new.update(_share(others, room - keep, widths, self._weights(others)))
        else:
            new.update(_share(long, room, widths, self._weights(long)))
        self._fitting = True
        try:
            for col, width in new.items():
                if header.sectionSize(col) != width:
                    header.resizeSection(col, width)
        finally:
            self._fitting = False
        if by_clerk:
            self.resizedByClerk.emit()

    def _short_widths(self, widths: list[int], long: list[int]) -> dict[int, int]:
        """The short columns at their natural widths, or narrower (down to their lower
        limits, in proportion to what each has above it) when the long ones would
        otherwise get less than LONG_MIN; a short column the clerk drags keeps its width."""
        short = [c for c in range(len(widths)) if c not in long]
        natural = {c: self._natural.get(c, widths[c]) for c in short}
        deficit = LONG_MIN * len(long) - (self.available() - sum(natural.values()))
        if deficit <= 0:
            return natural
        give = {
            c: max(natural[c] - SHORT_LIMITS.get(self.field_of(c), (60, 160))[0], 0)
            for c in short
            if c != self._anchor
        }
        spare = sum(give.values())
        if not spare:
            return natural
        take = min(deficit, spare)
        for c, part in give.items():
            natural[c] -= -(-take * part // spare)  # rounded up: the long columns fit
        return natural

    def _weights(self, columns: list[int]) -> list[int]:
        return [LONG_WEIGHTS.get(self.field_of(c), 1) for c in columns]

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        if self.field_of(column) not in LONG_FIELDS:
            self._natural[column] = new  # dragged or restored: the width it should have
        dragging = QApplication.mouseButtons() & Qt.MouseButton.LeftButton
        self._anchor = column if dragging else None
        self._timer.start()

    def _view_resized(self) -> None:
        self._anchor = None
        self.fit()


def _share(
    columns: list[int], total: int, widths: list[int], fallback: list[int]
) -> dict[int, int]:
    """Split *total* among *columns*, each LONG_MIN plus a part of the rest in proportion
    to what it has above LONG_MIN now (so widths that already fit stay as they are), or
    to *fallback* when all are at LONG_MIN."""
    if not columns:
        return {}
    if total <= LONG_MIN * len(columns):
        return dict.fromkeys(columns, LONG_MIN)
    excess = [max(widths[c] - LONG_MIN, 0) for c in columns]
    if not any(excess):
        excess = fallback
    spare, whole = total - LONG_MIN * len(columns), sum(excess)
    result: dict[int, int] = {}
    for col, part in zip(columns[:-1], excess[:-1], strict=True):
        result[col] = LONG_MIN + spare * part // whole
    result[columns[-1]] = total - sum(result.values())
    return result
