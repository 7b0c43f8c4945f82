"""The indicator table model (绩效指标表): a view straight onto ``owner.indicators``.

The model holds no copy of the data: every ``data()`` reads the `Indicator` objects,
every ``setData()`` pushes a `SetFieldCommand`, and the context's change signals (from
the edit itself, an undo or another panel) tell the model what to repaint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...indicator_cells import EXTRA, CellError, cell_changes, cell_text, cell_value
from ...labels import INDICATOR_FIELD_LABELS
from ...model import DepartmentGoals, Indicator, Layout, Project
from ...tsv import clean_cell
from ..common.cell_roles import CENTRE, EDITABLE, LEFT
from ..common.commands import SetFieldCommand
from ..common.context import EditorContext
from ..tree.model import REVIEW_COLOR as _REVIEW_COLOR

#: The invisible root every flat model's rows hang under.
_ROOT = QModelIndex()

#: Column titles as the printed forms have them.
COLUMN_TITLES = INDICATOR_FIELD_LABELS

#: Indicator attributes the table shows where the layout prints them, in this order.
ATTRIBUTE_COLUMNS = (
    "weight",
    "explanation",
    "scoring",
    "basis_type",
    "basis",
    "source",
    "last_value",
)

#: Fields shown on one line, centred, as on the printed form.
CENTRED_FIELDS = frozenset({"number", "level1", "level2"})

#: Titles of fields printed in one column with another (``{basis_type}：{basis}``): the
#: header names the column, this the part the field is.
SHARED_TITLES = {"basis_type": "依据类型"}

#: Attributes of a few characters, centred too (权重, 依据's kind).
SHORT_ATTRIBUTES = frozenset({"weight", "basis_type"})

#: After the row number of a row still 待复核 (carried over by a rollover, not yet confirmed).
REVIEW_ROW_MARK = " 待"

_ERROR_BG = QColor("#fde2e1")
_WARNING_BG = QColor("#fff4cc")


class CellEditCommand(SetFieldCommand):
    """One committed cell edit: its own undo step, never merged with the next one."""

    def id(self) -> int:
        return -1


def indicator_columns(layout: Layout, owner: object) -> list[str]:
    """The fields shown as columns for *owner* in *layout*, left to right: 一级, 二级,
    三级, what the layout prints of 描述 and 实施周期指标值, 指标值, then the attributes it
    prints and the indicator fields it declares of its own (``extra.<id>``).  A field
    the layout does not print is not shown (its value is kept)."""
    headers = layout_headers(layout, owner)
    if isinstance(owner, DepartmentGoals):
        if layout.department_form == "chengdu":
            columns = ["number", "level1", "level2", "name", "value"]
        else:
            columns = ["level1", "level2", "name", "period_value", "value"]
    elif headers is None:  # a layout that cannot be found: the form kind's columns
        columns = ["level1", "level2", "name", "description"]
        if layout.project_form == "national":
            columns.append("period_value")
        columns.append("value")
        if layout.show_basis:
            columns.append("basis")
    else:
        columns = ["level1", "level2", "name"]
        columns += [name for name in ("description", "period_value") if name in headers]
        columns.append("value")
    headers = headers or {}
    columns += [name for name in ATTRIBUTE_COLUMNS if name in headers and name not in columns]
    return columns + [name for name in headers if name.startswith(EXTRA)]


def layout_headers(layout: Layout, owner: object) -> dict[str, str] | None:
    """The indicator fields beyond 一级…指标值 the layout of *owner* prints or declares,
    with the header text it gives each; None when the layout cannot be found."""
    from ...layouts import LayoutError, registry

    if isinstance(owner, DepartmentGoals):
        layout_id = layout.department_layout_id
    else:
        layout_id = layout.project_layout_id
    try:
        spec = registry().get(layout_id) if layout_id else None
    except LayoutError:
        spec = None
    if spec is None:
        return None
    return _spec_headers(spec, layout)


def _spec_headers(spec, layout: Layout) -> dict[str, str]:
    """Field → header of every indicator column of *spec* that prints an attribute or an
    own field; a column printing several (``{basis_type}：{basis}``) heads the last with
    its header, the others with their own labels.  Own indicator fields the layout
    declares but does not print get their labels; a column the layout's switches leave
    out (依据 without “显示依据”) is not printed."""
    from ...forms.render import condition
    from ...layouts.spec import PLACEHOLDER, walk_blocks

    wanted = {*ATTRIBUTE_COLUMNS, "description", "period_value"}
    headers: dict[str, str] = {}
    for block in walk_blocks(spec.data["rows"]):
        for column in block.get("columns", []):
            if not _layout_condition(column.get("when"), layout, condition):
                continue
            if "field" in column:
                names = [column["field"]]
            else:
                texts = column.get("text", [])
                texts = texts[:1] if isinstance(texts, list) else [texts]
                names = [m.group(1) for t in texts for m in PLACEHOLDER.finditer(t) if m.group(1)]
            names = [n.removeprefix("indicator.") for n in names]
            names = [n for n in dict.fromkeys(names) if n in wanted or n.startswith(EXTRA)]
            for i, name in enumerate(names):
                last = i == len(names) - 1
                title = column.get("header") if last else SHARED_TITLES.get(name)
                headers.setdefault(name, title or _label(spec, name))
    for own in spec.fields:
        if own.on == "indicator":
            headers.setdefault(EXTRA + own.id, own.label)
    return {name: title or _label(spec, name) for name, title in headers.items()}


def _layout_condition(when, layout: Layout, condition) -> bool:
    """A column's ``when`` on the layout's switches; conditions on the document's data
    (true for some projects only) count as true."""
    conds = [when] if isinstance(when, str) else when or []
    switches = [c for c in conds if c.removeprefix("!").startswith("layout.")]
    return condition(switches or None, {"layout": layout})


def _label(spec, name: str) -> str:
    if name.startswith(EXTRA):
        key = name.removeprefix(EXTRA)
        return next((f.label for f in spec.fields if f.id == key), key)
    return COLUMN_TITLES.get(name, name)


def column_title(field: str, columns: list[str], headers: dict[str, str] | None = None) -> str:
    """Header text: the layout's for the attributes it prints; 指标值 reads 年度指标值
    beside a 实施周期 column."""
    if headers and field in headers:
        return headers[field]
    if field == "value" and "period_value" in columns:
        return "年度指标值"
    return COLUMN_TITLES.get(field, field.removeprefix(EXTRA))


class IndicatorModel(QAbstractTableModel):
    """Rows are ``owner.indicators``; columns are `indicator_columns` of the layout."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.owner: Project | DepartmentGoals | None = None
        self.columns: list[str] = []
        #: The layout's header text of the attributes and own fields it prints.
        self.headers: dict[str, str] = {}
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
        layout = self.ctx.document.layout
        self.columns = indicator_columns(layout, owner) if owner else []
        self.headers = (layout_headers(layout, owner) or {}) if owner else {}
        self.endResetModel()

    def title(self, field: str) -> str:
        """The column title of *field* (the layout's header where it prints one)."""
        return column_title(field, self.columns, self.headers)

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
                self.dataChanged.emit(
                    idx, idx, [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole]
                )

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
            self.dataChanged.emit(
                self.index(0, col), last, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole]
            )

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

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            field = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.title(field)
            if role == Qt.ItemDataRole.ToolTipRole:  # the whole title, where the column cuts it
                return COLUMN_TITLES.get(field, self.title(field))
            return None
        review = 0 <= section < len(self.indicators) and self.indicators[section].needs_review
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{section + 1}{REVIEW_ROW_MARK}" if review else str(section + 1)
        if review and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_REVIEW_COLOR)
        if review and role == Qt.ItemDataRole.ToolTipRole:
            return "待复核：由上年结转而来，尚未修改或确认。修改这一行，或选中后点“确认复核”，标记即消失。"
        return None

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        field = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            text = cell_text(self.indicator(index.row()), field)
            if role == Qt.ItemDataRole.DisplayRole and field == "value" and self.show_last_year:
                last = self.last_year_text(index.row())
                if last:
                    return f"{text}\n{last}" if text else last
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if field in CENTRED_FIELDS or field in SHORT_ATTRIBUTES:
                return CENTRE
            return LEFT
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            marks = self._marks.get((index.row(), field))
            if role == Qt.ItemDataRole.ToolTipRole:
                lines = [message for _is_error, message in marks or ()]
                if field == "value":
                    lines += filter(None, [self.last_year_text(index.row(), long=True)])
                return "\n".join(lines) or None
            if not marks:
                return None
            return QBrush(_ERROR_BG if any(e for e, _m in marks) else _WARNING_BG)
        return None

    def setData(self, index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.columns[index.column()]
        try:
            return self.set_cell(index.row(), field, "" if value is None else str(value))
        except CellError:
            return False

    def problem(self, field: str, text: str) -> str:
        """Why *field* cannot take *text* (权重 not a number …), or ""."""
        try:
            cell_value(field, text.strip())
        except CellError as err:
            return str(err)
        return ""

    def set_cell(self, row: int, field: str, text: str) -> bool:
        """Write typed *text* into a cell as one undo step; False when nothing changed,
        `CellError` (nothing changed) when the cell cannot take it."""
        ind = self.indicator(row)
        text = clean_cell(text)  # typed as pasted
        if field != "description" and field != "basis":
            text = text.strip()
        if cell_text(ind, field) == text:
            return False
        changes, problems = cell_changes([(ind, field, text)])
        if problems:
            raise CellError(problems[0])
        if not changes or all(getattr(o, n) == v for o, n, v in changes):
            return False
        ((obj, name, new),) = changes
        title = f"修改{self.title(field)}"
        self.ctx.undo_stack.push(CellEditCommand(self.ctx, obj, name, new, title))
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
            layout = self.ctx.document.layout
            if (
                indicator_columns(layout, self.owner) != self.columns
                or (layout_headers(layout, self.owner) or {}) != self.headers
            ):
                self.set_owner(self.owner)
            return
        if isinstance(obj, Indicator) and name == "needs_review":
            row = self.row_of(obj)
            if row >= 0:
                self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
            return
        if not isinstance(obj, Indicator):
            return
        cols = [
            c
            for c, field in enumerate(self.columns)
            if field == name or (name == "extra" and field.startswith(EXTRA))
        ]
        row = self.row_of(obj) if cols else -1
        for col in cols if row >= 0 else []:
            idx = self.index(row, col)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def _on_list_changed(self, owner: object, name: str) -> None:
        if owner is self.owner and name == "indicators":
            self.beginResetModel()
            self._marks = {}
            self.endResetModel()
