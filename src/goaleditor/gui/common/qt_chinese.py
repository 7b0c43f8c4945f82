"""Words Qt shows that its own Chinese catalogue (qtbase_zh_CN) leaves in English or words
differently from what a clerk reads on the keyboard.

Qt 6 labels its own file dialog "&Look in:" and "Files of &type:", which the catalogue
knows only without the ``&``; and it names keys in menus "上方向", "回车", "Ins".  This
translator, installed after Qt's, answers those few strings and leaves the rest to Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

#: (context, English source) → what the clerk reads.
TERMS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileSystemModel", "Size"): "大小",  # Qt's catalogue says 体积 (volume)
    # key names in menus and tooltips: as printed on the keys
    ("QShortcut", "Up"): "↑",
    ("QShortcut", "Down"): "↓",
    ("QShortcut", "Left"): "←",
    ("QShortcut", "Right"): "→",
    ("QShortcut", "Return"): "Enter",
    ("QShortcut", "Enter"): "Enter",
    ("QShortcut", "Ins"): "Insert",
    ("QShortcut", "Del"): "Delete",
    ("QShortcut", "PgUp"): "PageUp",
    ("QShortcut", "PgDown"): "PageDown",
}


class ChineseTerms(QTranslator):
    """The `TERMS`; every other string goes on to Qt's own catalogue."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None is Qt's null string: "not mine", the next catalogue is asked (an empty
        # string would be taken as the translation)
        return TERMS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
