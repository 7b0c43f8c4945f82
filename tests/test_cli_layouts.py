"""``goaleditor layouts`` and ``export --layout``."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from goaleditor.cli import main
from goaleditor.layouts import builtin_dir, user_layout_dir
from goaleditor.resources import resource_path

HEBEI = str(resource_path("samples", "hebei_2020.json"))


def test_layouts_lists_builtin_and_own_layouts_tab_separated(capsys):
    own = json.loads((builtin_dir() / "standard.json").read_text(encoding="utf-8"))
    own.update(id="hubei", name="湖北省项目支出绩效目标表")
    user_layout_dir().mkdir(parents=True, exist_ok=True)
    (user_layout_dir() / "hubei.json").write_text(json.dumps(own), encoding="utf-8")
    (user_layout_dir() / "bad.json").write_text("{", encoding="utf-8")
    assert main(["layouts"]) == 0
    out, err = capsys.readouterr()
    lines = [line.split("\t") for line in out.splitlines()]
    assert all(len(parts) == 3 for parts in lines)
    assert ["standard", "预算项目绩效目标表（省级通用）", "项目表"] in lines
    assert ["guangzhou", "部门整体预算绩效目标申报表（广州）", "部门整体表"] in lines
    assert lines[-1] == ["hubei", "湖北省项目支出绩效目标表", "项目表"]
    assert "“bad.json”" in err and "未载入" in err


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def test_export_with_another_project_layout(tmp_path, capsys):
    out = tmp_path / "national.pdf"
    assert main(["export", HEBEI, "--layout", "national", "--pdf", str(out)]) == 0
    text = _pdf_text(out)
    assert "中长期目标" in text and "实施周期指标值" in text
    default = tmp_path / "default.pdf"
    assert main(["export", HEBEI, "--pdf", str(default)]) == 0
    assert "中长期目标" not in _pdf_text(default)


def test_export_with_another_department_layout(tmp_path):
    out = tmp_path / "dept.xlsx"
    assert main(["export", HEBEI, "--layout", "chengdu", "--xlsx", str(out)]) == 0
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    texts = {"".join(str(c.value).split()) for row in ws.iter_rows() for c in row if c.value}
    assert "年度主要任务" in texts and "年度绩效指标" in texts


@pytest.mark.parametrize(
    ("layout", "words"),
    [("nowhere", "没有编号为“nowhere”的版式"), ("Bad Id", "没有编号为“Bad Id”的版式")],
)
def test_a_bad_layout_id_is_a_chinese_message_and_exit_2(tmp_path, capsys, layout, words):
    out = tmp_path / "x.pdf"
    assert main(["export", HEBEI, "--layout", layout, "--pdf", str(out)]) == 2
    err = capsys.readouterr().err
    assert words in err and "standard" in err
    assert not out.exists()


def test_a_list_layout_exports_to_pdf_and_excel(tmp_path):
    from openpyxl import load_workbook

    pdf = tmp_path / "list.pdf"
    assert main(["export", HEBEI, "--layout", "upload-list", "--pdf", str(pdf)]) == 0
    text = _pdf_text(pdf)
    assert "项目编码" in text and "评（扣）分标准" in text
    xlsx = tmp_path / "list.xlsx"
    assert main(["export", HEBEI, "--layout", "upload-list", "--xlsx", str(xlsx)]) == 0
    visible = [ws.title for ws in load_workbook(xlsx).worksheets if ws.sheet_state == "visible"]
    assert len(visible) == 2  # the department form, then the one list of every indicator


def test_template_in_another_project_layout(tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert main(["template", "--xlsx", str(out), "--layout", "mof101-core"]) == 0
    assert "注意" not in capsys.readouterr().out  # it imports back (tests/test_xlsx_layout_io.py)
    ws = load_workbook(out).worksheets[1]
    texts = {"".join(str(c.value).split()) for row in ws.iter_rows() for c in row if c.value}
    assert {"指标性质", "度量单位", "权重", "评（扣）分标准"} <= texts
    national = tmp_path / "n.xlsx"
    assert main(["template", "--xlsx", str(national), "--layout", "national"]) == 0
    assert "读回" not in capsys.readouterr().out


def test_template_refuses_a_layout_it_does_not_know(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["template", "--xlsx", str(out), "--layout", "nope"]) == 2
    assert "nope" in capsys.readouterr().err and not out.exists()


def test_template_in_a_department_layout_has_the_department_sheet(tmp_path):
    out = tmp_path / "t.xlsx"
    assert main(["template", "--xlsx", str(out), "--layout", "chengdu"]) == 0
    assert load_workbook(out).sheetnames[:3] == ["填报信息", "部门整体", "项目1"]
