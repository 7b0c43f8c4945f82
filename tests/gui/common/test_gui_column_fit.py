"""The indicator table fits its window: no sideways scrolling, text wraps, the clerk's drags
and the remembered widths still work."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from goaleditor.gui.common.column_fit import LONG_FIELDS, LONG_MIN
from goaleditor.gui.tree.panel import PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _widths(table) -> dict[str, int]:
    header = table.view.horizontalHeader()
    return {table.model.field(c): header.sectionSize(c) for c in range(header.count())}


def _fits(table) -> bool:
    return sum(_widths(table).values()) == table.view.viewport().width()


def _project_window(make_window, tmp_path, qtbot, size=(1280, 800), project=1):
    window = make_window(sample_copy(tmp_path, "hebei_2020.json"))
    window.resize(*size)
    window.tree.select_node(PROJECT, project)
    table = window.project_editor.table
    qtbot.waitUntil(lambda: table.view.isVisible() and _fits(table), timeout=2000)
    return window, table


def test_columns_fill_the_window_and_text_wraps(make_window, tmp_path, qtbot):
    window, table = _project_window(make_window, tmp_path, qtbot)
    view = table.view
    widths = _widths(table)
    assert list(widths) == ["level1", "level2", "name", "description", "value", "basis"]
    assert view.horizontalScrollBar().maximum() == 0  # nothing runs past the right edge
    header = view.horizontalHeader()
    last = header.count() - 1
    assert (
        header.sectionViewportPosition(last) + header.sectionSize(last) <= view.viewport().width()
    )
    # the long text columns get the room, the short ones what their content needs
    long = [w for f, w in widths.items() if f in LONG_FIELDS]
    assert min(long) > max(widths["level1"], widths["value"])
    # a description too long for one line wraps and its row grows
    qtbot.waitUntil(lambda: view.rowHeight(1) > view.rowHeight(0), timeout=2000)
    # a narrower window: still no sideways scrolling
    window.resize(1000, 700)
    qtbot.waitUntil(
        lambda: _fits(table) and view.horizontalScrollBar().maximum() == 0, timeout=2000
    )
    assert all(w >= LONG_MIN for f, w in _widths(table).items() if f in LONG_FIELDS)


def _drag_divider(qtbot, table, field: str, dx: int) -> None:
    """Drag the right edge of *field*'s header section by *dx* pixels, as with the mouse."""
    header = table.view.horizontalHeader()
    col = table.model.column_of(field)
    edge = header.sectionViewportPosition(col) + header.sectionSize(col) - 1
    y = header.height() // 2
    target = header.viewport()
    QTest.mousePress(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge, y)
    )
    for step in range(1, 5):
        QTest.mouseMove(target, QPoint(edge + dx * step // 4, y))
        qtbot.wait(5)
    QTest.mouseRelease(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge + dx, y)
    )
    qtbot.wait(20)


def test_a_dragged_column_keeps_its_width_and_is_remembered(make_window, tmp_path, qtbot):
    window, table = _project_window(make_window, tmp_path, qtbot)
    before = _widths(table)
    _drag_divider(qtbot, table, "name", 60)
    qtbot.waitUntil(lambda: _fits(table), timeout=2000)
    after = _widths(table)
    assert abs(after["name"] - (before["name"] + 60)) <= 2  # the clerk's width
    assert after["description"] < before["description"] and after["basis"] < before["basis"]
    assert after["level1"] == before["level1"] and after["value"] == before["value"]
    assert table.view.horizontalScrollBar().maximum() == 0
    # a short column dragged wider: the long ones make room
    _drag_divider(qtbot, table, "value", 30)
    qtbot.waitUntil(lambda: _fits(table), timeout=2000)
    dragged = _widths(table)
    assert abs(dragged["value"] - (after["value"] + 30)) <= 2
    # another project and back: the widths are the remembered ones
    window.tree.select_node(PROJECT, 4)
    window.tree.select_node(PROJECT, 1)
    qtbot.waitUntil(lambda: _fits(table), timeout=2000)
    assert _widths(table) == dragged
    # the next session: the same widths
    window.ctx.undo_stack.setClean()
    window.close()
    again, table = _project_window(make_window, tmp_path, qtbot)
    assert again.size() == window.size()
    assert _widths(table) == dragged
