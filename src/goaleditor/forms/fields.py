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
    if layout.project_layout:
        return _layout_fields(layout.project_layout, "project")
    fields = set(PROJECT_BASE)
    if layout.show_code:
        fields.add("code")
    if layout.show_spending_plan:
        fields.add("spending_plan")
    if layout.project_form == "national":
        fields |= PROJECT_NATIONAL
    return fields


def project_indicator_fields(layout: Layout) -> set[str]:
    if layout.project_layout:
        return _layout_fields(layout.project_layout, "indicator")
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


def _layout_fields(layout_id: str, root: str) -> set[str]:
    """Fields of *root* (``project`` or ``indicator``) the layout file *layout_id* prints:
    a value printed apart (指标性质 · 指标值 · 度量单位) counts as printed."""
    from ..layouts import registry
    from ..layouts.spec import walk_blocks

    spec = registry().get(layout_id)
    if root == "indicator":
        found = spec.printed_indicator_fields()
        if {"value.sign", "value.number"} <= found:
            found.add("value")
        found.add("number")  # printed before the name by `indicator_name`
        return found
    found = {"indicators"}
    for block in walk_blocks(spec.data["rows"]):
        for cell in block.get("cells", []) + block.get("columns", []):
            parts = cell.get("field", "").split(".")
            if parts[0] == root and len(parts) > 1:
                found.add(parts[1])
    return found
