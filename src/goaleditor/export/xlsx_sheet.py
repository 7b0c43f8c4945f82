"""Draw one `grid.Form` on an openpyxl worksheet, ready to print on A4.

What both ways of writing a form share: styles, column widths and print settings.
Row heights and the sheet rows each form row takes come from `xlsx_rows`, the text
of each cell from `xlsx_labels`.  The template builds openpyxl cells here
(`render_form`); the export writes the same cells as text (`xlsx_sheetdata`,
`xlsx_writer`).

Borders go on every cell of a merged range (Excel draws a border from each cell, so
a border set only on the top-left cell leaves gaps); text cells are stored as text
even when they start with ``=``.
"""

from __future__ import annotations

from copy import copy
from functools import cache
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..grid import TITLE, Cell, Form, Style
from .xlsx_labels import written_text
from .xlsx_rows import RowLayout, row_layout, sheet_style, uncovered

FONT_NAMES = {TITLE: "黑体"}
BODY_FONT = "宋体"
#: GB2312 charset, so Excel picks the Chinese face even on a non-Chinese Windows.
CHARSET_GB2312 = 134

AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"

#: Margins in inches: 15 mm at the sides leaves 180 mm for the form.
MARGINS = PageMargins(left=0.59, right=0.59, top=0.75, bottom=0.75, header=0.3, footer=0.35)
FOOTER = "第 &P 页 共 &N 页"

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


#: The workbook's default font, whose digit width is the unit of column widths.  Not
#: Calibri (openpyxl's default): without Calibri or Carlito, LibreOffice measures
#: columns in DejaVu Sans digits and draws every column a quarter too wide, so what
#: it prints is no guide to Excel.  Arial is on every Windows, and Liberation Sans,
#: which LibreOffice substitutes for it everywhere else, has the same metrics.
DEFAULT_FONT = Font(name="Arial", size=11)
#: Width of a digit of `DEFAULT_FONT` in pixels at 96 dpi (Excel's "maximum digit width").
DIGIT_PX = 8


def column_width_chars(width_mm: float) -> float:
    """Excel column width (digits of `DEFAULT_FONT`) of a column *width_mm* wide.

    Excel draws a column ``width × DIGIT_PX`` pixels wide; the 5-pixel padding of
    the OOXML formula is part of that width, not added to it.
    """
    pixels = width_mm * 96 / 25.4
    return round(max(1.0, pixels / DIGIT_PX), 2)


@cache
def _font(style: Style) -> Font:
    return Font(
        name=FONT_NAMES.get(style.font, BODY_FONT),
        size=style.size,
        bold=style.bold,
        charset=CHARSET_GB2312,
    )


@cache
def _alignment(style: Style) -> Alignment:
    vertical = "center" if style.valign == "middle" else style.valign
    return Alignment(horizontal=style.align, vertical=vertical, wrap_text=style.wrap)


def number_format(cell: Cell) -> str:
    return PERCENT_FORMAT if cell.key.startswith("spending_plan") else AMOUNT_FORMAT


def render_form(ws: Worksheet, form: Form) -> RowLayout:
    """Fill *ws* with *form*: widths, values, styles, merges, heights, print settings.

    Builds openpyxl cells, for sheets that are edited further (the template); the
    export writes its cells directly instead (`xlsx_sheetdata`).  Returns the sheet
    rows each form row went to.
    """
    layout = row_layout(form)
    set_up_sheet(ws, form, layout)
    styles = styles_of(ws)
    for cell in form.cells:
        _write_cell(ws, form, cell, layout, styles)
    for row, col in uncovered(form, layout):
        letter = get_column_letter(col + 1)
        coord = f"{letter}{layout.starts[row] + 1}:{letter}{layout.stop(row)}"
        ws.merged_cells.ranges.add(MergedCellRange(ws, coord))
    for r, height in enumerate(layout.heights, 1):
        ws.row_dimensions[r].height = height
    return layout


def set_up_sheet(ws: Worksheet, form: Form, layout: RowLayout) -> None:
    """What a form's sheet has besides its cells: column widths and print settings."""
    for i, width in enumerate(form.col_widths_mm, 1):
        ws.column_dimensions[get_column_letter(i)].width = column_width_chars(width)
    set_a4_print(ws)
    ws.sheet_view.showGridLines = False
    if layout.n_rows:
        ws.print_area = f"A1:{get_column_letter(form.n_cols)}{layout.n_rows}"
    if form.repeat_rows is not None:
        start, stop = form.repeat_rows
        ws.print_title_rows = f"{layout.starts[start] + 1}:{layout.starts[stop]}"


class _WorkbookStyles:
    """The style of each kind of grid cell, registered with the workbook once.

    Setting ``cell.font`` (and the others) makes openpyxl hash the style object to find
    it in the workbook's tables — for every cell, which was most of the export's time.
    Instead a scratch cell gets each distinct style once through those same setters,
    and the form's cells copy its style indices (the ``_style`` array), as openpyxl's
    own worksheet copier does.  The indices belong to the workbook, so one instance
    serves all its sheets.
    """

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        self._arrays: dict[tuple[Style, str | None], StyleArray] = {}
        self._ids: dict[tuple[Style, str | None], int] = {}

    def array(self, ws: Worksheet, style: Style, number_format: str | None = None) -> StyleArray:
        key = (style, number_format)
        found = self._arrays.get(key)
        if found is None:
            scratch = OpenpyxlCell(ws)
            if number_format is not None:
                scratch.number_format = number_format
            scratch.font = _font(style)
            scratch.alignment = _alignment(style)
            if style.border:
                scratch.border = BORDER
            found = self._arrays[key] = scratch._style
        return found

    def xf_id(self, ws: Worksheet, style: Style, number_format: str | None = None) -> int:
        """The ``s`` attribute of a cell with this style: its index in the cellXfs table."""
        key = (style, number_format)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = self._wb._cell_styles.add(self.array(ws, style, number_format))
        return found


_STYLES: WeakKeyDictionary[Workbook, _WorkbookStyles] = WeakKeyDictionary()


def styles_of(ws: Worksheet) -> _WorkbookStyles:
    """The style registry of the workbook *ws* belongs to (made, with its default font, once)."""
    wb = ws.parent
    styles = _STYLES.get(wb)
    if styles is None:
        styles = _STYLES[wb] = _WorkbookStyles(wb)
        set_default_font(wb)
    return styles


def set_default_font(wb: Workbook) -> None:
    """Make `DEFAULT_FONT` the workbook's default (font 0 and the Normal style).

    openpyxl has no public setter; font 0 is what cells without a font of their own
    and the Normal style refer to, so replacing it keeps every other index valid.
    """
    fonts = list(wb._fonts)
    wb._fonts = IndexedList([DEFAULT_FONT, *fonts[1:]])
    normal = next((s for s in wb._named_styles if s.name == "Normal"), None)
    if normal is not None:
        normal.font = copy(DEFAULT_FONT)


def _write_cell(
    ws: Worksheet, form: Form, cell: Cell, layout: RowLayout, styles: _WorkbookStyles
) -> None:
    row, col = layout.starts[cell.row] + 1, cell.col + 1
    style = sheet_style(cell, layout)
    top = ws.cell(row=row, column=col)
    if cell.number is not None:
        top.value = cell.number
        top._style = StyleArray(styles.array(ws, style, number_format(cell)))
    else:
        text = written_text(form, cell)
        if text:
            top.value = text
            # A value like "=100%" would otherwise be written as a formula.
            top.data_type = "s"
        top._style = StyleArray(styles.array(ws, style))
    last_row, last_col = layout.stop(cell.row + cell.rowspan - 1), col + cell.colspan - 1
    if last_row == row and last_col == col:
        return
    # What ws.merge_cells does, minus its search through every earlier range and its
    # per-cell border and protection setters: the covered cells get the same style.
    coord = f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}"
    ws.merged_cells.ranges.add(MergedCellRange(ws, coord))
    covered = styles.array(ws, style)
    cells = ws._cells
    for r in range(row, last_row + 1):
        for c in range(col, last_col + 1):
            if r != row or c != col:
                merged = cells[r, c] = MergedCell(ws, r, c)
                merged._style = StyleArray(covered)


def set_a4_print(ws: Worksheet) -> None:
    """Every sheet we write prints the same way: A4 portrait, fit to width, page footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = MARGINS
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = BODY_FONT
    ws.oddFooter.center.size = 9
