"""Pieces every layout shares: amounts, numbering, column splits, merged runs, clean text."""

from __future__ import annotations

import itertools
import re

from ..layouts.page import page_size

#: Usable width of A4 portrait with 15 mm side margins (180 mm).
PAGE_WIDTH_MM = page_size().content_width_mm

#: Blank line left for a signature when the value is unknown.
BLANK_LINE = "__________"

#: Characters Excel forbids in sheet names.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31

#: Characters an .xlsx (XML 1.0) cannot hold: C0 controls other than tab and line
#: breaks, the non-characters U+FFFE/U+FFFF, and lone surrogates.  Word pastes the
#: controls (\x07 cell ends, \x0b line breaks); the rest only come from damaged text.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def numbered(items: list[str], style: str) -> str:
    """Goals as printed: ``1、…`` one per line."""
    return "\n".join(f"{i}{style}{text}" for i, text in enumerate(items, 1))


#: Room one signature field needs on one line: ``填报日期：`` and a line to sign on.
SIGNATURE_MIN_MM = 40.0


def split_columns(widths: list[float], parts: int) -> list[tuple[int, int]]:
    """Split columns into *parts* consecutive groups of about equal width."""
    total = sum(widths)
    bounds = [0]
    acc = 0.0
    target = 1
    for i, width in enumerate(widths):
        acc += width
        remaining_cols = len(widths) - (i + 1)
        remaining_parts = parts - target
        if target < parts and (acc >= total * target / parts or remaining_cols == remaining_parts):
            bounds.append(i + 1)
            target += 1
    bounds.append(len(widths))
    return list(itertools.pairwise(bounds))


def merge_runs(values: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal, non-blank consecutive values; blanks stand alone."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(values):
        j = i + 1
        if values[i]:
            while j < len(values) and values[j] == values[i]:
                j += 1
        runs.append((i, j - i))
        i = j
    return runs


#: Formatting characters Word pastes that a printed form must not show: soft hyphens
#: (reportlab would print "培训-人次"), zero-width spaces and joiners, word joiners and
#: stray byte-order marks.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """*text* as both writers print it: without the characters an .xlsx cannot hold and
    Word's invisible formatting characters, no-break spaces as plain spaces (the
    full-width space U+3000 is ordinary Chinese text and stays)."""
    text = _INVISIBLE.sub("", _NOT_IN_XML.sub("", text))
    return text.replace("\u00a0", " ")


#: Words that end a part of a project name: a shortened name is cut after one of them.
_WORD_ENDS = (
    "经费", "项目", "工作", "资金", "补助", "费用", "专项", "建设", "购置", "运维", "服务",
    "保障", "系统", "工程", "设备", "维护", "管理", "培训", "会议", "业务", "年度", "支出",
)  # fmt: skip
#: Characters after which a name may be cut; a name never ends with the separators.
_AFTER = set(" 、，,。；;：:.．-—_·）)】》」]")
_SEPARATORS = " 、，,。；;：:.．-—_·"
_OPEN, _CLOSE = "（(【《「[", "）)】》」]"


def _brackets_closed(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth == 0


def shorten(text: str, limit: int) -> str:
    """*text* cut to at most *limit* characters where a reader would cut it: after a word
    of the name (经费, 项目 …) or a separator, before a bracket, never inside a number
    and never leaving a bracket open.  Text that fits is returned as it is."""
    if len(text) <= limit:
        return text
    for cut in range(limit, max(1, limit // 2) - 1, -1):
        piece = text[:cut]
        if not _brackets_closed(piece):
            continue
        if text[cut - 1] in _AFTER or text[cut] in _OPEN or piece.endswith(_WORD_ENDS):
            return piece.rstrip(_SEPARATORS) or piece
    for cut in range(limit, 0, -1):  # no boundary: at least no open bracket, no cut number
        piece = text[:cut]
        if _brackets_closed(piece) and not (text[cut - 1].isdigit() and text[cut].isdigit()):
            return piece
    return text[:limit]


def sheet_name(base: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: forbidden characters removed, ≤ 31 chars, unique;
    shortened at a word or bracket boundary (`shorten`)."""
    name = _SHEET_FORBIDDEN.sub("", clean_text(base)).strip().strip("'") or "表"
    candidate = shorten(name, SHEET_NAME_MAX)
    n = 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f"({n})"
        candidate = shorten(name, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    taken.add(candidate)
    return candidate


def fit_widths(widths: list[float], total: float = PAGE_WIDTH_MM) -> list[float]:
    """Scale column widths to the usable page width."""
    scale = total / sum(widths)
    return [round(w * scale, 2) for w in widths]
