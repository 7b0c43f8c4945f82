"""A worksheet seen as the form it shows: values by position, merges resolved, labels found.

Cells inside a merged range read as the value of its top-left cell, so a 一级 merged
over five rows reads the same on each of them.  Labels are compared without blanks
(``其中：财政    资金`` is ``其中：财政资金``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from ..cancel import checkpoint

_BLANKS = re.compile(r"\s+")


def norm(text: str) -> str:
    """A label without blanks and with ASCII brackets as full-width ones."""
    return _BLANKS.sub("", text).replace("(", "（").replace(")", "）").replace(":", "：")


#: How Excel (and XlsxWriter) store a control character such as ``\r`` in a text:
#: ``_x000D_``.  openpyxl leaves these escapes in the text it reads.
_CONTROL_ESCAPE = re.compile("_x00([01][0-9A-Fa-f])_")


_NUMBER_PREFIX = re.compile(r"^\s*\d+\s*[、.．]\s*")
_EXACT_NUMBER_PREFIX = re.compile(r"^\d+[、.．]")


def split_numbered(text: str, exact: bool = False) -> list[str]:
    """``1、甲`` and ``2、乙`` on their lines → [甲, 乙]; blank lines dropped (the reverse
    of `forms.common.numbered`).

    *exact* (a sheet goaleditor wrote): only the number and its mark come off, so the
    blanks a goal begins with are kept; else blanks typed around the number go too.
    """
    prefix = _EXACT_NUMBER_PREFIX if exact else _NUMBER_PREFIX
    items = []
    for line in text.split("\n"):
        if line.strip():
            items.append(prefix.sub("", line, count=1))
    return items


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

    def __init__(
        self,
        title: str,
        rows: Iterable[Sequence],
        merges: Iterable[tuple[int, int, int, int]] = (),
        formulas: dict[tuple[int, int], str] | None = None,
        texts: dict[tuple[int, int], str] | None = None,
    ):
        """*rows*: the sheet's values row by row (``iter_rows(values_only=True)``, formula
        cells as the value Excel showed); *merges*: 0-based (top, left, bottom, right)
        ranges; *formulas*: cell → formula.  A formula cell without a saved result (a file
        never opened in Excel) reads as its formula, ``=…``.  *texts*: (row, column) of
        the sheet → a text read instead of the cell's value (the whole of a text the
        export had to cut to fit the cell)."""
        formulas = formulas or {}
        self.title = title
        values: dict[tuple[int, int], object] = {}
        n_rows = n_cols = 0
        for r, row in enumerate(rows):
            checkpoint()  # 取消 in the window stops here
            for c, value in enumerate(row):
                if value is not None:
                    if isinstance(value, str):
                        value = unescape_controls(value)
                    values[(r, c)] = value
                    n_cols = max(n_cols, c + 1)
            n_rows = r + 1
        if texts:
            values.update(texts)
        #: Formula cells without a saved result, read as the formula itself.
        unevaluated = set()
        for (r, c), formula in formulas.items():
            if (r, c) not in values and formula:
                values[(r, c)] = "=" + formula
                unevaluated.add((r, c))
                n_rows, n_cols = max(n_rows, r + 1), max(n_cols, c + 1)
        boxes = list(merges)
        for _top, _left, bottom, right in boxes:
            n_rows, n_cols = max(n_rows, bottom + 1), max(n_cols, right + 1)
        self.n_cols = n_cols
        #: Sheet row (0-based) of each row of the view.
        self.rows = _own_rows(n_rows, self.n_cols, boxes)
        index = {sheet_row: r for r, sheet_row in enumerate(self.rows)}
        self.n_rows = len(self.rows)
        self.values: dict[tuple[int, int], object] = {
            (index[r], c): value for (r, c), value in values.items() if r in index
        }
        #: Formula cells (in view rows) → whether the value read is the formula itself.
        self.formulas = {(index[r], c): (r, c) in unevaluated for r, c in formulas if r in index}
        #: Formula cells whose value a reader has taken (each gets a note).
        self.formulas_read: set[tuple[int, int]] = set()
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
        # Labels by their text without blanks: `find` looks up instead of scanning the sheet.
        self._texts: list[tuple[int, int, str]] = sorted(
            (r, c, norm(value)) for (r, c), value in self.values.items() if isinstance(value, str)
        )
        self._labels: dict[str, list[tuple[int, int]]] = {}
        for r, c, text in self._texts:
            if self.origin(r, c) == (r, c):
                self._labels.setdefault(text, []).append((r, c))

    @classmethod
    def of_worksheet(cls, ws) -> SheetView:
        """The view of a worksheet openpyxl loaded in full (not read-only), merges included."""
        merges = [
            (rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
            for rng in ws.merged_cells.ranges
        ]
        return cls(ws.title, ws.iter_rows(min_row=1, min_col=1, values_only=True), merges)

    def sheet_row(self, r: int) -> int:
        """Row number (1-based, as Excel shows it) of row *r* of the view (beyond its
        last row: counted on from there, so a note about an empty sheet says row 1)."""
        if r >= len(self.rows):
            return (self.rows[-1] + 1 if self.rows else 0) + r - len(self.rows) + 1
        return self.rows[r] + 1

    def origin(self, r: int, c: int) -> tuple[int, int]:
        box = self.ranges.get((r, c))
        return (box[0], box[1]) if box else (r, c)

    def right_edge(self, r: int, c: int) -> int:
        box = self.ranges.get((r, c))
        return box[3] if box else c

    def raw(self, r: int, c: int):
        pos = self.origin(r, c)
        if pos in self.formulas:
            self.formulas_read.add(pos)
        return self.values.get(pos)

    def text(self, r: int, c: int) -> str:
        return as_text(self.raw(r, c))

    def is_merged_part(self, r: int, c: int) -> bool:
        """True for a cell inside a merged range other than its top-left cell."""
        return self.origin(r, c) != (r, c)

    def find(self, label: str, start_row: int = 0) -> tuple[int, int] | None:
        """First cell (by rows, then columns) whose text is *label*, ignoring blanks."""
        found = self._labels.get(norm(label))
        if not found:
            return None
        at = bisect.bisect_left(found, (start_row, -1))
        return found[at] if at < len(found) else None

    def texts(self) -> list[tuple[int, int, str]]:
        """(row, column, text without blanks) of every text cell, by rows then columns."""
        return self._texts

    def find_prefix(self, prefix: str, start_row: int = 0) -> tuple[int, int] | None:
        want = norm(prefix)
        start = bisect.bisect_left(self._texts, (start_row, -1, ""))
        for r, c, text in self._texts[start:]:
            if text.startswith(want):
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
                if (r, c) in self.formulas:
                    self.formulas_read.add((r, c))
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
