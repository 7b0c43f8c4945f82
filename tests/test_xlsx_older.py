"""Workbooks written by an older goaleditor still import, by today's layout-driven reader.

``tests/files/older/`` holds what goaleditor at commit 73f7651 (the end of the second
session, before layouts were data files, when each form had its own label reader)
wrote: an export of each sample in its own form, the Hebei sample in the national
form, and the blank fill-in template.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from goaleditor import storage
from goaleditor.export.xlsx_meta import META_SHEET
from goaleditor.forms import build_forms
from goaleditor.importers.xlsx import read_workbook
from test_forms import SAMPLES

OLDER = Path(__file__).parent / "files" / "older"
SAMPLE = {p.stem: p for p in SAMPLES}


def _expected(name: str):
    """The document the older export was written from: a sample, in the form it used."""
    stem, _, variant = name.partition("-")
    doc = storage.load(SAMPLE[stem])
    if variant == "national":
        doc.layout.project_form, doc.layout.number_style = "national", "."
    return doc


def _printed(doc) -> list:
    return [[(c.row, c.col, c.text) for c in form.cells] for form in build_forms(doc)]


EXPORTS = sorted(p.stem for p in OLDER.glob("*.xlsx") if p.stem != "template")


def test_the_older_files_are_there():
    assert {"hebei_2020", "hebei_2020-national", "guangzhou_yuexiu", "chengdu_2022"} <= set(EXPORTS)


@pytest.mark.parametrize("name", EXPORTS)
def test_an_older_export_imports_as_the_document_it_was_written_from(name):
    result = read_workbook(OLDER / f"{name}.xlsx")
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(_expected(name))


@pytest.mark.parametrize("name", EXPORTS)
def test_an_older_export_without_its_hidden_sheet_prints_the_same_forms(name, tmp_path):
    wb = load_workbook(OLDER / f"{name}.xlsx")
    del wb[META_SHEET]
    bare = tmp_path / f"{name}.xlsx"
    wb.save(bare)
    got = read_workbook(bare).document
    assert _printed(got) == _printed(_expected(name))


def test_an_older_template_filled_in_imports(tmp_path):
    wb = load_workbook(OLDER / "template.xlsx")
    ws = wb["项目1"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    name, budget, goals = cells["项目名称"], cells["预算数"], cells["绩效目标"]
    ws.cell(name.row, name.column + 1).value = "办案经费"
    ws.cell(budget.row, budget.column + 1).value = 120
    ws.cell(goals.row, goals.column + 1).value = "1、保障办案\n2、提高效率"
    first = cells["一级指标"].row + 1
    heads = [
        cells[h].column for h in ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值")
    ]
    for col, text in zip(
        heads, ["产出指标", "数量指标", "办案数量", "全年办案", "≥100件"], strict=True
    ):
        ws.cell(first, col).value = text
    ws.cell(first + 1, heads[2]).value = "结案率"
    ws.cell(first + 1, heads[4]).value = "≥95%"
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    result = read_workbook(path)
    (project,) = result.document.projects
    assert (project.name, str(project.budget.total), project.goals) == (
        "办案经费",
        "120.00",
        ["保障办案", "提高效率"],
    )
    rows = [(i.level1, i.level2, i.name, i.value) for i in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "办案数量", "≥100件"),
        ("产出指标", "数量指标", "结案率", "≥95%"),
    ]
