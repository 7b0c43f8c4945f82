"""Amounts as a clerk types them: 1,234.5, full-width digits, a trailing 万元; and text
that is no amount is refused with a Chinese message at the field instead of silently."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolTip

from goaleditor import storage
from goaleditor.amounts import AmountError, parse_amount
from goaleditor.gui.common.bound_widgets import exact_amount
from goaleditor.gui.tree.panel import DEPARTMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    SAMPLES,
    answers,
    file_dialogs,
    make_window,
    small_document,
    type_text,
)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("1,234.5", "元", Decimal("1234.50")),
        ("１２３４", "元", Decimal("1234.00")),
        ("１，２３４．５６", "元", Decimal("1234.56")),
        (" 58 万元", "万元", Decimal("58.00")),
        ("58万", "万元", Decimal("58.00")),
        ("190000元", "元", Decimal("190000.00")),
        ("0.123456", "万元", Decimal("0.123456")),
        ("50万元", "元", Decimal("500000.00")),  # another unit: converted exactly
        ("1234.56元", "万元", Decimal("0.123456")),
        ("", "元", None),
    ],
)
def test_amount_text_a_clerk_types(text, unit, value):
    assert parse_amount(text, unit) == value


@pytest.mark.parametrize(
    ("text", "unit", "says"),
    [
        ("about 50万元", "万元", "“about 50万元”不是金额"),
        ("1.234", "元", "最多 2 位小数"),
        ("十元", "元", "不是金额"),
        ("1_000", "元", "不是金额"),
        ("NaN", "元", "不是金额"),
    ],
)
def test_text_that_is_no_amount_says_why(text, unit, says):
    with pytest.raises(AmountError) as err:
        parse_amount(text, unit)
    assert says in str(err.value)


def test_exact_amount_shows_every_decimal():
    assert exact_amount(Decimal("0.123456")) == "0.123456"
    assert exact_amount(Decimal("19.000000")) == "19.00"


def _task_cell(window):
    window.tree.select_node(DEPARTMENT)
    tasks = window.department_editor.form.tasks
    col = next(i for i, c in enumerate(tasks.model.columns) if c.kind == "amount")
    index = tasks.model.index(0, col)
    tasks.view.setCurrentIndex(index)
    tasks.view.setFocus()
    return tasks, index


def _edit_cell(qtbot, tasks, text: str):
    qtbot.keyClick(tasks.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    ascii_part = "".join(ch for ch in text if ch.isascii())
    qtbot.keyClicks(editor, ascii_part)
    if ascii_part != text:
        type_text(editor, text[len(ascii_part) :])
    return editor


def test_guangzhou_task_amount_refuses_words_and_says_so(make_window, tmp_path, qtbot, answers):
    path = tmp_path / "gz.json"
    path.write_bytes((SAMPLES / "guangzhou_yuexiu.json").read_bytes())
    window = make_window(path)
    assert window.ctx.document.money_unit == "万元"
    tasks, index = _task_cell(window)
    task = window.ctx.document.department.tasks[0]
    before = task.amount
    editor = _edit_cell(qtbot, tasks, "about 50万元")
    assert editor.text() == "about 50万元"  # nothing typed vanished
    assert "不是金额" in editor.toolTip()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Enter keeps the cell open with the text and the reason under it
    assert editor.isVisible() and tasks.view.state() == tasks.view.State.EditingState
    assert "不是金额" in QToolTip.text()
    assert task.amount == before
    # leaving the cell keeps the old amount and says so in a box
    answers.expect("确定")
    tasks.view.setFocus()
    qtbot.keyClick(tasks.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert "不是金额" in answers.shown[0] and f"仍为 {before:,.2f} 万元" in answers.shown[0]
    assert task.amount == before and window.ctx.undo_stack.count() == 0

    tasks.view.setCurrentIndex(index)
    tasks.view.setFocus()
    editor = _edit_cell(qtbot, tasks, "６１．５万元")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: task.amount == Decimal("61.50"))  # Qt commits queued
    assert index.data() == "61.50"
    tasks.view.setCurrentIndex(index)
    tasks.view.setFocus()
    editor = _edit_cell(qtbot, tasks, "1,234.5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: task.amount == Decimal("1234.50"))
    assert index.data() == "1,234.50"


def test_header_amount_takes_full_width_digits_and_unit(make_window, tmp_path, qtbot, answers):
    path = tmp_path / "doc.json"
    storage.save(small_document(), path)
    window = make_window(path)
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    budget = window.ctx.document.projects[0].budget
    header.total.setFocus()
    header.total.selectAll()
    type_text(header.total, "１２００元")
    assert header.total.text() == "１２００元"
    qtbot.keyClick(header.total, Qt.Key.Key_Return)
    assert budget.total == Decimal("1200.00") and header.total.text() == "1,200.00"

    header.fiscal.setFocus()
    header.fiscal.selectAll()
    qtbot.keyClicks(header.fiscal, "12")
    type_text(header.fiscal, "万")  # the document is in 元: converted exactly, and said
    assert header.fiscal.text() == "12万"
    qtbot.keyClick(header.fiscal, Qt.Key.Key_Return)
    assert budget.fiscal == Decimal("120000.00") and header.fiscal.text() == "120,000.00"
    said = window.statusBar().currentMessage()
    assert "“12万”" in said and "已换算为 120,000.00 元" in said
    window.ctx.undo_stack.undo()
    assert header.fiscal.text() == "1,000.00" and budget.fiscal == Decimal("1000.00")
