"""Input widgets bound to one field of a model object, editing only through undo commands.

Typing pushes a `SetFieldCommand` (consecutive keystrokes merge into one undo step);
an undo or another panel's edit comes back through ``ctx.fieldChanged`` and updates
the widget.  Ctrl+Z / Ctrl+Y go to the document's undo stack, not to the widget's
private one, so undo means the same thing everywhere in the window.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, QRegularExpression, Qt
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QUndoCommand
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from .commands import SetFieldCommand
from .context import EditorContext

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


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


class _GlobalUndoMixin:
    """Routes Ctrl+Z / Ctrl+Y to ``self.ctx.undo_stack`` instead of the widget's own undo."""

    ctx: EditorContext

    def _is_undo_key(self, event) -> QKeySequence.StandardKey | None:
        for key in _UNDO_KEYS:
            if event.matches(key):
                return key
        return None

    def _undo_event(self, event) -> bool | None:
        """Handle *event* if it is an undo key; return the result, or None to go on."""
        if event.type() == QEvent.ShortcutOverride and self._is_undo_key(event):
            event.ignore()  # let the window's 撤销/重做 action have it
            return False
        if event.type() == QEvent.KeyPress:
            key = self._is_undo_key(event)
            if key is not None:
                if key == QKeySequence.StandardKey.Undo:
                    self.ctx.undo_stack.undo()
                else:
                    self.ctx.undo_stack.redo()
                return True
        return None


class BoundLineEdit(_GlobalUndoMixin, QLineEdit):
    """A one-line text field: ``obj.<field>`` as typed."""

    def __init__(
        self, ctx: EditorContext, obj: object, field: str, label: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx, self.obj, self.field, self.label = ctx, obj, field, label
        self.setText(getattr(obj, field))
        self.textEdited.connect(self._push)
        ctx.fieldChanged.connect(self._on_field_changed)

    def event(self, event) -> bool:
        handled = self._undo_event(event)
        return super().event(event) if handled is None else handled

    def _push(self, text: str) -> None:
        if getattr(self.obj, self.field) != text:
            self.ctx.undo_stack.push(
                SetFieldCommand(self.ctx, self.obj, self.field, text, f"修改{self.label}")
            )

    def _on_field_changed(self, obj: object, name: str) -> None:
        if obj is self.obj and name == self.field:
            value = getattr(obj, name)
            if self.text() != value:
                self.setText(value)


class BoundTextEdit(_GlobalUndoMixin, QPlainTextEdit):
    """A paragraph field (总体绩效目标 …): wraps, grows up to a few lines, then scrolls."""

    def __init__(
        self,
        ctx: EditorContext,
        obj: object,
        field: str,
        label: str,
        parent: QWidget | None = None,
        lines: int = 4,
    ):
        super().__init__(parent)
        self.ctx, self.obj, self.field, self.label = ctx, obj, field, label
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._updating = False
        self.setPlainText(self.model_text())
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * lines + 14)
        self.setMaximumHeight(line * max(lines, 8) + 14)
        self.textChanged.connect(self._push)
        ctx.fieldChanged.connect(self._on_field_changed)

    def model_text(self) -> str:
        return getattr(self.obj, self.field)

    def value_from_text(self, text: str) -> Any:
        return text

    def make_command(self, value: Any) -> QUndoCommand:
        return SetFieldCommand(self.ctx, self.obj, self.field, value, f"修改{self.label}")

    def event(self, event) -> bool:
        handled = self._undo_event(event)
        return super().event(event) if handled is None else handled

    def _push(self) -> None:
        if self._updating:
            return
        value = self.value_from_text(self.toPlainText())
        if getattr(self.obj, self.field) != value:
            self.ctx.undo_stack.push(self.make_command(value))

    def _on_field_changed(self, obj: object, name: str) -> None:
        if obj is not self.obj or name != self.field:
            return
        text = self.model_text()
        if self.toPlainText() != text and self.value_from_text(self.toPlainText()) != getattr(
            obj, name
        ):
            self._updating = True
            try:
                self.setPlainText(text)
                self.moveCursor(self.textCursor().MoveOperation.End)
            finally:
                self._updating = False


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
    """A ``list[str]`` field edited as one item per line (工作保障措施 items)."""

    def model_text(self) -> str:
        return "\n".join(getattr(self.obj, self.field))

    def value_from_text(self, text: str) -> Any:
        return [line.strip() for line in text.split("\n") if line.strip()]

    def make_command(self, value: Any) -> QUndoCommand:
        return SetLinesCommand(self.ctx, self.obj, self.field, value, f"修改{self.label}")


class BoundAmountEdit(_GlobalUndoMixin, QLineEdit):
    """An amount (Decimal or blank), two decimals, right-aligned; written when the clerk
    leaves the field or presses Enter, so a half-typed number never reaches the model."""

    def __init__(
        self, ctx: EditorContext, obj: object, field: str, label: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx, self.obj, self.field, self.label = ctx, obj, field, label
        self.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^\s*-?[\d,，]*(\.\d{0,2})?\s*$"), self)
        )
        self.setPlaceholderText("0.00")
        self.setText(format_amount(getattr(obj, field)))
        self.editingFinished.connect(self.commit)
        ctx.fieldChanged.connect(self._on_field_changed)

    def event(self, event) -> bool:
        handled = self._undo_event(event)
        return super().event(event) if handled is None else handled

    def commit(self) -> None:
        try:
            value = parse_amount(self.text())
        except ValueError:
            self.setText(format_amount(getattr(self.obj, self.field)))
            return
        if value != getattr(self.obj, self.field):
            cmd = SetFieldCommand(self.ctx, self.obj, self.field, value, f"修改{self.label}")
            self.ctx.undo_stack.push(cmd)
        self.setText(format_amount(value))

    def _on_field_changed(self, obj: object, name: str) -> None:
        if obj is self.obj and name == self.field:
            self.setText(format_amount(getattr(obj, name)))
