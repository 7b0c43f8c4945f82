"""A worksheet seen as the form it shows: values by position, merges resolved, labels found.

Cells inside a merged range read as the value of its top-left cell, so a 一级 merged
over five rows reads the same on each of them.  Labels are compared without blanks
(``其中：财政    资金`` is ``其中：财政资金``).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from openpyxl.worksheet.worksheet import Worksheet

_BLANKS = re.compile(r"\s+")


def norm(text: str) -> str:
    """A label without blanks and with ASCII brackets as full-width ones."""
    return _BLANKS.sub("", text).replace("(", "（").replace(")", "）").replace(":", "：")


#: How Excel (and XlsxWriter) store a control character such as ``\r`` in a text:
#: ``_x000D_``.  openpyxl leaves these escapes in the text it reads.
_CONTROL_ESCAPE = re.compile("_x00([01][0-9A-Fa-f])_")


def unescape_controls(text: str) -> str:
    """*text* with ``_x000D_``-style escapes of control characters turned back."""
    if "_x00" not in text:
        return text
    return _CONTROL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def as_text(value) -> str:
    """A cell value as the text the clerk sees (numbers without a trailing ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


class SheetView:
    """Read-only view of a worksheet as a grid of texts with merges resolved.

    A sheet row whose every cell continues a merged cell from above holds nothing of
    its own: the export writes a row too tall for Excel as several sheet rows merged
    down.  Such rows are left out, so the readers see one row per row of the form;
    `sheet_row` gives the row number on the sheet for notes.
    """

    def __init__(self, ws: Worksheet, texts: dict[tuple[int, int], str] | None = None):
        """*texts*: (row, column) of the sheet, 0-based → a text read instead of the
        cell's value (the whole of a text the export had to cut to fit the cell)."""
        self.title = ws.title
        self.n_cols = ws.max_column
        values: dict[tuple[int, int], object] = {}
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is not None:
                    if isinstance(value, str):
                        value = unescape_controls(value)
                    values[(cell.row - 1, cell.column - 1)] = value
        if texts:
            values.update(texts)
        boxes = [
            (rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
            for rng in ws.merged_cells.ranges
        ]
        #: Sheet row (0-based) of each row of the view.
        self.rows = _own_rows(ws.max_row, self.n_cols, boxes)
        index = {sheet_row: r for r, sheet_row in enumerate(self.rows)}
        self.n_rows = len(self.rows)
        self.values: dict[tuple[int, int], object] = {
            (index[r], c): value for (r, c), value in values.items() if r in index
        }
        #: (row, col) → (top row, left col, bottom row, right col) of its merged range.
        self.ranges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for top, left, bottom, right in boxes:
            if top not in index:
                continue
            last = max(r for r in range(top, bottom + 1) if r in index)
            box = (index[top], left, index[last], right)
            for r in range(box[0], box[2] + 1):
                for c in range(left, right + 1):
                    self.ranges[(r, c)] = box

    def sheet_row(self, r: int) -> int:
        """Row number (1-based, as Excel shows it) of row *r* of the view."""
        return self.rows[r] + 1

    def origin(self, r: int, c: int) -> tuple[int, int]:
        box = self.ranges.get((r, c))
        return (box[0], box[1]) if box else (r, c)

    def right_edge(self, r: int, c: int) -> int:
        box = self.ranges.get((r, c))
        return box[3] if box else c

    def raw(self, r: int, c: int):
        return self.values.get(self.origin(r, c))

    def text(self, r: int, c: int) -> str:
        return as_text(self.raw(r, c))

    def is_merged_part(self, r: int, c: int) -> bool:
        """True for a cell inside a merged range other than its top-left cell."""
        return self.origin(r, c) != (r, c)

    def find(self, label: str, start_row: int = 0) -> tuple[int, int] | None:
        """First cell (by rows, then columns) whose text is *label*, ignoring blanks."""
        want = norm(label)
        for r in range(start_row, self.n_rows):
            for c in range(self.n_cols):
                if self.origin(r, c) != (r, c):
                    continue
                value = self.values.get((r, c))
                if isinstance(value, str) and norm(value) == want:
                    return r, c
        return None

    def find_prefix(self, prefix: str, start_row: int = 0) -> tuple[int, int] | None:
        want = norm(prefix)
        for r in range(start_row, self.n_rows):
            for c in range(self.n_cols):
                value = self.values.get((r, c))
                if isinstance(value, str) and norm(value).startswith(want):
                    return r, c
        return None

    def right_of(self, pos: tuple[int, int] | None):
        """Raw value of the cell right of the (possibly merged) cell at *pos*."""
        if pos is None:
            return None
        r, c = pos
        return self.raw(r, self.right_edge(r, c) + 1)

    def row_cells(self, r: int) -> list[tuple[int, str]]:
        """(column, text) of each top-left cell in row *r* that has a value."""
        out = []
        for c in range(self.n_cols):
            if self.origin(r, c) == (r, c) and (r, c) in self.values:
                out.append((c, as_text(self.values[(r, c)])))
        return out

    def row_is_blank(self, r: int) -> bool:
        return all(not self.text(r, c).strip() for c in range(self.n_cols))


def _own_rows(n_rows: int, n_cols: int, boxes: list[tuple[int, int, int, int]]) -> list[int]:
    """Sheet rows that are not wholly the continuation of merged cells from above."""
    below: dict[int, set[int]] = {}
    for top, left, bottom, right in boxes:
        for r in range(top + 1, bottom + 1):
            below.setdefault(r, set()).update(range(left, right + 1))
    every = range(n_cols)
    return [r for r in range(n_rows) if r not in below or not below[r].issuperset(every)]
