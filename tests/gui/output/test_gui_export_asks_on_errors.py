"""导出 / 打印 with 审核 错误 ask first (继续 / 查看问题 / 取消); F7 always answers visibly;
the panel says 审核通过 when a filter leaves nothing to list."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from goaleditor import storage
from goaleditor.gui.problems.model import ONLY_CURRENT, ONLY_ERRORS
from goaleditor.gui.tree.panel import DOCUMENT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _window_with_an_error(make_window, tmp_path):
    doc = storage.load(sample_copy(tmp_path))  # passes 审核
    doc.projects[1].indicators[0].value = ""  # 指标值 missing: an error in project 2
    path = tmp_path / "doc.json"
    storage.save(doc, path)
    return make_window(path)


def test_export_with_errors_asks_and_can_show_the_problems(
    make_window, tmp_path, answers, file_dialogs
):
    window = _window_with_an_error(make_window, tmp_path)
    window.problems_dock.hide()
    answers.expect("查看问题")
    assert not window.output.export_xlsx()
    assert "审核发现 1 个错误" in answers.shown[-1]
    assert "项目 2" in answers.shown[-1]
    assert file_dialogs.save_titles == []  # not asked where: nothing was exported
    assert window.problems_dock.isVisible()
    assert window.problems.model.counts()[0] == 1

    out = tmp_path / "out.xlsx"
    file_dialogs.save_paths.append(str(out))
    answers.expect("继续导出")
    assert window.output.export_xlsx()
    assert out.is_file()

    answers.expect("取消")
    assert not window.output.export_pdf()


def test_print_with_errors_asks_first(make_window, tmp_path, answers, monkeypatch):
    from goaleditor.gui.output import print_preview

    calls = []
    monkeypatch.setattr(print_preview, "show_print_preview", lambda *a: calls.append(a))
    window = _window_with_an_error(make_window, tmp_path)
    answers.expect("取消")
    window.actions_.print_preview.trigger()
    assert calls == []
    answers.expect("继续打印")
    window.actions_.print_preview.trigger()
    assert len(calls) == 1


def test_export_of_projects_without_errors_does_not_ask(make_window, tmp_path, file_dialogs):
    window = _window_with_an_error(make_window, tmp_path)
    assert window.output._errors_ok("导出", [0, 2])  # no box: project 2 is not exported


def test_f7_always_shows_a_result(make_window, tmp_path, qtbot):
    window = _window_with_an_error(make_window, tmp_path)
    window.problems_dock.hide()
    window.statusBar().clearMessage()
    window.actions_.check.trigger()
    assert window.problems_dock.isVisible()
    assert "1 个错误" in window.statusBar().currentMessage()
    assert "审核结果" in window.statusBar().currentMessage()


def test_nothing_to_list_says_passed(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path))  # 提醒 only
    panel = window.problems
    problems = panel.run_now()
    assert problems and not any(p.is_error for p in problems)
    panel.filter_button[ONLY_ERRORS].click()
    assert panel.model.rowCount() == 0
    text = panel.summary.text()
    assert text.startswith("审核通过：没有错误") and "列出 0" not in text

    panel.set_current_node(DOCUMENT)  # the document header has nothing to list
    panel.filter_button[ONLY_CURRENT].click()
    assert panel.model.rowCount() == 0
    assert panel.summary.text().startswith("审核通过")


def test_the_question_uses_the_problems_panel_and_checks_only_what_changed(
    make_window, tmp_path, monkeypatch, qtbot
):
    from goaleditor import checks
    from goaleditor.checks import run_checks

    window = _window_with_an_error(make_window, tmp_path)
    panel = window.problems
    qtbot.waitUntil(lambda: not panel.pending() and not panel.timer.isActive(), timeout=5000)
    doc = window.ctx.document
    everything = run_checks(doc)
    some = checks.check_document(doc) + checks.check_project(doc, 1)
    calls = []
    real = checks.check_project
    monkeypatch.setattr(checks, "check_project", lambda d, i: calls.append(i) or real(d, i))
    assert window.output._findings(None) == everything
    assert window.output._findings([1]) == some
    assert calls == [], "nothing changed since the panel's update: nothing checked again"
