"""The Chengdu 部门整体支出绩效目标表 (docs/forms.md §3, seed 003) as a grid.

A label column (部门名称, 年度主要任务, 年度部门整体支出预算, 年度总体目标, 年度绩效指标)
and four content columns; 三级 names carry their task number (``2-3.名称``).
"""

from __future__ import annotations

from ..grid import Form
from ..model import DepartmentGoals, Document
from .common import (
    AMOUNT,
    HEADER,
    LABEL,
    PLAIN_CENTER,
    PLAIN_LEFT,
    PLAIN_RIGHT,
    TEXT,
    TITLE_STYLE,
    add_heading,
    add_signature,
    fit_widths,
    format_amount,
)
from .project import add_indicator_block

TITLE = "部门整体支出绩效目标表"
TASKS_LABEL = "年度主要任务"
TASK_PREFIX = "任务"
BUDGET_LABEL = "年度部门整体支出预算"
GOAL_LABEL = "年度总体目标"
INDICATORS_LABEL = "年度绩效指标"
VALUE_HEADER = "指标值（包含数字及文字描述）"
INDICATOR_COLUMNS = {"level1": (1, 1), "level2": (2, 1), "name": (3, 1), "value": (4, 1)}
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", VALUE_HEADER)


def task_label(number: int, doc: Document, name: str) -> str:
    """``任务1.持续深化政治建设``: the number the indicators' ``1-3`` refers to."""
    return f"{TASK_PREFIX}{number}{doc.layout.number_style}{name}"


def chengdu_title(doc: Document) -> str:
    if doc.title:
        return doc.title
    year = f"{doc.fiscal_year}年" if doc.fiscal_year else ""
    return f"{doc.unit_name} {year}{TITLE}".strip()


def build_chengdu_form(doc: Document, dept: DepartmentGoals, *, sheet_name: str) -> Form:
    title = chengdu_title(doc)
    form = Form(
        sheet_name=sheet_name, bookmark=title, col_widths_mm=fit_widths([24, 28, 30, 62, 36])
    )
    row = 0
    if doc.fiscal_year:
        # The year line sits between the title and the unit line, as on the seed.
        form.add(row, 0, title, colspan=5, style=TITLE_STYLE)
        form.add(row + 1, 0, f"（{doc.fiscal_year}年度）", colspan=5, style=PLAIN_CENTER)
        row += 2
        row = _unit_line(form, row, doc)
    else:
        row = add_heading(form, row, title, doc, f"金额单位：{doc.money_unit}")

    form.add(row, 0, "部门名称", style=LABEL)
    form.add(row, 1, dept.name, colspan=4, style=TEXT, key="department.name")
    row += 1

    form.add(row, 0, TASKS_LABEL, rowspan=len(dept.tasks) + 1, style=LABEL, repeat_on_split=True)
    form.add(row, 1, "任务名称", style=HEADER)
    form.add(row, 2, "主要内容", colspan=3, style=HEADER)
    header = row
    row += 1
    for i, task in enumerate(dept.tasks, 1):
        form.add(
            row, 1, task_label(i, doc, task.name), style=TEXT, key="task.name",
            repeat_on_split=True,
        )  # fmt: skip
        form.add(row, 2, task.content, colspan=3, style=TEXT, key="task.content")
        row += 1
    form.repeat_header(header, header + 1, row)

    b = dept.budget
    form.add(row, 0, BUDGET_LABEL, rowspan=2, style=LABEL, repeat_on_split=True)
    form.add(row, 1, "资金总额", colspan=2, style=HEADER)
    form.add(row, 3, "财政拨款", style=HEADER)
    form.add(row, 4, "其他资金", style=HEADER)
    form.add(
        row + 1,
        1,
        format_amount(b.total),
        colspan=2,
        style=AMOUNT,
        number=b.total,
        key="budget.total",
    )
    form.add(
        row + 1, 3, format_amount(b.fiscal), style=AMOUNT, number=b.fiscal, key="budget.fiscal"
    )
    form.add(row + 1, 4, format_amount(b.other), style=AMOUNT, number=b.other, key="budget.other")
    form.keep_with_next.add(row + 1)
    row += 2

    form.add(row, 0, GOAL_LABEL, style=LABEL)
    form.add(row, 1, dept.overall_goal, colspan=4, style=TEXT, key="overall_goal")
    row += 1

    row = add_indicator_block(
        form, row, INDICATORS_LABEL, dept.indicators, INDICATOR_COLUMNS, INDICATOR_HEADERS
    )
    add_signature(form, row, doc)
    return form


def _unit_line(form: Form, row: int, doc: Document) -> int:
    form.add(row, 0, doc.unit_line, colspan=3, style=PLAIN_LEFT, key="unit_line")
    form.add(row, 3, f"金额单位：{doc.money_unit}", colspan=2, style=PLAIN_RIGHT)
    return row + 1
