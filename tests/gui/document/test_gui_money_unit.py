"""Switching 金额单位 元 ↔ 万元 on the document page: convert every amount exactly (one
undo step), change only the unit, or cancel; indicator values stay as typed."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

from goaleditor import storage
from goaleditor.gui.tree.panel import DEPARTMENT, DOCUMENT, PROJECT
from goaleditor.money_unit import amount_fields, convert
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def test_conversion_is_exact_both_ways():
    assert convert(Decimal("190000.00"), "元", "万元") == Decimal("19")
    assert str(convert(Decimal("190000.00"), "元", "万元")) == "19.00"
    assert str(convert(Decimal("1234.56"), "元", "万元")) == "0.123456"
    assert str(convert(Decimal("0.123456"), "万元", "元")) == "1234.56"
    assert str(convert(Decimal("19.00"), "万元", "元")) == "190000.00"
    assert str(convert(Decimal("-5"), "元", "万元")) == "-0.0005"


def _choose_unit(window, unit: str) -> None:
    window.tree.select_node(DOCUMENT)
    combo = window.document_editor.money_unit
    combo.setCurrentIndex(combo.findData(unit))


def test_yuan_to_wanyuan_converts_every_amount_in_one_undo_step(make_window, tmp_path, answers):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    doc = window.ctx.document
    first = doc.projects[0]
    first.budget.other = Decimal("1234.56")
    values = [ind.value for p in doc.projects for ind in p.indicators]
    before = [(obj, name, getattr(obj, name)) for obj, name in amount_fields(doc)]
    assert first.budget.total == Decimal("190000.00") and len(before) > 20

    answers.expect("换算所有金额（÷10000）")
    _choose_unit(window, "万元")
    assert "190,000.00 元 → 19.00 万元" in answers.shown[0]
    assert "≤9.5万元" in answers.shown[0] and "按原样保留" in answers.shown[0]
    assert doc.money_unit == "万元"
    assert first.budget.total == Decimal("19") and first.budget.other == Decimal("0.123456")
    assert all(getattr(o, n) == v / 10000 for o, n, v in before)
    assert [ind.value for p in doc.projects for ind in p.indicators] == values
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    assert header.total.text() == "19.00" and header.unit_label.text() == "单位：万元"
    assert "0.123456 万元" in header.other.toolTip()  # shown 0.12, kept exact

    assert window.ctx.undo_stack.count() == 1
    window.actions_.undo.trigger()
    assert doc.money_unit == "元"
    assert all(getattr(o, n) == v for o, n, v in before)
    window.tree.select_node(PROJECT, 0)  # undo may show the place it changed
    assert header.total.text() == "190,000.00"
    assert window.document_editor.money_unit.currentData() == "元"

    # saved and read back: the exact amounts survive the file
    window.actions_.redo.trigger()
    window.actions_.save.trigger()
    again = storage.load(window.ctx.file_path)
    assert again.projects[0].budget.other == Decimal("0.123456")


def test_wanyuan_to_yuan_converts_task_amounts_and_the_form(make_window, tmp_path, answers):
    window = make_window(sample_copy(tmp_path, "guangzhou_yuexiu.json"))
    doc = window.ctx.document
    task = doc.department.tasks[0]
    assert (doc.money_unit, task.amount) == ("万元", Decimal("58.00"))
    answers.expect("换算所有金额（×10000）")
    _choose_unit(window, "元")
    assert task.amount == Decimal("580000.00")
    window.tree.select_node(DEPARTMENT)
    tasks = window.department_editor.form.tasks
    col = next(i for i, c in enumerate(tasks.model.columns) if c.kind == "amount")
    assert tasks.model.columns[col].title == "拟投入的资金(元)"
    assert tasks.model.index(0, col).data() == "580,000.00"


def test_only_the_unit_or_cancel(make_window, tmp_path, answers):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    doc = window.ctx.document
    answers.expect("取消")
    _choose_unit(window, "万元")
    assert doc.money_unit == "元" and window.document_editor.money_unit.currentData() == "元"
    assert window.ctx.undo_stack.count() == 0
    answers.expect("只改单位")
    _choose_unit(window, "万元")
    assert doc.money_unit == "万元" and doc.projects[0].budget.total == Decimal("190000.00")
    assert window.ctx.undo_stack.count() == 1
