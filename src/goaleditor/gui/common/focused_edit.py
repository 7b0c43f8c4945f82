"""剪切 / 复制 / 粘贴 from the 编辑 menu, done by the widget that has the keyboard focus.

The keys (Ctrl+X/C/V) stay with the widgets: a text field handles them itself, and the
indicator and task tables have their own actions for them (block copy to Excel, paste of
rows).  The menu items do what the keys would do in the focused widget: a text field's
own cut/copy/paste, else the action of the widget (or a parent) bound to the same key.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: The menu's operations and the standard key each one stands for.
KEYS = {
    "cut": QKeySequence.StandardKey.Cut,
    "copy": QKeySequence.StandardKey.Copy,
    "paste": QKeySequence.StandardKey.Paste,
}


def edit_focused(widget: QWidget | None, operation: str) -> bool:
    """Run *operation* (cut, copy or paste) in *widget*; False when it has none."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        getattr(widget, operation)()
        return True
    keys = QKeySequence.keyBindings(KEYS[operation])
    while widget is not None:
        for act in widget.actions():
            if act.isEnabled() and any(key in keys for key in act.shortcuts()):
                act.trigger()
                return True
        widget = widget.parentWidget()
    return False
