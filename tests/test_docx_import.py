"""Word import: published forms built into .docx the way Word stores them, read back."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest

import docxbuild
from goaleditor import grid, storage
from goaleditor.errors import ImportProblem
from goaleditor.forms import build_forms
from goaleditor.forms.common import merge_runs
from goaleditor.grid import Style
from goaleditor.importers.docx import read_docx
from goaleditor.importers.wordtables import Table, read_blocks
from goaleditor.model import Indicator

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"

VARIANTS = {
    "as-published": docxbuild.Options(),
    "unit-table-split-empty": docxbuild.Options(
        unit="table", split_indicators=True, empty_paragraphs=True
    ),
    "unit-paragraph-raw-xml": docxbuild.Options(
        unit="paragraph", merge="raw", empty_paragraphs=True
    ),
}
SEEDS = {
    "hebei_2020.json": docxbuild.HEBEI_SEED,
    "tianjin_2023.json": docxbuild.TIANJIN_SEED,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each seed built once per variant (python-docx merges take a second or two)."""
    folder = tmp_path_factory.mktemp("docx")
    cache: dict[tuple[str, str], Path] = {}

    def get(sample: str, variant: str) -> Path:
        key = (sample, variant)
        if key not in cache:
            path = folder / f"{Path(sample).stem}-{variant}.docx"
            cache[key] = docxbuild.build_from_seed(SEEDS[sample], path, VARIANTS[variant])
        return cache[key]

    return get


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("sample", list(SEEDS))
def test_seed_documents_import_equal_to_the_samples(built, sample, variant):
    expected = storage.load(SAMPLES / sample)
    result = read_docx(built(sample, variant))
    doc = result.document
    assert result.notes == []
    assert len(doc.projects) == len(expected.projects)
    for number, (got, want) in enumerate(zip(doc.projects, expected.projects, strict=True), 1):
        where = f"project {number} {want.name}"
        assert got.name == want.name, where
        assert got.code == want.code, where
        assert got.budget == want.budget, where
        assert got.purpose == want.purpose, where
        assert got.spending_plan == want.spending_plan, where
        assert got.goals == want.goals, where
        assert got.implementer == want.implementer, where
        assert len(got.indicators) == len(want.indicators), where
        for row, (g, w) in enumerate(zip(got.indicators, want.indicators, strict=True), 1):
            assert g == w, f"{where}, indicator {row}"
        assert got == want, where
    assert doc.department == expected.department
    assert doc.layout == expected.layout
    assert (doc.unit_code, doc.unit_name, doc.fiscal_year, doc.money_unit) == (
        expected.unit_code,
        expected.unit_name,
        expected.fiscal_year,
        expected.money_unit,
    )
    assert doc == expected


def test_builder_really_writes_word_merges(built):
    path = built("tianjin_2023.json", "as-published")
    values = docxbuild.vmerge_values(path)
    assert values.count("restart") > 20
    assert values.count(None) > values.count("restart")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "w:gridSpan" in xml
    assert "其中：财政    资金" in xml
    assert "w:instrText" not in xml  # Tianjin titles carry bookmarks, not TC fields
    assert "w:bookmarkStart" in xml


def test_raw_vmerge_the_way_word_writes_it(tmp_path):
    rows = [
        ["项目名称", "2023年测试项目"],
        ["预算规模及资金用途", "预算数", "10.00", "其中：财政资金", "10.00", "其他资金", ""],
        ["", "测试用途"],
        ["绩效目标", "1、目标一\n2、目标二"],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
        ["产出指标", "数量指标", "数量一", "描述一", "≥1个"],
        ["", "", "数量二", "描述二", "≥2个"],
        ["", "时效指标", "完成时间", "完成时间", "2023年内"],
        ["效益指标", "社会效益指标", "效益", "效益", "有效"],
    ]
    path = docxbuild.build_rows(
        rows,
        tmp_path / "raw.docx",
        ["1、2023年测试项目绩效目标表", "100001测试单位\t\t单位：万元"],
        merge="raw",
    )
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml
    result = read_docx(path)
    assert result.notes == []
    doc = result.document
    project = doc.projects[0]
    assert [(i.level1, i.level2, i.name) for i in project.indicators] == [
        ("产出指标", "数量指标", "数量一"),
        ("产出指标", "数量指标", "数量二"),
        ("产出指标", "时效指标", "完成时间"),
        ("效益指标", "社会效益指标", "效益"),
    ]
    assert project.purpose == "测试用途"
    assert project.goals == ["目标一", "目标二"]
    assert project.budget.total == Decimal("10.00") and project.budget.other is None
    assert (doc.unit_code, doc.unit_name, doc.money_unit, doc.fiscal_year) == (
        "100001",
        "测试单位",
        "万元",
        2023,
    )
    assert doc.layout.number_style == "、"
    assert not doc.layout.show_code and not doc.layout.show_basis


# ---------------------------------------------------------------- hand-made forms


def _form(tmp_path: Path, rows, before=("1.2024年测试项目绩效目标表",), **kw):
    return read_docx(docxbuild.build_rows(rows, tmp_path / "form.docx", list(before), **kw))


_HEAD = [
    ["100001测试单位", "单位：元"],
    ["项目编码", "100-01-ABC", "项目名称", "2024年测试项目"],
    [
        "预 算 规 模 及 资 金 用 途",
        "预算数",
        "1,000.00",
        "其中: 财政    资金",
        "800",
        "其他 资金",
        "200",
    ],
    ["", "用途"],
]
_INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
    ["产出指标", "数量指标", "数量", "数量描述", "≥1个", "计划"],
]


def test_stray_spaces_in_labels_and_amounts(tmp_path):
    result = _form(tmp_path, [*_HEAD, ["绩效目标", "1.目标"], *_INDICATORS])
    project = result.document.projects[0]
    assert result.notes == []
    assert project.code == "100-01-ABC"
    assert (project.budget.total, project.budget.fiscal, project.budget.other) == (
        Decimal("1000.00"),
        Decimal("800"),
        Decimal("200"),
    )
    assert project.indicators[0].basis == "计划"
    assert result.document.layout.show_code and result.document.layout.show_basis
    assert result.document.layout.number_style == "."


def test_goals_in_several_paragraphs_with_empty_ones(tmp_path):
    goals = "1、第一个目标\n\n2.第二个目标\n（3）第三个目标\n没有编号的目标"
    result = _form(tmp_path, [*_HEAD, ["绩效目标", goals], *_INDICATORS], empty_paragraphs=True)
    assert result.document.projects[0].goals == [
        "第一个目标",
        "第二个目标",
        "第三个目标",
        "没有编号的目标",
    ]


def test_spending_plan(tmp_path):
    rows = [
        *_HEAD,
        ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
        ["", "30%", "65.00", "", "100"],
        ["绩效目标", "1、目标"],
        *_INDICATORS,
    ]
    result = _form(tmp_path, rows)
    assert result.notes == []
    assert result.document.projects[0].spending_plan == [
        Decimal("30"),
        Decimal("65.00"),
        None,
        Decimal("100"),
    ]
    assert result.document.layout.show_spending_plan


def test_what_cannot_be_placed_is_reported_with_table_and_row(tmp_path):
    rows = [
        *_HEAD,
        ["绩效目标", "1、目标"],
        ["备注说明", "这一行表里没有这个栏目"],
        *_INDICATORS,
        ["成本指标", "", "", "", "", ""],
    ]
    result = _form(tmp_path, rows)
    lines = [n.format_line() for n in result.notes]
    assert any("表格 1（2024年测试项目），第 6 行" in line and "备注说明" in line for line in lines)
    assert any("第 9 行" in line and "成本指标" in line and "没有指标" in line for line in lines)
    assert len(result.document.projects[0].indicators) == 1


def test_typed_comparisons_in_word_are_written_as_printed(tmp_path):
    rows = [
        *_HEAD,
        ["绩效目标", "1、目标"],
        *_INDICATORS,
        ["", "质量指标", "合格率", "合格率 >= 90% 为达标", ">=90%", ">=90%"],
        ["满意度指标", "服务对象满意度指标", "满意度", "问卷", "≥ 95 %", "上年"],
        ["", "", "知晓率", "知晓率=知晓人数/调查人数*100%", "知晓率=知晓人数/调查人数*100%", ""],
    ]
    result = _form(tmp_path, rows)
    indicators = result.document.projects[0].indicators
    assert [i.value for i in indicators] == [
        "≥1个",
        "≥90%",
        "≥95%",
        "知晓率=知晓人数/调查人数*100%",  # a formula is no comparison: as written
    ]
    # Only 指标值 is tidied: a description or a basis says what the clerk wrote.
    assert (indicators[1].description, indicators[1].basis) == ("合格率 >= 90% 为达标", ">=90%")
    assert result.normalized == [(">=90%", "≥90%"), ("≥ 95 %", "≥95%")]


def test_bad_amount_is_left_blank_and_reported(tmp_path):
    head = [list(r) for r in _HEAD]
    head[2][2] = "约一千元"
    result = _form(tmp_path, [*head, ["绩效目标", "1、目标"], *_INDICATORS])
    assert result.document.projects[0].budget.total is None
    assert any("预算数“约一千元”不是金额" in n.message for n in result.notes)
    assert "第 3 行" in result.notes[0].where


def test_title_and_table_name_disagree(tmp_path):
    result = _form(
        tmp_path,
        [*_HEAD, ["绩效目标", "1、目标"], *_INDICATORS],
        before=("1.另一个名字绩效目标表",),
    )
    assert result.document.projects[0].name == "2024年测试项目"
    assert any("另一个名字" in n.message and "2024年测试项目" in n.message for n in result.notes)


def test_stray_paragraph_between_tables_is_reported(tmp_path):
    path = tmp_path / "two.docx"
    blocks = [
        docxbuild.seedtext.Paragraph("1、2024年测试项目绩效目标表"),
        docxbuild.seedtext.Table(
            [list(r) for r in [*_HEAD, ["绩效目标", "1、目标"], *_INDICATORS]]
        ),
        docxbuild.seedtext.Paragraph("注：以上数据仅供参考"),
        docxbuild.seedtext.Paragraph("填报人：张三  联系电话：12345678"),
        docxbuild.seedtext.Paragraph("2、2024年乙项目绩效目标表"),
        docxbuild.seedtext.Table(
            [["项目名称", "2024年乙项目"], ["绩效目标", "1、目标"], *map(list, _INDICATORS)]
        ),
    ]
    result = read_docx(docxbuild.build_docx(blocks, path))
    doc = result.document
    assert [p.name for p in doc.projects] == ["2024年测试项目", "2024年乙项目"]
    assert doc.projects[1].implementer == ""
    assert any("注：以上数据仅供参考" in n.message and n.where == "第 2 段" for n in result.notes)
    assert doc.signature.enabled
    assert (doc.signature.preparer, doc.signature.phone) == ("张三", "12345678")


def test_hebei_department_text(built):
    doc = read_docx(built("hebei_2020.json", "as-published")).document
    dept = doc.department
    assert doc.layout.department_form == "text"
    assert dept.overall_goal.startswith("深入贯彻习近平总书记系列重要讲话精神")
    assert len(dept.duty_goals) == 11
    assert dept.duty_goals[0].duty == "侦查监督"
    assert dept.duty_goals[0].goal.startswith("绩效目标是")
    assert len(dept.safeguard_items) == 2


# ---------------------------------------------------------------- odd files


def _problem(path: Path) -> str:
    with pytest.raises(ImportProblem) as err:
        read_docx(path)
    message = str(err.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    return message


def test_text_file_is_not_a_docx(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("这不是 Word 文件", encoding="utf-8")
    assert "不是 Word 文档" in _problem(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "不是 Word 文档" in _problem(path)


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "不是 Word 文档" in _problem(path)


def test_docx_with_damaged_xml(tmp_path):
    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    assert "损坏" in _problem(bad)


def test_truncated_docx(built, tmp_path):
    data = built("hebei_2020.json", "as-published").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    message = _problem(path)
    assert "不是 Word 文档" in message or "损坏" in message


def test_docx_without_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("只有一段文字")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    assert "没有表格" in _problem(path)


def test_docx_with_other_tables(tmp_path):
    document = docx.Document()
    document.add_table(rows=2, cols=2).cell(0, 0).text = "姓名"
    path = tmp_path / "list.docx"
    document.save(str(path))
    assert "没有一个是项目绩效目标表" in _problem(path)


def test_old_doc_and_password_protected(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    old = tmp_path / "old.docx"
    old.write_bytes(ole + "WordDocument".encode("utf-16-le"))
    assert "另存为" in _problem(old) and ".doc" in _problem(old)
    locked = tmp_path / "locked.docx"
    locked.write_bytes(
        ole + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    )
    assert "密码" in _problem(locked)


def test_missing_file_and_folder(tmp_path):
    assert "找不到" in _problem(tmp_path / "nothing.docx")
    assert "文件夹" in _problem(tmp_path)


# ---------------------------------------------------------------- Chengdu department table


def _chengdu_blocks(doc):
    """The Chengdu 部门整体支出绩效目标表 as one Word table, from the sample's content."""
    dept = doc.department
    rows = [["部门名称", dept.name, ""]]
    rows.append(["年度主要任务", "任务名称", "主要内容"])
    rows += [["", f"任务{i}.{t.name}", t.content] for i, t in enumerate(dept.tasks, 1)]
    rows.append(["年度部门整体支出预算", "资金总额", "财政拨款", "其他资金"])
    amounts = (dept.budget.total, dept.budget.fiscal, dept.budget.other)
    rows.append(["", *(f"{a:,.2f}" for a in amounts)])
    rows.append(["年度总体目标", dept.overall_goal])
    rows.append(
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"]
    )
    previous = ("", "")
    for ind in dept.indicators:
        level1 = ind.level1 if ind.level1 != previous[0] else ""
        level2 = ind.level2 if (ind.level1, ind.level2) != previous else ""
        rows.append(["", level1, level2, f"{ind.number}.{ind.name}", ind.value])
        previous = (ind.level1, ind.level2)
    return [
        docxbuild.seedtext.Paragraph(doc.title),
        docxbuild.seedtext.Paragraph(f"({doc.fiscal_year}年度)"),
        docxbuild.seedtext.Paragraph(f"金额单位：{doc.money_unit}"),
        docxbuild.seedtext.Table(rows),
    ]


@pytest.mark.parametrize("merge", ["python-docx", "raw"])
def test_chengdu_department_table(tmp_path, merge):
    expected = storage.load(SAMPLES / "chengdu_2022.json")
    path = docxbuild.build_docx(
        _chengdu_blocks(expected), tmp_path / "chengdu.docx", docxbuild.Options(merge=merge)
    )
    result = read_docx(path)
    doc = result.document
    assert result.notes == []
    assert doc.department == expected.department
    assert (doc.title, doc.fiscal_year, doc.money_unit) == (
        expected.title,
        expected.fiscal_year,
        expected.money_unit,
    )
    assert doc.layout == expected.layout
    assert doc.projects == []
    # The unit is the one the title names, not 部门名称 (“…人民检察院部门”).
    assert (doc.unit_code, doc.unit_name) == ("", "成都市人民检察院")
    assert doc.unit_name == expected.unit_name


def test_department_file_without_a_unit_in_its_title(tmp_path):
    expected = storage.load(SAMPLES / "chengdu_2022.json")
    blocks = _chengdu_blocks(expected)
    blocks[0] = docxbuild.seedtext.Paragraph("2022年部门整体支出绩效目标表")
    result = read_docx(docxbuild.build_docx(blocks, tmp_path / "chengdu.docx"))
    # 部门名称 “四川省成都市人民检察院部门” without its trailing 部门
    assert result.document.unit_name == "四川省成都市人民检察院"
    assert result.document.department.name == "四川省成都市人民检察院部门"


def test_unknown_department_table_is_named_as_such(tmp_path):
    rows = [
        ["部门名称", "某市司法局部门"],
        ["部门职能", "负责全市法治宣传"],
        ["中期目标", "建成法治城市"],
    ]
    path = docxbuild.build_rows(
        rows, tmp_path / "dept.docx", ["某市司法局2024年部门整体绩效目标表"]
    )
    message = _problem(path)
    assert "无法识别的部门整体表（表格 1）" in message
    assert "项目名称" not in message


def test_department_form_flattened_to_paragraphs_is_named_as_such(tmp_path):
    """The 部门名称 row pasted as text above a table that is no form either."""
    rows = [["任务2.助推经济社会高质量发展\t认真贯彻", "年度部门整体支出预算\t资金总额"]]
    before = [
        "成都市人民检察院 2022年部门整体支出绩效目标表",
        "部门名称\t\t四川省成都市人民检察院部门",
    ]
    path = docxbuild.build_rows(rows, tmp_path / "flat.docx", before)
    message = _problem(path)
    assert "无法识别的部门整体表（表格 1）" in message and "第 2 段" in message
    assert "项目名称" not in message


# ---------------------------------------------------------------- Guangzhou 申报表

_PLAIN = Style(border=False)


def _guangzhou_seed_form(doc) -> grid.Form:
    """The Guangzhou 部门整体预算绩效目标申报表 as published (seed 002), filled from the sample.

    Six grid columns: the section labels down the left (merged over their rows), then
    five columns of content.  Labels carry the stray spaces, ASCII and Chinese brackets
    and paragraph breaks clerks leave in them; amounts are printed with thousands
    separators.
    """
    dept = doc.department
    b = dept.budget
    form = grid.Form("部门整体", "部门整体", [20] * 6)
    form.add(0, 0, doc.title, colspan=6, style=_PLAIN)
    form.add(1, 0, "部门名称")
    form.add(1, 1, dept.name, colspan=5, key="name")
    form.add(2, 0, "基本信息")
    form.add(2, 1, "财政供养 人员数")
    form.add(2, 2, dept.staff_count, key="staff")
    form.add(2, 3, "下属二级单位数")
    form.add(2, 4, dept.subunit_count, colspan=2, key="subunits")
    form.add(3, 0, "预算整体\n情况", rowspan=6)
    blocks = [
        (("部门预算支出", "预算金额(万元)", "收入来源", "预算金额（万元）"), None),
        (("基本支出", b.basic, "财政拨款", b.fiscal), "amounts"),
        (("项目支出", b.project, "其他资金", b.other), "amounts"),
        (("事业发展性支出", "预算金额 (万元)", "按预算级次划分", "预算金额(万元 )"), None),
        (("财政专项资金", b.special, "市本级使用资金", b.own_level), "amounts"),
        (
            ("其他事业发展性支出", b.other_development, "拟用于对下转移支付资金", b.transfer),
            "amounts",
        ),
    ]
    for row, ((left, left_value, right, right_value), key) in enumerate(blocks, start=3):
        if key:
            left_value, right_value = f"{left_value:,.2f}", f"{right_value:,.2f}"
        form.add(row, 1, left)
        form.add(row, 2, left_value, key=key or "")
        form.add(row, 3, right, colspan=2)
        form.add(row, 5, right_value, key=key or "")
    form.add(9, 0, "总体绩效目标")
    form.add(9, 1, dept.overall_goal, colspan=5, key="overall_goal")
    row = 10
    form.add(row, 0, "年度重点\n工作任务", rowspan=len(dept.tasks) + 2)
    for col, text in enumerate(("名称", "主要实施内容", "拟投入的资金(万元)"), start=1):
        form.add(row, col, text)
    form.add(row, 4, "期望达到的目标\n(概述)", colspan=2)
    for task in dept.tasks:
        row += 1
        form.add(row, 1, task.name, key="task")
        form.add(row, 2, task.content, key="task")
        form.add(row, 3, f"{task.amount:,.2f}", key="task")
        form.add(row, 4, task.expected, colspan=2, key="task")
    row += 1
    form.add(row, 1, "其他需完成的任务(可选填)")
    form.add(row, 2, dept.other_tasks, colspan=4, key="other_tasks")
    row += 1
    form.add(row, 0, "绩效指标", rowspan=len(dept.indicators) + 1)
    for col, text in enumerate(
        ("一级指标", "二级指标", "三级 指标", "实施周期指标值", "年度指标值"), start=1
    ):
        form.add(row, col, text)
    first = row + 1
    levels1 = [ind.level1 for ind in dept.indicators]
    levels2 = [f"{ind.level1}/{ind.level2}" for ind in dept.indicators]
    for col, values, attr in ((1, levels1, "level1"), (2, levels2, "level2")):
        for start, length in merge_runs(values):
            text = getattr(dept.indicators[start], attr)
            form.add(first + start, col, text, rowspan=length, key=attr)
    for i, ind in enumerate(dept.indicators):
        form.add(first + i, 3, ind.name, key="name")
        form.add(first + i, 4, ind.period_value, key="period_value")
        form.add(first + i, 5, ind.value, key="value")
    return form


GUANGZHOU_YEAR_NOTE = "标题和项目名称中都没有年份，无法确定预算年度，请在编辑器中填写。"


def _assert_guangzhou(result, expected):
    doc = result.document
    assert doc.department.indicators == expected.department.indicators
    assert doc.department.tasks == expected.department.tasks
    assert doc.department == expected.department
    assert doc.layout == expected.layout
    assert (doc.money_unit, doc.unit_name, doc.title, doc.fiscal_year) == (
        "万元",
        "广州市越秀区人民检察院",
        "部门整体预算绩效目标申报表",
        None,
    )
    assert doc.projects == []
    # The published form has no year: the one thing the clerk is asked to fill in.
    assert [n.format_line() for n in result.notes] == [f"文档：{GUANGZHOU_YEAR_NOTE}"]
    assert doc == expected


@pytest.mark.parametrize(
    "options",
    [
        docxbuild.Options(),
        docxbuild.Options(merge="raw", empty_paragraphs=True),
    ],
    ids=["python-docx", "raw-xml-empty-paragraphs"],
)
def test_guangzhou_form_as_published(tmp_path, options):
    expected = storage.load(SAMPLES / "guangzhou_yuexiu.json")
    path = docxbuild.build_forms_docx(
        [_guangzhou_seed_form(expected)], tmp_path / "guangzhou.docx", options
    )
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "预算金额(万元)" in xml and "预算金额（万元）" in xml and "三级 指标" in xml
    assert docxbuild.vmerge_values(path).count("restart") >= 5
    _assert_guangzhou(read_docx(path), expected)


def test_guangzhou_form_as_goaleditor_prints_it(tmp_path):
    """The 7-column layout of `goaleditor.forms`, labels with stray spaces and breaks."""
    expected = storage.load(SAMPLES / "guangzhou_yuexiu.json")
    path = docxbuild.build_forms_docx(
        build_forms(expected), tmp_path / "printed.docx", spaced_labels=True
    )
    _assert_guangzhou(read_docx(path), expected)


# ---------------------------------------------------------------- national project form


def _national_document(sample: str, count: int = 3):
    """A national-form filing (docs/forms.md §2) made from the first projects of a sample."""
    doc = storage.load(SAMPLES / sample)
    doc.department = None
    doc.layout.department_form = ""
    doc.layout.project_form = "national"
    doc.projects = doc.projects[:count]
    year = doc.fiscal_year
    for i, project in enumerate(doc.projects):
        project.department = f"{doc.unit_name}（{doc.unit_code}）"
        project.implementer = project.implementer or doc.unit_name
        project.attribute = ("延续", "新增")[i % 2]
        project.period = f"{year}年1月-{year + 2}年12月"
        project.long_term_goals = [f"{year}-{year + 2}年持续{goal}" for goal in project.goals[:2]]
        for ind in project.indicators:
            timely = ind.level2 == "时效指标"
            ind.period_value = f"{year}-{year + 2}年" if timely else ind.value
    doc.signature.enabled = True
    doc.signature.preparer, doc.signature.phone = "王芳", "022-23456789"
    return doc


@pytest.mark.parametrize(
    ("sample", "options"),
    [
        ("tianjin_2023.json", docxbuild.Options()),
        ("hebei_2020.json", docxbuild.Options(merge="raw", empty_paragraphs=True)),
    ],
)
def test_national_form_as_goaleditor_prints_it(tmp_path, sample, options):
    expected = _national_document(sample)
    path = docxbuild.build_forms_docx(
        build_forms(expected), tmp_path / "national.docx", options, spaced_labels=True
    )
    cells = [c for t in read_blocks(path) if isinstance(t, Table) for r in t.rows for c in r.cells]
    assert any(c.text == "中长  期目标" for c in cells)
    assert any(c.text == "预算规模\n及资金用途" for c in cells)
    assert any(c.continued for c in cells)
    result = read_docx(path)
    assert result.notes == []
    doc = result.document
    for got, want in zip(doc.projects, expected.projects, strict=True):
        assert (got.department, got.implementer, got.attribute, got.period) == (
            want.department,
            want.implementer,
            want.attribute,
            want.period,
        )
        assert (got.long_term_goals, got.goals) == (want.long_term_goals, want.goals)
        assert got.indicators == want.indicators
        assert got == want
    assert doc.layout == expected.layout
    assert doc.signature == expected.signature
    assert doc == expected


def test_national_goal_and_indicator_cells_that_do_not_fit(tmp_path):
    rows = [
        ["项目名称", "2024年测试项目"],
        ["主管部门及代码", "测试局（100）", "实施单位", "测试单位"],
        ["项目属性", "新增", "项目期", "2024年1月-2026年12月"],
        ["总体目标", "中长期目标", "年度目标", "备注"],
        ["", "1、三年目标\n2、第二个三年目标", "1、本年目标", "多写的一栏"],
        ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
        ["产出指标", "数量指标", "培训人次", "≥300人次", "≥100人次"],
    ]
    result = _form(tmp_path, rows, before=("1、2024年测试项目绩效目标表",))
    project = result.document.projects[0]
    assert result.document.layout.project_form == "national"
    assert (project.department, project.implementer, project.attribute, project.period) == (
        "测试局（100）",
        "测试单位",
        "新增",
        "2024年1月-2026年12月",
    )
    assert project.long_term_goals == ["三年目标", "第二个三年目标"]
    assert project.goals == ["本年目标"]
    assert (project.indicators[0].period_value, project.indicators[0].value) == (
        "≥300人次",
        "≥100人次",
    )
    lines = [n.format_line() for n in result.notes if n.where.startswith("表格")]
    assert lines == [
        "表格 1（2024年测试项目），第 4 行：目标栏的表头“备注”不认识，这一栏未导入。",
        "表格 1（2024年测试项目），第 5 行：“多写的一栏”不在中长期目标或年度目标下，未导入。",
    ]


def test_standard_table_in_a_national_document_is_reported(tmp_path):
    path = tmp_path / "mixed.docx"
    blocks = [
        docxbuild.seedtext.Paragraph("1、2024年甲项目绩效目标表"),
        docxbuild.seedtext.Table(
            [
                ["100001测试单位", "单位：元"],
                ["项目名称", "2024年甲项目"],
                ["项目属性", "延续", "项目期", "2024年"],
                *map(list, _INDICATORS),
            ]
        ),
        docxbuild.seedtext.Paragraph("2、2024年乙项目绩效目标表"),
        docxbuild.seedtext.Table(
            [["项目名称", "2024年乙项目"], ["绩效目标", "1、目标"], *map(list, _INDICATORS)]
        ),
    ]
    result = read_docx(docxbuild.build_docx(blocks, path))
    assert result.document.layout.project_form == "national"
    assert [n.where for n in result.notes] == ["项目 2（2024年乙项目）"]
    assert "省级格式" in result.notes[0].message


def test_guangzhou_rows_that_do_not_fit_are_reported(tmp_path):
    """A bad amount, a task column the form does not have, a row it does not have, a
    blank category row; several paragraphs in a task cell stay several lines."""
    expected = storage.load(SAMPLES / "guangzhou_yuexiu.json")
    dept = expected.department
    dept.tasks[0].content = "第一段内容\n第二段内容"
    dept.indicators.insert(5, Indicator(level1="产出指标", level2="成本指标"))
    form = _guangzhou_seed_form(expected)
    next(c for c in form.cells if c.text == "779.83").text = "约780"
    label = next(c for c in form.cells if c.text == "总体绩效目标")
    label.text = "审核意见"
    cost = next(c for c in form.cells if c.text == "成本指标")
    goal_header = next(c for c in form.cells if c.text.startswith("期望达到的目标"))
    goal_header.colspan = 1
    form.add(goal_header.row, 5, "备注")
    remark = form.add(goal_header.row + 1, 5, "另附说明")
    next(c for c in form.cells if c.text == dept.tasks[0].expected).colspan = 1
    result = read_docx(docxbuild.build_forms_docx([form], tmp_path / "gz.docx"))
    got = result.document.department
    assert got.tasks == dept.tasks
    assert got.budget.project is None and got.budget.basic == dept.budget.basic
    assert got.overall_goal == ""
    del dept.indicators[5]
    assert got.indicators == dept.indicators
    # Form rows count the title paragraph as row 0, so they are the table's 1-based rows.
    where = "表格 1（部门整体），第 {} 行："
    assert [n.format_line() for n in result.notes] == [
        where.format(5)
        + "项目支出“约780”不是金额。请只填数字，如 1234.5 或 1,234.50（单位：万元）。"
        "已留空，请在编辑器中补填。",
        where.format(label.row)
        + f"无法识别部门整体表中的这一行“审核意见 | {expected.department.overall_goal[:33]}…”，未导入。",
        where.format(goal_header.row) + "年度重点工作任务的表头“备注”不认识，这一栏未导入。",
        where.format(remark.row) + "“另附说明”不在年度重点工作任务的任何一栏下，未导入。",
        where.format(cost.row) + "“产出指标 › 成本指标”下没有指标，这一行未导入。",
        f"文档：{GUANGZHOU_YEAR_NOTE}",
    ]


def test_amounts_the_file_cannot_hold_are_noted_not_imported():
    """A 16-digit amount would make a document that cannot be saved and opened again."""
    from goaleditor import storage
    from goaleditor.importers.docx_cells import parse_amount

    notes: list[str] = []
    assert parse_amount("1,000,000,000,000,000.00", "预算数", notes.append) is None
    assert "太大" in notes[0] and "预算数" in notes[0]
    assert parse_amount("1.123456789012345", "预算数", notes.append) is None
    assert "小数太多" in notes[1] and "已留空" in notes[1]
    in_wan = parse_amount("1.123456", "预算数", notes.append, "万元")
    assert in_wan is not None and -in_wan.as_tuple().exponent <= storage.MAX_AMOUNT_PLACES
    assert parse_amount("6,797.78", "预算数", notes.append) == Decimal("6797.78")
