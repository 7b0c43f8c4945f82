"""Changing a document's 金额单位 (元 ↔ 万元): every amount converted exactly, or only the unit.

Amounts are Decimals; 元 → 万元 moves the decimal point four places and keeps every
digit (1234.56 元 = 0.123456 万元), so converting back gives the amount typed.
Indicator values (``≤9.5万元``) are text the clerk wrote and are never touched.
万元 → 元 multiplies by 10000, so an amount can outgrow what the file holds
(`amounts.MAX_AMOUNT`): the conversion is then refused as a whole.  The conversion of
one amount is `amounts.convert`, the same the amount parser uses for ``5万元`` typed in
a 元 document.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from .amounts import MAX_AMOUNT, AmountTooLarge, convert, figures, limit_problem
from .labels import DEPARTMENT_AMOUNT_LABELS, PROJECT_LABELS
from .model import DepartmentBudget, Document

__all__ = ["amount_fields", "amount_place", "convert", "converted_changes"]


def amount_fields(doc: Document) -> list[tuple[object, str]]:
    """Every money field of *doc* that holds an amount: project budgets, the department
    budget and the 年度重点工作任务 amounts (not indicator values, not percentages)."""
    found: list[tuple[object, str]] = []
    for project in doc.projects:
        found += [(project.budget, name) for name in ("total", "fiscal", "other")]
    dept = doc.department
    if dept is not None:
        found += [(dept.budget, f.name) for f in fields(DepartmentBudget)]
        found += [(task, "amount") for task in dept.tasks]
    return [(obj, name) for obj, name in found if getattr(obj, name) is not None]


def amount_place(doc: Document, obj: object, name: str) -> str:
    """Where an amount field is, in the clerk's words (``项目 2“…”的预算数``)."""
    for i, project in enumerate(doc.projects):
        if obj is project.budget:
            title = f"“{project.name.strip()}”" if project.name.strip() else ""
            label = PROJECT_LABELS.get(f"budget.{name}", name)
            return f"项目 {i + 1}{title}的{label}"
    dept = doc.department
    if dept is not None:
        if obj is dept.budget:
            return f"部门整体的{DEPARTMENT_AMOUNT_LABELS.get(name, name)}"
        for i, task in enumerate(dept.tasks):
            if obj is task:
                return f"部门整体年度重点工作任务第 {i + 1} 行的拟投入的资金"
    return name


def converted_changes(doc: Document, new_unit: str) -> list[tuple[object, str, Decimal]]:
    """``(obj, field, value)`` for every amount of *doc* converted to *new_unit*.

    Raises `AmountTooLarge` naming the first amount that would become too large for
    the file (and how many would); *doc* is not changed either way.
    """
    old_unit = doc.money_unit
    changes = [
        (obj, name, convert(getattr(obj, name), old_unit, new_unit))
        for obj, name in amount_fields(doc)
    ]
    too_large = [(obj, name, value) for obj, name, value in changes if limit_problem(value)]
    if too_large:
        obj, name, value = too_large[0]
        more = f"（共 {len(too_large)} 个金额超出）" if len(too_large) > 1 else ""
        (before,) = figures(getattr(obj, name))
        (after,) = figures(value)
        raise AmountTooLarge(
            f"无法把金额换算成{new_unit}：{amount_place(doc, obj, name)} {before} {old_unit}，"
            f"换算后是 {after} {new_unit}，超过了金额的上限（须小于 {MAX_AMOUNT:,.0f}）{more}。\n\n"
            f"文档没有改动，金额单位仍为“{old_unit}”。"
            "请先核对这个金额（是否多写了位数），再更改金额单位。"
        )
    return changes
