"""Row heights of a form's sheet, and which sheet rows each row of the form takes.

XlsxWriter cannot auto-fit rows, so heights come from `textmetrics`.  Excel allows a
row at most 409 pt; a row whose text needs more (a 450-character 绩效指标描述)
becomes several sheet rows, each at most `SPLIT_ROW_PT`, with every cell of the row
merged down across them — Excel and LibreOffice print a tall merged cell whole, over
a page break if need be, where a capped row would lose its first and last lines.  Whatever
refers to rows (cells, merges, print titles, print area) goes through `RowLayout`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..grid import Cell, Form, Style
from .textmetrics import text_height_pt
from .xlsx_labels import cell_width_mm, written_texts

#: Rows of the table are at least this high (points), as on the Word forms.
MIN_TABLE_ROW_PT = 20.0
MIN_PLAIN_ROW_PT = 16.0
#: Excel's limit.
MAX_ROW_PT = 409.0
#: A row taller than `MAX_ROW_PT` is split into sheet rows of at most this height.
SPLIT_ROW_PT = 400.0


@dataclass(frozen=True)
class RowLayout:
    """Where the rows of a form go on its sheet (0-based row indices)."""

    #: First sheet row of each form row, then the number of sheet rows.
    starts: tuple[int, ...]
    #: Height of each sheet row in points.
    heights: tuple[float, ...]
    #: Sheet rows each form row takes (more than one for a row taller than Excel allows).
    parts: tuple[int, ...] = ()
    #: Sheet rows a manual page break is placed before (see `xlsx_pages`).
    breaks: tuple[int, ...] = ()
    #: The form rows those pages start at.
    page_rows: tuple[int, ...] = ()
    #: (first sheet row, form rows) of each copy of a table's header rows written at
    #: the top of a page that continues the table.
    copies: tuple[tuple[int, range], ...] = ()
    #: Form rows repeated at the top of every page as Excel's print titles, if any.
    titles: range | None = None
    #: (first row, rows, height in points its text needs) of each label merged down
    #: several form rows that prints again on each page it spans (`repeat_on_split`):
    #: each part of it a page break makes must be that high (see `xlsx_pages`).
    labels: tuple[tuple[int, int, float], ...] = ()

    @property
    def n_rows(self) -> int:
        """Rows of the sheet."""
        return len(self.heights)

    def stop(self, row: int) -> int:
        """The sheet row after the last one of form row *row*."""
        if self.parts:
            return self.starts[row] + self.parts[row]
        return self.starts[row + 1]

    @property
    def is_split(self) -> bool:
        """Does any form row take more than one sheet row?"""
        return any(self.stop(r) - self.starts[r] > 1 for r in range(len(self.starts) - 1))

    def covers_split(self, row: int, rowspan: int = 1) -> bool:
        """Does a cell on form rows [row, row + rowspan) cover a row split in several?"""
        return any(self.stop(r) - self.starts[r] > 1 for r in range(row, row + rowspan))


def sheet_style(cell: Cell, layout: RowLayout) -> Style:
    """The cell's style on the sheet: top-aligned where it covers a split row.

    Such a cell may be printed across a page break; centred, a short text (一级,
    指标值) would sit in the middle of it, maybe right on the break, and be cut.
    """
    style = cell.style
    if style.valign == "middle" and layout.covers_split(cell.row, cell.rowspan):
        return replace(style, valign="top")
    return style


def row_layout(form: Form, texts: list[str] | None = None) -> RowLayout:
    """Sheet rows of *form*: one per row, several for a row taller than Excel allows.

    *texts*: the `written_texts` of the form, when the caller has them already.
    """
    starts = [0]
    heights: list[float] = []
    counts: list[int] = []
    needs, labels = _row_heights(form, texts)
    for need in needs:
        parts = 1 if need <= MAX_ROW_PT else math.ceil(need / SPLIT_ROW_PT)
        heights.extend([round(need / parts, 1)] * parts)
        starts.append(starts[-1] + parts)
        counts.append(parts)
    return RowLayout(tuple(starts), tuple(heights), tuple(counts), labels=tuple(labels))


def row_heights(form: Form, texts: list[str] | None = None) -> list[float]:
    """Height each row of *form* needs in points (no limit): tall enough for its cells;
    merged cells share out what they need."""
    return _row_heights(form, texts)[0]


def _row_heights(
    form: Form, texts: list[str] | None
) -> tuple[list[float], list[tuple[int, int, float]]]:
    """`row_heights`, and `RowLayout.labels`."""
    n = form.n_rows
    heights = [0.0] * n
    table = [False] * n  # rows of a bordered table: at least `MIN_TABLE_ROW_PT`
    spanning: list[tuple[Cell, float]] = []
    if texts is None:
        texts = written_texts(form)
    widths: dict[tuple[int, int], float] = {}
    for cell, text in zip(form.cells, texts, strict=True):
        style = cell.style
        row, rowspan = cell.row, cell.rowspan
        span = (cell.col, cell.colspan)
        width = widths.get(span)
        if width is None:
            width = widths[span] = cell_width_mm(form, cell)
        need = text_height_pt(text, width, style.size, style.wrap, style.bold)
        if rowspan == 1:
            if need > heights[row]:
                heights[row] = need
            if style.border:
                table[row] = True
        else:
            spanning.append((cell, need))
            if style.border:
                table[row : row + rowspan] = [True] * rowspan
    heights = [
        max(h, MIN_TABLE_ROW_PT if t else MIN_PLAIN_ROW_PT)
        for h, t in zip(heights, table, strict=True)
    ]
    for cell, need in spanning:
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if have < need:
            extra = (need - have) / cell.rowspan
            for r in rows:
                heights[r] += extra
    labels = [(c.row, c.rowspan, need) for c, need in spanning if c.repeat_on_split]
    return heights, labels


def uncovered(form: Form, layout: RowLayout) -> list[tuple[int, int]]:
    """(row, column) of each place in a split row that no cell of the form covers.

    They are merged down too, so that every extra sheet row continues its form row in
    every column, which is how the importer knows to read them as one row.
    """
    if not layout.is_split:
        return []
    covered = {r: set() for r in range(form.n_rows) if layout.stop(r) - layout.starts[r] > 1}
    for cell in form.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            if r in covered:
                covered[r].update(range(cell.col, cell.col + cell.colspan))
    return [(r, c) for r, cols in covered.items() for c in range(form.n_cols) if c not in cols]
