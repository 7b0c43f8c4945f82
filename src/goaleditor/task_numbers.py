"""Task numbers of the Chengdu department form: ``2-3`` is the third indicator of task 2
(年度主要任务 row 2); the printed form puts it before the 三级指标 (``2-3.名称``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Indicator

_NUMBER = re.compile(r"^\s*(\d+)\s*[-－—–]\s*(\d+)\s*$")


def parse(number: str) -> tuple[int, int] | None:
    """``2-3`` → (2, 3); None for anything else (blank, ``2``, ``二-3``)."""
    match = _NUMBER.match(number)
    return (int(match.group(1)), int(match.group(2))) if match else None


def next_number(indicators: Sequence[Indicator], like_row: int) -> str:
    """The number for a new indicator next to row *like_row*: the same task as that row
    (else task 1), one more than the highest number that task has."""
    near = parse(indicators[like_row].number) if 0 <= like_row < len(indicators) else None
    if near is None:
        near = next((p for p in map(parse, (i.number for i in indicators)) if p), (1, 0))
    task = near[0]
    used = [p[1] for p in (parse(i.number) for i in indicators) if p and p[0] == task]
    return f"{task}-{max(used, default=0) + 1}"


def duplicates(indicators: Sequence[Indicator]) -> dict[str, list[int]]:
    """Numbers written on more than one row: ``{"2-3": [4, 7]}`` (0-based rows); ``2-3``
    and ``2－3`` are the same number."""
    rows: dict[tuple[int, int], list[int]] = {}
    shown: dict[tuple[int, int], str] = {}
    for row, indicator in enumerate(indicators):
        key = parse(indicator.number)
        if key is not None:
            rows.setdefault(key, []).append(row)
            shown.setdefault(key, indicator.number.strip())
    return {shown[key]: found for key, found in rows.items() if len(found) > 1}
