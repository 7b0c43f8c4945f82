"""The blank fill-in template: layout, dropdowns from the catalog, input help, the command."""

from __future__ import annotations

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
    assert dv.formula1 == f"INDIRECT($A{first})"
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
    assert ws["A1"].data_type == "f" and "2、" in ws["A1"].value


def test_cli_template(tmp_path, capsys):
    out = tmp_path / "模板.xlsx"
    assert main(["template", "--xlsx", str(out)]) == 0
    assert out.exists() and "已生成填报模板" in capsys.readouterr().out


def test_cli_template_to_missing_folder_exits_2(tmp_path, capsys):
    assert main(["template", "--xlsx", str(tmp_path / "无" / "t.xlsx")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_info_sheet_prints_like_the_forms(tmp_path):
    """Both come from one print setup: A4 portrait, fit to width, same margins and footer."""
    wb = load(tmp_path)
    info, form = wb[INFO_SHEET], wb["项目1"]
    for ws in (info, form):
        assert int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.orientation == "portrait"
        # fitToWidth: 1 is the schema's default, left out of the file.
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
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
