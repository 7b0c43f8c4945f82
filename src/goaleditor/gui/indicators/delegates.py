"""Cell editors of the indicator table: category dropdowns, completions, value help.

An editor opened by typing onto a cell starts empty (the typing replaces the text, as
in Excel); one opened with F2 or a double-click starts with the cursor after the text.
Alt+↑/Alt+↓ in an open editor are the editor's (Alt+↓ opens a dropdown).

一级 and 二级 are editable dropdowns (the standard tree first; a typed part completes to
a standard name, a variant no name contains is kept as written); 三级 completes from the catalog and from every indicator
already in the document, and once the 指标库 index is built from it too, pinyin included
(`library.completion.NameEdit`); 指标值 is typed text with a menu of comparisons and units.
"""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QEvent,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QWidget,
)

from ...catalog import UNKNOWN, load_catalog
from ...indicator_cells import BASIS_TYPE_LABELS, CellError
from ...tsv import clean_cell
from ...values import COMMON_UNITS, COMPARISONS, normalize_typed
from ..common.bound_widgets import CheckedLineEdit, report_rejected
from ..common.context import EditorContext
from ..common.messages import show_status
from .model import CellEditCommand

#: Fields whose text is long enough to wrap while editing.
WRAPPED_FIELDS = frozenset({"description", "basis", "explanation", "scoring"})

_VALUE_PARTS = re.compile(r"^(\s*(?:[≥≤=><]|>=|<=)?\s*)(\d[\d,]*(?:\.\d+)?)?(.*)$", re.S)


def set_comparison(text: str, comparison: str) -> str:
    """*text* with its leading comparison replaced by *comparison*."""
    rest = text.lstrip()
    for token in (">=", "<=", "≥", "≤", "=", ">", "<"):
        if rest.startswith(token):
            rest = rest[len(token) :].lstrip()
            break
    return comparison + rest


def set_unit(text: str, unit: str) -> str:
    """*text* with the unit after its number replaced by *unit* (appended without a number)."""
    match = _VALUE_PARTS.match(text)
    if match and match.group(2):
        return match.group(1) + match.group(2) + unit
    return text + unit


def ranked_matches(names: list[str], typed: str) -> list[str]:
    """The names that start with *typed*, then those that contain it (效益 → 效益指标,
    then 社会效益指标); none for a blank."""
    typed = typed.strip()
    if not typed:
        return []
    starts = [n for n in names if n.startswith(typed)]
    return starts + [n for n in names if typed in n and n not in starts]


class CategoryCombo(QComboBox):
    """An editable dropdown: pick a standard category or type a variant.

    Typing offers the names that start with, then contain, the typed text in a list
    under the cell with the first one highlighted: Enter or Tab takes the highlighted
    name (效益 → 效益指标), Esc closes the list and keeps the text as typed, and a text
    that no name contains is kept as typed (帮扶对象满意度指标, a unit's own category).
    """

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self.setMaxVisibleItems(16)
        self.addItems(names)
        self.names = list(names)
        self.setCompleter(None)  # the ranked list below replaces Qt's own
        self._matches = QStringListModel(self)
        self.completion = QCompleter(self._matches, self)
        self.completion.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completion.setMaxVisibleItems(10)
        self.completion.setWidget(self.lineEdit())
        self.completion.popup().installEventFilter(self)
        self.completion.activated[str].connect(self.set_text)  # a click on a name
        self.lineEdit().textEdited.connect(self._offer)
        self._fit_popup()

    def text_width(self) -> int:
        """Room the longest item needs (帮扶对象满意度指标 must not be cut off)."""
        metrics = self.view().fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())),
                     default=0)  # fmt: skip
        return widest + 2 * metrics.averageCharWidth()

    def _fit_popup(self) -> None:
        """The dropdown list is as wide as its longest item (plus a scroll bar)."""
        scroll = self.style().pixelMetric(QStyle.PM_ScrollBarExtent)
        self.view().setMinimumWidth(self.text_width() + scroll + 8)
        self.completion.popup().setMinimumWidth(self.text_width() + scroll + 8)

    def _offer(self, typed: str) -> None:
        """Show the names that match what was typed, the best one highlighted."""
        matches = ranked_matches(self.names, typed)
        popup = self.completion.popup()
        if not matches or matches == [typed.strip()]:
            popup.hide()
            return
        self._matches.setStringList(matches)
        self.completion.setCompletionPrefix("")
        self.completion.complete()
        popup.setCurrentIndex(self.completion.completionModel().index(0, 0))

    def highlighted_completion(self) -> str:
        """The name highlighted in the open completion list ("" when it is closed)."""
        popup = self.completion.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return str(popup.currentIndex().data())
        return ""

    def eventFilter(self, watched, event) -> bool:
        """Enter or Tab in the completion list takes the highlighted name and then does
        what it does in the cell (Enter writes it, Tab moves on)."""
        if (
            watched is self.completion.popup()
            and event.type() == QEvent.KeyPress
            and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)
        ):
            name = self.highlighted_completion()
            if name:
                self.set_text(name)
            self.completion.popup().hide()
            key = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self, key)
            return True
        return super().eventFilter(watched, event)

    def set_text(self, text: str) -> None:
        i = self.findText(text)
        if i < 0 and text:
            self.addItem(text)
            i = self.count() - 1
            self._fit_popup()
        self.setCurrentIndex(i)
        self.setEditText(text)

    def text(self) -> str:
        """What the cell gets: the highlighted completion while the list is open, else
        the text as typed."""
        return self.highlighted_completion() or self.currentText().strip()


class ValueEdit(QLineEdit):
    """指标值 editor: ``>=90`` becomes ``≥90`` as typed (`values.normalize_typed`), a ▾
    menu sets comparison and unit, and after a bare number the completer offers it with
    the common units."""

    def __init__(self, units: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.units = units
        self.setPlaceholderText("如 ≥95%、≤15分钟、有效保障")
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        completer.setMaxVisibleItems(10)
        self.setCompleter(completer)
        icon = self.style().standardIcon(QStyle.SP_ToolBarVerticalExtensionButton)
        self.help_action = QAction(icon, "比较符号和单位", self)
        self.help_action.setToolTip("插入比较符号（≥ ≤ = > <）或单位")
        self.help_action.triggered.connect(self.show_help_menu)
        self.addAction(self.help_action, QLineEdit.TrailingPosition)
        self.textEdited.connect(self._on_text_edited)

    def help_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addSection("比较符号")
        for sign in COMPARISONS:
            act = menu.addAction(sign)
            act.triggered.connect(
                lambda _=False, s=sign: self._apply(set_comparison(self.text(), s))
            )
        menu.addSection("单位")
        for unit in self.units:
            act = menu.addAction(unit)
            act.triggered.connect(lambda _=False, u=unit: self._apply(set_unit(self.text(), u)))
        return menu

    def show_help_menu(self) -> None:
        menu = self.help_menu()
        menu.exec(self.mapToGlobal(QPoint(0, self.height())))

    def _apply(self, text: str) -> None:
        self.setText(text)
        self.setFocus()

    def _on_text_edited(self, text: str) -> None:
        # After a blank the clerk is between two parts: tidy once the next part comes
        # (and on commit), so a blank never vanishes under the cursor.
        fixed = text if text[-1:].isspace() else normalize_typed(text)
        if fixed != text:
            pos = self.cursorPosition() - (len(text) - len(fixed))
            self.setText(fixed)
            self.setCursorPosition(max(0, pos))
            text = fixed
        match = _VALUE_PARTS.match(text)
        if match and match.group(2) and not match.group(3):
            self._completions.setStringList([text + unit for unit in self.units])
        else:
            self._completions.setStringList([])


class BasisTypeCombo(QComboBox):
    """指标值设定依据's kind: blank or one of 财预〔2021〕101号's four, as the notice words them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem("（不填）", "")
        for name, label in BASIS_TYPE_LABELS.items():
            self.addItem(label, name)


class WrapTextEdit(QPlainTextEdit):
    """Multi-line cell editor: Enter commits, Alt+Enter or Shift+Enter breaks the line.

    It stays inside its cell: as the text wraps onto more lines, its row grows
    (`grow_row_with`) instead of the editor spreading over the rows below.
    """

    commitRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            if event.modifiers() & (Qt.AltModifier | Qt.ShiftModifier):
                self.insertPlainText("\n")
                return
            self.commitRequested.emit()
            return
        super().keyPressEvent(event)

    def wanted_height(self) -> int:
        """The height that shows all of the text at the editor's width."""
        lines = max(1, int(self.document().size().height()))  # the plain layout counts lines
        margin = 2 * int(self.document().documentMargin()) + 2 * self.frameWidth()
        return lines * self.fontMetrics().lineSpacing() + margin + 4


def grow_row_with(editor: WrapTextEdit, view, index) -> None:
    """Make the row of *index* tall enough for *editor*'s text as it is typed.

    The editor keeps to its cell (`place_editor`), so nothing of it covers the next row
    and a click there reaches that row.  The view counts an open editor's text in its
    row's height (`IndicatorView.sizeHintForRow`); the row's height from its contents
    comes back when the editor closes.
    """
    row = QPersistentModelIndex(index)

    def fit() -> None:
        if row.isValid() and view.rowHeight(row.row()) < view.sizeHintForRow(row.row()):
            view.resizeRowToContents(row.row())
            view.updateEditorGeometries()
            view.scrollTo(view.model().index(row.row(), row.column()))

    editor.textChanged.connect(fit)


def place_editor(editor: QWidget, rect: QRect) -> None:
    """Put a cell editor on its cell: a one-line editor as tall as it needs, centred in a
    taller (wrapped) row; every editor within the cell's own rectangle."""
    if isinstance(editor, (QComboBox, QLineEdit)):
        height = max(editor.sizeHint().height(), 24)
        if rect.height() > height:
            rect = rect.adjusted(0, (rect.height() - height) // 2, 0, 0)
            rect.setHeight(height)
    editor.setGeometry(rect)


def _is_alt_arrow(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeypadModifier
    return mods == Qt.AltModifier and event.key() in (Qt.Key_Up, Qt.Key_Down)


def start_editing(editor: QWidget, replace: bool) -> None:
    """Ready a just-opened cell editor: emptied when the clerk typed onto the cell (the
    typing replaces the text, as in Excel), else the cursor after the text."""
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    if isinstance(line, QLineEdit):
        if replace:
            line.clear()
        else:
            line.deselect()
            line.end(False)
    elif isinstance(editor, QPlainTextEdit):
        if replace:
            editor.clear()
        else:
            editor.moveCursor(editor.textCursor().MoveOperation.End)


def commit_on_request(delegate: QStyledItemDelegate, editor: WrapTextEdit) -> None:
    """Wire a `WrapTextEdit` so Enter writes the cell and closes the editor."""

    def commit() -> None:
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QStyledItemDelegate.NoHint)

    editor.commitRequested.connect(commit)


class IndicatorDelegate(QStyledItemDelegate):
    """Chooses the editor by the column's model field (see `IndicatorModel.columns`)."""

    def __init__(self, ctx: EditorContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx

    # -- what each editor offers ----------------------------------------------------

    def level1_choices(self) -> list[str]:
        return load_catalog().level1_names()

    def level2_choices(self, level1: str) -> list[str]:
        """The 二级 of the row's 一级; every known 二级 when the 一级 is blank or unknown."""
        catalog = load_catalog()
        return catalog.level2_for(level1) or catalog.level2_names()

    def name_choices(self, level2: str) -> list[str]:
        """Catalog suggestions for the 二级 first, then every 三级 in the document."""
        seen: dict[str, None] = dict.fromkeys(load_catalog().suggestions(level2))
        for _owner, _row, ind in self.ctx.document.all_indicators():
            if ind.name:
                seen.setdefault(ind.name.strip(), None)
        return list(seen)

    def unit_choices(self, level2: str, name: str) -> list[str]:
        typical = load_catalog().typical_unit(level2, name)
        units = list(COMMON_UNITS)
        if typical:
            units = [typical] + [u for u in units if u != typical]
        return units

    # -- QStyledItemDelegate ------------------------------------------------------------

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        model = index.model()
        field = model.field(index.column())
        ind = model.indicator(index.row())
        if field == "level1":
            return CategoryCombo(self.level1_choices(), parent)
        if field == "level2":
            return CategoryCombo(self.level2_choices(ind.level1), parent)
        if field == "name":
            library = getattr(self.ctx, "library", None)
            if library is not None and library.index is not None:
                from ..library.completion import NameEdit

                return NameEdit(library.index, self.name_choices(ind.level2), ind.level2, parent)
            editor = QLineEdit(parent)
            completer = QCompleter(self.name_choices(ind.level2), editor)
            completer.setFilterMode(Qt.MatchContains)
            completer.setMaxVisibleItems(12)
            editor.setCompleter(completer)
            return editor
        if field in ("value", "period_value"):
            return ValueEdit(self.unit_choices(ind.level2, ind.name), parent)
        if field == "basis_type":
            return BasisTypeCombo(parent)
        if field == "weight":  # red while not a weight, and kept open until it is one
            editor = CheckedLineEdit(lambda text: model.problem(field, clean_cell(text)), parent)
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return editor
        if field in WRAPPED_FIELDS:
            editor = WrapTextEdit(parent)
            commit_on_request(self, editor)
            grow_row_with(editor, self.parent(), index)
            return editor
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, CategoryCombo):
            editor.set_text(text)
        elif isinstance(editor, BasisTypeCombo):
            editor.setCurrentIndex(max(editor.findData(text), 0))
        elif isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QLineEdit) and editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor: QWidget, model, index) -> None:
        if isinstance(editor, CategoryCombo):
            text = clean_cell(editor.text()).strip()
            if model.field(index.column()) == "level1":
                self.set_level1(model, index, text)
                return
        elif isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
        elif isinstance(editor, BasisTypeCombo):
            text = editor.currentData()
        elif isinstance(editor, ValueEdit):
            text = normalize_typed(editor.text())
        else:
            text = editor.text()
        try:
            model.set_cell(index.row(), model.field(index.column()), text)
        except CellError as err:
            self.refuse(index, str(err))

    def refuse(self, index, message: str) -> None:
        """Say why the typed text was not taken when the clerk left the cell (Enter and Tab
        keep it open instead): the cell keeps its value, as a refused amount does."""
        view = self.parent()
        old = index.data(Qt.ItemDataRole.EditRole) or "空白"
        title = index.model().title(index.model().field(index.column()))
        kept = f"第 {index.row() + 1} 行的“{title}”仍为 {old}"
        show_status(view, f"{message}{kept}。")
        report_rejected(view, f"{title}有误", f"{message}\n\n没有改动：{kept}。")

    def set_level1(self, model, index, text: str) -> None:
        """A 一级 whose 二级 list lacks the row's 二级 clears it, in the same undo step.

        A variant the catalog files under the new 一级 stays, and so does everything
        under a 一级 the catalog does not know (the clerk's own category).
        """
        ind = model.indicator(index.row())
        catalog = load_catalog()
        stale = (
            text != ind.level1
            and ind.level2.strip()
            and catalog.level1(text) is not None
            and catalog.classify(text, ind.level2) == UNKNOWN
        )
        if not stale:
            model.setData(index, text, Qt.ItemDataRole.EditRole)
            return
        old = ind.level2
        stack = self.ctx.undo_stack
        stack.beginMacro(f"修改一级指标（清除不属于“{text}”的二级指标）")
        model.setData(index, text, Qt.ItemDataRole.EditRole)
        stack.push(CellEditCommand(self.ctx, ind, "level2", "", "清除二级指标"))
        stack.endMacro()
        show_status(
            self.parent(),
            f"第 {index.row() + 1} 行的二级指标“{old}”不属于“{text}”，已清除（可撤销）",
        )

    def eventFilter(self, editor, event) -> bool:
        """Alt+↑/Alt+↓ in an open cell belong to its editor (Alt+↓ opens a dropdown, as on
        Windows), not to the table's 上移/下移 shortcuts.

        Enter or Tab on text a checked cell (权重) cannot take keep the cell open with the
        text, and say why under it, as the amount fields do; Esc gives the old value back,
        and a click elsewhere leaves the cell as it was and says so at the cell."""
        if (
            isinstance(editor, CheckedLineEdit)
            and event.type() == QEvent.KeyPress
            and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)
            and editor.show_problem()
        ):
            return True
        if event.type() in (QEvent.ShortcutOverride, QEvent.KeyPress) and _is_alt_arrow(event):
            if event.type() == QEvent.ShortcutOverride:
                event.accept()  # no shortcut: the key goes to the editor
                return True
            # the combo opens or closes its list; other editors have no use for the key,
            # and it must not reach the view, which would move to the next row
            return not isinstance(editor, QComboBox)
        return super().eventFilter(editor, event)

    def updateEditorGeometry(self, editor: QWidget, option, index) -> None:
        # within the cell: a 一级/二级 name longer than the column shows whole in the list
        place_editor(editor, option.rect)
