"""The department page on 1366×768 at 150 % (911×512 logical): each table keeps five rows
in sight (the form gives way; long rows are cut short), empty boxes take one line."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from goaleditor.gui.tree.panel import DEPARTMENT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _settle(qtbot) -> None:
    qtbot.wait(30)
    QApplication.processEvents()


def _open_department(make_window, tmp_path, qtbot, sample: str, size: tuple[int, int]):
    window = make_window(sample_copy(tmp_path, sample))
    window.resize(*size)
    window.tree.select_node(DEPARTMENT)
    _settle(qtbot)
    return window, window.department_editor


def _full_rows(view) -> int:
    """Rows wholly in sight (the last column: 一级/二级 cells span several rows)."""
    model, port = view.model(), view.viewport().rect()
    col = model.columnCount() - 1
    rects = [view.visualRect(model.index(r, col)) for r in range(model.rowCount())]
    return sum(1 for r in rects if r.isValid() and r.top() >= 0 and r.bottom() <= port.bottom())


def test_guangzhou_page_keeps_indicator_rows_on_a_small_screen(make_window, tmp_path, qtbot):
    window, editor = _open_department(
        make_window, tmp_path, qtbot, "guangzhou_yuexiu.json", (911, 512)
    )
    form, table = editor.form, editor.table
    # one scroll bar: the form scrolls in its part, the page never scrolls around it
    assert not hasattr(editor, "page")
    _top, bottom = editor.splitter.sizes()
    assert bottom >= editor.fitter.table_needs()
    # in the indicators, five rows or more are in sight (long rows cut short)
    editor.focus_field("value", 2)
    _settle(qtbot)
    view = table.view
    assert _full_rows(view) >= editor.ROWS_SHOWN
    assert view.visualRect(table.model.index(2, 0)).intersects(view.viewport().rect())
    # no sideways scrolling: the short columns narrowed to let 三级指标 fit
    assert view.horizontalScrollBar().maximum() == 0
    # the empty 其他需完成的任务 box is one line, not a tall empty box
    other = form.fields["other_tasks"]
    assert not other.toPlainText()
    assert other.height() < 2 * other.fontMetrics().lineSpacing() + 16
    folder = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path)
    assert window.grab().save(str(folder / "small_screen_guangzhou_indicators.png"))


def test_in_the_task_table_the_form_gets_the_room(make_window, tmp_path, qtbot):
    _window, editor = _open_department(
        make_window, tmp_path, qtbot, "guangzhou_yuexiu.json", (911, 600)
    )
    tasks = editor.form.tasks
    tasks.select_row(0, 1)
    tasks.view.setFocus()
    _settle(qtbot)
    assert _full_rows(tasks.view) >= tasks.ROWS_SHOWN  # all five tasks, cut short
    origin = tasks.mapTo(editor.scroll.viewport(), tasks.rect().topLeft())
    assert origin.y() >= 0 and origin.y() + tasks.height() <= editor.scroll.viewport().height()
    # back in the indicators, they get their rows again
    editor.table.select_cell(0, "name")
    _settle(qtbot)
    assert _full_rows(editor.table.view) >= editor.ROWS_SHOWN


def test_a_tall_page_gives_the_form_half(make_window, tmp_path, qtbot):
    _window, editor = _open_department(
        make_window, tmp_path, qtbot, "chengdu_2022.json", (1366, 900)
    )
    top, bottom = editor.splitter.sizes()
    assert top <= editor.FORM_SHARE * (top + bottom) + 1  # the form scrolls in its half
    assert bottom >= top


def test_empty_task_table_is_one_row_tall_and_grows_with_rows(make_window, tmp_path, qtbot):
    from goaleditor.model import DepartmentGoals

    window, editor = _open_department(
        make_window, tmp_path, qtbot, "guangzhou_yuexiu.json", (1366, 768)
    )
    doc = window.ctx.document
    doc.department = DepartmentGoals()
    editor.reload()
    _settle(qtbot)
    tasks = editor.form.tasks
    empty = tasks.view.height()
    assert empty < 3 * tasks.view.verticalHeader().defaultSectionSize() + 40
    for _ in range(3):
        tasks.add_row()
    _settle(qtbot)
    assert tasks.view.height() > empty
    for _ in range(20):
        tasks.add_row()
    _settle(qtbot)
    assert tasks.height() <= 260  # then it scrolls inside the form
