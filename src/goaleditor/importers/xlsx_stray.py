"""Text a clerk typed beside or below a printed form in Excel (``H12: 备注：请财务科审核``).

The form readers look only where the form has its cells, so anything outside would
be lost without a word: each such cell becomes a note with its address.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from ..labels import INDICATOR_LABELS, STAMP_WORDS
from .result import ImportNote
from .xlsx_sheet import SheetView, as_text

#: A cell's text shown in a note up to this many characters.
SHOWN = 40


def form_width(view: SheetView) -> int | None:
    """Last column of the form: that of the title merged across the top, or of the
    indicator header; None when neither is there (then no column is outside)."""
    edges = []
    title = view.ranges.get((0, 0))
    if title is not None and title[1] == 0:
        edges.append(title[3])
    header = view.find(INDICATOR_LABELS["level1"])
    if header is not None:
        edges.extend(view.right_edge(header[0], c) for c, _text in view.row_cells(header[0]))
    return max(edges) if edges else None


def form_end(view: SheetView) -> int | None:
    """Last row of the form: the ``填报单位（盖章）`` line that closes it, or None.

    A 填报单位 line above the indicator header opens the form instead (some printed
    forms put it at the top): then no row is below the form.
    """
    header = view.find(INDICATOR_LABELS["level1"])
    last = None
    for (r, c), value in view.values.items():
        if isinstance(value, str) and value.strip().startswith(STAMP_WORDS):
            box = view.ranges.get((r, c))
            end = box[2] if box else r
            last = end if last is None else max(last, end)
    if last is not None and header is not None and last < header[0]:
        return None
    return last


def stray_notes(view: SheetView) -> list[ImportNote]:
    """One note per non-empty cell right of the form's columns or below its last row."""
    width, end = form_width(view), form_end(view)
    notes = []
    for (r, c), value in sorted(view.values.items()):
        outside = (width is not None and c > width) or (end is not None and r > end)
        text = as_text(value).strip()
        if not outside or not text:
            continue
        shown = text if len(text) <= SHOWN else text[:SHOWN] + "…"
        address = f"{get_column_letter(c + 1)}{view.sheet_row(r)}"
        notes.append(
            ImportNote(
                f"工作表“{view.title}”单元格 {address}",
                f"表格外的文字未导入：“{shown}”。如需保留，请在编辑器中填到相应栏目。",
            )
        )
    return notes
