"""Read the department forms (部门整体, docs/forms.md §3) of a Word file.

Three shapes: the Hebei text (总体绩效目标 / 分项绩效目标 / 工作保障措施 paragraphs
before the project tables), the Chengdu 部门整体支出绩效目标表 and the Guangzhou
部门整体预算绩效目标申报表.  Both tables begin with 部门名称 and carry their section
labels (年度主要任务, 预算整体情况 …) in a left column merged down over the section's
rows; a table reader is fed row by row, so a form split over several Word tables is
read as one.  What does not fit becomes an `ImportNote` naming the table and row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..labels import DEPARTMENT_LABELS, GUANGZHOU_BUDGET_LABELS
from ..model import DepartmentGoals, DutyGoal, Indicator, Task
from .docx_cells import (
    HEADER_MONEY_UNIT,
    NUMBERED,
    IndicatorBlock,
    Note,
    append,
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
from .result import ImportNote
from .wordtables import Cell, Row, Table

GUANGZHOU = "guangzhou"
CHENGDU = "chengdu"

#: Headings of the whole document that carry no content.
SKIPPED_HEADINGS = {"第一部分", "第二部分", "部门整体绩效目标", "预算项目绩效目标", "项目绩效目标"}
_TEXT_SECTIONS = {"总体绩效目标": "overall", "分项绩效目标": "duties", "工作保障措施": "safeguards"}
_DOCUMENT_TITLE = re.compile(r"部门整体.*(?:绩效目标表|申报表)$")
_YEAR_LINE = re.compile(r"^[（(]\s*(\d{4})\s*年度?\s*[)）]$")

_GUANGZHOU_MARKERS = {"基本信息", "预算整体情况", "年度重点工作任务", "部门预算支出", "收入来源"}
_CHENGDU_MARKERS = {"年度主要任务", "年度部门整体支出预算", "年度绩效指标"}


def department_table_kind(blocks: Iterable) -> str:
    """Guangzhou or Chengdu, by the section labels in the tables (or the title)."""
    labels: set[str] = set()
    titles: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            labels.update(norm(c.text) for r in block.rows for c in r.cells if c.text)
        else:
            titles.append(norm(block.text))
    guangzhou = len(labels & _GUANGZHOU_MARKERS)
    chengdu = len(labels & _CHENGDU_MARKERS)
    if guangzhou == chengdu:
        return GUANGZHOU if any(t.endswith("申报表") for t in titles) else CHENGDU
    return GUANGZHOU if guangzhou > chengdu else CHENGDU


#: A year in a title: ``2022年``, ``2022年度``, ``（2022年）``.
_TITLE_YEAR = re.compile(r"[（(]?\s*\d{4}\s*年度?\s*[）)]?")


def department_unit(title: str, department: DepartmentGoals | None) -> str:
    """The unit of a department-only file: the one its title names, else 部门名称.

    ``成都市人民检察院 2022年部门整体支出绩效目标表`` → 成都市人民检察院; without a unit
    in the title, 部门名称 without a trailing 部门 (``…人民检察院部门`` is the procuratorate
    seen as a department; the unit is the procuratorate).
    """
    before, found, _rest = title.partition("部门整体")
    unit = " ".join(_TITLE_YEAR.sub(" ", before).split()) if found else ""
    if len(unit) >= 2:
        return unit
    name = department.name.strip() if department is not None else ""
    if name.endswith("部门") and len(name) > len("部门"):
        return name.removesuffix("部门")
    return name


class DepartmentTable:
    """A department table being read: its `DepartmentGoals` and the notes it made."""

    kind = ""
    #: Section labels of the left column (ignored in an indicator header row).
    section_labels: frozenset[str] = frozenset()

    def __init__(self, notes: list[ImportNote], money_units: list[str], styles: list[str]):
        self.department = DepartmentGoals()
        self.notes = notes
        self.money_units = money_units
        #: Number styles seen (``任务1.`` → ``.``), for the layout.
        self.styles = styles
        self.indicators: IndicatorBlock | None = None
        self.section = ""
        #: Number of the Word table the form begins in, and of every table it was read from.
        self.table_number = 0
        self.table_numbers: list[int] = []

    def amount(self, text: str, label: str, note: Note):
        """An amount cell in the document's unit as far as read (`docx_cells.parse_amount`)."""
        return parse_amount(text, label, note, document_unit(self.money_units))

    def noter(self, table: Table, index: int) -> Note:
        where = f"表格 {table.number}（部门整体），第 {index + 1} 行"
        return lambda message: self.notes.append(ImportNote(where, message))

    def row(self, table: Table, index: int, row: Row) -> None:
        raise NotImplementedError

    def _indicator(self, row: Row, note: Note):
        if self.indicators is None:
            return None
        indicator = self.indicators.read(row, note)
        if indicator is not None:
            self.department.indicators.append(indicator)
        return indicator

    @staticmethod
    def _unplaced(row: Row, note: Note) -> None:
        shown = " | ".join(c.text for c in row.cells if c.text)
        note(f"无法识别部门整体表中的这一行“{short(shown)}”，未导入。")


# ---------------------------------------------------------------- Chengdu

_CHENGDU_BUDGET = {
    DEPARTMENT_LABELS[f"budget.{name}"]: name for name in ("total", "fiscal", "other")
}
_TASK_PREFIX = re.compile(r"^任务\s*\d+\s*([.、．：:]?)\s*")
_TASK_NUMBER = re.compile(r"^(\d+\s*-\s*\d+)\s*[.、．]\s*(.+)$", re.S)


def split_task_number(indicator: Indicator | None) -> None:
    """``2-3.名称`` (the Chengdu task number before a 三级 name) → number ``2-3``, name ``名称``."""
    numbered = _TASK_NUMBER.match(indicator.name) if indicator is not None else None
    if numbered:
        indicator.number, indicator.name = numbered.group(1), numbered.group(2)


class ChengduTable(DepartmentTable):
    """部门整体支出绩效目标表: 部门名称, 年度主要任务, 预算, 年度总体目标, 年度绩效指标."""

    kind = CHENGDU
    section_labels = frozenset(
        {"部门名称", "年度主要任务", "年度部门整体支出预算", "年度总体目标", "年度绩效指标"}
    )

    def __init__(self, *args):
        super().__init__(*args)
        self.budget_columns: list[tuple[str, int, int]] = []

    def row(self, table: Table, index: int, row: Row) -> None:
        note = self.noter(table, index)
        dept = self.department
        labels = [norm(c.text) for c in row.cells]
        first = next((label for label in labels if label), "")
        texts = [c for c in row.cells if c.text and norm(c.text) not in self.section_labels]
        continuation = row.cells[0].continued or not row.cells[0].text
        if "一级指标" in labels:
            self.indicators = IndicatorBlock.from_header(
                row, note, self.section_labels, self.indicators
            )
            self.section = "indicators"
            return
        if self.section == "indicators" and self.indicators is not None:
            split_task_number(self._indicator(row, note))
            return
        if first == "部门名称":
            dept.name = texts[0].text if texts else ""
            return
        if "任务名称" in labels:
            self.section = "tasks"
            return
        if "资金总额" in labels or "财政拨款" in labels:
            self.section = "budget"
            self.budget_columns = [
                (_CHENGDU_BUDGET[norm(c.text)], c.col, c.end)
                for c in row.cells
                if norm(c.text) in _CHENGDU_BUDGET
            ]
            return
        if first == "年度总体目标":
            dept.overall_goal = "\n".join(c.text for c in texts)
            self.section = ""
            return
        if self.section == "budget" and continuation:
            for cell in row.cells:
                name = column_of(self.budget_columns, cell)
                if name is not None:
                    setattr(dept.budget, name, self.amount(cell.text, "预算金额", note))
                elif cell.text:
                    note(f"“{short(cell.text)}”不在任何金额栏下，未导入。")
            self.section = ""
            return
        if self.section == "tasks" and (continuation or first == "年度主要任务") and texts:
            prefix = _TASK_PREFIX.match(texts[0].text)
            if prefix and prefix.group(1):
                self.styles.append("." if prefix.group(1) in ".．" else "、")
            name = _TASK_PREFIX.sub("", texts[0].text).strip()
            content = "\n".join(c.text for c in texts[1:])
            dept.tasks.append(Task(name=name, content=content))
            return
        self._unplaced(row, note)


# ---------------------------------------------------------------- Guangzhou

_GUANGZHOU_SECTIONS = {
    "部门名称": "name",
    "基本信息": "info",
    "预算整体情况": "budget",
    "总体绩效目标": "overall",
    "年度重点工作任务": "tasks",
    "重点工作任务": "tasks",
    "其他需完成的任务（可选填）": "other",
    "其他需完成的任务": "other",
    "绩效指标": "indicators",
    "年度绩效指标": "indicators",
}
_GUANGZHOU_INFO = {"财政供养人员数": "staff_count", "下属二级单位数": "subunit_count"}
_GUANGZHOU_BUDGET = {label: field for field, label in GUANGZHOU_BUDGET_LABELS.items()}
#: Column headers of the budget blocks: they carry no value (the unit is recorded).
_GUANGZHOU_BUDGET_HEADERS = {
    "部门预算支出",
    "收入来源",
    "事业发展性支出",
    "按预算级次划分",
    "预算金额",
}
_GUANGZHOU_TASK_COLUMNS = {
    "名称": "name",
    "任务名称": "name",
    "主要实施内容": "content",
    "主要内容": "content",
    "拟投入的资金": "amount",
    "期望达到的目标": "expected",
    "期望达到的目标（概述）": "expected",
}


#: Labels a row of a department form may open with: a table opening with one of them
#: says what its cells are (see `docx_continuation`).
DEPARTMENT_LABELS = frozenset(
    {
        *ChengduTable.section_labels,
        *_CHENGDU_BUDGET,
        "任务名称",
        *_GUANGZHOU_SECTIONS,
        *_GUANGZHOU_INFO,
        *_GUANGZHOU_BUDGET,
        *_GUANGZHOU_BUDGET_HEADERS,
        *_GUANGZHOU_TASK_COLUMNS,
    }
)


class GuangzhouTable(DepartmentTable):
    """部门整体预算绩效目标申报表: 部门名称, 基本信息, 预算整体情况, 总体绩效目标,
    年度重点工作任务 (with 其他需完成的任务), 绩效指标 with 实施周期 and 年度 values."""

    kind = GUANGZHOU
    section_labels = frozenset(_GUANGZHOU_SECTIONS)

    def __init__(self, *args):
        super().__init__(*args)
        self.task_columns: list[tuple[str, int, int]] = []

    def row(self, table: Table, index: int, row: Row) -> None:
        note = self.noter(table, index)
        cells = self._content_cells(row)
        labels = [norm(c.text) for c in row.cells]
        if is_indicator_header(labels):
            self.indicators = IndicatorBlock.from_header(
                row, note, self.section_labels, self.indicators
            )
            self.section = "indicators"
            return
        if cells and norm(cells[0].text) in ("其他需完成的任务（可选填）", "其他需完成的任务"):
            self.section = "other"
            cells = cells[1:]
        read = getattr(self, f"_{self.section}", None) if self.section else None
        if read is None or read(cells, note) is False:
            self._unplaced(row, note)

    def _content_cells(self, row: Row) -> list[Cell]:
        """The row without its left label cell; a section label switches the section."""
        cells = list(row.cells)
        if not cells or cells[0].col != 0:
            return cells
        label = norm(cells[0].text)
        if label in _GUANGZHOU_SECTIONS:
            self.section = _GUANGZHOU_SECTIONS[label]
            return cells[1:]
        block = self.indicators if self.section == "indicators" else None
        if block is not None and column_of(block.columns, cells[0]) is not None:
            return cells  # an indicator table without the label column
        if not label:  # the lower part of a merged label, or a blank label cell
            return cells[1:]
        self.section = ""  # a label this form does not have: the row is reported
        return cells

    def _name(self, cells: list[Cell], note: Note) -> None:
        texts = [c for c in cells if c.text]
        if texts:
            self.department.name = texts[0].text
        for cell in texts[1:]:
            note(f"部门名称后的“{short(cell.text)}”没有对应的栏目，未导入。")

    def _info(self, cells: list[Cell], note: Note) -> None:
        def store(name: str, _label: str, text: str) -> None:
            setattr(self.department, name, text.strip())

        self._leftovers(pairs(cells, _GUANGZHOU_INFO, store), note)

    def _budget(self, cells: list[Cell], note: Note) -> None:
        budget = self.department.budget

        def store(name: str, label: str, text: str) -> None:
            setattr(budget, name, self.amount(text, label, note))

        values = [c for c in cells if not self._budget_header(c)]
        self._leftovers(pairs(values, _GUANGZHOU_BUDGET, store), note)

    def _budget_header(self, cell: Cell) -> bool:
        return self._header_key(cell) in _GUANGZHOU_BUDGET_HEADERS

    def _header_key(self, cell: Cell) -> str:
        """A header label without its money unit, which is recorded: 预算金额（万元） → 预算金额."""
        key = norm(cell.text)
        unit = HEADER_MONEY_UNIT.search(key)
        if unit and HEADER_MONEY_UNIT.sub("", key) in (
            *_GUANGZHOU_BUDGET_HEADERS,
            *_GUANGZHOU_TASK_COLUMNS,
        ):
            self.money_units.append(unit.group(1))
            return HEADER_MONEY_UNIT.sub("", key)
        return key

    def _overall(self, cells: list[Cell], note: Note) -> None:
        self.department.overall_goal = append(self.department.overall_goal, joined(cells))

    def _other(self, cells: list[Cell], note: Note) -> None:
        self.department.other_tasks = append(self.department.other_tasks, joined(cells))

    def _tasks(self, cells: list[Cell], note: Note) -> bool | None:
        keys = [self._header_key(c) for c in cells]
        if sum(key in _GUANGZHOU_TASK_COLUMNS for key in keys) >= 2:
            self.task_columns = []
            for key, cell in zip(keys, cells, strict=True):
                if key in _GUANGZHOU_TASK_COLUMNS:
                    self.task_columns.append((_GUANGZHOU_TASK_COLUMNS[key], cell.col, cell.end))
                elif cell.text:
                    note(f"年度重点工作任务的表头“{short(cell.text)}”不认识，这一栏未导入。")
            return None
        if not self.task_columns:
            return False
        task = Task()
        for cell in cells:
            name = column_of(self.task_columns, cell)
            if name is None:
                if cell.text:
                    note(f"“{short(cell.text)}”不在年度重点工作任务的任何一栏下，未导入。")
            elif name == "amount":
                task.amount = self.amount(cell.text, "拟投入的资金", note)
            elif cell.text:
                setattr(task, name, append(getattr(task, name), cell.text))
        if task != Task():
            self.department.tasks.append(task)
        return None

    def _indicators(self, cells: list[Cell], note: Note) -> bool | None:
        if self.indicators is None:
            return False
        self._indicator(Row(cells), note)
        return None

    @staticmethod
    def _leftovers(cells: list[Cell], note: Note) -> None:
        for cell in cells:
            note(f"单元格“{short(cell.text)}”没有对应的栏目，未导入。")


# ---------------------------------------------------------------- Hebei text


@dataclass
class FrontMatter:
    """What the paragraphs before the first table hold."""

    #: The Hebei text form, or None when there were no 总体/分项/保障 sections.
    department: DepartmentGoals | None = None
    #: A department form's title (``…部门整体支出绩效目标表``) and its ``(2022年度)`` line.
    title: str = ""
    year: int | None = None
    notes: list[ImportNote] = field(default_factory=list)
    #: Whether the text had the ``总体绩效目标：`` / ``工作保障措施：`` labels under its headings.
    labels: bool = False


def read_front_matter(front: list[tuple[int, str]], consumed: Callable[[str], bool]) -> FrontMatter:
    """Read (paragraph number, text) pairs; *consumed* takes unit and signature lines."""
    result = FrontMatter()
    dept = DepartmentGoals()
    section = ""
    found = False
    for number, text in front:
        key = NUMBERED.sub("", norm(text))
        key = re.sub(r"^[一二三四五六七八九十]+、", "", key).rstrip("：")
        if key in _TEXT_SECTIONS:
            section = _TEXT_SECTIONS[key]
            found = True
            # ``总体绩效目标：`` under ``一、总体绩效目标``: a label, not a heading.
            result.labels |= norm(text).endswith("：") and not re.match(
                r"^[一二三四五六七八九十\d]", norm(text)
            )
            continue
        if norm(text).rstrip("：") in SKIPPED_HEADINGS or consumed(text):
            continue
        if _DOCUMENT_TITLE.search(norm(text)):
            result.title = text
            continue
        year = _YEAR_LINE.match(norm(text))
        if year:
            result.year = int(year.group(1))
            continue
        where = f"第 {number} 段"
        if section == "overall":
            dept.overall_goal = append(dept.overall_goal, text)
        elif section == "duties":
            _duty(dept, text, lambda m, w=where: result.notes.append(ImportNote(w, m)))
        elif section == "safeguards":
            _safeguard(dept, text)
        else:
            result.notes.append(
                ImportNote(where, f"表格前的文字“{short(text)}”不属于任何栏目，未导入。")
            )
    if found:
        result.department = dept
    return result


#: A measure of 工作保障措施: ``1、``, ``1.``, ``1．`` — not a sub-item ``（1）``/``1）``.
_MEASURE = re.compile(r"^\s*\d{1,3}\s*[、.．](?!\d)\s*")


def _safeguard(dept: DepartmentGoals, text: str) -> None:
    """Numbered measures become items; their sub-items (``（1）``…) and the plain
    paragraphs after them stay inside the item, line by line, as written."""
    if _MEASURE.match(text):
        dept.safeguard_items.append(_MEASURE.sub("", text, count=1).strip())
    elif dept.safeguard_items:
        dept.safeguard_items[-1] = append(dept.safeguard_items[-1], text)
    else:
        dept.safeguards = append(dept.safeguards, text)


def _duty(dept: DepartmentGoals, text: str, note: Note) -> None:
    if NUMBERED.match(text):
        duty, sep, responsibilities = strip_number(text).partition("：")
        if not sep:
            duty, sep, responsibilities = strip_number(text).partition(":")
        dept.duty_goals.append(
            DutyGoal(duty=duty.strip(), responsibilities=responsibilities.strip())
        )
        return
    if not dept.duty_goals:
        note(f"分项绩效目标“{short(text)}”前没有编号的职责，未导入。")
        return
    duty = dept.duty_goals[-1]
    if not duty.goal and text.startswith("绩效目标"):
        duty.goal = text
    elif duty.goal:
        duty.goal = append(duty.goal, text)
    else:
        duty.responsibilities = append(duty.responsibilities, text)
