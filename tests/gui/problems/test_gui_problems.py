"""The problems panel: checks follow the edits, double-click jumps to the place."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from goaleditor import storage
from goaleditor.checks import ERROR, run_checks
from goaleditor.gui.tree.panel import DEPARTMENT, DOCUMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
    small_document,
    type_text,
)


def _rows(window) -> list[tuple[str, str, str]]:
    model = window.problems.list.model()
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def _double_click(qtbot, window, problem) -> None:
    view = window.problems.list
    item = view.model().index(view.model().row_of(problem), 2)
    view.scrollTo(item)
    pos = view.visualRect(item).center()
    # a real double-click: the first click, then the double-click event
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_panel_lists_the_checks_of_the_sample(make_window, tmp_path):
    path = sample_copy(tmp_path, "tianjin_2023.json")
    window = make_window(path)
    expected = run_checks(storage.load(path))
    assert window.problems.run_now() == expected  # document order
    shown = [p for p in expected if p.is_error] + [p for p in expected if not p.is_error]
    assert [(r[1], r[2]) for r in _rows(window)] == [(p.location, p.message) for p in shown]
    errors = sum(p.severity == ERROR for p in expected)
    assert window.counts.text() == f"审核：{errors} 个错误，{len(expected) - errors} 个提醒"
    assert {r[0] for r in _rows(window)} <= {"错误", "提醒"}


def test_checks_rerun_shortly_after_an_edit(make_window, tmp_path, qtbot):
    doc = small_document()
    path = tmp_path / "small.json"
    storage.save(doc, path)
    window = make_window(path)
    window.problems.run_now()
    before = len(_rows(window))
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    header.name.selectAll()
    header.name.del_()  # a project without a name is a problem
    assert header.name.text() == "" and window.ctx.document.projects[0].name == ""
    qtbot.waitUntil(lambda: len(_rows(window)) > before, timeout=2000)
    assert any("项目 1" in r[1] and "项目名称" in r[1] for r in _rows(window))
    window.actions_.undo.trigger()
    qtbot.waitUntil(lambda: len(_rows(window)) == before, timeout=2000)


def test_double_click_goes_to_project_row_and_field(make_window, tmp_path, qtbot):
    path = sample_copy(tmp_path, "tianjin_2023.json")
    window = make_window(path)
    problems = window.problems.run_now()
    target = next(
        i
        for i, p in enumerate(problems)
        if p.project_index is not None and p.project_index > 2 and p.row is not None
    )
    problem = problems[target]
    window.tree.select_node(DOCUMENT)
    _double_click(qtbot, window, problems[target])
    assert window.tree.current_node() == (PROJECT, problem.project_index)
    assert window.tree.selected_projects() == [problem.project_index]
    assert window.pages.currentWidget() is window.project_editor
    assert window.project_editor.project is window.ctx.document.projects[problem.project_index]
    table = window.project_editor.table
    current = table.view.currentIndex()
    assert current.row() == problem.row
    assert table.model.field(current.column()) == problem.field


def test_double_click_on_header_problem_focuses_the_field(make_window, tmp_path, qtbot):
    doc = small_document()
    doc.projects[1].goals = ["保障工作正常运转", "保障工作正常运转"]
    path = tmp_path / "small.json"
    storage.save(doc, path)
    window = make_window(path)
    problems = window.problems.run_now()
    target = next(i for i, p in enumerate(problems) if p.project_index == 1 and p.field == "goals")
    _double_click(qtbot, window, problems[target])
    assert window.tree.current_node() == (PROJECT, 1)
    qtbot.waitUntil(lambda: window.project_editor.header.goals.hasFocus())


def test_document_and_department_problems_select_their_nodes(make_window, tmp_path, qtbot):
    doc = small_document()
    doc.unit_name = ""
    path = tmp_path / "small.json"
    storage.save(doc, path)
    window = make_window(path)
    problems = window.problems.run_now()
    target = next(i for i, p in enumerate(problems) if p.field == "unit_name")
    window.tree.select_node(PROJECT, 2)
    _double_click(qtbot, window, problems[target])
    assert window.tree.current_node()[0] == DOCUMENT
    assert window.pages.currentWidget() is window.document_editor
    qtbot.waitUntil(window.document_editor.unit_name.hasFocus)
    # a department problem (Hebei sample: text form) opens the department editor
    window.files.open_path(sample_copy(tmp_path), ask=False)
    problems = window.problems.run_now()
    window.go_to_problem(type(problems[0])("提醒", "测试", "test", None, None, "overall_goal"))
    assert window.tree.current_node()[0] == DEPARTMENT
    assert window.pages.currentWidget() is window.department_editor


def test_checks_are_fast_on_the_largest_sample(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    start = time.perf_counter()
    window.problems.run_now()
    # Measured in benchmarks/run.py; this bound only catches a runaway rule on a slow machine.
    assert time.perf_counter() - start < 5


def test_location_is_elided_in_the_middle_and_columns_share_the_width(make_window, tmp_path):
    from PySide6.QtWidgets import QStyleOptionViewItem

    doc = storage.load(sample_copy(tmp_path, "tianjin_2023.json"))
    long_name = "天津市人民检察院机关服务中心办公楼及附属设施维修改造和信息化运维保障专项经费"
    doc.projects[0].name = long_name
    path = tmp_path / "long.json"
    storage.save(doc, path)
    window = make_window(path)
    window.resize(1000, 700)
    window.problems.run_now()
    view = window.problems.list
    model = view.model()
    row = next(r for r in range(model.rowCount()) if long_name in model.index(r, 1).data())
    location = model.index(row, 1)
    assert location.data(Qt.ItemDataRole.ToolTipRole) == location.data()
    assert model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole) == model.index(row, 2).data()
    option = QStyleOptionViewItem()
    view.itemDelegateForColumn(1).initStyleOption(option, location)
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    # the text is longer than its column: what shows keeps both ends, as the clerk reads it
    shown = option.fontMetrics.elidedText(
        location.data(), Qt.TextElideMode.ElideMiddle, view.columnWidth(1) - 8
    )
    assert shown.startswith("项目 1「") and shown.endswith("行 绩效指标描述") and "…" in shown

    def share() -> float:
        return view.columnWidth(1) / (view.viewport().width() - view.columnWidth(0))

    assert abs(share() - 0.35) < 0.01
    assert view.columnWidth(0) < view.columnWidth(1) < view.columnWidth(2)
    window.resize(1400, 700)
    assert abs(share() - 0.35) < 0.01, "the share follows the window"
    view.horizontalHeader().resizeSection(1, view.columnWidth(1) + 150)  # the clerk drags
    dragged = share()
    window.resize(1100, 700)
    assert abs(share() - dragged) < 0.01, "the clerk's width is kept as a share"
