"""The project tree: add, duplicate, delete, rename, reorder (keys and drag), filter, 待复核."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from goaleditor import storage
from goaleditor.gui.tree.panel import MIME_TYPE, PROJECT, move_projects
from goaleditor.model import DepartmentGoals
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    project_names,
    small_document,
    type_text,
)


def _window_with(make_window, tmp_path, doc=None):
    path = tmp_path / "doc.json"
    storage.save(doc or small_document(), path)
    return make_window(path)


def _labels(window) -> list[str]:
    model = window.tree.model
    root = model.root_index()
    return [model.index(r, 0, root).data() for r in range(model.rowCount(root))]


def test_tree_shows_unit_department_and_projects(make_window, tmp_path):
    window = _window_with(make_window, tmp_path)
    model = window.tree.model
    assert model.root_index().data() == "某某县人民检察院 · 2024年"
    assert _labels(window) == [
        "部门整体（未添加）",
        "1. 办公设备购置",
        "2. 法律援助经费",
        "3. 信息化运维",
    ]


def test_add_project_selects_it_and_undo_removes_it(make_window, tmp_path, qtbot):
    window = _window_with(make_window, tmp_path)
    window.tree.select_node(PROJECT, 0)
    window.tree.add_action.trigger()
    # the new project opens for renaming in place
    editor = window.tree.view.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    type_text(editor, "车辆运行维护")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: project_names(window)[1] == "车辆运行维护")  # commits queued
    assert project_names(window) == ["办公设备购置", "车辆运行维护", "法律援助经费", "信息化运维"]
    assert window.tree.selected_projects() == [1]
    assert window.project_editor.project is window.ctx.document.projects[1]
    assert window.isWindowModified()
    window.actions_.undo.trigger()  # the rename
    window.actions_.undo.trigger()  # the insertion
    assert project_names(window) == ["办公设备购置", "法律援助经费", "信息化运维"]
    assert not window.isWindowModified()


def test_duplicate_copies_deeply(make_window, tmp_path):
    window = _window_with(make_window, tmp_path)
    window.tree.select_projects([1])
    window.tree.duplicate_action.trigger()
    doc = window.ctx.document
    assert project_names(window)[1:3] == ["法律援助经费", "法律援助经费（副本）"]
    copy, original = doc.projects[2], doc.projects[1]
    assert copy.indicators == original.indicators
    assert copy.indicators[0] is not original.indicators[0]
    assert window.tree.selected_projects() == [2]


def test_delete_asks_first(make_window, tmp_path, answers):
    window = _window_with(make_window, tmp_path)
    window.tree.select_projects([0, 2])
    answers.expect("取消")
    window.tree.delete_action.trigger()
    assert len(window.ctx.document.projects) == 3
    assert "选中的 2 个项目" in answers.shown[-1]
    answers.expect("删除")
    window.tree.delete_action.trigger()
    assert project_names(window) == ["法律援助经费"]
    window.actions_.undo.trigger()
    assert project_names(window) == ["办公设备购置", "法律援助经费", "信息化运维"]
    window.actions_.redo.trigger()
    assert project_names(window) == ["法律援助经费"]


def test_delete_key_in_tree(make_window, tmp_path, answers, qtbot):
    window = _window_with(make_window, tmp_path)
    window.tree.select_projects([1])
    window.tree.view.setFocus()
    answers.expect("删除")
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Delete)
    assert project_names(window) == ["办公设备购置", "信息化运维"]
    assert "法律援助经费" in answers.shown[0]


def test_rename_through_model_is_undoable(make_window, tmp_path):
    window = _window_with(make_window, tmp_path)
    model = window.tree.model
    assert model.setData(model.project_index(2), "信息系统运维", Qt.ItemDataRole.EditRole)
    assert project_names(window)[2] == "信息系统运维"
    assert model.project_index(2).data() == "3. 信息系统运维"
    assert not model.setData(model.project_index(2), "   ", Qt.ItemDataRole.EditRole)
    window.ctx.undo_stack.undo()
    assert project_names(window)[2] == "信息化运维"


def test_keyboard_reorder(make_window, tmp_path, qtbot):
    window = _window_with(make_window, tmp_path)
    view = window.tree.view
    window.tree.select_projects([0])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert project_names(window) == ["法律援助经费", "办公设备购置", "信息化运维"]
    assert window.tree.selected_projects() == [1]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert project_names(window) == ["法律援助经费", "信息化运维", "办公设备购置"]
    assert not window.tree.move_down_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert project_names(window) == ["法律援助经费", "办公设备购置", "信息化运维"]
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    assert project_names(window) == ["办公设备购置", "法律援助经费", "信息化运维"]


def test_drag_and_drop_moves_projects(make_window, tmp_path):
    window = _window_with(make_window, tmp_path)
    model = window.tree.model
    data = model.mimeData([model.project_index(0), model.project_index(1)])
    assert data.hasFormat(MIME_TYPE)
    root = model.root_index()
    # dropped between rows: tree row 4 is after the last project (row 0 is 部门整体)
    model.dropMimeData(data, Qt.DropAction.MoveAction, 4, 0, root)
    assert project_names(window) == ["信息化运维", "办公设备购置", "法律援助经费"]
    assert window.tree.selected_projects() == [1, 2]
    assert window.ctx.undo_stack.count() == 1
    # dropping onto a project is not allowed; onto the root appends
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.project_index(0))
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    window.ctx.undo_stack.undo()
    assert project_names(window) == ["办公设备购置", "法律援助经费", "信息化运维"]


def test_move_projects_non_contiguous_is_one_step(make_window, tmp_path):
    doc = small_document()
    doc.projects += [doc.projects[0].__class__(name=n) for n in ("D", "E")]
    window = _window_with(make_window, tmp_path, doc)
    ctx = window.ctx
    before = project_names(window)
    rows = move_projects(ctx, [0, 2, 4], 2)
    assert project_names(window) == ["法律援助经费", "办公设备购置", "信息化运维", "E", "D"]
    assert rows == [1, 2, 3]
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert project_names(window) == before


def test_filter_hides_other_projects(make_window, tmp_path, qtbot):
    window = _window_with(make_window, tmp_path)
    tree = window.tree
    root = tree.model.root_index()
    type_text(tree.filter_edit, "法律")
    hidden = [tree.view.isRowHidden(r, root) for r in range(4)]
    assert hidden == [True, True, False, True]
    tree.filter_edit.clear()
    tree.filter_edit.setText("p003")  # codes match too, case-insensitive
    assert [tree.view.isRowHidden(r, root) for r in range(4)] == [True, True, True, False]
    # selecting a hidden project (e.g. from the problems panel) clears the filter
    tree.select_projects([0])
    assert tree.filter_edit.text() == ""
    assert not tree.view.isRowHidden(1, root)


def test_review_mark_and_confirm(make_window, tmp_path):
    doc = small_document()
    doc.projects[1].needs_review = True
    doc.projects[1].indicators[0].needs_review = True
    doc.projects[2].indicators[1].needs_review = True
    window = _window_with(make_window, tmp_path, doc)
    labels = _labels(window)
    assert "待复核" in labels[2] and "待复核" in labels[3] and "待复核" not in labels[1]
    window.tree.select_projects([1])
    assert window.project_editor.header.banner.isVisibleTo(window.project_editor)
    window.tree.review_action.trigger()
    project = window.ctx.document.projects[1]
    assert not project.needs_review and not project.indicators[0].needs_review
    assert "待复核" not in _labels(window)[2]
    header = window.project_editor.header  # the banner says so, until another project shows
    assert "已全部复核" in header.banner_text.text()
    assert not header.review_button.isVisibleTo(window.project_editor)
    assert not window.tree.review_action.isEnabled()
    window.actions_.undo.trigger()
    assert project.needs_review and project.indicators[0].needs_review
    assert "待复核" in _labels(window)[2]


def test_review_mark_comes_before_a_long_name(make_window, tmp_path, qtbot):
    doc = small_document()
    doc.projects[0].name = "2020年度检察及法警法定工作日外加班项目工作经费" * 2
    doc.projects[0].needs_review = True
    window = _window_with(make_window, tmp_path, doc)
    label = _labels(window)[1]
    assert label.startswith("1. 〔待复核〕2020年度")
    # narrow tree: the mark is still in the part that is shown
    window.splitter.setSizes([200, 1000])
    view = window.tree.view
    rect = view.visualRect(window.tree.model.project_index(0))
    shown = view.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 30)
    assert "〔待复核〕" in shown and shown.endswith("…")


def test_department_set_to_none_says_it_is_kept_but_not_printed(make_window, tmp_path, qtbot):
    from goaleditor.gui.tree.panel import DEPARTMENT

    doc = small_document()
    doc.layout.department_form = "text"
    doc.department = DepartmentGoals(overall_goal="保障检察工作正常运转")
    window = _window_with(make_window, tmp_path, doc)
    dept = window.tree.model.department_index()
    assert dept.data() == "部门整体"
    window.tree.select_node(PROJECT, 0)
    window.document_editor.department_form.setCurrentIndex(0)  # 无部门整体表
    assert doc.department.overall_goal == "保障检察工作正常运转"
    assert dept.data() == "部门整体（不打印）"
    assert "内容仍保留" in dept.data(Qt.ItemDataRole.ToolTipRole)
    window.tree.select_node(DEPARTMENT)
    editor = window.department_editor
    assert editor.hidden_note.isVisibleTo(editor) and "不打印" in editor.hidden_note.text()
    window.actions_.undo.trigger()
    assert dept.data() == "部门整体"
    assert not editor.hidden_note.isVisibleTo(editor)
    window.ctx.document.department = None
    window.tree.model.dataChanged.emit(dept, dept)
    assert dept.data() == "部门整体（未添加）"
