"""The Hebei department text from Word: measures, sub-items and paragraphs as written."""

from __future__ import annotations

from openpyxl import load_workbook

import docxbuild
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_meta import META_SHEET
from goaleditor.forms import build_forms
from goaleditor.importers.docx import read_docx
from goaleditor.importers.xlsx import read_workbook

_PROJECT = [
    ["100001测试单位", "单位：元"],
    ["项目名称", "2024年测试项目"],
    ["绩效目标", "1、目标"],
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
    ["产出指标", "数量指标", "数量", "数量描述", "≥1个"],
]

SAFEGUARDS = [
    "为保障检察工作顺利进行，制定以下措施。",
    "1、加强组织领导。",
    "（1）成立工作领导小组；",
    "（2）明确分管领导；",
    "（3）落实责任到人；",
    "（4）定期召开会议；",
    "（5）加强督促检查。",
    "各部门要高度重视，确保措施落实。",
    "2、强化经费保障。",
    "（1）合理安排预算；",
    "（2）加强支出管理。",
    "3、严格考核。",
    "年底对措施落实情况进行考核。",
]


def _front(duties=("1、侦查监督：主要职责是审查逮捕", "绩效目标是提高批捕准确率")):
    return [
        "第一部分",
        "部门整体绩效目标",
        "一、总体绩效目标",
        "总体绩效目标：",
        "全面完成年度任务。",
        "二、分项绩效目标",
        *duties,
        "三、工作保障措施",
        "工作保障措施：",
        *SAFEGUARDS,
        "第二部分",
        "预算项目绩效目标",
        "1、2024年测试项目绩效目标表",
    ]


def _import(tmp_path, front):
    return read_docx(docxbuild.build_rows(_PROJECT, tmp_path / "部门.docx", front)).document


def _printed_lines(doc) -> list[str]:
    form = build_forms(doc)[0]
    return [cell.text for cell in form.cells]


def test_measures_keep_their_sub_items_and_paragraphs(tmp_path):
    dept = _import(tmp_path, _front()).department
    assert dept.safeguards == SAFEGUARDS[0]
    assert dept.safeguard_items == [
        "\n".join(["加强组织领导。", *SAFEGUARDS[2:8]]),
        "\n".join(["强化经费保障。", *SAFEGUARDS[9:11]]),
        "\n".join(["严格考核。", SAFEGUARDS[12]]),
    ]


def test_measures_print_as_written_and_survive_excel(tmp_path):
    doc = _import(tmp_path, _front())
    printed = "\n".join(_printed_lines(doc))
    assert "\n".join(SAFEGUARDS) in printed  # every line, in order, numbers as written
    path = tmp_path / "部门.xlsx"
    write_xlsx(doc, path)
    assert read_workbook(path).document.department == doc.department


def test_a_duty_without_responsibilities_prints_no_stray_colon_or_empty_line(tmp_path):
    duties = (
        "1、侦查监督",
        "绩效目标是提高批捕准确率",
        "2、公诉",
        "3、民事行政检察：主要职责是监督",
    )
    doc = _import(tmp_path, _front(duties))
    dept = doc.department
    assert [(d.duty, d.responsibilities, d.goal) for d in dept.duty_goals] == [
        ("侦查监督", "", "绩效目标是提高批捕准确率"),
        ("公诉", "", ""),
        ("民事行政检察", "主要职责是监督", ""),
    ]
    lines = _printed_lines(doc)
    start = lines.index("二、分项绩效目标")
    assert lines[start + 1 : start + 5] == [
        "1、侦查监督",
        "绩效目标是提高批捕准确率",
        "2、公诉",
        "3、民事行政检察：主要职责是监督",
    ]
    path = tmp_path / "部门.xlsx"
    write_xlsx(doc, path)
    assert read_workbook(path).document.department.duty_goals == dept.duty_goals


def _without_labels():
    return [line for line in _front() if line not in ("总体绩效目标：", "工作保障措施：")]


def test_labels_the_source_did_not_have_are_not_printed(tmp_path):
    doc = _import(tmp_path, _without_labels())
    assert doc.layout.department_labels is False
    assert doc.department.overall_goal == "全面完成年度任务。"
    assert doc.department.safeguards == SAFEGUARDS[0]
    lines = _printed_lines(doc)
    assert "总体绩效目标：" not in lines and "工作保障措施：" not in lines
    assert lines[lines.index("一、总体绩效目标") + 1] == "全面完成年度任务。"
    path = tmp_path / "部门.xlsx"
    write_xlsx(doc, path)
    back = read_workbook(path).document
    assert back.department == doc.department and back.layout.department_labels is False
    wb = load_workbook(path)
    del wb[META_SHEET]
    wb.save(path)
    back = read_workbook(path).document
    assert back.department == doc.department and back.layout.department_labels is False


def test_labels_the_source_had_are_printed(tmp_path):
    doc = _import(tmp_path, _front())
    assert doc.layout.department_labels is True
    lines = _printed_lines(doc)
    assert lines[lines.index("一、总体绩效目标") + 1] == "总体绩效目标："
    assert "工作保障措施：" in lines
