"""The clerk's amounts end to end: nothing the file cannot hold is taken (fields, task
cells, 元/万元 conversion), what is saved opens again, a field shows the exact amount
while edited, and the form's live sum line says what 审核 says."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolTip

from goaleditor import storage
from goaleditor.checks import run_checks
from goaleditor.gui.tree.panel import DEPARTMENT, DOCUMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)

D = Decimal
SIXTEEN_DIGITS = "1000000000000000"


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _choose_unit(window, unit: str) -> None:
    window.tree.select_node(DOCUMENT)
    combo = window.document_editor.money_unit
    combo.setCurrentIndex(combo.findData(unit))


def _split_errors(doc) -> list[str]:
    return [p.message for p in run_checks(doc) if p.rule == "budget_split"]


def test_sixteen_digit_budget_is_refused_and_the_file_still_opens(
    make_window, tmp_path, qtbot, answers
):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    budget = window.ctx.document.projects[0].budget
    _type(qtbot, header.total, SIXTEEN_DIGITS)
    assert "太大" in header.total.toolTip()  # red while typed, the reason in the tooltip
    qtbot.keyClick(header.total, Qt.Key.Key_Return)
    assert "15 位整数" in QToolTip.text()  # Enter: the reason under the field
    answers.expect("确定")
    qtbot.keyClick(header.total, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert "太大" in answers.shown[0] and "预算数仍为 190,000.00 元" in answers.shown[0]
    assert budget.total == D("190000.00") and window.ctx.undo_stack.count() == 0

    _type(qtbot, header.total, "999,999,999,999,999.99")  # the largest amount there is
    qtbot.keyClick(header.total, Qt.Key.Key_Return)
    assert budget.total == D("999999999999999.99")
    window.actions_.save.trigger()
    again = storage.load(window.ctx.file_path)
    assert again.projects[0].budget.total == D("999999999999999.99")


def test_task_amount_cell_refuses_sixteen_digits(make_window, tmp_path, qtbot, answers):
    window = make_window(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    window.tree.select_node(DEPARTMENT)
    tasks = window.department_editor.form.tasks
    col = next(i for i, c in enumerate(tasks.model.columns) if c.kind == "amount")
    task = window.ctx.document.department.tasks[0]
    index = tasks.model.index(0, col)
    tasks.view.setCurrentIndex(index)
    tasks.view.setFocus()
    qtbot.keyClick(tasks.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, SIXTEEN_DIGITS)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert tasks.view.state() == tasks.view.State.EditingState  # kept open, said why
    assert "太大" in QToolTip.text()
    answers.expect("确定")
    tasks.view.setFocus()
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert "太大" in answers.shown[0] and "仍为 58.00 万元" in answers.shown[0]
    assert task.amount == D("58.00") and window.ctx.undo_stack.count() == 0


def test_department_budget_field_refuses_sixteen_digits(make_window, tmp_path, qtbot, answers):
    window = make_window(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    window.tree.select_node(DEPARTMENT)
    basic = window.department_editor.form.fields["budget.basic"]
    before = window.ctx.document.department.budget.basic
    _type(qtbot, basic, SIXTEEN_DIGITS)
    answers.expect("确定")
    window.tree.view.setFocus()
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert "太大" in answers.shown[0] and "基本支出仍为" in answers.shown[0]
    assert window.ctx.document.department.budget.basic == before


def test_conversion_that_would_outgrow_the_file_changes_nothing(make_window, tmp_path, answers):
    path = tmp_path / "gz.json"
    doc = storage.load(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    doc.department.tasks[1].amount = D("100000000000.00")  # 10^11 万元 = 10^15 元
    storage.save(doc, path)
    window = make_window(path)
    doc = window.ctx.document
    before = storage.dumps(doc)
    answers.expect("确定")
    _choose_unit(window, "元")
    assert len(answers.shown) == 1  # refused before asking how to convert
    assert "无法把金额换算成元" in answers.shown[0]
    assert "年度重点工作任务第 2 行" in answers.shown[0]
    assert "100,000,000,000.00 万元" in answers.shown[0] and "文档没有改动" in answers.shown[0]
    assert storage.dumps(doc) == before and window.ctx.undo_stack.count() == 0
    assert window.document_editor.money_unit.currentData() == "万元"

    doc.department.tasks[1].amount = D("99999999999.99")  # just fits
    answers.expect("换算所有金额（×10000）")
    _choose_unit(window, "元")
    assert doc.department.tasks[1].amount == D("999999999999900.00")


def test_what_the_editor_saves_opens_again(make_window, tmp_path, qtbot, answers):
    """Extremes typed into the real fields, converted, saved by the editor, read back."""
    window = make_window(sample_copy(tmp_path, "guangzhou_yuexiu.json"))  # in 万元
    doc = window.ctx.document
    window.tree.select_node(DEPARTMENT)
    form = window.department_editor.form
    for field, text in (
        ("budget.basic", "99,999,999,999.99"),
        ("budget.project", "-0.000001"),
        ("budget.fiscal", "0.123456"),
        ("budget.other", "0.0000000000000"),
    ):
        _type(qtbot, form.fields[field], text)
        qtbot.keyClick(form.fields[field], Qt.Key.Key_Return)
    assert doc.department.budget.fiscal == D("0.123456")
    answers.expect("换算所有金额（×10000）")
    _choose_unit(window, "元")
    assert doc.department.budget.basic == D("999999999999900.00")
    window.actions_.save.trigger()
    assert window.ctx.undo_stack.isClean()
    assert storage.dumps(storage.load(window.ctx.file_path)) == storage.dumps(doc)


def _hebei_in_wanyuan(make_window, tmp_path, qtbot, answers):
    """Repro 7: 12,345.67 元 typed, the document switched to 万元 (1.234567 万元)."""
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    for edit, text in ((header.total, "12345.67"), (header.fiscal, "12345.67")):
        _type(qtbot, edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    _type(qtbot, header.other, "0")
    qtbot.keyClick(header.other, Qt.Key.Key_Return)
    answers.expect("换算所有金额（÷10000）")
    _choose_unit(window, "万元")
    window.tree.select_node(PROJECT, 0)
    return window, header, window.ctx.document.projects[0].budget


def test_field_shows_the_exact_amount_while_edited(make_window, tmp_path, qtbot, answers):
    window, header, budget = _hebei_in_wanyuan(make_window, tmp_path, qtbot, answers)
    assert budget.fiscal == D("1.234567")
    assert header.fiscal.text() == "1.23" and "1.234567 万元" in header.fiscal.toolTip()
    header.fiscal.setFocus()
    assert header.fiscal.text() == "1.234567"
    steps = window.ctx.undo_stack.count()
    _type(qtbot, header.fiscal, header.fiscal.text())  # the clerk retypes what is shown
    qtbot.keyClick(header.fiscal, Qt.Key.Key_Tab)
    assert budget.fiscal == D("1.234567") and window.ctx.undo_stack.count() == steps
    assert header.fiscal.text() == "1.23"  # left: two decimals again
    assert "✔" in header.sum_check.text() and _split_errors(window.ctx.document) == []


def test_live_sum_line_and_check_agree(make_window, tmp_path, qtbot, answers):
    window, header, budget = _hebei_in_wanyuan(make_window, tmp_path, qtbot, answers)
    _type(qtbot, header.fiscal, "1.23")
    qtbot.keyClick(header.fiscal, Qt.Key.Key_Tab)
    assert budget.fiscal == D("1.23") and budget.total == D("1.234567")
    line = header.sum_check.text()
    assert line.startswith("✘") and "1.230000 万元" in line and "1.234567 万元" in line
    assert "少 0.004567 万元" in line
    (error,) = _split_errors(window.ctx.document)
    assert "1.230000 万元" in error and "1.234567 万元" in error and "0.004567 万元" in error

    # both say the same while the clerk is still typing the fix
    _type(qtbot, header.fiscal, "1.234567")
    assert "✔" in header.sum_check.text()
    qtbot.keyClick(header.fiscal, Qt.Key.Key_Return)
    assert _split_errors(window.ctx.document) == []


def test_department_sum_line_and_check_agree(make_window, tmp_path):
    doc = storage.load(sample_copy(tmp_path, "chengdu_2022.json"))
    doc.money_unit = "元"
    doc.department.budget.total = D("100.00")
    doc.department.budget.other = D("0.00")
    path = tmp_path / "cd.json"
    for fiscal, ok in ((D("99.996"), True), (D("99.995"), False)):
        doc.department.budget.fiscal = fiscal  # from a spreadsheet: below a cent
        storage.save(doc, path)
        window = make_window(path)
        window.tree.select_node(DEPARTMENT)
        line = window.department_editor.form.sum_check.text()
        errors = _split_errors(window.ctx.document)
        assert ("相符" in line) is ok and (errors == []) is ok
        if not ok:
            assert "100.000" in line and "99.995" in line and "相差 0.005 元" in errors[0]
        window.ctx.undo_stack.setClean()
        window.close()


def test_task_cell_edits_the_exact_amount(make_window, tmp_path):
    path = tmp_path / "gz.json"
    doc = storage.load(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    doc.department.tasks[0].amount = D("1.234567")
    storage.save(doc, path)
    window = make_window(path)
    window.tree.select_node(DEPARTMENT)
    tasks = window.department_editor.form.tasks
    col = next(i for i, c in enumerate(tasks.model.columns) if c.kind == "amount")
    index = tasks.model.index(0, col)
    assert index.data() == "1.23" and index.data(Qt.ItemDataRole.EditRole) == "1.234567"
    assert tasks.model.setData(index, index.data(Qt.ItemDataRole.EditRole)) is False  # unchanged
    assert window.ctx.document.department.tasks[0].amount == D("1.234567")


def test_department_sum_line_waits_for_both_sides_like_the_check(make_window, tmp_path):
    doc = storage.load(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    doc.department.budget.basic = doc.department.budget.project = None
    path = tmp_path / "gz.json"
    storage.save(doc, path)
    window = make_window(path)
    window.tree.select_node(DEPARTMENT)
    line = window.department_editor.form.sum_check.text()
    assert "基本支出 + 项目支出 未填" in line and "不一致" not in line and "相符" not in line
    assert "budget_balance" not in [p.rule for p in run_checks(window.ctx.document)]
