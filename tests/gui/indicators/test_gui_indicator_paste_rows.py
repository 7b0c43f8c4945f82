"""Pasting whole indicator rows whose columns differ from the table's: no row ends up
mixing a new indicator with an old one's 依据, a hidden 依据 is kept, and the status bar
says what happened.  Driven through the real main window, as the clerk pastes."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from goaleditor.gui.indicators.clipboard import header_fields
from goaleditor.gui.tree.panel import PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    SAMPLES,
    answers,
    file_dialogs,
    make_window,
)

#: 一级…指标值 without 依据: the Tianjin shape, copied from Excel.
FIVE = (
    "产出指标\t数量指标\t培训人次\t全年培训干警人次\t≥200人次\r\n"
    "满意度指标\t服务对象满意度指标\t参训满意度\t问卷\t≥95%\r\n"
)
#: The Hebei shape, with 指标值确定依据.
SIX = "产出指标\t数量指标\t培训人次\t全年培训干警人次\t≥200人次\t上年实际完成198人次\r\n"


def _open(make_window, tmp_path, sample: str, project: int):
    path = tmp_path / sample
    shutil.copyfile(SAMPLES / sample, path)
    window = make_window(path)
    window.tree.select_node(PROJECT, project)
    table = window.project_editor.table
    return window, table, window.ctx.document.projects[project]


def _paste(qtbot, table, text: str) -> None:
    QApplication.clipboard().setText(text)
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)


def test_five_columns_on_one_cell_of_a_six_column_table_become_new_rows(
    qtbot, make_window, tmp_path
):
    window, table, project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    before = [(i.name, i.basis) for i in project.indicators]
    table.select_cell(0, "level1")
    _paste(qtbot, table, FIVE)
    after = {i.name: i for i in project.indicators}
    assert len(project.indicators) == len(before) + 2
    assert [(i.name, i.basis) for i in project.indicators if i.name in dict(before)] == before
    assert after["培训人次"].basis == "" and after["参训满意度"].basis == ""
    message = window.statusBar().currentMessage()
    assert "已粘贴 2 行" in message and "新指标行" in message
    assert "没有“指标值确定依据”列" in message
    window.ctx.undo_stack.undo()
    assert [(i.name, i.basis) for i in project.indicators] == before


def test_whole_rows_pasted_over_selected_rows_replace_them_whole(qtbot, make_window, tmp_path):
    window, table, project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    model = table.model
    old = [(i.name, i.basis) for i in project.indicators]
    assert all(basis for _name, basis in old[:2])
    # the clerk selects rows 1–2 (row headers) to overwrite them
    table.view.setCurrentIndex(model.index(0, 0))
    table.view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, model.columnCount() - 1)),
        QItemSelectionModel.ClearAndSelect,
    )
    _paste(qtbot, table, FIVE)
    rows = project.indicators
    assert len(rows) == len(old)
    assert [(r.name, r.basis) for r in rows[:2]] == [("培训人次", ""), ("参训满意度", "")]
    assert (rows[1].level1, rows[1].description, rows[1].value) == ("满意度指标", "问卷", "≥95%")
    assert [(r.name, r.basis) for r in rows[2:]] == old[2:]
    message = window.statusBar().currentMessage()
    assert "覆盖第 1–2 行" in message and "原有的“指标值确定依据”已清除" in message
    assert window.ctx.undo_stack.count() == 1
    window.ctx.undo_stack.undo()
    assert [(i.name, i.basis) for i in project.indicators] == old


def test_a_block_of_cells_inside_the_table_still_overwrites_just_those_cells(
    qtbot, make_window, tmp_path
):
    window, table, project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    old = [(i.name, i.basis) for i in project.indicators]
    table.select_cell(0, "value")
    _paste(qtbot, table, "≥99%\r\n≥88次\r\n")
    assert [i.value for i in project.indicators[:2]] == ["≥99%", "≥88次"]
    assert [(i.name, i.basis) for i in project.indicators] == old
    assert "已粘贴 2 行 × 1 列单元格" in window.statusBar().currentMessage()
    # a sub-rectangle from 一级 that stops before 指标值 is cells too
    table.select_cell(2, "level1")
    _paste(qtbot, table, "效益指标\t社会效益指标\r\n")
    assert (project.indicators[2].level2, project.indicators[2].name) == ("社会效益指标", old[2][0])


def test_six_columns_into_a_five_column_table_keep_the_basis(qtbot, make_window, tmp_path):
    window, table, project = _open(make_window, tmp_path, "tianjin_2023.json", 1)
    assert "basis" not in table.model.columns
    table.select_cell(0, "level1")
    _paste(qtbot, table, SIX)
    new = next(i for i in project.indicators if i.name == "培训人次")
    assert (new.value, new.basis) == ("≥200人次", "上年实际完成198人次")
    message = window.statusBar().currentMessage()
    assert "“指标值确定依据”已保存，当前表样不显示这一列" in message


def test_a_copied_header_line_places_the_columns_by_their_titles(qtbot, make_window, tmp_path):
    _window, table, project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    block = (
        "一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据\r\n"
        "产出指标\t质量指标\t培训合格率\t≥90%\t上年89%\r\n"
    )
    table.select_cell(0, "level1")
    _paste(qtbot, table, block)
    new = next(i for i in project.indicators if i.name == "培训合格率")
    assert (new.description, new.value, new.basis) == ("", "≥90%", "上年89%")
    assert header_fields(["一级指标", "三级指标", "年度指标值", ""]) == ["level1", "name", "value"]
    assert header_fields(["一级指标", "备注"]) is None


def test_paste_as_new_rows_takes_a_narrow_block_into_the_rows_category(
    qtbot, make_window, tmp_path
):
    window, table, project = _open(make_window, tmp_path, "tianjin_2023.json", 2)
    count = len(project.indicators)
    table.select_cell(0, "name")  # 产出指标 › 数量指标
    QApplication.clipboard().setText("巡检次数\t每月巡检\t≥12次\r\n")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    new = project.indicators[1]
    assert len(project.indicators) == count + 1
    assert (new.level1, new.level2, new.name, new.value) == (
        "产出指标",
        "数量指标",
        "巡检次数",
        "≥12次",
    )
    assert "已粘贴 1 行，作为新指标行插入" in window.statusBar().currentMessage()
    # a wide block pasted as rows keeps its hidden 依据 too
    table.select_cell(0, "value")
    QApplication.clipboard().setText(SIX)
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier | Qt.ShiftModifier)
    pasted = next(i for i in project.indicators if i.name == "培训人次")
    assert pasted.basis == "上年实际完成198人次"


@pytest.mark.parametrize("field", ["name", "value"])
def test_rows_copied_from_a_form_become_new_rows_on_any_one_cell(
    qtbot, make_window, tmp_path, field
):
    """一级…指标值 pasted on the 三级 or 指标值 cell of a six-column table is still whole
    rows (its first column names 一级 categories): never written over the current row."""
    _window, table, project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    before = [(i.name, i.value, i.basis) for i in project.indicators]
    table.select_cell(0, field)
    _paste(qtbot, table, FIVE)
    assert len(project.indicators) == len(before) + 2
    names = {b[0] for b in before}
    assert [(i.name, i.value, i.basis) for i in project.indicators if i.name in names] == before
    new = {i.name: i for i in project.indicators}["培训人次"]
    assert (new.level1, new.level2, new.value) == ("产出指标", "数量指标", "≥200人次")


def test_a_block_of_cells_from_another_column_still_overwrites_cells(qtbot, make_window, tmp_path):
    """Five cells that do not start with a 一级 category are cells, pasted where they land."""
    _window, table, project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    count = len(project.indicators)
    table.select_cell(0, "level2")
    _paste(qtbot, table, "数量指标\t新名称\t新描述\t≥1次\t新依据\r\n")
    assert len(project.indicators) == count
    first = project.indicators[0]
    assert (first.level2, first.name, first.value, first.basis) == (
        "数量指标",
        "新名称",
        "≥1次",
        "新依据",
    )


def test_empty_trailing_cells_from_excel_are_not_reported_as_lost(qtbot, make_window, tmp_path):
    window, table, _project = _open(make_window, tmp_path, "hebei_2020.json", 0)
    table.select_cell(0, "level1")
    _paste(qtbot, table, SIX.replace("\r\n", "\t\t\r\n"))
    message = window.statusBar().currentMessage()
    assert "已粘贴 1 行" in message
    assert "多出的" not in message
