"""A problem found by 审核: severity, where it is, what is wrong and how to fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..labels import (
    DEPARTMENT_LABELS,
    DOCUMENT_LABELS,
    INDICATOR_ATTRIBUTE_LABELS,
    INDICATOR_FIELD_LABELS,
    PROJECT_LABELS,
)

ERROR = "错误"
WARNING = "提醒"

#: Chinese names of the fields a problem can point at, by where the field lives.
ROW_FIELDS = {**INDICATOR_FIELD_LABELS, **INDICATOR_ATTRIBUTE_LABELS}
PROJECT_FIELDS = PROJECT_LABELS
DEPARTMENT_FIELDS = DEPARTMENT_LABELS
DOCUMENT_FIELDS = DOCUMENT_LABELS


@dataclass(frozen=True)
class Problem:
    """One finding of 审核.

    ``project_index`` is 0-based (None = 部门整体 form, or the document itself for
    the fields in DOCUMENT_FIELDS); ``row`` is the 0-based indicator row; ``field``
    is the model field name (``"value"``, ``"budget.fiscal"`` …).  ``rule`` is a
    stable English id, for the GUI and the tests.
    """

    severity: str
    message: str
    rule: str
    project_index: int | None = None
    row: int | None = None
    field: str | None = None
    #: The project's name when the problem was found, for `location`.
    project_name: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        """Where, in Chinese: ``项目 3「安保维稳工作经费」第 2 行 指标值``."""
        if self.project_index is not None:
            name = self.project_name.strip()
            head = f"项目 {self.project_index + 1}" + (f"「{name}」" if name else "（未命名）")
            labels = PROJECT_FIELDS
        elif self.row is None and self.field in DOCUMENT_FIELDS:
            head, labels = "文档", DOCUMENT_FIELDS
        else:
            head, labels = "部门整体", DEPARTMENT_FIELDS
        parts = [head]
        if self.row is not None:
            parts.append(f"第 {self.row + 1} 行")
            labels = ROW_FIELDS
        if self.field:
            parts.append(labels.get(self.field, self.field))
        text = parts[0]
        for part in parts[1:]:
            text += part if text.endswith(("」", "）")) else f" {part}"
        return text

    def format_line(self) -> str:
        """One line for ``goaleditor check``: severity, location, message (tab-separated).

        Line breaks and tabs the clerk typed into a name or value become spaces, so
        each problem stays on one line.
        """
        return f"{self.severity}\t{_one_line(self.location)}\t{_one_line(self.message)}"


def _one_line(text: str) -> str:
    return re.sub(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+", " ", text)


class Findings(list):
    """Problems of one form (a project or the department), in the order found."""

    def __init__(self, project_index: int | None = None, project_name: str = ""):
        super().__init__()
        self.project_index = project_index
        self.project_name = project_name

    def add(self, severity: str, rule: str, message: str, row=None, field=None) -> None:
        self.append(
            Problem(severity, message, rule, self.project_index, row, field, self.project_name)
        )

    def error(self, rule: str, message: str, row: int | None = None, field: str | None = None):
        self.add(ERROR, rule, message, row, field)

    def warning(self, rule: str, message: str, row: int | None = None, field: str | None = None):
        self.add(WARNING, rule, message, row, field)


def row_list(rows: list[int], limit: int = 6) -> str:
    """``第 1、2、3 行`` (at most `limit` rows named, then ``等 N 行``)."""
    shown = "、".join(str(r + 1) for r in rows[:limit])
    more = f"等 {len(rows)} 行" if len(rows) > limit else "行"
    return f"第 {shown} {more}"
