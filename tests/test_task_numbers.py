"""Chengdu task numbers (``2-3``): the next number for a new indicator, and 审核 of numbers
written twice, missing or pointing at no task."""

from __future__ import annotations

from conftest import SAMPLES
from goaleditor import storage
from goaleditor.checks import check_department
from goaleditor.model import Indicator, Task
from goaleditor.task_numbers import duplicates, next_number, parse


def _rows(*numbers: str) -> list[Indicator]:
    return [Indicator("产出指标", "数量指标", f"指标{i}", "", "≥1件", number=n)
            for i, n in enumerate(numbers)]  # fmt: skip


def test_parse_and_next_number():
    assert parse("2-3") == (2, 3) and parse(" 2－13 ") == (2, 13)
    assert parse("") is None and parse("2") is None and parse("二-3") is None
    rows = _rows("1-1", "1-2", "2-1", "2-3", "")
    assert next_number(rows, 1) == "1-3"  # after a row of task 1
    assert next_number(rows, 3) == "2-4"  # the highest of task 2, not the row's own + 1
    assert next_number(rows, 4) == "1-3"  # a row without number: the first task's
    assert next_number([], -1) == "1-1"


def test_duplicates_are_found_however_written():
    assert duplicates(_rows("1-1", "1-2", "1－2", "2-1", "1-1")) == {"1-1": [0, 4], "1-2": [1, 2]}


def _chengdu():
    return storage.load(SAMPLES / "chengdu_2022.json")


def test_a_duplicate_number_is_an_error_in_审核():
    doc = _chengdu()
    assert not [p for p in check_department(doc) if p.field == "number"]  # the sample is clean
    doc.department.indicators[5].number = doc.department.indicators[2].number
    found = [p for p in check_department(doc) if p.rule == "duplicate_task_number"]
    assert len(found) == 1 and found[0].is_error and found[0].row == 5
    assert "与第 3 行重复" in found[0].message
    assert found[0].location == "部门整体 第 6 行 编号"


def test_missing_odd_and_unknown_numbers_are_reminders():
    doc = _chengdu()
    dept = doc.department
    dept.tasks = dept.tasks[:3]
    dept.indicators[0].number = ""
    dept.indicators[1].number = "第一项"
    dept.indicators[2].number = "9-1"
    rules = {p.row: p.rule for p in check_department(doc) if p.field == "number"}
    assert rules[0] == "missing_task_number"
    assert rules[1] == "odd_task_number"
    assert rules[2] == "unknown_task_number"
    assert all(not p.is_error for p in check_department(doc) if p.field == "number")


def test_other_department_forms_have_no_numbers_to_check():
    doc = storage.load(SAMPLES / "guangzhou_yuexiu.json")
    doc.department.tasks.append(Task("x"))
    assert not [p for p in check_department(doc) if p.field == "number"]
