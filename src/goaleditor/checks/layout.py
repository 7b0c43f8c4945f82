"""审核 rules a layout brings: what its form prints must be filled in the way it prints it.

- 权重 where the layout prints it: every indicator has one, and they sum to 100 (or to
  100 within each 一级 where the layout says ``"weights": "per_level1"``);
- 度量单位 where the layout prints it apart: every quantitative 指标值 has a unit;
- 评（扣）分标准 where the layout prints it: filled in;
- the budget systems' field lengths the layout names (``"lengths"``), as 提醒 with the
  limit in the message.
"""

from __future__ import annotations

from decimal import Decimal

from ..labels import DEPARTMENT_LABELS, PROJECT_LABELS
from ..layouts import LayoutError, LayoutSpec
from ..model import Indicator
from ..values import parse_value
from .problem import ROW_FIELDS, Findings, row_list

FULL_WEIGHT = Decimal(100)


def layout_of(getter, out: Findings) -> LayoutSpec | None:
    """The layout *getter* returns, or None with an error when it cannot be found."""
    try:
        return getter()
    except LayoutError as err:
        out.error("unknown_layout", f"{err}请在“文档”页另选版式。")
        return None


def check_layout_rules(
    spec: LayoutSpec, indicators: list[Indicator], out: Findings, texts: dict[str, str]
) -> None:
    """The rules of *spec* over a table of *indicators* and the form's *texts* (by field)."""
    printed = spec.printed_indicator_fields()
    checks = spec.checks()
    if indicators and ("weight" in printed or "weights" in checks):
        _check_weights(indicators, checks.get("weights", "total"), out)
    if "value.unit" in printed:
        for row, ind in enumerate(indicators):
            value = parse_value(ind.value)
            if value.kind in ("number", "percent") and not value.unit:
                out.warning(
                    "missing_unit",
                    f"指标值“{ind.value}”没有度量单位。本版式单独打印度量单位，"
                    "请在数字后写明单位（如 %、次、万元）。",
                    row,
                    "value",
                )
    if "scoring" in printed:
        missing = [row for row, ind in enumerate(indicators) if not ind.scoring.strip()]
        if missing:
            out.warning(
                "missing_scoring",
                f"{row_list(missing)}没有填写评（扣）分标准，本版式要打印它。",
                missing[0],
                "scoring",
            )
    for field, limit in checks.get("lengths", {}).items():
        _check_length(field, limit, indicators, texts, out)


def _check_weights(indicators: list[Indicator], mode: str, out: Findings) -> None:
    missing = [row for row, ind in enumerate(indicators) if ind.weight is None]
    if missing:
        out.warning(
            "missing_weight",
            f"{row_list(missing)}没有填写权重。本版式打印权重，每项指标都应有分值。",
            missing[0],
            "weight",
        )
        return
    groups: dict[str, list[int]] = {}
    level1 = ""
    for row, ind in enumerate(indicators):
        level1 = ind.level1 or level1  # a blank 一级 continues the one above
        groups.setdefault(level1 if mode == "per_level1" else "", []).append(row)
    for name, rows in groups.items():
        total = sum((indicators[r].weight for r in rows), Decimal(0))
        if total != FULL_WEIGHT:
            where = f"“{name}”下的" if name else ""
            out.warning(
                "weights_total",
                f"{where}权重合计为 {total.normalize():f}，应为 100。请调整各项指标的权重。",
                rows[0],
                "weight",
            )


def _check_length(
    field: str, limit: int, indicators: list[Indicator], texts: dict[str, str], out: Findings
) -> None:
    """A form's text *field* (in *texts*), else that field of every indicator row."""
    if field in texts:
        label = PROJECT_LABELS.get(field) or DEPARTMENT_LABELS.get(field, field)
        found = [(None, texts[field])]
    else:
        label = ROW_FIELDS.get(field, field)
        found = [(row, getattr(ind, field, None)) for row, ind in enumerate(indicators)]
    for row, text in found:
        if isinstance(text, str) and len(text) > limit:
            out.warning(
                "too_long",
                f"{label}有 {len(text)} 个字，超过预算系统允许的 {limit} 个字，上报时可能被截断或退回。",
                row,
                field,
            )
