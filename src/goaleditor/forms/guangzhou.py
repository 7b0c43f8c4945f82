"""The Guangzhou 部门整体预算绩效目标申报表 (docs/forms.md §3, seed 002) as a grid.

A label column on the left (部门名称, 基本信息, 预算整体情况, 总体绩效目标, 年度重点工作任务,
绩效指标) and five columns of content.
"""

from __future__ import annotations

from ..grid import Form
from ..model import DepartmentGoals, Document
from .common import (
    AMOUNT,
    HEADER,
    LABEL,
    TEXT,
    add_heading,
    add_signature,
    fit_widths,
    format_amount,
)
from .project import add_indicator_block

TITLE = "部门整体预算绩效目标申报表"
TASKS_LABEL = "年度重点工作任务"
OTHER_TASKS_LABEL = "其他需完成的任务(可选填)"
INDICATORS_LABEL = "绩效指标"
#: Seven columns: the label column, then 一级 · 二级 · 三级 · 实施周期指标值 (two) · 年度指标值;
#: tasks use 名称 · 主要实施内容 (two) · 资金 · 期望达到的目标 (two).
#: The label column holds four characters a line at 10.5 pt (部门名称, 年度重点/工作任务)
#: in the PDF, Excel and LibreOffice alike: at 19 mm LibreOffice fits five and leaves
#: 总体绩效目/标.  The 一级 column holds five (满意度指标).
WIDTHS = [18, 22, 22, 33, 24, 20, 41]
INDICATOR_COLUMNS = {
    "level1": (1, 1),
    "level2": (2, 1),
    "name": (3, 1),
    "period_value": (4, 2),
    "value": (6, 1),
}
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值")


def build_guangzhou_form(doc: Document, dept: DepartmentGoals, *, sheet_name: str) -> Form:
    title = doc.title or TITLE
    form = Form(sheet_name=sheet_name, bookmark=title, col_widths_mm=fit_widths(WIDTHS))
    unit = doc.money_unit
    row = add_heading(form, 0, title, doc)

    form.add(row, 0, "部门名称", style=LABEL)
    form.add(row, 1, dept.name, colspan=6, style=TEXT, key="department.name")
    row += 1

    form.add(row, 0, "基本信息", style=LABEL)
    form.add(row, 1, "财政供养人员数", colspan=2, style=LABEL)
    form.add(row, 3, dept.staff_count, key="staff_count")
    form.add(row, 4, "下属二级单位数", colspan=2, style=LABEL)
    form.add(row, 6, dept.subunit_count, key="subunit_count")
    row += 1

    b = dept.budget
    amount_label = f"预算金额({unit})"
    blocks = [
        (
            ("部门预算支出", "收入来源"),
            [
                ("基本支出", b.basic, "basic", "财政拨款", b.fiscal, "fiscal"),
                ("项目支出", b.project, "project", "其他资金", b.other, "other"),
            ],
        ),
        (
            ("事业发展性支出", "按预算级次划分"),
            [
                ("财政专项资金", b.special, "special", "市本级使用资金", b.own_level, "own_level"),
                (
                    "其他事业发展性支出",
                    b.other_development,
                    "other_development",
                    "拟用于对下转移支付资金",
                    b.transfer,
                    "transfer",
                ),
            ],
        ),
    ]
    form.add(row, 0, "预算整体情况", rowspan=6, style=LABEL, repeat_on_split=True)
    for (left, right), lines in blocks:
        form.add(row, 1, left, colspan=2, style=HEADER)
        form.add(row, 3, amount_label, style=HEADER)
        form.add(row, 4, right, colspan=2, style=HEADER)
        form.add(row, 6, amount_label, style=HEADER)
        row += 1
        for l_label, l_value, l_key, r_label, r_value, r_key in lines:
            form.add(row, 1, l_label, colspan=2, style=LABEL)
            form.add(
                row, 3, format_amount(l_value), style=AMOUNT, number=l_value, key=f"budget.{l_key}"
            )
            form.add(row, 4, r_label, colspan=2, style=LABEL)
            form.add(
                row, 6, format_amount(r_value), style=AMOUNT, number=r_value, key=f"budget.{r_key}"
            )
            row += 1

    form.add(row, 0, "总体绩效目标", style=LABEL)
    form.add(row, 1, dept.overall_goal, colspan=6, style=TEXT, key="overall_goal")
    row += 1

    form.add(row, 0, TASKS_LABEL, rowspan=len(dept.tasks) + 2, style=LABEL, repeat_on_split=True)
    headers = (
        (1, 1, "名称"),
        (2, 2, "主要实施内容"),
        (4, 1, f"拟投入的资金({unit})"),
        (5, 2, "期望达到的目标(概述)"),
    )
    for col, span, text in headers:
        form.add(row, col, text, colspan=span, style=HEADER)
    header = row
    row += 1
    for task in dept.tasks:
        # A task split over two pages names itself again on the second.
        form.add(row, 1, task.name, style=TEXT, key="task.name", repeat_on_split=True)
        form.add(row, 2, task.content, colspan=2, style=TEXT, key="task.content")
        form.add(
            row, 4, format_amount(task.amount), style=AMOUNT, number=task.amount, key="task.amount"
        )
        form.add(row, 5, task.expected, colspan=2, style=TEXT, key="task.expected")
        row += 1
    form.add(row, 1, OTHER_TASKS_LABEL, style=LABEL)
    form.add(row, 2, dept.other_tasks, colspan=5, style=TEXT, key="other_tasks")
    row += 1
    form.repeat_header(header, header + 1, row)

    row = add_indicator_block(
        form, row, INDICATORS_LABEL, dept.indicators, INDICATOR_COLUMNS, INDICATOR_HEADERS
    )
    add_signature(form, row, doc)
    return form
