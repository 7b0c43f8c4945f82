"""Small tables over a list of model objects: 年度重点工作任务, 年度主要任务, 分项绩效目标.

Like the indicator table, the model reads the objects directly and every edit, row
insertion, deletion and move is an undo command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QKeyCombination,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...amounts import AmountError, parse_amount
from ..common.bound_widgets import (
    AmountLineEdit,
    exact_amount,
    format_amount,
    report_rejected_amount,
)
from ..common.cell_roles import EDITABLE, LEFT, RIGHT
from ..common.commands import InsertItemsCommand, MoveItemsCommand, RemoveItemsCommand
from ..common.context import EditorContext
from ..indicators.delegates import WrapTextEdit, commit_on_request, grow_row_with, place_editor
from ..indicators.model import CellEditCommand
from ..indicators.table import IndicatorView

#: The invisible root every flat model's rows hang under.
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    """One column: the item's field, its printed title, its kind and default width."""

    field: str
    title: str
    #: ``"text"`` one line, ``"long"`` wrapped paragraph, ``"amount"`` money.
    kind: str = "text"
    width: int = 160


#: Columns of a layout's own fields are named ``extra.<id>``: the item's ``extra`` dict.
EXTRA = "extra."


def item_value(item: object, column: Column) -> Any:
    """The cell's value: a field of *item*, or a key of its ``extra`` dict (amounts as
    `Decimal`, text as typed)."""
    if not column.field.startswith(EXTRA):
        return getattr(item, column.field)
    text = item.extra.get(column.field.removeprefix(EXTRA), "")  # type: ignore[attr-defined]
    if column.kind != "amount":
        return text
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None


class ListTableModel(QAbstractTableModel):
    """Rows are ``getattr(owner, list_name)``; no copy of the items."""

    def __init__(
        self, ctx: EditorContext, owner: object, list_name: str, columns: list[Column], parent=None
    ):
        super().__init__(parent)
        self.ctx, self.owner, self.list_name, self.columns = ctx, owner, list_name, columns
        ctx.fieldChanged.connect(self._on_field_changed)
        ctx.listChanged.connect(self._on_list_changed)

    def unit(self) -> str:
        return self.ctx.document.money_unit

    @property
    def items(self) -> list:
        return getattr(self.owner, self.list_name)

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.columns[section].title
            if orientation == Qt.Orientation.Horizontal
            else str(section + 1)
        )

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        value = item_value(self.items[index.row()], column)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_amount(value) if column.kind == "amount" else value
        if role == Qt.ItemDataRole.EditRole:
            # every decimal while editing (0.123456, not 0.12): retyping changes nothing
            return exact_amount(value) if column.kind == "amount" else value
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "amount" and value is not None:
            exact = exact_amount(value)
            return f"精确值：{exact} {self.unit()}" if exact != format_amount(value) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == "amount":
                return RIGHT
            return LEFT
        return None

    def setData(self, index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.columns[index.column()]
        item = self.items[index.row()]
        new: str | Decimal | None
        if column.kind == "amount":
            try:
                new = parse_amount(str(value), self.unit())
            except AmountError:
                return False
        else:
            new = str(value) if column.kind == "long" else str(value).strip()
        if item_value(item, column) == new:
            return False
        field = column.field
        if field.startswith(EXTRA):  # a layout's own field: the item's extra dict changes
            key = field.removeprefix(EXTRA)
            extra = dict(item.extra)
            text = format(new, "f") if isinstance(new, Decimal) else (new or "")
            if text:
                extra[key] = text
            else:
                extra.pop(key, None)
            field, new = "extra", extra
        self.ctx.undo_stack.push(CellEditCommand(self.ctx, item, field, new, f"修改{column.title}"))
        return True

    def _on_field_changed(self, obj: object, name: str) -> None:
        for col, column in enumerate(self.columns):
            if column.field != name and not (name == "extra" and column.field.startswith(EXTRA)):
                continue
            for row, item in enumerate(self.items):
                if item is obj:
                    idx = self.index(row, col)
                    self.dataChanged.emit(idx, idx)
                    return

    def _on_list_changed(self, owner: object, name: str) -> None:
        if owner is self.owner and name == self.list_name:
            self.beginResetModel()
            self.endResetModel()


class ListDelegate(QStyledItemDelegate):
    """Wrapped paragraph editor for long columns, an amount field for money, a plain
    line elsewhere."""

    def createEditor(self, parent, option, index):
        model = index.model()
        column = model.columns[index.column()]
        if column.kind == "long":
            editor = WrapTextEdit(parent)
            commit_on_request(self, editor)
            grow_row_with(editor, self.parent(), index)
            return editor
        if column.kind == "amount":
            editor = AmountLineEdit(model.unit, parent)
            old = index.data(Qt.ItemDataRole.DisplayRole)
            kept = f"{old} {model.unit()}" if old else "空白"
            #: What a refusal tells the clerk is kept (the cell, its amount).
            editor.kept = f"第 {index.row() + 1} 行的“{column.title}”仍为 {kept}"
            return editor
        return QLineEdit(parent)

    def setEditorData(self, editor, index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, WrapTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
        elif editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor, model, index) -> None:
        if isinstance(editor, AmountLineEdit) and editor.problem():
            self._refuse(editor)
            return
        text = editor.toPlainText() if isinstance(editor, WrapTextEdit) else editor.text()
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    @staticmethod
    def _refuse(editor: AmountLineEdit) -> None:
        if not getattr(editor, "refused", False):
            editor.refused = True
            report_rejected_amount(editor, f"{editor.problem()}\n\n没有改动：{editor.kept}。")

    def eventFilter(self, editor, event) -> bool:
        """Text that is not an amount: Enter keeps the cell open and says why there;
        leaving the cell keeps the old amount and says so (Qt would just drop it)."""
        if isinstance(editor, AmountLineEdit):
            kind = event.type()
            if (
                kind == QEvent.Type.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and editor.show_problem()
            ):
                return True
            if kind == QEvent.Type.FocusOut and editor.isModified() and editor.problem():
                focus = QApplication.focusWidget()
                if focus is None or (not editor.isAncestorOf(focus) and focus is not editor):
                    self._refuse(editor)
        return super().eventFilter(editor, event)

    def updateEditorGeometry(self, editor, option, index) -> None:
        place_editor(editor, option.rect)


class ListTable(QWidget):
    """A `ListTableModel` in a wrapping table, with add / insert / delete / move buttons.

    With a `height_cap` the table is as tall as its rows (an empty one a single blank
    row) up to the cap, then scrolls: a form of several parts stays short on a small
    screen.  At its cap it still shows `ROWS_SHOWN` rows (long ones cut short).
    """

    ROWS_SHOWN = 5

    def __init__(
        self,
        ctx: EditorContext,
        owner: object,
        list_name: str,
        columns: list[Column],
        factory: Callable[[], object],
        noun: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.owner, self.list_name, self.factory, self.noun = (
            ctx,
            owner,
            list_name,
            factory,
            noun,
        )
        self.model = ListTableModel(ctx, owner, list_name, columns, self)
        self.view = IndicatorView(self, self.ROWS_SHOWN)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ListDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)
        # the paragraph columns share the width, so none is cut off on a small screen
        for col, column in enumerate(columns):
            self.view.setColumnWidth(col, column.width)
            if column.kind == "long":
                header.setSectionResizeMode(col, QHeaderView.Stretch)
                header.setStretchLastSection(False)  # it would keep the last one wide
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.setStyleSheet(
            "QTableView { gridline-color: #b8bec8; selection-background-color: #cce4f7;"
            " selection-color: black; }"
            "QHeaderView::section { background: #eef1f5; border: none;"
            " border-right: 1px solid #c5cbd3; border-bottom: 1px solid #c5cbd3;"
            " padding: 4px; font-weight: bold; }"
        )

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.act_add = self._action(
            f"添加{noun}", self.add_row, QKeyCombination(Qt.ControlModifier, Qt.Key_Return)
        )
        self.act_delete = self._action(
            f"删除{noun}", self.delete_row, QKeyCombination(Qt.ControlModifier, Qt.Key_Delete)
        )
        self.act_up = self._action(
            "上移", lambda: self.move(-1), QKeyCombination(Qt.AltModifier, Qt.Key_Up)
        )
        self.act_down = self._action(
            "下移", lambda: self.move(1), QKeyCombination(Qt.AltModifier, Qt.Key_Down)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view)
        self.model.modelReset.connect(self.view.resizeRowsToContents)
        self.model.dataChanged.connect(lambda tl, br, *_: self.view.resizeRowToContents(tl.row()))
        self.view.horizontalHeader().sectionResized.connect(
            lambda *_: self.view.resizeRowsToContents()
        )
        self.view.resizeRowsToContents()
        # long rows are cut short ("…") so ROWS_SHOWN rows fit; the current row shows whole
        self.view.resized.connect(self._fit_row_cap)
        self.model.modelReset.connect(self._fit_row_cap)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        #: Tallest the table gets before it scrolls (None: as its layout gives it).
        self.height_cap: int | None = None
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_height)
        for signal in (self.model.modelReset, self.view.verticalHeader().sectionResized):
            signal.connect(lambda *_: self._fit_timer.start())

    def _fit_row_cap(self) -> None:
        if self.view.fit_row_cap():
            self.view.resizeRowsToContents()

    def _current_row_changed(self, current, previous) -> None:
        for row in {current.row(), previous.row()}:
            if 0 <= row < self.model.rowCount():
                self.view.resizeRowToContents(row)

    def set_height_cap(self, cap: int) -> None:
        self.height_cap = cap
        self.fit_height()

    def fit_height(self) -> None:
        """The view as tall as its rows, at least one row, at most `height_cap`."""
        if self.height_cap is None:
            return
        view = self.view
        rows = sum(view.rowHeight(r) for r in range(self.model.rowCount()))
        rows = max(rows, view.verticalHeader().defaultSectionSize())
        chrome = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        room = self.height_cap - self.toolbar.sizeHint().height() - self.layout().spacing()
        height = min(rows + chrome, room)
        if view.height() != height or view.minimumHeight() != height:
            view.setFixedHeight(height)

    def _action(self, text: str, slot, key) -> QAction:
        act = QAction(text, self)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        act.setToolTip(f"{text}（{act.shortcut().toString(QKeySequence.NativeText)}）")
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        self.toolbar.addAction(act)
        self.view.key_actions.append(act)
        return act

    def current_row(self) -> int:
        cur = self.view.currentIndex()
        return cur.row() if cur.isValid() else -1

    def select_row(self, row: int, column: int = 0) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, max(0, min(column, self.model.columnCount() - 1)))
            self.view.setCurrentIndex(index)
            self.view.selectionModel().select(index, QItemSelectionModel.ClearAndSelect)
            self.view.scrollTo(index)

    def add_row(self) -> None:
        row = self.current_row()
        at = row + 1 if row >= 0 else self.model.rowCount()
        cmd = InsertItemsCommand(
            self.ctx, self.owner, self.list_name, at, [self.factory()], f"添加{self.noun}"
        )
        self.ctx.undo_stack.push(cmd)
        self.select_row(at)
        self.view.setFocus()

    def delete_row(self) -> None:
        rows = sorted(
            {i.row() for i in self.view.selectionModel().selectedIndexes()}
            or {self.current_row()} - {-1}
        )
        if not rows:
            return
        cmd = RemoveItemsCommand(self.ctx, self.owner, self.list_name, rows, f"删除{self.noun}")
        self.ctx.undo_stack.push(cmd)
        self.select_row(min(rows[0], self.model.rowCount() - 1))

    def move(self, delta: int) -> None:
        row = self.current_row()
        dest = row + delta
        if row < 0 or not 0 <= dest < self.model.rowCount():
            return
        col = self.view.currentIndex().column()
        cmd = MoveItemsCommand(
            self.ctx, self.owner, self.list_name, row, 1, dest, f"移动{self.noun}"
        )
        self.ctx.undo_stack.push(cmd)
        self.select_row(dest, col)
