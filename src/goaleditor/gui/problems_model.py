"""The list of 审核 findings as a Qt model, held in groups that are replaced one at a time.

Group 0 holds the document header's problems, group 1 the department form's, group
``2 + i`` project *i*'s.  Re-checking one project replaces only its group: the view
gets a few rows changed, inserted or removed instead of thousands of new items.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

if TYPE_CHECKING:  # the checks load after the window is shown
    from ..checks import Problem

_ROOT = QModelIndex()

#: Group numbers of the forms that are not projects.
DOCUMENT_GROUP = 0
DEPARTMENT_GROUP = 1
FIRST_PROJECT_GROUP = 2

HEADERS = ("级别", "位置", "问题")


class ProblemsModel(QAbstractTableModel):
    """Rows are the problems of all groups in order; columns are 级别 · 位置 · 问题."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[list[Problem]] = [[], []]
        self._errors: list[int] = [0, 0]
        #: ``_starts[g]`` is the row of group g's first problem; one extra entry at the end.
        self._starts: list[int] = [0, 0, 0]
        self._icons: dict[bool, QIcon] = {}

    # -- content ----------------------------------------------------------------

    def set_groups(self, groups: list[list[Problem]]) -> None:
        """Replace everything (after a full 审核)."""
        self.beginResetModel()
        self._groups = [list(g) for g in groups]
        self._errors = [_count_errors(g) for g in self._groups]
        self._recount()
        self.endResetModel()

    def replace_group(self, group: int, problems: list[Problem]) -> bool:
        """Show *problems* in place of *group*'s; returns whether anything changed."""
        old = self._groups[group]
        if old == problems:
            return False
        start = self._starts[group]
        common = min(len(old), len(problems))
        if len(problems) > len(old):
            self.beginInsertRows(_ROOT, start + common, start + len(problems) - 1)
            self._set(group, problems)
            self.endInsertRows()
        elif len(problems) < len(old):
            self.beginRemoveRows(_ROOT, start + common, start + len(old) - 1)
            self._set(group, problems)
            self.endRemoveRows()
        else:
            self._set(group, problems)
        if common:
            last = self.index(start + common - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(start, 0), last)
        return True

    def _set(self, group: int, problems: list[Problem]) -> None:
        self._groups[group] = list(problems)
        self._errors[group] = _count_errors(problems)
        if len(problems) != self._starts[group + 1] - self._starts[group]:
            self._recount()

    def _recount(self) -> None:
        self._starts = [0, *accumulate(len(g) for g in self._groups)]

    def group_count(self) -> int:
        return len(self._groups)

    def group(self, group: int) -> list[Problem]:
        return self._groups[group]

    def problems(self) -> list[Problem]:
        """All problems in order: document, department, then each project."""
        return [p for g in self._groups for p in g]

    def problem(self, row: int) -> Problem | None:
        if not 0 <= row < self._starts[-1]:
            return None
        group = bisect_right(self._starts, row) - 1  # the last group starting at or before row
        return self._groups[group][row - self._starts[group]]

    def counts(self) -> tuple[int, int]:
        """``(errors, warnings)`` over all groups."""
        errors = sum(self._errors)
        return errors, self._starts[-1] - errors

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._starts[-1]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role: int = Qt.DisplayRole) -> Any:
        problem = self.problem(index.row()) if index.isValid() else None
        if problem is None:
            return None
        column = index.column()
        if role == Qt.DisplayRole:
            if column == 0:
                return "错误" if problem.is_error else "提醒"
            return problem.location if column == 1 else problem.message
        if role == Qt.ToolTipRole and column > 0:
            return problem.location if column == 1 else problem.message
        if role == Qt.DecorationRole and column == 0:
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


def _count_errors(problems: list[Problem]) -> int:
    return sum(1 for p in problems if p.is_error)
