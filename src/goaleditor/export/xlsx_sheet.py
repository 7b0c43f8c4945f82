"""Draw `grid.Form`s with XlsxWriter, ready to print on A4.

Both workbooks goaleditor writes — the export and the fill-in template — are made
here: `new_workbook` sets the workbook up, `render_form` draws one form on a sheet
(column widths, cells, styles, merges, row heights, print settings).  Row heights
and the sheet rows each form row takes come from `xlsx_rows`, the text of each
cell from `xlsx_labels`.  Everything goes through XlsxWriter's public API.

Borders go on every cell of a merged range (Excel draws a border from each cell, so
a border set only on the top-left cell leaves gaps); text cells are written as
strings even when they start with ``=`` or look like numbers or links.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import pairwise
from typing import IO, NamedTuple

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..cancel import checkpoint
from ..grid import TITLE, Cell, Form, Style
from .xlsx_labels import written_texts
from .xlsx_meta import cut_to_cell
from .xlsx_pages import PagePlan, paged_layout
from .xlsx_rows import RowLayout, row_layout, sheet_style, uncovered

FONT_NAMES = {TITLE: "黑体"}
BODY_FONT = "宋体"
#: GB2312 charset, so Excel picks the Chinese face even on a non-Chinese Windows.
CHARSET_GB2312 = 134

#: Fields that hold a count (财政供养人员数, 下属二级单位数): written as whole numbers when
#: they are one, so Excel sums and sorts them.
COUNT_KEYS = ("staff_count", "subunit_count")
COUNT_FORMAT = "0"
AMOUNT_FORMAT = "#,##0.00"
#: Excel's built-in "text" format: what is typed stays as typed.
TEXT_FORMAT = "@"

#: `cancel.checkpoint` once per this many cells of a form.
CELLS_PER_CHECKPOINT = 2000

#: Margins in inches: 15 mm at the sides leaves 180 mm for the form.
MARGINS = {"left": 0.59, "right": 0.59, "top": 0.75, "bottom": 0.75}
HEADER_MARGIN = 0.3
FOOTER_MARGIN = 0.35
FOOTER = "第 &P 页 共 &N 页"
FOOTER_SIZE = 9
#: XlsxWriter's paper code for A4.
PAPER_A4 = 9

#: The workbook's default font, whose digit width is the unit of column widths:
#: Calibri 11, Excel's own default, on Windows since Vista and with every Office.
#: LibreOffice substitutes Carlito for it, which has Calibri's metrics, so
#: the columns print the same width everywhere (a font without such a twin — 宋体,
#: or Arial where Liberation Sans is missing — makes LibreOffice's columns up to a
#: quarter wider than Excel's).
DEFAULT_FONT = {"font_name": "Calibri", "font_size": 11}
#: Width of a digit of `DEFAULT_FONT` in pixels at 96 dpi (Excel's "maximum digit width").
DIGIT_PX = 7
#: Excel's default column (8.43 digits) in Calibri 11, in pixels: tells XlsxWriter that
#: a digit is `DIGIT_PX` wide, so the widths it writes are in Calibri digits.
DEFAULT_COLUMN_PX = 64
#: How much wider than ``width × DIGIT_PX`` pixels a column may print: Excel rounds
#: Calibri's digit (7.43 px at 11 pt) down to 7 px, LibreOffice and Excel at other
#: screen resolutions use (nearly) the exact width.  A sheet's print scale leaves room
#: for it, so that no column spills onto a page of its own.
WIDEST_COLUMNS = 1.07

WORKBOOK_OPTIONS = {
    "default_format_properties": DEFAULT_FONT,
    "default_column_width": DEFAULT_COLUMN_PX,
    # Text is text: nothing the clerk wrote becomes a formula, a number or a link.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    # Sheets are assembled in memory, not in temporary files.
    "in_memory": True,
}


def new_workbook(target: str | os.PathLike | IO[bytes]) -> Workbook:
    """A workbook writing to *target* (a path or a binary file) when closed."""
    if isinstance(target, os.PathLike):
        target = os.fspath(target)
    return Workbook(target, dict(WORKBOOK_OPTIONS))


def column_width_chars(width_mm: float) -> float:
    """Excel column width (digits of `DEFAULT_FONT`) of a column *width_mm* wide.

    Excel draws a column ``width × DIGIT_PX`` pixels wide; the 5-pixel padding of
    the OOXML formula is part of that width, not added to it.
    """
    pixels = width_mm * 96 / 25.4
    return round(max(1.0, pixels / DIGIT_PX), 2)


def set_column_width(ws: Worksheet, col: int, width_chars: float) -> None:
    """Column *col* *width_chars* digits of `DEFAULT_FONT` wide.

    XlsxWriter writes widths in 1/256 of a digit, cutting off the rest; the width is
    given to it on that grid, rounded to the nearest step.
    """
    ws.set_column_pixels(col, col, round(width_chars * 256) * DIGIT_PX / 256)


class Formats:
    """The formats of one workbook, each made once (XlsxWriter formats belong to a workbook)."""

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        self._made: dict[tuple, Format] = {}
        self._cells: dict[tuple[Style, str | None], Format] = {}
        self._by_object: dict[tuple[int, str | None], tuple[Style, Format]] = {}

    def get(self, **properties) -> Format:
        """The format with these XlsxWriter properties (fonts in `CHARSET_GB2312`)."""
        key = tuple(sorted(properties.items()))
        found = self._made.get(key)
        if found is None:
            if "font_name" in properties:
                properties.setdefault("font_charset", CHARSET_GB2312)
            found = self._made[key] = self._wb.add_format(properties)
        return found

    def cell(self, style: Style, number_format: str | None = None) -> Format:
        """The format of a grid cell with *style*."""
        # Looked up by the style object first: a form's cells share a few style objects,
        # and hashing a Style (seven fields) for each of 100,000 cells shows.
        known = self._by_object.get((id(style), number_format))
        if known is not None and known[0] is style:
            return known[1]
        key = (style, number_format)
        found = self._cells.get(key)
        if found is None:
            properties: dict = {
                "font_name": FONT_NAMES.get(style.font, BODY_FONT),
                "font_size": style.size,
                "bold": style.bold,
                "align": style.align,
                "valign": "vcenter" if style.valign == "middle" else style.valign,
                "text_wrap": style.wrap,
            }
            if style.border:
                properties.update(border=1, border_color="#000000")
            if number_format is not None:
                properties["num_format"] = number_format
            if number_format not in (None, TEXT_FORMAT):
                # A number cannot wrap: one wider than its column would show as ###
                # (a narrow 财政拨款 column, a wider substituted font), so it shrinks to
                # fit, as the PDF sets it smaller (Excel ignores shrink on wrapped text).
                properties.update(text_wrap=False, shrink=True)
            found = self._cells[key] = self.get(**properties)
        # The entry keeps *style* alive, so its id cannot be reused by another object.
        self._by_object[(id(style), number_format)] = (style, found)
        return found


def number_format(cell: Cell) -> str:
    """Excel shows the number as the form prints it (the layout's format, `cell.text`):
    thousands separators or none, and the same decimals."""
    text = cell.text.strip()
    places = len(text.rpartition(".")[2]) if "." in text else 0
    return ("#,##0" if "," in text else "0") + ("." + "0" * places if places else "")


class Drawn(NamedTuple):
    """A form drawn on a sheet."""

    sheet: Worksheet
    #: The sheet rows each row of the form went to.
    rows: RowLayout
    #: (row, column, whole text) of each cell whose text was too long for Excel and cut.
    cut: list[tuple[int, int, str]]


def render_form(
    wb: Workbook,
    formats: Formats,
    form: Form,
    input_format: Callable[[Cell], str | None] | None = None,
    plan: PagePlan | None = None,
) -> Drawn:
    """A new sheet of *wb* showing *form*.

    *input_format* gives the number format of a cell without a number (the template
    makes the cells a clerk types in text cells); by default they have none.  A text
    longer than a cell holds is cut (`cut_to_cell`) and listed, for the hidden sheet.
    *plan*: gives the PDF's pages of the form (`xlsx_pages.pdf_pages`); the sheet then
    breaks its pages at the same rows (`xlsx_pages`).
    """
    ws = wb.add_worksheet(form.sheet_name)
    texts = written_texts(form)
    cut = []
    for i, (cell, text) in enumerate(zip(form.cells, texts, strict=True)):
        shown = cut_to_cell(text)
        if shown != text:
            texts[i] = shown
            cut.append((cell, text))
    layout, scale = sheet_layout(form, texts, plan)
    for i, width in enumerate(form.col_widths_mm):
        set_column_width(ws, i, column_width_chars(width))
    set_a4_print(ws, scale, form.landscape)
    ws.hide_gridlines(2)
    if layout.n_rows:
        ws.print_area(0, 0, layout.n_rows - 1, max(form.n_cols, 1) - 1)
    titles = layout.titles
    if not layout.breaks and form.repeat_rows is not None:
        titles = range(*form.repeat_rows)
    if titles is not None:
        ws.repeat_rows(layout.starts[titles.start], layout.stop(titles.stop - 1) - 1)
    if layout.breaks:
        ws.set_h_pagebreaks(list(layout.breaks))
    split = layout.is_split
    for i, (cell, text) in enumerate(zip(form.cells, texts, strict=True)):
        if not i % CELLS_PER_CHECKPOINT:
            checkpoint()
        typed = input_format(cell) if input_format is not None and cell.number is None else None
        for first, last, shown in _pieces(cell, text, layout):
            _write_cell(ws, cell, shown, first, last, layout, split, formats, typed)
    for copy_row, header in layout.copies:
        _write_copy(ws, form, texts, copy_row, header, layout, split, formats)
    for row, col in uncovered(form, layout):
        ws.merge_range(layout.starts[row], col, layout.stop(row) - 1, col, "")
    for r, height in enumerate(layout.heights):
        set_row_height(ws, r, height)
    return Drawn(ws, layout, [(layout.starts[c.row], c.col, text) for c, text in cut])


def sheet_layout(
    form: Form, texts: list[str] | None = None, plan: PagePlan | None = None
) -> tuple[RowLayout, float | None]:
    """The sheet rows of *form* and the scale the sheet prints at (None: fitted to the
    page's width); with *plan*, its pages broken where the PDF's are
    (`xlsx_pages.paged_layout`).  *texts*: as `row_layout`'s."""
    layout = row_layout(form, texts)
    if plan is None:
        return layout, None
    return paged_layout(form, layout, plan, printed_width_mm(form), MARGINS)


def printed_width_mm(form: Form) -> float:
    """Width of *form*'s columns as printed where they print widest (`WIDEST_COLUMNS`)."""
    widths = [column_width_chars(width) for width in form.col_widths_mm]
    pixels = sum(round(w * 256) * DIGIT_PX / 256 for w in widths)
    return pixels * 25.4 / 96 * WIDEST_COLUMNS


def _pieces(cell: Cell, text: str, layout: RowLayout) -> list[tuple[int, int, str]]:
    """(first sheet row, last sheet row, text) of each part of *cell*: one, or one per
    page it spans.  A part after the first shows the text again where the cell is a
    label (`repeat_on_split`), and starts at the copy of the page's header rows where
    the cell runs down beside them (the section label of a table)."""
    first_row, end = cell.row, cell.row + cell.rowspan
    cuts = ()
    if end - first_row > 1 and layout.page_rows:
        rows = layout.page_rows
        cuts = rows[bisect_right(rows, first_row) : bisect_left(rows, end)]
    if not cuts:
        return [(layout.starts[first_row], layout.stop(end - 1) - 1, text)]
    pieces = []
    bounds = [first_row, *cuts, end]
    for i, (a, z) in enumerate(pairwise(bounds)):
        top = layout.starts[a]
        if i:
            for copy_row, header in layout.copies:
                if copy_row + _rows_of(layout, header) == top and first_row < header.stop:
                    skip = range(header.start, max(first_row, header.start))
                    top = copy_row + _rows_of(layout, skip)
        shown = text if i == 0 or cell.repeat_on_split else ""
        pieces.append((top, layout.stop(z - 1) - 1, shown))
    return pieces


def _rows_of(layout: RowLayout, rows: range) -> int:
    """Sheet rows form rows *rows* take."""
    return sum(layout.stop(r) - layout.starts[r] for r in rows)


def _write_copy(
    ws: Worksheet,
    form: Form,
    texts: list[str],
    copy_row: int,
    header: range,
    layout: RowLayout,
    split: bool,
    formats: Formats,
) -> None:
    """Write the cells of header rows *header* again from sheet row *copy_row*."""
    for cell, text in zip(form.cells, texts, strict=True):
        if header.start <= cell.row and cell.row + cell.rowspan <= header.stop:
            top = copy_row + _rows_of(layout, range(header.start, cell.row))
            last = top + _rows_of(layout, range(cell.row, cell.row + cell.rowspan)) - 1
            _write_cell(ws, cell, text, top, last, layout, split, formats)


def _write_cell(
    ws: Worksheet,
    cell: Cell,
    text: str,
    row: int,
    last_row: int,
    layout: RowLayout,
    split: bool,
    formats: Formats,
    typed: str | None = None,
) -> None:
    """Write *cell* with *text* on sheet rows [row, last_row]."""
    col = cell.col
    style = sheet_style(cell, layout) if split else cell.style
    plain = formats.cell(style)
    last_col = col + cell.colspan - 1
    merged = last_row != row or last_col != col
    if cell.number is not None:
        if merged:  # covered cells get the range's format (its border), not the number's
            ws.merge_range(row, col, last_row, last_col, None, plain)
        ws.write_number(row, col, cell.number, formats.cell(style, number_format(cell)))
        return
    if cell.key in COUNT_KEYS and _is_count(text):
        ws.write_number(row, col, int(text), formats.cell(style, COUNT_FORMAT))
        return
    top = plain if typed is None else formats.cell(style, typed)
    if merged:
        ws.merge_range(row, col, last_row, last_col, text or None, plain)
        if top is plain:
            return
    if text:
        ws.write_string(row, col, text, top)
    else:
        ws.write_blank(row, col, None, top)


def _is_count(text: str) -> bool:
    """A whole number written plainly (``12``, not ``012``, ``1,200`` or ``约12``), that
    Excel holds exactly and shows as it is."""
    return text.isascii() and text.isdigit() and len(text) <= 15 and (text == "0" or text[0] != "0")


def set_row_height(ws: Worksheet, row: int, height_pt: float) -> None:
    """Make *row* *height_pt* high (``set_row`` would round it to whole pixels; in
    pixels it is exact but for float rounding, ~1e-14 pt)."""
    ws.set_row_pixels(row, height_pt * 4 / 3)


def set_a4_print(ws: Worksheet, scale: float | None = None, landscape: bool = False) -> None:
    """Every sheet we write prints the same way: A4 portrait (or *landscape*, as the
    layout's page says: `layouts.page_size`), centred, page footer; at *scale* (a sheet
    with manual page breaks, which Excel ignores on a sheet fitted to the page, see
    `xlsx_pages`), else fitted to one page wide."""
    ws.set_paper(PAPER_A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if scale is None:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(round(scale * 100))
    ws.center_horizontally()
    ws.set_margins(**MARGINS)
    ws.set_header("", {"margin": HEADER_MARGIN})
    ws.set_footer(f'&C&"{BODY_FONT}"&{FOOTER_SIZE}{FOOTER}', {"margin": FOOTER_MARGIN})
