"""审核 rules for a table of indicators (绩效指标), shared by project and department forms.

A blank 一级 or 二级 cell below a filled one is read as the lower part of a merged
cell (as printed forms show them), so only a blank at the top of the table is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..catalog import STANDARD, VARIANT, Catalog, load_catalog
from ..model import Indicator
from ..values import parse_value
from .problem import Findings, row_list
from .units import check_value

OUTPUT, EFFECT, SATISFACTION = "产出指标", "效益指标", "满意度指标"


@dataclass(frozen=True)
class TableContext:
    """What the rules need to know about the form the table sits on."""

    #: 预算数 of the project (资金总额 of the department), in `money_unit`.
    budget_total: Decimal | None
    money_unit: str
    fiscal_year: int | None
    #: The form has 绩效指标描述 (project forms) / 指标值确定依据 columns.
    has_description: bool
    has_basis: bool
    #: ``本项目`` or ``部门整体``, for messages.
    owner: str


def check_indicators(indicators: list[Indicator], ctx: TableContext, out: Findings) -> None:
    catalog = load_catalog()
    if not indicators:
        out.error(
            "no_indicators",
            f"{ctx.owner}没有绩效指标。请至少填写产出、效益和满意度指标各一项。",
            field="indicators",
        )
        return
    level1s, level2s = _filled_down(indicators)
    seen: dict[tuple[str, str], int] = {}
    names: dict[str, int] = {}
    category_noted: set = set()
    repeats, no_description, no_basis = [], [], []
    for row, ind in enumerate(indicators):
        level1, level2, name = level1s[row], level2s[row], ind.name.strip()
        if _is_blank_row(ind):
            out.error("empty_row", "这一行是空行。请填写指标，或删除这一行。", row)
            continue
        _check_category(catalog, level1, level2, row, out, category_noted)
        if not name:
            out.error(
                "missing_name",
                "未填写三级指标（指标名称）。请写明考核什么，例如“群众满意度”。",
                row,
                "name",
            )
        else:
            key = (level2, name)
            if key in seen:
                out.error(
                    "duplicate_indicator",
                    f"与第 {seen[key] + 1} 行的指标“{name}”重复。请删除重复的一行，或改成不同的指标。",
                    row,
                    "name",
                )
            elif name in names:
                out.warning(
                    "duplicate_name",
                    f"指标名称“{name}”与第 {names[name] + 1} 行相同，但分在不同的二级指标下。请确认不是误填。",
                    row,
                    "name",
                )
            seen.setdefault(key, row)
            names.setdefault(name, row)
        if not ind.value.strip():
            out.error(
                "missing_value",
                "未填写指标值。请填写目标值，例如“≥95%”“≤10万元”或定性描述。",
                row,
                "value",
            )
        else:
            check_value(parse_value(ind.value), ind, level1, level2, row, ctx, out, "value")
        if ind.period_value.strip():
            check_value(
                parse_value(ind.period_value), ind, level1, level2, row, ctx, out, "period_value"
            )
        if ctx.has_description and name:
            description = ind.description.strip()
            if not description:
                no_description.append(row)
            elif _bare(description) == _bare(name):
                repeats.append(row)
        if ctx.has_basis and name and not ind.basis.strip():
            no_basis.append(row)
    _summarize_rows(repeats, no_description, no_basis, len(indicators), ctx, out)
    _check_coverage(catalog, level1s, level2s, ctx, out)


# ------------------------------------------------------------ categories


def _filled_down(indicators: list[Indicator]) -> tuple[list[str], list[str]]:
    level1s, level2s = [], []
    last1 = last2 = ""
    for ind in indicators:
        l1, l2 = ind.level1.strip(), ind.level2.strip()
        if l1 and l1 != last1:
            last2 = ""
        last1 = l1 or last1
        last2 = l2 or last2
        level1s.append(last1)
        level2s.append(last2)
    return level1s, level2s


def _is_blank_row(ind: Indicator) -> bool:
    return not any(
        text.strip()
        for text in (
            ind.level1,
            ind.level2,
            ind.name,
            ind.description,
            ind.value,
            ind.period_value,
            ind.basis,
        )
    )


def _check_category(catalog: Catalog, level1, level2, row, out: Findings, noted: set) -> None:
    if not level1:
        if ("missing", 1) not in noted:
            noted.add(("missing", 1))
            out.error(
                "missing_level1",
                "未填写一级指标。请选择产出指标、效益指标或满意度指标。",
                row,
                "level1",
            )
        return
    if not level2:
        if ("missing", 2, level1) not in noted:
            noted.add(("missing", 2, level1))
            choices = "、".join(catalog.level2_for(level1)) or "数量指标、质量指标等"
            out.error(
                "missing_level2", f"未填写二级指标。“{level1}”下可选：{choices}。", row, "level2"
            )
        return
    kind = catalog.classify(level1, level2)
    if kind == STANDARD:
        return
    entry = catalog.level1(level1)
    if kind == VARIANT:
        key = level1 if entry is not None and not entry.standard else (level1, level2)
        if key not in noted:
            noted.add(key)
            field = "level1" if isinstance(key, str) else "level2"
            note = catalog.variant_note(level1, level2)
            out.warning(
                "category_variant",
                f"“{level1} › {level2}”不是标准分类，可以保留。{note}",
                row,
                field,
            )
        return
    if (level1, level2) in noted:
        return
    noted.add((level1, level2))
    home = catalog.standard_level1_of(level2)
    if entry is not None and home is not None and home != level1:
        choices = "、".join(catalog.level2_for(level1))
        out.error(
            "level2_mismatch",
            f"二级指标“{level2}”属于一级指标“{home}”，不属于“{level1}”。"
            f"请把一级指标改为“{home}”，或在“{level1}”下选择：{choices}。",
            row,
            "level2",
        )
    elif entry is not None:
        choices = "、".join(catalog.level2_for(level1))
        out.warning(
            "category_unknown",
            f"二级指标“{level2}”不在“{level1}”的标准分类中（标准分类：{choices}）。如是上级要求的自定义指标，可忽略本提醒。",
            row,
            "level2",
        )
    else:
        hint = f"二级指标“{level2}”通常属于“{home}”。" if home else ""
        standard = "、".join(catalog.standard_level1_names())
        out.warning(
            "category_unknown",
            f"一级指标“{level1}”不是标准分类（{standard}）。{hint}请核实。",
            row,
            "level1",
        )


def _check_coverage(catalog: Catalog, level1s, level2s, ctx: TableContext, out: Findings) -> None:
    present = set()
    for level1, level2 in zip(level1s, level2s, strict=True):
        # the 二级 decides when it is known: a 满意度 row filed under the wrong 一级 is
        # already an error of its own, not also a missing 满意度 indicator
        present.add(catalog.standard_level1_of(level2) or catalog.canonical_level1(level1))
    if OUTPUT not in present:
        out.error(
            "missing_output",
            f"{ctx.owner}没有产出指标。请至少填写一项产出指标（数量、质量、时效或成本）。",
            field="indicators",
        )
    if EFFECT not in present:
        out.error(
            "missing_effect",
            f"{ctx.owner}没有效益指标（或效果指标）。请至少填写一项，例如社会效益指标。",
            field="indicators",
        )
    if SATISFACTION not in present:
        out.warning(
            "missing_satisfaction",
            f"{ctx.owner}没有满意度指标。一般应填写服务对象满意度指标，例如“群众满意度 ≥90%”。",
            field="indicators",
        )


# ------------------------------------------------------------ columns as a whole


def _bare(text: str) -> str:
    return re.sub(r"[\s，,。.、；;：:（）()“”\"']", "", text)


def _summarize_rows(
    repeats, no_description, no_basis, total, ctx: TableContext, out: Findings
) -> None:
    """One reminder per column, not one per row: Tianjin forms repeat names in every row."""
    if repeats:
        which = f"全部 {total} 行指标" if len(repeats) == total else row_list(repeats)
        out.warning(
            "description_repeats_name",
            f"{which}的绩效指标描述只是重复了指标名称。描述应说明指标的含义或计算口径，"
            "例如“已完成数量占计划数量的比例”。",
            repeats[0],
            "description",
        )
    if no_description:
        out.warning(
            "missing_description",
            f"{row_list(no_description)}未填写绩效指标描述。请说明指标的含义或计算口径。",
            no_description[0],
            "description",
        )
    if no_basis:
        out.warning(
            "missing_basis",
            f"{row_list(no_basis)}未填写指标值确定依据（如历史数据、计划标准、行业标准）。",
            no_basis[0],
            "basis",
        )
