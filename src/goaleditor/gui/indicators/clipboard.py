"""Copy, cut and paste of the indicator table, with Excel/WPS.

Copy puts the selected cells on the clipboard as TSV; whole rows also go in the app's
own format, so a paste inside the app keeps the hidden fields.  A pasted block of whole
indicator rows (as wide as the table, or from 一级 at least to 指标值, or under a copied
header line that names its columns) becomes new rows when pasted on one cell and
replaces the selected rows whole when pasted on a selection: a row never keeps the
依据 or 描述 of the indicator it replaced.  A column the layout hides (依据) is kept.
Other blocks overwrite the cells from the current cell on.  Pasted text gets what typing
gives (trimmed, 指标值 signs as printed, Word's invisible characters gone), and the
status bar says what was pasted where.
"""

from __future__ import annotations

import dataclasses
import json
import re

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData
from PySide6.QtWidgets import QApplication

from ...catalog import load_catalog
from ...errors import GoalEditorError
from ...indicator_cells import CellError, cell_changes, cell_text, set_cell
from ...labels import INDICATOR_ATTRIBUTE_LABELS
from ...model import Indicator
from ...storage import from_json_value, to_json_value
from ...tsv import clean_cell, drop_blank_rows, format_tsv, parse_tsv
from ...values import normalize_typed
from ..common.commands import InsertItemsCommand, set_fields
from ..common.messages import show_status
from .model import COLUMN_TITLES, SHARED_TITLES, IndicatorModel, indicator_columns
from .rows import IndicatorRows

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
    titles = set(_TITLE_FIELDS)
    hits = sum(1 for c in cells if c.strip() in titles or c.strip().startswith("指标值"))
    return hits >= 2


#: Header titles as the printed forms have them → the fields they head.
_TITLE_FIELDS = {
    title: field
    for field, title in {**COLUMN_TITLES, **INDICATOR_ATTRIBUTE_LABELS, **SHARED_TITLES}.items()
} | {"年度指标值": "value", "指标值设定依据": "basis", "绩效指标说明": "description"}


def _starts_with_level1(cells: list[list[str]]) -> bool:
    """Does every row's first cell name a 一级 category of the catalog (standard or a
    known variant; blank under one above, as Excel copies merged cells)?"""
    names = set(load_catalog().level1_names())
    firsts = [row[0].strip() if row else "" for row in cells]
    return bool(firsts and firsts[0]) and all(not first or first in names for first in firsts)


#: The text fields of an indicator.
TEXT_FIELDS = tuple(
    f.name for f in dataclasses.fields(Indicator) if isinstance(getattr(Indicator(), f.name), str)
)
#: What overwriting a whole row replaces: its text, 权重 and the layouts' own fields.
ROW_FIELDS = (*TEXT_FIELDS, "weight", "extra")


def header_fields(cells: list[str]) -> list[str] | None:
    """The fields a copied header line names, column by column; None unless every
    title is a known one (一级指标 … 指标值确定依据), each once."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    fields = [_TITLE_FIELDS.get(c.strip()) for c in cells]
    if not fields or None in fields or len(set(fields)) != len(fields):
        return None
    return fields  # type: ignore[return-value]


def _titles(fields: list[str] | set[str], model: IndicatorModel) -> str:
    """“依据”、“描述” for a message, in column order."""
    order = [f for f in (*model.columns, *ROW_FIELDS) if f in fields]
    return "、".join(f"“{model.title(f)}”" for f in dict.fromkeys(order))


def _filled(value: object) -> bool:
    """Does a field hold something (text not blank, a weight, an own field)?"""
    return bool(value.strip()) if isinstance(value, str) else bool(value) or value == 0


class IndicatorClipboard:
    """The clipboard commands of one indicator view; new rows go in through *rows*."""

    def __init__(self, rows: IndicatorRows):
        self.rows = rows
        self.ctx = rows.ctx
        self.model = rows.model
        self.view = rows.view
        #: Why cells of the paste under way were left blank (权重 not a number …).
        self._refused: list[str] = []

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
        block = [[cell_text(self.model.indicator(r), f) for f in fields] for r in rows]
        mime = QMimeData()
        text = format_tsv(block)
        mime.setText(text)
        if len(cols) == self.model.columnCount():
            payload = {
                "tsv": text,
                "rows": [to_json_value(self.model.indicator(r)) for r in rows],
            }
            mime.setData(ROWS_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        QApplication.clipboard().setMimeData(mime)

    def cut(self) -> None:
        self.copy()
        self.clear_cells("剪切")

    def clear_cells(self, text: str = "清除内容") -> None:
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        edits = [
            (self.model.indicator(i.row()), self.model.field(i.column()), "")
            for i in indexes
            if i.isValid()
        ]
        set_fields(self.ctx, cell_changes(edits)[0], text)

    def _clipboard_rows(
        self,
    ) -> tuple[list[list[str]], list[Indicator] | None, list[str] | None]:
        """The clipboard as cells, as whole indicators when copied from this app, and
        the fields its header line names (when it has one that names them all)."""
        mime = QApplication.clipboard().mimeData()
        if mime is None:
            return [], None, None
        text = mime.text()
        whole = None
        if mime.hasFormat(ROWS_MIME):
            try:
                payload = json.loads(bytes(mime.data(ROWS_MIME)).decode("utf-8"))
                if payload.get("tsv") == text:
                    whole = [from_json_value(Indicator, row, "") for row in payload["rows"]]
            except (ValueError, TypeError, KeyError, AttributeError, GoalEditorError):
                whole = None
        cells = drop_blank_rows(parse_tsv(text))
        header = None
        if cells and _is_header_row(cells[0]):
            header = header_fields(cells[0])
            cells = cells[1:]
        return cells, whole, header

    def _row_fields(self, width: int) -> list[str | None]:
        """The fields of a *width*-column block of whole rows from the first column: the
        table's columns, then the ones this layout hides (a Hebei row's 依据 pasted into
        a table without the column is kept); None for a column with no field."""
        columns = self.model.columns
        if width > len(columns):
            layout = dataclasses.replace(self.ctx.document.layout, show_basis=True)
            full = indicator_columns(layout, self.rows.owner)
            if full[: len(columns)] == columns:
                columns = full
        return [columns[i] if i < len(columns) else None for i in range(width)]

    def _whole_row_fields(
        self, cells: list[list[str]], header: list[str] | None, single_target: bool, left: int
    ) -> list[str | None] | None:
        """The fields when the block is whole indicator rows, else None (cells).

        Whole rows are a block under a header naming 一级 and 三级, a block as wide as
        the table pasted on one cell, or a block that reaches the 指标值 column (一级…指标值
        without the 依据 a wider table has) pasted from the first column — or on any one
        cell when its first column holds 一级 categories (产出指标 …), as copied from a
        form in Excel."""
        if header is not None and {"level1", "name"} <= set(header):
            return list(header)
        width = max((len(r) for r in cells), default=0)
        value_col = self.model.column_of("value")
        lead = value_col + 1 if value_col >= 0 else self.model.columnCount()
        if (single_target and width >= self.model.columnCount()) or (left == 0 and width >= lead):
            return self._row_fields(width)
        if single_target and width >= lead and _starts_with_level1(cells):
            return self._row_fields(width)
        return None

    def paste(self) -> None:
        """Whole indicator rows pasted on one cell become new rows below it, pasted on a
        selection they replace its rows whole (no row keeps another indicator's 依据);
        other blocks overwrite cells from the current cell on, adding rows past the end;
        one value fills a selection.  The status bar says what happened."""
        read = self._read_clipboard()
        if read is None:
            return
        cells, header = read
        self._refused = []
        rows, cols = self._selected_block()
        single_target = len(rows) * len(cols) <= 1
        fields = self._whole_row_fields(cells, header, single_target, cols[0] if cols else 0)
        if fields is None:
            self._paste_over(cells, rows, cols)
        elif single_target:
            items = [self._row_from_cells(r, fields) for r in cells]
            self._insert_rows(items, self._notes(fields, cells))
        else:
            self._overwrite_rows(cells, fields, rows[0])

    def _read_clipboard(self) -> tuple[list[list[str]], list[str] | None] | None:
        """The clipboard's cells and header line; None when there is nothing more to do
        (no table, nothing pasted, or indicators copied in goaleditor, inserted whole)."""
        if self.rows.owner is None:
            return None
        cells, whole, header = self._clipboard_rows()
        if whole is not None:
            self._insert_rows([dataclasses.replace(ind) for ind in whole], [])
            return None
        return (cells, header) if cells else None

    def paste_as_rows(self) -> None:
        read = self._read_clipboard()
        if read is None:
            return
        cells, header = read
        self._refused = []
        width = max(len(r) for r in cells)
        fields = self._whole_row_fields(cells, header, True, 0)
        like = None
        if fields is None:  # a narrow block: from the current column, in its row's category
            col = max(self.view.currentIndex().column(), 0)
            fields = [
                self.model.field(c) for c in range(col, min(col + width, self.model.columnCount()))
            ]
            rows = self.rows.selected_rows()
            like = self.model.indicator(rows[-1]) if rows and col > 0 else None
        items = [self._row_from_cells(r, fields, like) for r in cells]
        self._insert_rows(items, self._notes(fields, cells) if like is None else [])

    def _row_from_cells(
        self, cells: list[str], fields: list[str | None], like: Indicator | None = None
    ) -> Indicator:
        ind = Indicator(level1=like.level1, level2=like.level2) if like else Indicator()
        for field, cell in zip(fields, cells, strict=False):
            if field is not None:
                try:
                    set_cell(ind, field, _clean(field, cell))
                except CellError as err:
                    self._refused.append(str(err))  # the cell stays blank
        if "number" in self.model.columns and not ind.number:
            # Chengdu forms print the task number in the name: 2-3.监管场所…检查频次
            match = _TASK_NUMBER.match(ind.name)
            if match:
                ind.number, ind.name = match.group(1), ind.name[match.end() :]
        return ind

    def _notes(self, fields: list[str | None], cells: list[list[str]]) -> list[str]:
        """What the clerk should know about whole rows with these columns: a table column
        the block lacks, a hidden field it fills, columns with no field."""
        if not fields:
            return []
        columns = self.model.columns
        notes = []
        missing = [f for f in columns if f not in fields and f != "number"]
        if missing:
            notes.append(f"粘贴的内容没有{_titles(missing, self.model)}列，这一栏留空")
        hidden = [f for f in fields if f is not None and f not in columns]
        if hidden and any(
            r[i].strip() for r in cells for i, f in enumerate(fields) if f in hidden and i < len(r)
        ):
            note = f"{_titles(hidden, self.model)}已保存，当前表样不显示这一列"
            if "basis" in hidden:
                note += "（在文档页勾选“显示‘指标值确定依据’列”即可显示）"
            notes.append(note)
        # Columns with no field that hold text (Excel copies a row's empty cells too).
        extra = sum(
            1
            for i, f in enumerate(fields)
            if f is None and any(i < len(r) and r[i].strip() for r in cells)
        )
        if extra:
            notes.append(f"多出的 {extra} 列没有对应的栏目，没有粘贴")
        return notes

    def _insert_rows(self, items: list[Indicator], notes: list[str]) -> None:
        """New rows below the current row (each joins its category's group)."""
        if not items:
            return
        rows = self.rows.selected_rows()
        at = rows[-1] + 1 if rows and self.rows.current_row() >= 0 else self.model.rowCount()
        self.rows.insert(at, items, "粘贴指标")
        self._say(f"已粘贴 {len(items)} 行，作为新指标行插入", notes)

    def _overwrite_rows(self, cells: list[list[str]], fields: list[str | None], top: int) -> None:
        """Replace whole rows from *top* on: every field the block lacks is cleared, so no
        row keeps the 依据 or 描述 of the indicator it replaces.  One undo step."""
        items = [self._row_from_cells(r, fields) for r in cells]
        count = self.model.rowCount()
        changes: list[tuple[object, str, str]] = []
        cleared: set[str] = set()
        for offset, new in enumerate(items[: max(count - top, 0)]):
            old = self.model.indicator(top + offset)
            for name in ROW_FIELDS:
                if getattr(old, name) != getattr(new, name):
                    changes.append((old, name, getattr(new, name)))
                    if name == "extra":
                        lost = {f"extra.{k}" for k, v in old.extra.items() if v != new.extra.get(k)}
                        cleared |= lost - set(fields)
                    elif name not in fields and _filled(getattr(old, name)):
                        cleared.add(name)
        added = items[max(count - top, 0) :]
        self.ctx.undo_stack.beginMacro("粘贴指标（覆盖整行）")
        set_fields(self.ctx, changes, "粘贴")
        if added:
            self.ctx.undo_stack.push(
                InsertItemsCommand(self.ctx, self.rows.owner, "indicators", count, added, "粘贴")
            )
        self.ctx.undo_stack.endMacro()
        replaced = len(items) - len(added)
        self.rows.select_rows(top, len(items))
        where = f"第 {top + 1} 行" if replaced == 1 else f"第 {top + 1}–{top + replaced} 行"
        text = f"已粘贴 {len(items)} 行，覆盖{where}" if replaced else f"已粘贴 {len(items)} 行"
        if added and replaced:
            text += f"，另在末尾添加 {len(added)} 行"
        notes = []
        if cleared:
            notes.append(f"这些行原有的{_titles(cleared, self.model)}已清除（可撤销）")
        notes += [n for n in self._notes(fields, cells) if "留空" not in n]
        self._say(text, notes)

    def _say(self, text: str, notes: list[str]) -> None:
        refused = list(dict.fromkeys(self._refused))
        if refused:
            notes = [*notes, f"{len(self._refused)} 个单元格没有粘贴：{refused[0]}"]
        self._refused = []
        show_status(self.view, "；".join([text, *notes]) + "。")

    def _paste_over(self, cells: list[list[str]], rows: list[int], cols: list[int]) -> None:
        n_cols = self.model.columnCount()
        edits: list[tuple[Indicator, str, str]] = []
        if len(cells) == 1 and len(cells[0]) == 1 and len(rows) * len(cols) > 1:
            indexes = self.view.selectionModel().selectedIndexes()
            for i in indexes:
                field = self.model.field(i.column())
                edits.append((self.model.indicator(i.row()), field, _clean(field, cells[0][0])))
            changes, self._refused = cell_changes(edits)
            set_fields(self.ctx, changes, "粘贴")
            done = len(indexes) - len(self._refused)
            self._say(f"已把同一内容粘贴到 {done} 个单元格", [])
            return
        top = rows[0] if rows else max(self.rows.current_row(), 0)
        left = cols[0] if cols else 0
        new_items: list[Indicator] = []
        for r, row_cells in enumerate(cells):
            target = top + r
            fields = [self.model.field(c) for c in range(left, min(left + len(row_cells), n_cols))]
            if target >= self.model.rowCount():
                new_items.append(self._row_from_cells(row_cells, fields))
                continue
            ind = self.model.indicator(target)
            for field, cell in zip(fields, row_cells, strict=False):
                edits.append((ind, field, _clean(field, cell)))
        changes, refused = cell_changes(edits)
        self._refused += refused
        changes = [(o, f, v) for o, f, v in changes if getattr(o, f) != v]
        if not changes and not new_items:
            if self._refused:
                self._say("没有粘贴", [])
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
        width = max(len(r) for r in cells)
        right = min(left + width - 1, n_cols - 1)
        self.view.setCurrentIndex(self.model.index(top, left))
        self.view.selectionModel().select(
            QItemSelection(self.model.index(top, left), self.model.index(bottom, right)),
            QItemSelectionModel.ClearAndSelect,
        )
        text = f"已粘贴 {len(cells)} 行 × {min(width, n_cols - left)} 列单元格"
        if new_items:
            text += f"，在末尾添加了 {len(new_items)} 行"
        dropped = left + width - n_cols
        self._say(text, [f"超出表格的 {dropped} 列没有粘贴"] if dropped > 0 else [])
