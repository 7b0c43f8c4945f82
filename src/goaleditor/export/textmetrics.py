"""Estimate how many lines wrapped text takes in an Excel cell (XlsxWriter cannot auto-fit rows).

The text is broken with the PDF's line breaker (`linebreak.wrap`), using character
widths of what prints the widest: CJK one em in 宋体 and its substitutes; Latin
letters and digits as LibreOffice draws them without SimSun (DejaVu Sans, wider than
SimSun's half em).  Measured against LibreOffice's rendering of every cell of the
four sample documents (宋体 10.5 pt in the forms' column widths), this breaking gives
LibreOffice's line count for 929 of 932 cells when given LibreOffice's usable width.

The width used is Excel's, a little narrower: Excel draws a column exactly as wide as
set and keeps 5 pixels of it for margins and the gridline, while LibreOffice draws
it 2 % wider.  And a text whose last line comes within 10 % of the usable width gets
one spare line, since Excel and WPS may wrap it where LibreOffice did not; only then
is a row taller than LibreOffice needs.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from .linebreak import clean, wrap

PT_TO_MM = 25.4 / 72

#: Widths (em) of ASCII characters in the sans-serif face LibreOffice falls back to
#: for 宋体 without SimSun (DejaVu Sans), rounded up per class; SimSun draws them all
#: half an em, so Excel on Windows never needs more.
_ASCII_CLASSES = (
    (" !\"'(),-./:;I J[\\]`fijlrt|", 0.41),
    ("$*0123456789?EFLPSTY_abcdeghknopqsuvxyz{}", 0.64),
    ("&ABCDGHKNOQRUVXZ", 0.79),
)
_ASCII_WIDE = 1.0  # # % + < = > @ M W ^ m w ~
_ASCII = {ch: width for chars, width in _ASCII_CLASSES for ch in chars}

#: Other half-width characters (°, ±, ×, Latin-1 letters): DejaVu Sans draws most
#: of them at about 0.84 em.
OTHER_EM = 0.84

#: Distance between two lines of text, relative to the font size, in the font that
#: spaces its lines widest of those a clerk's Excel, WPS or LibreOffice may print 宋体
#: with: Noto Sans CJK (ascent + descent 1.448 em, LibreOffice's substitute where SimSun
#: is missing), Microsoft YaHei (1.32), WenQuanYi Micro Hei (1.17), SimSun itself (about
#: 1.14).  Sized for the widest, a row holds its text whichever font prints it; with
#: SimSun it keeps a little air.  LibreOffice's own optimal heights are checked against
#: these in tests/test_xlsx_fonts.py.
LINE_HEIGHT = 1.45

#: Space a row keeps above and below its text, in points.
ROW_PADDING_PT = 4.0

#: Part of a column's width text cannot use in Excel: 2 pixels of margin on each side
#: and 1 for the gridline (5 px at 96 dpi), in mm.
CELL_PADDING_MM = 1.4

#: 宋体 has no bold face: Windows thickens each glyph and widens it by a pixel
#: (14 px → 15 px at 10.5 pt).
BOLD_WIDER = 15 / 14

#: A last line filled beyond this share of the usable width gets a spare line.
NEAR_FULL = 0.9


@cache
def char_width_em(ch: str) -> float:
    """Width of one character in em (a form uses a few thousand distinct ones at most)."""
    if ch in _ASCII:
        return _ASCII[ch]
    if ord(ch) < 0x80:
        return _ASCII_WIDE
    if unicodedata.east_asian_width(ch) in "WF" or (
        ord(ch) > 0x2000 and unicodedata.east_asian_width(ch) == "A"
    ):
        return 1.0
    return OTHER_EM


def text_width_em(text: str) -> float:
    """Width of *text* in em."""
    return sum(map(char_width_em, text))


def usable_em(width_mm: float, size_pt: float) -> float:
    """Width in em a cell *width_mm* wide gives its text."""
    return max(1.0, (width_mm - CELL_PADDING_MM) / (size_pt * PT_TO_MM))


def count_lines(text: str, width_mm: float, size_pt: float, bold: bool = False) -> int:
    """Lines *text* takes in a cell *width_mm* wide at *size_pt*, spare line included."""
    usable = usable_em(width_mm, size_pt) / (BOLD_WIDER if bold else 1.0)
    count = 0
    near_full = False
    for paragraph in clean(text).split("\n"):
        lines = wrap(paragraph, usable, char_width_em)
        count += len(lines)
        near_full = near_full or text_width_em(lines[-1]) > NEAR_FULL * usable
    return count + (1 if near_full else 0)


@lru_cache(maxsize=4096)
def text_height_pt(
    text: str, width_mm: float, size_pt: float, wrap: bool = True, bold: bool = False
) -> float:
    """Row height in points that shows all of *text*, with a little padding.

    Cached: labels and the usual indicator names recur on every sheet.
    """
    lines = count_lines(text, width_mm, size_pt, bold) if wrap else text.count("\n") + 1
    return lines * size_pt * LINE_HEIGHT + ROW_PADDING_PT
