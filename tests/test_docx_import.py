"""Word import: published forms built into .docx the way Word stores them, read back."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest

import docxbuild
from goaleditor import storage
from goaleditor.errors import ImportProblem
from goaleditor.importers.docx import read_docx

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
    assert doc.layout.department_form == "chengdu"
    assert doc.projects == []
