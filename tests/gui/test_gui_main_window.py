"""The main window as the clerk uses it: open, edit, undo, save, reopen, close, export."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from goaleditor import storage
from goaleditor.fileio import backup_path
from goaleditor.gui.common.settings import Settings
from goaleditor.gui.tree.panel import DEPARTMENT, DOCUMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    project_names,
    sample_copy,
    small_document,
    type_text,
)


def _title(window) -> str:
    return window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")


def test_open_sample_shows_it(make_window, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(path)
    doc = storage.load(path)
    assert _title(window) == f"{path.name} - 预算绩效目标编辑器"
    assert project_names(window) == [p.name for p in doc.projects]
    assert window.tree.model.rowCount(window.tree.model.root_index()) == len(doc.projects) + 1
    assert window.pages.currentWidget() is window.document_editor
    assert window.document_editor.unit_name.text() == doc.unit_name
    window.tree.select_node(PROJECT, 1)
    assert window.pages.currentWidget() is window.project_editor
    header = window.project_editor.header
    assert header.name.text() == doc.projects[1].name
    assert header.total.text() == f"{doc.projects[1].budget.total:,.2f}"
    assert window.project_editor.table.model.rowCount() == len(doc.projects[1].indicators)
    window.tree.select_node(DEPARTMENT)
    assert window.pages.currentWidget() is window.department_editor


def test_typing_marks_title_and_undo_clears_it(make_window, tmp_path, qtbot):
    path = sample_copy(tmp_path)
    window = make_window(path)
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    header.name.selectAll()
    type_text(header.name, "法警加班经费")
    assert window.ctx.document.projects[0].name == "法警加班经费"
    assert window.isWindowModified()
    assert _title(window).startswith(f"{path.name}*")
    assert window.tree.model.project_index(0).data() == "1. 法警加班经费"
    assert header.title.text() == "1. 法警加班经费绩效目标表"
    # Ctrl+Z in the field undoes the document (the window's 撤销), not just the text
    header.name.setFocus()
    qtbot.keyClick(header.name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.document.projects[0].name == storage.load(path).projects[0].name
    assert header.name.text() == storage.load(path).projects[0].name
    assert not window.isWindowModified()
    window.actions_.redo.trigger()
    assert window.ctx.document.projects[0].name == "法警加班经费"


def test_budget_fields_and_live_sum_check(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(PROJECT, 1)
    header = window.project_editor.header
    project = window.ctx.document.projects[1]
    assert header.money_units[0].text() == window.ctx.document.money_unit
    header.fiscal.setFocus()
    header.fiscal.selectAll()
    qtbot.keyClicks(header.fiscal, "60000")
    # the check follows what is typed, before the field is left
    assert "少 40,000.00" in header.sum_check.text()
    header.other.setFocus()  # leaving the field writes the amount
    assert project.budget.fiscal == Decimal("60000.00")
    qtbot.keyClicks(header.other, "40000.5")
    qtbot.keyClick(header.other, Qt.Key.Key_Return)
    assert project.budget.other == Decimal("40000.50")
    assert header.other.text() == "40,000.50"
    assert "多 0.50" in header.sum_check.text()
    window.actions_.undo.trigger()
    assert project.budget.other is None and header.other.text() == ""


def test_goals_one_per_line_without_numbers(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(PROJECT, 0)
    goals = window.project_editor.header.goals
    goals.selectAll()
    type_text(goals, "1、按时完成加班任务\n2.保障办案工作正常进行\n\n")
    project = window.ctx.document.projects[0]
    assert project.goals == ["按时完成加班任务", "保障办案工作正常进行"]
    assert window.ctx.undo_stack.count() == 1
    window.ctx.undo_stack.undo()
    assert project.goals == storage.load(window.ctx.file_path).projects[0].goals
    assert goals.toPlainText() == "\n".join(project.goals)


def test_save_and_reopen_give_the_same_document(make_window, tmp_path, qtbot):
    path = sample_copy(tmp_path)
    window = make_window(path)
    window.tree.select_projects([2])
    window.tree.duplicate_action.trigger()
    window.tree.move_up_action.trigger()
    header = window.project_editor.header
    header.purpose.selectAll()
    type_text(header.purpose, "用于购置执法记录仪")
    window.actions_.save.trigger()
    assert not window.isWindowModified()
    assert window.ctx.undo_stack.isClean()
    assert backup_path(path).is_file()
    saved = storage.load(path)
    assert storage.dumps(saved) == storage.dumps(window.ctx.document)
    assert saved.projects[2].name.endswith("（副本）")
    assert saved.projects[2].purpose == "用于购置执法记录仪"

    window.close()  # else the second window is told the file is open in the first
    again = make_window(path)
    assert storage.dumps(again.ctx.document) == storage.dumps(window.ctx.document)
    assert not again.isWindowModified()


def test_new_document_save_as(make_window, tmp_path, file_dialogs):
    window = make_window()
    window.actions_.new.trigger()
    assert _title(window) == "未命名 - 预算绩效目标编辑器"
    window.tree.add_action.trigger()
    window.tree.view.closePersistentEditor(window.tree.view.currentIndex())
    assert window.isWindowModified()
    target = tmp_path / "新文档"
    file_dialogs.save_paths.append(str(target))
    window.actions_.save.trigger()
    saved = target.with_suffix(".json")
    assert saved.is_file()
    assert window.ctx.file_path == saved.resolve()
    assert _title(window) == "新文档.json - 预算绩效目标编辑器"
    assert [p.name for p in storage.load(saved).projects] == ["新项目"]
    assert Settings().recent_files()[0] == str(saved.resolve())


def test_damaged_file_keeps_the_open_document(make_window, tmp_path, answers, file_dialogs):
    path = sample_copy(tmp_path)
    window = make_window(path)
    before = storage.dumps(window.ctx.document)
    bad = tmp_path / "坏文件.json"
    bad.write_text('{"format": "goaleditor", "version": 1, "document": {', encoding="utf-8")
    file_dialogs.open_paths.append(str(bad))
    answers.expect("确定")
    window.actions_.open.trigger()
    assert "坏文件.json" in answers.shown[0] and "已损坏" in answers.shown[0]
    assert storage.dumps(window.ctx.document) == before
    assert window.ctx.file_path == path.resolve()


def test_save_failure_keeps_changes_unsaved(make_window, tmp_path, answers, file_dialogs):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    file_dialogs.save_paths.append(str(tmp_path / "没有这个文件夹" / "x.json"))
    answers.expect("取消")
    window.actions_.save_as.trigger()
    assert "文档没有保存" in answers.shown[0] and "不存在" in answers.shown[0]
    assert window.isWindowModified()


def test_a_failed_save_can_be_retried_or_saved_elsewhere(
    make_window, tmp_path, answers, file_dialogs, monkeypatch
):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    target = tmp_path / "财务 科" / "2025年 预算.json"
    file_dialogs.save_paths.append(str(target))
    # the folder is missing: 重试 fails the same way until it is made, then succeeds
    answers.expect("重试")

    def make_the_folder_then_answer(box):
        target.parent.mkdir()  # what the clerk does before clicking 重试
        return answers(box)

    monkeypatch.setattr(QMessageBox, "exec", make_the_folder_then_answer)
    window.actions_.save_as.trigger()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers(box))
    assert len(answers.shown) == 1 and "重试" in answers.shown[0]
    assert target.is_file() and not window.isWindowModified()
    window.tree.duplicate_action.trigger()
    # a file that cannot be replaced: 另存为… asks for another name and saves there
    elsewhere = tmp_path / "另存 一份.json"
    target.unlink()
    target.mkdir()  # a folder in the way of the file
    file_dialogs.save_paths.append(str(elsewhere))
    answers.expect("另存为…")
    window.actions_.save.trigger()
    assert "同名的文件夹" in answers.shown[-1]
    assert elsewhere.is_file() and window.ctx.file_path == elsewhere.resolve()
    assert not window.isWindowModified()


@pytest.mark.parametrize("answer", ["保存", "不保存", "取消"])
def test_close_with_unsaved_changes(make_window, tmp_path, answers, answer):
    path = sample_copy(tmp_path)
    window = make_window(path)
    window.tree.select_projects([0])
    answers.expect("删除", answer)
    window.tree.delete_action.trigger()
    count = len(window.ctx.document.projects)
    closed = window.close()
    assert "有尚未保存的修改" in answers.shown[-1]
    if answer == "取消":
        assert not closed and window.isVisible() and window.isWindowModified()
        return
    assert closed and not window.isVisible()
    saved = len(storage.load(path).projects)
    assert saved == (count if answer == "保存" else count + 1)


def test_window_geometry_is_remembered(make_window, qtbot):
    window = make_window()
    window.resize(700, 500)
    window.splitter.setSizes([250, 450])
    window.close()
    again = make_window()
    assert again.size().width() == 700 and again.size().height() == 500
    assert again.splitter.sizes()[0] == 250


def test_recent_files_menu_opens_a_file(make_window, tmp_path):
    first, second = sample_copy(tmp_path), sample_copy(tmp_path, "tianjin_2023.json")
    window = make_window(first)
    window.files.open_path(second)
    menu = window.actions_.recent_menu
    window.files.fill_recent_menu(menu)
    entries = [a for a in menu.actions() if a.toolTip().endswith(".json")]
    assert [a.toolTip() for a in entries] == [str(second.resolve()), str(first.resolve())]
    entries[1].trigger()
    assert window.ctx.file_path == first.resolve()


def test_rollover_opens_a_new_unsaved_document_with_report(make_window, tmp_path, monkeypatch):
    from goaleditor.gui.dialogs import year_dialogs

    monkeypatch.setattr(year_dialogs.RolloverOptionsDialog, "exec", lambda self: 1)
    monkeypatch.setattr(year_dialogs.ReportPreviewDialog, "exec", lambda self: 1)
    path = sample_copy(tmp_path)
    window = make_window(path)
    window.actions_.rollover.trigger()
    doc = window.ctx.document
    assert doc.fiscal_year == 2021
    assert window.ctx.file_path is None and window.isWindowModified()
    assert storage.load(path).fiscal_year == 2020  # last year's file is untouched
    assert window.output.report_text
    window.actions_.report.trigger()
    dialog = window.output.report_dialog
    assert dialog.isVisible() and dialog.text.toPlainText() == window.output.report_text
    dialog.close()
    assert any(p.needs_review for p in doc.projects) or "复核" not in window.output.report_text


def test_export_selected_projects_to_excel(make_window, tmp_path, answers, file_dialogs):
    from openpyxl import load_workbook

    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([1, 2])
    target = tmp_path / "导出.xlsx"
    file_dialogs.save_paths.append(str(target))
    answers.expect("选中的 2 个项目")
    window.actions_.export_xlsx.trigger()
    names = [n for n in load_workbook(target).sheetnames if n != "goaleditor"]
    assert names == [f"{i + 1}.{window.ctx.document.projects[i].name}"[:31] for i in (1, 2)]


def test_export_error_is_reported(make_window, tmp_path, answers, file_dialogs):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_node(DOCUMENT)
    file_dialogs.save_paths.append(str(tmp_path / "无此目录" / "x.pdf"))
    answers.expect("确定")
    window.actions_.export_pdf.trigger()
    assert "没有导出 PDF" in answers.shown[0]


def test_print_preview_gets_the_selection(make_window, tmp_path, answers, monkeypatch):
    from goaleditor.gui.output import print_preview

    calls = []
    monkeypatch.setattr(print_preview, "show_print_preview", lambda *a: calls.append(a))
    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([2, 3])
    answers.expect("选中的 2 个项目")
    window.actions_.print_.trigger()
    assert calls == [(window, window.ctx.document, [2, 3], None)]  # None: automatic font
    answers.expect("取消")
    window.actions_.print_preview.trigger()
    assert len(calls) == 1


def test_menus_are_chinese_with_shortcuts(make_window):
    window = make_window()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "项目(&P)", "审核(&C)", "帮助(&H)"]
    acts = window.actions_
    for action in (acts.new, acts.open, acts.save, acts.save_as, acts.undo, acts.redo, acts.quit):
        assert not action.shortcut().isEmpty(), action.text()
    assert acts.check.shortcut().toString() == "F7"


def test_run_opens_the_file_in_chinese(tmp_path, qtbot, monkeypatch, answers):
    """``goaleditor FILE``: the window opens FILE; Qt's own buttons are Chinese."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from goaleditor.gui import app as gui_app
    from goaleditor.gui.main_window import MainWindow

    qapp = QApplication.instance()
    font, style = qapp.font(), qapp.style().name()
    monkeypatch.setattr(qapp, "_goaleditor_ready", False, raising=False)
    path = sample_copy(tmp_path)
    seen = {}

    def look_and_close():
        window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))
        seen["title"] = window.windowTitle()
        seen["projects"] = len(window.ctx.document.projects)
        seen["cancel"] = QCoreApplication.translate("QPlatformTheme", "Cancel")
        window.close()
        window.deleteLater()

    QTimer.singleShot(0, look_and_close)
    try:
        assert gui_app.run(str(path)) == 0
    finally:
        for translator in qapp.findChildren(gui_app.QTranslator):
            qapp.removeTranslator(translator)
        qapp.setFont(font)
        qapp.setStyle(style)
    assert seen["title"].startswith("hebei_2020.json")
    assert seen["projects"] == len(storage.load(path).projects)
    assert seen["cancel"] == "取消"


def test_reopening_the_latest_file_writes_no_settings(tmp_path, monkeypatch):
    settings = Settings(tmp_path / "settings.json")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    writes = []
    monkeypatch.setattr(settings, "save", lambda: writes.append(settings.recent_files()))
    settings.add_recent(first)
    settings.add_recent(first)  # already the latest: nothing to write
    settings.add_recent(second)
    settings.add_recent(first)
    assert writes == [
        [str(first.resolve())],
        [str(second.resolve()), str(first.resolve())],
        [str(first.resolve()), str(second.resolve())],
    ]


def test_problems_list_is_built_after_the_first_paint(qtbot, tmp_path):
    """The first paint neither builds nor lays out the (still empty) list; it is built and
    docked right after, and its first checks follow."""
    from goaleditor.gui.main_window import MainWindow
    from goaleditor.gui.problems.panel import ProblemsPanel

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.findChild(ProblemsPanel) is None
    at_paint = []
    window.firstPainted.connect(
        lambda: at_paint.append((window.findChild(ProblemsPanel), window.problems_dock.widget()))
    )
    window.show()
    window.start(sample_copy(tmp_path))
    qtbot.waitUntil(lambda: bool(at_paint), timeout=5000)
    assert at_paint == [(None, None)]
    panel = window.findChild(ProblemsPanel)
    assert panel is window.problems_dock.widget() is window.problems
    qtbot.waitUntil(lambda: not panel.pending(), timeout=5000)
    assert panel.isVisible()
    assert window.problems.problems  # the Hebei sample has its 提醒
    assert window.counts.text().startswith("审核")
    window.close()


def test_problems_list_is_docked_when_needed_before_the_paint(qtbot):
    from goaleditor.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    panel = window.problems  # e.g. 审核 chosen at once, or a test
    assert window.problems_dock.widget() is panel


def test_damaged_settings_file_is_ignored(tmp_path):
    from goaleditor.gui.common.settings import SETTINGS_FILE
    from goaleditor.paths import config_dir

    (config_dir() / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    settings = Settings()
    assert settings.recent_files() == []
    settings.add_recent(tmp_path / "a.json")
    assert Settings().recent_files() == [str((tmp_path / "a.json").resolve())]


def test_shown_amounts_are_never_rewritten(make_window, tmp_path):
    doc = small_document()
    doc.projects[0].budget.total = Decimal("1234.567")  # more decimals than shown
    path = tmp_path / "d.json"
    storage.save(doc, path)
    window = make_window(path)
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    assert header.total.text() == "1,234.57"
    header.total.setFocus()
    window.tree.view.setFocus()  # leaving the field without typing
    window.actions_.save.trigger()
    assert window.ctx.document.projects[0].budget.total == Decimal("1234.567")
    assert window.ctx.undo_stack.count() == 0


def test_layout_decides_the_header_fields(make_window, tmp_path):
    doc = small_document()
    doc.layout.show_code = False
    doc.layout.project_form = "national"
    path = tmp_path / "national.json"
    storage.save(doc, path)
    window = make_window(path)
    window.tree.select_node(PROJECT, 0)
    header = window.project_editor.header
    editor = window.project_editor
    assert not header.code.isVisibleTo(editor)
    assert header.implementer.isVisibleTo(editor) and header.long_term_goals.isVisibleTo(editor)
    assert header.goals_label.text() == "年度目标"
    assert not header.plan[0].isVisibleTo(editor)
    type_text(header.implementer, "办公室")
    assert window.ctx.document.projects[0].implementer == "办公室"
    # the root node's editor switches the layout back; the header follows at once
    window.tree.select_node(DOCUMENT)
    window.document_editor.show_code.click()
    window.document_editor.show_plan.click()
    window.tree.select_node(PROJECT, 0)
    assert header.code.isVisibleTo(editor) and header.plan[0].isVisibleTo(editor)
    header.plan[1].setFocus()
    type_text(header.plan[1], "50")
    window.tree.view.setFocus()
    assert window.ctx.document.projects[0].spending_plan == [None, Decimal("50.00"), None, None]


def test_import_opens_unsaved_and_shows_the_report_once(make_window, tmp_path, file_dialogs):
    from goaleditor.export.xlsx import write_xlsx

    source = storage.load(sample_copy(tmp_path, "tianjin_2023.json"))
    workbook = tmp_path / "填报.xlsx"
    write_xlsx(source, workbook)
    window = make_window()
    file_dialogs.open_paths.append(str(workbook))
    window.actions_.import_.trigger()
    assert window.ctx.file_path is None and window.isWindowModified()
    assert project_names(window) == [p.name for p in source.projects]
    dialog = window.output.report_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "导入报告：填报.xlsx"
    assert dialog.text.toPlainText() == window.output.report_text
    dialog.close()
