"""The problems panel (审核结果): the core checks, kept up to date edit by edit.

A full 审核 (what `run_checks` finds) runs when a document is opened or replaced, when projects
are added, removed or moved (their numbers shift), when a setting every form reads
changes (layout, year, money unit), and when the clerk asks for it.  Any other edit
re-checks only the form it touched and replaces that form's rows in the list, so an
edit costs the same in a 500-project document as in a 5-project one.  Checks run from a
0-ms timer: after the edit's own repaint work, once for a burst of changes (a paste).
The first checks wait for the window's first paint, so they never delay the window.
Double-clicking a problem asks the window to jump to its project, row and field.

The list shows the errors first; 全部 / 只看错误 / 只看当前项目 above it narrow it (the
window tells the panel which form is being edited through `set_current_node`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...checks.scope import DEPARTMENT, DOCUMENT, FULL, CheckScope
from ...model import Document, Project
from ..common.context import EditorContext
from ..tree import panel as project_tree
from .model import (
    DEPARTMENT_GROUP,
    DOCUMENT_GROUP,
    FIRST_PROJECT_GROUP,
    ONLY_CURRENT,
    ONLY_ERRORS,
    SHOW_ALL,
    ProblemsModel,
)

if TYPE_CHECKING:
    from ...checks import Problem

#: The latest the first checks wait for the window's first paint (a window never shown).
FIRST_CHECK_FALLBACK_MS = 500
#: 位置's share of the list's width (after 级别); 问题 gets the rest.
LOCATION_SHARE = 0.35

#: The filter buttons above the list: (filter, label, tooltip).
FILTERS = (
    (SHOW_ALL, "全部", "列出所有错误和提醒（错误在前）"),
    (ONLY_ERRORS, "只看错误", "只列出必须改正的错误"),
    (ONLY_CURRENT, "只看当前项目", "只列出右侧正在编辑的项目（或部门整体、文档信息）的问题"),
)


class _LocationDelegate(QStyledItemDelegate):
    """位置 elided in the middle: ``项目 3「安保维稳…经费」第 2 行 指标值`` keeps the
    project's number and the field; the full text is the tooltip."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class ProblemList(QTableView):
    """级别 as wide as its word, 位置 a share of the rest (35% until the clerk drags it),
    问题 the remainder; cut text shows in full as a tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        #: 位置's share of the width 级别 leaves; the clerk's drag changes it.
        self.location_share = LOCATION_SHARE
        self._fitting = False
        self._location_delegate = _LocationDelegate(self)
        self.setItemDelegateForColumn(1, self._location_delegate)
        self.horizontalHeader().sectionResized.connect(self._section_resized)

    def level_width(self) -> int:
        """Room for the icon and 错误/提醒 with the cell's margins."""
        icon = self.style().pixelMetric(self.style().PixelMetric.PM_SmallIconSize)
        text = max(self.fontMetrics().horizontalAdvance(w) for w in ("错误", "提醒", "级别"))
        return icon + text + 24

    def fit_columns(self) -> None:
        if self.model() is None or self.model().columnCount() < 3:
            return
        level = self.level_width()
        rest = max(self.viewport().width() - level, 0)
        self._fitting = True
        try:
            self.setColumnWidth(0, level)
            self.setColumnWidth(1, max(round(rest * self.location_share), 80))
        finally:
            self._fitting = False

    def _section_resized(self, section: int, _old: int, new: int) -> None:
        if self._fitting or section != 1:
            return
        rest = self.viewport().width() - self.columnWidth(0)
        if rest > 0:
            self.location_share = min(max(new / rest, 0.1), 0.9)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_columns()


class ProblemsPanel(QWidget):
    #: The clerk double-clicked (or pressed Enter on) a problem.
    problemActivated = Signal(object)
    #: ``(errors, warnings)`` after every update, for the status bar.
    countsChanged = Signal(int, int)

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None, painted: bool = False):
        """*painted*: the window has painted already (the panel is built after that
        paint), so the first checks run at once instead of waiting for it."""
        super().__init__(parent)
        self.ctx = ctx
        self.model = ProblemsModel(self)
        self.summary = QLabel(self)
        # a table view: inserting rows in a long list costs it nothing per row (a tree
        # view lays out every row again)
        self.list = ProblemList(self)
        self.list.setModel(self.model)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.list.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        # the titles and one row at the least: on a small screen the dock gives way
        # to the editor (the status bar keeps the counts)
        self.list.setMinimumHeight(2 * rows.defaultSectionSize() + 2 * self.list.frameWidth())
        header = self.list.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        self.list.activated.connect(self._activated)
        self.list.setToolTip("双击问题可跳转到对应的位置")

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.summary, 1)
        self.filter_buttons = QButtonGroup(self)
        self.filter_buttons.setExclusive(True)
        #: Filter buttons by filter kind.
        self.filter_button: dict[str, QToolButton] = {}
        for kind, label, tip in FILTERS:
            button = QToolButton(self)
            button.setText(label)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setChecked(kind == SHOW_ALL)
            button.clicked.connect(lambda _checked=False, kind=kind: self.set_filter(kind))
            self.filter_buttons.addButton(button)
            self.filter_button[kind] = button
            top.addWidget(button)
        # until the window says which form is being edited there is no current project
        self.filter_button[ONLY_CURRENT].setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

        self._scope = CheckScope()
        self._full = True
        #: The forms to re-check, by id: DOCUMENT, DEPARTMENT or Project objects.
        self._dirty: dict[int, object] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush)
        ctx.fieldChanged.connect(self._field_changed)
        ctx.listChanged.connect(self._list_changed)
        ctx.documentReplaced.connect(self._document_replaced)
        # until the window has painted once, wait for that paint (or the fallback)
        self._painted = painted
        self._watched: QObject = self.window()
        if not painted:
            self._watched.installEventFilter(self)
        self.timer.setInterval(0 if painted else FIRST_CHECK_FALLBACK_MS)
        self.timer.start()

    # -- public API ------------------------------------------------------------------

    @property
    def problems(self) -> list[Problem]:
        """Every problem shown, in order: document, department, then each project."""
        return self.model.problems()

    def run_now(self) -> list[Problem]:
        """Check the whole document now (审核) and show the result."""
        self._full = True
        return self.flush()

    def set_filter(self, kind: str) -> None:
        """全部 / 只看错误 / 只看当前项目; the selected problem stays selected if shown."""
        selected = self.model.problem(self.list.currentIndex().row())
        self.filter_button[kind].setChecked(True)
        self.model.set_filter(kind)
        self._reselect(selected)
        self._show_counts(emit=False)

    def set_current_node(self, kind: str, row: int = -1) -> None:
        """The window shows the editor of this tree node (`ProjectTreePanel.nodeSelected`):
        只看当前项目 lists its findings."""
        if kind == project_tree.PROJECT and row >= 0:
            group = FIRST_PROJECT_GROUP + row
        elif kind == project_tree.DEPARTMENT:
            group = DEPARTMENT_GROUP
        else:
            group = DOCUMENT_GROUP
        self.filter_button[ONLY_CURRENT].setEnabled(True)
        selected = self.model.problem(self.list.currentIndex().row())
        self.model.set_current(group)
        if self.model.filter == ONLY_CURRENT:
            self._reselect(selected)
            self._show_counts(emit=False)

    def _reselect(self, problem: Problem | None) -> None:
        row = self.model.row_of(problem) if problem is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
            self.list.scrollTo(self.model.index(row, 0))

    def pending(self) -> bool:
        """Whether edits are waiting to be checked."""
        return self._full or bool(self._dirty)

    def flush(self) -> list[Problem]:
        """Check now whatever the edits since the last update touched."""
        self.timer.stop()
        from ... import checks  # loaded after the window is shown

        doc = self.ctx.document
        if self._full:
            self._full = False
            self._dirty.clear()
            self._scope.forget()
            self.model.set_groups(_all_groups(doc))
        elif self._dirty:
            dirty, self._dirty = list(self._dirty.values()), {}
            if any(scope is DOCUMENT for scope in dirty):
                self.model.replace_group(DOCUMENT_GROUP, checks.check_document(doc))
            if any(scope is DEPARTMENT for scope in dirty):
                self.model.replace_group(DEPARTMENT_GROUP, checks.check_department(doc))
            projects = [p for p in dirty if isinstance(p, Project)]
            if projects:
                numbers = {id(p): i for i, p in enumerate(doc.projects)}
                for project in projects:
                    i = numbers.get(id(project))
                    if i is not None:
                        self.model.replace_group(
                            FIRST_PROJECT_GROUP + i, checks.check_project(doc, i)
                        )
        else:
            return self.model.problems()
        self._show_counts()
        return self.model.problems()

    # -- following the edits -------------------------------------------------------------

    def _field_changed(self, obj: object, name: str) -> None:
        self._mark(self._scope.of_field(self.ctx.document, obj, name))

    def _list_changed(self, owner: object, name: str) -> None:
        self._mark(self._scope.of_list(self.ctx.document, owner, name))

    def _document_replaced(self) -> None:
        self._scope.forget()
        self._mark(FULL)

    def _mark(self, scope: object) -> None:
        if scope is FULL:
            self._full = True
        elif not self._full:
            self._dirty[id(scope)] = scope
        if self._painted or not self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            watched.removeEventFilter(self)
            self.timer.setInterval(0)
            if self.pending():
                self.timer.start()  # runs after this first paint has finished
        return False

    def _show_counts(self, emit: bool = True) -> None:
        errors, warnings = self.model.counts()
        shown = self.model.rowCount()
        if not errors and not warnings:
            self.summary.setText("审核通过：没有发现问题。")
        elif not shown:
            # nothing to list under this filter: say what passed, then what is elsewhere
            passed = "没有错误" if self.model.filter == ONLY_ERRORS else "当前项目没有问题"
            self.summary.setText(
                f"审核通过：{passed}。整个文档共 {errors} 个错误，{warnings} 个提醒，点“全部”查看。"
            )
        else:
            text = f"共 {errors} 个错误，{warnings} 个提醒"
            if shown != errors + warnings:
                text += f"，此处列出 {shown} 条"
            self.summary.setText(text + "。双击一条可跳转。")
        if emit:
            self.countsChanged.emit(errors, warnings)

    def _activated(self, index: QModelIndex) -> None:
        problem = self.model.problem(index.row())
        if problem is not None:
            self.problemActivated.emit(problem)


def _all_groups(doc: Document) -> list[list[Problem]]:
    """What `run_checks` finds, form by form: document, department, then each project."""
    from ... import checks

    groups = [checks.check_document(doc), checks.check_department(doc)]
    groups.extend(checks.check_project(doc, i) for i in range(len(doc.projects)))
    return groups
