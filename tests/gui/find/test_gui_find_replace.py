"""编辑 → 查找 / 替换 over the whole document, and 剪切/复制/粘贴 in the 编辑 menu."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from goaleditor import storage
from goaleditor.gui.tree.panel import DEPARTMENT, DOCUMENT, PROJECT
from goaleditor.model import Indicator, Task
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    small_document,
)


def _window(make_window, tmp_path):
    doc = small_document()
    doc.layout.department_form = "guangzhou"
    from goaleditor.model import DepartmentGoals

    doc.department = DepartmentGoals(
        name="某某县人民检察院",
        tasks=[Task("保障运转", "保障日常工作")],
        indicators=[Indicator("产出指标", "数量指标", "保障人数", "", "≥10人")],
    )
    path = tmp_path / "doc.json"
    storage.save(doc, path)
    return make_window(path)


def _dialog(window, needle: str, replace: bool = False):
    window.find(replace=replace)
    dialog = window._find_dialog
    dialog.needle.setText(needle)
    return dialog


def test_ctrl_f_and_ctrl_h_open_the_dialog(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    assert window.actions_.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.actions_.replace.shortcut() == QKeySequence("Ctrl+H")
    edit_menu = window.menuBar().actions()[1].menu()
    texts = [a.text() for a in edit_menu.actions() if not a.isSeparator()]
    assert texts[2:] == ["剪切(&T)", "复制(&C)", "粘贴(&P)", "查找(&F)...", "替换(&R)..."]
    window.actions_.find.trigger()
    dialog = window._find_dialog
    assert dialog.isVisible() and not dialog.replacement.isVisible()
    window.actions_.replace.trigger()
    assert dialog.replacement.isVisible() and dialog.replace_all_button.isVisible()


def test_find_next_walks_every_form_and_jumps_there(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    dialog = _dialog(window, "保障")
    found = dialog.find_next()
    # the department form comes first (after the document header), its task cell first
    assert found.text.place.kind == "department" and found.text.column == "name"
    assert window.tree.current_node()[0] == DEPARTMENT
    tasks = window.department_editor.form.tasks
    assert tasks.view.currentIndex().row() == 0 and tasks.view.currentIndex().column() == 0
    assert "共 9 处" in dialog.status.text() and "第 1 处" in dialog.status.text()

    dialog.find_next()  # 主要内容 of the task
    assert tasks.view.currentIndex().column() == 1
    found = dialog.find_next()  # the department's indicator 保障人数
    table = window.department_editor.table
    assert found.text.name == "name" and table.view.currentIndex().row() == 0
    found = dialog.find_next()  # project 1 资金用途 用于保障日常工作
    assert window.tree.current_node() == (PROJECT, 0)
    focus = window.focusWidget()
    assert isinstance(focus, QPlainTextEdit)
    assert focus.textCursor().selectedText() == "保障"
    found = dialog.find_next()  # project 1 绩效目标 line 2 保障工作正常运转
    assert found.text.item == 1
    assert window.focusWidget().textCursor().selectedText() == "保障"
    assert "绩效目标 第 2 条" in dialog.status.text()

    # previous goes back; past the start it wraps to the end and says so
    dialog.find_previous()
    dialog.find_previous()
    dialog.find_previous()
    dialog.find_previous()
    assert "第 1 处" in dialog.status.text()
    dialog.find_previous()
    assert "第 9 处" in dialog.status.text() and "从末尾继续" in dialog.status.text()
    assert window.tree.current_node() == (PROJECT, 2)


def test_whole_cell_finds_only_whole_fields(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    dialog = _dialog(window, "≥10台")
    dialog.whole_cell.setChecked(True)
    found = dialog.find_next()
    assert found.text.name == "value" and found.text.place.project == 0
    assert "共 3 处" in dialog.status.text()
    dialog.needle.setText("10台")
    assert dialog.find_next() is None
    assert "找不到" in dialog.status.text()


def test_document_header_field_is_focused_with_the_text_selected(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    window.tree.select_node(PROJECT, 1)
    dialog = _dialog(window, "县人民")
    dialog.find_next()
    assert window.tree.current_node()[0] == DOCUMENT
    focus = window.focusWidget()
    assert isinstance(focus, QLineEdit) and focus.selectedText() == "县人民"


def test_replace_one_then_all_each_one_undo_step(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    doc = window.ctx.document
    stack = window.ctx.undo_stack
    dialog = _dialog(window, "保障", replace=True)
    dialog.replacement.setText("确保")
    first = dialog.replace_one()  # nothing shown yet: only finds
    assert first is not None and stack.count() == 0
    dialog.replace_one()
    assert doc.department.tasks[0].name == "确保运转"
    assert stack.count() == 1 and "替换" in stack.undoText()
    assert "共 8 处" in dialog.status.text()  # the next one is shown
    assert doc.department.tasks[0].content == "保障日常工作"

    count = dialog.replace_every()
    assert count == 8
    assert stack.count() == 2 and "全部替换" in stack.undoText()
    assert doc.projects[0].goals == ["按时完成采购", "确保工作正常运转"]
    assert doc.projects[2].purpose == "用于确保日常工作"
    assert doc.department.indicators[0].name == "确保人数"
    window.replay(undo=True)
    assert doc.projects[0].goals == ["按时完成采购", "保障工作正常运转"]
    assert doc.department.indicators[0].name == "保障人数"
    assert doc.department.tasks[0].name == "确保运转"  # the single replace stays


def test_text_being_typed_is_searched(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    window.tree.select_node(PROJECT, 0)
    name = window.project_editor.header.name
    name.setFocus()
    name.setText("独一无二的名字")
    name.textEdited.emit(name.text())
    dialog = _dialog(window, "独一无二")
    assert dialog.find_next() is not None


def test_edit_menu_cut_copy_paste_act_on_the_focused_widget(make_window, tmp_path, qtbot):
    window = _window(make_window, tmp_path)
    window.tree.select_node(PROJECT, 0)
    name = window.project_editor.header.name
    name.setFocus()
    name.selectAll()
    window.actions_.copy.trigger()
    assert QApplication.clipboard().text() == "办公设备购置"
    # in the indicator table the menu runs the table's own copy (cells as tab-separated text)
    table = window.project_editor.table
    table.select_cell(0, "name")
    window.actions_.copy.trigger()
    assert QApplication.clipboard().text().strip() == "购置数量"
    QApplication.clipboard().setText("新名称")
    table.select_cell(1, "name")
    window.actions_.paste.trigger()
    assert window.ctx.document.projects[0].indicators[1].name == "新名称"
    window.tree.view.setFocus()
    window.actions_.cut.trigger()  # nothing to cut in the tree: a word, no change
    assert "请先点" in window.statusBar().currentMessage()


def test_the_layouts_own_fields_and_the_weight_are_found_in_their_place(
    make_window, tmp_path, qtbot
):
    """A province's own project row and indicator column, and 权重: 查找 puts the cursor on
    that very field or cell; a replacement 权重 cannot take is said, and nothing changes."""
    from test_search import own_layout_document

    path = tmp_path / "own.json"
    storage.save(own_layout_document(), path)
    window = make_window(path)
    doc = window.ctx.document
    dialog = _dialog(window, "张检察")
    dialog.find_next()
    assert window.tree.current_node() == (PROJECT, 0)
    focus = window.focusWidget()
    assert focus.objectName() == "extra_contact" and focus.selectedText() == "张检察"

    table = window.project_editor.table
    dialog.needle.setText("核对")
    dialog.find_next()
    current = table.view.currentIndex()
    assert (current.row(), table.model.field(current.column())) == (0, "extra.method")

    dialog = _dialog(window, "15", replace=True)
    dialog.whole_cell.setChecked(True)
    dialog.replacement.setText("十五")
    dialog.find_next()
    current = table.view.currentIndex()
    assert table.model.field(current.column()) == "weight"
    assert dialog.replace_one() is None
    assert "没有替换" in dialog.status.text() and "不是数字" in dialog.status.text()
    assert doc.projects[0].indicators[0].weight == Decimal(15)
    dialog.replacement.setText("20")
    dialog.replace_one()
    assert doc.projects[0].indicators[0].weight == Decimal(20)
    window.replay(undo=True)
    assert doc.projects[0].indicators[0].weight == Decimal(15)
