"""One amount, three ways in: typed in the editor's 预算数 field, typed in the 预算数 cell
of a filled-in Excel template, printed in the 预算数 cell of a Word form.  The same text
gives the same amount (or the same refusal) everywhere: the rules are `amounts`'."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from unittest import mock

import openpyxl
import pytest

import docxbuild
from goaleditor.export.template import write_template
from goaleditor.forms import build_forms
from goaleditor.gui.common import bound_widgets
from goaleditor.gui.common.bound_widgets import BoundAmountEdit
from goaleditor.gui.common.context import EditorContext
from goaleditor.importers.docx import read_docx
from goaleditor.importers.xlsx import read_workbook
from goaleditor.model import Budget, Document, Project

D = Decimal


@dataclass(frozen=True)
class Case:
    text: str
    unit: str
    #: The amount taken, or None when refused (or blank).
    value: Decimal | None
    #: Words the clerk is told (refusal or conversion); "" when nothing is said.
    says: str = ""


CASES = [
    Case("1,234.5", "元", D("1234.50")),
    Case("１２３４．５６", "元", D("1234.56")),
    Case("¥58.00", "元", D("58.00")),
    Case("58万元", "万元", D("58.00")),
    Case("5万元", "元", D("50000.00"), "已换算为 50,000.00 元"),  # never 5.00
    Case("12万", "元", D("120000.00"), "已换算为 120,000.00 元"),
    Case("1234.56元", "万元", D("0.123456"), "已换算为 0.123456 万元"),
    Case("1.234", "元", None, "最多 2 位小数"),
    Case("1.2345678万元", "元", None, "最多 6 位小数"),
    Case("约780", "元", None, "不是金额"),
    Case("95%", "元", None, "不是金额"),
    Case("1000000000000000", "元", None, "太大"),
    Case("100000000000万元", "元", None, "太大"),
    Case("无", "元", None),
]


def through_editor(case: Case, qtbot) -> tuple[Decimal | None, str]:
    doc = Document(money_unit=case.unit, projects=[Project(name="项目", budget=Budget())])
    ctx = EditorContext(doc)
    field = BoundAmountEdit(ctx, doc.projects[0].budget, "total", "预算数")
    qtbot.addWidget(field)
    said: list[str] = []
    with (
        mock.patch.object(bound_widgets, "report_rejected_amount", lambda _w, t: said.append(t)),
        mock.patch.object(bound_widgets.messages, "show_status", lambda _w, t: said.append(t)),
    ):
        field.setText(case.text)
        field.setModified(True)
        field.commit()
    return doc.projects[0].budget.total, " ".join(said)


def through_excel(case: Case, tmp_path) -> tuple[Decimal | None, str]:
    path = tmp_path / "filled.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    info = wb["填报信息"]
    unit_row = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "金额单位")
    info.cell(unit_row, 2).value = case.unit
    sheet = wb["项目1"]
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "预算数")
    project_name = next(c for row in sheet.iter_rows() for c in row if c.value == "项目名称")
    sheet.cell(project_name.row, project_name.column + 1).value = "项目"
    sheet.cell(label.row, label.column + 1).value = case.text
    wb.save(path)
    result = read_workbook(path)
    assert result.document.money_unit == case.unit
    said = " ".join(n.message for n in result.notes if "预算数" in n.message)
    return result.document.projects[0].budget.total, said


def through_word(case: Case, tmp_path) -> tuple[Decimal | None, str]:
    doc = Document(
        unit_name="测试单位",
        money_unit=case.unit,
        projects=[Project(name="项目", budget=Budget(total=D("1")))],
    )
    (form,) = build_forms(doc)
    cell = next(c for c in form.cells if c.key == "budget.total")
    cell.text = case.text
    result = read_docx(docxbuild.build_forms_docx([form], tmp_path / "form.docx"))
    assert result.document.money_unit == case.unit
    said = " ".join(n.message for n in result.notes if "预算数" in n.message)
    return result.document.projects[0].budget.total, said


@pytest.mark.parametrize("case", CASES, ids=[f"{c.text}-{c.unit}" for c in CASES])
def test_the_same_text_gives_the_same_amount_everywhere(case, qtbot, tmp_path):
    results = {
        "editor": through_editor(case, qtbot),
        "excel": through_excel(case, tmp_path),
        "word": through_word(case, tmp_path),
    }
    for where, (value, said) in results.items():
        assert value == case.value, where
        assert (case.says in said) if case.says else not said, (where, said)
        if value is not None:
            assert str(value) == str(case.value), where  # the same decimals too
