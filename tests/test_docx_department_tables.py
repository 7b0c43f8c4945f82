"""Word import of forms split over several tables, and of a second department form.

The tables are built the way Word stores a split form (`docxbuild.split_planned`): one
grid for all parts, a vertical merge cut by the break going on as a bare
``<w:vMerge/>`` at the top of the new table, a header row said again by the clerk.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import docxbuild
from goaleditor import storage
from goaleditor.importers.docx import read_docx
from goaleditor.importers.wordtables import Table, read_blocks
from test_docx_import import (
    _HEAD,
    GUANGZHOU_YEAR_NOTE,
    _chengdu_blocks,
    _guangzhou_seed_form,
)

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
RAW = docxbuild.Options(merge="raw")
PYTHON_DOCX = docxbuild.Options()


@pytest.fixture(scope="module")
def chengdu():
    return storage.load(SAMPLES / "chengdu_2022.json")


@pytest.fixture(scope="module")
def guangzhou():
    return storage.load(SAMPLES / "guangzhou_yuexiu.json")


def _chengdu_plan(doc):
    """(paragraphs before, grid width, planned rows, index of the 一级指标 header)."""
    blocks = _chengdu_blocks(doc)
    width, planned = docxbuild.plan_table(blocks[-1].rows)
    header = next(i for i, row in enumerate(planned) if any(c.text == "一级指标" for c in row))
    return [b.text for b in blocks[:-1]], width, planned, header


def _tables(path: Path) -> list[Table]:
    return [b for b in read_blocks(path) if isinstance(b, Table)]


# ---------------------------------------------------------------- Chengdu, one form split


@pytest.mark.parametrize(
    ("repeat", "options"),
    [
        ("nothing", RAW),
        ("nothing", PYTHON_DOCX),
        ("indicator header", RAW),
        ("部门名称 and indicator header", PYTHON_DOCX),
    ],
)
def test_chengdu_form_split_in_its_indicators_is_one_form(tmp_path, chengdu, repeat, options):
    before, width, planned, header = _chengdu_plan(chengdu)
    # Cut where the break falls inside the 产出指标 › 数量指标 run: the new table opens
    # with 一级 merged down from the one before and 二级 left blank.
    cut = header + 5
    assert [(c.text, c.vmerge) for c in planned[cut][1:3]] == [("", "continue"), ("", "")]
    rows = {
        "nothing": [],
        "indicator header": [header],
        "部门名称 and indicator header": [0, header],
    }
    parts = docxbuild.split_planned(planned, [cut], rows[repeat])
    path = docxbuild.build_split_docx(tmp_path / "split.docx", width, parts, before, "", options)
    tables = _tables(path)
    assert len(tables) == 2 and tables[0].width == tables[1].width
    if options is RAW and repeat == "nothing":
        # Word's own way: the cut merge goes on with nothing above it.
        assert tables[1].rows[0].cells[1].continued
    result = read_docx(path)
    assert result.notes == []
    assert result.document.department == chengdu.department
    assert result.document.layout == chengdu.layout


def test_chengdu_rows_on_other_columns_are_each_reported(tmp_path, chengdu):
    """Bare rows without the 年度绩效指标 column: nothing says which cell is which."""
    blocks = _chengdu_blocks(chengdu)
    rows = blocks[-1].rows
    header = next(i for i, r in enumerate(rows) if "一级指标" in r)
    cut = header + 5
    first, rest = rows[:cut], [r[1:] for r in rows[cut:]]
    path = docxbuild.build_docx(
        [*blocks[:-1], docxbuild.seedtext.Table(first), docxbuild.seedtext.Table(rest)],
        tmp_path / "narrow.docx",
    )
    result = read_docx(path)
    got = result.document.department
    assert got.indicators == chengdu.department.indicators[:4]
    assert [n.where for n in result.notes] == [
        f"表格 2（部门整体），第 {i} 行" for i in range(1, len(rest) + 1)
    ]
    first_note = result.notes[0].message
    assert first_note.startswith("“2-4.监管场所派驻+巡回检察完成检查报告数量 | ≥17个”未导入")
    assert "表格 2 没有表头" in first_note and "表格 1" in first_note and "加上表头" in first_note
    assert "满意度指标" in result.notes[-2].message


def test_chengdu_continuation_with_its_own_header_on_its_own_columns(tmp_path, chengdu):
    """A header says what the columns are, whatever the grid: read by it."""
    blocks = _chengdu_blocks(chengdu)
    rows = blocks[-1].rows
    header = next(i for i, r in enumerate(rows) if "一级指标" in r)
    cut = header + 5
    rest = [rows[header][1:], *(r[1:] for r in rows[cut:])]
    path = docxbuild.build_docx(
        [*blocks[:-1], docxbuild.seedtext.Table(rows[:cut]), docxbuild.seedtext.Table(rest)],
        tmp_path / "own-header.docx",
    )
    result = read_docx(path)
    assert result.notes == []
    assert result.document.department == chengdu.department


# ---------------------------------------------------------------- Guangzhou 申报表 in parts


def _guangzhou_parts(doc, cuts: list[str], repeat_header: bool):
    """The published 申报表 cut before each section label in *cuts*, or ``+N`` rows
    below the 绩效指标 header; with *repeat_header* each part after the first opens with
    the 一级指标 header said again."""
    before, (width, planned), _after = docxbuild.plan_form(_guangzhou_seed_form(doc))

    def row_of(label: str) -> int:
        return next(
            i
            for i, row in enumerate(planned)
            if any(c.text.replace("\n", "") == label for c in row)
        )

    header = row_of("绩效指标")
    rows = [header + int(cut[1:]) if cut.startswith("+") else row_of(cut) for cut in cuts]
    repeat = [header] if repeat_header else []
    return before, width, docxbuild.split_planned(planned, rows, repeat)


@pytest.mark.parametrize(
    ("cuts", "repeat_header"),
    [
        (["年度重点工作任务"], False),
        (["年度重点工作任务", "绩效指标"], False),
        (["+4"], False),
        (["+4"], True),
        (["年度重点工作任务", "+6"], True),
    ],
    ids=[
        "tasks-apart",
        "tasks-and-indicators-apart",
        "indicators-broken",
        "header-repeated",
        "three-parts",
    ],
)
def test_guangzhou_form_in_several_tables_is_one_form(tmp_path, guangzhou, cuts, repeat_header):
    before, width, parts = _guangzhou_parts(guangzhou, cuts, repeat_header)
    path = docxbuild.build_split_docx(tmp_path / "gz.docx", width, parts, before, "", RAW)
    assert len(_tables(path)) == len(cuts) + 1
    result = read_docx(path)
    assert [n.format_line() for n in result.notes] == [f"文档：{GUANGZHOU_YEAR_NOTE}"]
    assert result.document.department == guangzhou.department


# ---------------------------------------------------------------- a second department form


def test_a_second_department_form_is_named_with_its_tables(tmp_path, chengdu):
    """Two departments' forms in one file: the first is read, the second (itself broken
    over two tables) is listed by table number, and none of its own notes (a bad
    amount) reach the report."""
    before, width, planned, header = _chengdu_plan(chengdu)
    other = [
        [docxbuild.PlannedCell(c.text, c.col, c.span, c.vmerge) for c in row] for row in planned
    ]
    other[0][1].text = "某区人民检察院部门"
    amounts = 1 + next(i for i, row in enumerate(other) if any(c.text == "资金总额" for c in row))
    other[amounts][1].text = "约一千元"  # a note, were this form read
    parts = [planned, *docxbuild.split_planned(other, [header + 8])]
    path = docxbuild.build_split_docx(tmp_path / "two.docx", width, parts, before, "", RAW)
    result = read_docx(path)
    assert result.document.department == chengdu.department
    assert [n.format_line() for n in result.notes] == [
        "表格 2、3（部门整体）：第二份部门整体表（某区人民检察院部门）未导入："
        "一个文档只有一份部门整体表，已导入表格 1 的那一份。"
        "如需导入这一份，请把它单独存成一个 Word 文件后再导入。"
    ]


def test_the_same_form_pasted_twice_is_named_as_a_copy(tmp_path, chengdu):
    before, width, planned, _header = _chengdu_plan(chengdu)
    path = docxbuild.build_split_docx(
        tmp_path / "twice.docx", width, [planned, planned], before, "", RAW
    )
    result = read_docx(path)
    assert result.document.department == chengdu.department
    assert len(result.notes) == 1
    assert result.notes[0].where == "表格 2（部门整体）"
    assert "两份同名，这一份可能是重复粘贴的" in result.notes[0].message


def test_each_department_form_is_read_by_its_own_labels(tmp_path, chengdu, guangzhou):
    """A Chengdu form first and a Guangzhou 申报表 after it: the Chengdu form is read as
    one (not by the Guangzhou labels that outnumber its own in the file)."""
    _before, width, planned, _header = _chengdu_plan(chengdu)
    _, (gz_width, gz_planned), _ = docxbuild.plan_form(_guangzhou_seed_form(guangzhou))
    path = tmp_path / "both.docx"
    document = docxbuild.docx.Document()
    document.add_paragraph(chengdu.title)
    document.add_paragraph("金额单位：万元")
    docxbuild._add_planned(document, width, planned, RAW)
    document.add_paragraph("")
    docxbuild._add_planned(document, gz_width, gz_planned, RAW)
    document.save(str(path))
    result = read_docx(path)
    assert result.document.layout.department_form == "chengdu"
    assert result.document.department == chengdu.department
    assert [n.where for n in result.notes] == ["表格 2（部门整体）"]
    assert "第二份部门整体表（广州市越秀区人民检察院）" in result.notes[0].message


# ---------------------------------------------------------------- project tables split

_GOALS = [["绩效目标", "1、目标"]]
_LIST = [
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
    ["产出指标", "数量指标", "数量一", "描述一", "≥1个", "计划"],
    ["", "", "数量二", "描述二", "≥2个", "计划"],
    ["", "", "数量三", "描述三", "≥3个", "计划"],
    ["", "质量指标", "合格率", "合格率", "100%", "标准"],
    ["效益指标", "社会效益指标", "效益", "效益", "有效", "往年"],
]
_EXPECTED = [
    ("产出指标", "数量指标", "数量一"),
    ("产出指标", "数量指标", "数量二"),
    ("产出指标", "数量指标", "数量三"),
    ("产出指标", "质量指标", "合格率"),
    ("效益指标", "社会效益指标", "效益"),
]
_TITLE = "1.2024年测试项目绩效目标表"


def _project_plan():
    rows = [list(r) for r in [*_HEAD, *_GOALS, *_LIST]]
    width, planned = docxbuild.plan_table(rows)
    header = next(i for i, row in enumerate(planned) if any(c.text == "一级指标" for c in row))
    return width, planned, header


@pytest.mark.parametrize(
    ("repeat", "options"),
    [("nothing", RAW), ("nothing", PYTHON_DOCX), ("header", RAW), ("名称 and header", RAW)],
)
def test_project_table_split_in_its_indicators_is_one_project(tmp_path, repeat, options):
    width, planned, header = _project_plan()
    name_row = 1  # after the unit line
    rows = {"nothing": [], "header": [header], "名称 and header": [name_row, header]}
    parts = docxbuild.split_planned(planned, [header + 3], rows[repeat])
    path = docxbuild.build_split_docx(tmp_path / "p.docx", width, parts, [_TITLE], "", options)
    result = read_docx(path)
    assert result.notes == []
    [project] = result.document.projects
    assert [(i.level1, i.level2, i.name) for i in project.indicators] == _EXPECTED
    assert project.budget.total is not None and project.goals == ["目标"]


def test_a_copy_of_the_project_opening_is_a_second_project(tmp_path):
    """项目名称 and the budget row said again open a second form, as before."""
    width, planned, header = _project_plan()
    parts = [planned[: header + 3], planned[1:3] + planned[header:]]
    path = docxbuild.build_split_docx(tmp_path / "p.docx", width, parts, [_TITLE], "", RAW)
    result = read_docx(path)
    assert [p.name for p in result.document.projects] == ["2024年测试项目"] * 2


def test_bare_project_rows_on_another_grid_are_reported(tmp_path):
    rest = [r[:5] for r in _LIST[3:]]  # typed into a new, narrower table: no 依据 column
    blocks = [
        docxbuild.seedtext.Paragraph(_TITLE),
        docxbuild.seedtext.Table([list(r) for r in [*_HEAD, *_GOALS, *_LIST[:3]]]),
        docxbuild.seedtext.Table(rest),
    ]
    result = read_docx(docxbuild.build_docx(blocks, tmp_path / "p.docx"))
    [project] = result.document.projects
    assert [i.name for i in project.indicators] == ["数量一", "数量二"]
    assert [n.where for n in result.notes] == [
        "表格 2（2024年测试项目），第 1 行",
        "表格 2（2024年测试项目），第 2 行",
        "表格 2（2024年测试项目），第 3 行",
    ]
    assert all("未导入" in n.message for n in result.notes)


def test_split_builder_writes_one_grid_and_bare_merges(tmp_path):
    width, planned, header = _project_plan()
    parts = docxbuild.split_planned(planned, [header + 3], [header])
    path = docxbuild.build_split_docx(tmp_path / "p.docx", width, parts, [_TITLE], "", RAW)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert xml.count("<w:tbl>") == 2
    assert xml.count("<w:tblGrid>") == 2
    tables = _tables(path)
    assert tables[1].rows[0].texts[:2] == ["一级指标", "二级指标"]
    assert tables[1].rows[1].cells[0].continued  # 产出指标 merged down over the break


def test_repeated_opening_row_when_the_form_table_begins_lower(tmp_path, chengdu):
    """The first table holds a row above 部门名称 (the title typed into the table):
    the continuation repeating 部门名称 still goes on with the form."""
    before, width, planned, header = _chengdu_plan(chengdu)
    title = [docxbuild.PlannedCell(chengdu.title, 0, width)]
    planned = [title, *planned]
    parts = docxbuild.split_planned(planned, [header + 6], [1, header + 1])
    path = docxbuild.build_split_docx(tmp_path / "titled.docx", width, parts, before[1:], "", RAW)
    result = read_docx(path)
    assert result.document.department == chengdu.department
    # The title in the table is no row of the form: reported, as before.
    assert [n.where for n in result.notes] == ["表格 1，第 1 行"]
