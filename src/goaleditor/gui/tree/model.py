"""The tree's item model: unit and year, 部门整体, then the projects, over ``ctx.document``.

`ProjectTreeModel` is a view of the document (no copy): one root row (the unit and year)
whose children are the department node and the projects.  Renames and drops are undo
commands; the model resets when the project list changes.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from ...model import Document, Indicator, Project
from ..common.commands import MoveItemsCommand, SetFieldCommand
from ..common.context import EditorContext

MIME_TYPE = "application/x-goaleditor-project-rows"

#: Node kinds, as emitted by `ProjectTreePanel.nodeSelected`.
DOCUMENT, DEPARTMENT, PROJECT = "document", "department", "project"

_ROOT_ID, _CHILD_ID = 0, 1
REVIEW_COLOR = QColor("#b35c00")
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
            return QBrush(REVIEW_COLOR)
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
