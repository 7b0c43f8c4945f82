"""The Hebei department text form (第一部分 部门整体绩效目标) as borderless paragraphs.

Every paragraph spans the four equal columns of the grid: one very wide column is
what a single column would need, but LibreOffice then neither wraps it at the page
width nor shrinks it to fit.

Each paragraph is one row, in a fixed order the Excel importer reads back:
总体绩效目标, then per 分项绩效目标 ``1、职责：主要职责…`` and its goal (no row for an empty goal),
then 工作保障措施 and its numbered items.
"""

from __future__ import annotations

from ..grid import Form
from ..model import DepartmentGoals, Document
from .common import HEADING, PAGE_WIDTH_MM, PARAGRAPH, PART_STYLE, add_signature

COLUMNS = 4

PART_ONE = "第一部分"
PART_TITLE = "部门整体绩效目标"
OVERALL_HEADING = "一、总体绩效目标"
OVERALL_LABEL = "总体绩效目标："
DUTY_HEADING = "二、分项绩效目标"
SAFEGUARD_HEADING = "三、工作保障措施"
SAFEGUARD_LABEL = "工作保障措施："


def duty_line(number: int, style: str, duty: str, responsibilities: str) -> str:
    """``1、职责：主要职责``; without responsibilities no ``：`` dangles."""
    return (
        f"{number}{style}{duty}：{responsibilities}"
        if responsibilities
        else f"{number}{style}{duty}"
    )


def build_department_text_form(doc: Document, dept: DepartmentGoals, *, sheet_name: str) -> Form:
    form = Form(
        sheet_name=sheet_name,
        bookmark=PART_TITLE,
        col_widths_mm=[PAGE_WIDTH_MM / COLUMNS] * COLUMNS,
    )
    style = doc.layout.number_style
    row = 0

    def put(text: str, cell_style=PARAGRAPH, key: str = "") -> None:
        nonlocal row
        form.add(row, 0, text, colspan=COLUMNS, style=cell_style, key=key)
        row += 1

    put(PART_ONE, PART_STYLE)
    put(PART_TITLE, PART_STYLE)
    put(OVERALL_HEADING, HEADING)
    form.keep_with_next.add(row)
    if doc.layout.department_labels:
        put(OVERALL_LABEL)
    put(dept.overall_goal, key="overall_goal")
    put(DUTY_HEADING, HEADING)
    form.keep_with_next.add(row)
    for i, item in enumerate(dept.duty_goals, 1):
        put(duty_line(i, style, item.duty, item.responsibilities), key="duty")
        if item.goal:  # no empty paragraph for a goal not written
            form.keep_with_next.add(row)
            put(item.goal, key="duty_goal")
    put(SAFEGUARD_HEADING, HEADING)
    form.keep_with_next.add(row)
    if doc.layout.department_labels:
        put(SAFEGUARD_LABEL)
    put(dept.safeguards, key="safeguards")
    for i, item in enumerate(dept.safeguard_items, 1):
        put(f"{i}{style}{item}", key="safeguard_item")
    add_signature(form, row, doc)
    return form
