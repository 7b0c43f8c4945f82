"""The indicator table the clerk types into: grouped categories, row operations, Excel paste.

Runs of equal 一级/二级 are merged (``setSpan``) as on the printed form, except on the
current row, so the clerk can always reach and change that row's own categories.
Typing onto a cell replaces it and F2 edits it, as in Excel (`IndicatorView.edit`).
Every operation — typing, add, delete, move, paste, clear, sort — is one step on the
undo stack; the view keeps no data of its own.  New rows join their category's group
(`indicator_order`), and a note above the table says when a category's rows are split
(the printed form would show it twice) and offers 按指标分类排序.  The row operations
live in `indicator_rows`, copy and paste in `indicator_clipboard`; this widget holds the
view, its actions and toolbar, the merged cells and the marks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QKeyCombination, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMenu,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...model import DepartmentGoals, Indicator, Project
from ..common.column_fit import ColumnFitter
from ..common.commands import set_fields
from ..common.context import EditorContext
from .clipboard import IndicatorClipboard
from .delegates import IndicatorDelegate, start_editing
from .marks import owner_marks
from .model import IndicatorModel
from .order import split_groups
from .rows import IndicatorRows

#: How an editor opens: typing onto the cell replaces its text (as in Excel); F2 and a
#: double-click edit the text there, the cursor at its end.
_OPENING_TRIGGERS = (
    QAbstractItemView.AnyKeyPressed,
    QAbstractItemView.EditKeyPressed,
    QAbstractItemView.DoubleClicked,
)


#: The most of the viewport a row grows to while edited.
MAX_ROW_SHARE = 0.6


class IndicatorView(QTableView):
    """A QTableView that keeps the table's own shortcuts from window-wide actions, and
    opens its cell editors as Excel does."""

    #: The viewport changed size or the view was shown: the columns may need to fit again.
    resized = Signal()

    #: Rows the view always has room for (a small screen cuts long rows short instead).
    ROWS_SHOWN = 8

    def __init__(self, parent: QWidget | None = None, rows_shown: int = ROWS_SHOWN):
        super().__init__(parent)
        #: Actions whose shortcuts this view handles itself (set by IndicatorTable).
        self.key_actions: list[QAction] = []
        self.rows_shown = rows_shown
        #: The most a row other than the current one may be tall (0: as tall as its text).
        self.row_cap = 0
        #: The merged runs of 一级/二级 cells: ``(first row, column, rows)``.
        self.merged: list[tuple[int, int, int]] = []

    def fit_row_cap(self) -> bool:
        """Cap the row height so `rows_shown` rows fit the viewport; True when it changed.

        Long text wraps and rows grow, but on a 1366×768 screen at 150 % three wrapped rows
        would fill the table: beyond the cap a row shows what fits, ending in "…", and the
        current row gets the room the others leave so the clerk reads what is being edited.
        """
        floor = self.line_height()
        rows = self.model().rowCount() if self.model() is not None else 0
        shared = max(min(self.rows_shown, rows), 1)  # a few rows share the room
        cap = max(self.viewport().height() // shared, floor)
        if cap == self.row_cap:
            return False
        self.row_cap = cap
        return True

    def line_height(self) -> int:
        """The height of a row of one line of text (what a cell of ``一`` asks for)."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.text = "产出指标 ≥90% Ag"  # Chinese, signs and Latin: the tallest line
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self
        )
        rows = self.verticalHeader()
        numbers = rows.sectionSizeHint(0) if rows.count() else 0  # the row number, in bold
        return max(size.height() + 1, numbers, rows.minimumSectionSize())  # +1: the grid line

    def sizeHintForRow(self, row: int) -> int:
        natural = max(super().sizeHintForRow(row), self.editor_height(row))
        if self.row_cap <= 0:
            return natural
        cap = self.row_cap
        if row == self.currentIndex().row():
            cap = max(cap, self.viewport().height() - (self.rows_shown - 1) * self.row_cap)
        return min(natural, cap)

    def resizeEvent(self, event) -> None:  # the viewport's resize (QAbstractScrollArea)
        super().resizeEvent(event)
        self.resized.emit()

    def moveCursor(self, action, modifiers):
        """The arrow keys go to the next row or column as if nothing were merged (Qt would
        jump to the top of a merged run, into another row)."""
        current = self.currentIndex()
        step = {
            QAbstractItemView.CursorAction.MoveUp: (-1, 0),
            QAbstractItemView.CursorAction.MoveDown: (1, 0),
            QAbstractItemView.CursorAction.MoveLeft: (0, -1),
            QAbstractItemView.CursorAction.MoveRight: (0, 1),
        }.get(action)
        model = self.model()
        if step is None or not current.isValid() or model is None:
            return super().moveCursor(action, modifiers)
        row, column = current.row() + step[0], current.column() + step[1]
        while 0 <= column < model.columnCount() and self.isColumnHidden(column):
            column += step[1] or 1
        if not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return current
        return model.index(row, column)

    def mousePressEvent(self, event) -> None:
        """A click on a merged 一级/二级 cell goes to the row under the mouse (Qt would go to
        the run's first row)."""
        pos = event.position().toPoint()
        row, column = self.rowAt(pos.y()), self.columnAt(pos.x())
        index = self.indexAt(pos)
        plain = event.button() == Qt.LeftButton and event.modifiers() == Qt.NoModifier
        if plain and index.isValid() and row >= 0 and row != index.row() and column >= 0:
            target = self.model().index(row, column)
            if self.state() == QAbstractItemView.EditingState:
                self.setFocus()  # commits the open editor first
            self.setCurrentIndex(target)
            event.accept()
            return
        super().mousePressEvent(event)

    def paintEvent(self, event) -> None:
        """A merged run partly scrolled out of sight shows its label in the part in sight
        (Qt centres it in the whole run, which may be out of sight)."""
        super().paintEvent(event)
        port = self.viewport().rect()
        if not self.merged:
            return
        painter = None
        for first, column, _rows in self.merged:
            rect = self.visualRect(self.model().index(first, column))
            if not rect.isValid() or (rect.top() >= 0 and rect.bottom() <= port.bottom()):
                continue
            shown = rect.intersected(port).adjusted(0, 0, -1, -1)  # keep the grid lines
            if shown.height() <= 0:
                continue
            if painter is None:
                painter = QPainter(self.viewport())
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            index = self.model().index(first, column)
            self.itemDelegate().initStyleOption(option, index)
            option.rect = shown
            if self.selectionModel().isSelected(index):
                option.state |= QStyle.StateFlag.State_Selected
            self.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, self)
        if painter is not None:
            painter.end()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.resized.emit()

    def editor_height(self, row: int) -> int:
        """What an open wrapped editor in *row* needs to show its text (0: none open), up
        to most of the view (longer text scrolls in the editor): the row grows to it, so
        the editor never covers the next row."""
        model = self.model()
        wanted = 0
        for col in range(model.columnCount()):
            height = getattr(self.indexWidget(model.index(row, col)), "wanted_height", None)
            if height is not None:
                wanted = max(wanted, min(height(), int(self.viewport().height() * MAX_ROW_SHARE)))
        return wanted

    def focusNextPrevChild(self, next: bool) -> bool:
        # An editor that has the focus when it closes (a click on another cell while its
        # completion list had the keyboard) hands the focus on with a Tab: Qt's view
        # would take that Tab as a move to the next cell.  The click says where to go.
        focus = QApplication.focusWidget()
        if (
            focus is not None
            and focus is not self
            and self.viewport().isAncestorOf(focus)
            and focus.isHidden()
        ):
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().focusNextPrevChild(next)

    def edit(self, index, trigger=None, event=None):  # both Qt overloads
        if trigger is None:  # the public slot edit(index)
            return super().edit(index)
        if trigger not in _OPENING_TRIGGERS or not index.isValid() or self.indexWidget(index):
            return super().edit(index, trigger, event)
        typed = trigger == QAbstractItemView.AnyKeyPressed
        # Qt hands the first key press to the new editor itself: open without it, empty
        # the editor, then hand it on.  An input-method event reaches the editor after
        # this returns (QAbstractItemView.inputMethodEvent).
        forward = typed and event is not None and event.type() == QEvent.KeyPress
        if not super().edit(index, trigger, None if forward else event):
            return False
        editor = self.indexWidget(index)
        if editor is None:
            return True
        start_editing(editor, replace=typed)
        if forward:
            QApplication.sendEvent(editor.focusProxy() or editor, event)
        return True

    def inputMethodEvent(self, event) -> None:
        # Qt opens the editor for a bare commit (a word or a full-width sign committed
        # with no composition first) but drops the committed text: hand it on.
        index = self.currentIndex()
        bare_commit = (
            bool(event.commitString())
            and not event.preeditString()
            and index.isValid()
            and self.indexWidget(index) is None
        )
        super().inputMethodEvent(event)
        editor = self.indexWidget(index) if bare_commit else None
        if editor is not None:
            QApplication.sendEvent(editor.focusProxy() or editor, event)

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        mods = event.modifiers() & ~Qt.KeypadModifier
        pressed = QKeySequence(QKeyCombination(mods, Qt.Key(event.key())))
        for action in self.key_actions:
            if action.isEnabled() and any(seq == pressed for seq in action.shortcuts()):
                return action
        return None

    def event(self, event) -> bool:
        if (
            event.type() == event.Type.ShortcutOverride
            and self.state() != QAbstractItemView.EditingState
            and self._action_for(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.EditingState:
            action = self._action_for(event)
            if action is not None:
                action.trigger()
                event.accept()
                return
            if (
                event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and event.modifiers() == Qt.NoModifier
                and self.currentIndex().isValid()
                and self.edit(self.currentIndex(), QAbstractItemView.EditKeyPressed, event)
            ):
                return
        super().keyPressEvent(event)


class IndicatorTable(QWidget):
    """The indicator table of a `Project` or `DepartmentGoals`, with its row commands."""

    def __init__(
        self,
        ctx: EditorContext,
        parent: QWidget | None = None,
        rows_shown: int = IndicatorView.ROWS_SHOWN,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.model = IndicatorModel(ctx, self)
        self.view = IndicatorView(self, rows_shown)
        self.view.setModel(self.model)
        self.delegate = IndicatorDelegate(ctx, self.view)
        self.view.setItemDelegate(self.delegate)
        self._setup_view()
        #: Add, insert, delete, move, sort (`indicator_rows`).
        self.rows = IndicatorRows(ctx, self.model, self.view, self._update_actions)
        #: Copy, cut, paste with Excel/WPS (`indicator_clipboard`).
        self.clipboard = IndicatorClipboard(self.rows)
        self.fitter = ColumnFitter(self.view, self.model.field)
        #: The columns the fitter last sized (another layout brings others).
        self._fitted_columns: list[str] | None = None
        self._make_actions()

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        # The right-click menu's actions, without 剪切 and the trailing 清除 group.
        short = [a for a in self.context_actions()[:-2] if a is not self.act_cut]
        add_actions(self.toolbar, short)
        #: Says when a category's rows are split (shown only then).
        self.order_note = QLabel(self)
        self.order_note.setObjectName("orderNote")
        self.order_note.setWordWrap(True)
        self.order_note.setStyleSheet(
            "#orderNote { background: #fff4cc; border: 1px solid #e0c060; border-radius: 3px;"
            " padding: 2px 6px; }"
        )
        self.order_note.linkActivated.connect(lambda _link: self.sort_rows())
        self.order_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.order_note)
        layout.addWidget(self.view)

        self._saved_cell: tuple[int, int] | None = None
        # marks follow an edit at once, after its own repaint work (0 ms), once per burst
        self._check_timer = QTimer(self, singleShot=True, interval=0)
        self._check_timer.timeout.connect(self.refresh_marks)
        self._resize_timer = QTimer(self, singleShot=True, interval=60)
        self._resize_timer.timeout.connect(self.view.resizeRowsToContents)

        self.model.modelAboutToBeReset.connect(self._remember_cell)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._after_data_changed)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.view.selectionModel().currentColumnChanged.connect(lambda *_: self.update_spans())
        self.view.resized.connect(self._fit_row_cap)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.view.horizontalHeader().sectionResized.connect(lambda *_: self._resize_timer.start())
        ctx.edited.connect(self._on_edited)
        ctx.documentReplaced.connect(self._on_document_replaced)
        self._update_actions()

    # -- setup -------------------------------------------------------------------

    def _setup_view(self) -> None:
        v = self.view
        v.setWordWrap(True)
        v.setTextElideMode(Qt.ElideRight)  # a row cut short by the row cap ends in "…"
        v.setSelectionMode(QAbstractItemView.ExtendedSelection)
        v.setSelectionBehavior(QAbstractItemView.SelectItems)
        v.setEditTriggers(
            QAbstractItemView.DoubleClicked
            | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed
        )
        v.setAlternatingRowColors(False)
        v.setContextMenuPolicy(Qt.CustomContextMenu)
        v.customContextMenuRequested.connect(self._context_menu)
        header = v.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)
        vheader = v.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.Interactive)
        vheader.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        vheader.setMinimumSectionSize(26)
        # no taller than its column titles at the least: the page decides how many rows show
        v.setMinimumHeight(header.sizeHint().height() + 2 * v.frameWidth())
        v.setStyleSheet(
            "QTableView { gridline-color: #b8bec8; selection-background-color: #cce4f7;"
            " selection-color: black; }"
            "QHeaderView::section { background: #eef1f5; border: none;"
            " border-right: 1px solid #c5cbd3; border-bottom: 1px solid #c5cbd3;"
            " padding: 4px; font-weight: bold; }"
            # row numbers need no room above and below: rows stay one line of text tall
            "QHeaderView::section:vertical { padding: 0px 4px; }"
        )

    def _make_actions(self) -> None:
        def action(text: str, tip: str, slot, *keys) -> QAction:
            act = QAction(text, self)
            act.setToolTip(
                f"{tip}（{' / '.join(QKeySequence(k).toString(QKeySequence.NativeText) for k in keys)}）"
                if keys
                else tip
            )
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _checked=False: slot())
            self.addAction(act)
            return act

        C = Qt.ControlModifier
        self.act_add = action(
            "添加行",
            "在当前行下面添加一行指标",
            self.add_row,
            QKeyCombination(C, Qt.Key_Return),
            QKeyCombination(C, Qt.Key_Enter),
        )
        self.act_insert = action(
            "插入行", "在当前行上面插入一行指标", self.insert_row, Qt.Key_Insert
        )
        self.act_delete = action(
            "删除行", "删除选中的指标行", self.delete_rows, QKeyCombination(C, Qt.Key_Delete)
        )
        self.act_up = action(
            "上移", "把选中的行上移一行", self.move_up, QKeyCombination(Qt.AltModifier, Qt.Key_Up)
        )
        self.act_down = action(
            "下移",
            "把选中的行下移一行",
            self.move_down,
            QKeyCombination(Qt.AltModifier, Qt.Key_Down),
        )
        self.act_copy = action(
            "复制", "复制选中的单元格，可粘贴到 Excel/WPS", self.copy, QKeySequence.StandardKey.Copy
        )
        self.act_cut = action(
            "剪切", "复制后清除选中的单元格", self.cut, QKeySequence.StandardKey.Cut
        )
        self.act_paste = action(
            "粘贴",
            "粘贴（从 Excel/WPS 复制的整行指标：粘贴在一个单元格上成为新行，"
            "粘贴在选中的行上整行替换；其他内容从当前单元格起覆盖）",
            self.paste,
            QKeySequence.StandardKey.Paste,
        )
        self.act_paste_rows = action(
            "粘贴为新行",
            "把剪贴板内容作为新行插入到当前行下面",
            self.paste_as_rows,
            QKeyCombination(C | Qt.ShiftModifier, Qt.Key_V),
        )
        self.act_clear = action("清除内容", "清除选中单元格的内容", self.clear_cells, Qt.Key_Delete)
        self.act_sort = action(
            "按指标分类排序",
            "把指标行按一级、二级指标的标准顺序排列，同类的行排在一起（可撤销）",
            self.sort_rows,
        )
        self.act_review = action(
            "确认复核",
            "选中的行由上年结转而来、核对无误：去掉它们的“待”标记（修改过的行自动去掉）",
            self.confirm_review,
        )
        self.view.key_actions = [
            self.act_add,
            self.act_insert,
            self.act_delete,
            self.act_up,
            self.act_down,
            self.act_copy,
            self.act_cut,
            self.act_paste,
            self.act_paste_rows,
            self.act_clear,
        ]

    def context_actions(self) -> list[QAction | None]:
        """The right-click menu's actions (None: a separator)."""
        return [
            self.act_add,
            self.act_insert,
            self.act_delete,
            None,
            self.act_up,
            self.act_down,
            self.act_sort,
            None,
            self.act_cut,
            self.act_copy,
            self.act_paste,
            self.act_paste_rows,
            None,
            self.act_review,
            None,
            self.act_clear,
        ]

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        add_actions(menu, self.context_actions())
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # -- public API ----------------------------------------------------------------

    def set_owner(self, owner: Project | DepartmentGoals | None) -> None:
        """Show and edit ``owner.indicators``; None shows an empty table."""
        self._saved_cell = None
        self.model.set_owner(owner)
        if not self._fit_new_columns():
            self.fitter.fit()  # the same columns keep the widths they have (the clerk's)
        self.view.resizeRowsToContents()
        self.refresh_marks()
        self._update_actions()

    @property
    def owner(self) -> Project | DepartmentGoals | None:
        return self.model.owner

    def select_cell(self, row: int, field: str) -> None:
        """Select and focus a cell (from the problems panel); a hidden field selects the row."""
        if not 0 <= row < self.model.rowCount():
            return
        col = max(self.model.column_of(field), 0)
        index = self.model.index(row, col)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.ClearAndSelect)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.OtherFocusReason)

    # -- marks from the checks -----------------------------------------------------------

    def marks_pending(self) -> bool:
        """Whether an edit is waiting for its marks."""
        return self._check_timer.isActive()

    def refresh_marks(self) -> None:
        """Re-run the checks of this owner only and colour the cells they name."""
        self._check_timer.stop()
        self.show_order_note()
        if self.owner is None:
            self.model.set_marks({})
            return
        self.model.set_marks(owner_marks(self.ctx.document, self.owner))

    def show_order_note(self) -> None:
        """Show the note when a category's rows are split, hide it when they are not."""
        split = split_groups(self.model.indicators) if self.owner is not None else []
        if split:
            text = (
                split[0]
                .message()
                .replace("“按指标分类排序”", "“<a href='sort'>按指标分类排序</a>”")
            )
            if len(split) > 1:
                text += f"（另有 {len(split) - 1} 类也不相连）"
            self.order_note.setText("⚠ " + text)
            self.order_note.setToolTip("\n".join(s.message() for s in split))
        self.order_note.setVisible(bool(split))

    def _on_edited(self) -> None:
        if self.owner is not None:
            self._check_timer.start()
            self._update_actions()  # 确认复核 follows the rows still 待复核

    def _on_document_replaced(self) -> None:
        owner = self.owner
        doc = self.ctx.document
        if (
            owner is not None
            and owner is not doc.department
            and not any(p is owner for p in doc.projects)
        ):
            self.set_owner(None)

    # -- layout after changes ---------------------------------------------------------------

    def _remember_cell(self) -> None:
        cur = self.view.currentIndex()
        self._saved_cell = (cur.row(), cur.column()) if cur.isValid() else None

    def _fit_new_columns(self) -> bool:
        """Size new columns (another owner's or layout's) from their content; False when
        the columns are those already sized."""
        if self.model.columns == self._fitted_columns:
            return False
        self.fitter.reset()
        self._fitted_columns = list(self.model.columns) if self.model.columns else None
        return True

    def _after_reset(self) -> None:
        self._fit_new_columns()  # a layout switched on the document page
        self.update_spans()
        self.view.fit_row_cap()  # rows added or removed: the room is shared anew
        self.view.resizeRowsToContents()
        if self._saved_cell and self.model.rowCount():
            row = min(self._saved_cell[0], self.model.rowCount() - 1)
            col = min(self._saved_cell[1], self.model.columnCount() - 1)
            self.view.setCurrentIndex(self.model.index(row, col))
        self._update_actions()

    def _after_data_changed(self, top_left, bottom_right, roles=()) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return
        fields = {self.model.field(c) for c in range(top_left.column(), bottom_right.column() + 1)}
        if fields & {"level1", "level2"}:
            self.update_spans()
        for row in range(top_left.row(), bottom_right.row() + 1):
            self.view.resizeRowToContents(row)

    def _current_row_changed(self, current, previous) -> None:
        self.update_spans()
        # the current row may grow past the cap, the row left shrinks back to it
        for row in {current.row(), previous.row()}:
            if 0 <= row < self.model.rowCount():
                self.view.resizeRowToContents(row)

    def _fit_row_cap(self) -> None:
        if self.view.fit_row_cap():
            self.view.resizeRowsToContents()

    def height_for_rows(self, rows: int) -> int:
        """The table's height (toolbar, column titles, frame) with room for *rows* rows of
        the smallest height."""
        view = self.view
        header = view.horizontalHeader()
        title = header.height() if header.isVisible() else header.sizeHint().height()
        body = rows * view.line_height() + 2 * view.frameWidth()
        scroll = view.horizontalScrollBar()
        bar = scroll.sizeHint().height() if scroll.maximum() > 0 else 0
        spacing = self.layout().spacing()
        note = self.order_note.sizeHint().height() + spacing if self.order_note.isVisible() else 0
        return self.toolbar.sizeHint().height() + spacing + note + title + body + bar

    def update_spans(self) -> None:
        """Merge runs of equal 一级 (and of equal 一级+二级) like the printed form.

        The runs stay whole as the cursor moves down the table; only the cell the cursor
        is on is taken out of its run (and only in its own column), so each row keeps
        editing its own 一级/二级.
        """
        view, model = self.view, self.model
        view.clearSpans()
        view.merged = []
        rows = model.rowCount()
        if rows < 2:
            return
        cursor = view.currentIndex()
        inds = model.indicators
        for field in ("level1", "level2"):
            col = model.column_of(field)
            if col < 0:
                continue
            current = cursor.row() if cursor.isValid() and cursor.column() == col else -1

            def key(i: int, field=field):
                ind = inds[i]
                return (
                    (ind.level1.strip(),)
                    if field == "level1"
                    else (ind.level1.strip(), ind.level2.strip())
                )

            start = 0
            for row in range(1, rows + 1):
                if (
                    row < rows
                    and key(row)[-1]
                    and key(row) == key(start)
                    and row != current
                    and start != current
                ):
                    continue
                if row - start > 1:
                    view.setSpan(start, col, row - start, 1)
                    view.merged.append((start, col, row - start))
                start = row

    def _update_actions(self) -> None:
        has_owner = self.owner is not None
        has_rows = has_owner and self.model.rowCount() > 0
        rows = self.selected_rows()
        for act in (self.act_add, self.act_insert, self.act_paste, self.act_paste_rows):
            act.setEnabled(has_owner)
        for act in (self.act_delete, self.act_copy, self.act_cut, self.act_clear):
            act.setEnabled(has_rows)
        self.act_sort.setEnabled(has_owner and self.model.rowCount() > 1)
        self.act_up.setEnabled(has_rows and bool(rows) and rows[0] > 0)
        self.act_down.setEnabled(has_rows and bool(rows) and rows[-1] < self.model.rowCount() - 1)
        # shown only while rows are still 待复核 (after a rollover), enabled on such rows
        self.act_review.setVisible(has_rows and any(i.needs_review for i in self.model.indicators))
        self.act_review.setEnabled(bool(self._review_rows()))

    def _review_rows(self) -> list[Indicator]:
        indicators = self.model.indicators
        rows = [r for r in self.selected_rows() if 0 <= r < len(indicators)]
        return [indicators[r] for r in rows if indicators[r].needs_review]

    def confirm_review(self) -> None:
        """确认复核 of the selected rows (one undo step)."""
        rows = self._review_rows()
        set_fields(self.ctx, [(ind, "needs_review", False) for ind in rows], "确认复核")

    # -- row operations (indicator_rows) ------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return self.rows.selected_rows()

    def add_row(self) -> None:
        self.rows.add_row()

    def insert_row(self) -> None:
        self.rows.insert_row()

    def delete_rows(self) -> None:
        self.rows.delete_rows()

    def move_up(self) -> None:
        self.rows.move(-1)

    def move_down(self) -> None:
        self.rows.move(1)

    def sort_rows(self) -> None:
        """按指标分类排序: rows by 一级 in the catalog's order, then 二级; one undo step."""
        if self.owner is None:
            return
        self.rows.sort_by_category()
        self.show_order_note()

    # -- clipboard (indicator_clipboard) --------------------------------------------------------

    def copy(self) -> None:
        self.clipboard.copy()

    def cut(self) -> None:
        self.clipboard.cut()

    def clear_cells(self, text: str = "清除内容") -> None:
        self.clipboard.clear_cells(text)

    def paste(self) -> None:
        self.clipboard.paste()

    def paste_as_rows(self) -> None:
        self.clipboard.paste_as_rows()


def add_actions(target: QMenu | QToolBar, actions: list[QAction | None]) -> None:
    """Add *actions* to a menu or toolbar in order; None is a separator."""
    for act in actions:
        if act is None:
            target.addSeparator()
        else:
            target.addAction(act)
