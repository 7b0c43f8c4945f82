"""审核 rules for one 指标值: percentages, units that fit the indicator, cost versus budget, years.

Whether an indicator is a rate, an amount or a satisfaction is read from its name
(…率/比例, …金额/成本, …满意度), the way a reviewer reads the printed form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Indicator
from ..values import MONEY_FACTORS, IndicatorValue
from .problem import Findings

if TYPE_CHECKING:
    from .indicators import TableContext

COST_LEVEL2 = ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")
RATE_ENDINGS = ("率", "比例", "占比", "比率", "比重")
GROWTH_WORDS = ("增长", "增幅", "增速", "同比", "比上年", "提升率", "提高率")
AMOUNT_WORDS = ("金额", "成本", "经费", "费用", "资金", "单价", "价格", "支出", "投入")
SAVING_WORDS = ("节约", "节省", "降低", "减少", "下降", "压减")


def _core(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return name.removesuffix("情况").removesuffix("水平")


def is_rate(name: str) -> bool:
    core = _core(name)
    return core.endswith(RATE_ENDINGS) and not core.endswith("效率")


def is_growth(name: str) -> bool:
    return any(word in name for word in GROWTH_WORDS)


def is_amount(name: str) -> bool:
    return (
        any(word in name for word in AMOUNT_WORDS)
        and not is_rate(name)
        and not any(word in name for word in SAVING_WORDS)
    )


def is_satisfaction(name: str) -> bool:
    return "满意度" in name or "满意率" in name


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
    cost = level2 in COST_LEVEL2 or level1 == "成本指标"
    text = ind.value if field == "value" else ind.period_value
    shown = text.strip()
    if value.has_number:
        if value.is_percent and value.number > 100 and not is_growth(name):
            out.error(
                "percent_over_100",
                f"指标值“{shown}”超过了 100%。比率不会超过 100%，请改为不超过 100% 的值（如“=100%”）。",
                row,
                field,
            )
        if is_rate(name):
            _check_rate_unit(value, name, shown, row, out, field)
        elif (cost or is_amount(name)) and value.is_percent:
            if is_amount(name):
                out.error(
                    "amount_percent",
                    f"“{name}”是金额类指标，指标值“{shown}”却是百分比。请写成金额，如“≤9.5万元”。",
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
        elif is_satisfaction(name) and value.unit and not value.is_percent:
            out.warning(
                "satisfaction_unit",
                f"满意度的指标值通常是百分比（如“≥90%”），这里是“{shown}”。请核实单位。",
                row,
                field,
            )
        if (cost or is_amount(name)) and not is_rate(name):
            _check_cost(value, name, shown, row, ctx, out, field)
    if field == "value" and ctx.fiscal_year:
        _check_year(value, shown, row, ctx, out)


def _check_rate_unit(value: IndicatorValue, name, shown, row, out: Findings, field) -> None:
    if value.is_percent:
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
    value: IndicatorValue, name, shown, row, ctx: TableContext, out: Findings, field
) -> None:
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
    if amount is None or factor is None or ctx.budget_total is None or ctx.budget_total <= 0:
        return
    budget = ctx.budget_total * factor
    budget_text = f"{ctx.budget_total:,.2f} {ctx.money_unit}"
    if amount > budget:
        out.error(
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
