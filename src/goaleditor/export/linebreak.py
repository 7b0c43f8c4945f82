"""Chinese line breaking for the PDF cells (禁则: the usual line-start/line-end rules).

A line may break between any two hanzi, but never so that a line begins with closing
punctuation (，。、；：！？）》」 …) or ends with opening punctuation (（《「 …), never inside
a Latin word or number (``2023-2025年``, ``≥95%``), and never inside ``……`` or ``——``.
When a line has no legal break at all (one long Latin run), it is broken by character.
Widths come from the caller, so the breaker knows nothing of reportlab.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..forms.common import clean_text

#: May not begin a line.
NO_LINE_START = frozenset(
    "，。、；：！？）》」』】〕〉］｝〗〙〛’”…‥％‰℃·・～々ー"
    ",.;:!?)]}%"
    "︰︱︳︴︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄﹏"
)
#: May not end a line.
NO_LINE_END = frozenset("（《「『【〔〈［｛〖〘〚‘“([{￥$＄#＃≥≤＜＞<>=＝±")
#: Pairs that must stay together (``……``, ``——``).
_UNSPLITTABLE_PAIRS = frozenset("…—")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _is_word_char(ch: str) -> bool:
    """Latin letters, digits and ASCII-range symbols: runs of these do not break."""
    return not ch.isspace() and ord(ch) < 0x2000


def can_break(text: str, pos: int) -> bool:
    """May a line end before ``text[pos]`` (i.e. between ``text[pos-1]`` and it)?"""
    before, after = text[pos - 1], text[pos]
    if before == " ":
        return after != " "
    if after == " ":
        return False
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == after and before in _UNSPLITTABLE_PAIRS:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


def clean(text: str) -> str:
    """Normalise newlines and tabs; drop control characters pasted from Word."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return clean_text(_CONTROL.sub("", text))


def wrap(text: str, width: float, char_width: Callable[[str], float]) -> list[str]:
    """Break *text* into lines no wider than *width* (hard newlines kept).

    A line is wider than *width* only when a single character is.
    """
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, char_width))
    return lines


def _wrap_paragraph(text: str, width: float, char_width: Callable[[str], float]) -> list[str]:
    widths = [char_width(ch) for ch in text]
    lines: list[str] = []
    start = 0
    line_width = 0.0
    i = 0
    n = len(text)
    while i < n:
        if text[i] == " " and i == start and lines:
            start = i = i + 1  # a wrapped line does not begin with a space
            continue
        if line_width + widths[i] <= width or i == start:
            line_width += widths[i]
            i += 1
            continue
        # text[i] overflows: break at the last legal position in (start, i].
        brk = i
        while brk > start and not can_break(text, brk):
            brk -= 1
        if brk == start:
            brk = _forced_break(text, start, i)
        lines.append(text[start:brk].rstrip(" "))
        start = brk
        line_width = sum(widths[start:i])
    lines.append(text[start:].rstrip(" "))
    return lines


def _forced_break(text: str, start: int, overflow: int) -> int:
    """Break by character inside an unbreakable run, still keeping 禁则 where possible."""
    brk = overflow
    while brk - 1 > start and (text[brk] in NO_LINE_START or text[brk - 1] in NO_LINE_END):
        brk -= 1
    return brk
