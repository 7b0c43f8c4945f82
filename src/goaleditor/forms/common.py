"""Pieces every official layout shares: styles, amounts, the heading and the signature block."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from ..grid import BODY, TITLE, Form, Style
from ..labels import SIGNATURE_LABELS, STAMP_LABEL
from ..model import Document

#: Usable width of A4 portrait with 15 mm side margins.
PAGE_WIDTH_MM = 180.0

LABEL = Style()
LABEL_BOLD = Style(bold=True)
TEXT = Style(align="left")
TEXT_TOP = Style(align="left", valign="top")
CENTER = Style()
AMOUNT = Style(align="right")
HEADER = Style(bold=True)
TITLE_STYLE = Style(font=TITLE, size=16, border=False)
SUBTITLE_STYLE = Style(font=TITLE, size=14, border=False)
PART_STYLE = Style(font=TITLE, size=16, border=False)
PLAIN_LEFT = Style(align="left", border=False)
PLAIN_RIGHT = Style(align="right", border=False)
PLAIN_CENTER = Style(border=False)
PARAGRAPH = Style(align="left", valign="top", border=False)
HEADING = Style(font=TITLE, size=12, align="left", border=False)
SIGNATURE = Style(font=BODY, align="left", border=False)

#: Blank line left for a signature when the value is unknown.
BLANK_LINE = "__________"

#: Characters Excel forbids in sheet names.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31

#: Characters an .xlsx (XML 1.0) cannot hold: C0 controls other than tab and line
#: breaks, the non-characters U+FFFE/U+FFFF, and lone surrogates.  Word pastes the
#: controls (\x07 cell ends, \x0b line breaks); the rest only come from damaged text.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def format_amount(value: Decimal | None) -> str:
    """``Decimal("6797.78")`` → ``6,797.78``; blank stays blank."""
    if value is None:
        return ""
    return f"{value:,.2f}"


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}"


def numbered(items: list[str], style: str) -> str:
    """Goals as printed: ``1、…`` one per line."""
    return "\n".join(f"{i}{style}{text}" for i, text in enumerate(items, 1))


def money_unit_label(doc: Document) -> str:
    return f"单位：{doc.money_unit}"


def add_heading(
    form: Form, row: int, title: str, doc: Document, unit_label: str = "", unit_line: str = ""
) -> int:
    """Title over the full width, then the unit line (left) and the money unit (right).

    *unit_line* replaces the document's unit (a project filed under another unit).
    Returns the next free row.
    """
    n = form.n_cols
    form.add(row, 0, title, colspan=n, style=TITLE_STYLE)
    row += 1
    right = max(1, min(2, n - 1))
    form.add(
        row, 0, unit_line or doc.unit_line, colspan=n - right, style=PLAIN_LEFT, key="unit_line"
    )
    form.add(row, n - right, unit_label or money_unit_label(doc), colspan=right, style=PLAIN_RIGHT)
    return row + 1


def signature_lines(doc: Document) -> list[str]:
    """The four signature fields as printed: value, or a blank line to sign on."""
    sig = doc.signature
    return [
        f"{label}：{getattr(sig, name) or BLANK_LINE}" for name, label in SIGNATURE_LABELS.items()
    ]


def add_signature(form: Form, row: int, doc: Document) -> int:
    """The block printed forms end with, after one spacer row; nothing when switched off."""
    if not doc.signature.enabled:
        return row
    n = form.n_cols
    row += 1  # spacer between the table and the signatures
    form.add(row, 0, "", colspan=n, style=PLAIN_LEFT)
    row += 1
    lines = signature_lines(doc)
    per_row = _signatures_per_row(form.col_widths_mm)
    spans = split_columns(form.col_widths_mm, per_row)
    for first in range(0, len(lines), per_row):
        for text, (start, stop) in zip(lines[first : first + per_row], spans, strict=True):
            form.add(row, start, text, colspan=stop - start, style=SIGNATURE, key="signature")
        row += 1
    form.add(row, 0, f"{STAMP_LABEL}：", colspan=n, style=PLAIN_RIGHT, key="signature")
    return row + 1


#: Room one signature field needs on one line: ``填报日期：`` and a line to sign on.
SIGNATURE_MIN_MM = 40.0


def _signatures_per_row(widths: list[float]) -> int:
    """4 fields on one row where each gets room, else 2 rows of 2, else one per row."""
    for per_row in (4, 2):
        if len(widths) >= per_row:
            parts = split_columns(widths, per_row)
            if min(sum(widths[a:b]) for a, b in parts) >= SIGNATURE_MIN_MM:
                return per_row
    return 1


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


def sheet_name(base: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: forbidden characters removed, ≤ 31 chars, unique."""
    name = _SHEET_FORBIDDEN.sub("", clean_text(base)).strip().strip("'") or "表"
    name = name[:SHEET_NAME_MAX]
    candidate = name
    n = 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f"({n})"
        candidate = name[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def fit_widths(widths: list[float], total: float = PAGE_WIDTH_MM) -> list[float]:
    """Scale column widths to the usable page width."""
    scale = total / sum(widths)
    return [round(w * scale, 2) for w in widths]
