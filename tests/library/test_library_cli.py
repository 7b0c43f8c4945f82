"""``goaleditor library …`` and the Excel list a unit shares its library with."""

from __future__ import annotations

import openpyxl
import pytest

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import ImportProblem
from goaleditor.library.entries import LibraryEntry
from goaleditor.library.history import History, library_folder
from goaleditor.library.sharing import COLUMNS, export_xlsx, import_xlsx
from goaleditor.resources import resource_path

SAMPLES = resource_path("samples")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_one_tab_separated_match_per_line(capsys):
    code, out, err = run(capsys, "library", "search", "fwdxmyd")
    assert code == 0 and err == ""
    first = out.splitlines()[0].split("\t")
    assert first == [
        "服务对象满意度",
        "满意度指标/服务对象满意度指标",
        "≥90百分比",
        "内置·示例 hebei_2020.json",
    ]


def test_search_limit_and_filters(capsys):
    code, out, _ = run(capsys, "library", "search", "率", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = run(capsys, "library", "search", "hy", "--class", "会议培训")
    assert code == 0 and all("会议培训" in line for line in out.splitlines())
    code, out, _ = run(capsys, "library", "search", "率", "--level2", "时效指标", "--limit", "50")
    assert code == 0 and all("/时效指标\t" in line for line in out.splitlines())


def test_search_without_a_match_exits_1(capsys):
    code, out, err = run(capsys, "library", "search", "zzzzqqq")
    assert (code, out) == (1, "") and "没有找到" in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["library", "search", "x", "--limit", "0"], "--limit 应为正整数"),
        (["library", "search", "x", "--class", "不存在"], "没有“不存在”这一项目类别"),
        (["library", "export", "out.csv"], "扩展名应为 .xlsx"),
        (["library", "import", "in.docx"], "不是 Excel 工作簿"),
        (["library", "add", "missing.json"], "找不到文件"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_exit_2(argv, words, capsys):
    code, _out, err = run(capsys, *argv)
    assert code == 2 and words in err and "Traceback" not in err


def test_usage_errors_are_chinese(capsys):
    with pytest.raises(SystemExit) as info:
        main(["library"])
    assert info.value.code == 2 and "缺少参数：命令" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["library", "search", "--help"])
    assert capsys.readouterr().out.startswith("用法：goaleditor library search")


def test_add_learns_documents_and_search_shows_them(capsys):
    code, out, _ = run(capsys, "library", "add", str(SAMPLES / "tianjin_2023.json"))
    assert code == 0 and "172 个指标" in out
    _code, out, _ = run(capsys, "library", "search", "gjmyd")
    assert out.splitlines()[0].split("\t")[3] == str(SAMPLES / "tianjin_2023.json")


def test_add_changes_nothing_when_one_file_cannot_be_read(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _out, err = run(capsys, "library", "add", str(SAMPLES / "hebei_2020.json"), str(bad))
    assert code == 2 and "bad.json" in err and "历史没有改动" in err
    assert History.load().entries == []


def test_export_and_import_share_a_library(capsys, tmp_path):
    run(capsys, "library", "add", str(SAMPLES / "hebei_2020.json"))
    before = History.load().entries
    out_path = tmp_path / "共享.xlsx"
    code, out, _ = run(capsys, "library", "export", str(out_path))
    assert code == 0 and "已导出 37 条" in out
    # A colleague: an empty history imports the list and has the same entries.
    for path in library_folder().iterdir():
        path.unlink()
    code, out, _ = run(capsys, "library", "import", str(out_path))
    assert code == 0 and "已导入 37 条" in out
    assert History.load().entries == before


def test_export_with_an_empty_history_says_so(capsys, tmp_path):
    code, _out, err = run(capsys, "library", "export", str(tmp_path / "x.xlsx"))
    assert code == 2 and "还没有指标" in err and not (tmp_path / "x.xlsx").exists()


def test_the_excel_list_keeps_values_as_text_and_years_as_numbers(tmp_path):
    entries = [
        LibraryEntry(
            name="完成率",
            level1="产出指标",
            level2="质量指标",
            value="=100%",
            description="带\x07控制字符",
            year=2024,
            unit_name="某单位",
            project="甲",
        ),
        LibraryEntry(name="编号", value="0012", source="a.json"),
    ]
    path = tmp_path / "lib.xlsx"
    assert export_xlsx(entries, path) == 2
    sheet = openpyxl.load_workbook(path)["指标库"]
    assert [c.value for c in sheet[1]] == [title for title, _k, _w in COLUMNS]
    row = [c.value for c in sheet[2]]
    assert row[3] == "=100%" and sheet.cell(2, 4).data_type == "s"
    assert row[4] == "%" and row[5] == "=" and row[6] == "带控制字符" and row[8] == 2024
    shared = import_xlsx(path)
    assert shared.notes == []
    assert shared.entries[0].value == "=100%" and shared.entries[0].year == 2024
    assert shared.entries[1].value == "0012"
    assert shared.entries[0].source == str(path.resolve())  # no source column value: the list


def test_import_reads_an_edited_list_and_notes_what_it_leaves_out(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "我的表"
    sheet.append(["备注", "指标值", "三级指标", "年度"])
    sheet.append(["x", "≥95%", "群众满意度", "2023年"])
    sheet.append(["y", "≥1次", None, 2023])
    sheet.append([None, "≥2次", "检查次数", "去年"])
    path = tmp_path / "edited.xlsx"
    book.save(path)
    shared = import_xlsx(path)
    assert [(e.name, e.value, e.year) for e in shared.entries] == [
        ("群众满意度", "≥95%", 2023),
        ("检查次数", "≥2次", None),
    ]
    assert any("第 4 行" in n and "去年" in n for n in shared.notes)
    assert any("1 行没有三级指标名称" in n for n in shared.notes)


def test_import_refuses_what_is_not_a_library(tmp_path, capsys):
    foreign = tmp_path / "foreign.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(foreign)
    with pytest.raises(ImportProblem, match="没有指标库"):
        import_xlsx(foreign)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _out, err = run(capsys, "library", "import", str(broken))
    assert code == 2 and "不是有效的 Excel 工作簿" in err


def test_rebuild_reads_the_recorded_documents_again(capsys, tmp_path):
    doc_path = tmp_path / "h.json"
    storage.save(storage.load(SAMPLES / "hebei_2020.json"), doc_path)
    run(capsys, "library", "add", str(doc_path))
    (library_folder() / "history.json").write_text("damaged", encoding="utf-8")
    code, out, err = run(capsys, "library", "rebuild")
    assert code == 0 and "已损坏" in err and "共 37 条" in out


def test_add_reads_a_form_workbook_through_the_importer(capsys, tmp_path):
    from goaleditor.export.xlsx import write_xlsx

    book = tmp_path / "表.xlsx"
    write_xlsx(storage.load(SAMPLES / "hebei_2020.json"), book)
    code, out, _ = run(capsys, "library", "add", str(book))
    assert code == 0 and "37 个指标" in out
    assert {e.source for e in History.load().entries} == {str(book.resolve())}
