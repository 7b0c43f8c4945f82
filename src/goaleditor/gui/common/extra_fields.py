"""The fields a layout declares of its own (``"fields"`` of a layout file), as line edits.

Each edits one key of the ``extra`` dict of a project (or department form); a change is
one undo step that replaces the dict, so undo and every view see it like any field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ...layouts import LayoutField
from .commands import SetFieldCommand
from .context import EditorContext


class ExtraFields(QWidget):
    """Line edits for *fields* of ``obj.extra``; hidden when the layout declares none."""

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.obj: object | None = None
        self.fields: list[LayoutField] = []
        self.edits: dict[str, QLineEdit] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        ctx.fieldChanged.connect(self._field_changed)
        self.setVisible(False)

    def show_fields(self, obj: object | None, fields: list[LayoutField]) -> None:
        """Edit *fields* of *obj* (rebuilt only when the list of fields changes)."""
        self.obj = obj
        if [f.id for f in fields] != [f.id for f in self.fields]:
            while self.form.rowCount():
                self.form.removeRow(0)
            self.edits = {}
            for spec in fields:
                edit = QLineEdit(self)
                edit.setObjectName(f"extra_{spec.id}")
                if spec.type == "amount":
                    edit.setPlaceholderText("金额，如 12.50")
                edit.editingFinished.connect(lambda key=spec.id: self._commit(key))
                self.edits[spec.id] = edit
                self.form.addRow(spec.label, edit)
            self.fields = list(fields)
        self.setVisible(bool(fields) and obj is not None)
        self._show()

    def _show(self) -> None:
        extra = getattr(self.obj, "extra", {}) if self.obj is not None else {}
        for key, edit in self.edits.items():
            value = extra.get(key, "")
            if edit.text() != value:
                edit.setText(value)

    def _commit(self, key: str) -> None:
        if self.obj is None:
            return
        text = self.edits[key].text()
        old = self.obj.extra
        if old.get(key, "") == text:
            return
        new = dict(old)
        if text:
            new[key] = text
        else:
            new.pop(key, None)
        label = next((f.label for f in self.fields if f.id == key), key)
        self.ctx.undo_stack.push(SetFieldCommand(self.ctx, self.obj, "extra", new, f"修改{label}"))

    def _field_changed(self, obj: object, name: str) -> None:
        if obj is self.obj and name == "extra":
            self._show()
