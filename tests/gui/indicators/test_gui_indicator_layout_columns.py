"""The indicator table's columns follow the document's layout: the attributes it prints
(权重, 指标解释, 评（扣）分标准, 指标值设定依据, 数据来源 …) and its own indicator fields
are columns titled by its headers, edited one undo step at a time; fields it does not
print are hidden and kept; switching the layout changes the columns at once; 审核 marks
land on the right cells.  Driven through the real main window."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolTip

from goaleditor.gui.indicators.delegates import BasisTypeCombo
from goaleditor.gui.tree.panel import DOCUMENT, PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)

#: The 101号 core form's indicator columns after 一级 … 指标值, in its order.
CORE_ATTRIBUTES = ["weight", "explanation", "scoring", "basis_type", "basis", "source"]


def _choose(window, layout_id: str) -> None:
    """Pick a project layout on the document page, as the clerk does."""
    window.tree.select_node(DOCUMENT)
    combo = window.document_editor.project_form
    combo.setCurrentIndex(combo.findData(layout_id))


def _open(make_window, tmp_path, layout_id: str = ""):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    if layout_id:
        _choose(window, layout_id)
    window.tree.select_node(PROJECT, 2)
    return window, window.project_editor.table, window.ctx.document.projects[2]


def _titles(table) -> list[str]:
    model = table.model
    return [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]


def _open_editor(qtbot, table, row: int, field: str):
    table.select_cell(row, field)
    qtbot.keyClick(table.view, Qt.Key_F2)
    editor = table.view.indexWidget(table.model.index(row, table.model.column_of(field)))
    assert editor is not None, "F2 opens the cell editor"
    return editor


def _type_and_commit(qtbot, table, row: int, field: str, text: str) -> None:
    editor = _open_editor(qtbot, table, row, field)
    editor.setText(text)  # as typed (Chinese comes from the input method, not key presses)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()


def test_the_101_core_layout_shows_its_attributes_titled_by_its_headers(
    qtbot, make_window, tmp_path
):
    _window, table, _project = _open(make_window, tmp_path, "mof101-core")
    model = table.model
    assert model.columns == ["level1", "level2", "name", "value", *CORE_ATTRIBUTES]
    assert _titles(table)[3:] == [
        "指标值",
        "权重",
        "指标解释",
        "评（扣）分标准",
        "依据类型",
        "指标值设定依据",
        "数据来源",
    ]
    # the 101号 form prints no 描述: not shown (and kept, see below)
    assert model.column_of("description") == -1


def test_weight_takes_a_number_one_undo_step_and_keeps_refused_text_open_with_the_reason(
    qtbot, make_window, answers, tmp_path
):
    """A refused 权重 is not lost: Enter or Tab keep the cell open with what was typed and
    the reason under it (as the amount fields do); a click elsewhere says it at the cell."""
    window, table, project = _open(make_window, tmp_path, "mof101-core")
    stack = window.ctx.undo_stack
    ind = project.indicators[0]
    steps = stack.count()
    _type_and_commit(qtbot, table, 0, "weight", "12.5")
    assert ind.weight == Decimal("12.5")
    assert stack.count() == steps + 1 and stack.undoText() == "修改权重"
    assert table.model.data(table.model.index(0, table.model.column_of("weight"))) == "12.5"
    index = table.model.index(0, table.model.column_of("weight"))

    for typed, reason, key in [("十分", "不是数字", Qt.Key_Return), ("120", "0 到 100", Qt.Key_Tab)]:
        editor = _open_editor(qtbot, table, 0, "weight")
        editor.setText(typed)
        assert editor.styleSheet() and reason in editor.toolTip()  # red as it is typed
        qtbot.keyClick(editor, key)
        QApplication.processEvents()
        assert table.view.indexWidget(index) is editor and editor.text() == typed
        assert reason in QToolTip.text()
        assert ind.weight == Decimal("12.5") and stack.index() == steps + 1
        editor.setText("15")  # mended in place
        assert not editor.styleSheet()
        qtbot.keyClick(editor, Qt.Key_Return)
        QApplication.processEvents()
        assert table.view.indexWidget(index) is None and ind.weight == Decimal(15)
        stack.undo()
        assert ind.weight == Decimal("12.5")

    # Esc gives the old value back; leaving the cell by a click says why at the cell
    editor = _open_editor(qtbot, table, 0, "weight")
    editor.setText("abc")
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert table.view.indexWidget(index) is None and ind.weight == Decimal("12.5")
    editor = _open_editor(qtbot, table, 0, "weight")
    editor.setText("abc")
    answers.expect("确定")
    other = table.model.index(1, table.model.column_of("name"))
    qtbot.mouseClick(table.view.viewport(), Qt.LeftButton, pos=table.view.visualRect(other).center())
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert table.view.indexWidget(index) is None and ind.weight == Decimal("12.5")
    assert "“abc”不是数字" in answers.shown[-1] and "第 1 行的“权重”仍为 12.5" in answers.shown[-1]
    assert "权重" in window.statusBar().currentMessage()

    stack.undo()
    assert ind.weight is None


def test_text_attributes_and_the_basis_kind_dropdown_are_edited_in_their_cells(
    qtbot, make_window, tmp_path
):
    window, table, project = _open(make_window, tmp_path, "mof101-core")
    ind = project.indicators[1]
    _type_and_commit(qtbot, table, 1, "source", "运维记录")
    assert ind.source == "运维记录"

    combo = _open_editor(qtbot, table, 1, "basis_type")
    assert isinstance(combo, BasisTypeCombo)
    offered = [combo.itemText(i) for i in range(1, combo.count())]
    assert offered == ["计划标准", "行业标准", "历史标准", "财政部门和预算部门认可的其他标准"]
    combo.setCurrentIndex(combo.findText("财政部门和预算部门认可的其他标准"))
    qtbot.keyClick(combo, Qt.Key_Return)
    QApplication.processEvents()
    assert ind.basis_type == "其他标准"  # the file keeps the short name
    window.ctx.undo_stack.undo()
    assert ind.basis_type == ""
    # a pasted or typed kind that is none of them is refused, the cell unchanged
    assert not table.model.setData(
        table.model.index(1, table.model.column_of("basis_type")), "估计"
    )
    assert ind.basis_type == ""


def test_a_layouts_own_indicator_column_is_edited_into_extra(qtbot, make_window, tmp_path):
    window, table, project = _open(make_window, tmp_path, "upload-list")
    model = table.model
    assert model.columns[-1] == "extra.remark"
    assert _titles(table)[model.column_of("description")] == "绩效指标说明"
    assert _titles(table)[-1] == "备注"
    _type_and_commit(qtbot, table, 0, "extra.remark", "新增")
    assert project.indicators[0].extra == {"remark": "新增"}
    assert window.ctx.undo_stack.undoText() == "修改备注"
    window.ctx.undo_stack.undo()
    assert project.indicators[0].extra == {}


def test_switching_the_layout_changes_the_columns_and_undo_restores_them_at_once(
    qtbot, make_window, tmp_path
):
    window, table, project = _open(make_window, tmp_path)
    standard = list(table.model.columns)
    assert "weight" not in standard
    project.indicators[0].weight = Decimal(40)
    _choose(window, "mof101-core")
    window.tree.select_node(PROJECT, 2)
    assert table.model.columns[-len(CORE_ATTRIBUTES) :] == CORE_ATTRIBUTES
    col = table.model.column_of("weight")
    assert table.view.columnWidth(col) > 0 and not table.view.isColumnHidden(col)
    assert table.model.data(table.model.index(0, col)) == "40"
    # undo (and redo) on the project page: the table on screen follows at once
    window.ctx.undo_stack.undo()
    assert table.model.columns == standard
    assert _titles(table)[3] == "绩效指标描述"
    assert project.indicators[0].weight == Decimal(40)  # hidden, kept
    window.ctx.undo_stack.redo()
    assert table.model.column_of("weight") == col
    assert table.view.columnWidth(col) >= 44  # sized for the new columns
    header = table.view.horizontalHeader()
    assert header.count() == len(table.model.columns)


def test_hidden_fields_are_kept_and_whole_rows_copied_keep_them(qtbot, make_window, tmp_path):
    _window, table, project = _open(make_window, tmp_path, "mof101-core")
    ind = project.indicators[0]
    ind.weight, ind.explanation, ind.extra = Decimal("12.5"), "解释", {"remark": "备"}
    description = ind.description
    assert description  # the Tianjin rows have a 描述 the 101号 form does not show
    table.select_cell(0, "level1")
    table.view.selectRow(0)
    qtbot.keyClick(table.view, Qt.Key_C, Qt.ControlModifier)
    table.select_cell(0, "level1")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    copy = project.indicators[1]
    assert copy is not ind
    assert (copy.weight, copy.explanation, copy.extra) == (
        Decimal("12.5"),
        "解释",
        {"remark": "备"},
    )
    assert copy.description == description


def test_check_marks_land_on_the_attribute_cells(qtbot, make_window, tmp_path):
    _window, table, project = _open(make_window, tmp_path, "mof101-core")
    table.refresh_marks()
    marks = table.model.marks()
    assert (0, "weight") in marks and (0, "scoring") in marks
    for row, field in [(0, "weight"), (0, "scoring")]:
        index = table.model.index(row, table.model.column_of(field))
        assert table.model.data(index, Qt.BackgroundRole) is not None
        assert table.model.data(index, Qt.ToolTipRole)
    # filling every weight to 100 in all takes the weight mark away, live
    count = len(project.indicators)
    for row in range(count):
        table.model.setData(
            table.model.index(row, table.model.column_of("weight")),
            "100" if row == 0 else "0",
        )
    qtbot.waitUntil(lambda: not table.marks_pending())
    assert not any(field == "weight" for _row, field in table.model.marks())


def test_the_101_core_table_renders(qtbot, make_window, tmp_path):
    """A screenshot of the table with the 101号 form's columns (look at it)."""
    window, table, _project = _open(make_window, tmp_path, "mof101-core")
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: table.view.viewport().width() > 900)
    QApplication.processEvents()
    shot = tmp_path / "table_mof101.png"
    assert table.grab().save(str(shot))
    header = table.view.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total <= table.view.viewport().width()  # a wide window: no sideways scrolling


def test_pasted_weights_are_numbers_and_other_text_is_reported(qtbot, make_window, tmp_path):
    window, table, project = _open(make_window, tmp_path, "mof101-core")
    table.select_cell(0, "weight")
    QApplication.clipboard().setText("20\r\n很高\r\n")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert project.indicators[0].weight == Decimal(20)
    assert project.indicators[1].weight is None  # refused, the cell as it was
    message = window.statusBar().currentMessage()
    assert "1 个单元格没有粘贴" in message and "“很高”不是数字" in message
    table.select_cell(2, "weight")
    QApplication.clipboard().setText("很高")
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert project.indicators[2].weight is None
    assert "没有粘贴" in window.statusBar().currentMessage()


def test_rows_under_a_header_line_naming_the_attributes_paste_into_them(
    qtbot, make_window, tmp_path
):
    window, table, project = _open(make_window, tmp_path, "mof101-core")
    count = len(project.indicators)
    table.select_cell(0, "level1")
    QApplication.clipboard().setText(
        "一级指标\t二级指标\t三级指标\t指标值\t权重\t评（扣）分标准\t依据类型\r\n"
        "产出指标\t数量指标\t培训人次\t≥200人次\t15\t每少10人次扣1分\t计划标准\r\n"
    )
    qtbot.keyClick(table.view, Qt.Key_V, Qt.ControlModifier)
    assert len(project.indicators) == count + 1
    new = next(i for i in project.indicators if i.name == "培训人次")
    assert (new.weight, new.scoring, new.basis_type) == (Decimal(15), "每少10人次扣1分", "计划标准")
    window.ctx.undo_stack.undo()
    assert len(project.indicators) == count
