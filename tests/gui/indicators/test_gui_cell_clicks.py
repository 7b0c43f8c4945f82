"""Clicking down a column as a clerk does, with the mouse: each click lands on the cell
under the pointer (never on the open editor of the row above), commits the open editor
and moves there, and the typed text goes into that cell's own row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from goaleditor import storage
from goaleditor.gui.common.context import EditorContext
from goaleditor.gui.department.task_table import Column, ListTable
from goaleditor.gui.indicators.table import IndicatorTable
from goaleditor.model import Indicator, Task
from gui_helpers import SAMPLES, use_cjk_font


@pytest.fixture(scope="module", autouse=True)
def _cjk_font(qapp):
    use_cjk_font(qapp)


def click_cell(view, index) -> None:
    """A real click: to whatever widget is under the cell's centre, as the window system
    delivers it (an editor covering the cell gets it, not the viewport)."""
    window = view.window()
    if QApplication.activeWindow() is not window:
        # the offscreen platform leaves a closed completion list the active window; a
        # real window system gives the activation back to the window clicked on
        window.activateWindow()
        QApplication.processEvents()
    viewport = view.viewport()
    centre = view.visualRect(index).center()
    target = viewport.childAt(centre) or viewport
    QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, target.mapFrom(viewport, centre))
    QApplication.processEvents()


def type_text(text: str) -> None:
    """Each key to the widget with the focus (the editor once the first key opened it)."""
    for ch in text:
        QTest.keyClicks(QApplication.focusWidget(), ch)
    QApplication.processEvents()


def press_enter() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next turn of the loop


def editors(view) -> list[QWidget]:
    return [w for w in view.viewport().findChildren(QWidget) if w.isVisible()]


def assert_inside_cell(view, index) -> None:
    """Every open editor stays within its own cell."""
    cell = view.visualRect(index)
    for editor in editors(view):
        if editor.parentWidget() is view.viewport():
            assert cell.contains(editor.geometry()), (editor, editor.geometry(), cell)


@pytest.fixture
def indicator_table(qtbot):
    doc = storage.load(SAMPLES / "hebei_2020.json")
    ctx = EditorContext(doc)
    table = IndicatorTable(ctx)
    qtbot.addWidget(table)
    table.resize(1100, 560)
    project = doc.projects[0]
    project.indicators[:] = [
        Indicator(level1="产出指标", level2=f"二级{i}", name=f"指标{i}", description="")
        for i in range(6)
    ]
    table.set_owner(project)
    table.show()
    qtbot.waitExposed(table)
    return table, project


@pytest.mark.parametrize("field", ["description", "basis", "name", "value", "level2"])
def test_clicking_down_a_column_types_into_each_row(qtbot, indicator_table, field):
    table, project = indicator_table
    view, col = table.view, table.model.column_of(field)
    rows = range(5)
    for row in rows:
        index = table.model.index(row, col)
        click_cell(view, index)
        assert view.currentIndex() == index, f"the click on row {row + 1} moved there"
        type_text(f"r{row}x")
        assert_inside_cell(view, index)
    press_enter()
    for row in rows:
        assert getattr(project.indicators[row], field) == f"r{row}x", (row, field)
    assert getattr(project.indicators[5], field) != "r5x"


def test_a_click_on_another_column_commits_and_moves(qtbot, indicator_table):
    table, project = indicator_table
    view, model = table.view, table.model
    click_cell(view, model.index(0, model.column_of("description")))
    type_text("abc")
    click_cell(view, model.index(1, model.column_of("name")))
    assert project.indicators[0].description == "abc", "the click committed the open cell"
    type_text("xyz")
    press_enter()
    assert project.indicators[1].name == "xyz"
    assert project.indicators[0].name == "指标0"


def test_a_long_description_grows_its_row_not_over_the_next(qtbot, indicator_table):
    table, _project = indicator_table
    view, model = table.view, table.model
    index = model.index(0, model.column_of("description"))
    next_cell = model.index(1, model.column_of("name"))
    below = view.visualRect(next_cell).top()
    click_cell(view, index)
    type_text("a long description that wraps " * 6)
    assert_inside_cell(view, index)
    editor = QApplication.focusWidget()
    assert editor.geometry().bottom() < view.visualRect(next_cell).top()
    assert view.visualRect(next_cell).top() > below, "the row grew with the text"


@pytest.fixture
def task_table(qtbot):
    doc = storage.load(SAMPLES / "guangzhou_yuexiu.json")
    ctx = EditorContext(doc)
    doc.department.tasks[:] = [Task() for _ in range(6)]
    columns = [Column("name", "任务名称"), Column("content", "主要内容", "long", 300)]
    table = ListTable(ctx, doc.department, "tasks", columns, Task, "任务")
    qtbot.addWidget(table)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)
    return table, doc.department.tasks


@pytest.mark.parametrize("col", [0, 1])
def test_department_task_table_clicks_down_a_column(qtbot, task_table, col):
    table, tasks = task_table
    view = table.view
    field = table.model.columns[col].field
    for row in range(5):
        index = table.model.index(row, col)
        click_cell(view, index)
        assert view.currentIndex() == index
        type_text(f"t{row}")
        assert_inside_cell(view, index)
    press_enter()
    assert [getattr(t, field) for t in tasks[:5]] == [f"t{r}" for r in range(5)]

