"""Which model fields each layout prints.

The Excel export keeps the rest (and the document settings) in a hidden sheet, so
that a workbook read back gives the same document even for fields the form does not
show.
"""

from __future__ import annotations

import re

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
    else:
        found = {"indicators"}
        for block in walk_blocks(spec.data["rows"]):
            for cell in block.get("cells", []) + block.get("columns", []):
                parts = cell.get("field", "").split(".")
                if parts[0] == root and len(parts) > 1:
                    found.add(parts[1])
    # The layout's own fields are kept whole in the hidden sheet (another layout's too);
    # the importer puts the printed ones over them.
    found.discard("extra")
    return found


def department_layout_fields(layout_id: str) -> tuple[set[str], set[str], set[str], set[str]]:
    """(department, task, budget, indicator) fields the department layout file prints; a
    task field counts where a cell shows it or a text names it (``{item.name}``)."""
    from ..layouts import registry
    from ..layouts.spec import walk_blocks

    spec = registry().get(layout_id)
    dept, tasks, budget = {"indicators"}, set(), set()
    for block in walk_blocks(spec.data["rows"]):
        if block.get("each") == "department.tasks":
            dept.add("tasks")
            for inner in walk_blocks(block["rows"]):
                for cell in inner.get("cells", []):
                    text = cell.get("field", "") + str(cell.get("text", ""))
                    tasks |= {m.split(".")[0] for m in re.findall(r"item\.([\w.]+)", text)}
        for cell in block.get("cells", []):
            parts = cell.get("field", "").split(".")
            if parts[0] == "department" and len(parts) > 1:
                dept.add(parts[1])
                if parts[1] == "budget" and len(parts) > 2:
                    budget.add(parts[2])
    # The layout's own fields are kept whole in the hidden sheet (another layout's too);
    # the importer puts the printed ones over them.
    tasks.discard("extra")
    dept.discard("extra")
    return dept, tasks, budget, _layout_fields(layout_id, "indicator")
