"""The blank fill-in template: layout, dropdowns from the catalog, input help, the command."""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from goaleditor.catalog import load_catalog
from goaleditor.cli import main
from goaleditor.export.template import (
    INDICATOR_ROWS,
    INFO_SHEET,
    LISTS_SHEET,
    PROJECT_SHEETS,
    write_template,
)
from goaleditor.export.xlsx_meta import META_SHEET
from test_xlsx_export import convert_with_libreoffice


def load(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    return load_workbook(path)


def find(ws, text):
    """The cell showing *text* (a label too wide for its column has line breaks)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.replace("\n", "") == text:
                return cell
    raise AssertionError(text)


def validations_for(ws, coordinate):
    return [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


def test_sheets_info_then_projects_then_hidden_lists(tmp_path):
    wb = load(tmp_path)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == [INFO_SHEET] + [f"项目{i}" for i in range(1, PROJECT_SHEETS + 1)]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb[META_SHEET].sheet_state == "hidden"


def test_project_sheet_has_the_form_layout_with_blank_indicator_rows(tmp_path):
    ws = load(tmp_path)["项目1"]
    header = find(ws, "一级指标")
    labels = [ws.cell(row=header.row, column=c).value for c in range(1, 8)]
    assert labels == [
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        None,
        "指标值",
        "指标值确定依据",
    ]
    assert ws.print_title_rows == f"${header.row}:${header.row}"
    # Blank rows stay separate cells so the clerk can type in each.
    indicator_merges = [r for r in ws.merged_cells.ranges if r.min_row > header.row]
    assert all(r.min_row == r.max_row for r in indicator_merges)
    assert ws.max_row >= header.row + INDICATOR_ROWS
    find(ws, "项目编码")
    find(ws, "预算规模及资金用途")


def test_level1_dropdown_lists_the_catalog_standard_first(tmp_path):
    wb = load(tmp_path)
    ws = wb["项目1"]
    first = find(ws, "一级指标").row + 1
    (dv,) = [d for d in validations_for(ws, f"A{first}") if d.type == "list"]
    assert dv.errorStyle == "information"  # variants such as 效果指标 can still be typed
    assert dv.showInputMessage and dv.prompt and dv.promptTitle == "一级指标"
    assert not dv.formula1.startswith("=")  # OOXML formulas carry no "="
    sheet, _, cells = dv.formula1.partition("!")
    lists = wb[sheet.strip("'")]
    names = [lists[c.replace("$", "")].value for c in [cells.split(":")[0]]]
    column = [row[0].value for row in lists.iter_rows(min_col=1, max_col=1) if row[0].value]
    catalog = load_catalog()
    assert column == catalog.level1_names()
    assert names[0] == catalog.standard_level1_names()[0]


def test_level2_dropdown_depends_on_level1_through_named_ranges(tmp_path):
    wb = load(tmp_path)
    ws = wb["项目1"]
    first = find(ws, "一级指标").row + 1
    (dv,) = [d for d in validations_for(ws, f"B{first}") if d.type == "list"]
    # The row's 一级, or the nearest one above on a follow-on row left blank.
    rng = f"$A${first}:$A{first}"
    assert dv.formula1 == f'INDIRECT(LOOKUP(2,1/({rng}<>""),{rng}))'
    assert f"B{first + INDICATOR_ROWS - 1}" in dv.sqref
    catalog = load_catalog()
    for level1 in catalog.level1_names():
        name = wb.defined_names[level1]
        sheet, ref = next(name.destinations)
        values = [c[0].value for c in wb[sheet][ref.replace("$", "")]]
        assert values == catalog.level2_for(level1)


def test_input_help_on_value_and_amount_checks(tmp_path):
    ws = load(tmp_path)["项目1"]
    value_col = find(ws, "指标值").column
    first = find(ws, "一级指标").row + 1
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(value_col)}{first}"
    assert any("≥95%" in (dv.prompt or "") for dv in validations_for(ws, ref))
    total = find(ws, "预算数")
    amount_ref = f"{get_column_letter(total.column + 1)}{total.row}"
    (dv,) = validations_for(ws, amount_ref)
    assert dv.type == "decimal" and dv.error


def test_info_sheet_has_money_unit_dropdown_and_instructions(tmp_path):
    ws = load(tmp_path)[INFO_SHEET]
    unit = find(ws, "金额单位")
    value = ws.cell(row=unit.row, column=2)
    assert value.value == "元"
    (dv,) = validations_for(ws, value.coordinate)
    assert dv.formula1 == '"元,万元"'
    assert find(ws, "填写说明")


def test_heading_follows_the_typed_project_name(tmp_path):
    ws = load(tmp_path)["项目2"]
    assert ws["A1"].data_type == "f" and "E3" in ws["A1"].value


def test_cli_template(tmp_path, capsys):
    out = tmp_path / "模板.xlsx"
    assert main(["template", "--xlsx", str(out)]) == 0
    assert out.exists() and "已生成填报模板" in capsys.readouterr().out


def test_cli_template_to_missing_folder_exits_2(tmp_path, capsys):
    assert main(["template", "--xlsx", str(tmp_path / "无" / "t.xlsx")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_info_sheet_prints_like_the_forms(tmp_path):
    """Both come from one print setup: A4 portrait, same margins and footer; the info
    sheet fit to width, the form at the scale that keeps it on one page."""
    wb = load(tmp_path)
    info, form = wb[INFO_SHEET], wb["项目1"]
    for ws in (info, form):
        assert int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.orientation == "portrait"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    # fitToWidth: 1 is the schema's default, left out of the file.
    assert info.page_setup.fitToWidth in (None, 1) and info.page_setup.fitToHeight == 0
    assert info.sheet_properties.pageSetUpPr.fitToPage
    assert not (form.sheet_properties.pageSetUpPr and form.sheet_properties.pageSetUpPr.fitToPage)
    assert info.page_margins.left == form.page_margins.left
    assert info.page_margins.top == form.page_margins.top
    # The clerk types into the info sheet: its gridlines stay; the forms have borders.
    assert info.sheet_view.showGridLines is not False  # unset: Excel shows them
    assert form.sheet_view.showGridLines is False


def test_blank_template_rows_fit_excel_one_sheet_row_each():
    """The template is blank: no row needs more than Excel's 409 pt, so its dropdowns and
    formulas sit on the form's own rows."""
    from goaleditor.export.template import blank_document
    from goaleditor.export.xlsx_rows import row_layout
    from goaleditor.forms import build_forms

    for form in build_forms(blank_document()):
        assert not row_layout(form).is_split


# ---------------------------------------------------------------- what clerks type stays


def _keyed(ws_name="项目1", layout=None):
    """The form the template draws, with its sheet rows: (form, row layout)."""
    from goaleditor.export.template import blank_document
    from goaleditor.export.xlsx_rows import row_layout
    from goaleditor.forms import build_forms

    form = build_forms(blank_document(layout))[int(ws_name[-1]) - 1]
    return form, row_layout(form)


def _ref(cell, rows) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(cell.col + 1)}{rows.starts[cell.row] + 1}"


def test_typed_cells_are_text_so_percentages_and_codes_stay_as_typed(tmp_path):
    """Typed into a General cell, 100% becomes the number 1 and 0012 becomes 12."""
    from goaleditor.export.template import AMOUNT_KEYS, NOT_TYPED_KEYS

    ws = load(tmp_path)["项目1"]
    form, rows = _keyed()
    inputs = [c for c in form.cells if c.key and c.key not in NOT_TYPED_KEYS]
    assert {c.key for c in inputs} >= {"code", "name", "level1", "level2", "value", "basis"}
    for cell in inputs:
        fmt = ws[_ref(cell, rows)].number_format
        assert (fmt == "@") == (cell.key not in AMOUNT_KEYS), (cell.key, fmt)
    assert load(tmp_path)[INFO_SHEET]["B3"].number_format == "@"


def test_help_never_suggests_a_formula(tmp_path):
    from goaleditor.export.template import INSTRUCTIONS

    wb = load(tmp_path)
    texts = list(INSTRUCTIONS)
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            texts += [dv.prompt or "", dv.error or ""]
    assert len(texts) > 20
    assert [t for t in texts if "=" in t] == []


def test_each_input_cell_has_its_own_help(tmp_path):
    from goaleditor.export.template import NOT_TYPED_KEYS

    ws = load(tmp_path)["项目1"]
    form, rows = _keyed()
    header = next(c.row for c in form.cells if c.key == "level1")
    titles = {}
    for cell in form.cells:
        if cell.key and cell.key not in NOT_TYPED_KEYS:
            found = [dv.promptTitle for dv in validations_for(ws, _ref(cell, rows))]
            assert len(found) == 1, (cell.key, found)
            titles[(cell.key, cell.row >= header)] = found[0]
    assert titles[("name", False)] == "项目名称"
    assert titles[("name", True)] == "三级指标"
    assert titles[("description", True)] == "绩效指标描述"
    assert titles[("purpose", False)] == "预算规模及资金用途"


def test_rows_are_sized_for_typical_content(tmp_path):
    """A blank row of 20 pt holds one line; goals are several, indicators often two."""
    from goaleditor.export.textmetrics import text_height_pt

    ws = load(tmp_path)["项目1"]
    form, rows = _keyed()
    for key, lines in (("goals", 5), ("level1", 2)):
        for cell in (c for c in form.cells if c.key == key):
            height = ws.row_dimensions[rows.starts[cell.row] + 1].height
            assert height >= text_height_pt("\n".join("国" * lines), 30, 10.5) - 0.01, key


def test_template_in_a_layout_that_prints_a_spending_plan(tmp_path):
    """The plan's row is there; percentages typed as 25% come back as 25."""
    from goaleditor.importers.xlsx import read_workbook
    from goaleditor.model import Layout

    path = tmp_path / "plan.xlsx"
    write_template(path, Layout(show_spending_plan=True, show_code=False))
    wb = load_workbook(path)
    ws = wb["项目1"]
    label = find(ws, "资金支出计划（%）")
    assert not any(c.value == "项目编码" for row in ws.iter_rows() for c in row)
    form, rows = _keyed(layout=Layout(show_spending_plan=True, show_code=False))
    plan = [c for c in form.cells if c.key.startswith("spending_plan")]
    assert len(plan) == 4 and label.row == rows.starts[plan[0].row]
    for cell, typed in zip(plan, ("25%", "50", "75%", "100%"), strict=True):
        assert ws[_ref(cell, rows)].number_format == "@"
        ws[_ref(cell, rows)] = typed
    name = next(c for c in form.cells if c.key == "name")
    ws[_ref(name, rows)] = "办案经费"
    wb.save(path)
    doc = read_workbook(path).document
    assert doc.layout.show_spending_plan
    assert [str(v) for v in doc.projects[0].spending_plan] == ["25.00", "50.00", "75.00", "100.00"]


def test_cli_template_like_a_document(tmp_path, capsys):
    from goaleditor import storage
    from goaleditor.model import Document, Layout

    like = tmp_path / "doc.json"
    storage.save(Document(layout=Layout(show_spending_plan=True)), like)
    out = tmp_path / "t.xlsx"
    assert main(["template", "--xlsx", str(out), "--like", str(like)]) == 0
    find(load_workbook(out)["项目1"], "资金支出计划（%）")
    assert main(["template", "--xlsx", str(out), "--like", str(tmp_path / "无.json")]) == 2
    assert "无.json" in capsys.readouterr().err


def test_copied_sheet_is_numbered_by_its_position_on_import(tmp_path):
    """Copied as the instructions say and placed second, the copy is the second project."""
    from goaleditor.importers.xlsx import read_workbook

    path = tmp_path / "t.xlsx"
    write_template(path)
    wb = load_workbook(path)
    form, rows = _keyed()
    name = _ref(next(c for c in form.cells if c.key == "name"), rows)
    for sheet, text in (("项目1", "甲"), ("项目2", "乙"), ("项目3", "丙")):
        wb[sheet][name] = text
    copy = wb.copy_worksheet(wb["项目3"])
    copy[name] = "丁"
    wb.move_sheet(copy, offset=wb.sheetnames.index("项目2") - wb.sheetnames.index(copy.title))
    wb.save(path)
    assert [p.name for p in read_workbook(path).document.projects] == ["甲", "丁", "乙", "丙"]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_titles_and_level2_lists_as_libreoffice_computes_them(tmp_path):
    """A copy at the end (after the hidden sheets) prints 4、; a follow-on row's 二级 list is
    its category's.  Computed by LibreOffice from the template's own formulas."""
    path = tmp_path / "t.xlsx"
    write_template(path)
    wb = load_workbook(path)
    wb.copy_worksheet(wb["项目3"])  # appended last, as 移动或复制 → (移至最后) does
    ws = wb["项目1"]
    first = find(ws, "一级指标").row + 1
    (dv,) = [d for d in validations_for(ws, f"B{first}") if d.type == "list"]
    ws[f"A{first}"] = "产出指标"
    ws[f"A{first + 3}"] = "效益指标"
    for r in range(first, first + 5):  # the list's formula, as it applies on row r
        ws[f"H{r}"] = (
            "=ROWS("
            + dv.formula1.replace(f"$A{first})", f"$A{r})").replace(f"$A{first}<", f"$A{r}<")
            + ")"
        )
    wb.save(path)
    wb.move_sheet(ws, offset=-wb.sheetnames.index("项目1"))  # CSV holds the first sheet
    wb.save(tmp_path / "first.xlsx")
    for fmt, book in (("csv", tmp_path / "first.xlsx"), ("pdf", path)):
        convert_with_libreoffice(book, fmt, tmp_path)
    rows_csv = list(
        csv.reader(
            (tmp_path / "first.csv").read_text(encoding="utf-8", errors="replace").splitlines()
        )
    )
    catalog = load_catalog()
    counts = [int(float(rows_csv[r - 1][7])) for r in range(first, first + 5)]
    produce, benefit = len(catalog.level2_for("产出指标")), len(catalog.level2_for("效益指标"))
    assert counts == [produce, produce, produce, benefit, benefit]
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for n in range(1, 5):
        assert f"{n}、（项目名称）绩效目标表" in text, n


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdfinfo")), reason="LibreOffice is not installed"
)
def test_each_blank_sheet_prints_on_one_page(tmp_path):
    """Rows sized for typical content make a blank project sheet taller than A4 at 100 %:
    it prints a little smaller instead of leaving its header and signature on a page of
    their own."""
    path = tmp_path / "t.xlsx"
    write_template(path)
    for name in ("项目1", "项目2", "项目3"):
        setup = load_workbook(path)[name].page_setup
        assert setup.scale is not None and 75 <= setup.scale < 100, name
    convert_with_libreoffice(path, "pdf", tmp_path)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "t.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           4" in info  # 填报信息 and three project sheets
