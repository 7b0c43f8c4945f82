"""A workbook without its hidden sheet (a clerk's copy rebuilt in WPS) imports what it prints.

Every field the layout prints comes back from the visible cells — the Guangzhou task
amounts, the fiscal year, the unit line of a project carried out by another unit — and
the report names each field the forms do not print, so nothing is lost silently.
"""

from __future__ import annotations

import copy

import pytest
from openpyxl import load_workbook

from goaleditor import storage
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_meta import META_SHEET
from goaleditor.importers.commands import format_import_report
from goaleditor.importers.xlsx import read_workbook
from test_forms import SAMPLES


def _without_meta(doc, tmp_path):
    path = tmp_path / "导出.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    del wb[META_SHEET]
    copy_path = tmp_path / "WPS另存.xlsx"
    wb.save(copy_path)
    return read_workbook(copy_path)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_printed_field_comes_back_from_the_visible_cells(sample, tmp_path):
    doc = storage.load(sample)
    result = _without_meta(doc, tmp_path)
    expected = copy.deepcopy(doc)
    if not doc.projects:
        # Without a project sheet nothing shows whether 项目编码 would be printed.
        expected.layout.show_code = result.document.layout.show_code
    assert storage.to_json_data(result.document) == storage.to_json_data(expected)


def test_the_fields_the_issue_found_dropped(tmp_path):
    by_name = {p.stem: p for p in SAMPLES}
    guangzhou = _without_meta(storage.load(by_name["guangzhou_yuexiu"]), tmp_path).document
    assert [t.amount for t in guangzhou.department.tasks][:2] == [58, 40]
    tianjin_doc = storage.load(by_name["tianjin_2023"])
    tianjin = _without_meta(tianjin_doc, tmp_path).document
    assert tianjin.fiscal_year == 2023
    others = [p.implementer for p in tianjin.projects if p.implementer]
    assert others and others == [p.implementer for p in tianjin_doc.projects if p.implementer]


def test_the_report_names_what_no_form_prints(tmp_path):
    doc = storage.load(next(p for p in SAMPLES if p.stem == "tianjin_2023"))
    result = _without_meta(doc, tmp_path)
    report = format_import_report(result, "WPS另存.xlsx")
    assert "没有需要核对" not in report
    assert "没有隐藏工作表" in report
    for name in ("项目编码", "资金支出计划", "指标值确定依据", "待复核标记"):
        assert name in report
    assert "预算年度" not in report.split("无法读取的内容")[1]  # read from the project names
