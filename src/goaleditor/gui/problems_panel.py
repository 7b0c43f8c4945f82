"""The problems panel (审核结果): the core checks, re-run shortly after each edit.

Checks run ~300 ms after the clerk stops changing things, so typing stays smooth;
double-clicking a problem asks the window to jump to its project, row and field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..checks import ERROR, Problem, run_checks
from .context import EditorContext

DEBOUNCE_MS = 300


class ProblemsPanel(QWidget):
    #: The clerk double-clicked (or pressed Enter on) a problem.
    problemActivated = Signal(object)
    #: ``(errors, warnings)`` after every run, for the status bar.
    countsChanged = Signal(int, int)

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.problems: list[Problem] = []
        self.summary = QLabel(self)
        self.list = QTreeWidget(self)
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["级别", "位置", "问题"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setColumnWidth(0, 70)
        self.list.setColumnWidth(1, 260)
        self.list.itemActivated.connect(self._activated)
        self.list.setToolTip("双击问题可跳转到对应的位置")

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        ctx.edited.connect(self.timer.start)
        ctx.documentReplaced.connect(self.run_now)

    def run_now(self) -> list[Problem]:
        """Check the whole document now and show the result."""
        self.timer.stop()
        self.problems = run_checks(self.ctx.document)
        self._show()
        return self.problems

    def _show(self) -> None:
        style = self.style()
        icons = {
            ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
        }
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        items = []
        for problem in self.problems:
            is_error = problem.severity == ERROR
            item = QTreeWidgetItem(
                ["错误" if is_error else "提醒", problem.location, problem.message]
            )
            item.setIcon(0, icons.get(problem.severity, warning_icon))
            item.setToolTip(2, problem.message)
            item.setData(0, Qt.ItemDataRole.UserRole, len(items))
            items.append(item)
        self.list.addTopLevelItems(items)
        self.list.setUpdatesEnabled(True)
        errors = sum(1 for p in self.problems if p.severity == ERROR)
        warnings = len(self.problems) - errors
        if not self.problems:
            self.summary.setText("审核通过：没有发现问题。")
        else:
            self.summary.setText(f"共 {errors} 个错误，{warnings} 个提醒。双击一条可跳转。")
        self.countsChanged.emit(errors, warnings)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(index, int) and 0 <= index < len(self.problems):
            self.problemActivated.emit(self.problems[index])
