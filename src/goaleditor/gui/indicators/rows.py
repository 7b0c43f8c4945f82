"""Row operations of the indicator table: add, insert, delete, move, sort, and the selection
they leave behind.

Each operation is one step on the undo stack.  New rows join their category's group
(`indicator_order.grouped_insertion`), so a row added below 满意度指标 in the 效益指标
category goes into the 效益指标 run instead of splitting it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QTableView

from ...model import DepartmentGoals, Indicator, Project
from ...task_numbers import next_number
from ..common.commands import InsertItemsCommand, MoveItemsCommand, RemoveItemsCommand
from ..common.context import EditorContext
from .model import IndicatorModel
from .order import SetItemsCommand, grouped_insertion, sorted_by_category


class IndicatorRows:
    """The row commands of one indicator view; *on_select* runs after they select rows
    (the table updates its actions then)."""

    def __init__(
        self,
        ctx: EditorContext,
        model: IndicatorModel,
        view: QTableView,
        on_select: Callable[[], None],
    ):
        self.ctx = ctx
        self.model = model
        self.view = view
        self._on_select = on_select

    @property
    def owner(self) -> Project | DepartmentGoals | None:
        return self.model.owner

    # -- selection ---------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        cur = self.view.currentIndex()
        if not rows and cur.isValid():
            rows = {cur.row()}
        return sorted(rows)

    def current_row(self) -> int:
        cur = self.view.currentIndex()
        return cur.row() if cur.isValid() else -1

    def select_rows(self, first: int, count: int, column: int | None = None) -> None:
        """Make *first* current and select *count* whole rows from it (one row: one cell)."""
        if count <= 0 or self.model.rowCount() == 0:
            return
        col = (
            column
            if column is not None and column >= 0
            else max(self.view.currentIndex().column(), 0)
        )
        col = min(col, self.model.columnCount() - 1)
        last = min(first + count - 1, self.model.rowCount() - 1)
        self.view.setCurrentIndex(self.model.index(first, col))
        sel = QItemSelection(
            self.model.index(first, 0), self.model.index(last, self.model.columnCount() - 1)
        )
        flag = QItemSelectionModel.ClearAndSelect
        if count == 1:
            sel = QItemSelection(self.model.index(first, col), self.model.index(first, col))
        self.view.selectionModel().select(sel, flag)
        self.view.scrollTo(self.model.index(first, col))
        self._on_select()

    def _select_scattered(self, rows: list[int], column: int) -> None:
        """Select whole rows that are not together (rows placed in their groups)."""
        self.select_rows(rows[0], 1, column)
        if len(rows) > 1:
            last = self.model.columnCount() - 1
            selection = QItemSelection()
            for row in rows:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
            self.view.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
            self._on_select()

    # -- operations ----------------------------------------------------------------------------

    def _new_indicator(self, like_row: int) -> Indicator:
        """A blank row in the same 一级/二级 as *like_row* (the clerk adds to a group); on
        the Chengdu form with the next number of that row's task (``2-4`` after ``2-3``)."""
        new = Indicator()
        if 0 <= like_row < self.model.rowCount():
            near = self.model.indicator(like_row)
            new = Indicator(level1=near.level1, level2=near.level2)
        if self.model.column_of("number") >= 0:
            new.number = next_number(self.model.indicators, like_row)
        return new

    def insert(self, at: int, items: list[Indicator], text: str) -> None:
        """Insert *items* at *at*, or each in its category's group when *at* would split
        it (one undo step either way), and select them."""
        rows, positions = grouped_insertion(self.model.indicators, items, at)
        if positions == list(range(positions[0], positions[0] + len(items))):
            command = InsertItemsCommand(
                self.ctx, self.owner, "indicators", positions[0], items, text
            )
        else:
            command = SetItemsCommand(self.ctx, self.owner, "indicators", rows, text)
        self.ctx.undo_stack.push(command)
        first_empty = next(
            (f for f in ("level1", "level2", "name") if not getattr(items[0], f)), "name"
        )
        column = self.model.column_of(first_empty) if len(items) == 1 else 0
        if isinstance(command, InsertItemsCommand):
            self.select_rows(positions[0], len(items), column)
        else:
            self._select_scattered(positions, column)

    def sort_by_category(self) -> None:
        """Rows by 一级 in the catalog's order, then 二级; one undo step, none if already so.
        The owner must be set."""
        current = self.model.indicators
        ordered = sorted_by_category(current)
        if all(a is b for a, b in zip(ordered, current, strict=True)):
            return
        cur = self.view.currentIndex()
        keep = self.model.indicator(cur.row()) if cur.isValid() else None
        self.ctx.undo_stack.push(
            SetItemsCommand(self.ctx, self.owner, "indicators", ordered, "按指标分类排序")
        )
        if keep is not None:
            row = next(i for i, ind in enumerate(self.model.indicators) if ind is keep)
            self.select_rows(row, 1, cur.column())

    def add_row(self) -> None:
        if self.owner is None:
            return
        cur = self.current_row()
        rows = self.selected_rows()
        like = rows[-1] if rows else self.model.rowCount() - 1
        at = (rows[-1] + 1) if rows and cur >= 0 else self.model.rowCount()
        self.insert(at, [self._new_indicator(like)], "添加指标")

    def insert_row(self) -> None:
        if self.owner is None:
            return
        rows = self.selected_rows()
        at = rows[0] if rows else 0
        self.insert(at, [self._new_indicator(at)], "插入指标")

    def delete_rows(self) -> None:
        rows = self.selected_rows()
        if self.owner is None or not rows:
            return
        col = self.view.currentIndex().column()
        self.ctx.undo_stack.push(
            RemoveItemsCommand(self.ctx, self.owner, "indicators", rows, "删除指标")
        )
        if self.model.rowCount():
            self.select_rows(min(rows[0], self.model.rowCount() - 1), 1, col)

    def _movable_block(self) -> tuple[int, int] | None:
        rows = self.selected_rows()
        if not rows:
            return None
        if rows != list(range(rows[0], rows[-1] + 1)):
            rows = [self.current_row()]
        return rows[0], len(rows)

    def move(self, delta: int) -> None:
        """Move the selected block of rows (else the current row) *delta* rows."""
        block = self._movable_block()
        if self.owner is None or block is None:
            return
        start, count = block
        dest = start + delta
        if dest < 0 or dest + count > self.model.rowCount():
            return
        col = self.view.currentIndex().column()
        self.ctx.undo_stack.push(
            MoveItemsCommand(self.ctx, self.owner, "indicators", start, count, dest, "移动指标")
        )
        self.select_rows(dest, count, col)
        if count > 1:
            self.view.setCurrentIndex(self.model.index(dest, max(col, 0)))
            sel = QItemSelection(
                self.model.index(dest, 0),
                self.model.index(dest + count - 1, self.model.columnCount() - 1),
            )
            self.view.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)
