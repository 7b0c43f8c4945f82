"""Rows under an Excel indicator table that are not indicators.

Clerks type a remark under the table (``注：以上指标请于3月底前填报``, ``备注：…``), a
signature line (``联系电话：…``) or a sentence in column A alone.  Read as indicators
they would become indicators named by the remark.  A half-done row of a template (only
一级 filled in) looks the same, so the decision takes both the content and the
position: a row opening with 注/备注/说明 or a signature label is never an indicator;
a row with text in column A only is a remark when it does not read as a category and
stands after the table (after a blank row or a remark, or with no indicator below it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import SIGNATURE_LINE

#: ``注：`` ``注1.`` ``备注`` ``说明：`` — a remark, not a category.
_REMARK = re.compile(r"^(?:注|备注|说明)\s*(?:$|[：:（(\d①-⑩一二三四五六七八九十、.．,，])")
_PUNCTUATION = re.compile(r"[，。；！？：、,.;!?:（）()“”]")

#: The kinds of rows under the header: an indicator; text in column A only (to be
#: settled); a remark; text outside the indicator columns; one merged cell across
#: the table (`FormReader._spanning_text`); nothing.
INDICATOR, LONE, REMARK, OUTSIDE, SPANNING, BLANK = (
    "indicator",
    "lone",
    "remark",
    "outside",
    "spanning",
    "blank",
)


def is_remark(text: str) -> bool:
    return bool(_REMARK.match(text.strip()))


def is_signature_line(text: str) -> bool:
    """A signature line (docs/forms.md §2): ``填报人：``, ``联系电话：`` … and
    ``填报单位（盖章）`` (`labels.SIGNATURE_LINE`)."""
    return bool(SIGNATURE_LINE.match(text.strip()))


def reads_as_category(text: str) -> bool:
    """A 一级 as clerks type it: ``…指标``, or a short word without punctuation (产出)."""
    key = re.sub(r"\s+", "", text)
    return key.endswith("指标") or (len(key) <= 6 and not _PUNCTUATION.search(key))


@dataclass
class RowKind:
    row: int
    kind: str
    #: The text shown in a note (the remark, or the cells outside the columns).
    text: str = ""


def settle(rows: list[RowKind]) -> None:
    """Decide each `LONE` row (text in column A only) as an `INDICATOR` or a `REMARK`."""
    for i, entry in enumerate(rows):
        if entry.kind != LONE:
            continue
        if reads_as_category(entry.text):
            entry.kind = INDICATOR
            continue
        before = [r.kind for r in rows[:i]]
        gap = bool(before) and before[-1] == BLANK and INDICATOR in before
        above = next((k for k in reversed(before) if k != BLANK), None)
        after_remark = above in (REMARK, OUTSIDE, SPANNING)
        below = any(r.kind == INDICATOR for r in rows[i + 1 :])
        entry.kind = REMARK if gap or after_remark or not below else INDICATOR
