"""The document tree panel on the left: filter box, tree and the project actions.

The tree shows `ProjectTreeModel` (project_tree_model.py).  Every change — rename, add,
duplicate, delete, drag or Ctrl+↑/↓ — is an undo command; the model resets when the
project list changes and `ProjectTreePanel` keeps the clerk's selection across the reset.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...model import SPENDING_MILESTONES, Document, Project
from ..common import messages
from ..common.commands import InsertItemsCommand, RemoveItemsCommand, set_fields
from ..common.context import EditorContext
from .model import (
    DEPARTMENT,
    DOCUMENT,
    MIME_TYPE,
    PROJECT,
    REVIEW_MARK,
    ProjectTreeModel,
    move_projects,
    needs_review,
    project_label,
)

# The model's names stay importable from here, where the window and the tests look.
__all__ = [
    "DEPARTMENT",
    "DOCUMENT",
    "MIME_TYPE",
    "PROJECT",
    "REVIEW_MARK",
    "ProjectTreeModel",
    "ProjectTreePanel",
    "move_projects",
    "needs_review",
    "new_project",
    "project_label",
]


def new_project(doc: Document) -> Project:
    """A blank project shaped for the document's layout."""
    plan = [None] * len(SPENDING_MILESTONES) if doc.layout.show_spending_plan else []
    return Project(name="新项目", spending_plan=plan)


class ProjectTreePanel(QWidget):
    """Filter box, tree and the project actions (also put in the 项目 menu by the window)."""

    #: ``(kind, project row)`` of the current node; row -1 unless kind is PROJECT.
    nodeSelected = Signal(str, int)

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ProjectTreeModel(ctx, self)
        self._kept: list[object] = []
        self._kept_current: object = None

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("筛选项目（名称或编码）")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)

        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.rowsDropped.connect(self.select_projects)

        self._make_actions()
        buttons = QWidget(self)
        row = _hbox(buttons)
        for action in (self.add_action, self.duplicate_action, self.delete_action):
            row.addWidget(_tool_button(action, buttons, text=True))
        row.addStretch(1)
        for action in (self.move_up_action, self.move_down_action):
            row.addWidget(_tool_button(action, buttons, text=False))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._restore_selection()

    # --------------------------------------------------------------- actions

    def _make_actions(self) -> None:
        style = self.style()
        sp = QStyle.StandardPixmap

        def action(text, slot, shortcut=None, icon=None, local=False, tip=""):
            act = QAction(text, self)
            if icon is not None:
                act.setIcon(style.standardIcon(icon))
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                if local:
                    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setStatusTip(tip or text)
            act.triggered.connect(slot)
            if local:
                self.view.addAction(act)
            return act

        self.add_action = action(
            "新增项目", self.add_project, "Ctrl+Shift+N", sp.SP_FileDialogNewFolder,
            tip="在当前项目之后新增一个项目",
        )  # fmt: skip
        self.duplicate_action = action(
            "复制项目", self.duplicate_projects, "Ctrl+Shift+D", sp.SP_FileLinkIcon,
            tip="复制选中的项目（含全部指标）",
        )  # fmt: skip
        self.delete_action = action(
            "删除项目", self.delete_projects, QKeySequence.StandardKey.Delete,
            sp.SP_TrashIcon, local=True, tip="删除选中的项目（可撤销）",
        )  # fmt: skip
        self.rename_action = action("重命名项目", self.rename_project, "F2", local=True)
        self.move_up_action = action(
            "上移项目", lambda: self.move_selected(-1), "Ctrl+Up", sp.SP_ArrowUp, local=True
        )
        self.move_down_action = action(
            "下移项目", lambda: self.move_selected(1), "Ctrl+Down", sp.SP_ArrowDown, local=True
        )
        self.review_action = action(
            "确认复核", self.confirm_review, icon=sp.SP_DialogApplyButton,
            tip="核对过由上年结转的内容后，清除选中项目及其指标的“待复核”标记",
        )  # fmt: skip
        for act in (self.add_action, self.duplicate_action, self.review_action):
            self.view.addAction(act)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.ctx.edited.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        rows = self.selected_projects()
        kind, _row = self.current_node()
        self.duplicate_action.setEnabled(bool(rows))
        self.delete_action.setEnabled(bool(rows))
        self.rename_action.setEnabled(kind == PROJECT)
        self.move_up_action.setEnabled(bool(rows) and rows[0] > 0)
        self.move_down_action.setEnabled(
            bool(rows) and rows[-1] < len(self.ctx.document.projects) - 1
        )
        self.review_action.setEnabled(bool(self._review_targets()))

    # ------------------------------------------------------------- selection

    def current_node(self) -> tuple[str, int]:
        return self.model.node(self.view.currentIndex())

    def selected_projects(self) -> list[int]:
        """Rows of the selected projects, in document order."""
        rows = {
            row
            for kind, row in map(self.model.node, self.view.selectionModel().selectedIndexes())
            if kind == PROJECT
        }
        return sorted(rows)

    def select_node(self, kind: str, row: int = -1) -> None:
        if kind == PROJECT:
            self.select_projects([row])
            return
        index = self.model.department_index() if kind == DEPARTMENT else self.model.root_index()
        if index.isValid():
            self.view.setCurrentIndex(index)

    def select_projects(self, rows: list[int]) -> None:
        indexes = [self.model.project_index(r) for r in rows]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        if self.view.isRowHidden(indexes[0].row(), indexes[0].parent()):
            self.filter_edit.clear()
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag
        sel = self.view.selectionModel()
        sel.setCurrentIndex(indexes[0], flags.NoUpdate)
        sel.select(selection, flags.ClearAndSelect)
        self._current_changed(indexes[0])
        self.view.scrollTo(indexes[0])

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        kind, row = self.model.node(index)
        self.nodeSelected.emit(kind, row)
        self._update_actions()

    def _keep_selection(self) -> None:
        projects = self.ctx.document.projects
        self._kept = [projects[r] for r in self.selected_projects() if r < len(projects)]
        kind, row = self.current_node()
        self._kept_current = projects[row] if kind == PROJECT and row < len(projects) else kind

    def _restore_selection(self) -> None:
        self.view.expandAll()
        self.apply_filter(self.filter_edit.text())
        projects = self.ctx.document.projects
        rows = [i for i, p in enumerate(projects) if any(p is k for k in self._kept)]
        current = self._kept_current
        if rows:
            self.select_projects(rows)
        elif isinstance(current, str) and current in (DOCUMENT, DEPARTMENT):
            self.select_node(current)
            if not self.view.currentIndex().isValid():
                self.select_node(DOCUMENT)
        else:
            self.select_node(DOCUMENT)
        self._kept, self._kept_current = [], None

    def apply_filter(self, text: str = "") -> None:
        """Hide the projects whose name and code do not contain *text*."""
        needle = text.strip().lower()
        root = self.model.root_index()
        for row in range(self.model.rowCount(root)):
            kind, prow = self.model.node(self.model.index(row, 0, root))
            if kind == PROJECT:
                p = self.ctx.document.projects[prow]
                hay = f"{prow + 1}. {p.name} {p.code}".lower()
            else:
                hay = "部门整体"
            self.view.setRowHidden(row, root, bool(needle) and needle not in hay)

    # -------------------------------------------------------------- commands

    def add_project(self) -> None:
        rows = self.selected_projects()
        at = rows[-1] + 1 if rows else len(self.ctx.document.projects)
        project = new_project(self.ctx.document)
        cmd = InsertItemsCommand(self.ctx, self.ctx.document, "projects", at, [project], "新增项目")
        self.ctx.undo_stack.push(cmd)
        self.select_projects([at])
        self.view.edit(self.model.project_index(at))

    def duplicate_projects(self) -> None:
        rows = self.selected_projects()
        if not rows:
            return
        copies = []
        for row in rows:
            dup = copy.deepcopy(self.ctx.document.projects[row])
            dup.name = f"{dup.name}（副本）"
            copies.append(dup)
        at = rows[-1] + 1
        self.ctx.undo_stack.push(
            InsertItemsCommand(self.ctx, self.ctx.document, "projects", at, copies, "复制项目")
        )
        self.select_projects(list(range(at, at + len(copies))))

    def delete_projects(self) -> None:
        rows = self.selected_projects()
        if not rows:
            return
        doc = self.ctx.document
        if len(rows) == 1:
            what = f"项目“{project_label(doc, rows[0])}”"
        else:
            what = f"选中的 {len(rows)} 个项目"
        text = f"确定删除{what}及其全部绩效指标吗？\n删除后可以用“撤销”（Ctrl+Z）恢复。"
        if not messages.confirm(self.window(), "删除项目", text, "删除"):
            return
        self.ctx.undo_stack.push(RemoveItemsCommand(self.ctx, doc, "projects", rows, "删除项目"))
        remaining = len(doc.projects)
        if remaining:
            self.select_projects([min(rows[0], remaining - 1)])
        else:
            self.select_node(DOCUMENT)

    def rename_project(self) -> None:
        kind, row = self.current_node()
        if kind == PROJECT:
            self.view.edit(self.model.project_index(row))

    def move_selected(self, step: int) -> None:
        rows = self.selected_projects()
        if not rows:
            return
        dest = rows[0] - 1 if step < 0 else rows[-1] + 2
        if dest < 0 or dest > len(self.ctx.document.projects):
            return
        self.select_projects(move_projects(self.ctx, rows, dest))

    def _review_targets(self) -> list:
        """Objects whose 待复核 mark the 确认复核 action clears."""
        doc = self.ctx.document
        kind, _row = self.current_node()
        targets: list = []
        if kind == DEPARTMENT and doc.department is not None:
            targets = list(doc.department.indicators)
        for row in self.selected_projects():
            project = doc.projects[row]
            targets += [project, *project.indicators]
        return [t for t in targets if t.needs_review]

    def confirm_review(self) -> None:
        targets = self._review_targets()
        set_fields(self.ctx, [(t, "needs_review", False) for t in targets], "确认复核")


def _hbox(widget: QWidget) -> QHBoxLayout:
    box = QHBoxLayout(widget)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    return box


def _tool_button(action: QAction, parent: QWidget, text: bool) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setAutoRaise(True)
    style = (
        Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if text
        else Qt.ToolButtonStyle.ToolButtonIconOnly
    )
    button.setToolButtonStyle(style)
    return button
