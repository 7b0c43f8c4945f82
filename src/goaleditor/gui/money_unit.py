"""Changing a document's 金额单位 (元 ↔ 万元): every amount converted exactly, or only the unit.

Amounts are Decimals; 元 → 万元 moves the decimal point four places and keeps every
digit (1234.56 元 = 0.123456 万元), so converting back gives the amount typed.
Indicator values (``≤9.5万元``) are text the clerk wrote and are never touched.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from ..model import DepartmentBudget, Document

#: The most decimals the file keeps (storage refuses more).
_MAX_PLACES = 10


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


def convert(value: Decimal, old_unit: str, new_unit: str) -> Decimal:
    """*value* in *old_unit* expressed in *new_unit*, exactly; at least two decimals."""
    if old_unit == new_unit:
        return value
    moved = value.scaleb(-4 if new_unit == "万元" else 4)
    exponent = moved.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -2:
        return moved.quantize(Decimal("0.01"))
    if exponent < -_MAX_PLACES:
        return moved.quantize(Decimal(1).scaleb(-_MAX_PLACES))
    return moved.normalize()


def converted_changes(doc: Document, new_unit: str) -> list[tuple[object, str, Decimal]]:
    """``(obj, field, value)`` for every amount of *doc* converted to *new_unit*."""
    old_unit = doc.money_unit
    return [
        (obj, name, convert(getattr(obj, name), old_unit, new_unit))
        for obj, name in amount_fields(doc)
    ]
