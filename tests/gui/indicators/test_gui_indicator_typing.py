"""Typing into the indicator table as a clerk does: typing onto a selected cell replaces
it (keys and the Chinese input method alike), F2 and a double-click edit the text there,
Alt+↓ in an open cell belongs to its editor, and Word's invisible characters go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from goaleditor import storage
from goaleditor.gui.common.context import EditorContext
from goaleditor.gui.indicators.delegates import CategoryCombo, WrapTextEdit
from goaleditor.gui.indicators.table import IndicatorTable
from gui_helpers import SAMPLES, use_cjk_font


@pytest.fixture(scope="module", autouse=True)
def _cjk_font(qapp):
    use_cjk_font(qapp)


@pytest.fixture
def hebei(qtbot):
    """Hebei 2020, first project: six columns, 依据 the last."""
    doc = storage.load(SAMPLES / "hebei_2020.json")
    ctx = EditorContext(doc)
    table = IndicatorTable(ctx)
    qtbot.addWidget(table)
    table.resize(1100, 520)
    table.set_owner(doc.projects[0])
    table.show()
    qtbot.waitExposed(table)
    return ctx, table, doc.projects[0]


def _compose(widget, pinyin: str, word: str) -> None:
    """The input method as the clerk uses it: the pinyin grows as a preedit, then the word
    is committed.  Sent where Qt sends it, to the widget with focus."""
    for k in range(1, len(pinyin) + 1):
        QApplication.sendEvent(
            QApplication.focusWidget() or widget, QInputMethodEvent(pinyin[:k], [])
        )
    event = QInputMethodEvent("", [])
    event.setCommitString(word)
    QApplication.sendEvent(QApplication.focusWidget() or widget, event)


def _press(qtbot, key, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    QApplication.processEvents()


def _editor(table: IndicatorTable, row: int, field: str):
    return table.view.indexWidget(table.model.index(row, table.model.column_of(field)))


def _editor_text(editor) -> str:
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    return editor.text()


CASES = [
    ("level1", "xiaoyi", "效益指标"),
    ("level2", "shehui", "社会效益指标"),
    ("name", "xinzhi", "新指标名称"),
    ("description", "shuoming", "说明文字"),
    ("value", "youxiao", "有效保障"),
    ("basis", "yiju", "上年实际"),
]


@pytest.mark.parametrize(("field", "pinyin", "word"), CASES)
def test_composing_onto_a_selected_cell_replaces_it(qtbot, hebei, field, pinyin, word):
    ctx, table, project = hebei
    ind = project.indicators[1]
    assert getattr(ind, field), "the cell has text to replace"
    table.select_cell(1, field)
    _compose(table.view, pinyin, word)
    editor = _editor(table, 1, field)
    assert editor is not None, "typing onto the cell opened its editor"
    assert _editor_text(editor) == word, "the old text is gone, not kept before the word"
    _press(qtbot, Qt.Key_Return)
    assert getattr(ind, field) == word
    assert table.view.indexWidget(table.model.index(1, table.model.column_of(field))) is None
    ctx.undo_stack.undo()
    assert getattr(ind, field) != word


@pytest.mark.parametrize("field", ["level1", "name", "description", "value"])
def test_a_bare_commit_onto_a_cell_replaces_it(qtbot, hebei, field):
    """Some input methods commit a word or a full-width sign with no composition first."""
    _ctx, table, project = hebei
    table.select_cell(2, field)
    event = QInputMethodEvent("", [])
    event.setCommitString("十")
    QApplication.sendEvent(table.view, event)
    assert _editor_text(_editor(table, 2, field)) == "十"
    _press(qtbot, Qt.Key_Tab)
    assert getattr(project.indicators[2], field) == "十"


@pytest.mark.parametrize("field", ["level1", "description", "name", "basis"])
def test_keys_onto_a_selected_cell_replace_it(qtbot, hebei, field):
    _ctx, table, project = hebei
    table.select_cell(0, field)
    for ch in "abc":  # each key where Qt sends it: the editor once the first one opened it
        qtbot.keyClicks(QApplication.focusWidget(), ch)
    _press(qtbot, Qt.Key_Tab)
    assert getattr(project.indicators[0], field) == "abc"
    col = table.model.column_of(field) + 1
    row, col = (0, col) if col < table.model.columnCount() else (1, 0)
    assert table.view.currentIndex() == table.model.index(row, col), "Tab went on to the next cell"


@pytest.mark.parametrize("field", ["level2", "name", "description", "value"])
def test_f2_and_double_click_edit_the_text_there(qtbot, hebei, field):
    _ctx, table, project = hebei
    ind = project.indicators[0]
    before = getattr(ind, field)
    table.select_cell(0, field)
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    if isinstance(line, QLineEdit):
        assert not line.hasSelectedText() and line.cursorPosition() == len(before)
    qtbot.keyClicks(line, "X")
    _press(qtbot, Qt.Key_Return)
    assert getattr(ind, field) == before + "X", "F2 keeps the text; typing goes at its end"

    col = table.model.column_of(field)
    rect = table.view.visualRect(table.model.index(1, col))
    before = getattr(project.indicators[1], field)
    qtbot.mouseClick(table.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.view.viewport(), Qt.LeftButton, pos=rect.center())
    editor = _editor(table, 1, field)
    assert editor is not None
    target = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    type_event = QInputMethodEvent("", [])
    type_event.setCommitString("乙")
    QApplication.sendEvent(target, type_event)
    _press(qtbot, Qt.Key_Return)
    assert getattr(project.indicators[1], field) == before + "乙"


def test_alt_down_in_an_open_dropdown_opens_its_list_not_a_row_move(qtbot, hebei):
    ctx, table, project = hebei
    order = [i.name for i in project.indicators]
    table.select_cell(1, "level2")
    qtbot.keyClick(table.view, Qt.Key_F2)
    combo = _editor(table, 1, "level2")
    assert isinstance(combo, CategoryCombo)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Down, Qt.AltModifier)
    qtbot.waitUntil(combo.view().isVisible)
    assert [i.name for i in project.indicators] == order
    assert ctx.undo_stack.count() == 0
    assert _editor(table, 1, "level2") is combo, "the cell is still being edited"
    combo.hidePopup()
    qtbot.keyClick(combo, Qt.Key_Escape)

    # in a text cell Alt+↓/Alt+↑ do nothing: no move, the editor stays open
    table.select_cell(1, "description")
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = _editor(table, 1, "description")
    assert isinstance(editor, WrapTextEdit)
    qtbot.keyClick(editor, Qt.Key_Down, Qt.AltModifier)
    qtbot.keyClick(editor, Qt.Key_Up, Qt.AltModifier)
    assert [i.name for i in project.indicators] == order
    assert _editor(table, 1, "description") is editor and editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key_Escape)

    # with no cell open, Alt+↓ moves the row as before
    assert table.view.state() != table.view.State.EditingState
    qtbot.keyClick(table.view, Qt.Key_Down, Qt.AltModifier)
    assert [i.name for i in project.indicators][1:3] == [order[2], order[1]]


def test_word_invisible_characters_go_when_typed_or_pasted(qtbot, hebei):
    _ctx, table, project = hebei
    table.select_cell(0, "name")
    event = QInputMethodEvent("", [])
    event.setCommitString("培训\u00ad人次\u200b")
    QApplication.sendEvent(table.view, event)
    _press(qtbot, Qt.Key_Return)
    assert project.indicators[0].name == "培训人次"

    table.select_cell(0, "description")
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    editor.insertPlainText("全年\u00a0培训\u3000干警\u200c人次\u200d\ufeff")
    _press(qtbot, Qt.Key_Return)
    # the no-break space becomes a space; the full-width space is Chinese text and stays
    assert project.indicators[0].description == "全年 培训\u3000干警人次"

    QApplication.clipboard().setText("≥200\u00ad人次\r\n培训\u00a0满意度\u200b\r\n")
    table.select_cell(0, "value")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert [project.indicators[0].value, project.indicators[1].value] == ["≥200人次", "培训 满意度"]
