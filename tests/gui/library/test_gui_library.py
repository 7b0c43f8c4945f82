"""The 指标库 panel in the real window: search as the clerk types, insert, drag, complete,
last year's value, where an entry was used."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from goaleditor import storage
from goaleditor.gui.library.completion import NameEdit
from goaleditor.gui.library.transfer import MIME_TYPE, mime_entries
from goaleditor.gui.tree.panel import DOCUMENT, PROJECT
from goaleditor.library.history import History, record_documents
from goaleditor.rollover import rollover
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
    type_text,
)


def ready(qtbot, window):
    """The window with its library panel open and a finished index."""
    if not window.library_dock.isVisible():
        window.actions_.library.trigger()  # the toolbar's 指标库 button
    panel = window.library_panel
    qtbot.waitUntil(lambda: window.library.index is not None and window.library.idle(),
                    timeout=20000)  # fmt: skip
    QApplication.processEvents()
    return panel


def shown(panel) -> list[tuple[str, list[str]]]:
    """The result tree as (group title, [三级 names])."""
    tree = panel.tree
    groups = []
    for g in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(g)
        groups.append((top.text(0), [top.child(r).text(0) for r in range(top.childCount())]))
    return groups


def search(qtbot, panel, text: str) -> None:
    panel.search_box.clear()
    if text.isascii():
        qtbot.keyClicks(panel.search_box, text)  # pinyin: one keystroke at a time
    else:
        type_text(panel.search_box, text)  # Chinese: as the input method commits it
    qtbot.waitUntil(lambda: not panel._timer.isActive())


def choose(panel, name: str, add: bool = False) -> None:
    """Click a result (*add*: Ctrl+click, keeping what is chosen)."""
    tree = panel.tree
    for g in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(g)
        for r in range(top.childCount()):
            if top.child(r).text(0) == name:
                if not add:
                    tree.setCurrentItem(top.child(r))
                top.child(r).setSelected(True)
                return
    raise AssertionError(f"{name} not shown")


def test_search_as_the_clerk_types_pinyin_grouped_by_category(qtbot, make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    panel = ready(qtbot, window)
    assert window.library_dock.isVisible() and window.library_dock.widget() is panel
    assert (
        window.actions_.library.isChecked()
        and window.actions_.library.shortcut().toString() == "F8"
    )
    search(qtbot, panel, "fwdxmyd")
    assert shown(panel)[0] == ("满意度指标 › 服务对象满意度指标（1）", ["服务对象满意度"])
    search(qtbot, panel, "manyidu")
    titles = [title for title, _names in shown(panel)]
    assert titles[0].startswith("满意度指标 › 服务对象满意度指标")
    assert all("满意度" in n for _t, names in shown(panel) for n in names)
    # The filters narrow the results.
    panel.class_box.setCurrentIndex(panel.class_box.findData("会议培训"))
    qtbot.waitUntil(lambda: not panel._timer.isActive())
    assert {n for _t, names in shown(panel) for n in names} >= {"参训人员满意度", "参会人员满意度"}
    assert all(m.entry.project_class == "会议培训" for m in panel.matches)
    assert "服务对象满意度" not in {m.item.name for m in panel.matches}
    panel.class_box.setCurrentIndex(0)
    search(qtbot, panel, "")
    panel.level2_box.setCurrentIndex(panel.level2_box.findData("时效指标"))
    qtbot.waitUntil(lambda: not panel._timer.isActive())
    assert {title.split("（")[0] for title, _n in shown(panel)} == {"产出指标 › 时效指标"}


def test_insert_adds_the_chosen_indicators_to_their_groups_in_one_undo_step(
    qtbot, make_window, tmp_path
):
    window = make_window(sample_copy(tmp_path))
    panel = ready(qtbot, window)
    window.tree.select_node(PROJECT, 0)
    project = window.ctx.document.projects[0]
    before = list(project.indicators)
    steps = window.ctx.undo_stack.count()
    search(qtbot, panel, "peixun")
    choose(panel, "举办培训班期数")
    choose(panel, "培训课时", add=True)
    qtbot.mouseClick(panel.insert_button, Qt.LeftButton)
    assert window.ctx.undo_stack.count() == steps + 1
    added = [ind for ind in project.indicators if ind not in before]
    assert sorted(a.name for a in added) == sorted(["举办培训班期数", "培训课时"])
    first = next(a for a in added if a.name == "举办培训班期数")
    assert (first.level1, first.level2, first.value) == ("产出指标", "数量指标", "≥4期")
    assert window.ctx.undo_stack.undoText().startswith("从指标库插入")
    # They joined the 数量指标 run: no category is split.
    from goaleditor.gui.indicators.order import split_groups

    assert split_groups(project.indicators) == []
    window.ctx.undo_stack.undo()
    assert project.indicators == before


def test_insert_without_a_project_on_screen_says_what_to_do(qtbot, make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    panel = ready(qtbot, window)
    window.tree.select_node(DOCUMENT)
    search(qtbot, panel, "fwdxmyd")
    choose(panel, "服务对象满意度")
    steps = window.ctx.undo_stack.count()
    panel.insert_chosen()
    assert window.ctx.undo_stack.count() == steps
    assert "请先在左侧选择一个项目" in window.statusBar().currentMessage()


def test_a_history_entry_keeps_its_description_basis_and_moves_its_year(
    qtbot, make_window, tmp_path
):
    old = storage.load(sample_copy(tmp_path, "tianjin_2023.json"))
    record_documents([(old, tmp_path / "tianjin_2023.json")])
    new = rollover(old, 2024).document
    new_path = tmp_path / "tianjin_2024.json"
    storage.save(new, new_path)
    window = make_window(new_path)
    panel = ready(qtbot, window)
    window.tree.select_node(PROJECT, 0)
    search(qtbot, panel, "发放时限")
    choose(panel, "发放时限")
    match = panel.tree.currentItem().data(0, Qt.UserRole)
    assert match.entry.year in (2023, 2024) and not match.entry.builtin
    entry = next(e for e in match.item.entries if e.year == 2023)
    assert entry.value == "2023年内"
    window.insert_from_library([entry])
    inserted = window.ctx.document.projects[0].indicators
    assert any(i.name == "发放时限" and i.value == "2024年内" for i in inserted)


def drag_and_drop(viewport, mime) -> bool:
    """Enter, move over the first row and drop, as a drag does; whether the drop was taken."""
    point = QPoint(10, 10)
    enter = QDragEnterEvent(point, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(QPointF(point), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_drag_from_the_panel_drops_into_the_table(qtbot, make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    panel = ready(qtbot, window)
    window.tree.select_node(PROJECT, 1)
    table = window.project_editor.table
    project = window.ctx.document.projects[1]
    count = len(project.indicators)
    search(qtbot, panel, "xtzcyxl")
    choose(panel, "系统正常运行率")
    mime = panel.tree.mimeData(panel.tree.selectedItems())
    assert mime.hasFormat(MIME_TYPE)
    assert [e.name for e in mime_entries(mime)] == ["系统正常运行率"]
    assert drag_and_drop(table.view.viewport(), mime)
    assert len(project.indicators) == count + 1
    assert any(i.name == "系统正常运行率" and i.level2 == "质量指标" for i in project.indicators)
    assert window.ctx.undo_stack.undoText().startswith("从指标库插入")
    # Any other drag is not the library's.
    other = QMimeData()
    other.setText("hello")
    assert not drag_and_drop(table.view.viewport(), other)
    assert len(project.indicators) == count + 1


def type_name(qtbot, make_window, tmp_path, typed: str):
    """The first row's 三级 cell opened with F2 in a window whose index is built, *typed*
    typed into it; (window, editor)."""
    window = make_window(sample_copy(tmp_path))
    ready(qtbot, window)
    window.tree.select_node(PROJECT, 0)
    table = window.project_editor.table
    table.select_cell(0, "name")
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = table.view.indexWidget(table.model.index(0, table.model.column_of("name")))
    assert isinstance(editor, NameEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    return window, editor


def test_name_cell_completes_pinyin_from_the_index(qtbot, make_window, tmp_path):
    window, editor = type_name(qtbot, make_window, tmp_path, "fwdxmyd")
    assert editor.completion.popup().isVisible()
    assert editor.completion.model().stringList()[0] == "服务对象满意度"
    # Enter without choosing keeps what was typed; ↓ then Enter takes the name.
    qtbot.keyClick(editor.completion.popup(), Qt.Key_Down)
    qtbot.keyClick(editor.completion.popup(), Qt.Key_Return)
    QApplication.processEvents()
    assert window.ctx.document.projects[0].indicators[0].name == "服务对象满意度"


def test_typed_name_stays_when_nothing_is_chosen(qtbot, make_window, tmp_path):
    window, editor = type_name(qtbot, make_window, tmp_path, "myd")
    assert editor.completion.popup().isVisible()
    qtbot.keyClick(editor.completion.popup(), Qt.Key_Return)
    QApplication.processEvents()
    assert window.ctx.document.projects[0].indicators[0].name == "myd"


def test_last_year_beside_this_year_and_where_used(qtbot, make_window, tmp_path):
    old = storage.load(sample_copy(tmp_path, "tianjin_2023.json"))
    old.projects[2].indicators[0].value = "≥550台/套"  # last year's own value
    record_documents([(old, tmp_path / "tianjin_2023.json")])
    new = rollover(old, 2024).document
    new.projects[2].indicators[0].value = "≥650台/套"
    new_path = tmp_path / "tianjin_2024.json"
    storage.save(new, new_path)
    window = make_window(new_path)
    panel = ready(qtbot, window)
    window.tree.select_node(PROJECT, 2)
    model = window.project_editor.table.model
    cell = model.index(0, model.column_of("value"))
    assert cell.data() == "≥650台/套"
    assert "上年（2023）指标值：≥550台/套" in cell.data(Qt.ToolTipRole)
    panel.last_year_box.setChecked(True)
    assert cell.data() == "≥650台/套\n上年 ≥550台/套"
    assert cell.data(Qt.EditRole) == "≥650台/套"  # editing and the file see the value only
    panel.last_year_box.setChecked(False)
    assert cell.data() == "≥650台/套"
    # The panel lists where the indicator was used, most recent first.
    search(qtbot, panel, "硬件维护数量")
    choose(panel, "硬件维护数量")
    html = panel.details.toPlainText()
    assert "用过 6 次" in html  # three projects, two years
    assert html.index("2024") < html.index("2023")
    assert "≥550台/套" in html and "≥650台/套" in html


def test_opening_and_saving_teach_the_history(qtbot, make_window, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(path)
    ready(qtbot, window)
    history = History.load()
    assert {e.source for e in history.entries} == {str(Path(path).resolve())}
    window.ctx.document.projects[0].indicators[0].name = "新指标名称"
    window.files.save()
    qtbot.waitUntil(window.library.idle)
    names = {e.name for e in History.load().entries}
    assert "新指标名称" in names
    QApplication.processEvents()
    assert window.library.index.search("xzbmc")[0].item.name == "新指标名称"


def test_a_damaged_history_is_noted_in_the_panel_and_rebuilt_on_request(
    qtbot, make_window, tmp_path
):
    path = sample_copy(tmp_path)
    record_documents([(storage.load(path), path)])
    from goaleditor.library.history import library_folder

    (library_folder() / "history.json").write_text("{broken", encoding="utf-8")
    window = make_window()
    panel = ready(qtbot, window)
    assert "已损坏" in panel.count_label.text()
    panel.rebuild_action.trigger()
    qtbot.waitUntil(window.library.idle)
    QApplication.processEvents()
    assert len(History.load().entries) == 37
    assert "已损坏" not in panel.count_label.text()


def test_the_panel_opens_from_the_toolbar_and_stays_open_next_time(qtbot, make_window):
    window = make_window()
    assert not window.library_dock.isVisible()  # the table keeps its width on first start
    button = window.actions_.toolbar.widgetForAction(window.actions_.library)
    assert button is not None and window.actions_.library.toolTip() == "指标库 (F8)"
    qtbot.mouseClick(button, Qt.LeftButton)
    assert window.library_dock.isVisible()
    window.close()
    again = make_window()
    assert again.library_dock.isVisible()


def test_insert_goes_into_the_department_table_on_screen(qtbot, make_window, tmp_path):
    from goaleditor.gui.tree.panel import DEPARTMENT

    window = make_window(sample_copy(tmp_path, "chengdu_2022.json"))
    panel = ready(qtbot, window)
    window.tree.select_node(DEPARTMENT)
    department = window.ctx.document.department
    count = len(department.indicators)
    search(qtbot, panel, "fwdxmyd")
    choose(panel, "服务对象满意度")
    panel.insert_chosen()
    assert len(department.indicators) == count + 1
    assert "已从指标库插入 1 个指标" in window.statusBar().currentMessage()


def test_keyboard_down_from_the_search_box_and_enter_inserts(qtbot, make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    panel = ready(qtbot, window)
    window.tree.select_node(PROJECT, 0)
    project = window.ctx.document.projects[0]
    count = len(project.indicators)
    search(qtbot, panel, "fwdxmyd")
    qtbot.keyClick(panel.search_box, Qt.Key_Down)
    assert panel.tree.hasFocus()
    qtbot.keyClick(panel.tree, Qt.Key_Return)
    assert len(project.indicators) == count + 1
    assert any(i.name == "服务对象满意度" for i in project.indicators)


def test_export_and_import_the_list_from_the_panel(qtbot, make_window, tmp_path, file_dialogs):
    window = make_window(sample_copy(tmp_path))
    panel = ready(qtbot, window)
    shared = tmp_path / "共享指标库"
    file_dialogs.save_paths.append(str(shared))  # no extension typed: .xlsx is added
    panel.export_action.trigger()
    assert (tmp_path / "共享指标库.xlsx").is_file()
    assert "已导出 37 条指标" in window.statusBar().currentMessage()
    # A colleague with an empty history imports it.
    from goaleditor.library.history import library_folder

    for path in library_folder().iterdir():
        path.unlink()
    file_dialogs.open_paths.append(str(tmp_path / "共享指标库.xlsx"))
    panel.import_action.trigger()
    qtbot.waitUntil(window.library.idle)
    assert len(History.load().entries) == 37
    assert "已导入 37 条指标" in window.statusBar().currentMessage()


def test_importing_something_else_says_why(qtbot, make_window, tmp_path, file_dialogs, answers):
    window = make_window()
    panel = ready(qtbot, window)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    file_dialogs.open_paths.append(str(bad))
    answers.expect("确定")
    panel.import_action.trigger()
    assert "不是有效的 Excel 工作簿" in answers.shown[-1]
    answers.expect("确定")
    panel.export_action.trigger()  # nothing in the history yet
    assert "历史中还没有指标" in answers.shown[-1]
