"""A 1366×768 office PC at 125–150%: the window's logical size is 1093×614 or 911×512,
and the project page still gives the indicator table most of its height.

QT_SCALE_FACTOR must be set before QApplication exists, so the tests size the window
to the logical size the scaled screen has (the layout is the same; the screenshots
from `GOALEDITOR_SHOT_DIR` look it over at the real scale factors).
"""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from goaleditor.gui.tree.panel import DEPARTMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)

#: 1366×768 at 100%, 125% and 150%, as logical pixels.
SCREENS = [(1366, 768), (1093, 614), (911, 512)]


def _shot(window, name: str, tmp_path) -> None:
    folder = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path)
    assert window.grab().save(str(folder / f"{name}.png"))


def _settle(qtbot) -> None:
    qtbot.wait(20)
    QApplication.processEvents()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_indicator_table_gets_most_of_the_project_page(make_window, tmp_path, qtbot, width, height):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.resize(width, height)
    doc = window.ctx.document
    doc.projects[0].needs_review = True  # the banner must not push the fields away
    window.tree.select_node(PROJECT, 0)
    _settle(qtbot)
    editor = window.project_editor
    header_height, table_height = editor.splitter.sizes()
    assert table_height > header_height, (header_height, table_height)
    assert header_height <= editor.HEADER_SHARE * (header_height + table_height) + 1
    # the table keeps its rows; the header gives way, folded when too little is left
    assert table_height >= editor.table.height_for_rows(editor.table.view.rows_shown)
    if editor.fitter.folded():
        assert header_height == 0 and "待复核" in editor.fitter.unfold.text()
    else:
        assert editor.header.banner.isVisible()
    assert not editor.scroll.isAncestorOf(editor.header.banner)
    # the one-line 资金用途 and 绩效目标 are one line tall, not boxes of empty lines
    line = editor.header.purpose.fontMetrics().lineSpacing()
    assert editor.header.purpose.height() < 2 * line + 16
    assert editor.header.goals.height() < 2 * line + 16
    _shot(window, f"small_screen_project_{width}x{height}", tmp_path)


def test_paragraph_boxes_grow_with_their_text_and_while_typed_in(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.resize(1093, 614)
    window.tree.select_node(PROJECT, 0)
    _settle(qtbot)
    goals = window.project_editor.header.goals
    goals.setPlainText("\n".join(f"第{i}条目标" for i in range(1, 7)))
    _settle(qtbot)
    line = goals.line_height()

    def lines_visible() -> float:
        return goals.viewport().height() / line

    three = goals.height()
    assert 3 <= lines_visible() < 4  # at most three lines while the clerk is elsewhere
    goals.setFocus()
    _settle(qtbot)
    assert lines_visible() >= 6 and goals.verticalScrollBar().maximum() == 0  # all six
    window.tree.view.setFocus()
    _settle(qtbot)
    assert goals.height() == three
    goals.setPlainText("第1条目标\n第2条目标")
    _settle(qtbot)
    assert goals.verticalScrollBar().maximum() == 0, "two goals are both visible"
    editor = window.project_editor
    assert editor.splitter.sizes()[1] > editor.splitter.sizes()[0]


def test_the_clerk_may_give_the_header_more_room(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.resize(1366, 768)
    window.tree.select_node(PROJECT, 0)
    _settle(qtbot)
    editor = window.project_editor
    editor.splitter.moveSplitter(editor.splitter.sizes()[0] + 60, 1)
    editor.fitter._moved(editor.splitter.sizes()[0], 1)  # a drag emits this
    chosen = editor.splitter.sizes()[0]
    window.tree.select_node(PROJECT, 1)
    _settle(qtbot)
    total = sum(editor.splitter.sizes())
    room = total - editor.fitter.table_needs()  # the table keeps its rows all the same
    assert editor.splitter.sizes()[0] == min(chosen, editor.header_height(), room)


def test_department_task_columns_share_the_width(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.resize(911, 512)
    window.tree.select_node(DEPARTMENT)
    _settle(qtbot)
    view = window.department_editor.form.duty_goals.view
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        view.viewport().width()
    )
    assert header.sectionSize(last) >= 120  # 绩效目标 readable, not squeezed to nothing
    _shot(window, "small_screen_department_911x512", tmp_path)
