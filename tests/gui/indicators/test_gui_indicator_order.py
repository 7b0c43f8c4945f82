"""Indicator rows keep their category groups: split groups are found and said, 按指标分类排序
sorts in one undo step, and new rows join their group."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from goaleditor.catalog import load_catalog
from goaleditor.gui.common.context import EditorContext
from goaleditor.gui.indicators.order import (
    grouped_insertion,
    level1_ranks,
    sorted_by_category,
    split_groups,
)
from goaleditor.gui.indicators.table import IndicatorTable
from goaleditor.model import Document, Indicator, Project


def _rows(*pairs: str) -> list[Indicator]:
    """``"产出指标/数量指标:名称"`` → indicators."""
    out = []
    for text in pairs:
        cats, _, name = text.partition(":")
        level1, _, level2 = cats.partition("/")
        out.append(Indicator(level1, level2, name or text))
    return out


def _names(rows: list[Indicator]) -> list[str]:
    return [r.name for r in rows]


def test_ranks_follow_the_catalog_and_place_its_variants():
    ranks = level1_ranks(load_catalog())
    assert ranks["产出指标"] < ranks["成本指标"] < ranks["效益指标"] < ranks["满意度指标"]
    assert ranks["效果指标"] == ranks["效益指标"]  # the older name of the same category


def test_sort_is_stable_by_level1_then_level2_with_unknown_categories_last():
    rows = _rows(
        "满意度指标/服务对象满意度指标:s1",
        "产出指标/质量指标:q1",
        "自定义指标/甲:u1",
        "效益指标/社会效益指标:b1",
        "产出指标/数量指标:n1",
        "产出指标/自定二级:x1",
        "产出指标/质量指标:q2",
        "其他/乙:o1",
        "效益指标/经济效益指标:e1",
        "自定义指标/甲:u2",
        "产出指标/数量指标:n2",
    )
    ordered = sorted_by_category(rows)
    assert _names(ordered) == [
        "n1", "n2", "q1", "q2", "x1", "e1", "b1", "s1", "u1", "u2", "o1",
    ]  # fmt: skip
    assert sorted(map(id, ordered)) == sorted(map(id, rows))  # the same objects
    assert sorted_by_category(ordered) == ordered


def test_split_groups_names_what_prints_twice():
    rows = _rows(
        "产出指标/数量指标:a",
        "满意度指标/服务对象满意度指标:b",
        "效益指标/社会效益指标:c",
        "产出指标/数量指标:d",
    )
    split = split_groups(rows)
    assert [(s.level1, s.level2, s.runs) for s in split] == [("产出指标", "", 2)]
    assert "“产出指标”" in split[0].message() and "出现 2 次" in split[0].message()
    assert split_groups(sorted_by_category(rows)) == []
    # a 二级 split inside one 一级 is said too; blank rows being filled in are not
    rows = _rows("产出指标/数量指标:a", "产出指标/质量指标:b", "产出指标/数量指标:c")
    assert [(s.level1, s.level2) for s in split_groups(rows)] == [("产出指标", "数量指标")]
    assert split_groups([*_rows("产出指标/数量指标:a"), Indicator(), *_rows("产出指标/数量指标:b")])
    assert split_groups([Indicator(), *_rows("产出指标/数量指标:a"), Indicator()]) == []


@pytest.mark.parametrize(
    ("new", "at", "expected"),
    [
        # where the clerk asked, inside its group
        ("产出指标/数量指标:new", 1, ["n1", "new", "q1", "b1", "s1"]),
        # after 满意度 (the end): joins 效益指标
        ("效益指标/社会效益指标:new", 4, ["n1", "q1", "b1", "new", "s1"]),
        # a 二级 new to the table joins its 一级 at the end of that 一级's rows
        ("产出指标/时效指标:new", 4, ["n1", "q1", "new", "b1", "s1"]),
        # a 一级 new to the table goes where the catalog prints it
        ("成本指标/经济成本指标:new", 0, ["n1", "q1", "new", "b1", "s1"]),
        # no category yet, or an unknown one: where the clerk asked
        (":new", 4, ["n1", "q1", "b1", "s1", "new"]),
        ("自定义/甲:new", 1, ["n1", "new", "q1", "b1", "s1"]),
    ],
)
def test_a_new_row_joins_its_group(new, at, expected):
    rows = _rows(
        "产出指标/数量指标:n1",
        "产出指标/质量指标:q1",
        "效益指标/社会效益指标:b1",
        "满意度指标/服务对象满意度指标:s1",
    )
    item = _rows(new)[0] if new[0] != ":" else Indicator(name="new")
    result, positions = grouped_insertion(rows, [item], at)
    assert _names(result) == expected
    assert result[positions[0]] is item


@pytest.fixture
def table(qtbot):
    project = Project(
        name="测试",
        indicators=_rows(
            "产出指标/数量指标:n1",
            "效益指标/社会效益指标:b1",
            "满意度指标/服务对象满意度指标:s1",
        ),
    )
    ctx = EditorContext(Document(projects=[project]))
    widget = IndicatorTable(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    widget.set_owner(project)
    return ctx, widget, project


def test_changing_a_category_shows_the_note_and_sorting_fixes_it_in_one_step(qtbot, table):
    ctx, widget, project = table
    assert not widget.order_note.isVisibleTo(widget)
    widget.select_cell(2, "name")
    qtbot.keyClick(widget.view, Qt.Key_Return, Qt.ControlModifier)  # Ctrl+Enter after 满意度
    assert [i.level1 for i in project.indicators][-1] == "满意度指标"  # in the group it copies
    model = widget.model
    model.setData(model.index(3, model.column_of("level1")), "效益指标")
    model.setData(model.index(3, model.column_of("name")), "b2")
    qtbot.waitUntil(lambda: widget.order_note.isVisibleTo(widget), timeout=1000)
    assert "“效益指标”" in widget.order_note.text()
    assert widget.act_sort.isEnabled()
    steps = ctx.undo_stack.index()
    widget.select_cell(3, "name")
    widget.act_sort.trigger()
    assert _names(project.indicators) == ["n1", "b1", "b2", "s1"]
    assert ctx.undo_stack.index() == steps + 1
    assert widget.model.indicator(widget.view.currentIndex().row()).name == "b2"
    assert not widget.order_note.isVisibleTo(widget)
    ctx.undo_stack.undo()
    assert _names(project.indicators) == ["n1", "b1", "s1", "b2"]
    qtbot.waitUntil(lambda: widget.order_note.isVisibleTo(widget), timeout=1000)
    steps = ctx.undo_stack.index()
    widget.order_note.linkActivated.emit("sort")  # the note's own link
    assert _names(project.indicators) == ["n1", "b1", "b2", "s1"]
    assert ctx.undo_stack.index() == steps + 1
    widget.act_sort.trigger()  # already sorted: no empty undo step
    assert ctx.undo_stack.index() == steps + 1


def test_rows_pasted_after_the_last_row_join_their_groups(qtbot, table):
    ctx, widget, project = table
    QApplication.clipboard().setText(
        "效益指标\t社会效益指标\tb2\t描述\t≥90%\r\n产出指标\t数量指标\tn2\t描述\t≥1次\r\n"
    )
    widget.select_cell(2, "level1")
    widget.act_paste_rows.trigger()
    assert _names(project.indicators) == ["n1", "n2", "b1", "b2", "s1"]
    assert ctx.undo_stack.index() == 1
    selected = {i.row() for i in widget.view.selectionModel().selectedIndexes()}
    assert selected == {1, 3}
    assert not widget.order_note.isVisibleTo(widget)
    ctx.undo_stack.undo()
    assert _names(project.indicators) == ["n1", "b1", "s1"]


def test_sort_is_in_the_toolbar_and_the_context_menu(table):
    _ctx, widget, _project = table
    assert widget.act_sort in widget.toolbar.actions()
    assert widget.act_sort in widget.context_actions()
    assert widget.act_sort.text() == "按指标分类排序"
