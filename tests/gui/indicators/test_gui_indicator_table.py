"""The indicator table driven as a clerk drives it: dropdowns, typing, paste, undo, moves."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from goaleditor import storage
from goaleditor.catalog import load_catalog
from goaleditor.gui.common.commands import SetFieldCommand
from goaleditor.gui.common.context import EditorContext
from goaleditor.gui.indicators.delegates import CategoryCombo, ValueEdit, set_comparison, set_unit
from goaleditor.gui.indicators.table import IndicatorTable
from goaleditor.model import Document, Indicator, Layout, Project
from goaleditor.tsv import clean_cell, drop_blank_rows, format_tsv, parse_tsv
from gui_helpers import SAMPLES, use_cjk_font


@pytest.fixture(scope="module", autouse=True)
def _cjk_font(qapp):
    use_cjk_font(qapp)


def _table(qtbot, doc: Document, owner) -> tuple[EditorContext, IndicatorTable]:
    ctx = EditorContext(doc)
    table = IndicatorTable(ctx)
    qtbot.addWidget(table)
    table.resize(1000, 520)
    table.set_owner(owner)
    table.show()
    qtbot.waitExposed(table)
    return ctx, table


@pytest.fixture
def tianjin(qtbot):
    """Tianjin 2023, project 3: ten indicators, 5 columns (no 依据)."""
    doc = storage.load(SAMPLES / "tianjin_2023.json")
    ctx, table = _table(qtbot, doc, doc.projects[2])
    return ctx, table, doc.projects[2]


def type_text(qtbot, widget, text: str) -> None:
    """Type as the clerk does: ASCII as key presses, Chinese as the input method commits it."""
    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def _open_editor(qtbot, table: IndicatorTable, row: int, field: str):
    table.select_cell(row, field)
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = table.view.indexWidget(table.model.index(row, table.model.column_of(field)))
    assert editor is not None, "F2 opens the cell editor"
    return editor


def _commit(qtbot, editor) -> None:
    target = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    qtbot.keyClick(target, Qt.Key_Return)
    QApplication.processEvents()


def _pick(qtbot, combo: QComboBox, text: str) -> None:
    """Open the dropdown and click the item, as the clerk does."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    row = combo.findText(text)
    assert row >= 0, f"{text} is offered"
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())


def test_level1_and_level2_are_picked_from_filtered_dropdowns(qtbot):
    doc = Document(projects=[Project(name="测试", indicators=[Indicator(name="使用人员满意度")])])
    ctx, table = _table(qtbot, doc, doc.projects[0])
    ind = doc.projects[0].indicators[0]

    combo = _open_editor(qtbot, table, 0, "level1")
    assert isinstance(combo, CategoryCombo)
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[:3] == ["产出指标", "效益指标", "满意度指标"]
    _pick(qtbot, combo, "满意度指标")
    _commit(qtbot, combo)
    assert ind.level1 == "满意度指标"

    combo = _open_editor(qtbot, table, 0, "level2")
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered == load_catalog().level2_for("满意度指标")
    assert "数量指标" not in offered
    _pick(qtbot, combo, "服务对象满意度指标")
    _commit(qtbot, combo)
    assert ind.level2 == "服务对象满意度指标"
    assert ctx.undo_stack.count() == 2

    # A variant the catalog does not list (Chengdu) is typed and kept as written.
    combo = _open_editor(qtbot, table, 0, "level2")
    combo.lineEdit().selectAll()
    type_text(qtbot, combo.lineEdit(), "帮扶对象满意度指标")
    _commit(qtbot, combo)
    assert ind.level2 == "帮扶对象满意度指标"

    ctx.undo_stack.undo()
    assert ind.level2 == "服务对象满意度指标"
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert (ind.level1, ind.level2) == ("", "")
    ctx.undo_stack.redo()
    assert ind.level1 == "满意度指标"
    assert table.model.index(0, 0).data() == "满意度指标"


def test_typed_value_gets_signs_and_unit_help(qtbot, tianjin):
    ctx, table, project = tianjin
    editor = _open_editor(qtbot, table, 0, "value")
    assert isinstance(editor, ValueEdit)
    editor.selectAll()
    type_text(qtbot, editor, ">=650")
    assert editor.text() == "≥650", "a typed >= becomes the printed sign"
    completions = editor.completer().model().stringList()
    assert completions[0] == "≥650台/套", "the typical unit of 硬件维护数量 comes first"
    type_text(qtbot, editor, "台/套")
    _commit(qtbot, editor)
    assert project.indicators[0].value == "≥650台/套"
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert project.indicators[0].value == "≥600台/套"

    # The ▾ menu offers the comparisons and units; they replace what is there.
    menu = ValueEdit(["%", "次"]).help_menu()
    assert [a.text() for a in menu.actions() if not a.isSeparator()][:5] == [
        "≥",
        "≤",
        "=",
        ">",
        "<",
    ]
    assert set_comparison("≥95%", "≤") == "≤95%"
    assert set_unit("≥95%", "个") == "≥95个"
    assert set_unit("有效", "%") == "有效%"


def test_name_completes_from_catalog_and_document(qtbot, tianjin):
    _ctx, table, project = tianjin
    editor = _open_editor(qtbot, table, 3, "name")
    assert isinstance(editor, QLineEdit)
    names = editor.completer().model().stringList()
    assert "系统正常运行率" in names  # already in the document
    assert set(load_catalog().suggestions("质量指标")) <= set(names)
    editor.selectAll()
    type_text(qtbot, editor, "验收合格率")
    _commit(qtbot, editor)
    assert project.indicators[3].name == "验收合格率"


def test_typing_starts_editing_and_long_text_wraps(qtbot, tianjin):
    _ctx, table, project = tianjin
    table.select_cell(1, "description")
    before = table.view.rowHeight(1)
    editor = _open_editor(qtbot, table, 1, "description")
    editor.selectAll()
    long_text = "对全市各级检察机关的软件系统进行维护，保障系统稳定运行，" * 4
    type_text(qtbot, editor, long_text)
    qtbot.keyClick(editor, Qt.Key_Return)
    assert project.indicators[1].description == long_text
    assert table.view.rowHeight(1) > before, "the row grows to show the wrapped text"


def test_paste_tsv_block_from_excel_becomes_rows_and_undoes(qtbot, tianjin):
    ctx, table, project = tianjin
    before = [i.name for i in project.indicators]
    excel = (
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\r\n"
        '产出指标\t数量指标\t"巡检次数\n（含夜间）"\t"每月""双巡检"""\t≥12次\r\n'
        "效益指标\t社会效益指标\t检察宣传政策知晓率\t知晓率\t≥90%\r\n"
    )
    QApplication.clipboard().setText(excel)
    table.select_cell(1, "name")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    names = [i.name for i in project.indicators]
    assert len(names) == len(before) + 2
    # the 数量指标 row goes where it was pasted; the 效益指标 row joins its group instead of
    # splitting 产出指标 (it would print twice)
    assert names[2] == "巡检次数\n（含夜间）"
    assert names[10] == "检察宣传政策知晓率" and project.indicators[9].level1 == "效益指标"
    assert project.indicators[2].description == '每月"双巡检"'
    assert project.indicators[10].value == "≥90%"
    assert ctx.undo_stack.count() == 1
    assert table.view.selectionModel().isSelected(table.model.index(2, 0))
    assert table.view.selectionModel().isSelected(table.model.index(10, 0))
    assert not table.order_note.isVisibleTo(table)
    ctx.undo_stack.undo()
    assert [i.name for i in project.indicators] == before
    ctx.undo_stack.redo()
    assert len(project.indicators) == len(before) + 2


def test_paste_overwrites_selected_cells_and_fills(qtbot, tianjin):
    ctx, table, project = tianjin
    QApplication.clipboard().setText("≥700台/套\r\n≥50套\r\n≥90次\r\n")
    table.select_cell(0, "value")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert [i.value for i in project.indicators[:3]] == ["≥700台/套", "≥50套", "≥90次"]
    assert ctx.undo_stack.count() == 1

    # One value over a selection fills every selected cell.
    QApplication.clipboard().setText("100%")
    col = table.model.column_of("value")
    table.view.selectionModel().select(
        QItemSelection(table.model.index(3, col), table.model.index(4, col)),
        QItemSelectionModel.ClearAndSelect,
    )
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert [i.value for i in project.indicators[3:5]] == ["100%", "100%"]

    # A block running past the end adds rows; Delete clears cells; all undoable.
    last = len(project.indicators) - 1
    QApplication.clipboard().setText("甲\t≥1次\r\n乙\t≥2次\r\n")
    table.select_cell(last, "description")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    pasted = [(i.description, i.value) for i in project.indicators[last:]]
    assert pasted == [("甲", "≥1次"), ("乙", "≥2次")]
    qtbot.keyClick(table.view, Qt.Key_Delete)
    assert project.indicators[last].description == project.indicators[last].value == ""
    for _ in range(4):
        ctx.undo_stack.undo()
    assert project.indicators[0].value == "≥600台/套"
    assert len(project.indicators) == 10


def test_copy_rows_as_tsv_and_paste_inside_the_app(qtbot, tianjin):
    _ctx, table, project = tianjin
    model = table.model
    table.view.selectionModel().select(
        QItemSelection(model.index(5, 0), model.index(6, model.columnCount() - 1)),
        QItemSelectionModel.ClearAndSelect,
    )
    table.view.setCurrentIndex(model.index(6, 0))
    table.view.selectionModel().select(
        QItemSelection(model.index(5, 0), model.index(6, model.columnCount() - 1)),
        QItemSelectionModel.ClearAndSelect,
    )
    qtbot.keyClick(table.view, Qt.Key_C, Qt.ControlModifier)
    text = QApplication.clipboard().text()
    assert parse_tsv(text) == [
        ["产出指标", "时效指标", "运维响应时间", "运维响应时间", "≤15分钟"],
        ["产出指标", "时效指标", "终端问题解决时间", "终端问题解决时间", "≤8小时"],
    ]
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert [i.name for i in project.indicators[7:9]] == ["运维响应时间", "终端问题解决时间"]
    assert project.indicators[7] is not project.indicators[5], "pasted rows are copies"
    assert len(project.indicators) == 12


def test_row_operations_by_keyboard(qtbot, tianjin):
    ctx, table, project = tianjin
    names = lambda: [i.name for i in project.indicators]  # noqa: E731
    start = names()

    table.select_cell(1, "name")
    qtbot.keyClick(table.view, Qt.Key_Down, Qt.AltModifier)
    assert names()[1:3] == [start[2], start[1]]
    assert table.view.currentIndex().row() == 2, "the moved row stays selected"
    qtbot.keyClick(table.view, Qt.Key_Down, Qt.AltModifier)
    assert names()[3] == start[1]
    qtbot.keyClick(table.view, Qt.Key_Up, Qt.AltModifier)
    assert names()[2] == start[1]

    table.select_cell(0, "name")
    qtbot.keyClick(table.view, Qt.Key_Return, Qt.ControlModifier)
    new = project.indicators[1]
    assert (new.level1, new.level2, new.name) == ("产出指标", "数量指标", "")
    assert table.view.currentIndex().row() == 1
    qtbot.keyClick(table.view, Qt.Key_Insert)
    assert len(project.indicators) == 12 and table.view.currentIndex().row() == 1
    qtbot.keyClick(table.view, Qt.Key_Delete, Qt.ControlModifier)
    assert len(project.indicators) == 11

    table.act_delete.trigger()
    assert len(project.indicators) == 10
    while ctx.undo_stack.canUndo():
        ctx.undo_stack.undo()
    assert names() == start


def test_runs_stay_merged_as_the_cursor_moves_and_each_row_edits_its_own(qtbot, tianjin, tmp_path):
    _ctx, table, project = tianjin
    view, model = table.view, table.model
    level1, level2 = model.column_of("level1"), model.column_of("level2")
    table.select_cell(9, "name")
    assert view.rowSpan(0, level1) == 8  # 产出指标 × 8
    assert view.rowSpan(0, level2) == 3  # 数量指标 × 3
    # the cursor going down the 三级 column leaves every run whole
    for row in range(0, 8):
        table.select_cell(row, "name")
        assert view.rowSpan(0, level1) == 8, row
    # the arrow keys go row by row, also through a merged 一级 cell
    table.select_cell(1, "name")
    qtbot.keyClick(view, Qt.Key_Left)
    qtbot.keyClick(view, Qt.Key_Left)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, level1)
    # only the cell the cursor is on leaves its run, in its own column
    assert view.rowSpan(0, level1) == 1 and view.rowSpan(1, level1) == 1
    assert view.rowSpan(2, level1) == 6, "the run continues below the current cell"
    assert view.rowSpan(0, level2) == 3, "the 二级 column is not touched"
    qtbot.keyClick(view, Qt.Key_Down)
    assert view.currentIndex().row() == 2 and view.rowSpan(0, level1) == 2
    # a click on a merged cell goes to the row under the mouse, not the run's first row
    table.select_cell(9, "name")
    rect = view.visualRect(model.index(5, model.column_of("name")))
    x = view.columnViewportPosition(level1) + 5
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=QPoint(x, rect.center().y()))
    assert (view.currentIndex().row(), view.currentIndex().column()) == (5, level1)
    # each row edits its own 一级
    combo = _open_editor(qtbot, table, 1, "level1")
    _pick(qtbot, combo, "效益指标")
    _commit(qtbot, combo)
    assert [i.level1 for i in project.indicators[:3]] == ["产出指标", "效益指标", "产出指标"]
    shot = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path) / "indicator_table.png"
    assert table.grab().save(str(shot))


def test_a_run_scrolled_half_out_of_sight_shows_its_label(qtbot, tianjin, tmp_path):
    _ctx, table, _project = tianjin
    view, model = table.view, table.model
    table.resize(1000, 190)
    table.select_cell(9, "name")
    qtbot.wait(20)
    level1 = model.column_of("level1")
    first = view.visualRect(model.index(0, level1))
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.wait(20)
    run = view.visualRect(model.index(0, level1))
    assert run.top() < 0 and run.center().y() < 0, "the run's middle is out of sight"
    shown = run.intersected(view.viewport().rect())
    image = view.viewport().grab(shown).toImage()
    inked = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert inked > 20, "产出指标 is drawn in the part in sight"
    assert first.isValid()
    shot = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path) / "indicator_scrolled_run.png"
    assert view.grab().save(str(shot))


def test_failed_checks_mark_the_cell(qtbot, tianjin):
    ctx, table, _project = tianjin
    row = 4  # 系统正常运行率
    col = table.model.column_of("value")
    assert table.model.index(row, col).data(Qt.BackgroundRole) is None
    table.model.setData(table.model.index(row, col), "≥120%")
    qtbot.waitUntil(
        lambda: table.model.index(row, col).data(Qt.ToolTipRole) is not None, timeout=2000
    )
    assert "100" in table.model.index(row, col).data(Qt.ToolTipRole)
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: table.model.index(row, col).data(Qt.ToolTipRole) is None, timeout=2000)


def test_columns_follow_the_layout(qtbot):
    doc = storage.load(SAMPLES / "chengdu_2022.json")
    ctx, table = _table(qtbot, doc, doc.department)
    assert table.model.columns == ["number", "level1", "level2", "name", "value"]
    assert table.model.headerData(0, Qt.Horizontal) == "编号"
    # Rows pasted from the printed Chengdu form split the task number off the name.
    QApplication.clipboard().setText("\t产出指标\t数量指标\t2-9.巡回检察次数\t≥6次\r\n")
    table.select_cell(0, "name")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    pasted = doc.department.indicators[1]
    assert (pasted.number, pasted.name, pasted.value) == ("2-9", "巡回检察次数", "≥6次")

    gz = storage.load(SAMPLES / "guangzhou_yuexiu.json")
    ctx, table = _table(qtbot, gz, gz.department)
    headers = [table.model.headerData(c, Qt.Horizontal) for c in range(table.model.columnCount())]
    assert headers == ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"]

    hebei = storage.load(SAMPLES / "hebei_2020.json")
    ctx, table = _table(qtbot, hebei, hebei.projects[0])
    assert table.model.columns[-1] == "basis"
    table.select_cell(1, "basis")
    assert table.view.currentIndex().column() == 5
    table.select_cell(1, "number")  # not on this form: the row's first cell
    assert table.view.currentIndex() == table.model.index(1, 0)
    ctx.undo_stack.push(SetFieldCommand(ctx, hebei.layout, "show_basis", False))
    assert "basis" not in table.model.columns


def test_large_document_edits_stay_fast(qtbot):
    """Speed is measured in benchmarks/run.py (7.7 ms per edit); these bounds only catch a
    runaway (an edit re-checking or re-reading the whole document), not a slow machine."""
    projects = [
        Project(
            name=f"项目{p}",
            indicators=[
                Indicator("产出指标", "数量指标", f"指标{p}-{r}", f"描述{r}", f"≥{r}次")
                for r in range(20)
            ],
        )
        for p in range(500)
    ]
    doc = Document(layout=Layout(show_basis=False), projects=projects)
    _ctx, table = _table(qtbot, doc, projects[-1])
    model = table.model
    start = time.perf_counter()
    for n in range(20):
        model.setData(model.index(n, model.column_of("value")), f"≥{n + 1}次")
        QApplication.processEvents()
    table.refresh_marks()
    per_edit = (time.perf_counter() - start) / 20
    assert per_edit < 0.5, f"{per_edit * 1000:.1f} ms per edit"
    start = time.perf_counter()
    editor = _open_editor(qtbot, table, 0, "name")
    assert len(editor.completer().model().stringList()) >= 10000
    assert time.perf_counter() - start < 5


def test_tsv_round_trip_as_excel_writes_it():
    rows = [["a", 'say "hi"', "two\nlines"], ["", "tab\there", "x"]]
    text = format_tsv(rows)
    assert text == 'a\t"say ""hi"""\t"two\nlines"\r\n\t"tab\there"\tx\r\n'
    assert parse_tsv(text) == rows
    assert parse_tsv("a\tb\nc\td\n") == [["a", "b"], ["c", "d"]]
    assert parse_tsv('"unclosed\tx') == [['"unclosed', "x"]]
    assert parse_tsv('5" disk\t1') == [['5" disk', "1"]]
    assert parse_tsv("") == []


def test_pasted_values_get_the_signs_typing_gives(qtbot, tianjin):
    _ctx, table, project = tianjin
    pasted = ">=90%\r\n<=15分钟\r\n=>3次\r\n≥ 95 %\r\n＞＝９０％\r\n完成率=已完成/应完成*100%\r\n"
    QApplication.clipboard().setText(pasted)
    table.select_cell(0, "value")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert [i.value for i in project.indicators[:6]] == [
        "≥90%",
        "≤15分钟",
        "≥3次",
        "≥95%",
        "≥90%",
        "完成率=已完成/应完成*100%",  # a formula is pasted as it is
    ]
    # the 指标值 editor gives the same when the clerk types it
    editor = _open_editor(qtbot, table, 3, "value")
    editor.selectAll()
    type_text(qtbot, editor, ">= 90 ")
    assert editor.text() == "≥90 ", "a blank just typed stays until the next part comes"
    type_text(qtbot, editor, "%")
    assert editor.text() == "≥90%"
    editor.selectAll()
    type_text(qtbot, editor, "≥ 95 ")
    _commit(qtbot, editor)
    assert project.indicators[3].value == "≥95", "committed as printed"
    # other columns keep what was pasted: a description may say ">=" on purpose
    QApplication.clipboard().setText("a>=b")
    table.select_cell(5, "description")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert project.indicators[5].description == "a>=b"


def test_paste_from_word_drops_control_characters_and_blank_lines(qtbot, tianjin, tmp_path):
    ctx, table, project = tianjin
    before = len(project.indicators)
    word = (
        "产出指标\t数量指标\t巡检\x0b次数\x07\t每月\x0b两次\x00\t>=12次\x07\r\n"
        "\r\n"
        "\t\t\t\t\r\n"
        "效益指标\t社会效益指标\t知晓率\x1f\t\ufeff知晓\t≥90%\r\n"
        "\r\n"
    )
    QApplication.clipboard().setText(word)
    table.select_cell(1, "name")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert len(project.indicators) == before + 2, "blank lines add no empty rows"
    first = project.indicators[2]
    second = project.indicators[-2]  # joined the one 效益指标 row before 满意度指标
    assert (first.name, first.description, first.value) == ("巡检\n次数", "每月\n两次", "≥12次")
    assert (second.name, second.description) == ("知晓率", "知晓")
    saved = tmp_path / "pasted.json"
    storage.save(ctx.document, saved)
    text = saved.read_text("utf-8")
    assert not any(ch in text for ch in "\x00\x07\x0b\x1f\ufeff")
    assert "\\u000b" not in text and "\\u0007" not in text and "\\u0000" not in text


def test_blank_line_inside_a_pasted_column_is_skipped(qtbot, tianjin):
    ctx, table, project = tianjin
    QApplication.clipboard().setText("≥1次\r\n\r\n≥2次\r\n")
    table.select_cell(0, "value")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert [i.value for i in project.indicators[:2]] == ["≥1次", "≥2次"]
    assert ctx.undo_stack.count() == 1


def test_clean_cell_and_blank_rows():
    assert clean_cell("a\x0bb\x0cc") == "a\nb\nc"
    assert clean_cell("x\x00y\x07z\x1b\x7f\x85\ufeff") == "xyz"
    assert clean_cell("keep\ttab\r\nand line") == "keep\ttab\nand line"
    rows = [["a", ""], ["", " "], ["\x07", "\x0b"], ["", "b"]]
    assert drop_blank_rows(rows) == [["a", ""], ["", "b"]]


@pytest.mark.parametrize(
    "level1", ["", "  ", "本单位自定的一级"], ids=["blank", "blanks", "unknown"]
)
def test_level2_dropdown_offers_every_known_level2_when_level1_is_blank_or_unknown(qtbot, level1):
    doc = Document(projects=[Project(name="测试", indicators=[Indicator(level1=level1)])])
    _ctx, table = _table(qtbot, doc, doc.projects[0])
    combo = _open_editor(qtbot, table, 0, "level2")
    offered = [combo.itemText(i) for i in range(combo.count())]
    catalog = load_catalog()
    assert offered == catalog.level2_names()
    assert {"数量指标", "社会效益指标", "服务对象满意度指标"} <= set(offered)
