"""The project form (预算项目绩效目标表), provincial and national, as a grid.

Seven grid columns carry every row of the table: the indicator block uses them for
一级 · 二级 · 三级 · 描述 · 指标值 · 依据 (描述 takes the spare column when a layout drops
依据), and the budget row for 预算数 · 其中：财政资金 · 其他资金 with their amounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..grid import Form
from ..labels import BUDGET_ROW_LABELS, INDICATOR_LABELS, PROJECT_LABELS
from ..model import SPENDING_MILESTONES, Document, Indicator, Project
from .common import (
    AMOUNT,
    CENTER,
    HEADER,
    LABEL,
    PART_STYLE,
    TEXT,
    add_heading,
    add_signature,
    fit_widths,
    format_amount,
    format_percent,
    merge_runs,
    numbered,
    split_columns,
)

NATIONAL_VALUE_LABEL = "年度指标值"

BUDGET_LABEL = "预算规模及资金用途"
SPENDING_LABEL = "资金支出计划（%）"
GOALS_LABEL = "绩效目标"


@dataclass(frozen=True)
class _Columns:
    widths: tuple[float, ...]
    #: field → (first column, span) in the indicator block.
    indicator: dict


#: The label column (项目名称, 预算规模及资金用途, 一级指标 and 满意度指标 below it) is at
#: least 22 mm: five characters a line at 10.5 pt, so no label breaks inside a word.
#: Column 3 (其中：财政资金) is 22 mm where it is not wide enough for the whole label:
#: at 24 mm Excel and LibreOffice print 其中：财政资/金.
LABEL_COLUMN_MM = 22


def _columns(national: bool, basis: bool) -> _Columns:
    if national and basis:
        widths = (22, 22, 26, 30, 24, 24, 32)
        cols = {"level1": (0, 1), "level2": (1, 1), "name": (2, 1), "description": (3, 1)}
        cols |= {"period_value": (4, 1), "value": (5, 1), "basis": (6, 1)}
    elif national:
        widths = (22, 24, 30, 22, 26, 26, 30)
        cols = {"level1": (0, 1), "level2": (1, 1), "name": (2, 1), "description": (3, 2)}
        cols |= {"period_value": (5, 1), "value": (6, 1)}
    elif basis:
        widths = (22, 24, 28, 22, 26, 26, 32)
        cols = {"level1": (0, 1), "level2": (1, 1), "name": (2, 1), "description": (3, 2)}
        cols |= {"value": (5, 1), "basis": (6, 1)}
    else:
        widths = (22, 26, 30, 22, 24, 24, 32)
        cols = {"level1": (0, 1), "level2": (1, 1), "name": (2, 1), "description": (3, 3)}
        cols |= {"value": (6, 1)}
    return _Columns(tuple(fit_widths(list(widths))), cols)


def project_title(doc: Document, index: int, project: Project) -> str:
    """``1、项目名称绩效目标表`` with the document's number style."""
    return f"{index + 1}{doc.layout.number_style}{project.name}绩效目标表"


def indicator_name(ind: Indicator) -> str:
    """三级 as printed: the Chengdu task number prefixes the name (``2-3.名称``)."""
    return f"{ind.number}.{ind.name}" if ind.number else ind.name


def build_project_form(
    doc: Document,
    index: int,
    project: Project,
    *,
    sheet_name: str,
    part_heading: bool = False,
) -> Form:
    """One project's form: heading, the table, the signature block."""
    layout = doc.layout
    national = layout.project_form == "national"
    cols = _columns(national, layout.show_basis)
    title = project_title(doc, index, project)
    form = Form(sheet_name=sheet_name, bookmark=title, col_widths_mm=list(cols.widths))
    n = form.n_cols
    row = 0
    if part_heading:
        form.add(row, 0, "第二部分", colspan=n, style=PART_STYLE)
        form.add(row + 1, 0, "预算项目绩效目标", colspan=n, style=PART_STYLE)
        row += 2
    # The standard form has no 实施单位 row: a project carried out by another unit
    # (Tianjin's 检察官学院 projects) prints under that unit's line instead.
    row = add_heading(form, row, title, doc, unit_line="" if national else project.implementer)
    row = _add_identity(form, row, doc, project, national)
    row = _add_budget(form, row, project)
    if layout.show_spending_plan:
        row = _add_spending_plan(form, row, project)
    row = _add_goals(form, row, doc, project, national)
    row = _add_indicators(form, row, project.indicators, cols.indicator, national)
    add_signature(form, row, doc)
    return form


def _add_identity(form: Form, row: int, doc: Document, project: Project, national: bool) -> int:
    n = form.n_cols
    if doc.layout.show_code:
        form.add(row, 0, PROJECT_LABELS["code"], style=LABEL)
        form.add(row, 1, project.code, colspan=2, style=CENTER, key="code")
        form.add(row, 3, PROJECT_LABELS["name"], style=LABEL)
        form.add(row, 4, project.name, colspan=n - 4, style=TEXT, key="name")
    else:
        form.add(row, 0, PROJECT_LABELS["name"], style=LABEL)
        form.add(row, 1, project.name, colspan=n - 1, style=TEXT, key="name")
    row += 1
    if national:
        pairs = [
            (
                ("主管部门及代码", project.department, "department"),
                ("实施单位", project.implementer, "implementer"),
            ),
            (("项目属性", project.attribute, "attribute"), ("项目期", project.period, "period")),
        ]
        for (l1, v1, k1), (l2, v2, k2) in pairs:
            form.add(row, 0, l1, style=LABEL)
            form.add(row, 1, v1, colspan=2, style=TEXT, key=k1)
            form.add(row, 3, l2, style=LABEL)
            form.add(row, 4, v2, colspan=n - 4, style=TEXT, key=k2)
            row += 1
    return row


def _add_budget(form: Form, row: int, project: Project) -> int:
    n = form.n_cols
    budget = project.budget
    form.add(row, 0, BUDGET_LABEL, rowspan=2, style=LABEL, repeat_on_split=True)
    col = 1
    for label, name in BUDGET_ROW_LABELS.items():
        value = getattr(budget, name)
        form.add(row, col, label, style=LABEL)
        form.add(
            row, col + 1, format_amount(value), style=AMOUNT, number=value, key=f"budget.{name}"
        )
        col += 2
    form.add(row + 1, 1, project.purpose, colspan=n - 1, style=TEXT, key="purpose")
    form.keep_with_next.add(row + 1)
    return row + 2


def _add_spending_plan(form: Form, row: int, project: Project) -> int:
    form.add(row, 0, SPENDING_LABEL, rowspan=2, style=LABEL, repeat_on_split=True)
    groups = split_columns(form.col_widths_mm[1:], len(SPENDING_MILESTONES))
    plan = list(project.spending_plan) or [None] * len(SPENDING_MILESTONES)
    for i, (milestone, (start, stop)) in enumerate(zip(SPENDING_MILESTONES, groups, strict=True)):
        form.add(row, 1 + start, milestone, colspan=stop - start, style=LABEL)
        form.add(
            row + 1,
            1 + start,
            format_percent(plan[i]),
            colspan=stop - start,
            style=CENTER,
            number=plan[i],
            key=f"spending_plan.{i}",
        )
    form.keep_with_next.add(row + 1)
    return row + 2


def _add_goals(form: Form, row: int, doc: Document, project: Project, national: bool) -> int:
    n = form.n_cols
    style = doc.layout.number_style
    if not national:
        form.add(row, 0, GOALS_LABEL, style=LABEL)
        form.add(row, 1, numbered(project.goals, style), colspan=n - 1, style=TEXT, key="goals")
        return row + 1
    form.add(row, 0, "总体目标", rowspan=2, style=LABEL, repeat_on_split=True)
    form.add(row, 1, "中长期目标", colspan=3, style=LABEL)
    form.add(row, 4, "年度目标", colspan=n - 4, style=LABEL)
    form.add(
        row + 1,
        1,
        numbered(project.long_term_goals, style),
        colspan=3,
        style=TEXT,
        key="long_term_goals",
    )
    form.add(row + 1, 4, numbered(project.goals, style), colspan=n - 4, style=TEXT, key="goals")
    form.keep_with_next.add(row + 1)
    return row + 2


def _add_indicators(
    form: Form, row: int, indicators: list[Indicator], cols: dict, national: bool
) -> int:
    """Header row (repeated on every page), then one row per indicator.

    Runs of equal 一级, and of equal (一级, 二级), are merged vertically.
    """
    for key, (col, span) in cols.items():
        label = INDICATOR_LABELS[key]
        if national and key == "value":
            label = NATIONAL_VALUE_LABEL
        form.add(row, col, label, colspan=span, style=HEADER)
    form.repeat_rows = (row, row + 1)
    first = row + 1
    form.repeat_header(row, first, first + len(indicators))
    add_indicator_rows(form, first, indicators, cols)
    return first + len(indicators)


def add_indicator_block(
    form: Form, row: int, label: str, indicators: list[Indicator], cols: dict, headers
) -> int:
    """A department form's indicator block: *label* down the left of the header and rows.

    The header row repeats on every printed page.  Returns the next free row.
    """
    form.add(row, 0, label, rowspan=len(indicators) + 1, style=LABEL, repeat_on_split=True)
    for (col, span), text in zip(cols.values(), headers, strict=True):
        form.add(row, col, text, colspan=span, style=HEADER)
    form.repeat_rows = (row, row + 1)
    form.repeat_header(row, row + 1, row + 1 + len(indicators))
    add_indicator_rows(form, row + 1, indicators, cols)
    return row + 1 + len(indicators)


def add_indicator_rows(form: Form, first: int, indicators: list[Indicator], cols: dict) -> None:
    """Indicator rows from *first*; 一级 and (一级, 二级) runs merged vertically."""
    # 二级 runs are runs of the (一级, 二级) pair: equal 二级 under another 一级 is a new cell.
    runs = {
        "level1": [ind.level1 for ind in indicators],
        "level2": [f"{ind.level1}\x00{ind.level2}" if ind.level2 else "" for ind in indicators],
    }
    for key, values in runs.items():
        col, span = cols[key]
        for start, length in merge_runs(values):
            form.add(
                first + start,
                col,
                getattr(indicators[start], key),
                rowspan=length,
                colspan=span,
                repeat_on_split=True,  # each page names what its rows belong to
                style=CENTER,
                key=key,
            )
    for i, ind in enumerate(indicators):
        for key, (col, span) in cols.items():
            if key in ("level1", "level2"):
                continue
            text = indicator_name(ind) if key == "name" else getattr(ind, key)
            style = CENTER if key in ("value", "period_value") else TEXT
            # A row too tall for one page goes on on the next: its 三级 name is printed
            # again there, so the rest of a long description is not left nameless.
            form.add(
                first + i, col, text, colspan=span, style=style, key=key,
                repeat_on_split=key == "name",
            )  # fmt: skip
