"""一级/二级 dropdowns: a new 一级 clears a 二级 that does not belong to it (one undo
step), the dropdowns are wide enough for their longest name, and a typed part of a name
completes to the standard name (by its start or by text inside it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox

from goaleditor.gui.common.context import EditorContext
from goaleditor.gui.indicators.delegates import CategoryCombo, ranked_matches
from goaleditor.gui.indicators.table import IndicatorTable
from goaleditor.model import Document, Indicator, Project
from gui_helpers import use_cjk_font


@pytest.fixture(scope="module", autouse=True)
def _cjk_font(qapp):
    use_cjk_font(qapp)


def _table(qtbot, *indicators: Indicator):
    doc = Document(projects=[Project(name="测试", indicators=list(indicators))])
    ctx = EditorContext(doc)
    table = IndicatorTable(ctx)
    qtbot.addWidget(table)
    table.resize(900, 400)
    table.set_owner(doc.projects[0])
    table.show()
    qtbot.waitExposed(table)
    return ctx, table


def _open_editor(qtbot, table: IndicatorTable, row: int, field: str) -> CategoryCombo:
    table.select_cell(row, field)
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = table.view.indexWidget(table.model.index(row, table.model.column_of(field)))
    assert isinstance(editor, CategoryCombo)
    return editor


def _pick(qtbot, combo: QComboBox, text: str) -> None:
    """Open the dropdown, click the item and press Enter, as the clerk does."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(view.model().index(combo.findText(text), 0))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())
    qtbot.keyClick(combo.lineEdit(), Qt.Key_Return)
    QApplication.processEvents()


def test_new_level1_clears_a_level2_it_does_not_have_in_one_undo_step(qtbot):
    ind = Indicator("产出指标", "数量指标", "购置数量", "", "≥10台")
    ctx, table = _table(qtbot, ind)
    _pick(qtbot, _open_editor(qtbot, table, 0, "level1"), "满意度指标")
    assert (ind.level1, ind.level2, ind.name) == ("满意度指标", "", "购置数量")
    assert table.model.index(0, table.model.column_of("level2")).data() == ""
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert (ind.level1, ind.level2) == ("产出指标", "数量指标")
    ctx.undo_stack.redo()
    assert (ind.level1, ind.level2) == ("满意度指标", "")


def test_level2_that_belongs_to_the_new_level1_stays(qtbot):
    variant = Indicator("满意度指标", "服务对象满意度指标", "群众满意度")
    own = Indicator("产出指标", "自定二级", "x")
    ctx, table = _table(qtbot, variant, own)
    # 效果指标 (a real variant 一级) files 服务对象满意度指标 under it: kept
    combo = _open_editor(qtbot, table, 0, "level1")
    _pick(qtbot, combo, "效果指标")
    assert (variant.level1, variant.level2) == ("效果指标", "服务对象满意度指标")
    # a 一级 the catalog does not know: the clerk's own tree, nothing is cleared
    table.model.setData(table.model.index(1, table.model.column_of("level1")), "本单位指标")
    assert own.level2 == "自定二级"
    assert ctx.undo_stack.count() == 2


def test_level2_dropdown_is_as_wide_as_its_longest_name(qtbot):
    ind = Indicator("满意度指标", "", "群众满意度")
    _ctx, table = _table(qtbot, ind)
    table.view.setColumnWidth(table.model.column_of("level2"), 60)
    combo = _open_editor(qtbot, table, 0, "level2")
    longest = combo.fontMetrics().horizontalAdvance("帮扶对象满意度指标")
    assert combo.view().minimumWidth() > longest
    combo.showPopup()
    qtbot.waitUntil(combo.view().isVisible)
    assert combo.view().width() > longest
    combo.hidePopup()
    cell = table.view.visualRect(table.model.index(0, table.model.column_of("level2")))
    assert cell.contains(combo.geometry()), "the open cell keeps to its column"


def _type_in(qtbot, table: IndicatorTable, row: int, field: str, word: str) -> CategoryCombo:
    """F2 on the cell, select its text, and commit *word* with the input method."""
    combo = _open_editor(qtbot, table, row, field)
    combo.lineEdit().selectAll()
    event = QInputMethodEvent("", [])
    event.setCommitString(word)
    QApplication.sendEvent(combo.lineEdit(), event)
    return combo


def _offered(combo: CategoryCombo) -> list[str]:
    model = combo.completion.popup().model()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def test_ranked_matches_put_the_start_before_the_middle():
    names = ["产出指标", "效益指标", "满意度指标", "社会效益指标"]
    assert ranked_matches(names, "效益") == ["效益指标", "社会效益指标"]
    assert ranked_matches(names, " 满意 ") == ["满意度指标"]
    assert ranked_matches(names, "帮扶") == []
    assert ranked_matches(names, "") == []


def test_typed_start_of_a_level1_completes_and_clears_its_stale_level2(qtbot):
    ind = Indicator("产出指标", "成本指标", "年度运维成本", "", "≤450万元")
    ctx, table = _table(qtbot, ind)
    combo = _type_in(qtbot, table, 0, "level1", "效益")
    popup = combo.completion.popup()
    qtbot.waitUntil(popup.isVisible)
    assert _offered(combo)[0] == "效益指标" and popup.currentIndex().data() == "效益指标"
    # Enter goes to the open list (as on Windows): it takes the name and writes the cell
    qtbot.keyClick(popup, Qt.Key_Return)
    QApplication.processEvents()
    assert (ind.level1, ind.level2) == ("效益指标", ""), "成本指标 is no 效益指标 category"
    assert table.view.indexWidget(table.model.index(0, 0)) is None
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert (ind.level1, ind.level2) == ("产出指标", "成本指标"), "one undo brings both back"

    # the same when Enter reaches the cell itself: the highlighted name is taken
    combo = _type_in(qtbot, table, 0, "level1", "满意")
    qtbot.waitUntil(combo.completion.popup().isVisible)
    qtbot.keyClick(combo.lineEdit(), Qt.Key_Return)
    QApplication.processEvents()
    assert ind.level1 == "满意度指标"


def test_level2_completes_by_contained_text_and_arrows_choose(qtbot):
    ind = Indicator("效益指标", "", "群众知晓率")
    _ctx, table = _table(qtbot, ind)
    combo = _type_in(qtbot, table, 0, "level2", "效益")
    popup = combo.completion.popup()
    qtbot.waitUntil(popup.isVisible)
    assert _offered(combo) == ["经济效益指标", "社会效益指标", "生态效益指标"]
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Tab)  # Tab takes it too, and moves on
    QApplication.processEvents()
    assert ind.level2 == "社会效益指标"
    assert table.view.currentIndex().column() == table.model.column_of("name")


def test_a_variant_that_matches_nothing_or_is_kept_with_esc_stays_as_typed(qtbot):
    ind = Indicator("满意度指标", "服务对象满意度指标", "群众满意度")
    _ctx, table = _table(qtbot, ind)
    combo = _type_in(qtbot, table, 0, "level2", "帮扶对象满意度指标")
    assert not combo.completion.popup().isVisible(), "nothing to offer"
    qtbot.keyClick(combo.lineEdit(), Qt.Key_Return)
    QApplication.processEvents()
    assert ind.level2 == "帮扶对象满意度指标"

    # Esc closes the list: the fragment is what the clerk meant, and the checks remind
    combo = _type_in(qtbot, table, 0, "level1", "效益")
    popup = combo.completion.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key_Escape)
    assert not popup.isVisible() and table.view.indexWidget(table.model.index(0, 0)) is combo
    qtbot.keyClick(combo.lineEdit(), Qt.Key_Return)
    QApplication.processEvents()
    assert (ind.level1, ind.level2) == ("效益", "帮扶对象满意度指标"), "nothing cleared"
    table.refresh_marks()
    tip = table.model.index(0, table.model.column_of("level1")).data(Qt.ToolTipRole)
    assert "不是标准分类" in tip
