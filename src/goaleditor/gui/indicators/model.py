"""The indicator table model (绩效指标表): a view straight onto ``owner.indicators``.

The model holds no copy of the data: every ``data()`` reads the `Indicator` objects,
every ``setData()`` pushes a `SetFieldCommand`, and the context's change signals (from
the edit itself, an undo or another panel) tell the model what to repaint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...labels import INDICATOR_FIELD_LABELS
from ...model import DepartmentGoals, Indicator, Layout, Project
from ...tsv import clean_cell
from ..common.commands import SetFieldCommand
from ..common.context import EditorContext
from ..tree.model import REVIEW_COLOR as _REVIEW_COLOR

#: The invisible root every flat model's rows hang under.
_ROOT = QModelIndex()

#: Column titles as the printed forms have them.
COLUMN_TITLES = INDICATOR_FIELD_LABELS

#: Indicator attributes the table shows where the project layout prints them (权重, a
#: number, is kept in the file and printed but not edited here yet).
ATTRIBUTE_COLUMNS = ("explanation", "scoring", "basis_type", "source", "last_value")

#: Fields shown on one line, centred, as on the printed form.
CENTRED_FIELDS = frozenset({"number", "level1", "level2"})

#: After the row number of a row still 待复核 (carried over by a rollover, not yet confirmed).
REVIEW_ROW_MARK = " 待"

_ERROR_BG = QColor("#fde2e1")
_WARNING_BG = QColor("#fff4cc")


class CellEditCommand(SetFieldCommand):
    """One committed cell edit: its own undo step, never merged with the next one."""

    def id(self) -> int:
        return -1


def indicator_columns(layout: Layout, owner: object) -> list[str]:
    """The model fields shown as columns for *owner* in *layout*, left to right."""
    if isinstance(owner, DepartmentGoals):
        if layout.department_form == "chengdu":
            return ["number", "level1", "level2", "name", "value"]
        return ["level1", "level2", "name", "period_value", "value"]
    columns = ["level1", "level2", "name", "description"]
    if layout.project_form == "national":
        columns += ["period_value", "value"]
    else:
        columns.append("value")
    if layout.show_basis:
        columns.append("basis")
    printed = _printed_attributes(layout)
    return columns + [name for name in ATTRIBUTE_COLUMNS if name in printed]


def _printed_attributes(layout: Layout) -> set[str]:
    """Indicator attributes the project layout prints; none when it is missing."""
    from ...layouts import LayoutError, registry

    try:
        spec = registry().get(layout.project_layout or layout.project_form)
    except LayoutError:
        return set()
    printed = spec.printed_indicator_fields()
    for block_column in _text_columns(spec):
        printed |= block_column
    return printed


def _text_columns(spec) -> list[set[str]]:
    """Attributes an indicator column prints through its text (``{indicator.basis_type}``)."""
    from ...layouts.spec import PLACEHOLDER, walk_blocks

    found = []
    for block in walk_blocks(spec.data["rows"]):
        for column in block.get("columns", []):
            texts = column.get("text", [])
            for text in [texts] if isinstance(texts, str) else texts:
                found.append(
                    {
                        m.group(1).removeprefix("indicator.")
                        for m in PLACEHOLDER.finditer(text)
                        if m.group(1)
                    }
                )
    return found


def column_title(field: str, columns: list[str]) -> str:
    """Header text; 指标值 reads 年度指标值 beside a 实施周期 column."""
    if field == "value" and "period_value" in columns:
        return "年度指标值"
    return COLUMN_TITLES[field]


class IndicatorModel(QAbstractTableModel):
    """Rows are ``owner.indicators``; columns are `indicator_columns` of the layout."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.owner: Project | DepartmentGoals | None = None
        self.columns: list[str] = []
        #: ``(row, field) -> [(is_error, message)]`` shown as cell colour and tooltip.
        self._marks: dict[tuple[int, str], list[tuple[bool, str]]] = {}
        #: Show under 指标值 the value last year's document had (from the 指标库 history).
        self.show_last_year = False
        ctx.fieldChanged.connect(self._on_field_changed)
        ctx.listChanged.connect(self._on_list_changed)

    # -- owner -----------------------------------------------------------------

    def set_owner(self, owner: Project | DepartmentGoals | None) -> None:
        self.beginResetModel()
        self.owner = owner
        self._marks = {}
        self.columns = indicator_columns(self.ctx.document.layout, owner) if owner else []
        self.endResetModel()

    @property
    def indicators(self) -> list[Indicator]:
        return self.owner.indicators if self.owner is not None else []

    def indicator(self, row: int) -> Indicator:
        return self.owner.indicators[row]  # type: ignore[union-attr]

    def field(self, column: int) -> str:
        return self.columns[column]

    def column_of(self, field: str) -> int:
        """Column index of *field*, or -1 when the layout does not show it."""
        return self.columns.index(field) if field in self.columns else -1

    def set_marks(self, marks: dict[tuple[int, str], list[tuple[bool, str]]]) -> None:
        """Show check results: cells with problems get a colour and a tooltip."""
        changed = {k for k in set(marks) | set(self._marks) if marks.get(k) != self._marks.get(k)}
        self._marks = marks
        for row, field in changed:
            col = self.column_of(field)
            if 0 <= row < self.rowCount() and col >= 0:
                idx = self.index(row, col)
                self.dataChanged.emit(idx, idx, [Qt.BackgroundRole, Qt.ToolTipRole])

    def marks(self) -> dict[tuple[int, str], list[tuple[bool, str]]]:
        return self._marks

    def set_show_last_year(self, on: bool) -> None:
        """Show (or hide) last year's value as a second line of 指标值 (display only:
        editing, copying and the file see the value as typed)."""
        self.show_last_year = on
        self.refresh_last_year()

    def refresh_last_year(self) -> None:
        col = self.column_of("value")
        if col >= 0 and self.rowCount():
            last = self.index(self.rowCount() - 1, col)
            self.dataChanged.emit(self.index(0, col), last, [Qt.DisplayRole, Qt.ToolTipRole])

    def last_year_text(self, row: int, long: bool = False) -> str:
        """``上年 ≥90%`` (*long*: ``上年（2023）指标值：≥90%``) from the 指标库 history, or ""."""
        library = self.ctx.library
        if library is None or self.owner is None:
            return ""
        entry = library.previous_year(self.ctx.document, self.owner, self.indicator(row))
        if entry is None:
            return ""
        value = entry.value or "（空）"
        return f"上年（{entry.year}）指标值：{value}" if long else f"上年 {value}"

    # -- Qt model --------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:
        if orientation == Qt.Horizontal:
            return (
                column_title(self.columns[section], self.columns)
                if role == Qt.DisplayRole
                else None
            )
        review = 0 <= section < len(self.indicators) and self.indicators[section].needs_review
        if role == Qt.DisplayRole:
            return f"{section + 1}{REVIEW_ROW_MARK}" if review else str(section + 1)
        if review and role == Qt.ForegroundRole:
            return QBrush(_REVIEW_COLOR)
        if review and role == Qt.ToolTipRole:
            return "待复核：由上年结转而来，尚未修改或确认。修改这一行，或选中后点“确认复核”，标记即消失。"
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def data(self, index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        field = self.columns[index.column()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            text = getattr(self.indicator(index.row()), field)
            if role == Qt.DisplayRole and field == "value" and self.show_last_year:
                last = self.last_year_text(index.row())
                if last:
                    return f"{text}\n{last}" if text else last
            return text
        if role == Qt.TextAlignmentRole:
            if field in CENTRED_FIELDS:
                return int(Qt.AlignCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role in (Qt.BackgroundRole, Qt.ToolTipRole):
            marks = self._marks.get((index.row(), field))
            if role == Qt.ToolTipRole:
                lines = [message for _is_error, message in marks or ()]
                if field == "value":
                    lines += filter(None, [self.last_year_text(index.row(), long=True)])
                return "\n".join(lines) or None
            if not marks:
                return None
            return QBrush(_ERROR_BG if any(e for e, _m in marks) else _WARNING_BG)
        return None

    def setData(self, index, value: Any, role: int = Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid():
            return False
        field = self.columns[index.column()]
        ind = self.indicator(index.row())
        text = clean_cell("" if value is None else str(value))  # typed as pasted
        if field != "description" and field != "basis":
            text = text.strip()
        if getattr(ind, field) == text:
            return False
        title = f"修改{column_title(field, self.columns)}"
        self.ctx.undo_stack.push(CellEditCommand(self.ctx, ind, field, text, title))
        return True

    # -- change signals -----------------------------------------------------------

    def row_of(self, ind: object) -> int:
        for row, other in enumerate(self.indicators):
            if other is ind:
                return row
        return -1

    def _on_field_changed(self, obj: object, name: str) -> None:
        if self.owner is None:
            return
        if obj is self.ctx.document.layout:
            if indicator_columns(self.ctx.document.layout, self.owner) != self.columns:
                self.set_owner(self.owner)
            return
        if isinstance(obj, Indicator) and name == "needs_review":
            row = self.row_of(obj)
            if row >= 0:
                self.headerDataChanged.emit(Qt.Vertical, row, row)
            return
        if not isinstance(obj, Indicator) or name not in self.columns:
            return
        row = self.row_of(obj)
        if row >= 0:
            idx = self.index(row, self.columns.index(name))
            self.dataChanged.emit(idx, idx, [Qt.DisplayRole, Qt.EditRole])

    def _on_list_changed(self, owner: object, name: str) -> None:
        if owner is self.owner and name == "indicators":
            self.beginResetModel()
            self._marks = {}
            self.endResetModel()
