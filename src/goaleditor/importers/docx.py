"""Read published forms from Word (.docx) into a document.

What it reads (FORMS.md §1–2): project tables with or without 项目编码, 资金支出计划 and
指标值确定依据 columns, split into one or several Word tables; the title paragraph
(``1、…绩效目标表``) and the unit line with ``单位：元/万元`` before each (as a paragraph,
a one-row table or the first row of the form); 一级/二级 merged vertically; numbered
goals in one cell; and the Hebei department text (总体绩效目标 / 分项绩效目标 /
工作保障措施 paragraphs before the tables).  Labels are matched without spaces, so
``其中：财政    资金`` is 其中：财政资金.

Anything it cannot place becomes an `ImportNote` naming the table and row (or the
paragraph); nothing is dropped silently and nothing is guessed.  A file that is not a
readable .docx, or has no form in it, raises `ImportProblem`.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import ImportProblem
from ..model import (
    MONEY_UNITS,
    SPENDING_MILESTONES,
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Project,
    Signature,
    Task,
)
from .result import ImportNote, ImportResult
from .wordtables import Block, Cell, Paragraph, Row, Table, read_blocks

_NUMBERED = re.compile(r"^\s*[（(]?(\d{1,3})\s*([、.．）)])\s*")
_TITLE = re.compile(r"^\s*(\d{1,3})\s*([、.．])\s*(.+?)\s*(?:绩效目标表|绩效目标申报表)\s*$")
_MONEY_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|元)")
#: ``151002秦皇岛市山海关区人民检察院``: a budget code of 5+ digits, then the name.
_UNIT_LINE = re.compile(r"^(\d{5,})(?![\d年])\s*([^，。；,;]{2,60})$")
_AMOUNT_JUNK = re.compile(r"[,，\s¥￥]|元$|万元$")

#: Header labels of indicator columns → Indicator field.
_INDICATOR_COLUMNS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标内容": "description",
    "指标值": "value",
    "年度指标值": "value",
    "指标值（包含数字及文字描述）": "value",
    "实施周期指标值": "period_value",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "依据": "basis",
}
#: Label → (object, field) for label/value rows.
_PROJECT_LABELS = {
    "项目编码": "code",
    "项目名称": "name",
    "主管部门及代码": "department",
    "主管部门": "department",
    "实施单位": "implementer",
    "项目属性": "attribute",
    "项目期": "period",
}
_BUDGET_LABELS = {
    "预算数": "total",
    "预算金额": "total",
    "其中：财政资金": "fiscal",
    "财政资金": "fiscal",
    "其他资金": "other",
}
_GOAL_LABELS = ("绩效目标", "年度绩效目标", "年度目标", "项目绩效目标")
_DEPARTMENT_SECTIONS = {
    "总体绩效目标": "overall",
    "分项绩效目标": "duties",
    "工作保障措施": "safeguards",
}
_SKIPPED_HEADINGS = {"第一部分", "第二部分", "部门整体绩效目标", "预算项目绩效目标", "项目绩效目标"}
_FORM_LABELS = {
    *_PROJECT_LABELS,
    *_GOAL_LABELS,
    "预算规模及资金用途",
    "资金用途",
    "资金支出计划（%）",
    "资金支出计划",
}
_DEPARTMENT_TABLE_LABELS = {
    "部门名称",
    "年度主要任务",
    "年度部门整体支出预算",
    "年度总体目标",
    "年度绩效指标",
}
_DEPARTMENT_BUDGET = {"资金总额": "total", "财政拨款": "fiscal", "其他资金": "other"}
_TASK_PREFIX = re.compile(r"^任务\s*\d+\s*[.、．：:]?\s*")
_TASK_NUMBER = re.compile(r"^(\d+\s*-\s*\d+)\s*[.、．]\s*(.+)$", re.S)
_DOCUMENT_TITLE = re.compile(r"部门整体.*(?:绩效目标表|申报表)$")
_YEAR_LINE = re.compile(r"^[（(]\s*(\d{4})\s*年度?\s*[)）]$")
_SIGNATURE = {"填报人": "preparer", "联系电话": "phone", "单位负责人": "head", "填报日期": "date"}


def norm(text: str) -> str:
    """A label as compared: no spaces of any kind, ASCII colon and brackets as Chinese ones."""
    text = re.sub(r"\s+", "", text.replace("\u3000", " ").replace("\xa0", " "))
    return text.replace(":", "：").replace("(", "（").replace(")", "）")


def _strip_number(line: str) -> str:
    return _NUMBERED.sub("", line, count=1).strip()


# ---------------------------------------------------------------- reader


@dataclass
class _ProjectState:
    project: Project
    unit_line: str
    title: str = ""
    #: Indicator columns: list of (field, first grid column, end column); None outside.
    columns: list[tuple[str, int, int]] | None = None
    level1: str = ""
    level2: str = ""
    #: Label of the previous row, for continuation rows (purpose, spending plan).
    last_label: str = ""
    #: 资金支出计划 header: (milestone, first grid column, end column).
    plan_milestones: list[tuple[str, int, int]] = field(default_factory=list)


class _FormReader:
    def __init__(self, blocks: list[Block], name: str):
        self.blocks = blocks
        self.name = name
        self.notes: list[ImportNote] = []
        self.projects: list[_ProjectState] = []
        self.current: _ProjectState | None = None
        self.pending_title = ""
        self.pending_unit = ""
        self.money_units: list[str] = []
        self.title_styles: list[str] = []
        self.goal_styles: list[str] = []
        self.department: DepartmentGoals | None = None
        self.signature = Signature(enabled=False)
        self.show_code = self.show_plan = self.show_basis = False
        #: Paragraphs before the first title or table: the department text.
        self.in_front = True
        #: Chengdu department table (部门整体支出绩效目标表): its indicator state, the
        #: section being read (tasks, budget) and the budget header columns.
        self.dept_state: _ProjectState | None = None
        self.dept_section = ""
        self.dept_budget_columns: list[tuple[str, int, int]] = []
        self.department_form = ""
        self.title = ""
        #: ``(2022年度)`` under a department form's title.
        self.title_year: int | None = None

    # ------------------------------------------------------------ notes

    def note(self, where: str, message: str) -> None:
        self.notes.append(ImportNote(where, message))

    def where(self, table: Table, row_index: int | None = None) -> str:
        text = f"表格 {table.number}"
        if self.current is not None and self.current.project.name:
            text += f"（{self.current.project.name}）"
        if row_index is not None:
            text += f"，第 {row_index + 1} 行"
        return text

    # ------------------------------------------------------------ walk

    def read(self) -> Document:
        paragraph_number = 0
        front: list[tuple[int, str]] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                paragraph_number += 1
                if not block.text:
                    continue
                if self.in_front and not _TITLE.match(block.text):
                    front.append((paragraph_number, block.text))
                    continue
                self.in_front = False
                self._paragraph(paragraph_number, block.text)
            else:
                self.in_front = False
                self._table(block)
        self._department(front)
        if not self.projects and self.department is None:
            tables = sum(isinstance(b, Table) for b in self.blocks)
            if tables == 0:
                raise ImportProblem(
                    f"“{self.name}”中没有表格，不是绩效目标表。请确认选择的是填好的绩效目标表文件。"
                )
            raise ImportProblem(
                f"“{self.name}”中有 {tables} 个表格，但没有一个是项目绩效目标表"
                "（找不到“项目名称”一行）。请确认选择的是绩效目标表文件。"
            )
        return self._document()

    def _paragraph(self, number: int, text: str) -> None:
        title = _TITLE.match(text)
        if title:
            self.pending_title = text.strip()
            self.title_styles.append("." if title.group(2) in ".．" else "、")
            self.current = None
            return
        if self._unit_text(text):
            return
        if norm(text) in _SKIPPED_HEADINGS:
            return
        if self._signature_text(text):
            return
        self.note(f"第 {number} 段", f"表格之间的文字“{_short(text)}”不属于任何表，未导入。")

    def _unit_text(self, text: str) -> bool:
        """A unit line and/or ``单位：元``, as a paragraph or a cell; True when it was one."""
        unit = _MONEY_UNIT.search(text)
        rest = _MONEY_UNIT.sub("", text).strip() if unit else text.strip()
        line = _UNIT_LINE.match(rest)
        if not unit and not line:
            return False
        if unit:
            self.money_units.append(unit.group(1))
        if line:
            self.pending_unit = re.sub(r"\s+", " ", rest)
        return True

    def _signature_text(self, text: str) -> bool:
        found = False
        for label, name in _SIGNATURE.items():
            m = re.search(
                label + r"\s*[：:]\s*(.*?)(?=\s*(?:填报人|联系电话|单位负责人|填报日期)\s*[：:]|$)",
                text,
            )
            if m:
                found = True
                self.signature.enabled = True
                setattr(self.signature, name, m.group(1).strip())
        if not found and norm(text).startswith("填报单位（盖章）"):
            self.signature.enabled = True
            return True
        return found

    # ------------------------------------------------------------ tables

    def _table(self, table: Table) -> None:
        for index, row in enumerate(table.rows):
            if any(cell.nested for cell in row.cells):
                self.note(
                    self.where(table, index), "单元格里还有嵌套的表格，嵌套表格的内容未导入。"
                )
            if row.is_empty():
                continue
            self._row(table, index, row)

    def _row(self, table: Table, index: int, row: Row) -> None:
        cells = [c for c in row.cells if c.text or c.continued]
        labels = [norm(c.text) for c in row.cells]
        first = next((norm(c.text) for c in row.cells if c.text), "")
        # The unit line row: ``151002…院 | 单位：元``.
        if len([c for c in row.cells if c.text]) <= 2 and any(
            _MONEY_UNIT.search(c.text) for c in row.cells
        ):
            for cell in row.cells:
                if cell.text and not self._unit_text(cell.text):
                    self.note(
                        self.where(table, index), f"“{_short(cell.text)}”不是单位名称，未导入。"
                    )
            return
        if first == "部门名称" or (self.dept_state is not None and first not in _PROJECT_LABELS):
            self._department_row(table, index, row, first, labels)
            return
        self.dept_state = None
        starts = first in _PROJECT_LABELS and self._starts_project(first)
        if starts or (self.current is None and self.pending_title):
            self._start_project()
        if self.current is None:
            if all(_signature_label(text) for text in labels if text):
                self._signature_row(row)
                return
            self.note(
                self.where(table, index),
                f"“{_short(' | '.join(c.text for c in cells if c.text))}”不在任何项目表内，未导入。",
            )
            return
        state = self.current
        if "一级指标" in labels and ("三级指标" in labels or "二级指标" in labels):
            self._indicator_header(table, index, row)
            return
        if state.columns is not None and first in _FORM_LABELS:
            state.columns = None
        if state.columns is not None:
            if all(_signature_label(text) for text in labels if text):
                self._signature_row(row)
                return
            self._indicator_row(table, index, row)
            return
        self._form_row(table, index, row, first)

    def _starts_project(self, label: str) -> bool:
        """A 项目编码/项目名称… row begins a new project unless it fills the current one."""
        state = self.current
        if state is None or state.columns is not None:
            return True
        project = state.project
        if getattr(project, _PROJECT_LABELS[label]):
            return True
        return label == "项目编码" and bool(project.name)

    def _start_project(self) -> None:
        state = _ProjectState(Project(), self.pending_unit, self.pending_title)
        self.projects.append(state)
        self.current = state
        self.pending_title = ""

    # ------------------------------------------------------------ form rows

    def _form_row(self, table: Table, index: int, row: Row, first: str) -> None:
        state = self.current
        assert state is not None
        project = state.project
        cells = row.cells
        label_cell = next((c for c in cells if c.text), None)
        continuation = bool(cells) and (cells[0].continued or not cells[0].text)
        if first in _PROJECT_LABELS or any(norm(c.text) in _PROJECT_LABELS for c in cells):
            leftovers = self._pairs(cells, _PROJECT_LABELS, project)
            if norm(cells[0].text) == "项目编码":
                self.show_code = True
            self._leftovers(table, index, leftovers)
            state.last_label = "项目名称"
            return
        if first == "预算规模及资金用途" or any(norm(c.text) in _BUDGET_LABELS for c in cells):
            rest = [c for c in cells if norm(c.text) != "预算规模及资金用途"]
            leftovers = self._pairs(
                rest, _BUDGET_LABELS, project.budget, amounts=True, table=table, index=index
            )
            self._leftovers(table, index, leftovers)
            state.last_label = "预算规模及资金用途"
            return
        if first == "资金用途":
            project.purpose = _joined(cells[1:])
            state.last_label = "资金用途"
            return
        if first in ("资金支出计划（%）", "资金支出计划"):
            state.plan_milestones = [(norm(c.text), c.col, c.end) for c in cells[1:] if c.text]
            state.last_label = "资金支出计划"
            self.show_plan = True
            return
        if first in _GOAL_LABELS:
            goal_cells = [c for c in cells if c is not label_cell]
            self._goals(goal_cells)
            state.last_label = "绩效目标"
            return
        if continuation and state.last_label == "预算规模及资金用途":
            project.purpose = _joined(cells)
            state.last_label = ""
            return
        if continuation and state.last_label == "资金支出计划":
            self._spending_plan(table, index, cells)
            state.last_label = ""
            return
        if continuation and state.last_label == "绩效目标":
            self._goals(cells)
            return
        text = " | ".join(c.text for c in cells if c.text)
        self.note(self.where(table, index), f"无法识别这一行“{_short(text)}”，未导入。")

    def _pairs(
        self, cells: list[Cell], labels: dict[str, str], target, amounts=False, table=None, index=0
    ):
        """Fill ``label | value`` pairs; return the cells that were neither."""
        leftovers: list[Cell] = []
        i = 0
        while i < len(cells):
            key = norm(cells[i].text)
            if key in labels:
                value_cell = cells[i + 1] if i + 1 < len(cells) else None
                if value_cell is not None and norm(value_cell.text) in labels:
                    value_cell = None
                text = value_cell.text if value_cell is not None else ""
                if amounts:
                    setattr(target, labels[key], self._amount(text, key, table, index))
                else:
                    setattr(target, labels[key], text.strip())
                i += 2 if value_cell is not None else 1
            else:
                if cells[i].text:
                    leftovers.append(cells[i])
                i += 1
        return leftovers

    def _leftovers(self, table: Table, index: int, cells: list[Cell]) -> None:
        for cell in cells:
            self.note(
                self.where(table, index), f"单元格“{_short(cell.text)}”没有对应的栏目，未导入。"
            )

    def _amount(self, text: str, label: str, table: Table | None, index: int) -> Decimal | None:
        cleaned = _AMOUNT_JUNK.sub("", text.strip())
        if cleaned in ("", "-", "—", "/", "无"):
            return None
        try:
            value = Decimal(cleaned)
            if not value.is_finite():
                raise InvalidOperation
            return value
        except InvalidOperation:
            if table is not None:
                self.note(
                    self.where(table, index),
                    f"{label}“{_short(text)}”不是金额，已留空，请在编辑器中填写。",
                )
            return None

    def _spending_plan(self, table: Table, index: int, cells: list[Cell]) -> None:
        state = self.current
        assert state is not None
        plan: list[Decimal | None] = [None] * len(SPENDING_MILESTONES)
        for cell in cells:
            if not cell.text:
                continue
            milestone = next(
                (m for m, start, end in state.plan_milestones if start <= cell.col < end), None
            )
            if milestone is None:
                self.note(
                    self.where(table, index),
                    f"资金支出计划中的“{_short(cell.text)}”不在任何时间点下，未导入。",
                )
                continue
            text = cell.text.replace("%", "").replace("％", "")
            if milestone not in SPENDING_MILESTONES:
                if cell.text:
                    self.note(
                        self.where(table, index),
                        f"资金支出计划的时间点“{milestone}”不是 3月底/6月底/10月底/12月底，"
                        f"数值“{cell.text}”未导入。",
                    )
                continue
            plan[SPENDING_MILESTONES.index(milestone)] = self._amount(
                text, f"资金支出计划（{milestone}）", table, index
            )
        state.project.spending_plan = plan

    def _goals(self, cells: list[Cell]) -> None:
        project = self.current.project  # type: ignore[union-attr]
        for cell in cells:
            for line in cell.lines if not cell.continued else []:
                if not line:
                    continue
                m = _NUMBERED.match(line)
                if m:
                    self.goal_styles.append("." if m.group(2) in ".．" else "、")
                project.goals.append(_strip_number(line))

    # ------------------------------------------------------------ indicators

    def _indicator_header(self, table: Table, index: int, row: Row) -> None:
        state = self.current
        assert state is not None
        columns = []
        for cell in row.cells:
            key = norm(cell.text)
            if key in _INDICATOR_COLUMNS:
                columns.append((_INDICATOR_COLUMNS[key], cell.col, cell.end))
            elif cell.text and key not in _DEPARTMENT_TABLE_LABELS:
                self.note(self.where(table, index), f"指标表头“{cell.text}”不认识，这一栏未导入。")
        if any(f == "basis" for f, _, _ in columns):
            self.show_basis = True
        state.columns = columns
        state.level1 = state.level2 = ""

    def _indicator_row(self, table: Table, index: int, row: Row) -> None:
        state = self.current
        assert state is not None and state.columns is not None
        values: dict[str, str] = {}
        stray: list[str] = []
        for cell in row.cells:
            name = next((f for f, start, end in state.columns if start <= cell.col < end), None)
            if name is None:
                if cell.text:
                    stray.append(cell.text)
                continue
            if cell.text:
                values[name] = (values.get(name, "") + "\n" + cell.text).strip()
        for text in stray:
            self.note(self.where(table, index), f"“{_short(text)}”不在任何指标栏内，未导入。")
        if values.get("level1"):
            state.level1 = values["level1"]
            state.level2 = ""
        if values.get("level2"):
            state.level2 = values["level2"]
        content = {k: v for k, v in values.items() if k not in ("level1", "level2")}
        if not content:
            if not stray:
                self.note(
                    self.where(table, index),
                    f"“{state.level1}{' › ' + state.level2 if state.level2 else ''}”下没有指标，这一行未导入。",
                )
            return
        indicator = Indicator(level1=state.level1, level2=state.level2)
        for key, value in content.items():
            setattr(indicator, key, value)
        state.project.indicators.append(indicator)

    # ------------------------------------------------------------ department table

    def _department_row(self, table: Table, index: int, row: Row, first: str, labels) -> None:
        """Chengdu 部门整体支出绩效目标表: 部门名称, 年度主要任务, 预算, 总体目标, 指标."""
        if self.department is None:
            self.department = DepartmentGoals()
        dept = self.department
        if self.dept_state is None:
            self.dept_state = _ProjectState(Project(name="部门整体"), "")
            self.department_form = "chengdu"
        self.current = state = self.dept_state
        texts = [c for c in row.cells if c.text and norm(c.text) not in _DEPARTMENT_TABLE_LABELS]
        continuation = row.cells[0].continued or not row.cells[0].text
        if "一级指标" in labels:
            self._indicator_header(table, index, row)
            self.dept_section = "indicators"
            return
        if state.columns is not None and self.dept_section == "indicators":
            before = len(state.project.indicators)
            self._indicator_row(table, index, row)
            for indicator in state.project.indicators[before:]:
                numbered = _TASK_NUMBER.match(indicator.name)
                if numbered:
                    indicator.number, indicator.name = numbered.group(1), numbered.group(2)
                dept.indicators.append(indicator)
            return
        if first == "部门名称":
            dept.name = texts[0].text if texts else ""
            return
        if "任务名称" in labels:
            self.dept_section = "tasks"
            return
        if "资金总额" in labels or "财政拨款" in labels:
            self.dept_section = "budget"
            self.dept_budget_columns = [
                (_DEPARTMENT_BUDGET[norm(c.text)], c.col, c.end)
                for c in row.cells
                if norm(c.text) in _DEPARTMENT_BUDGET
            ]
            return
        if first == "年度总体目标":
            dept.overall_goal = "\n".join(c.text for c in texts)
            self.dept_section = ""
            return
        if self.dept_section == "budget" and continuation:
            for cell in row.cells:
                name = next((f for f, a, b in self.dept_budget_columns if a <= cell.col < b), None)
                if name is not None:
                    setattr(dept.budget, name, self._amount(cell.text, "预算金额", table, index))
                elif cell.text:
                    self.note(
                        self.where(table, index), f"“{_short(cell.text)}”不在任何金额栏下，未导入。"
                    )
            self.dept_section = ""
            return
        if self.dept_section == "tasks" and (continuation or first == "年度主要任务") and texts:
            name = _TASK_PREFIX.sub("", texts[0].text).strip()
            content = "\n".join(c.text for c in texts[1:])
            dept.tasks.append(Task(name=name, content=content))
            return
        shown = " | ".join(c.text for c in row.cells if c.text)
        self.note(
            self.where(table, index), f"无法识别部门整体表中的这一行“{_short(shown)}”，未导入。"
        )

    def _signature_row(self, row: Row) -> None:
        self._signature_text("  ".join(c.text for c in row.cells if c.text))

    # ------------------------------------------------------------ department text

    def _department(self, front: list[tuple[int, str]]) -> None:
        section = ""
        dept = DepartmentGoals()
        found = False
        for number, text in front:
            key = _NUMBERED.sub("", norm(text))
            key = re.sub(r"^[一二三四五六七八九十]+、", "", key).rstrip("：")
            if key in _DEPARTMENT_SECTIONS:
                section = _DEPARTMENT_SECTIONS[key]
                found = True
                continue
            if norm(text).rstrip("：") in _SKIPPED_HEADINGS:
                continue
            if self._unit_text(text) or self._signature_text(text):
                continue
            if _DOCUMENT_TITLE.search(norm(text)):
                self.title = text
                continue
            if _YEAR_LINE.match(norm(text)):
                self.title_year = int(_YEAR_LINE.match(norm(text)).group(1))
                continue
            if section == "overall":
                dept.overall_goal = _append(dept.overall_goal, text)
            elif section == "duties":
                self._duty(dept, number, text)
            elif section == "safeguards":
                if _NUMBERED.match(text):
                    dept.safeguard_items.append(_strip_number(text))
                elif dept.safeguard_items:
                    dept.safeguard_items[-1] = _append(dept.safeguard_items[-1], text)
                else:
                    dept.safeguards = _append(dept.safeguards, text)
            else:
                self.note(
                    f"第 {number} 段", f"表格前的文字“{_short(text)}”不属于任何栏目，未导入。"
                )
        if found and self.department is None:
            self.department = dept
            self.department_form = "text"

    def _duty(self, dept: DepartmentGoals, number: int, text: str) -> None:
        if _NUMBERED.match(text):
            duty, sep, responsibilities = _strip_number(text).partition("：")
            if not sep:
                duty, sep, responsibilities = _strip_number(text).partition(":")
            dept.duty_goals.append(
                DutyGoal(duty=duty.strip(), responsibilities=responsibilities.strip())
            )
            return
        if not dept.duty_goals:
            self.note(f"第 {number} 段", f"分项绩效目标“{_short(text)}”前没有编号的职责，未导入。")
            return
        duty = dept.duty_goals[-1]
        if not duty.goal and text.startswith("绩效目标"):
            duty.goal = text
        elif duty.goal:
            duty.goal = _append(duty.goal, text)
        else:
            duty.responsibilities = _append(duty.responsibilities, text)

    # ------------------------------------------------------------ document

    def _document(self) -> Document:
        units = Counter(s.unit_line for s in self.projects if s.unit_line)
        doc_unit = units.most_common(1)[0][0] if units else ""
        code_name = _UNIT_LINE.match(doc_unit)
        doc = Document()
        if code_name:
            doc.unit_code, doc.unit_name = code_name.group(1), code_name.group(2).strip()
        else:
            doc.unit_name = doc_unit
        if not doc_unit and self.projects:
            self.note(
                "文档", "没有找到单位名称（表格上方“单位编码+单位名称”一行），请在编辑器中填写。"
            )
        distinct_units = list(dict.fromkeys(self.money_units))
        if distinct_units:
            doc.money_unit = distinct_units[0]
            if len(distinct_units) > 1:
                self.note(
                    "文档",
                    f"各表的金额单位不一致（{'、'.join(distinct_units)}），已按“{distinct_units[0]}”导入，请核对金额。",
                )
        elif self.projects:
            self.note("文档", "没有找到“单位：元”或“单位：万元”，金额单位按“元”处理，请核对。")
        assert doc.money_unit in MONEY_UNITS
        styles = self.title_styles or self.goal_styles
        number_style = Counter(styles).most_common(1)[0][0] if styles else "、"
        doc.layout = Layout(
            department_form=self.department_form if self.department is not None else "",
            project_form="standard",
            show_code=self.show_code,
            show_spending_plan=self.show_plan,
            show_basis=self.show_basis,
            number_style=number_style,
        )
        doc.department = self.department
        doc.title = self.title
        doc.signature = self.signature
        for position, state in enumerate(self.projects, start=1):
            project = state.project
            if state.unit_line and state.unit_line != doc_unit:
                project.implementer = project.implementer or state.unit_line
            title = _TITLE.match(state.title) if state.title else None
            where = f"项目 {position}"
            if title:
                titled = title.group(3).strip()
                if not project.name:
                    project.name = titled
                    self.note(where, f"表中没有项目名称，已取标题中的“{titled}”。")
                elif norm(titled) != norm(project.name):
                    self.note(
                        where,
                        f"标题中的名称“{titled}”与表中的项目名称“{project.name}”不同，已按表中名称导入。",
                    )
            if not project.name:
                self.note(where, "没有项目名称，请在编辑器中填写。")
            if self.show_plan and not project.spending_plan:
                project.spending_plan = []
            if not project.indicators:
                self.note(f"{where}（{project.name}）", "没有找到绩效指标。")
            doc.projects.append(project)
        from ..rollover import infer_fiscal_year

        doc.fiscal_year = infer_fiscal_year(doc) or self.title_year
        if doc.fiscal_year is None:
            self.note("文档", "项目名称中没有年份，无法确定预算年度，请在编辑器中填写。")
        return doc


def _signature_label(text: str) -> bool:
    return any(norm(text).startswith(label) for label in (*_SIGNATURE, "填报单位"))


def _joined(cells: list[Cell]) -> str:
    return "\n".join(c.text for c in cells if c.text and not c.continued)


def _append(existing: str, text: str) -> str:
    return f"{existing}\n{text}" if existing else text


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def read_docx(path: str | os.PathLike) -> ImportResult:
    """Import a Word file of published forms; `ImportProblem` when it cannot be read."""
    path = Path(path)
    blocks = read_blocks(path)
    reader = _FormReader(blocks, path.name)
    try:
        document = reader.read()
    except ImportProblem:
        raise
    except Exception as err:  # a foreign file: an odd shape must not end in a traceback
        raise ImportProblem(
            f"“{path.name}”的表格结构无法识别（{type(err).__name__}: {err}）。"
            "请确认它是绩效目标表；如仍有问题，请把文件交给技术支持。"
        ) from err
    return ImportResult(document, reader.notes)
