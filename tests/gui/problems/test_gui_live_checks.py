"""Live checks: an edit re-checks only its own form, and the list always equals a full 审核."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

import pytest

import goaleditor.checks as checks_package
from goaleditor.checks import ERROR, WARNING, Problem, run_checks
from goaleditor.gui.common.commands import (
    InsertItemsCommand,
    MoveItemsCommand,
    RemoveItemsCommand,
    SetFieldCommand,
)
from goaleditor.gui.problems.model import ProblemsModel
from goaleditor.model import Indicator, Project
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


@pytest.fixture
def counted(monkeypatch):
    """Counts calls of the per-form checks the panel makes."""
    calls: dict[str, list] = {"project": [], "department": [], "document": []}

    def wrap(name, key):
        real = getattr(checks_package, name)

        def counting(doc, *args):
            calls[key].append(args[0] if args else None)
            return real(doc, *args)

        monkeypatch.setattr(checks_package, name, counting)

    wrap("check_project", "project")
    wrap("check_department", "department")
    wrap("check_document", "document")
    return calls


def _settle(qtbot, window, counted=None) -> list[Problem]:
    """The list once the panel is up to date (and the checks it ran, before the test's own)."""
    qtbot.waitUntil(lambda: not window.problems.pending(), timeout=2000)
    if counted is not None:
        ran = {key: list(calls) for key, calls in counted.items()}
        for calls in counted.values():
            calls.clear()
        return window.problems.problems, ran
    return window.problems.problems


def _push(window, command) -> None:
    window.ctx.undo_stack.push(command)


def test_an_indicator_edit_rechecks_only_its_project(make_window, tmp_path, qtbot, counted):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    doc = window.ctx.document
    assert _settle(qtbot, window) == run_checks(doc)
    for calls in counted.values():
        calls.clear()
    before = len(window.problems.problems)
    ind = doc.projects[4].indicators[1]
    _push(window, SetFieldCommand(window.ctx, ind, "value", ""))
    after, ran = _settle(qtbot, window, counted)
    assert ran == {"project": [4], "department": [], "document": []}
    assert after == run_checks(doc) and len(after) > before
    empty = [p for p in after if p.project_index == 4 and p.row == 1 and p.field == "value"]
    assert empty and empty[0].severity == ERROR
    errors = sum(p.severity == ERROR for p in after)
    assert window.counts.text() == f"审核：{errors} 个错误，{len(after) - errors} 个提醒"
    window.actions_.undo.trigger()
    assert _settle(qtbot, window) == run_checks(doc)
    assert len(window.problems.problems) == before


def test_every_kind_of_edit_leaves_the_full_result(make_window, tmp_path, qtbot, counted):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    ctx, doc = window.ctx, window.ctx.document
    _settle(qtbot, window)
    edits = [
        # (command, which checks may run: a project index, "department", "document", "full")
        (lambda: SetFieldCommand(ctx, doc.projects[2], "name", ""), 2),
        (lambda: SetFieldCommand(ctx, doc.projects[1].budget, "fiscal", Decimal("1")), 1),
        (lambda: SetFieldCommand(ctx, doc.department, "overall_goal", ""), "department"),
        (lambda: SetFieldCommand(ctx, doc, "unit_name", ""), "document"),
        (
            lambda: InsertItemsCommand(ctx, doc.projects[3], "indicators", 0, [Indicator()]),
            3,
        ),
        (lambda: RemoveItemsCommand(ctx, doc.projects[3], "indicators", [1, 2]), 3),
        (lambda: SetFieldCommand(ctx, doc.projects[3].indicators[0], "level1", "产出指标"), 3),
        (lambda: SetFieldCommand(ctx, doc.layout, "show_basis", False), "full"),
        (lambda: SetFieldCommand(ctx, doc, "fiscal_year", 2019), "full"),
        (lambda: InsertItemsCommand(ctx, doc, "projects", 0, [Project()]), "full"),
        (lambda: MoveItemsCommand(ctx, doc, "projects", 0, 1, 5), "full"),
        (lambda: RemoveItemsCommand(ctx, doc, "projects", [5]), "full"),
        (lambda: SetFieldCommand(ctx, doc.projects[0].indicators[0], "value", "≥200%"), 0),
    ]
    _settle(qtbot, window, counted)
    for make, scope in edits:
        _push(window, make())
        shown, ran = _settle(qtbot, window, counted)
        assert shown == run_checks(doc), scope
        if scope == "full":
            assert len(ran["project"]) == len(doc.projects)
        elif scope in ("department", "document"):
            assert ran[scope] == [None] and not ran["project"]
        else:
            assert ran == {"project": [scope], "department": [], "document": []}
        for calls in counted.values():  # the test's own run_checks
            calls.clear()
    while window.ctx.undo_stack.canUndo():
        window.actions_.undo.trigger()
        assert _settle(qtbot, window) == run_checks(doc)


def test_a_paste_burst_checks_each_project_once(make_window, tmp_path, qtbot, counted):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    doc = window.ctx.document
    _settle(qtbot, window, counted)
    stack = window.ctx.undo_stack
    stack.beginMacro("粘贴")
    for ind in doc.projects[2].indicators:
        stack.push(SetFieldCommand(window.ctx, ind, "basis", "依据"))
    stack.endMacro()
    shown, ran = _settle(qtbot, window, counted)
    assert ran["project"] == [2]
    assert shown == run_checks(doc)


def test_first_checks_wait_until_the_window_is_shown(qtbot, tmp_path):
    from PySide6.QtCore import QEvent, QObject

    from goaleditor.gui.main_window import MainWindow

    class PaintCounter(QObject):
        paints = 0

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    window = MainWindow()
    qtbot.addWidget(window)
    counter = PaintCounter()
    window.installEventFilter(counter)
    paints_at_first_check = []
    window.problems.countsChanged.connect(lambda *_: paints_at_first_check.append(counter.paints))
    window.start(sample_copy(tmp_path))
    assert window.problems.pending()  # opening a file checks nothing before the window shows
    window.show()
    qtbot.waitUntil(lambda: not window.problems.pending(), timeout=2000)
    assert paints_at_first_check[0] >= 1
    assert window.problems.problems == run_checks(window.ctx.document)
    assert window.counts.text().startswith("审核")


def _p(severity: str, name: str) -> Problem:
    return Problem(severity, name, "test", 0)


def test_problems_model_replaces_one_group_in_place(qtbot):
    model = ProblemsModel()
    a, b, c, d = (_p(ERROR, "a"), _p(WARNING, "b"), _p(WARNING, "c"), _p(ERROR, "d"))
    model.set_groups([[a], [], [], [b, c], []])
    assert [model.problem(r).message for r in range(model.rowCount())] == ["a", "b", "c"]
    assert model.counts() == (1, 2)
    inserted, removed = [], []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    assert model.replace_group(2, [d, d])  # an empty group in the middle grows
    assert inserted == [(1, 2)]
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == list("addbc")
    assert model.index(1, 0).data() == "错误" and model.index(3, 0).data() == "提醒"
    assert model.counts() == (3, 2)
    assert model.replace_group(3, [c])
    assert removed == [(4, 4)]
    assert not model.replace_group(3, [c])  # the same findings: nothing to repaint
    assert model.problems() == [a, d, d, c]
    assert model.problem(4) is None and model.problem(-1) is None
