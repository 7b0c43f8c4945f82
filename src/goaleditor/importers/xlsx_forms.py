"""Read each official form back from a worksheet, by its labels.

Positions are found from the printed labels (项目名称, 预算数, the 一级指标 header …),
not fixed cell addresses, so a clerk may insert or delete indicator rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..amounts import imported_amount
from ..forms.common import BLANK_LINE
from ..labels import (
    BUDGET_ROW_LABELS,
    DEPARTMENT_LABELS,
    GUANGZHOU_BUDGET_LABELS,
    INDICATOR_FIELD_LABELS,
    INDICATOR_HEADERS,
    INDICATOR_LABELS,
    NATIONAL_PROJECT_FIELDS,
    PROJECT_LABELS,
    SIGNATURE_FIELDS,
    SIGNATURE_LABELS,
    STAMP_WORDS,
)
from ..layouts import builtin_layout
from ..model import (
    SPENDING_MILESTONES,
    Budget,
    DepartmentBudget,
    DepartmentGoals,
    DutyGoal,
    Indicator,
    Project,
    Signature,
    Task,
)
from .result import ImportNote
from .xlsx_remarks import (
    BLANK,
    INDICATOR,
    LONE,
    OUTSIDE,
    REMARK,
    SPANNING,
    RowKind,
    is_remark,
    is_signature_line,
    settle,
)
from .xlsx_sheet import SheetView, as_text, norm
from .xlsx_stray import form_end, form_width

# The labels the forms are found by, as the built-in layouts print them.
_STANDARD = builtin_layout("standard")
BUDGET_LABEL = _STANDARD.group_of("project.budget.total")
SPENDING_LABEL = _STANDARD.group_of("project.spending_plan.0")
GOALS_LABEL = _STANDARD.label_of("project.goals")
_TEXT = builtin_layout("text")
OVERALL_LABEL = _TEXT.label_of("department.overall_goal")
OVERALL_HEADING = _TEXT.label_of("department.overall_goal", back=2)
DUTY_HEADING = _TEXT.label_of("department.duty_goals")
SAFEGUARD_LABEL = _TEXT.label_of("department.safeguards")
SAFEGUARD_HEADING = _TEXT.label_of("department.safeguards", back=2)
GUANGZHOU_OTHER_TASKS = builtin_layout("guangzhou").label_of("department.other_tasks")
_CHENGDU = builtin_layout("chengdu")
CHENGDU_GOAL = _CHENGDU.label_of("department.overall_goal")
CHENGDU_BUDGET = _CHENGDU.group_of("department.budget.total")

_NUMBER_PREFIX = re.compile(r"^\s*\d+\s*[、.．]\s*")
_EXACT_NUMBER_PREFIX = re.compile(r"^\d+[、.．]")
_TASK_LABEL = re.compile(r"^\s*任务\s*\d+\s*[、.．]\s*")
_TASK_NUMBER = re.compile(r"^(\d+-\d+)[.．](.*)$", re.S)


#: Why a row under the indicator header is no indicator, as the note says it.
_WHY = {
    SPANNING: "合并成一格的整行不是指标",
    REMARK: "备注或说明，不是指标",
    OUTSIDE: "不在任何指标栏内",
}

#: Default of `FormReader.amount`: read the cell right of the label.
_RIGHT_OF = object()


class FormReader:
    """Shared state of reading one sheet: the view, where notes go, the source kind."""

    def __init__(self, view: SheetView, notes: list[ImportNote], fill_down: bool, unit: str = "元"):
        self.view = view
        self.notes = notes
        #: The document's 金额单位: amounts written in the other one are converted.
        self.unit = unit
        #: Templates are filled without merges: a blank 一级/二级 repeats the row above.
        self.fill_down = fill_down

    def note(self, r: int, message: str) -> None:
        self.notes.append(
            ImportNote(f"工作表“{self.view.title}”第 {self.view.sheet_row(r)} 行", message)
        )

    def amount(self, pos: tuple[int, int] | None, what: str, raw=_RIGHT_OF, percent=False):
        """The amount right of the label at *pos* (or *raw*) by the core's rules
        (`amounts.imported_amount`); a note when it is none or was converted."""
        if pos is None:
            return None
        value = self.view.right_of(pos) if raw is _RIGHT_OF else raw
        amount, said = imported_amount(value, self.unit, what, percent=percent)
        if said:
            self.note(pos[0], said)
        return amount

    def text_right_of(self, label: str) -> str:
        pos = self.view.find(label)
        return "" if pos is None else _text(self.view.right_of(pos))

    # ------------------------------------------------------------ indicators

    def indicators(self, start_row: int = 0) -> list[Indicator]:
        view = self.view
        header = view.find(INDICATOR_LABELS["level1"], start_row)
        if header is None:
            return []
        hr = header[0]
        columns: dict[str, int] = {}
        for c, text in view.row_cells(hr):
            field = INDICATOR_HEADERS.get(norm(text))
            if field and field not in columns:
                columns[field] = c
        rows: list[RowKind] = []
        read: dict[int, Indicator] = {}
        first_column = min(columns.values(), default=0)
        #: Text right of the form is noted by `xlsx_stray`, not here.
        width = form_width(view)
        for r in range(hr + 1, view.n_rows):
            if self._is_signature_row(r):
                self._note_inside_signature(r)
                break
            if view.find(INDICATOR_LABELS["level1"], r) == (r, header[1]):
                continue  # a header repeated by hand further down
            across = self._spanning_text(r, columns)
            if across is not None:
                rows.append(RowKind(r, SPANNING if across.strip() else BLANK, across.strip()))
                continue
            own = [
                (c, text.strip())
                for c, text in view.row_cells(r)
                if text.strip() and (width is None or c <= width)
            ]
            ind = Indicator()
            for field, c in columns.items():
                text = self._field_text(r, c, columns)
                setattr(ind, field, text.strip() if field in ("level1", "level2") else text)
            if own and own[0][0] <= first_column and is_remark(own[0][1]):
                rows.append(RowKind(r, REMARK, " ".join(text for _c, text in own)))
            elif not any(getattr(ind, f) for f in columns):
                shown = " ".join(text for _c, text in own)
                rows.append(RowKind(r, OUTSIDE if own else BLANK, shown))
            elif len(own) == 1 and own[0][0] == first_column == columns.get("level1"):
                rows.append(RowKind(r, LONE, own[0][1]))
                read[r] = ind
            else:
                rows.append(RowKind(r, INDICATOR))
                read[r] = ind
        settle(rows)
        result: list[Indicator] = []
        last_row = max((e.row for e in rows if e.kind == INDICATOR), default=hr)
        for entry in rows:
            if entry.kind == INDICATOR:
                result.append(self._finished(read[entry.row], result))
            elif entry.kind != BLANK:
                where = "表格下方" if entry.row > last_row else "指标表中间"
                self.note(entry.row, f"{where}的文字未导入：“{entry.text}”（{_WHY[entry.kind]}）。")
        return result

    def _finished(self, ind: Indicator, before: list[Indicator]) -> Indicator:
        """*ind* with a template's blank 一级/二级 filled from the row above, its number split off."""
        if self.fill_down and before:
            ind.level1 = ind.level1 or before[-1].level1
            if not ind.level2 and ind.level1 == before[-1].level1:
                ind.level2 = before[-1].level2
        match = _TASK_NUMBER.match(ind.name)
        if match:
            ind.number, ind.name = match.group(1), match.group(2)
        return ind

    def _note_inside_signature(self, start: int) -> None:
        """Text between the first signature line and the form's end that is no signature
        line (the signature itself is read by `signature` or kept in the hidden sheet)."""
        end, width = form_end(self.view), form_width(self.view)
        last = end if end is not None and end >= start else self.view.n_rows - 1
        for r in range(start, last + 1):
            texts = [
                text.strip()
                for c, text in self.view.row_cells(r)
                if text.strip() and (width is None or c <= width)
            ]
            if texts and not all(is_signature_line(text) for text in texts):
                shown = " ".join(texts)
                self.note(
                    r, f"签字栏中的文字未导入：“{shown}”。如需保留，请在编辑器中填到相应栏目。"
                )

    def _field_text(self, r: int, c: int, columns: dict[str, int]) -> str:
        """The text of column *c* in row *r*; a merged cell counts once, in its first column.

        A cell merged down (一级 over five rows) reads the same on each of its rows; a
        cell merged across belongs to the leftmost indicator column it covers.
        """
        box = self.view.ranges.get((r, c))
        if box is not None and any(box[1] <= other < c for other in columns.values()):
            return ""
        raw = self.view.raw(r, c)
        text = self.view.text(r, c)
        if isinstance(raw, (int, float, date)) and not isinstance(raw, bool):
            # Excel turned what was typed into a number or a date (90% → 0.9,
            # 2020年12月 → a date): the cell's format is not read, so say so.
            field = next((f for f, col in columns.items() if col == c), "")
            label = INDICATOR_FIELD_LABELS.get(field, "指标")
            self.note(
                r,
                f"“{label}”单元格存的是数字或日期，已按“{text}”读入；"
                "Excel 可能把 90%、2020年12月 等写法存成了数字或日期，请核对。",
            )
        return text

    def _spanning_text(self, r: int, columns: dict[str, int]) -> str | None:
        """The text of a row that is one merged cell across all indicator columns, else None.

        "" for such a row that is blank, or that continues a merged cell of the row above.
        """
        view = self.view
        first, last = min(columns.values()), max(columns.values())
        box = view.ranges.get((r, first))
        if box is None or box[1] > first or box[3] < last:
            return None
        for c in range(view.n_cols):
            if box[1] <= c <= box[3]:
                continue
            other_row, _col = view.origin(r, c)
            if other_row == r and view.text(r, c).strip():
                return None  # other text on the row: read it as an indicator
        return view.text(r, first) if box[0] == r else ""

    def row_has(self, r: int, label: str) -> bool:
        return any(norm(text) == norm(label) for _c, text in self.view.row_cells(r))

    def _is_signature_row(self, r: int) -> bool:
        cells = [text.strip() for _c, text in self.view.row_cells(r) if text.strip()]
        return bool(cells) and (
            is_signature_line(cells[0])
            or any(t.startswith((SIGNATURE_LABELS["preparer"], STAMP_WORDS)) for t in cells)
        )

    def signature(self, into: Signature) -> bool:
        """Fill *into* from a printed signature block (blank lines leave it as it is).

        Returns False when the sheet has no signature block.
        """
        found = False
        for _r, field, value, _text in self._signature_lines():
            found = True
            if value:
                setattr(into, field, value)
        return found

    def signature_changes(self, kept: Signature) -> None:
        """Note each signature line of an export that says other than *kept*.

        An export's signature comes back from the hidden sheet, so a line the clerk
        typed or changed on the sheet (``填报人：李四``) is not placed: it is noted.
        """
        for r, field, value, text in self._signature_lines():
            now = getattr(kept, field) if kept.enabled else ""
            if value and value != now:
                shown = f"“{now}”" if now else "空白"
                self.note(
                    r,
                    f"签字栏的“{text}”未导入：导出文件的签字栏以文档设置为准（现为{shown}），"
                    "如需修改，请在编辑器中修改签字栏。",
                )

    def _signature_lines(self):
        """(row, field, value or "" for a blank line, text) of each ``填报人：…`` cell."""
        for (r, c), value in sorted(self.view.values.items()):
            if not isinstance(value, str) or self.view.origin(r, c) != (r, c):
                continue
            label, sep, rest = value.partition("：")
            field = SIGNATURE_FIELDS.get(label.strip())
            if sep and field:
                rest = rest.strip()
                blank = not rest or set(rest) <= {"_"} or rest == BLANK_LINE
                yield r, field, "" if blank else rest, value.strip()


def _text(value) -> str:
    return as_text(value)


def split_numbered(text: str, exact: bool = False) -> list[str]:
    """``1、甲`` and ``2、乙`` on their lines → [甲, 乙]; blank lines dropped.

    *exact* (a sheet goaleditor wrote): only the number and its mark come off, so the
    blanks a goal begins with are kept; else blanks typed around the number go too.
    """
    prefix = _EXACT_NUMBER_PREFIX if exact else _NUMBER_PREFIX
    items = []
    for line in text.split("\n"):
        if line.strip():
            items.append(prefix.sub("", line, count=1))
    return items


# ---------------------------------------------------------------- project form


def read_project(reader: FormReader) -> Project:
    view = reader.view
    p = Project()
    p.code = reader.text_right_of(PROJECT_LABELS["code"]).strip()
    p.name = reader.text_right_of(PROJECT_LABELS["name"]).strip()
    budget_pos = view.find(BUDGET_LABEL)
    p.budget = Budget(
        **{
            name: reader.amount(view.find(label), PROJECT_LABELS[f"budget.{name}"])
            for label, name in BUDGET_ROW_LABELS.items()
        }
    )
    if budget_pos is not None:
        r, c = budget_pos
        p.purpose = view.text(r + 1, view.right_edge(r, c) + 1)
    if view.find(SPENDING_LABEL) is not None:
        plan = []
        for milestone in SPENDING_MILESTONES:
            pos = view.find(milestone)
            plan.append(
                None
                if pos is None
                else reader.amount(
                    pos, f"资金支出计划（{milestone}）", view.raw(pos[0] + 1, pos[1]), percent=True
                )
            )
        # A plan left entirely blank is no plan (the model's empty list).
        p.spending_plan = plan if any(v is not None for v in plan) else []
    long_pos = view.find(PROJECT_LABELS["long_term_goals"])
    if long_pos is not None:
        p.long_term_goals = split_numbered(
            view.text(long_pos[0] + 1, long_pos[1]), not reader.fill_down
        )
        annual = view.find("年度目标")
        p.goals = (
            split_numbered(view.text(annual[0] + 1, annual[1]), not reader.fill_down)
            if annual
            else []
        )
        for name in NATIONAL_PROJECT_FIELDS:
            setattr(p, name, reader.text_right_of(PROJECT_LABELS[name]))
    else:
        p.goals = split_numbered(reader.text_right_of(GOALS_LABEL), not reader.fill_down)
    p.indicators = reader.indicators()
    return p


def project_is_blank(p: Project) -> bool:
    return p == Project(spending_plan=p.spending_plan) and not any(p.spending_plan)


# ---------------------------------------------------------------- department forms


def read_department_text(reader: FormReader) -> DepartmentGoals:
    view = reader.view
    rows = [view.text(r, 0) for r in range(view.n_rows)]
    dept = DepartmentGoals()

    def index_of(label: str, start: int = 0) -> int | None:
        for i in range(start, len(rows)):
            if norm(rows[i]) == norm(label):
                return i
        return None

    # Without its label (a source that had none) the text follows the heading itself.
    overall = index_of(OVERALL_LABEL)
    if overall is None:
        overall = index_of(OVERALL_HEADING)
    if overall is not None and overall + 1 < len(rows):
        dept.overall_goal = rows[overall + 1]
    duty_start = index_of(DUTY_HEADING)
    safeguard = index_of(SAFEGUARD_HEADING)
    if duty_start is not None:
        stop = safeguard if safeguard is not None else len(rows)
        i = duty_start + 1
        while i < stop:
            line = _NUMBER_PREFIX.sub("", rows[i], count=1)
            if not rows[i].strip():
                i += 1
                continue
            duty, _sep, responsibilities = line.partition("：")
            # A duty without a goal has no goal row: the next row is the next duty.
            following = len(dept.duty_goals) + 2
            goal = rows[i + 1] if i + 1 < stop else ""
            if re.match(rf"\s*{following}\s*[、.．]", goal):
                goal = ""
                i -= 1
            dept.duty_goals.append(DutyGoal(duty, responsibilities, goal))
            i += 2
    label = index_of(SAFEGUARD_LABEL)
    if label is None:
        label = safeguard
    if label is not None:
        dept.safeguards = rows[label + 1] if label + 1 < len(rows) else ""
        for r in range(label + 2, len(rows)):
            if reader._is_signature_row(r):
                break
            if rows[r].strip():
                dept.safeguard_items.append(_NUMBER_PREFIX.sub("", rows[r], count=1))
    return dept


def _header_columns(reader: FormReader, label: str) -> tuple[int, dict[str, int]] | None:
    pos = reader.view.find(label)
    if pos is None:
        return None
    return pos[0], {norm(text): c for c, text in reader.view.row_cells(pos[0])}


def _read_tasks(
    reader: FormReader, header_label: str, stop: Callable[[int], bool], fields: dict[str, str]
) -> list[Task]:
    found = _header_columns(reader, header_label)
    if found is None:
        return []
    hr, columns = found
    tasks = []
    for r in range(hr + 1, reader.view.n_rows):
        if stop(r):
            break
        if reader.row_has(r, header_label):
            continue  # the header again, at the top of a printed page
        task = Task()
        for label, field in fields.items():
            c = columns.get(norm(label))
            if c is None:
                continue
            if field == "amount":
                task.amount = reader.amount((r, c), "拟投入的资金", reader.view.raw(r, c))
            else:
                setattr(task, field, reader.view.text(r, c))
        if task != Task():
            tasks.append(task)
    return tasks


def read_guangzhou(reader: FormReader, money_unit: str) -> DepartmentGoals:
    view = reader.view
    dept = DepartmentGoals(
        name=reader.text_right_of(DEPARTMENT_LABELS["name"]),
        staff_count=reader.text_right_of("财政供养人员数"),
        subunit_count=reader.text_right_of("下属二级单位数"),
        overall_goal=reader.text_right_of("总体绩效目标"),
        other_tasks=reader.text_right_of(GUANGZHOU_OTHER_TASKS),
    )
    b = DepartmentBudget()
    for field, label in GUANGZHOU_BUDGET_LABELS.items():
        setattr(b, field, reader.amount(view.find(label), label))
    dept.budget = b
    other_pos = view.find(GUANGZHOU_OTHER_TASKS)
    dept.tasks = _read_tasks(
        reader,
        "主要实施内容",
        lambda r: (
            (other_pos is not None and r >= other_pos[0])
            or reader.row_has(r, INDICATOR_LABELS["level1"])
        ),
        {
            "名称": "name",
            "主要实施内容": "content",
            f"拟投入的资金({money_unit})": "amount",
            "期望达到的目标(概述)": "expected",
        },
    )
    dept.indicators = reader.indicators()
    return dept


def read_chengdu(reader: FormReader) -> DepartmentGoals:
    view = reader.view
    dept = DepartmentGoals(
        name=reader.text_right_of(DEPARTMENT_LABELS["name"]),
        overall_goal=reader.text_right_of(CHENGDU_GOAL),
    )
    budget_pos = view.find(CHENGDU_BUDGET)
    dept.tasks = _read_tasks(
        reader,
        "任务名称",
        lambda r: budget_pos is not None and r >= budget_pos[0],
        {"任务名称": "name", "主要内容": "content"},
    )
    for task in dept.tasks:
        task.name = _TASK_LABEL.sub("", task.name, count=1)
    header = _header_columns(reader, DEPARTMENT_LABELS["budget.total"])
    if header is not None:
        hr, columns = header
        for field in ("total", "fiscal", "other"):
            label = DEPARTMENT_LABELS[f"budget.{field}"]
            c = columns.get(label)
            if c is not None:
                value = reader.amount((hr + 1, c), label, view.raw(hr + 1, c))
                setattr(dept.budget, field, value)
    dept.indicators = reader.indicators()
    return dept
