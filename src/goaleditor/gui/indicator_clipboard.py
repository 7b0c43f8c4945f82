"""Copy, cut and paste of the indicator table, with Excel/WPS.

Copy puts the selected cells on the clipboard as TSV; whole rows also go in the app's
own format, so a paste inside the app keeps the hidden fields.  Paste makes whole rows
new rows below the current one and writes other blocks over the cells from the current
cell on; pasted text gets what typing gives (trimmed, 指标值 signs as printed).
"""

from __future__ import annotations

import dataclasses
import json
import re

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData
from PySide6.QtWidgets import QApplication

from ..model import Indicator
from ..values import normalize_typed
from .commands import InsertItemsCommand, set_fields
from .indicator_model import COLUMN_TITLES
from .indicator_rows import IndicatorRows
from .tsv import clean_cell, drop_blank_rows, format_tsv, parse_tsv

#: Clipboard format for whole indicator rows copied inside the app (keeps hidden fields).
ROWS_MIME = "application/x-goaleditor-indicators"

_TASK_NUMBER = re.compile(r"^\s*(\d+-\d+)\s*[.．、]\s*")

#: Fields whose surrounding blanks are meaningful text (long paragraphs).
_LONG_FIELDS = frozenset({"description", "basis"})


#: Fields the 指标值 editor writes as printed while typing (``>= 90%`` → ``≥90%``,
#: `values.normalize_typed`): a paste gets the same.
_VALUE_FIELDS = frozenset({"value", "period_value"})


def _clean(field: str, text: str) -> str:
    """A pasted cell as it would be had the clerk typed it into *field*."""
    text = clean_cell(text)
    if field in _VALUE_FIELDS:
        text = normalize_typed(text)
    return text if field in _LONG_FIELDS else text.strip()


def _is_header_row(cells: list[str]) -> bool:
    """A copied header line (一级指标 二级指标 …) is not an indicator."""
    titles = set(COLUMN_TITLES.values()) | {"年度指标值"}
    hits = sum(1 for c in cells if c.strip() in titles or c.strip().startswith("指标值"))
    return hits >= 2


class IndicatorClipboard:
    """The clipboard commands of one indicator view; new rows go in through *rows*."""

    def __init__(self, rows: IndicatorRows):
        self.rows = rows
        self.ctx = rows.ctx
        self.model = rows.model
        self.view = rows.view

    def _selected_block(self) -> tuple[list[int], list[int]]:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes and self.view.currentIndex().isValid():
            indexes = [self.view.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        return rows, cols

    def copy(self) -> None:
        """Selected cells as TSV for Excel/WPS; whole rows also in the app's own format."""
        rows, cols = self._selected_block()
        if self.rows.owner is None or not rows:
            return
        fields = [self.model.field(c) for c in cols]
        block = [[getattr(self.model.indicator(r), f) for f in fields] for r in rows]
        mime = QMimeData()
        text = format_tsv(block)
        mime.setText(text)
        if len(cols) == self.model.columnCount():
            payload = {
                "tsv": text,
                "rows": [dataclasses.asdict(self.model.indicator(r)) for r in rows],
            }
            mime.setData(ROWS_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        QApplication.clipboard().setMimeData(mime)

    def cut(self) -> None:
        self.copy()
        self.clear_cells("剪切")

    def clear_cells(self, text: str = "清除内容") -> None:
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        changes = [
            (self.model.indicator(i.row()), self.model.field(i.column()), "")
            for i in indexes
            if i.isValid()
        ]
        set_fields(self.ctx, changes, text)

    def _clipboard_rows(self) -> tuple[list[list[str]], list[Indicator] | None]:
        """The clipboard as cells, and as whole indicators when copied from this app."""
        mime = QApplication.clipboard().mimeData()
        if mime is None:
            return [], None
        text = mime.text()
        whole = None
        if mime.hasFormat(ROWS_MIME):
            try:
                payload = json.loads(bytes(mime.data(ROWS_MIME)).decode("utf-8"))
                if payload.get("tsv") == text:
                    whole = [Indicator(**row) for row in payload["rows"]]
            except (ValueError, TypeError, KeyError, AttributeError):
                whole = None
        cells = drop_blank_rows(parse_tsv(text))
        if cells and _is_header_row(cells[0]):
            cells = cells[1:]
        return cells, whole

    def paste(self) -> None:
        """Whole rows become new rows below the current row; other blocks overwrite cells
        from the current cell on, adding rows past the end; one value fills a selection."""
        if self.rows.owner is None:
            return
        cells, whole = self._clipboard_rows()
        if not cells and whole is None:
            return
        width = max((len(r) for r in cells), default=0)
        rows, cols = self._selected_block()
        single_target = len(rows) * len(cols) <= 1
        if whole is not None or (width >= self.model.columnCount() and single_target):
            self._paste_rows(cells, whole, 0)
        else:
            self._paste_over(cells, rows, cols)

    def paste_as_rows(self) -> None:
        if self.rows.owner is None:
            return
        cells, whole = self._clipboard_rows()
        if cells or whole is not None:
            narrow = max((len(r) for r in cells), default=0) < self.model.columnCount()
            col = self.view.currentIndex().column() if narrow else 0
            self._paste_rows(cells, whole, max(col, 0))

    def _row_from_cells(
        self, cells: list[str], first_col: int, like: Indicator | None = None
    ) -> Indicator:
        ind = (
            Indicator(level1=like.level1, level2=like.level2)
            if like and first_col > 0
            else Indicator()
        )
        for offset, cell in enumerate(cells):
            col = first_col + offset
            if col >= self.model.columnCount():
                break
            field = self.model.field(col)
            setattr(ind, field, _clean(field, cell))
        if "number" in self.model.columns and not ind.number:
            # Chengdu forms print the task number in the name: 2-3.监管场所…检查频次
            match = _TASK_NUMBER.match(ind.name)
            if match:
                ind.number, ind.name = match.group(1), ind.name[match.end() :]
        return ind

    def _paste_rows(
        self, cells: list[list[str]], whole: list[Indicator] | None, first_col: int
    ) -> None:
        rows = self.rows.selected_rows()
        at = rows[-1] + 1 if rows and self.rows.current_row() >= 0 else self.model.rowCount()
        like = self.model.indicator(rows[-1]) if rows else None
        if whole is not None:
            items = [dataclasses.replace(ind) for ind in whole]
        else:
            items = [self._row_from_cells(r, first_col, like) for r in cells]
        if items:
            self.rows.insert(at, items, "粘贴指标")

    def _paste_over(self, cells: list[list[str]], rows: list[int], cols: list[int]) -> None:
        n_cols = self.model.columnCount()
        changes: list[tuple[object, str, str]] = []
        if len(cells) == 1 and len(cells[0]) == 1 and len(rows) * len(cols) > 1:
            for i in self.view.selectionModel().selectedIndexes():
                field = self.model.field(i.column())
                changes.append((self.model.indicator(i.row()), field, _clean(field, cells[0][0])))
            set_fields(self.ctx, changes, "粘贴")
            return
        top = rows[0] if rows else max(self.rows.current_row(), 0)
        left = cols[0] if cols else 0
        new_items: list[Indicator] = []
        for r, row_cells in enumerate(cells):
            target = top + r
            if target >= self.model.rowCount():
                new_items.append(self._row_from_cells(row_cells, left))
                continue
            ind = self.model.indicator(target)
            for c, cell in enumerate(row_cells):
                if left + c >= n_cols:
                    break
                field = self.model.field(left + c)
                changes.append((ind, field, _clean(field, cell)))
        changes = [(o, f, v) for o, f, v in changes if getattr(o, f) != v]
        if not changes and not new_items:
            return
        self.ctx.undo_stack.beginMacro("粘贴")
        set_fields(self.ctx, changes, "粘贴")
        if new_items:
            self.ctx.undo_stack.push(
                InsertItemsCommand(
                    self.ctx,
                    self.rows.owner,
                    "indicators",
                    self.model.rowCount(),
                    new_items,
                    "粘贴",
                )
            )
        self.ctx.undo_stack.endMacro()
        bottom = min(top + len(cells) - 1, self.model.rowCount() - 1)
        right = min(left + max(len(r) for r in cells) - 1, n_cols - 1)
        self.view.setCurrentIndex(self.model.index(top, left))
        self.view.selectionModel().select(
            QItemSelection(self.model.index(top, left), self.model.index(bottom, right)),
            QItemSelectionModel.ClearAndSelect,
        )
