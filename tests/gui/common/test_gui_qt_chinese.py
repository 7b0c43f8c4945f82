"""Qt's own words in Chinese: the file dialog's labels, and key names in menus as printed
on the keys (Ctrl+↑, Ctrl+Enter, Insert — not 上方向, 回车, Ins)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QTreeView

from goaleditor.gui.app import install_translations


@pytest.fixture
def chinese(qapp):
    translators = install_translations(qapp)
    yield
    for translator in translators:
        QApplication.removeTranslator(translator)


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_key_names_read_as_on_the_keyboard(chinese):
    assert _native("Ctrl+Up") == "Ctrl+↑"
    assert _native("Alt+Down") == "Alt+↓"
    assert _native("Ctrl+Return") == "Ctrl+Enter"
    assert _native("Ins") == "Insert"
    assert _native("Ctrl+Del") == "Ctrl+Delete"
    assert _native("Ctrl+Shift+V") == "Ctrl+Shift+V"  # the rest as Qt says it


def test_qt_file_dialog_is_chinese(chinese, qtbot):
    dialog = QFileDialog(None, "打开")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QPushButton)]
    model = dialog.findChild(QTreeView).model()
    texts += [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts and "大小" in texts
    english = [t for t in texts if re.search(r"[A-Za-z]{2,}", t)]
    assert english == []


def test_everything_else_is_still_qt_s_own_catalogue(chinese):
    assert QApplication.translate("QFileDialog", "Detail View") == "详情视图"
    assert QApplication.translate("NoSuchContext", "Nothing") == "Nothing"


def test_indicator_table_tooltips_name_the_keys(chinese, qtbot):
    from goaleditor.gui.common.context import EditorContext
    from goaleditor.gui.indicators.table import IndicatorTable

    table = IndicatorTable(EditorContext())
    qtbot.addWidget(table)
    assert "Ctrl+Enter" in table.act_add.toolTip()
    assert "Insert" in table.act_insert.toolTip()
    assert "Alt+↑" in table.act_up.toolTip()
