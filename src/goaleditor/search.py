"""查找/替换 over the whole document: every text the clerk typed, in the order the tree shows
the forms (document header, 部门整体, then each project, its header fields before its
indicator table, row by row).

A *text* is one field or one table cell (`Text`): a project name, one 绩效目标 line, an
indicator's 指标值 or 权重, a task's 主要内容, a field the printed layout declares of its own
(``"fields"`` of a layout file: a project's extra rows, a task's or an indicator's extra
columns, kept in their ``extra`` dicts).  A *match* (`Found`) is a span inside one text.
The budget amounts and years are numbers the forms compute with, and are not searched.
Replacing returns the field changes ``(object, attribute, new value)``; the GUI pushes
them as undo commands.  A replacement the field cannot take (权重 that is no longer a
number, an unknown 依据类型) raises `CellError` (`replaced`) or is left out and said
(`replace_all`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import GoalEditorError
from .indicator_cells import EXTRA, CellError, cell_text, cell_value, with_extra
from .labels import (
    DEPARTMENT_LABELS,
    DOCUMENT_LABELS,
    INDICATOR_ATTRIBUTE_LABELS,
    INDICATOR_FIELD_LABELS,
    NATIONAL_PROJECT_FIELDS,
    PROJECT_LABELS,
    SIGNATURE_LABELS,
)
from .layouts import LayoutField
from .model import Document, Indicator
from .undo_place import DEPARTMENT, DOCUMENT, PROJECT, Place

#: The text fields of each form, in the order the editor shows them, with their labels.
DOCUMENT_TEXTS = {
    "unit_code": DOCUMENT_LABELS["unit_code"],
    "unit_name": DOCUMENT_LABELS["unit_name"],
    "title": "文档标题",
}
SIGNATURE_TEXTS = SIGNATURE_LABELS
PROJECT_TEXTS = {
    name: PROJECT_LABELS[name]
    for name in ("code", "name", *NATIONAL_PROJECT_FIELDS, "purpose", "long_term_goals", "goals")
}


def _indicator_texts() -> dict[str, str]:
    """An indicator's fields with their labels; 权重 (a number, searched as the cell shows
    it) after 指标值, as the forms print it."""
    fields = {}
    for name, label in INDICATOR_FIELD_LABELS.items():
        fields[name] = label
        if name == "value":
            fields["weight"] = INDICATOR_ATTRIBUTE_LABELS["weight"]
    return fields


INDICATOR_TEXTS = _indicator_texts()
#: Indicator fields whose text the cell turns into a value it checks (`cell_value`).
CHECKED_FIELDS = frozenset({"weight", "basis_type"})
DEPARTMENT_TEXTS = {
    "name": DEPARTMENT_LABELS["name"],
    "staff_count": "财政供养人员数",
    "subunit_count": "下属二级单位数",
    "overall_goal": DEPARTMENT_LABELS["overall_goal"],
    "safeguards": "工作保障措施",
    "safeguard_items": "分条措施",
    "other_tasks": "其他需完成的任务",
}
#: The department's small tables: list attribute → {row field: label}.
DEPARTMENT_TABLES = {
    "duty_goals": {"duty": "职责", "responsibilities": "主要职责", "goal": "绩效目标"},
    "tasks": {"name": "任务名称", "content": "主要内容", "expected": "期望达到的目标"},
}


@dataclass(frozen=True)
class Text:
    """One field or cell holding text: ``getattr(obj, name)``, ``[item]`` for a line of a
    list or a key of an ``extra`` dict."""

    #: Where the editor shows it (the form, row and field `undo_place` names).
    place: Place
    obj: object
    name: str
    #: Index in a list of lines (绩效目标, 分条措施), key in ``extra``; None for a plain text.
    item: int | str | None
    #: The field's Chinese label, for the clerk.
    label: str
    #: The cell's field in a department table (``content``, ``extra.fiscal``); "" elsewhere.
    column: str = ""
    #: An amount of the layout's own fields: found, but not replaced (type amounts in their
    #: field, which checks them).
    amount: bool = False

    @property
    def value(self) -> str:
        if isinstance(self.obj, Indicator) and self.name == "weight":
            return cell_text(self.obj, self.name)  # a number, as the cell shows it
        value = getattr(self.obj, self.name)
        return value[self.item] if self.item is not None else value

    def where(self, document: Document) -> str:
        """``项目 3「车辆保险费」第 2 行 指标值`` — for the status bar."""
        line = f" 第 {self.item + 1} 条" if isinstance(self.item, int) else ""
        return f"{self.place.describe(document)} {self.label}{line}"

    def stored(self, new: str, current: object | None = None) -> object:
        """What ``obj.<name>`` becomes when this text reads *new*; *current* is the field's
        value with earlier replacements in it (the field's own value when None).
        `CellError` when the field cannot take *new*."""
        if self.amount:
            raise CellError(f"“{self.label}”是金额，不在替换之列，请在该栏中直接修改。")
        current = getattr(self.obj, self.name) if current is None else current
        if self.item is None:
            if isinstance(self.obj, Indicator) and self.name in CHECKED_FIELDS:
                return cell_value(self.name, new.strip())
            return new
        if isinstance(self.item, str):  # a field of the layout's own: blank ones are dropped
            return with_extra(current, EXTRA + self.item, new)
        items = list(current)
        items[self.item] = new
        return items


@dataclass(frozen=True)
class Found:
    """A match: ``text.value[start:end]``; *order* sorts matches in document order."""

    text: Text
    start: int
    end: int
    order: tuple[int, int]


def texts(document: Document) -> Iterator[Text]:
    """Every text of *document*, in the order the clerk sees the forms."""
    for name, label in DOCUMENT_TEXTS.items():
        yield from _field(Place(DOCUMENT, field=name), document, name, label)
    for name, label in SIGNATURE_TEXTS.items():
        yield from _field(Place(DOCUMENT, field=name), document.signature, name, label)
    dept = document.department
    if dept is not None:
        own = _own_fields(document, department=True)
        for name in _department_order(document.layout.department_form):
            columns = DEPARTMENT_TABLES.get(name)
            if columns is None:
                label = DEPARTMENT_TEXTS[name]
                yield from _field(Place(DEPARTMENT, field=name), dept, name, label)
                continue
            for row, item in enumerate(getattr(dept, name)):
                place = Place(DEPARTMENT, row=row, field=name)
                for column, label in columns.items():
                    yield Text(place, item, column, None, label, column)
                if name == "tasks":  # the layout's own task columns, after the standard ones
                    yield from _extra(place, item, own["task"], in_table=True)
        yield from _extra(Place(DEPARTMENT), dept, own["department"])
        for row, indicator in enumerate(dept.indicators):
            yield from _indicator(Place(DEPARTMENT, row=row), indicator, own["indicator"])
    own = _own_fields(document, department=False)
    for index, project in enumerate(document.projects):
        for name, label in PROJECT_TEXTS.items():
            yield from _field(Place(PROJECT, index, field=name), project, name, label)
        yield from _extra(Place(PROJECT, index), project, own["project"])
        for row, indicator in enumerate(project.indicators):
            yield from _indicator(Place(PROJECT, index, row), indicator, own["indicator"])


def _indicator(place: Place, indicator: Indicator, own: list[LayoutField]) -> Iterator[Text]:
    """An indicator row's texts: its fields, then the layout's own indicator columns."""
    for name, label in INDICATOR_TEXTS.items():
        yield Text(Place(place.kind, place.project, place.row, name), indicator, name, None, label)
    yield from _extra(place, indicator, own)


def _extra(
    place: Place, obj: object, own: list[LayoutField], in_table: bool = False
) -> Iterator[Text]:
    """The layout's own fields *own* that *obj* has a value for, in ``obj.extra``; a
    department table's cell (*in_table*) names its column ``extra.<id>``."""
    extra = getattr(obj, "extra", {})
    for spec in own:
        if extra.get(spec.id):
            field = EXTRA + spec.id
            column = field if in_table else ""
            where = place if in_table else Place(place.kind, place.project, place.row, field)
            amount = spec.type == "amount"
            yield Text(where, obj, "extra", spec.id, spec.label, column, amount)


def _own_fields(document: Document, department: bool) -> dict[str, list[LayoutField]]:
    """The fields the layout in use declares of its own (the department layout's, or the
    projects'), by owner (``project``, ``task`` …); none when that layout is missing."""
    from .forms import department_layout, project_layout  # the forms load when searched

    own: dict[str, list[LayoutField]] = {
        "project": [], "department": [], "task": [], "indicator": []
    }  # fmt: skip
    try:
        spec = department_layout(document) if department else project_layout(document)
    except GoalEditorError:
        return own
    for spec_field in spec.fields if spec is not None else []:
        own.setdefault(spec_field.on, []).append(spec_field)
    return own


def _department_order(form: str) -> list[str]:
    """The department's fields and tables top to bottom, as its form shows them (Chengdu
    has its tasks above the goal, Guangzhou below it, the Hebei text form none)."""
    order = ["name", "staff_count", "subunit_count", "overall_goal", "duty_goals"]
    order += ["safeguards", "safeguard_items", "tasks", "other_tasks"]
    if form == "chengdu":
        order.remove("tasks")
        order.insert(order.index("overall_goal"), "tasks")
    return order


def _field(place: Place, obj: object, name: str, label: str) -> Iterator[Text]:
    value = getattr(obj, name)
    if isinstance(value, list):
        for item in range(len(value)):
            yield Text(place, obj, name, item, label)
    else:
        yield Text(place, obj, name, None, label)


def pattern(needle: str, whole_cell: bool = False, match_case: bool = False) -> re.Pattern:
    """The regular expression for *needle* as typed (no wildcards): a literal, matching a
    whole cell only when *whole_cell* (surrounding spaces ignored, as Excel does not)."""
    body = re.escape(needle)
    if whole_cell:
        body = rf"\A\s*{body}\s*\Z"
    return re.compile(body, 0 if match_case else re.IGNORECASE)


def find_all(
    document: Document, needle: str, whole_cell: bool = False, match_case: bool = False
) -> list[Found]:
    """Every match of *needle*, in document order ([] for an empty needle)."""
    if not needle:
        return []
    regex = pattern(needle, whole_cell, match_case)
    found = []
    for number, text in enumerate(texts(document)):
        value = text.value
        if not value:
            continue
        for match in regex.finditer(value):
            if match.end() > match.start():
                found.append(Found(text, match.start(), match.end(), (number, match.start())))
    return found


def replaced(found: Found, replacement: str) -> tuple[object, str, object]:
    """The field change that replaces *found* (only that span) with *replacement*;
    `CellError` when the field cannot take the result."""
    text = found.text
    value = text.value
    new = value[: found.start] + replacement + value[found.end :]
    return text.obj, text.name, text.stored(new)


def replace_all(
    document: Document,
    needle: str,
    replacement: str,
    whole_cell: bool = False,
    match_case: bool = False,
) -> tuple[list[tuple[object, str, object]], int, list[str]]:
    """``(field changes, number of matches replaced, what was left)`` for 全部替换 (one
    undo step); a field that cannot take its replaced text keeps its value, and the list
    says where and why."""
    if not needle:
        return [], 0, []
    regex = pattern(needle, whole_cell, match_case)
    changes: dict[tuple[int, str], tuple[object, str, object]] = {}
    count = 0
    left: list[str] = []
    for text in texts(document):
        value = text.value
        if not value:
            continue
        new, n = regex.subn(lambda _m: replacement, value)
        if not n or new == value:
            continue
        key = (id(text.obj), text.name)
        try:
            stored = text.stored(new, changes[key][2] if key in changes else None)
        except CellError as err:
            left.append(f"{text.where(document)}：{err}")
            continue
        count += n
        changes[key] = (text.obj, text.name, stored)
    return list(changes.values()), count, left


def still_there(found: Found, needle: str, whole_cell: bool, match_case: bool) -> bool:
    """Whether *found* still matches (the text may have been edited since it was found)."""
    try:
        value = found.text.value
    except (IndexError, KeyError, AttributeError):
        return False
    match = pattern(needle, whole_cell, match_case).match(value, found.start)
    return match is not None and match.start() == found.start and match.end() == found.end
