"""Indicator cells as text: what a table cell, a paste or a copy reads and writes.

A cell is named by its field: an `Indicator` attribute (``level1``, ``weight`` …) or
``extra.<id>``, a field a layout declares of its own (kept in ``Indicator.extra``).
Every cell reads as text and is written from text: 权重 is a number of points,
指标值设定依据's kind one of `BASIS_TYPES`; anything else is refused with a Chinese
message (`CellError`) and the indicator is left as it was.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import GoalEditorError
from .model import BASIS_TYPES, Indicator

#: Prefix of a layout's own indicator fields: ``extra.remark`` is ``Indicator.extra["remark"]``.
EXTRA = "extra."

#: 指标值设定依据's kinds as 财预〔2021〕101号 words them (the file keeps the short name).
BASIS_TYPE_LABELS = {name: name for name in BASIS_TYPES} | {
    "其他标准": "财政部门和预算部门认可的其他标准"
}

#: Most decimals a weight keeps.
WEIGHT_PLACES = 2


class CellError(GoalEditorError):
    """Text a cell cannot take; the message says why, in Chinese."""


def cell_text(ind: Indicator, field: str) -> str:
    """The text of *field* of *ind* as the table shows and copies it."""
    if field.startswith(EXTRA):
        return ind.extra.get(field.removeprefix(EXTRA), "")
    value = getattr(ind, field)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else value


def parse_weight(text: str) -> Decimal | None:
    """权重 from typed text (``10``, ``12.5``, ``10分``); None when blank."""
    stripped = text.strip().removesuffix("分").strip()
    if not stripped:
        return None
    try:
        weight = Decimal(stripped.replace("，", ".").replace("．", "."))
    except InvalidOperation:
        weight = None
    if weight is None or not weight.is_finite():
        raise CellError(f"“{text.strip()}”不是数字：权重填 0 到 100 之间的分值，如 10 或 12.5。")
    if not 0 <= weight <= 100:
        raise CellError(f"权重 {stripped} 超出范围：应在 0 到 100 之间。")
    if weight != weight.quantize(Decimal(1).scaleb(-WEIGHT_PLACES)):
        raise CellError(f"权重“{stripped}”的小数太多：最多 {WEIGHT_PLACES} 位小数。")
    return weight


def parse_basis_type(text: str) -> str:
    """指标值设定依据's kind from typed text: a kind, its full wording, or blank."""
    stripped = text.strip()
    for name, label in BASIS_TYPE_LABELS.items():
        if stripped in (name, label):
            return name
    if not stripped:
        return ""
    shown = "、".join(BASIS_TYPE_LABELS.values())
    raise CellError(f"“{stripped}”不是指标值设定依据的类型：应为{shown}之一，或留空。")


def cell_value(field: str, text: str) -> Any:
    """The value *field* stores for *text* (already cleaned as typed); `CellError` when
    it cannot take it."""
    if field == "weight":
        return parse_weight(text)
    if field == "basis_type":
        return parse_basis_type(text)
    return text


def with_extra(extra: dict[str, str], field: str, text: str) -> dict[str, str]:
    """A copy of *extra* with ``extra.<id>`` *field* set to *text* (dropped when blank)."""
    new = dict(extra)
    key = field.removeprefix(EXTRA)
    if text:
        new[key] = text
    else:
        new.pop(key, None)
    return new


def set_cell(ind: Indicator, field: str, text: str) -> None:
    """Write *text* into a new indicator (not yet in the document); `CellError` as
    `cell_value`."""
    if field.startswith(EXTRA):
        ind.extra = with_extra(ind.extra, field, text)
    else:
        setattr(ind, field, cell_value(field, text))


def cell_changes(
    edits: list[tuple[Indicator, str, str]],
) -> tuple[list[tuple[Indicator, str, Any]], list[str]]:
    """The model changes ``(indicator, attribute, value)`` of cell *edits* (indicator,
    field, text) and the messages of the cells refused; the edits of one indicator's own
    fields become one change of its ``extra``."""
    changes: list[tuple[Indicator, str, Any]] = []
    extras: dict[int, tuple[Indicator, dict[str, str]]] = {}
    problems: list[str] = []
    for ind, field, text in edits:
        if field.startswith(EXTRA):
            _ind, extra = extras.setdefault(id(ind), (ind, dict(ind.extra)))
            extras[id(ind)] = (ind, with_extra(extra, field, text))
            continue
        try:
            changes.append((ind, field, cell_value(field, text)))
        except CellError as err:
            problems.append(str(err))
    changes += [(ind, "extra", extra) for ind, extra in extras.values() if extra != ind.extra]
    return changes, problems
