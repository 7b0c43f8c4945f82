"""``goaleditor import``: dispatch by extension, the report, an atomic save, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

import docxbuild
from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import ImportProblem
from goaleditor.importers import commands
from goaleditor.importers.result import ImportNote, ImportResult
from goaleditor.model import Document, Project

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"

_ROWS = [
    ["100001测试单位", "单位：元"],
    ["项目名称", "2024年测试项目"],
    ["绩效目标", "1、目标"],
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
    ["产出指标", "数量指标", "数量", "数量描述", "≥1个"],
    ["", "", "", "", ""],
    ["效益指标", "", "", "", ""],
]


def test_docx_is_imported_reported_and_saved(tmp_path, capsys):
    source = docxbuild.build_rows(_ROWS, tmp_path / "表.docx", ["1、2024年测试项目绩效目标表"])
    target = tmp_path / "out.json"
    assert main(["import", str(source), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "已从“表.docx”导入 1 个项目、1 个指标。" in out
    assert "有 1 处需要核对" in out
    assert "表格 1（2024年测试项目），第 7 行" in out
    assert f"已保存：{target}" in out
    doc = storage.load(target)
    assert doc.projects[0].name == "2024年测试项目"
    assert doc.fiscal_year == 2024


def test_seed_docx_round_trip_through_the_command(tmp_path, capsys):
    source = docxbuild.build_from_seed(
        docxbuild.TIANJIN_SEED, tmp_path / "tianjin.docx", docxbuild.Options(merge="raw")
    )
    target = tmp_path / "tianjin.json"
    assert main(["import", str(source), "-o", str(target)]) == 0
    assert "所有内容都已导入，没有需要核对的地方。" in capsys.readouterr().out
    assert storage.load(target) == storage.load(SAMPLES / "tianjin_2023.json")


def test_xlsx_goes_to_the_workbook_reader(tmp_path, monkeypatch):
    seen = []

    def fake_read_workbook(path):
        seen.append(Path(path))
        return ImportResult(
            Document(projects=[Project(name="甲")]), [ImportNote("工作表 1", "说明")]
        )

    import goaleditor.importers.xlsx as xlsx

    monkeypatch.setattr(xlsx, "read_workbook", fake_read_workbook)
    source = tmp_path / "IN.XLSX"
    source.write_bytes(b"")
    result = commands.import_file(source)
    assert seen == [source]
    assert result.document.projects[0].name == "甲"


def test_exported_workbook_imports_back(tmp_path, capsys):
    sample = SAMPLES / "tianjin_2023.json"
    workbook = tmp_path / "tianjin.xlsx"
    assert main(["export", str(sample), "--xlsx", str(workbook)]) == 0
    target = tmp_path / "back.json"
    assert main(["import", str(workbook), "-o", str(target)]) == 0
    capsys.readouterr()
    back = storage.load(target)
    expected = storage.load(sample)
    assert [p.name for p in back.projects] == [p.name for p in expected.projects]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("old.doc", "另存为“Word 文档（*.docx）”"),
        ("old.xls", "另存为“Excel 工作簿（*.xlsx）”"),
        ("a.wps", "WPS"),
        ("a.pdf", "PDF"),
        ("a.txt", "只支持 Word 文档（.docx）和 Excel 工作簿（.xlsx）"),
        ("noext", "没有扩展名"),
    ],
)
def test_other_extensions_get_a_clear_message(tmp_path, capsys, name, words):
    source = tmp_path / name
    source.write_bytes(b"x")
    with pytest.raises(ImportProblem) as err:
        commands.import_file(source)
    assert words in str(err.value)
    target = tmp_path / "out.json"
    assert main(["import", str(source), "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert words in error
    assert "Traceback" not in error
    assert not target.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "文件 › 打开"),  # a goaleditor document: opened, not imported
        (b"%PDF-1.4 ...", "是 PDF 文件"),  # a PDF renamed: said so, as `check` says
        (b"", "空文件"),
        (b"{\"name\": 1}", "不是 goaleditor"),
    ],
)
def test_a_json_file_gets_the_loaders_word_for_what_it_is(tmp_path, capsys, content, words):
    source = tmp_path / "a.json"
    if content is None:
        storage.save(Document(projects=[Project(name="测试项目")]), source)
    else:
        source.write_bytes(content)
    target = tmp_path / "out.json"
    assert main(["import", str(source), "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert words in error and "Traceback" not in error
    assert not target.exists()


def test_the_output_must_be_a_json_document(tmp_path, capsys):
    source = docxbuild.build_rows(_ROWS, tmp_path / "in.docx", ["1、2024年测试项目绩效目标表"])
    for name in ("out.txt", "out", "out.pdf"):
        assert main(["import", str(source), "-o", str(tmp_path / name)]) == 2
        assert "应以 .json 结尾" in capsys.readouterr().err
        assert not (tmp_path / name).exists()


def test_damaged_docx_exits_2_with_one_line(tmp_path, capsys):
    source = tmp_path / "broken.docx"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    target = tmp_path / "out.json"
    assert main(["import", str(source), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("goaleditor：") and err.count("\n") == 1
    assert not target.exists()


def test_refuses_to_overwrite_the_input_or_write_json_into_a_word_name(tmp_path, capsys):
    source = docxbuild.build_rows(_ROWS, tmp_path / "in.docx", ["1、2024年测试项目绩效目标表"])
    original = source.read_bytes()
    assert main(["import", str(source), "-o", str(source)]) == 2
    assert "不能覆盖" in capsys.readouterr().err
    assert main(["import", str(source), "-o", str(tmp_path / "other.docx")]) == 2
    assert ".json" in capsys.readouterr().err
    assert source.read_bytes() == original
    assert not (tmp_path / "other.docx").exists()


def test_importing_a_blank_template_warns_that_nothing_was_filled_in(tmp_path, capsys):
    from goaleditor.cli import main

    template = tmp_path / "模板.xlsx"
    assert main(["template", "--xlsx", str(template)]) == 0
    assert main(["import", str(template), "-o", str(tmp_path / "out.json")]) == 0
    out = capsys.readouterr().out
    assert "没有填写任何项目" in out and "所有内容都已导入" not in out


def test_report_of_a_filled_template_names_what_was_tidied_and_left_out(tmp_path, capsys):
    """The clerk's template: a remark in the merged row under the table, a note in H12,
    ``>=90%`` and ``≥ 90%`` typed as they come."""
    from openpyxl import load_workbook

    template = tmp_path / "填报 2024.xlsx"
    assert main(["template", "--xlsx", str(template)]) == 0
    wb = load_workbook(template)
    ws = wb["项目1"]
    labels = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    ws.cell(row=labels["项目名称"].row, column=labels["项目名称"].column + 1, value="办案经费")
    first = labels["一级指标"].row + 1
    ws.cell(row=first, column=1, value="满意度指标")
    ws.cell(row=first, column=2, value="服务对象满意度指标")
    ws.cell(row=first, column=3, value="当事人满意度")
    ws.cell(row=first, column=6, value=">=90%")
    ws.cell(row=first + 1, column=3, value="干警满意度")
    ws.cell(row=first + 1, column=6, value="≥ 90%")
    spacer = labels["填报人：__________"].row - 1
    ws.cell(row=spacer, column=1, value="以上指标经科室讨论确定")
    ws["H12"] = "备注：请财务科审核"
    wb.save(template)
    capsys.readouterr()

    target = tmp_path / "out.json"
    assert main(["import", str(template), "-o", str(target)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "已从“填报 2024.xlsx”导入 1 个项目、2 个指标。",
        "统一了 2 个指标值的写法，如 “>=90%” → “≥90%”（只改比较符号和空格，数值不变）。",
        "",
        "有 2 处需要核对（未导入或需要确认的内容）：",
        f"  工作表“项目1”第 {spacer} 行：表格下方的文字未导入："
        "“以上指标经科室讨论确定”（合并成一格的整行不是指标）。",
        "  工作表“项目1”单元格 H12：表格外的文字未导入：“备注：请财务科审核”。"
        "如需保留，请在编辑器中填到相应栏目。",
        f"已保存：{target}",
    ]
    values = [i.value for i in storage.load(target).projects[0].indicators]
    assert values == ["≥90%", "≥90%"]


def test_tidying_covers_both_value_columns_of_projects_and_department():
    from goaleditor.importers.tidy import normalize_values
    from goaleditor.model import DepartmentGoals, Indicator

    doc = Document(
        department=DepartmentGoals(indicators=[Indicator(value="≥ 95 %", period_value=">=90%")]),
        projects=[Project(indicators=[Indicator(value="有效保障", period_value="＜＝15 分钟")])],
    )
    assert normalize_values(doc) == [
        ("≥ 95 %", "≥95%"),
        (">=90%", "≥90%"),
        ("＜＝15 分钟", "≤15分钟"),
    ]
    department, project = doc.department.indicators[0], doc.projects[0].indicators[0]
    assert (department.value, department.period_value) == ("≥95%", "≥90%")
    assert (project.value, project.period_value) == ("有效保障", "≤15分钟")
    assert normalize_values(doc) == []


def test_a_workbook_named_docx_and_a_word_file_named_xlsx_are_told_what_they_are(tmp_path, capsys):
    from goaleditor.export.docx import write_docx
    from goaleditor.export.xlsx import write_xlsx

    doc = Document(projects=[Project(name="测试项目")])
    write_xlsx(doc, tmp_path / "book.docx")
    write_docx(doc, tmp_path / "word.xlsx")
    for name, words in (("book.docx", "其实是 Excel 工作簿"), ("word.xlsx", "其实是 Word 文档")):
        assert main(["import", str(tmp_path / name), "-o", str(tmp_path / "out.json")]) == 2
        error = capsys.readouterr().err
        assert words in error and "改为" in error
