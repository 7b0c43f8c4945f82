"""三级 completion from the library index: Chinese, parts of words and pinyin.

`NameEdit` is the 三级 cell editor when the index is built: each keystroke asks the
index (the row's 二级 first) and adds the document's own names that contain the text.
Nothing is highlighted on its own: Enter keeps what was typed (a new name is common);
↓ then Enter, or a click, takes a name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QWidget

from ...library.search import LibraryIndex

#: Names offered at most.
OFFERED = 15


class NameEdit(QLineEdit):
    def __init__(
        self,
        index: LibraryIndex,
        own_names: list[str],
        level2: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.index, self.own_names, self.level2 = index, own_names, level2
        self._names = QStringListModel(self)
        self.completion = QCompleter(self._names, self)
        self.completion.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completion.setMaxVisibleItems(12)
        self.completion.setWidget(self)
        self.completion.popup().installEventFilter(self)
        self.completion.activated[str].connect(self.setText)
        self.textEdited.connect(self.offer)

    def choices(self, typed: str) -> list[str]:
        """What *typed* offers: the library's best names, then the document's own."""
        typed = typed.strip()
        if not typed:
            return []
        names = self.index.complete(typed, context_level2=self.level2, limit=OFFERED)
        seen = set(names)
        names += [n for n in self.own_names if typed in n and n not in seen]
        return names[:OFFERED]

    def offer(self, typed: str) -> None:
        names = self.choices(typed)
        popup = self.completion.popup()
        if not names or names == [typed.strip()]:
            popup.hide()
            return
        self._names.setStringList(names)
        self.completion.setCompletionPrefix("")
        self.completion.complete()
        popup.setCurrentIndex(QModelIndex())  # nothing chosen until ↓ or a click

    def eventFilter(self, watched, event) -> bool:
        """Enter or Tab in the list takes the highlighted name (if any) and then does what
        it does in the cell (Enter writes it, Tab moves on)."""
        if (
            watched is self.completion.popup()
            and event.type() == QEvent.KeyPress
            and event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Tab, Qt.Key_Backtab)
        ):
            popup = self.completion.popup()
            if popup.currentIndex().isValid():
                self.setText(str(popup.currentIndex().data()))
            popup.hide()
            key = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self, key)
            return True
        return super().eventFilter(watched, event)
