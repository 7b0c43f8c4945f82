"""撤销/重做 show where they changed the document, also from another project's page."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from goaleditor.gui.tree.panel import DEPARTMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _type_into_cell(qtbot, window, row: int, field: str, text: str) -> None:
    """An edit of a cell, through the table's model as its editor writes it."""
    table = window.project_editor.table
    table.select_cell(row, field)
    assert table.model.setData(table.model.index(row, table.model.column_of(field)), text)


def test_undo_from_another_project_goes_to_the_changed_row(qtbot, make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    doc = window.ctx.document
    window.tree.select_node(PROJECT, 4)
    _type_into_cell(qtbot, window, 1, "value", "≥99%")
    assert doc.projects[4].indicators[1].value == "≥99%"
    window.tree.select_node(PROJECT, 8)

    window.actions_.undo.trigger()

    assert doc.projects[4].indicators[1].value != "≥99%"
    assert window.tree.current_node() == (PROJECT, 4)
    assert window.pages.currentWidget() is window.project_editor
    current = window.project_editor.table.view.currentIndex()
    assert current.row() == 1
    message = window.statusBar().currentMessage()
    assert message.startswith("已撤销") and f"项目 5「{doc.projects[4].name}」第 2 行" in message

    window.tree.select_node(PROJECT, 0)
    window.actions_.redo.trigger()
    assert doc.projects[4].indicators[1].value == "≥99%"
    assert window.tree.current_node() == (PROJECT, 4)
    assert window.statusBar().currentMessage().startswith("已重做")


def test_undoing_a_deleted_row_and_a_department_edit_shows_their_pages(
    qtbot, make_window, tmp_path
):
    window = make_window(sample_copy(tmp_path))
    doc = window.ctx.document
    window.tree.select_node(PROJECT, 2)
    rows_before = len(doc.projects[2].indicators)
    window.project_editor.table.select_cell(0, "name")
    window.project_editor.table.rows.delete_rows()
    assert len(doc.projects[2].indicators) == rows_before - 1
    window.tree.select_node(DEPARTMENT)
    window.department_editor.focus_field("overall_goal")
    window.tree.select_node(PROJECT, 0)

    window.actions_.undo.trigger()
    assert len(doc.projects[2].indicators) == rows_before
    assert window.tree.current_node() == (PROJECT, 2)


def test_menu_names_the_step_and_toolbar_keeps_its_short_label(qtbot, make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(PROJECT, 0)
    assert not window.actions_.undo.isEnabled()
    _type_into_cell(qtbot, window, 0, "value", "≥3次")
    undo = window.actions_.undo
    assert undo.isEnabled()
    assert undo.text().startswith("撤销 ") and undo.iconText() == "撤销"
    undo.trigger()
    assert window.actions_.redo.isEnabled() and not undo.isEnabled()
