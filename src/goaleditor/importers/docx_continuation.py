"""Whether a Word table goes on with the form read before it.

A long form does not fit on one page: Word breaks it into a second table, or the clerk
splits it and says the header row again.  The rest of the form then follows either
under that repeated header (项目名称, 部门名称 or 一级指标 …, said again) or as bare
rows.  A table opening with a label says itself what its cells are; bare rows go on
with the previous table only when they stand on its columns (the same grid), since
nothing else says which cell is which.  A table that repeats the form's opening row
and then goes on with other rows is the same form; one that repeats the opening rows
themselves is a second form.
"""

from __future__ import annotations

from collections.abc import Callable

from .docx_cells import norm
from .wordtables import Row, Table


def content_rows(table: Table, skip: Callable[[Row], bool]) -> list[tuple[int, Row]]:
    """(index, row) of the rows with text, without those *skip* takes (unit lines)."""
    return [(i, row) for i, row in enumerate(table.rows) if not row.is_empty() and not skip(row)]


def first_label(row: Row) -> str:
    return next((norm(cell.text) for cell in row.cells if cell.text), "")


def fits(table: Table, row: Row, previous: Table) -> bool:
    """*row*, the first of *table*, stands on the columns of *previous*: the same grid
    width, and each cell begins and ends where a cell of *previous* does."""
    edges = previous.edges()
    return table.width == previous.width and all(
        cell.col in edges and cell.end in edges for cell in row.cells
    )


def repeats_opening(rows: list[Row], form_rows: list[Row]) -> bool:
    """*rows* (a table's) open with the opening row of *form_rows* (the form's first
    table) said again and then go on with other rows: a repeated header.

    When the row after it opens with the same label as in the form (项目名称 then
    预算规模…, 部门名称 then 年度主要任务), the table is a second copy of the form.
    """
    if not rows or not form_rows or _texts(rows[0]) != _texts(form_rows[0]):
        return False
    if len(rows) < 2 or len(form_rows) < 2:
        return True
    return first_label(rows[1]) != first_label(form_rows[1])


def _texts(row: Row) -> list[str]:
    return [norm(cell.text) for cell in row.cells if cell.text]
