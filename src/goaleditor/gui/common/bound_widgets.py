"""Input widgets bound to one field of a model object, editing only through undo commands.

Typing pushes a `SetFieldCommand` (consecutive keystrokes merge into one undo step);
an undo or another panel's edit comes back through ``ctx.fieldChanged`` and updates
the widget.  Ctrl+Z / Ctrl+Y go to the document's undo stack, not to the widget's
private one, so undo means the same thing everywhere in the window.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextOption, QUndoCommand, QValidator
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolTip, QWidget

from ...amounts import AmountError, format_number, parse_amount, read_amount
from . import messages
from .commands import SetFieldCommand
from .context import EditorContext

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

_PROBLEM_STYLE = "QLineEdit { border: 1px solid #c62828; background: #fdecea; }"


def format_amount(value: Decimal | None) -> str:
    """``6797.78`` → ``6,797.78`` as the printed forms show money; blank for None."""
    return "" if value is None else f"{value:,.2f}"


def exact_amount(value: Decimal | None) -> str:
    """Every decimal the amount has (``0.123456``), at least two: for a tooltip when
    `format_amount` rounds what it shows."""
    return format_number(value)


def amount_problem(text: str, unit: str | None) -> str:
    """Why *text* is not an amount ("" when it is one, or blank): `amounts.read_amount`."""
    try:
        parse_amount(text, unit)
    except AmountError as err:
        return str(err)
    return ""


class AmountValidator(QValidator):
    """Acceptable when the text is an amount in the document's unit, else Intermediate.

    Never Invalid: a keystroke the validator refused would vanish without a word (the
    clerk typing 万 saw nothing happen).  The field says what is wrong instead.
    """

    def __init__(self, unit: Callable[[], str | None], parent: QObject | None = None):
        super().__init__(parent)
        self.unit = unit

    def validate(self, text: str, pos: int):
        problem = amount_problem(text, self.unit())
        state = QValidator.State.Intermediate if problem else QValidator.State.Acceptable
        return state, text, pos


class CheckedLineEdit(QLineEdit):
    """A line edit that says at once what is wrong with its text: red while *check* finds a
    problem (the reason in its tooltip), the reason shown under the field on Enter.

    *check* gives the reason the text cannot be taken, or "" when it can.
    """

    def __init__(self, check: Callable[[str], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.check = check
        self._plain_tip = ""
        self.textChanged.connect(self._mark_problem)

    def problem(self) -> str:
        return self.check(self.text())

    def _mark_problem(self) -> None:
        problem = self.problem()
        self.setStyleSheet(_PROBLEM_STYLE if problem else "")
        self.setToolTip(problem or self._plain_tip)

    def set_plain_tool_tip(self, tip: str) -> None:
        """The tooltip while the text is fine (the exact amount, a hint)."""
        self._plain_tip = tip
        self._mark_problem()

    def show_problem(self) -> bool:
        """Show why the text cannot be taken, right under the field; False when it can."""
        problem = self.problem()
        if problem:
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)
        return bool(problem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.show_problem()
        super().keyPressEvent(event)


class AmountLineEdit(CheckedLineEdit):
    """A line edit for money: `AmountValidator`, red while the text is not an amount
    (the reason in its tooltip), and the reason shown at the field on Enter."""

    def __init__(self, unit: Callable[[], str | None], parent: QWidget | None = None):
        super().__init__(lambda text: amount_problem(text, self.unit()), parent)
        self.unit = unit
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setValidator(AmountValidator(unit, self))


def report_rejected(widget: QWidget, title: str, text: str) -> None:
    """Tell the clerk typed text was not taken, once the current event is over (a box
    inside a focus change or a re-bind would run in the middle of it; a tooltip would be
    hidden by the click that left the field)."""
    window = widget.window()
    QTimer.singleShot(0, lambda: messages.show_warning(window, title, text))


def report_rejected_amount(widget: QWidget, text: str) -> None:
    """`report_rejected` for an amount."""
    report_rejected(widget, "金额有误", text)


def route_undo_key(ctx: EditorContext, event: QEvent) -> bool | None:
    """Send Ctrl+Z / Ctrl+Y in a field to the document's undo stack.

    Returns what the widget's ``event()`` (or an event filter) should return for *event*,
    or None when it is not an undo key.  A ShortcutOverride is left unaccepted so that
    the window's 撤销/重做 action takes the key; a KeyPress only arrives when no enabled
    action did.
    """
    if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
        return None
    key = next((k for k in _UNDO_KEYS if event.matches(k)), None)
    if key is None:
        return None
    if event.type() == QEvent.Type.ShortcutOverride:
        event.ignore()
        return False
    if key == QKeySequence.StandardKey.Undo:
        ctx.undo_stack.undo()
    else:
        ctx.undo_stack.redo()
    return True


class UndoKeyFilter(QObject):
    """`route_undo_key` for widgets that are not bound widgets (combo boxes)."""

    def __init__(self, ctx: EditorContext, parent: QObject):
        super().__init__(parent)
        self.ctx = ctx

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return bool(route_undo_key(self.ctx, event))


class GlobalUndoMixin:
    """Routes Ctrl+Z / Ctrl+Y to ``self.ctx.undo_stack`` instead of the widget's own undo."""

    ctx: EditorContext

    def event(self, event) -> bool:
        ctx = getattr(self, "ctx", None)  # None while the widget is being built
        handled = None if ctx is None else route_undo_key(ctx, event)
        return super().event(event) if handled is None else handled  # type: ignore[misc]


class _BoundField(GlobalUndoMixin):
    """What every bound widget holds: ``obj.<field>``, and *label* for the undo text."""

    obj: object | None
    field: str
    label: str

    def make_command(self, value: Any) -> QUndoCommand:
        return SetFieldCommand(self.ctx, self.obj, self.field, value, f"修改{self.label}")

    def _push_value(self, value: Any) -> None:
        """One undo step setting the field to *value*, unless it has that value already."""
        if self.obj is not None and getattr(self.obj, self.field) != value:
            self.ctx.undo_stack.push(self.make_command(value))


class BoundLineEdit(_BoundField, QLineEdit):
    """A one-line text field: ``obj.<field>`` as typed.

    `bind` moves the field to another object (the project editor shows one project at
    a time); with no object it is blank and typing changes nothing.
    """

    def __init__(
        self,
        ctx: EditorContext,
        obj: object | None,
        field: str,
        label: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.obj, self.field, self.label = ctx, obj, field, label
        self.bind(obj)
        self.textEdited.connect(self._push)
        ctx.fieldChanged.connect(self._on_field_changed)

    def bind(self, obj: object | None) -> None:
        self.obj = obj
        self._show()

    def _show(self) -> None:
        value = "" if self.obj is None else getattr(self.obj, self.field)
        if self.text() != value:
            self.setText(value)

    def _push(self, text: str) -> None:
        self._push_value(text)

    def _on_field_changed(self, obj: object, name: str) -> None:
        if obj is self.obj and name == self.field:
            self._show()


class BoundTextEdit(_BoundField, QPlainTextEdit):
    """A paragraph field (总体绩效目标 …): wraps, grows from *lines* up to *max_lines*
    lines (default: at least 8), then scrolls.

    *compact* boxes are as tall as their text instead: one line for a one-line 资金用途,
    at most *lines* lines while the clerk is elsewhere and *max_lines* while typing in
    it, so a form of several boxes stays short (the project header leaves the room to
    the indicator table below it, on a 1366×768 screen at 150% too).
    """

    def __init__(
        self,
        ctx: EditorContext,
        obj: object | None,
        field: str,
        label: str,
        parent: QWidget | None = None,
        lines: int = 4,
        max_lines: int | None = None,
        compact: bool = False,
    ):
        super().__init__(parent)
        self.ctx, self.obj, self.field, self.label = ctx, obj, field, label
        self.compact = compact
        self.lines, self.max_lines = lines, max_lines or max(lines, 8)
        #: The most pixels the box may take: on a small page, what its scroll area shows,
        #: so the box scrolls its own text instead of hiding behind a second scrollbar.
        self.height_room: int | None = None
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        # Text always wraps (a long code or web address anywhere), so a horizontal
        # scrollbar would only take the height of a line from a two-line box.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._updating = False
        if not compact:
            line = self.fontMetrics().lineSpacing()
            self.setMinimumHeight(line * lines + 14)
            self.setMaximumHeight(line * self.max_lines + 14)
        self.bind(obj)
        self.textChanged.connect(self._push)
        self.textChanged.connect(self.fit_height)
        ctx.fieldChanged.connect(self._on_field_changed)
        self.fit_height()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.height()) if self.compact else hint

    def text_lines(self) -> int:
        """Lines the text takes at the box's width, wrapped as the box wraps it."""
        metrics = self.fontMetrics()
        margin = int(self.document().documentMargin())
        width = max(self.viewport().width() - 2 * margin, 10 * metrics.averageCharWidth())
        flags = Qt.TextFlag.TextWordWrap
        total = 0
        for paragraph in self.toPlainText().split("\n"):
            rect = metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, paragraph or " ")
            total += max(1, round(rect.height() / metrics.lineSpacing()))
        return total

    def line_height(self) -> float:
        """Pixel height of one laid-out line.

        Chinese glyphs come from a fallback font whose lines are taller than the
        widget font's ``lineSpacing`` (19 px against 14 px with WenQuanYi), so the
        height is measured from the text's own layout.
        """
        spacing = float(self.fontMetrics().lineSpacing())
        block = self.document().firstBlock()
        layout = block.layout() if block.isValid() else None
        lines = layout.lineCount() if layout is not None else 0
        if lines:
            return max(spacing, self.blockBoundingRect(block).height() / lines)
        return spacing

    def fit_height(self) -> None:
        """A compact box: as tall as its text, up to its cap (higher while focused)."""
        if not self.compact:
            return
        cap = self.max_lines if self.hasFocus() else self.lines
        shown = max(1, min(self.text_lines(), cap))
        margins = self.contentsMargins()
        chrome = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        height = math.ceil(shown * self.line_height()) + chrome + 2
        if self.height_room is not None:
            one_line = math.ceil(self.line_height()) + chrome + 2
            height = max(min(height, self.height_room), one_line)
        if self.minimumHeight() != height or self.maximumHeight() != height:
            self.setFixedHeight(height)
            self.updateGeometry()
            self._schedule_rewrap()

    def set_height_room(self, room: int | None) -> None:
        old, self.height_room = self.height_room, room
        # refit only where the room decides the height (it was, or it would be, too small)
        held = old is not None and self.height() >= old
        if room != old and (held or (room is not None and self.height() > room)):
            self.fit_height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_height()

    def viewportEvent(self, event: QEvent) -> bool:
        """A scrollbar that comes or goes with a new height narrows or widens the
        viewport, but QPlainTextEdit keeps the lines it broke for the old width: the
        end of each line hides under the scrollbar.  Break them again."""
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            old, new = event.oldSize().width(), event.size().width()
            if old > 0 and old != new:
                self._schedule_rewrap()
        return handled

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._schedule_rewrap()

    def _schedule_rewrap(self) -> None:
        """After the height change has settled (scrollbars shown or hidden)."""
        QTimer.singleShot(0, self, self._rewrap)

    def _rewrap(self) -> None:
        # Changing the wrap mode is what makes QPlainTextEdit lay the document out anew.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.fit_height()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.fit_height()

    def bind(self, obj: object | None) -> None:
        self.obj = obj
        self._replace_text(self.model_text())
        # Another project's text: show its beginning, as the printed form starts.
        self.moveCursor(self.textCursor().MoveOperation.Start)

    def model_text(self) -> str:
        return "" if self.obj is None else getattr(self.obj, self.field)

    def value_from_text(self, text: str) -> Any:
        return text

    def _replace_text(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        self._updating = True
        try:
            self.setPlainText(text)
            self.moveCursor(self.textCursor().MoveOperation.End)
        finally:
            self._updating = False

    def _push(self) -> None:
        if not self._updating:
            self._push_value(self.value_from_text(self.toPlainText()))

    def _on_field_changed(self, obj: object, name: str) -> None:
        """Show a change made elsewhere (undo); text that means the same stays as typed."""
        if obj is not self.obj or name != self.field:
            return
        if self.value_from_text(self.toPlainText()) != getattr(obj, name):
            self._replace_text(self.model_text())


class SetLinesCommand(SetFieldCommand):
    """Replace a ``list[str]`` field; consecutive typing in the same list merges."""

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, SetLinesCommand)
            or other.obj is not self.obj
            or other.name != self.name
        ):
            return False
        self.new = other.new
        return True


class BoundLinesEdit(BoundTextEdit):
    """A ``list[str]`` field edited as one item per line (工作保障措施 items, 绩效目标)."""

    def model_text(self) -> str:
        return "" if self.obj is None else "\n".join(getattr(self.obj, self.field))

    def value_from_text(self, text: str) -> Any:
        return [line.strip() for line in text.split("\n") if line.strip()]

    def make_command(self, value: Any) -> QUndoCommand:
        return SetLinesCommand(self.ctx, self.obj, self.field, value, f"修改{self.label}")


class BoundAmountEdit(_BoundField, AmountLineEdit):
    """An amount (Decimal or blank), right-aligned: two decimals shown while the clerk
    is elsewhere (the exact value in the tooltip), every decimal it has while the
    clerk is in the field (0.123456 万元, not 0.12), so retyping what is shown never
    changes the amount.

    Written when the clerk leaves the field or presses Enter, so a half-typed number
    never reaches the model; and only when the clerk typed in it.  Text that is not an
    amount stays in the field on Enter, with the reason under it; leaving the field
    then brings back the amount the document has and says so.
    """

    def __init__(
        self,
        ctx: EditorContext,
        obj: object | None,
        field: str,
        label: str,
        parent: QWidget | None = None,
    ):
        super().__init__(lambda: ctx.document.money_unit, parent)
        self.ctx, self.obj, self.field, self.label = ctx, obj, field, label
        #: The clerk is in the field: it shows the exact amount.
        self.editing = False
        self.setPlaceholderText("0.00")
        self.bind(obj)
        self.editingFinished.connect(self.commit)
        ctx.fieldChanged.connect(self._on_field_changed)

    def bind(self, obj: object | None) -> None:
        """Show *obj*'s amount; what was typed for the previous object is written first."""
        self.commit()
        self.obj = obj
        self._show()

    def model_value(self) -> Decimal | None:
        return None if self.obj is None else getattr(self.obj, self.field)

    def value(self) -> Decimal | None:
        """The amount as typed so far (None when blank or not an amount); the document's
        exact amount while nothing was typed (the field may show it rounded)."""
        if not self.isModified():
            return self.model_value()
        try:
            return parse_amount(self.text(), self.unit())
        except AmountError:
            return None

    def _show(self) -> None:
        value = self.model_value()
        exact = exact_amount(value)
        text = exact if self.editing else format_amount(value)
        if self.text() != text:
            self.setText(text)  # also clears isModified()
        self.set_plain_tool_tip(f"精确值：{exact} {self.unit()}" if exact != text else "")

    def commit(self) -> None:
        if self.obj is None or not self.isModified():
            return
        self.setModified(False)
        try:
            amount = read_amount(self.text(), self.unit())
        except AmountError as err:
            old = format_amount(self.model_value())
            kept = f"{old} {self.unit()}" if old else "空白"
            self._show()
            report_rejected_amount(self, f"{err}\n\n没有改动：{self.label}仍为 {kept}。")
            return
        self._push_value(None if amount is None else amount.value)
        self._show()
        if amount is not None and amount.written:
            messages.show_status(self, f"{self.label}{amount.conversion(self.unit() or '元')}。")

    def focusInEvent(self, event) -> None:
        self.editing = True
        if not self.isModified():
            self._show()  # before Qt selects the text for a Tab
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.editing = False
        super().focusOutEvent(event)  # an amount: editingFinished has committed it
        self.commit()
        if not self.isModified():
            self._show()

    def _on_field_changed(self, obj: object, name: str) -> None:
        if (obj is self.obj and name == self.field) or (
            obj is self.ctx.document and name == "money_unit"
        ):
            self._show()
