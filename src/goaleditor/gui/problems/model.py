"""The list of 审核 findings as a Qt model, held in groups that are replaced one at a time.

Group 0 holds the document header's problems, group 1 the department form's, group
``2 + i`` project *i*'s.  Re-checking one project replaces only its group: the view
gets a few rows changed, inserted or removed instead of thousands of new items.

The list shows every 错误 before every 提醒 (one error among forty reminders must not be
out of sight), each severity in document order.  It can be narrowed to the errors
(`ONLY_ERRORS`) or to one form's findings (`ONLY_CURRENT`, the form being edited).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

if TYPE_CHECKING:  # the checks load after the window is shown
    from ...checks import Problem

_ROOT = QModelIndex()

#: Group numbers of the forms that are not projects.
DOCUMENT_GROUP = 0
DEPARTMENT_GROUP = 1
FIRST_PROJECT_GROUP = 2

HEADERS = ("级别", "位置", "问题")

#: Filters: everything, the errors only, the findings of the form being edited only.
SHOW_ALL = "all"
ONLY_ERRORS = "errors"
ONLY_CURRENT = "current"

#: The two sections of the list, in the order shown.
_ERRORS, _WARNINGS = 0, 1


class ProblemsModel(QAbstractTableModel):
    """Rows are the errors of all groups in order, then their reminders; columns are
    级别 · 位置 · 问题."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[list[Problem]] = [[], []]
        #: Per section, per group: the group's problems of that severity, in order.
        self._parts: tuple[list[list[Problem]], list[list[Problem]]] = ([[], []], [[], []])
        #: Per section: ``starts[g]`` is the row (within the section) of group g's first
        #: shown problem; one extra entry at the end, the section's length.
        self._starts: tuple[list[int], list[int]] = ([0, 0, 0], [0, 0, 0])
        self._filter = SHOW_ALL
        #: The group `ONLY_CURRENT` shows (None: none is being edited).
        self._current: int | None = None
        self._icons: dict[bool, QIcon] = {}

    # -- content ----------------------------------------------------------------

    def set_groups(self, groups: list[list[Problem]]) -> None:
        """Replace everything (after a full 审核)."""
        self.beginResetModel()
        self._groups = [list(g) for g in groups]
        self._parts = ([], [])
        for group in self._groups:
            errors, warnings = _split(group)
            self._parts[_ERRORS].append(errors)
            self._parts[_WARNINGS].append(warnings)
        self._recount(_ERRORS)
        self._recount(_WARNINGS)
        self.endResetModel()

    def replace_group(self, group: int, problems: list[Problem]) -> bool:
        """Show *problems* in place of *group*'s; returns whether anything changed."""
        if self._groups[group] == problems:
            return False
        self._groups[group] = list(problems)
        errors, warnings = _split(problems)
        self._replace_part(_ERRORS, group, errors)
        self._replace_part(_WARNINGS, group, warnings)
        return True

    def _replace_part(self, section: int, group: int, new: list[Problem]) -> None:
        """One section's rows of *group*: the rows they share change, the rest are
        inserted or removed (the other section is already consistent)."""
        old = self._parts[section][group]
        if old == new:
            return
        shown = self._shows(section, group)
        start = self._section_start(section) + self._starts[section][group]
        common = min(len(old), len(new))
        if shown and len(new) > len(old):
            self.beginInsertRows(_ROOT, start + common, start + len(new) - 1)
            self._set_part(section, group, new)
            self.endInsertRows()
        elif shown and len(new) < len(old):
            self.beginRemoveRows(_ROOT, start + common, start + len(old) - 1)
            self._set_part(section, group, new)
            self.endRemoveRows()
        else:
            self._set_part(section, group, new)
        if shown and common:
            last = self.index(start + common - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(start, 0), last)

    def _set_part(self, section: int, group: int, problems: list[Problem]) -> None:
        old = self._parts[section][group]
        self._parts[section][group] = problems
        if len(problems) != len(old) and self._shows(section, group):
            self._recount(section)

    def _shows(self, section: int, group: int) -> bool:
        """Whether the filter shows *group*'s problems of this severity."""
        if self._filter == ONLY_ERRORS:
            return section == _ERRORS
        if self._filter == ONLY_CURRENT:
            return group == self._current
        return True

    def _recount(self, section: int) -> None:
        parts = self._parts[section]
        if self._filter == SHOW_ALL or (self._filter == ONLY_ERRORS and section == _ERRORS):
            starts = [0, *accumulate(len(p) for p in parts)]
        else:
            starts = [0] * (len(parts) + 1)
            current = self._current
            if self._filter == ONLY_CURRENT and current is not None and current < len(parts):
                size = len(parts[current])
                for g in range(current + 1, len(parts) + 1):
                    starts[g] = size
        self._starts = (
            (starts, self._starts[_WARNINGS])
            if section == _ERRORS
            else (self._starts[_ERRORS], starts)
        )

    def _section_start(self, section: int) -> int:
        return 0 if section == _ERRORS else self._starts[_ERRORS][-1]

    # -- filter -------------------------------------------------------------------------

    @property
    def filter(self) -> str:
        return self._filter

    @property
    def current(self) -> int | None:
        """The group `ONLY_CURRENT` shows."""
        return self._current

    def set_filter(self, kind: str) -> None:
        """Show everything (`SHOW_ALL`), `ONLY_ERRORS` or `ONLY_CURRENT`."""
        if kind != self._filter:
            self._filter = kind
            self._reset_rows()

    def set_current(self, group: int | None) -> None:
        """The form being edited changed: `ONLY_CURRENT` follows it."""
        if group != self._current:
            self._current = group
            if self._filter == ONLY_CURRENT:
                self._reset_rows()

    def _reset_rows(self) -> None:
        self.beginResetModel()
        self._recount(_ERRORS)
        self._recount(_WARNINGS)
        self.endResetModel()

    # -- lookups -----------------------------------------------------------------------------

    def group_count(self) -> int:
        return len(self._groups)

    def group(self, group: int) -> list[Problem]:
        return self._groups[group]

    def problems(self) -> list[Problem]:
        """All problems in document order (document, department, each project), whatever
        the list shows."""
        return [p for g in self._groups for p in g]

    def problem(self, row: int) -> Problem | None:
        """The problem shown in *row* (None outside the list)."""
        errors = self._starts[_ERRORS][-1]
        if not 0 <= row < errors + self._starts[_WARNINGS][-1]:
            return None
        section = _ERRORS if row < errors else _WARNINGS
        row -= self._section_start(section)
        starts = self._starts[section]
        group = bisect_right(starts, row) - 1  # the last group starting at or before row
        return self._parts[section][group][row - starts[group]]

    def row_of(self, problem: Problem) -> int | None:
        """The row that shows *problem* (None when the filter hides it)."""
        for row in range(self.rowCount()):
            if self.problem(row) is problem:
                return row
        return None

    def counts(self) -> tuple[int, int]:
        """``(errors, warnings)`` over all groups, whatever the filter shows."""
        return sum(map(len, self._parts[_ERRORS])), sum(map(len, self._parts[_WARNINGS]))

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._starts[_ERRORS][-1] + self._starts[_WARNINGS][-1]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        problem = self.problem(index.row()) if index.isValid() else None
        if problem is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "错误" if problem.is_error else "提醒"
            return problem.location if column == 1 else problem.message
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return problem.location if column == 1 else problem.message
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon(problem.is_error)
        return None

    def _icon(self, is_error: bool) -> QIcon:
        icon = self._icons.get(is_error)
        if icon is None:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if is_error
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            icon = self._icons[is_error] = QApplication.style().standardIcon(pixmap)
        return icon


def _split(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """A group's errors and its reminders, each in the group's order."""
    errors = [p for p in problems if p.is_error]
    if len(errors) == len(problems):
        return errors, []
    return errors, [p for p in problems if not p.is_error]
