"""The project header: bound fields re-bound per project, amounts, undo keys, 待复核 banner."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from goaleditor import storage
from goaleditor.gui.tree.panel import PROJECT
from goaleditor.model import Indicator
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
    small_document,
    type_text,
)


def _open(make_window, tmp_path, doc=None):
    path = tmp_path / "doc.json"
    storage.save(doc or small_document(), path)
    return make_window(path)


def _tree_label(window, row: int) -> str:
    return window.tree.model.project_index(row).data()


def _leave(window) -> None:
    """Move the focus out of the header, as a click in the tree does."""
    window.tree.view.setFocus()


def test_switching_projects_shows_each_without_undo_steps(make_window, tmp_path):
    window = _open(make_window, tmp_path)
    header = window.project_editor.header
    doc = window.ctx.document
    doc.projects[1].goals = ["第二个项目的目标"]
    doc.projects[1].budget.total = Decimal("2500.5")
    for row in (0, 1, 2, 1):
        window.tree.select_node(PROJECT, row)
        project = doc.projects[row]
        assert header.name.text() == project.name
        assert header.code.text() == project.code
        assert header.goals.toPlainText() == "\n".join(project.goals)
        assert header.total.text() == f"{project.budget.total:,.2f}"
    assert header.total.text() == "2,500.50"
    assert window.ctx.undo_stack.count() == 0


def test_typed_amount_goes_to_the_project_it_was_typed_for(make_window, tmp_path, qtbot):
    window = _open(make_window, tmp_path)
    header = window.project_editor.header
    doc = window.ctx.document
    window.tree.select_node(PROJECT, 0)
    header.fiscal.selectAll()
    qtbot.keyClicks(header.fiscal, "600")
    assert "✘" in header.sum_check.text() and "少 400.00" in header.sum_check.text()
    assert doc.projects[0].budget.fiscal == Decimal("1000.00")  # not written while typing
    window.tree.select_node(PROJECT, 1)  # e.g. chosen from the problems panel
    assert doc.projects[0].budget.fiscal == Decimal("600.00")
    assert doc.projects[1].budget.fiscal == Decimal("1000.00")
    assert header.fiscal.text() == "1,000.00"
    window.ctx.undo_stack.undo()
    assert doc.projects[0].budget.fiscal == Decimal("1000.00")


def test_undo_keys_in_header_fields_undo_the_document(make_window, tmp_path, qtbot):
    window = _open(make_window, tmp_path)
    header = window.project_editor.header
    project = window.ctx.document.projects[0]
    window.tree.select_node(PROJECT, 0)
    header.total.selectAll()
    qtbot.keyClicks(header.total, "1200")
    qtbot.keyClick(header.total, Qt.Key.Key_Return)
    assert project.budget.total == Decimal("1200.00")
    assert header.total.text() == "1,200.00"
    header.attribute.setFocus()
    header.attribute.setCurrentText("新增")
    assert project.attribute == "新增"
    qtbot.keyClick(header.attribute, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.attribute == ""
    qtbot.keyClick(header.total, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.budget.total == Decimal("1000.00")
    assert header.total.text() == "1,000.00"
    assert "✔" in header.sum_check.text()
    qtbot.keyClick(header.total, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert header.total.text() == "1,200.00"


def test_goal_numbers_and_purpose_are_bound(make_window, tmp_path):
    window = _open(make_window, tmp_path)
    header = window.project_editor.header
    project = window.ctx.document.projects[2]
    window.tree.select_node(PROJECT, 2)
    header.goals.selectAll()
    type_text(header.goals, "1、完成运维\n（2）系统可用")
    assert project.goals == ["完成运维", "系统可用"]
    assert header.goals.toPlainText() == "1、完成运维\n（2）系统可用"  # as typed
    header.purpose.selectAll()
    type_text(header.purpose, "用于机房运维")
    assert project.purpose == "用于机房运维"
    window.ctx.undo_stack.undo()
    assert header.purpose.toPlainText() == "用于保障日常工作"


def test_editing_reviews_and_undo_brings_the_mark_back(make_window, tmp_path):
    doc = small_document()
    doc.projects[1].needs_review = True
    doc.projects[1].indicators[0].needs_review = True
    window = _open(make_window, tmp_path, doc)
    header, editor = window.project_editor.header, window.project_editor
    project = window.ctx.document.projects[1]
    window.tree.select_node(PROJECT, 1)
    assert header.banner.isVisibleTo(editor)
    assert "本项目还有 2 项待复核的内容（项目信息 1 项、指标 1 条）" in header.banner_text.text()

    type_text(header.period, "2024年")  # editing the header reviews the project …
    assert not project.needs_review
    assert header.banner.isVisibleTo(editor)  # … but one indicator is still unreviewed
    assert "本项目还有 1 项待复核的内容（指标 1 条）" in header.banner_text.text()
    assert "待复核" in _tree_label(window, 1)

    model = editor.table.model
    model.setData(model.index(0, model.column_of("value")), "≥12台")
    assert not project.indicators[0].needs_review
    # the banner says so and stays: the fields below it do not move under the mouse
    assert header.banner.isVisibleTo(editor) and "已全部复核" in header.banner_text.text()
    assert not header.review_button.isVisibleTo(editor)
    assert "待复核" not in _tree_label(window, 1)

    window.ctx.undo_stack.undo()
    assert project.indicators[0].needs_review
    assert header.banner.isVisibleTo(editor) and "待复核" in _tree_label(window, 1)
    assert header.review_button.isVisibleTo(editor)
    window.ctx.undo_stack.undo()
    assert project.needs_review
    assert "（项目信息 1 项、指标 1 条）" in header.banner_text.text()


def test_the_banner_closes_only_when_another_project_is_shown(make_window, tmp_path, qtbot):
    """Closing the banner at once moved every field up under the clerk's next click."""
    doc = small_document()
    doc.projects[1].needs_review = True
    window = _open(make_window, tmp_path, doc)
    window.resize(1280, 800)
    header, editor = window.project_editor.header, window.project_editor
    window.tree.select_node(PROJECT, 1)
    qtbot.wait(20)
    before = header.name.mapTo(window, header.name.rect().topLeft())
    window.tree.review_action.trigger()  # 确认复核
    assert not window.ctx.document.projects[1].needs_review
    qtbot.wait(20)
    assert header.name.mapTo(window, header.name.rect().topLeft()) == before
    assert "已全部复核" in header.banner_text.text()
    window.tree.select_node(PROJECT, 0)
    window.tree.select_node(PROJECT, 1)
    assert not header.banner.isVisibleTo(editor)


def test_banner_and_problems_list_give_the_same_count(make_window, tmp_path):
    import re

    doc = small_document()
    project = doc.projects[0]
    project.needs_review = True
    project.indicators += [
        Indicator("产出指标", "数量指标", f"指标{i}", "", "≥1次") for i in range(5)
    ]
    for ind in project.indicators:
        ind.needs_review = True
    window = _open(make_window, tmp_path, doc)
    window.tree.select_node(PROJECT, 0)
    banner = window.project_editor.header.banner_text.text()
    review = [p for p in window.problems.run_now() if p.rule == "needs_review"]
    assert len(review) == 1 and review[0].project_index == 0
    counts = {
        re.search(r"还有 (\d+) 项待复核", text).group(1) for text in (banner, review[0].message)
    }
    assert counts == {"8"}, (banner, review[0].message)
    assert "（项目信息 1 项、指标 7 条）" in banner


def test_deleting_the_unreviewed_indicator_hides_the_banner(make_window, tmp_path):
    from goaleditor.gui.common.commands import RemoveItemsCommand

    doc = small_document()
    doc.projects[0].indicators[1].needs_review = True
    window = _open(make_window, tmp_path, doc)
    header, editor = window.project_editor.header, window.project_editor
    project = window.ctx.document.projects[0]
    window.tree.select_node(PROJECT, 0)
    assert header.banner.isVisibleTo(editor)
    window.ctx.undo_stack.push(RemoveItemsCommand(window.ctx, project, "indicators", [1]))
    assert "已全部复核" in header.banner_text.text()
    window.tree.select_node(PROJECT, 1)
    window.tree.select_node(PROJECT, 0)
    assert not header.banner.isVisibleTo(editor)


def test_project_editor_screenshot(make_window, tmp_path, qtbot):
    doc = small_document()
    doc.projects[0].needs_review = True
    doc.projects[0].budget.other = Decimal("100.00")
    window = _open(make_window, tmp_path, doc)
    window.resize(1280, 800)
    window.tree.select_node(PROJECT, 0)
    qtbot.wait(50)
    shot = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path) / "project_editor.png"
    assert window.grab().save(str(shot))
    header = window.project_editor.header
    assert header.banner.isVisible() and "✘" in header.sum_check.text()


def test_every_tab_stop_of_the_project_page_is_visible(make_window, tmp_path, qtbot):
    """Tab from the first field to the indicator table: no stop the clerk cannot see
    (the header's scroll area took one)."""
    from PySide6.QtWidgets import QApplication

    window = make_window(sample_copy(tmp_path))
    window.resize(1280, 800)
    window.tree.select_node(PROJECT, 0)
    qtbot.wait(20)
    editor = window.project_editor
    editor.header.code.setFocus()
    stops = []
    for _ in range(30):
        focus = QApplication.focusWidget()
        if focus is editor.table.view:
            break
        stops.append(focus)
        qtbot.keyClick(focus, Qt.Key_Tab)
    else:
        raise AssertionError("Tab never reached the indicator table")
    hidden = [type(w).__name__ for w in stops if w.visibleRegion().isEmpty()]
    assert hidden == []
    assert editor.header.goals in stops and editor.scroll not in stops
