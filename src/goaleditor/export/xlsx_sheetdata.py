"""The cells of one form as SpreadsheetML text: ``<sheetData>`` rows and ``<mergeCells>``.

openpyxl builds an object per cell — and per covered cell of a merged range — parses
every merge reference twice and sends each cell through lxml: most of the export's
time.  A form needs only a few kinds of cell, so their XML is written here as text,
just as openpyxl writes them (inline strings, ``%.16g`` numbers, custom row heights).
Every cell a merged range covers still gets its own ``<c>`` with the range's style,
border included: Excel draws borders per cell.  Rows go where `xlsx_rows.RowLayout`
puts them: a row too tall for Excel takes several sheet rows, its cells merged down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter

from ..grid import Form, Style
from .xlsx_labels import written_text
from .xlsx_rows import RowLayout, sheet_style, uncovered
from .xlsx_sheet import number_format

#: ``(style, number format or None)`` → index of the style in the workbook's cellXfs.
StyleId = Callable[[Style, "str | None"], int]


@dataclass
class SheetData:
    #: The used range, as ``<dimension ref>`` wants it ("A1:G30").
    dimension: str
    #: The content of ``<sheetData>``: every row, with its height and its cells.
    rows: str
    #: The ``<mergeCells>`` element, or "" when nothing is merged.
    merge_cells: str


def escape_text(text: str) -> str:
    """*text* as XML character data (``\\r`` kept as a reference, or a parser drops it)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _text_cell(ref: str, style: int, text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{escape_text(text)}</t></is></c>'


def sheet_data(form: Form, layout: RowLayout, style_id: StyleId) -> SheetData:
    """*form*'s cells, on the sheet rows *layout* gives each row of the form."""
    n_cols = max([form.n_cols, *(c.col + c.colspan for c in form.cells)])
    letters = [get_column_letter(c) for c in range(1, n_cols + 1)]
    starts, split = layout.starts, layout.is_split
    # Sheet row → column → <c>; a dict, so a cell written twice stays one element.
    rows: list[dict[int, str]] = [{} for _ in range(layout.n_rows)]
    merges: list[str] = []
    for cell in form.cells:
        r, c = starts[cell.row], cell.col
        ref = f"{letters[c]}{r + 1}"
        style = sheet_style(cell, layout) if split else cell.style
        if cell.number is not None:
            s = style_id(style, number_format(cell))
            rows[r][c] = f'<c r="{ref}" s="{s}" t="n"><v>{safe_string(cell.number)}</v></c>'
        else:
            text = written_text(form, cell)
            s = style_id(style, None)
            rows[r][c] = _text_cell(ref, s, text) if text else f'<c r="{ref}" s="{s}"/>'
        last_r, last_c = starts[cell.row + cell.rowspan] - 1, c + cell.colspan - 1
        if last_r == r and last_c == c:
            continue
        merges.append(f'<mergeCell ref="{ref}:{letters[last_c]}{last_r + 1}"/>')
        covered = style_id(style, None)
        for rr in range(r, last_r + 1):
            row = rows[rr]
            for cc in range(c, last_c + 1):
                if rr != r or cc != c:
                    row[cc] = f'<c r="{letters[cc]}{rr + 1}" s="{covered}"/>'
    for r, c in uncovered(form, layout):
        merges.append(f'<mergeCell ref="{letters[c]}{starts[r] + 1}:{letters[c]}{starts[r + 1]}"/>')
    parts = []
    for r, (cells, height) in enumerate(zip(rows, layout.heights, strict=True)):
        parts.append(f'<row r="{r + 1}" ht="{safe_string(height)}" customHeight="1">')
        parts.extend(cells[c] for c in sorted(cells))
        parts.append("</row>")
    merge_cells = (
        f'<mergeCells count="{len(merges)}">{"".join(merges)}</mergeCells>' if merges else ""
    )
    filled = [r for r, cells in enumerate(rows) if cells]
    if filled:
        left = min(min(rows[r]) for r in filled)
        right = max(max(rows[r]) for r in filled)
        dimension = f"{letters[left]}{filled[0] + 1}:{letters[right]}{filled[-1] + 1}"
    else:
        dimension = "A1:A1"  # as openpyxl has it for a sheet without cells
    return SheetData(dimension, "".join(parts), merge_cells)
