"""Draw one `grid.Form` on an openpyxl worksheet, ready to print on A4.

Borders go on every cell of a merged range (Excel draws a border from each cell, so
a border set only on the top-left cell leaves gaps); text cells are stored as text
even when they start with ``=``; row heights come from `textmetrics` because
openpyxl cannot auto-fit.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from ..grid import TITLE, Cell, Form, Style
from .textmetrics import text_height_pt

FONT_NAMES = {TITLE: "黑体"}
BODY_FONT = "宋体"
#: GB2312 charset, so Excel picks the Chinese face even on a non-Chinese Windows.
CHARSET_GB2312 = 134

AMOUNT_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"

#: Rows of the table are at least this high (points), as on the Word forms.
MIN_TABLE_ROW_PT = 20.0
MIN_PLAIN_ROW_PT = 16.0

#: Margins in inches: 15 mm at the sides leaves 180 mm for the form.
MARGINS = PageMargins(left=0.59, right=0.59, top=0.75, bottom=0.75, header=0.3, footer=0.35)
FOOTER = "第 &P 页 共 &N 页"

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def clean_text(text: str) -> str:
    """Remove control characters pasted from Word, which openpyxl refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def column_width_chars(width_mm: float) -> float:
    """Excel column width (characters of the default 11 pt font, 7 px) for *width_mm*."""
    pixels = width_mm * 96 / 25.4
    return round(max(1.0, (pixels - 5) / 7), 2)


def _font(style: Style) -> Font:
    return Font(
        name=FONT_NAMES.get(style.font, BODY_FONT),
        size=style.size,
        bold=style.bold,
        charset=CHARSET_GB2312,
    )


def _alignment(style: Style) -> Alignment:
    vertical = "center" if style.valign == "middle" else style.valign
    return Alignment(horizontal=style.align, vertical=vertical, wrap_text=style.wrap)


def _number_format(cell: Cell) -> str:
    return PERCENT_FORMAT if cell.key.startswith("spending_plan") else AMOUNT_FORMAT


def render_form(ws: Worksheet, form: Form) -> None:
    """Fill *ws* with *form*: widths, values, styles, merges, heights, print settings."""
    for i, width in enumerate(form.col_widths_mm, 1):
        ws.column_dimensions[get_column_letter(i)].width = column_width_chars(width)
    for cell in form.cells:
        _write_cell(ws, cell)
    _set_row_heights(ws, form)
    _set_print(ws, form)


def _write_cell(ws: Worksheet, cell: Cell) -> None:
    top = ws.cell(row=cell.row + 1, column=cell.col + 1)
    if cell.number is not None:
        top.value = cell.number
        top.number_format = _number_format(cell)
    elif cell.text:
        top.value = clean_text(cell.text)
        # A value like "=100%" would otherwise be written as a formula.
        top.data_type = "s"
    font, alignment = _font(cell.style), _alignment(cell.style)
    last_row = cell.row + cell.rowspan
    last_col = cell.col + cell.colspan
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_cells(
            start_row=cell.row + 1,
            start_column=cell.col + 1,
            end_row=last_row,
            end_column=last_col,
        )
    for r in range(cell.row + 1, last_row + 1):
        for c in range(cell.col + 1, last_col + 1):
            target = ws.cell(row=r, column=c)
            target.font = font
            target.alignment = alignment
            if cell.style.border:
                target.border = BORDER


def _set_row_heights(ws: Worksheet, form: Form) -> None:
    """Each row tall enough for its cells; merged cells share out what they need."""
    heights = [0.0] * form.n_rows
    minimum = [MIN_PLAIN_ROW_PT] * form.n_rows
    spanning: list[tuple[Cell, float]] = []
    for cell in form.cells:
        width = sum(form.col_widths_mm[cell.col : cell.col + cell.colspan])
        need = text_height_pt(cell.text, width, cell.style.size, cell.style.wrap)
        if cell.style.border:
            for r in range(cell.row, cell.row + cell.rowspan):
                minimum[r] = max(minimum[r], MIN_TABLE_ROW_PT)
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            spanning.append((cell, need))
    heights = [max(h, m) for h, m in zip(heights, minimum, strict=True)]
    for cell, need in spanning:
        rows = range(cell.row, cell.row + cell.rowspan)
        have = sum(heights[r] for r in rows)
        if have < need:
            extra = (need - have) / cell.rowspan
            for r in rows:
                heights[r] += extra
    for r, height in enumerate(heights):
        # Excel's row height limit is 409 pt.
        ws.row_dimensions[r + 1].height = round(min(height, 409.0), 1)


def _set_print(ws: Worksheet, form: Form) -> None:
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
    ws.sheet_view.showGridLines = False
    if form.n_rows:
        ws.print_area = f"A1:{get_column_letter(form.n_cols)}{form.n_rows}"
    if form.repeat_rows is not None:
        start, stop = form.repeat_rows
        ws.print_title_rows = f"{start + 1}:{stop}"
