"""Which model fields each layout prints.

The Excel export keeps the rest (and the document settings) in a hidden sheet, so
that a workbook read back gives the same document even for fields the form does not
show.
"""

from __future__ import annotations

from ..model import Layout

PROJECT_BASE = {"name", "budget", "purpose", "goals", "indicators"}
PROJECT_NATIONAL = {"long_term_goals", "department", "implementer", "attribute", "period"}

INDICATOR_BASE = {"level1", "level2", "name", "number", "value"}

DEPARTMENT_FIELDS = {
    "text": {"overall_goal", "duty_goals", "safeguards", "safeguard_items"},
    "guangzhou": {
        "name",
        "staff_count",
        "subunit_count",
        "budget",
        "overall_goal",
        "tasks",
        "other_tasks",
        "indicators",
    },
    "chengdu": {"name", "tasks", "budget", "overall_goal", "indicators"},
}

#: Task fields each department form prints.
TASK_FIELDS = {
    "text": set(),
    "guangzhou": {"name", "content", "amount", "expected"},
    "chengdu": {"name", "content"},
}

#: Department budget fields each form prints.
DEPARTMENT_BUDGET_FIELDS = {
    "text": set(),
    "guangzhou": {
        "basic",
        "project",
        "fiscal",
        "other",
        "special",
        "other_development",
        "own_level",
        "transfer",
    },
    "chengdu": {"total", "fiscal", "other"},
}


def project_fields(layout: Layout) -> set[str]:
    fields = set(PROJECT_BASE)
    if layout.show_code:
        fields.add("code")
    if layout.show_spending_plan:
        fields.add("spending_plan")
    if layout.project_form == "national":
        fields |= PROJECT_NATIONAL
    return fields


def project_indicator_fields(layout: Layout) -> set[str]:
    fields = INDICATOR_BASE | {"description"}
    if layout.show_basis:
        fields.add("basis")
    if layout.project_form == "national":
        fields.add("period_value")
    return fields


def department_indicator_fields(kind: str) -> set[str]:
    if kind == "guangzhou":
        return INDICATOR_BASE | {"period_value"}
    return set(INDICATOR_BASE)
