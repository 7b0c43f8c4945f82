"""The department editors (部门整体) of the three forms, edited and undone through the widgets."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from goaleditor import storage
from goaleditor.amounts import parse_amount
from goaleditor.gui.common.bound_widgets import format_amount
from goaleditor.gui.common.context import EditorContext
from goaleditor.gui.department.editor import DepartmentEditor
from goaleditor.model import Document
from gui_helpers import SAMPLES, use_cjk_font


@pytest.fixture(scope="module", autouse=True)
def _cjk_font(qapp):
    use_cjk_font(qapp)


def type_text(qtbot, widget, text: str) -> None:
    """ASCII as key presses, Chinese as an input method commits it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def _editor(qtbot, sample: str, tmp_path) -> tuple[EditorContext, DepartmentEditor]:
    doc = storage.load(SAMPLES / sample)
    ctx = EditorContext(doc)
    editor = DepartmentEditor(ctx)
    qtbot.addWidget(editor)
    editor.resize(1100, 820)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(150)  # rows re-fit after the stretched last column settles
    shot = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path) / f"department_{sample}.png"
    assert editor.grab().save(str(shot))
    return ctx, editor


def undo_key(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key_Z, Qt.ControlModifier)


def test_guangzhou_fields_amounts_tasks_and_indicators(qtbot, tmp_path):
    ctx, editor = _editor(qtbot, "guangzhou_yuexiu.json", tmp_path)
    dept = ctx.document.department
    form = editor.form
    assert editor.table.model.columns == ["level1", "level2", "name", "period_value", "value"]
    assert editor.table.model.rowCount() == len(dept.indicators)

    name = form.fields["name"]
    assert name.text() == dept.name
    name.setFocus()
    name.end(False)
    type_text(qtbot, name, "（本级）")
    assert dept.name.endswith("（本级）")
    assert ctx.undo_stack.count() == 1, "typing in one field is one undo step"
    undo_key(qtbot, name)
    assert not dept.name.endswith("（本级）") and name.text() == dept.name

    staff = form.fields["staff_count"]
    type_text(qtbot, staff, "58")
    assert dept.staff_count == "58"

    other = form.fields["budget.other"]
    assert other.text() == "195.80"
    other.selectAll()
    qtbot.keyClicks(other, "0")
    qtbot.keyClick(other, Qt.Key_Return)
    assert dept.budget.other == Decimal("0.00")
    assert "相符" in form.sum_check.text() and "不一致" not in form.sum_check.text()
    ctx.undo_stack.undo()
    assert dept.budget.other == Decimal("195.80") and other.text() == "195.80"
    assert "不一致" in form.sum_check.text()

    tasks = form.tasks
    count = len(dept.tasks)
    tasks.select_row(count - 1)
    tasks.act_add.trigger()
    assert len(dept.tasks) == count + 1 and tasks.view.currentIndex().row() == count
    qtbot.keyClick(tasks.view, Qt.Key_F2)
    cell = tasks.view.indexWidget(tasks.view.currentIndex())
    assert cell is not None, "F2 opens the cell editor"
    type_text(qtbot, cell, "档案数字化")
    qtbot.keyClick(cell, Qt.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call
    assert dept.tasks[count].name == "档案数字化"
    amount_index = tasks.model.index(count, 2)
    tasks.view.setCurrentIndex(amount_index)
    qtbot.keyClick(tasks.view, Qt.Key_F2)
    cell = tasks.view.indexWidget(tasks.view.currentIndex())
    assert cell is not None, "F2 opens the cell editor"
    qtbot.keyClicks(cell, "12.5")
    qtbot.keyClick(cell, Qt.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call
    assert dept.tasks[count].amount == Decimal("12.50")
    assert amount_index.data() == "12.50"
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert len(dept.tasks) == count

    value = editor.table.model.index(0, editor.table.model.column_of("period_value"))
    editor.table.model.setData(value, "≥2项")
    assert dept.indicators[0].period_value == "≥2项"


def test_chengdu_numbers_budget_and_tasks(qtbot, tmp_path):
    ctx, editor = _editor(qtbot, "chengdu_2022.json", tmp_path)
    dept = ctx.document.department
    table = editor.table
    assert table.model.columns == ["number", "level1", "level2", "name", "value"]
    assert table.model.index(0, 0).data() == "1-1"

    table.select_cell(0, "number")
    qtbot.keyClick(table.view, Qt.Key_F2)
    cell = table.view.indexWidget(table.view.currentIndex())
    assert cell is not None, "F2 opens the cell editor"
    cell.selectAll()
    qtbot.keyClicks(cell, "1-9")
    qtbot.keyClick(cell, Qt.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call
    assert dept.indicators[0].number == "1-9"

    total = editor.form.fields["budget.total"]
    total.setFocus()
    total.selectAll()
    qtbot.keyClicks(total, "15,300")
    qtbot.keyClick(total, Qt.Key_Return)
    assert dept.budget.total == Decimal("15300.00")
    assert "不一致" in editor.form.sum_check.text()

    tasks = editor.form.tasks
    first, second = dept.tasks[0], dept.tasks[1]
    tasks.select_row(1)
    qtbot.keyClick(tasks.view, Qt.Key_Up, Qt.AltModifier)
    assert dept.tasks[:2] == [second, first]
    assert tasks.view.currentIndex().row() == 0
    while ctx.undo_stack.canUndo():
        ctx.undo_stack.undo()
    assert dept.tasks[:2] == [first, second]
    assert dept.budget.total == Decimal("15213.00") and total.text() == "15,213.00"
    assert dept.indicators[0].number == "1-1"

    editor.focus_field("value", 3)
    assert table.view.currentIndex() == table.model.index(3, table.model.column_of("value"))
    editor.focus_field("overall_goal", None)
    assert editor.form.fields["overall_goal"].hasFocus()


def test_hebei_text_form_paragraphs_duty_goals_and_items(qtbot, tmp_path):
    ctx, editor = _editor(qtbot, "hebei_2020.json", tmp_path)
    dept = ctx.document.department
    assert not editor.indicator_box.isVisibleTo(editor)
    goal = editor.form.fields["overall_goal"]
    goal.setFocus()
    goal.moveCursor(goal.textCursor().MoveOperation.End)
    type_text(qtbot, goal, "持续推进。")
    assert dept.overall_goal.endswith("持续推进。")

    items = editor.form.fields["safeguard_items"]
    before = list(dept.safeguard_items)
    items.setFocus()
    items.moveCursor(items.textCursor().MoveOperation.End)
    qtbot.keyClick(items, Qt.Key_Return)
    type_text(qtbot, items, "加强经费管理。")
    assert dept.safeguard_items == [*before, "加强经费管理。"]
    assert ctx.undo_stack.count() == 2
    undo_key(qtbot, items)
    assert dept.safeguard_items == before
    assert items.toPlainText() == "\n".join(before)

    duty = editor.form.duty_goals
    assert duty.model.rowCount() == len(dept.duty_goals)
    duty.select_row(0, 2)
    qtbot.keyClick(duty.view, Qt.Key_F2)
    cell = duty.view.indexWidget(duty.view.currentIndex())
    assert cell is not None, "F2 opens the cell editor"
    cell.selectAll()
    type_text(qtbot, cell, "绩效目标是依法履职。")
    qtbot.keyClick(cell, Qt.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call
    assert dept.duty_goals[0].goal == "绩效目标是依法履职。"
    ctx.undo_stack.undo()
    assert dept.duty_goals[0].goal != "绩效目标是依法履职。"


def test_a_document_without_department_offers_one(qtbot):
    ctx = EditorContext(Document())
    editor = DepartmentEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    button = next(b for b in editor.findChildren(QPushButton) if b.text() == "添加部门整体绩效目标")
    combo = editor.findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("chengdu"))
    qtbot.mouseClick(button, Qt.LeftButton)
    assert ctx.document.department is not None
    assert ctx.document.layout.department_form == "chengdu"
    assert editor.form is not None and editor.table.owner is ctx.document.department
    ctx.undo_stack.undo()
    assert ctx.document.department is None and editor.form is None


def test_amount_text():
    assert parse_amount("6,797.78") == Decimal("6797.78")
    assert parse_amount("  ") is None
    assert format_amount(Decimal("15213")) == "15,213.00"
    with pytest.raises(ValueError):
        parse_amount("十元")


def test_a_new_chengdu_indicator_gets_the_next_task_number(qtbot, tmp_path):
    ctx, editor = _editor(qtbot, "chengdu_2022.json", tmp_path)
    table = editor.table
    indicators = ctx.document.department.indicators
    row = next(i for i, ind in enumerate(indicators) if ind.number.startswith("2-"))
    last_of_task_2 = max(int(ind.number.split("-")[1]) for ind in indicators
                         if ind.number.startswith("2-"))  # fmt: skip
    table.select_cell(row, "name")
    table.add_row()
    new = indicators[table.view.currentIndex().row()]
    assert new.number == f"2-{last_of_task_2 + 1}"
    table.select_cell(0, "name")
    table.insert_row()
    assert indicators[table.view.currentIndex().row()].number.startswith("1-")
