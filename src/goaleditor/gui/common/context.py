"""The editing context every panel shares: the document, its undo stack, change signals.

Panels never change the model directly: they push a command from `commands` onto
``context.undo_stack``.  Commands change the plain model objects and then emit one of
the signals below, so every view that shows the object refreshes — after an undo as
well as after the edit itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...model import Document


class EditorContext(QObject):
    #: A new document was opened/created: everything reloads.
    documentReplaced = Signal()
    #: ``(obj, field_name)``: a scalar field of a model object changed.
    fieldChanged = Signal(object, str)
    #: ``(owner, list_name)``: items of ``owner.<list_name>`` were inserted, removed or moved.
    listChanged = Signal(object, str)
    #: Any change at all (after the specific signal): problems re-run, title marker.
    edited = Signal()
    #: ``(path or None)``: the file the document belongs to changed (open, save as).
    filePathChanged = Signal(object)

    def __init__(self, document: Document | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document if document is not None else Document()
        self.file_path: Path | None = None
        self.undo_stack = QUndoStack(self)
        #: The indicator library (`gui.library.service.LibraryService`), when the window has one.
        self.library = None

    def replace_document(self, document: Document, path: Path | None) -> None:
        """Show another document: the undo history starts afresh and is clean."""
        self.document = document
        self.undo_stack.clear()
        self.set_file_path(path)
        self.documentReplaced.emit()
        self.edited.emit()

    def set_file_path(self, path: Path | None) -> None:
        self.file_path = Path(path) if path is not None else None
        self.filePathChanged.emit(self.file_path)

    def notify_field(self, obj: object, name: str) -> None:
        self.fieldChanged.emit(obj, name)
        self.edited.emit()

    def notify_list(self, owner: object, name: str) -> None:
        self.listChanged.emit(owner, name)
        self.edited.emit()
