"""The document tree on the left: unit and year, 部门整体, then the projects in order.

`ProjectTreeModel` is a view of ``ctx.document`` (no copy): one root row (the unit and
year) whose children are the department form, if the layout has one, and the
projects.  Every change — rename, add, duplicate, delete, drag or Ctrl+↑/↓ — is an undo
command; the model resets when the project list changes and `ProjectTreePanel` keeps
the clerk's selection across the reset.
"""

from __future__ import annotations

import copy
import json

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..model import SPENDING_MILESTONES, Document, Indicator, Project
from . import messages
from .commands import (
    InsertItemsCommand,
    MoveItemsCommand,
    RemoveItemsCommand,
    SetFieldCommand,
    set_fields,
)
from .context import EditorContext

MIME_TYPE = "application/x-goaleditor-project-rows"

#: Node kinds, as emitted by `ProjectTreePanel.nodeSelected`.
DOCUMENT, DEPARTMENT, PROJECT = "document", "department", "project"

_ROOT_ID, _CHILD_ID = 0, 1
_REVIEW_COLOR = QColor("#b35c00")
REVIEW_MARK = "〔待复核〕"


def needs_review(project: Project) -> bool:
    """待复核: the project or one of its indicators was carried over and not confirmed."""
    return project.review_count() > 0


def project_label(doc: Document, index: int, review: bool = False) -> str:
    """``3. 名称``; the 〔待复核〕 mark goes before the name, where a narrow tree never
    cuts it off."""
    name = doc.projects[index].name.strip() or "（未命名项目）"
    mark = REVIEW_MARK if review else ""
    return f"{index + 1}. {mark}{name}"


def new_project(doc: Document) -> Project:
    """A blank project shaped for the document's layout."""
    plan = [None] * len(SPENDING_MILESTONES) if doc.layout.show_spending_plan else []
    return Project(name="新项目", spending_plan=plan)


def move_projects(ctx: EditorContext, rows: list[int], dest: int) -> list[int]:
    """Move the projects at *rows* so that they sit together before the project at *dest*.

    *dest* counts in the list before the move (``len`` = to the end).  One undo step;
    returns the rows the moved projects have afterwards.
    """
    projects = ctx.document.projects
    rows = sorted({r for r in rows if 0 <= r < len(projects)})
    if not rows:
        return []
    dest = max(0, min(dest, len(projects)))
    first = dest - sum(1 for r in rows if r < dest)
    target = list(range(first, first + len(rows)))
    if rows == target:
        return rows
    if rows == list(range(rows[0], rows[0] + len(rows))):
        ctx.undo_stack.push(
            MoveItemsCommand(ctx, ctx.document, "projects", rows[0], len(rows), first, "移动项目")
        )
        return target
    moving = [projects[r] for r in rows]
    ctx.undo_stack.beginMacro("移动项目")
    for offset, item in enumerate(moving):
        current = next(i for i, p in enumerate(projects) if p is item)
        if current != first + offset:
            ctx.undo_stack.push(
                MoveItemsCommand(ctx, ctx.document, "projects", current, 1, first + offset)
            )
    ctx.undo_stack.endMacro()
    return target


class ProjectTreeModel(QAbstractItemModel):
    """Root (unit · year) → 部门整体 → projects, over ``ctx.document``."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.documentReplaced.connect(self._reset)
        ctx.listChanged.connect(self._list_changed)
        ctx.fieldChanged.connect(self._field_changed)

    # -------------------------------------------------------------- structure

    @property
    def doc(self) -> Document:
        return self.ctx.document

    def has_department(self) -> bool:
        return bool(self.doc.layout.department_form) and self.doc.department is not None

    def _offset(self) -> int:
        """The 部门整体 node is always there (its editor offers to add the form)."""
        return 1

    def root_index(self) -> QModelIndex:
        return self.index(0, 0)

    def department_index(self) -> QModelIndex:
        return self.index(0, 0, self.root_index())

    def project_index(self, row: int) -> QModelIndex:
        if not 0 <= row < len(self.doc.projects):
            return QModelIndex()
        return self.index(row + self._offset(), 0, self.root_index())

    def node(self, index: QModelIndex) -> tuple[str, int]:
        """``(kind, project row)``; the row is -1 for the root and the department."""
        if not index.isValid() or index.internalId() == _ROOT_ID:
            return DOCUMENT, -1
        row = index.row() - self._offset()
        return (DEPARTMENT, -1) if row < 0 else (PROJECT, row)

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _ROOT_ID) if row == 0 else QModelIndex()
        if parent.internalId() == _ROOT_ID and row < self.rowCount(parent):
            return self.createIndex(row, 0, _CHILD_ID)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if index.isValid() and index.internalId() == _CHILD_ID:
            return self.createIndex(0, 0, _ROOT_ID)
        return QModelIndex()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 1
        if parent.internalId() == _ROOT_ID:
            return self._offset() + len(self.doc.projects)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    # ------------------------------------------------------------------ data

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind, row = self.node(index)
        if kind == DOCUMENT:
            return self._root_data(role)
        if kind == DEPARTMENT:
            return self._department_data(role)
        project = self.doc.projects[row]
        review = needs_review(project)
        if role == Qt.ItemDataRole.DisplayRole:
            return project_label(self.doc, row, review)
        if role == Qt.ItemDataRole.EditRole:
            return project.name
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = project.name or "（未命名项目）"
            if project.code:
                tip = f"{project.code}  {tip}"
            if review:
                tip += "\n待复核：由上年结转，尚未确认。核对后使用“项目 → 确认复核”。"
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and review:
            return QBrush(_REVIEW_COLOR)
        if role == Qt.ItemDataRole.DecorationRole:
            if review:
                return _icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return _icon(QStyle.StandardPixmap.SP_FileIcon)
        return None

    def department_state(self) -> str:
        """``"shown"``, ``"hidden"`` (content kept, layout says 无) or ``"none"``."""
        if self.doc.department is None:
            return "none"
        return "shown" if self.doc.layout.department_form else "hidden"

    def _department_data(self, role: int):
        state = self.department_state()
        if role == Qt.ItemDataRole.DisplayRole:
            return {"shown": "部门整体", "hidden": "部门整体（不打印）"}.get(
                state, "部门整体（未添加）"
            )
        if role == Qt.ItemDataRole.ForegroundRole and state != "shown":
            return QBrush(QColor("#808080"))
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(QStyle.StandardPixmap.SP_FileDialogInfoView)
        if role == Qt.ItemDataRole.ToolTipRole:
            if state == "hidden":
                return (
                    "部门整体表设为“无”：内容仍保留，但不打印、不导出。\n"
                    "在“单位、年度和版式”中选择部门整体表的样式即可恢复。"
                )
            if state == "none":
                return "本文件还没有部门整体绩效目标，点这里可以添加。"
            return "部门整体绩效目标"
        return None

    def _root_data(self, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            unit = self.doc.unit_name.strip() or "（未填写单位）"
            year = f"{self.doc.fiscal_year}年" if self.doc.fiscal_year else "（年度未填）"
            return f"{unit} · {year}"
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(QStyle.StandardPixmap.SP_DirHomeIcon)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "单位、年度和版式"
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        kind, row = self.node(index)
        if kind != PROJECT or role != Qt.ItemDataRole.EditRole:
            return False
        name = str(value).strip()
        project = self.doc.projects[row]
        if not name or name == project.name:
            return False
        self.ctx.undo_stack.push(SetFieldCommand(self.ctx, project, "name", name, "重命名项目"))
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        kind, _row = self.node(index)
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if kind == DOCUMENT and index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if kind == PROJECT:
            return base | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    # ---------------------------------------------------------- drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        rows = sorted({row for kind, row in map(self.node, indexes) if kind == PROJECT})
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(rows).encode("ascii")))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return data.hasFormat(MIME_TYPE) and self.node(parent)[0] == DOCUMENT and parent.isValid()

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            rows = [int(r) for r in json.loads(bytes(data.data(MIME_TYPE).data()))]
        except (ValueError, TypeError):
            return False
        dest = len(self.doc.projects) if row < 0 else max(0, row - self._offset())
        moved = move_projects(self.ctx, rows, dest)
        self.rowsDropped.emit(moved)
        return False  # the move is done; the view must not remove the source rows

    #: After a drop: the project rows the moved projects now have.
    rowsDropped = Signal(list)

    # -------------------------------------------------------------- updates

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _list_changed(self, owner: object, name: str) -> None:
        if owner is self.doc and name == "projects":
            self._reset()
        elif name == "indicators" and isinstance(owner, Project):
            self._project_changed(owner)

    def _field_changed(self, obj: object, name: str) -> None:
        if obj is self.doc and name in ("unit_name", "fiscal_year"):
            root = self.root_index()
            self.dataChanged.emit(root, root)
        elif (obj is self.doc and name == "department") or (
            obj is self.doc.layout and name == "department_form"
        ):
            index = self.department_index()
            self.dataChanged.emit(index, index)
        elif isinstance(obj, Project):
            self._project_changed(obj)
        elif isinstance(obj, Indicator) and name == "needs_review":
            for row, project in enumerate(self.doc.projects):
                if any(ind is obj for ind in project.indicators):
                    index = self.project_index(row)
                    self.dataChanged.emit(index, index)

    def _project_changed(self, project: Project) -> None:
        for row, p in enumerate(self.doc.projects):
            if p is project:
                index = self.project_index(row)
                self.dataChanged.emit(index, index)


def _icon(pixmap: QStyle.StandardPixmap):
    return QApplication.style().standardIcon(pixmap)


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
