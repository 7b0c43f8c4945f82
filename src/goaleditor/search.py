"""查找/替换 over the whole document: every text the clerk typed, in the order the tree shows
the forms (document header, 部门整体, then each project, its header fields before its
indicator table, row by row).

A *text* is one field or one table cell (`Text`): a project name, one 绩效目标 line, an
indicator's 指标值, a task's 主要内容.  A *match* (`Found`) is a span inside one text.
Amounts and years are numbers, not texts, and are not searched.  Replacing returns the
field changes ``(object, attribute, new value)``; the GUI pushes them as undo commands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .labels import (
    DEPARTMENT_LABELS,
    DOCUMENT_LABELS,
    INDICATOR_FIELD_LABELS,
    NATIONAL_PROJECT_FIELDS,
    PROJECT_LABELS,
    SIGNATURE_LABELS,
)
from .model import Document
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
INDICATOR_TEXTS = INDICATOR_FIELD_LABELS
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
    """One field or cell holding text: ``getattr(obj, name)`` (``[item]`` for a list of lines)."""

    #: Where the editor shows it (the form, row and field `undo_place` names).
    place: Place
    obj: object
    name: str
    #: Index in a list of lines (绩效目标, 分条措施); None for a plain text.
    item: int | None
    #: The field's Chinese label, for the clerk.
    label: str
    #: The cell's field in a department table (``content``); "" elsewhere.
    column: str = ""

    @property
    def value(self) -> str:
        value = getattr(self.obj, self.name)
        return value[self.item] if self.item is not None else value

    def where(self, document: Document) -> str:
        """``项目 3「车辆保险费」第 2 行 指标值`` — for the status bar."""
        line = f" 第 {self.item + 1} 条" if self.item is not None else ""
        return f"{self.place.describe(document)} {self.label}{line}"


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
        for name in _department_order(document.layout.department_form):
            columns = DEPARTMENT_TABLES.get(name)
            if columns is None:
                label = DEPARTMENT_TEXTS[name]
                yield from _field(Place(DEPARTMENT, field=name), dept, name, label)
                continue
            for row, item in enumerate(getattr(dept, name)):
                for column, label in columns.items():
                    place = Place(DEPARTMENT, row=row, field=name)
                    yield Text(place, item, column, None, label, column)
        for row, indicator in enumerate(dept.indicators):
            for name, label in INDICATOR_TEXTS.items():
                yield Text(Place(DEPARTMENT, row=row, field=name), indicator, name, None, label)
    for index, project in enumerate(document.projects):
        for name, label in PROJECT_TEXTS.items():
            yield from _field(Place(PROJECT, index, field=name), project, name, label)
        for row, indicator in enumerate(project.indicators):
            for name, label in INDICATOR_TEXTS.items():
                place = Place(PROJECT, index, row, name)
                yield Text(place, indicator, name, None, label)


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
    """The field change that replaces *found* (only that span) with *replacement*."""
    text = found.text
    value = text.value
    new = value[: found.start] + replacement + value[found.end :]
    return text.obj, text.name, _with_item(text, new)


def replace_all(
    document: Document,
    needle: str,
    replacement: str,
    whole_cell: bool = False,
    match_case: bool = False,
) -> tuple[list[tuple[object, str, object]], int]:
    """``(field changes, number of matches replaced)`` for 全部替换 (one undo step)."""
    changes: dict[tuple[int, str], tuple[object, str, object]] = {}
    count = 0
    regex = pattern(needle, whole_cell, match_case) if needle else None
    if regex is None:
        return [], 0
    for text in texts(document):
        value = text.value
        if not value:
            continue
        new, n = regex.subn(lambda _m: replacement, value)
        if not n or new == value:
            continue
        count += n
        key = (id(text.obj), text.name)
        if text.item is not None:
            current = changes.get(key, (text.obj, text.name, list(getattr(text.obj, text.name))))
            current[2][text.item] = new
            changes[key] = current
        else:
            changes[key] = (text.obj, text.name, new)
    return list(changes.values()), count


def still_there(found: Found, needle: str, whole_cell: bool, match_case: bool) -> bool:
    """Whether *found* still matches (the text may have been edited since it was found)."""
    try:
        value = found.text.value
    except (IndexError, AttributeError):
        return False
    match = pattern(needle, whole_cell, match_case).match(value, found.start)
    return match is not None and match.start() == found.start and match.end() == found.end


def _with_item(text: Text, new: str) -> object:
    if text.item is None:
        return new
    items = list(getattr(text.obj, text.name))
    items[text.item] = new
    return items
