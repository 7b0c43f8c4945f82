"""Read published forms from Word (.docx) into a document.

What it reads (docs/forms.md §2–3): project tables with or without 项目编码, 资金支出计划 and
指标值确定依据 columns, split into one or several Word tables; the national project form
(主管部门及代码, 实施单位, 项目属性, 项目期, 中长期目标 beside 年度目标, 实施周期指标值
beside 年度指标值); the title paragraph (``1、…绩效目标表``) and the unit line with
``单位：元/万元`` before each (as a paragraph, a one-row table or the first row of the
form); 一级/二级 merged vertically; numbered goals in one cell; and the department forms
(`importers.docx_department`: the Hebei text, the Chengdu and Guangzhou tables).  Labels
are matched without spaces, so ``其中：财政    资金`` is 其中：财政资金.

A form Word broke over several tables is read as one (`importers.docx_continuation`):
a table under its repeated header row, or of bare rows on the same columns, goes on
with the form before it; bare rows on other columns are reported row by row.  A file
holds one department form: a second one is named in the report with its tables.

Anything it cannot place becomes an `ImportNote` naming the table and row (or the
paragraph); nothing is dropped silently and nothing is guessed.  A file that is not a
readable .docx, or has no form in it, raises `ImportProblem`.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..applog import faults_reported
from ..cancel import checkpoint
from ..errors import ImportProblem
from ..labels import (
    BUDGET_HEADERS,
    NATIONAL_PROJECT_FIELDS,
    NEXT_SIGNATURE_LABEL,
    PROJECT_LABELS,
    SIGNATURE_FIELDS,
    STAMP_LABEL,
    STAMP_WORDS,
)
from ..model import (
    MONEY_UNITS,
    SPENDING_MILESTONES,
    DepartmentGoals,
    Document,
    Layout,
    Project,
    Signature,
)
from .docx_cells import (
    MONEY_UNIT,
    NUMBERED,
    IndicatorBlock,
    Note,
    column_of,
    document_unit,
    is_indicator_header,
    joined,
    norm,
    pairs,
    parse_amount,
    short,
    strip_number,
)
from .docx_continuation import content_rows, first_label, fits, repeats_opening
from .docx_department import (
    DEPARTMENT_LABELS,
    GUANGZHOU,
    SKIPPED_HEADINGS,
    ChengduTable,
    DepartmentTable,
    GuangzhouTable,
    department_table_kind,
    department_unit,
    read_front_matter,
    split_task_number,
)
from .result import ImportNote, ImportResult
from .tidy import normalize_values
from .wordtables import Block, Cell, Paragraph, Row, Table, read_blocks

logger = logging.getLogger(__name__)

_TITLE = re.compile(r"^\s*(\d{1,3})\s*([、.．])\s*(.+?)\s*(?:绩效目标表|绩效目标申报表)\s*$")
#: ``151002秦皇岛市山海关区人民检察院``: a budget code of 5+ digits, then the name.
_UNIT_LINE = re.compile(r"^(\d{5,})(?![\d年])\s*([^，。；,;]{2,60})$")

#: Label → Project field for label/value rows.
_PROJECT_LABELS = {
    PROJECT_LABELS["code"]: "code",
    PROJECT_LABELS["name"]: "name",
    **{PROJECT_LABELS[name]: name for name in NATIONAL_PROJECT_FIELDS},
    "主管部门": "department",
}
#: Labels only the national form has.
_NATIONAL_LABELS = {
    label for label, name in _PROJECT_LABELS.items() if name in NATIONAL_PROJECT_FIELDS
}
_GOAL_LABELS = ("绩效目标", "年度绩效目标", "年度目标", "项目绩效目标", "总体目标")
#: Column headers of the national form's goals: 中长期目标 beside 年度目标.
_GOAL_COLUMNS = {
    "中长期目标": "long_term_goals",
    "实施期目标": "long_term_goals",
    "中长期绩效目标": "long_term_goals",
    "年度目标": "goals",
    "年度绩效目标": "goals",
}
_LONG_TERM_LABELS = {k for k, v in _GOAL_COLUMNS.items() if v == "long_term_goals"}
_FORM_LABELS = {
    *_PROJECT_LABELS,
    *_GOAL_LABELS,
    *_GOAL_COLUMNS,
    "预算规模及资金用途",
    "资金用途",
    "资金支出计划（%）",
    "资金支出计划",
}
#: A blank line to sign on (``填报人：__________``) is no value.
_BLANK_LINE = re.compile(r"^[_＿\s]*$")


# ---------------------------------------------------------------- reader


@dataclass
class _ProjectState:
    project: Project
    unit_line: str
    title: str = ""
    #: The indicator columns once the header row was read; None outside the block.
    indicators: IndicatorBlock | None = None
    #: Label of the previous row, for continuation rows (purpose, spending plan, goals).
    last_label: str = ""
    #: 资金支出计划 header: (milestone, first grid column, end column).
    plan_milestones: list[tuple[str, int, int]] = field(default_factory=list)
    #: National form goals header: (field, first grid column, end column).
    goal_columns: list[tuple[str, int, int]] = field(default_factory=list)
    #: The table has a part only the national form has.
    national: bool = False


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
        self.signature = Signature(enabled=False)
        self.show_code = self.show_plan = self.show_basis = False
        #: Paragraphs before the first title or table: the department text.
        self.in_front = True
        #: Department tables (部门名称 …) in the order met; the one being read.
        self.department_tables: list[DepartmentTable] = []
        self.department_table: DepartmentTable | None = None
        #: The table and row the form being read (project or department) begins at,
        #: and the last table read into it: a following table may go on with it.
        self.form_table: Table | None = None
        self.form_row = 0
        self.last_table: Table | None = None
        self.title = ""

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

    def noter(self, table: Table, row_index: int) -> Note:
        where = self.where(table, row_index)
        return lambda message: self.note(where, message)

    # ------------------------------------------------------------ walk

    def read(self) -> Document:
        paragraph_number = 0
        front: list[tuple[int, str]] = []
        for block in self.blocks:
            checkpoint()  # 取消 in the window stops here
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
        front_matter = read_front_matter(
            front, lambda text: self._unit_text(text) or self._signature_text(text)
        )
        self.notes.extend(front_matter.notes)
        if not self.projects and front_matter.department is None:
            self._refuse_unknown_department(front)
        if not self.projects and not self.department_tables and front_matter.department is None:
            tables = sum(isinstance(b, Table) for b in self.blocks)
            if tables == 0:
                raise ImportProblem(
                    f"“{self.name}”中没有表格，不是绩效目标表。请确认选择的是填好的绩效目标表文件。"
                )
            raise ImportProblem(
                f"“{self.name}”中有 {tables} 个表格，但没有一个是项目绩效目标表"
                "（找不到“项目名称”一行）。请确认选择的是绩效目标表文件。"
            )
        return self._document(front_matter)

    def _refuse_unknown_department(self, front: list[tuple[int, str]]) -> None:
        """A file that is only a department form this reader does not know: say so.

        Either the table begins with 部门名称 and nothing after it could be placed, or
        部门名称 stands in a paragraph before the first table (a form pasted as text).
        """
        if self.department_tables:
            first = self.department_tables[0]
            if first.department != DepartmentGoals(name=first.department.name):
                return
            number, detail = first.table_number, "表格以“部门名称”开头，但后面各行的栏目"
        else:
            label = next((n for n, text in front if norm(text).startswith("部门名称")), None)
            table = next((b for b in self.blocks if isinstance(b, Table)), None)
            if label is None or table is None:
                return
            number = table.number
            detail = f"“部门名称”写在表格外（第 {label} 段），表格的栏目也"
        raise ImportProblem(
            f"“{self.name}”：无法识别的部门整体表（表格 {number}）。{detail}对不上"
            "成都式（年度主要任务、年度绩效指标）或广州式（基本信息、预算整体情况）部门整体表，"
            "没有导入任何内容。请对照 goaleditor 导出的部门整体表检查后再导入。"
        )

    def _paragraph(self, number: int, text: str) -> None:
        title = _TITLE.match(text)
        if title:
            self.pending_title = text.strip()
            self.title_styles.append("." if title.group(2) in ".．" else "、")
            self.current = None
            self.department_table = None
            self.form_table = self.last_table = None
            return
        if self._unit_text(text):
            return
        if norm(text) in SKIPPED_HEADINGS:
            return
        if self._signature_text(text):
            return
        self.note(f"第 {number} 段", f"表格之间的文字“{short(text)}”不属于任何表，未导入。")

    def _unit_text(self, text: str) -> bool:
        """A unit line and/or ``单位：元``, as a paragraph or a cell; True when it was one."""
        unit = MONEY_UNIT.search(text)
        rest = MONEY_UNIT.sub("", text).strip() if unit else text.strip()
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
        for label, name in SIGNATURE_FIELDS.items():
            m = re.search(label + r"\s*[：:]\s*(.*?)" + NEXT_SIGNATURE_LABEL, text)
            if m:
                found = True
                self.signature.enabled = True
                value = m.group(1).strip()
                setattr(self.signature, name, "" if _BLANK_LINE.match(value) else value)
        if not found and norm(text).startswith(STAMP_LABEL):
            self.signature.enabled = True
            return True
        return found

    # ------------------------------------------------------------ tables

    def _table(self, table: Table) -> None:
        rows = content_rows(table, self._is_unit_row)
        repeated = self._repeated_opening(table, rows)
        if repeated is not None:
            rows = rows[1:]
        previous = self.last_table
        if (
            rows
            and previous is not None
            and (self.current is not None or self.department_table is not None)
            and not self._labelled(rows[0][1])
            and not fits(table, rows[0][1], previous)
        ):
            self._unfitting(table, rows, previous)
            return
        for index, row in enumerate(table.rows):
            if any(cell.nested for cell in row.cells):
                self.note(
                    self.where(table, index), "单元格里还有嵌套的表格，嵌套表格的内容未导入。"
                )
            if row.is_empty() or index == repeated:
                continue
            self._row(table, index, row)
        if rows:
            self.last_table = table

    # ------------------------------------------------------------ tables that go on

    def _repeated_opening(self, table: Table, rows: list[tuple[int, Row]]) -> int | None:
        """Index of the form's opening row (项目名称…, 部门名称…) said again at the top of
        *table*, a form Word broke over two tables; None when there is none."""
        form = self.form_table
        if form is None or form is table or (self.current is None and not self.department_table):
            return None
        opening = [row for i, row in content_rows(form, self._is_unit_row) if i >= self.form_row]
        if repeats_opening([row for _, row in rows], opening):
            return rows[0][0]
        return None

    def _labelled(self, row: Row) -> bool:
        """The row says what its cells are: a form label, a header, a signature line."""
        labels = [norm(c.text) for c in row.cells if c.text]
        return (
            is_indicator_header(labels)
            or first_label(row) in _OPENING_LABELS
            or all(_signature_label(text) for text in labels)
        )

    def _unfitting(self, table: Table, rows: list[tuple[int, Row]], previous: Table) -> None:
        """Bare rows on other columns than the table before: each reported, none guessed."""
        for position, (index, row) in enumerate(rows):
            if self.department_table is not None:
                where = f"表格 {table.number}（部门整体），第 {index + 1} 行"
            else:
                where = self.where(table, index)
            text = short(" | ".join(c.text for c in row.cells if c.text))
            message = (
                f"“{text}”未导入：表格 {table.number} 没有表头，各格又与上一张表"
                f"（表格 {previous.number}）的栏目对不上，无法确定属于哪一栏。"
            )
            if position == 0:
                message += "请在 Word 中给这张表加上表头（如“一级指标”一行）后再导入。"
            self.note(where, message)

    @staticmethod
    def _is_unit_row(row: Row) -> bool:
        """``151002…院 | 单位：元``: the unit line as the first row of a table."""
        texts = [c.text for c in row.cells if c.text]
        return len(texts) <= 2 and any(MONEY_UNIT.search(text) for text in texts)

    def _row(self, table: Table, index: int, row: Row) -> None:
        cells = [c for c in row.cells if c.text or c.continued]
        labels = [norm(c.text) for c in row.cells]
        first = next((norm(c.text) for c in row.cells if c.text), "")
        if self._is_unit_row(row):
            for cell in row.cells:
                if cell.text and not self._unit_text(cell.text):
                    self.note(
                        self.where(table, index), f"“{short(cell.text)}”不是单位名称，未导入。"
                    )
            return
        if first == "部门名称":
            self._start_department_table(table, index)
        if self.department_table is not None and first not in _PROJECT_LABELS:
            if table.number not in self.department_table.table_numbers:
                self.department_table.table_numbers.append(table.number)
            self.department_table.row(table, index, row)
            return
        self.department_table = None
        starts = first in _PROJECT_LABELS and self._starts_project(first)
        if starts or (self.current is None and self.pending_title):
            self._start_project(table, index)
        if self.current is None:
            if all(_signature_label(text) for text in labels if text):
                self._signature_row(row)
                return
            self.note(
                self.where(table, index),
                f"“{short(' | '.join(c.text for c in cells if c.text))}”不在任何项目表内，未导入。",
            )
            return
        state = self.current
        if is_indicator_header(labels):
            self._indicator_header(table, index, row)
            return
        if state.indicators is not None and first in _FORM_LABELS:
            state.indicators = None
        if state.indicators is not None:
            if all(_signature_label(text) for text in labels if text):
                self._signature_row(row)
                return
            indicator = state.indicators.read(row, self.noter(table, index))
            split_task_number(indicator)
            if indicator is not None:
                state.project.indicators.append(indicator)
            return
        self._form_row(table, index, row, first)

    def _start_department_table(self, table: Table, index: int) -> None:
        kind = department_table_kind(self._form_blocks(table))
        reader = GuangzhouTable if kind == GUANGZHOU else ChengduTable
        if self.department_tables:
            # A second department form is only read to be named in the report: its
            # notes, money unit and number style must not touch the document.
            self.department_table = reader([], [], [])
        else:
            self.department_table = reader(self.notes, self.money_units, self.goal_styles)
        self.department_table.table_number = table.number
        self.department_tables.append(self.department_table)
        self.current = None
        self.form_table, self.form_row = table, index

    def _form_blocks(self, table: Table) -> list[Block]:
        """The paragraphs of the file and the tables of the form *table* opens: up to
        a title, a table opening another form (部门名称, 项目名称 …), or the end."""
        start = next(i for i, block in enumerate(self.blocks) if block is table)
        blocks: list[Block] = [b for b in self.blocks if isinstance(b, Paragraph)]
        for block in self.blocks[start:]:
            if isinstance(block, Paragraph):
                if _TITLE.match(block.text):
                    break
                continue
            rows = content_rows(block, self._is_unit_row)
            opening = first_label(rows[0][1]) if rows else ""
            if block is not table and opening in ("部门名称", *_PROJECT_LABELS):
                break
            blocks.append(block)
        return blocks

    def _starts_project(self, label: str) -> bool:
        """A 项目编码/项目名称… row begins a new project unless it fills the current one."""
        state = self.current
        if state is None or state.indicators is not None:
            return True
        project = state.project
        if getattr(project, _PROJECT_LABELS[label]):
            return True
        return label == PROJECT_LABELS["code"] and bool(project.name)

    def _start_project(self, table: Table, index: int) -> None:
        state = _ProjectState(Project(), self.pending_unit, self.pending_title)
        self.projects.append(state)
        self.current = state
        self.pending_title = ""
        self.form_table, self.form_row = table, index

    # ------------------------------------------------------------ form rows

    def _form_row(self, table: Table, index: int, row: Row, first: str) -> None:
        state = self.current
        assert state is not None
        project = state.project
        cells = row.cells
        note = self.noter(table, index)
        label_cell = next((c for c in cells if c.text), None)
        continuation = bool(cells) and (cells[0].continued or not cells[0].text)
        if first in _PROJECT_LABELS or any(norm(c.text) in _PROJECT_LABELS for c in cells):

            def store(name: str, label: str, text: str) -> None:
                setattr(project, name, text.strip())
                if label in _NATIONAL_LABELS:
                    state.national = True

            self._leftovers(pairs(cells, _PROJECT_LABELS, store), note)
            if norm(cells[0].text) == PROJECT_LABELS["code"]:
                self.show_code = True
            state.last_label = PROJECT_LABELS["name"]
            return
        if first == "预算规模及资金用途" or any(norm(c.text) in BUDGET_HEADERS for c in cells):
            rest = [c for c in cells if norm(c.text) != "预算规模及资金用途"]

            def amount(name: str, label: str, text: str) -> None:
                value = parse_amount(text, label, note, document_unit(self.money_units))
                setattr(project.budget, name, value)

            self._leftovers(pairs(rest, BUDGET_HEADERS, amount), note)
            state.last_label = "预算规模及资金用途"
            return
        if first == "资金用途":
            project.purpose = joined(cells[1:])
            state.last_label = "资金用途"
            return
        if first in ("资金支出计划（%）", "资金支出计划"):
            state.plan_milestones = [(norm(c.text), c.col, c.end) for c in cells[1:] if c.text]
            state.last_label = "资金支出计划"
            self.show_plan = True
            return
        if any(norm(c.text) in _LONG_TERM_LABELS for c in cells):
            self._goal_columns(cells, note)
            return
        if first in _GOAL_LABELS:
            self._goals([c for c in cells if c is not label_cell], project.goals)
            state.last_label = "绩效目标"
            return
        if continuation and state.last_label == "预算规模及资金用途":
            project.purpose = joined(cells)
            state.last_label = ""
            return
        if continuation and state.last_label == "资金支出计划":
            self._spending_plan(cells, note)
            state.last_label = ""
            return
        if continuation and state.last_label == "绩效目标":
            self._goals(cells, project.goals)
            return
        if continuation and state.last_label == "目标栏":
            self._column_goals(cells, note)
            state.last_label = ""
            return
        text = " | ".join(c.text for c in cells if c.text)
        note(f"无法识别这一行“{short(text)}”，未导入。")

    @staticmethod
    def _leftovers(cells: list[Cell], note: Note) -> None:
        for cell in cells:
            note(f"单元格“{short(cell.text)}”没有对应的栏目，未导入。")

    def _spending_plan(self, cells: list[Cell], note: Note) -> None:
        state = self.current
        assert state is not None
        plan: list[Decimal | None] = [None] * len(SPENDING_MILESTONES)
        for cell in cells:
            if not cell.text:
                continue
            milestone = column_of(state.plan_milestones, cell)
            if milestone is None:
                note(f"资金支出计划中的“{short(cell.text)}”不在任何时间点下，未导入。")
                continue
            if milestone not in SPENDING_MILESTONES:
                note(
                    f"资金支出计划的时间点“{milestone}”不是 3月底/6月底/10月底/12月底，"
                    f"数值“{cell.text}”未导入。"
                )
                continue
            plan[SPENDING_MILESTONES.index(milestone)] = parse_amount(
                cell.text, f"资金支出计划（{milestone}）", note, percent=True
            )
        state.project.spending_plan = plan

    def _goals(self, cells: list[Cell], target: list[str]) -> None:
        for cell in cells:
            for line in cell.lines if not cell.continued else []:
                if not line:
                    continue
                m = NUMBERED.match(line)
                if m:
                    self.goal_styles.append("." if m.group(2) in ".．" else "、")
                target.append(strip_number(line))

    def _goal_columns(self, cells: list[Cell], note: Note) -> None:
        """The national form's ``总体目标 | 中长期目标 | 年度目标`` header row."""
        state = self.current
        assert state is not None
        state.goal_columns = []
        for cell in cells:
            key = norm(cell.text)
            if key in _GOAL_COLUMNS:
                state.goal_columns.append((_GOAL_COLUMNS[key], cell.col, cell.end))
            elif cell.text and key not in _GOAL_LABELS:
                note(f"目标栏的表头“{short(cell.text)}”不认识，这一栏未导入。")
        state.national = True
        state.last_label = "目标栏"

    def _column_goals(self, cells: list[Cell], note: Note) -> None:
        state = self.current
        assert state is not None
        for cell in cells:
            if not cell.text:
                continue
            name = column_of(state.goal_columns, cell)
            if name is None:
                note(f"“{short(cell.text)}”不在中长期目标或年度目标下，未导入。")
                continue
            self._goals([cell], getattr(state.project, name))

    # ------------------------------------------------------------ indicators

    def _indicator_header(self, table: Table, index: int, row: Row) -> None:
        state = self.current
        assert state is not None
        state.indicators = IndicatorBlock.from_header(
            row, self.noter(table, index), previous=state.indicators
        )
        if "basis" in state.indicators.fields:
            self.show_basis = True
        if "period_value" in state.indicators.fields:
            state.national = True

    def _signature_row(self, row: Row) -> None:
        self._signature_text("  ".join(c.text for c in row.cells if c.text))

    # ------------------------------------------------------------ document

    def _department(
        self, front_department: DepartmentGoals | None
    ) -> tuple[DepartmentGoals | None, str]:
        """The department form and its kind: the first department table, else the text."""
        if self.department_tables:
            first = self.department_tables[0]
            for extra in self.department_tables[1:]:
                self._note_second_department(first, extra)
            if front_department is not None:
                self.note(
                    "文档",
                    "文件中既有部门整体的文字说明又有部门整体表，只导入了表，文字说明未导入。",
                )
            return first.department, first.kind
        if front_department is not None:
            return front_department, "text"
        return None, ""

    def _note_second_department(self, first: DepartmentTable, extra: DepartmentTable) -> None:
        """A document holds one department form: a second one is named, table by table."""
        numbers = extra.table_numbers or [extra.table_number]
        tables = "、".join(str(n) for n in numbers)
        name = extra.department.name or "没有部门名称"
        same = norm(name) == norm(first.department.name)
        self.note(
            f"表格 {tables}（部门整体）",
            f"第二份部门整体表（{name}）未导入：一个文档只有一份部门整体表，"
            f"已导入表格 {first.table_number} 的那一份"
            + ("（两份同名，这一份可能是重复粘贴的）" if same else "")
            + "。如需导入这一份，请把它单独存成一个 Word 文件后再导入。",
        )

    def _document(self, front) -> Document:
        department, department_form = self._department(front.department)
        units = Counter(s.unit_line for s in self.projects if s.unit_line)
        # Without projects, the unit line above the department table names the unit.
        doc_unit = units.most_common(1)[0][0] if units else self.pending_unit
        code_name = _UNIT_LINE.match(doc_unit)
        doc = Document()
        if code_name:
            doc.unit_code, doc.unit_name = code_name.group(1), code_name.group(2).strip()
        else:
            doc.unit_name = doc_unit or department_unit(front.title, department)
        if not doc.unit_name:
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
        elif self.projects or department_form in ("guangzhou", "chengdu"):
            self.note("文档", "没有找到“单位：元”或“单位：万元”，金额单位按“元”处理，请核对。")
        assert doc.money_unit in MONEY_UNITS
        doc.layout = self._layout(department_form)
        if department_form == "text":
            doc.layout.department_labels = front.labels
        doc.department = department
        doc.title = front.title
        doc.signature = self.signature
        for position, state in enumerate(self.projects, start=1):
            doc.projects.append(self._finished_project(position, state, doc_unit, doc.layout))
        from ..rollover import infer_fiscal_year

        doc.fiscal_year = infer_fiscal_year(doc) or front.year
        if doc.fiscal_year is None:
            self.note("文档", "标题和项目名称中都没有年份，无法确定预算年度，请在编辑器中填写。")
        return doc

    def _layout(self, department_form: str) -> Layout:
        styles = self.title_styles or self.goal_styles
        number_style = Counter(styles).most_common(1)[0][0] if styles else "、"
        if not self.projects:
            # No project table to copy the columns from: a project the clerk adds gets
            # the provincial form without 项目编码 (only Hebei prints it) and with 依据.
            return Layout(
                department_form=department_form, show_code=False, number_style=number_style
            )
        national = any(state.national for state in self.projects)
        return Layout(
            department_form=department_form,
            project_form="national" if national else "standard",
            show_code=self.show_code,
            show_spending_plan=self.show_plan,
            show_basis=self.show_basis,
            number_style=number_style,
        )

    def _finished_project(
        self, position: int, state: _ProjectState, doc_unit: str, layout: Layout
    ) -> Project:
        """The project with its name checked against its title, and notes for gaps."""
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
        if layout.project_form == "national" and not state.national:
            self.note(
                f"{where}（{project.name}）",
                "这张表是省级格式（没有中长期目标、实施周期指标值等栏目），"
                "文档按全国格式导入，这些栏目为空，请补填。",
            )
        if not project.indicators:
            self.note(f"{where}（{project.name}）", "没有找到绩效指标。")
        return project


#: Labels a table's first row may open with: such a table says what its cells are.
_OPENING_LABELS = frozenset(
    {*_PROJECT_LABELS, *_FORM_LABELS, *BUDGET_HEADERS, *DEPARTMENT_LABELS, "部门名称"}
)


def _signature_label(text: str) -> bool:
    return any(norm(text).startswith(label) for label in (*SIGNATURE_FIELDS, STAMP_WORDS))


def read_docx(path: str | os.PathLike) -> ImportResult:
    """Import a Word file of published forms; `ImportProblem` when it cannot be read."""
    path = Path(path)
    # A shape the reader did not foresee is a fault of the program, logged, not a
    # damaged file: the file could be opened, the reader failed on it.
    with faults_reported(f"导入“{path.name}”", logger):
        blocks = read_blocks(path)
        reader = _FormReader(blocks, path.name)
        document = reader.read()
    return ImportResult(document, reader.notes, normalize_values(document))
