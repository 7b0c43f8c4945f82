"""A printed form as a grid of cells: the one description both writers render.

`forms` turns a document into `Form`s; the Excel writer and the PDF writer draw the
same `Form`, so what prints from Excel and from the PDF is the same form.  Units:
column widths in millimetres, font sizes in points.  Row heights are not stored:
each writer measures the wrapped text of a row in its own medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: Font roles: "body" prints in 宋体 (SimSun), "title" in 黑体 (SimHei).
BODY = "body"
TITLE = "title"


@dataclass(frozen=True)
class Style:
    font: str = BODY
    #: Points; 10.5 pt is 五号, the size of the published tables.
    size: float = 10.5
    bold: bool = False
    #: "left", "center", "right".
    align: str = "center"
    #: "top", "middle".
    valign: str = "middle"
    #: Draw a thin border around the cell (around every cell of a merged range).
    border: bool = True
    wrap: bool = True


@dataclass
class Cell:
    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    style: Style = field(default_factory=Style)
    #: For amounts: the number Excel stores (``text`` is its two-decimal rendering).
    number: Decimal | None = None
    #: The model field the cell shows (``level1``, ``level2``, ``name``, ``value``,
    #: ``budget.total`` …), "" for labels and fixed text.  Lets the template put
    #: dropdowns on the right cells; writers may ignore it.
    key: str = ""
    #: When the PDF splits the cell across pages, print its whole text again in every
    #: part it fits in (a merged 一级/二级 or section label spanning several rows).
    #: Otherwise the text flows on from part to part and prints once.
    repeat_on_split: bool = False


@dataclass
class Form:
    """One printed form: a sheet in Excel, one or more pages in the PDF."""

    #: Excel sheet name: unique in the workbook, ≤ 31 characters, none of []:*?/\.
    sheet_name: str
    #: PDF bookmark (outline entry) title.
    bookmark: str
    col_widths_mm: list[float]
    n_rows: int = 0
    cells: list[Cell] = field(default_factory=list)
    #: Rows [start, stop) repeated at the top of every printed page after the first
    #: (the indicator header), or None.
    repeat_rows: tuple[int, int] | None = None
    #: Row indices before which a page break is forbidden (keep label rows with the
    #: row below); writers may ignore rows not listed.
    keep_with_next: set[int] = field(default_factory=set)
    #: Every table on the form whose header repeats where it continues on a new page:
    #: (header start, header stop, body stop) — rows [start, stop) are printed again at
    #: the top of a page that continues rows [stop, body stop).  A form with several
    #: tables (the Guangzhou 年度重点工作任务 and its indicators) lists each.
    headers: list[tuple[int, int, int]] = field(default_factory=list)
    #: Print on A4 turned sideways (the layout's page setup; `layouts.page_size`).
    landscape: bool = False

    def add(self, row: int, col: int, text: str = "", **kwargs) -> Cell:
        cell = Cell(row, col, text, **kwargs)
        self.cells.append(cell)
        self.n_rows = max(self.n_rows, row + cell.rowspan)
        return cell

    def repeat_header(self, start: int, stop: int, body_stop: int) -> None:
        """Print rows [start, stop) again on every page that continues rows up to *body_stop*,
        and never end a page with them alone."""
        self.headers.append((start, stop, body_stop))
        self.keep_with_next.add(stop)

    def tables(self) -> list[tuple[int, int, int]]:
        """Each repeating header as (start, stop, body stop): `headers`, or for a form that
        only names its `repeat_rows`, that header over the rest of the form."""
        if not self.headers and self.repeat_rows is not None:
            return [(*self.repeat_rows, self.n_rows)]
        return list(self.headers)

    def header_rows(self) -> set[int]:
        """Every row of a repeating header."""
        return {
            r for start, stop, _body in self.tables() for r in range(start, min(stop, self.n_rows))
        }

    def header_for(self, row: int) -> range:
        """The header rows to repeat above *row* when it starts or continues a page."""
        for start, stop, body_stop in self.tables():
            if stop <= row < body_stop:
                return range(start, min(stop, self.n_rows))
        return range(0)

    @property
    def n_cols(self) -> int:
        return len(self.col_widths_mm)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell whose top-left corner is (row, col), if any."""
        for cell in self.cells:
            if cell.row == row and cell.col == col:
                return cell
        return None
