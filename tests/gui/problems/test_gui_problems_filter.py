"""The problems list: errors before reminders, and the 全部 / 只看错误 / 只看当前项目 filter,
kept consistent while single forms' findings are replaced."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import random

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from goaleditor import storage
from goaleditor.checks import ERROR, WARNING, Problem, run_checks
from goaleditor.gui.common.commands import SetFieldCommand
from goaleditor.gui.problems.model import ONLY_CURRENT, ONLY_ERRORS, SHOW_ALL, ProblemsModel
from goaleditor.gui.tree.panel import DEPARTMENT, DOCUMENT, PROJECT
from goaleditor.model import Indicator
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    small_document,
)


def _p(severity: str, name: str, group: int) -> Problem:
    return Problem(severity, name, "test", group)


def _expected(groups, kind: str, current: int | None) -> list[Problem]:
    """What the list should show: errors first, each severity in document order."""
    if kind == ONLY_CURRENT:
        groups = [g if i == current else [] for i, g in enumerate(groups)]
    flat = [p for g in groups for p in g]
    errors = [p for p in flat if p.is_error]
    return errors if kind == ONLY_ERRORS else errors + [p for p in flat if not p.is_error]


def _shown(model: ProblemsModel) -> list[Problem]:
    return [model.problem(r) for r in range(model.rowCount())]


def test_one_error_among_forty_reminders_comes_first(qtbot):
    model = ProblemsModel()
    reminders = [_p(WARNING, f"提醒{i}", 0) for i in range(40)]
    error = _p(ERROR, "错误", 1)
    model.set_groups([reminders[:20], reminders[20:30], [*reminders[30:], error]])
    assert model.problem(0) is error
    assert _shown(model)[1:] == reminders  # the reminders keep their order
    assert model.index(0, 0).data() == "错误" and model.index(1, 0).data() == "提醒"
    assert model.problems() == [*reminders, error]  # document order for everyone else
    assert model.counts() == (1, 40)


@pytest.mark.parametrize("kind", [SHOW_ALL, ONLY_ERRORS, ONLY_CURRENT])
def test_replacing_groups_keeps_the_list_as_if_built_afresh(qtbot, kind):
    rng = random.Random(kind)
    model = ProblemsModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)

    def findings(g: int) -> list[Problem]:
        return [
            _p(rng.choice((ERROR, WARNING, WARNING)), f"{g}-{i}", g)
            for i in range(rng.randint(0, 4))
        ]

    groups = [findings(g) for g in range(8)]
    model.set_groups(groups)
    model.set_current(3)
    model.set_filter(kind)
    for step in range(120):
        if step % 25 == 24:
            model.set_current(rng.randrange(8))
        g = rng.randrange(8)
        groups[g] = findings(g) if rng.random() < 0.8 else list(groups[g])
        model.replace_group(g, groups[g])
        assert _shown(model) == _expected(groups, kind, model.current), step
        assert model.problems() == [p for grp in groups for p in grp]
        errors = sum(p.is_error for grp in groups for p in grp)
        assert model.counts() == (errors, sum(map(len, groups)) - errors)


def test_filter_buttons_narrow_the_list(make_window, tmp_path, qtbot):
    doc = small_document()
    doc.projects[0].indicators[0].value = ""  # an error in project 1
    doc.projects[2].indicators.append(Indicator("产出指标", "数量指标", "", "", ""))
    path = tmp_path / "doc.json"
    storage.save(doc, path)
    window = make_window(path)
    panel = window.problems
    everything = panel.run_now()
    assert everything == run_checks(doc)
    errors = [p for p in everything if p.is_error]
    assert errors and len(errors) < len(everything)
    panel.set_current_node(PROJECT, 2)  # what the tree's nodeSelected tells the panel

    panel.filter_button[ONLY_ERRORS].click()
    assert _shown(panel.model) == errors
    assert f"此处列出 {len(errors)} 条" in panel.summary.text()
    assert f"共 {len(errors)} 个错误" in panel.summary.text()

    panel.filter_button[ONLY_CURRENT].click()
    third = [p for p in everything if p.project_index == 2]
    assert _shown(panel.model) == [p for p in third if p.is_error] + [
        p for p in third if not p.is_error
    ]
    panel.set_current_node(PROJECT, 0)
    assert {p.project_index for p in _shown(panel.model)} == {0}
    panel.set_current_node(DOCUMENT)
    assert all(p.project_index is None for p in _shown(panel.model))
    panel.set_current_node(DEPARTMENT)
    assert _shown(panel.model) == [
        p for p in everything if p.project_index is None and p not in panel.model.group(0)
    ]

    # an edit elsewhere changes the counts, not the narrowed list
    panel.set_current_node(PROJECT, 0)
    before = _shown(panel.model)
    window.ctx.undo_stack.push(
        SetFieldCommand(window.ctx, window.ctx.document.projects[1], "name", "")
    )
    qtbot.waitUntil(lambda: not panel.pending(), timeout=2000)
    assert _shown(panel.model) == before
    assert panel.problems == run_checks(window.ctx.document)

    panel.filter_button[SHOW_ALL].click()
    assert len(_shown(panel.model)) == len(panel.problems)
    assert "此处列出" not in panel.summary.text()


def test_selected_problem_stays_selected_when_the_filter_changes(make_window, tmp_path):
    doc = small_document()
    doc.projects[1].indicators[0].value = ""
    path = tmp_path / "doc.json"
    storage.save(doc, path)
    window = make_window(path)
    panel = window.problems
    problems = panel.run_now()
    error = next(p for p in problems if p.is_error and p.project_index == 1)
    panel.list.setCurrentIndex(panel.model.index(panel.model.row_of(error), 0))
    panel.set_filter(ONLY_ERRORS)
    assert panel.model.problem(panel.list.currentIndex().row()) is error
    panel.set_filter(SHOW_ALL)
    assert panel.model.problem(panel.list.currentIndex().row()) is error


def test_only_current_waits_until_a_form_is_known(qtbot):
    from goaleditor.gui.common.context import EditorContext
    from goaleditor.gui.problems.panel import ProblemsPanel

    panel = ProblemsPanel(EditorContext())
    qtbot.addWidget(panel)
    assert not panel.filter_button[ONLY_CURRENT].isEnabled()
    panel.set_current_node(PROJECT, 0)
    assert panel.filter_button[ONLY_CURRENT].isEnabled()


def test_the_tree_tells_the_panel_which_form_is_current(make_window, tmp_path, qtbot):
    doc = small_document()
    doc.projects[1].indicators[0].value = ""
    path = tmp_path / "doc.json"
    storage.save(doc, path)
    window = make_window(path)
    panel = window.problems
    panel.run_now()
    window.tree.select_node(PROJECT, 1)  # the clerk clicks project 2 in the tree
    assert panel.filter_button[ONLY_CURRENT].isEnabled()
    panel.filter_button[ONLY_CURRENT].click()
    shown = _shown(panel.model)
    assert shown and {p.project_index for p in shown} == {1}


def test_the_window_never_opens_larger_than_the_screen(make_window):
    window = make_window()
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
