"""The text an Excel cell gets: labels broken between words where they do not fit.

Excel wraps a narrow cell wherever the width runs out: ``资金支出计/划（%）``,
``预算规模及/资金用途``.  The PDF breaks such labels between known words
(`labelwrap.wrap_label`); for Excel the same lines are written with explicit line
breaks, measured a little narrower than the cell, so that Excel (SimSun, columns
rounded to pixels) finds every line fits and adds no break of its own.  Only the
form's own labels: what the clerk wrote keeps Excel's wrapping, and the importer
reads labels without blanks, so the breaks do not matter to it.
"""

from __future__ import annotations

from functools import lru_cache

from ..forms.common import clean_text
from ..grid import Cell, Form
from .labelwrap import word_bounds, wrap_label
from .textmetrics import BOLD_WIDER, char_width_em, text_width_em, usable_em

#: Share of a cell's usable width a label line may fill.
LABEL_WIDTH_SHARE = 0.94


def is_label(cell: Cell) -> bool:
    """A fixed label or header of a table (no model field, a border, wrapped)."""
    return not cell.key and cell.number is None and cell.style.border and cell.style.wrap


def cell_width_mm(form: Form, cell: Cell) -> float:
    return sum(form.col_widths_mm[cell.col : cell.col + cell.colspan])


def written_text(form: Form, cell: Cell) -> str:
    """The text the cell of *form* holds in Excel."""
    text = clean_text(cell.text)
    if not text or not is_label(cell):
        return text
    style = cell.style
    return broken_label(text, cell_width_mm(form, cell), style.size, style.bold)


def written_texts(form: Form) -> list[str]:
    """`written_text` of each cell of *form*, in the order of ``form.cells``."""
    return [written_text(form, cell) for cell in form.cells]


#: Narrower widths tried, in em, for one more line that breaks only between words.
_NARROWER_STEP = 0.5


@lru_cache(maxsize=1024)
def broken_label(text: str, width_mm: float, size_pt: float, bold: bool = False) -> str:
    """*text* with a line break wherever `wrap_label` ends a line, or as it is when it fits."""
    usable = usable_em(width_mm, size_pt) / (BOLD_WIDER if bold else 1.0) * LABEL_WIDTH_SHARE
    if "\n" not in text and text_width_em(text) <= usable:
        return text
    return "\n".join(_label_lines(text, usable))


def _label_lines(text: str, usable: float) -> list[str]:
    """`wrap_label`'s lines; one line more when that spares a break inside a word.

    The safety margin can leave a line one character short of a word
    (``年度部门整/体支出预算`` where the cell just holds ``年度部门整体``): then
    ``年度部门/整体支出/预算`` is better than a row one line lower.
    """
    lines = wrap_label(text, usable, char_width_em)
    if len(lines) < 2 or "\n" in text or _between_words(text, lines):
        return lines
    width = usable - _NARROWER_STEP
    while width >= 1.0:
        more = wrap_label(text, width, char_width_em)
        if len(more) > len(lines) + 1:
            break
        if len(more) == len(lines) + 1 and _between_words(text, more):
            return more
        width -= _NARROWER_STEP
    return lines


def _between_words(text: str, lines: list[str]) -> bool:
    """Does every line end between two words of *text* (or where the text has blanks)?"""
    if "".join(lines) != text:
        return True  # blanks were dropped at the breaks: they break between words
    bounds = word_bounds(text)
    end = 0
    for line in lines[:-1]:
        end += len(line)
        if end not in bounds:
            return False
    return True
