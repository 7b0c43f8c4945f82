"""审核 rules for one 指标值: percentages, units that fit the indicator, cost versus budget, years.

Whether an indicator is a rate, an amount or a satisfaction is read from how its name
ends (see `names`), the way a reviewer reads the printed form; where the name leaves
doubt, the finding is a 提醒, never a 错误.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Indicator
from ..values import MONEY_FACTORS, IndicatorValue
from .names import (
    AMOUNT,
    MAYBE_AMOUNT,
    amount_kind,
    is_bounded_share,
    is_rate,
    is_satisfaction,
    may_exceed_100,
)
from .problem import ERROR, WARNING, Findings

if TYPE_CHECKING:
    from .indicators import TableContext

#: 社会成本指标 and 生态环境成本指标 measure costs to society and nature, often in words
#: or shares, so unlike the other cost categories their values are not assumed money.
NON_MONEY_COST_LEVEL2 = ("社会成本指标", "生态环境成本指标")
#: A benefit may honestly exceed the budget (挽回经济损失金额, 带动社会投资).
BENEFIT_LEVEL1 = ("效益指标", "效果指标", "满意度指标")
#: Units that fit a rate besides %: percentage points (and ratio notation, 1:1).
RATE_FRIENDLY_UNITS = ("个百分点", "百分点")
#: A satisfaction may be a score (≥90分, ≥4.5分).
SATISFACTION_UNITS = ("分", "个百分点", "百分点")


def check_value(
    value: IndicatorValue,
    ind: Indicator,
    level1,
    level2,
    row,
    ctx: TableContext,
    out: Findings,
    field,
) -> None:
    name = ind.name.strip()
    cost = level2 not in NON_MONEY_COST_LEVEL2 and (
        level2 in ("成本指标", "经济成本指标") or level1 == "成本指标"
    )
    amount = amount_kind(name)
    text = ind.value if field == "value" else ind.period_value
    shown = text.strip()
    if value.has_number:
        if value.is_percent and value.number > 100 and not may_exceed_100(name):
            _check_over_100(name, shown, row, out, field)
        if is_rate(name):
            _check_rate_unit(value, name, shown, row, out, field)
        elif (cost or amount) and value.is_percent:
            _check_amount_percent(amount, name, shown, row, out, field)
        elif (
            is_satisfaction(name)
            and value.unit
            and not value.is_percent
            and value.unit not in SATISFACTION_UNITS
        ):
            out.warning(
                "satisfaction_unit",
                f"满意度的指标值通常是百分比（如“≥90%”），这里是“{shown}”。请核实单位。",
                row,
                field,
            )
        if (cost or amount) and not is_rate(name):
            benefit = level1 in BENEFIT_LEVEL1 and not cost
            sure = cost or amount == AMOUNT
            _check_cost(value, name, shown, row, ctx, out, field, benefit, sure)
    if field == "value" and ctx.fiscal_year:
        _check_year(value, shown, row, ctx, out)


def _check_over_100(name, shown, row, out: Findings, field) -> None:
    if is_bounded_share(name):
        out.error(
            "percent_over_100",
            f"指标值“{shown}”超过了 100%。比率不会超过 100%，请改为不超过 100% 的值（如“=100%”）。",
            row,
            field,
        )
    else:
        out.warning(
            "percent_over_100",
            f"指标值“{shown}”超过了 100%。如果考核的是占比，请改为不超过 100% 的值；"
            "如果是超额完成或与上年相比，可忽略本提醒。",
            row,
            field,
        )


def _check_amount_percent(amount, name, shown, row, out: Findings, field) -> None:
    if amount == AMOUNT:
        out.error(
            "amount_percent",
            f"“{name}”是金额类指标，指标值“{shown}”却是百分比。请写成金额，如“≤9.5万元”。",
            row,
            field,
        )
    elif amount == MAYBE_AMOUNT:
        out.warning(
            "amount_percent",
            f"“{name}”看起来是金额，指标值“{shown}”却是百分比。如果考核的是金额，请写成金额"
            "（如“≤9.5万元”）；如果考核的是比例或进度，请在名称中写明（如“……执行率”“……进度”）。",
            row,
            field,
        )
    else:
        out.warning(
            "cost_percent",
            f"成本指标的指标值一般是金额（如“≤9.5万元”），这里是“{shown}”。请核实，或把这个指标移到质量/效益指标下。",
            row,
            field,
        )


def _check_rate_unit(value: IndicatorValue, name, shown, row, out: Findings, field) -> None:
    if value.is_percent or value.unit in RATE_FRIENDLY_UNITS or value.unit.startswith(":"):
        return
    if value.unit == "倍":
        out.error(
            "growth_multiple",
            f"“{name}”是比率，指标值却写成“{shown}”。“≥1倍”的意思是至少翻一番（增长 100%），"
            "比率请写成百分比，如“≥10%”。",
            row,
            field,
        )
    elif value.is_money:
        out.error(
            "rate_unit",
            f"“{name}”是比率，指标值“{shown}”却是金额。请写成百分比，如“≥90%”；金额应填在成本指标下。",
            row,
            field,
        )
    elif value.unit:
        out.warning(
            "rate_unit",
            f"“{name}”是比率，指标值“{shown}”的单位却是“{value.unit}”。请写成百分比，或把指标名称改为数量（如“……数量”）。",
            row,
            field,
        )
    else:
        out.warning("rate_unit", f"指标值“{shown}”没有单位。比率请加上“%”。", row, field)


def _check_cost(
    value: IndicatorValue, name, shown, row, ctx: TableContext, out: Findings, field, benefit, sure
) -> None:
    """Unit and budget of a cost; a benefit is not held to the budget, a doubtful name warns."""
    if value.is_percent or value.comparison in (">", "≥"):
        return
    if not value.unit:
        out.warning(
            "cost_unit_missing",
            f"金额“{shown}”没有单位。请写明元或万元，如“≤{value.number}{ctx.money_unit}”。",
            row,
            field,
        )
        return
    amount = value.in_yuan()
    factor = MONEY_FACTORS.get(ctx.money_unit)
    if benefit or amount is None or factor is None or not ctx.budget_total or ctx.budget_total < 0:
        return
    budget = ctx.budget_total * factor
    budget_text = f"{ctx.budget_total:,.2f} {ctx.money_unit}"
    if amount > budget:
        out.add(
            ERROR if sure else WARNING,
            "cost_over_budget",
            f"“{name}”的指标值“{shown}”超过了{ctx.owner}的预算数 {budget_text}。"
            "请核对数字和单位（元与万元）。",
            row,
            field,
        )
    elif value.number == ctx.budget_total and MONEY_FACTORS[value.unit] != factor:
        out.warning(
            "cost_unit_suspect",
            f"指标值“{shown}”与预算数 {budget_text} 数字相同而单位不同，可能把“{ctx.money_unit}”写成了“{value.unit}”。请核实单位。",
            row,
            field,
        )


def _check_year(value: IndicatorValue, shown, row, ctx: TableContext, out: Findings) -> None:
    year = ctx.fiscal_year
    if value.kind == "time" and value.year is not None and value.year != year:
        out.warning(
            "year_mismatch",
            f"指标值“{shown}”中的年份 {value.year} 与预算年度 {year} 不一致。如果是上年结转来的，请改成 {year} 年。",
            row,
            "value",
        )
    elif value.kind == "period" and not value.year <= year <= value.year_end:
        out.warning(
            "year_mismatch",
            f"指标值“{shown}”的期间不包含预算年度 {year}。请核实期间。",
            row,
            "value",
        )
