"""Library entries into an indicator table: by 插入 and by drag and drop.

Both go through `insert_entries`: the entries become rows (with their category,
description, value and basis; the year moved to the document's) inserted after the
current row, each joining its 一级/二级 group, as one undo step.  A drag carries the
entries as JSON under `MIME_TYPE`; the table's viewport accepts that type through an
event filter, so the table itself needs no code for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt

from ...library.entries import LibraryEntry
from ..indicators.table import IndicatorTable

MIME_TYPE = "application/x-goaleditor-library-entries"


def entries_mime(entries: Sequence[LibraryEntry]) -> QMimeData:
    """Drag data: the entries as JSON, and their names as plain text (for other programs)."""
    data = QMimeData()
    payload = json.dumps([asdict(e) for e in entries], ensure_ascii=False)
    data.setData(MIME_TYPE, payload.encode("utf-8"))
    data.setText("\n".join(e.name for e in entries))
    return data


def mime_entries(data: QMimeData) -> list[LibraryEntry]:
    """The entries a drag carries ([] for any other drag, or damaged data)."""
    if not data.hasFormat(MIME_TYPE):
        return []
    try:
        rows = json.loads(bytes(data.data(MIME_TYPE)).decode("utf-8"))
        return [LibraryEntry(**row) for row in rows]
    except (ValueError, TypeError):
        return []


def insert_entries(
    table: IndicatorTable, entries: Sequence[LibraryEntry], at: int | None = None
) -> int:
    """Insert *entries* into the table's owner (after the current row, or at *at*); how many."""
    if table.owner is None or not entries:
        return 0
    year = table.ctx.document.fiscal_year
    rows = [entry.to_indicator(year) for entry in entries]
    if at is None:
        current = table.rows.current_row()
        at = current + 1 if current >= 0 else table.model.rowCount()
    names = "、".join(f"“{r.name}”" for r in rows[:3]) + ("等" if len(rows) > 3 else "")
    table.rows.insert(at, rows, f"从指标库插入{names}")
    return len(rows)


class LibraryDrop(QObject):
    """Lets *table* take entries dropped from the library (before the row under the mouse,
    or at the end); *dropped* is told how many went in."""

    def __init__(self, table: IndicatorTable, dropped: Callable[[int], None] = lambda _n: None):
        super().__init__(table)
        self.table = table
        self.dropped = dropped
        table.view.setAcceptDrops(True)
        table.view.viewport().setAcceptDrops(True)
        table.view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.DragEnter, QEvent.DragMove, QEvent.Drop):
            return False
        if not event.mimeData().hasFormat(MIME_TYPE) or self.table.owner is None:
            return False
        if kind != QEvent.Drop:
            event.setDropAction(Qt.CopyAction)
            event.accept()
            return True
        entries = mime_entries(event.mimeData())
        row = self.table.view.rowAt(event.position().toPoint().y())
        at = row if row >= 0 else self.table.model.rowCount()
        count = insert_entries(self.table, entries, at)
        event.setDropAction(Qt.CopyAction)
        event.accept()
        self.dropped(count)
        return True
