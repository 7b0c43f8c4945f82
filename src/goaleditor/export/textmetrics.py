"""Estimate how many lines wrapped text takes in a cell (openpyxl cannot auto-fit rows).

宋体 draws CJK characters one em wide and ASCII about half an em; the estimate errs
on the side of one line too many, since a cut line on paper is worse than a little
white space.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache, lru_cache

PT_TO_MM = 25.4 / 72

#: Width of a half-width character relative to the em; a little over SimSun's 0.5
#: because fallback fonts (LibreOffice without SimSun) draw Latin wider.
HALF_WIDTH_EM = 0.56

#: Line height relative to the font size (Excel and LibreOffice with CJK fonts).
LINE_HEIGHT = 1.32

#: Horizontal cell padding Excel keeps on both sides together, in mm.
CELL_PADDING_MM = 1.8


@cache
def char_width_em(ch: str) -> float:
    """Width of one character in em (a form uses a few thousand distinct ones at most)."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" and ord(ch) > 0x2000 else HALF_WIDTH_EM


def text_width_em(text: str) -> float:
    """Width of *text* in em."""
    return sum(map(char_width_em, text))


def count_lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines *text* wraps into in a cell *width_mm* wide at *size_pt*."""
    usable_em = max(1.0, (width_mm - CELL_PADDING_MM) / (size_pt * PT_TO_MM))
    lines = 0
    for paragraph in text.split("\n"):
        width = text_width_em(paragraph)
        # Latin words wrap whole, so a line rarely fills completely: keep 4 % slack.
        lines += max(1, math.ceil(width / (usable_em * 0.96)))
    return lines


@lru_cache(maxsize=4096)
def text_height_pt(text: str, width_mm: float, size_pt: float, wrap: bool = True) -> float:
    """Row height in points that shows all of *text*, with a little padding.

    Cached: labels and the usual indicator names recur on every sheet.
    """
    lines = count_lines(text, width_mm, size_pt) if wrap else text.count("\n") + 1
    return lines * size_pt * LINE_HEIGHT + 4
