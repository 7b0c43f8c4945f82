"""Input widgets bound to one field of a model object, editing only through undo commands.

Typing pushes a `SetFieldCommand` (consecutive keystrokes merge into one undo step);
an undo or another panel's edit comes back through ``ctx.fieldChanged`` and updates
the widget.  Ctrl+Z / Ctrl+Y go to the document's undo stack, not to the widget's
private one, so undo means the same thing everywhere in the window.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QSize, Qt
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QUndoCommand
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from .commands import SetFieldCommand
from .context import EditorContext

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)

#: What an amount field accepts while typing: digits, thousands commas, two decimals.
AMOUNT_PATTERN = r"^\s*-?[\d,，]*(\.\d{0,2})?\s*$"


def format_amount(value: Decimal | None) -> str:
    """``6797.78`` → ``6,797.78`` as the printed forms show money; blank for None."""
    return "" if value is None else f"{value:,.2f}"


def parse_amount(text: str) -> Decimal | None:
    """The amount the clerk typed (commas and blanks allowed); None when blank.

    Raises ValueError for text that is not a number.
    """
    cleaned = text.replace(",", "").replace("，", "").replace(" ", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as err:
        raise ValueError(text) from err
    if not value.is_finite():
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


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
        handled = route_undo_key(self.ctx, event)
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

    *compact* makes its size hint its minimum, so a form of several boxes stays short
    (the project header leaves the room to the indicator table below it).
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
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._updating = False
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * lines + 14)
        self.setMaximumHeight(line * (max_lines or max(lines, 8)) + 14)
        self.bind(obj)
        self.textChanged.connect(self._push)
        ctx.fieldChanged.connect(self._on_field_changed)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight()) if self.compact else hint

    def bind(self, obj: object | None) -> None:
        self.obj = obj
        self._replace_text(self.model_text())

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


class BoundAmountEdit(_BoundField, QLineEdit):
    """An amount (Decimal or blank), two decimals, right-aligned.

    Written when the clerk leaves the field or presses Enter, so a half-typed number
    never reaches the model; and only when the clerk typed in it, so an amount with
    more decimals than shown (1234.567 shown as 1,234.57) is never silently rounded.
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
        self.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(AMOUNT_PATTERN), self))
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
        """The amount as typed so far (None when blank or not a number)."""
        try:
            return parse_amount(self.text())
        except ValueError:
            return None

    def _show(self) -> None:
        text = format_amount(self.model_value())
        if self.text() != text:
            self.setText(text)  # also clears isModified()

    def commit(self) -> None:
        if self.obj is None or not self.isModified():
            return
        self.setModified(False)
        try:
            value = parse_amount(self.text())
        except ValueError:
            self._show()
            return
        self._push_value(value)
        self.setText(format_amount(value))

    def _on_field_changed(self, obj: object, name: str) -> None:
        if obj is self.obj and name == self.field:
            self._show()
