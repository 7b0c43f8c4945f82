"""The Excel export: values, merges with borders on every cell, print settings, text types."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.cell import coordinate_from_string

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import WriteError
from goaleditor.export import textmetrics
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_meta import META_SHEET
from goaleditor.export.xlsx_rows import MIN_TABLE_ROW_PT
from goaleditor.export.xlsx_sheet import (
    DIGIT_PX,
    Formats,
    column_width_chars,
    new_workbook,
    render_form,
    set_column_width,
    set_row_height,
)
from goaleditor.forms import build_forms
from goaleditor.importers.xlsx import read_workbook
from goaleditor.model import Document, Layout
from test_forms import SAMPLES, XML_UNSAFE, make_doc

RESOURCE_SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


@pytest.fixture
def doc():
    d = make_doc(show_spending_plan=True)
    d.projects[0].indicators[2].value = "=100%"
    d.projects[0].code = "0070-0702"
    d.projects[0].purpose = "用于维护社会稳定\x07（从Word粘贴）\x0b"
    d.projects[0].indicators[0].description = "很长的描述" * 40
    return d


@pytest.fixture
def book(doc, tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(doc, path)
    return load_workbook(path)


def write_forms(target, forms) -> None:
    """A workbook of *forms* alone, drawn as the export draws them."""
    wb = new_workbook(target)
    formats = Formats(wb)
    for form in forms:
        render_form(wb, formats, form)
    wb.close()


def column_widths(ws) -> dict[int, float]:
    """Column number → width; one ``<col>`` element may cover several columns."""
    return {
        c: dim.width
        for dim in ws.column_dimensions.values()
        if dim.customWidth
        for c in range(dim.min, dim.max + 1)
    }


def convert_with_libreoffice(book, fmt: str, outdir) -> None:
    """``soffice --convert-to FMT`` of *book* into *outdir*, with a profile of its own."""
    subprocess.run(
        [
            *("soffice", "--headless", f"-env:UserInstallation=file://{outdir}/lo"),
            *("--convert-to", fmt, "--outdir", str(outdir), str(book)),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )


def find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} not on sheet {ws.title}")


def test_one_sheet_per_project_named_by_number_and_name(book):
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == ["1.安保维稳工作经费", "2.车辆保险费"]
    assert book[META_SHEET].sheet_state == "hidden"


def test_department_sheet_comes_first(tmp_path):
    path = tmp_path / "hebei.xlsx"
    hebei = storage.load(next(p for p in SAMPLES if p.stem.startswith("hebei")))
    write_xlsx(hebei, path)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "部门整体"
    assert len(wb.sheetnames) == len(hebei.projects) + 2
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_text_that_looks_like_a_formula_stays_text(book):
    cell = find(book["1.安保维稳工作经费"], "=100%")
    assert cell.data_type == "s"


def test_code_with_leading_zeros_stays_text(book):
    cell = find(book["1.安保维稳工作经费"], "0070-0702")
    assert cell.data_type == "s"


def test_control_characters_are_removed(book):
    find(book["1.安保维稳工作经费"], "用于维护社会稳定（从Word粘贴）")


def spoil_texts(obj, ch: str) -> None:
    """Put *ch* into the middle of every non-blank text the clerk typed in *obj*."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, Layout) or (isinstance(obj, Document) and f.name == "money_unit"):
            continue
        if isinstance(value, str) and value:
            setattr(obj, f.name, value[:1] + ch + value[1:])
        elif dataclasses.is_dataclass(value):
            spoil_texts(value, ch)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and item:
                    value[i] = item[:1] + ch + item[1:]
                elif dataclasses.is_dataclass(item):
                    spoil_texts(item, ch)


@pytest.mark.parametrize("ch", XML_UNSAFE, ids=ascii)
def test_characters_xlsx_cannot_hold_are_dropped_from_every_text(ch, tmp_path):
    """Project names (sheet names), titles, goals, indicators, department forms, signatures."""
    by_form = {}
    for sample in SAMPLES:
        doc = storage.load(sample)
        doc.projects = doc.projects[:2]
        by_form[doc.layout.department_form] = doc
    for kind, original in by_form.items():
        doc = storage.loads(storage.dumps(original))
        spoil_texts(doc, ch)
        path = tmp_path / f"{kind or 'projects'}.xlsx"
        write_xlsx(doc, path)
        wb = load_workbook(path)
        texts = [
            c.value
            for ws in wb.worksheets
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and ws.title != META_SHEET
        ]
        assert not any(ch in t for t in texts)
        assert not any(ch in name for name in wb.sheetnames)
        for project in original.projects:
            # Only the bad character is gone: the sheet name and the cell keep the rest.
            assert any(project.name[:10] in name for name in wb.sheetnames)
            assert project.name in texts
        back = read_workbook(path).document
        assert [p.name for p in back.projects] == [p.name for p in original.projects]
        storage.loads(storage.dumps(back))  # whatever came back is a document that loads


@pytest.mark.parametrize("ch", ["\x0b", "\x00", "\ufffe", "\uffff"], ids=ascii)
def test_hidden_settings_keep_such_characters_exactly(ch, tmp_path):
    """What only the hidden sheet holds (the title) is JSON there, where escapes keep it."""
    doc = make_doc()
    doc.title = f"2020年{ch}绩效目标"
    path = tmp_path / "t.xlsx"
    write_xlsx(doc, path)
    assert load_workbook(path).properties.title == "2020年绩效目标"
    assert read_workbook(path).document.title == doc.title


def test_amounts_are_numbers_with_two_decimals(book):
    ws = book["1.安保维稳工作经费"]
    label = find(ws, "预算数")
    amount = ws.cell(row=label.row, column=label.column + 1)
    assert amount.value == 100000 and amount.data_type == "n"
    # Shown as the layout prints it: the provincial form without thousands separators,
    # a spending plan as typed.
    assert amount.number_format == "0.00"
    plan = ws.cell(row=find(ws, "3月底").row + 1, column=find(ws, "3月底").column)
    assert plan.value == 30 and plan.number_format == "0.00"  # typed 30.00


@pytest.mark.parametrize(
    ("sample", "key", "value", "printed", "excel"),
    [
        # the published Hebei form: 190000.00, no separators
        ("hebei_2020.json", "budget.total", Decimal("190000.00"), "190000.00", "0.00"),
        # the Guangzhou 申报表 prints separators
        ("guangzhou_yuexiu.json", "budget.basic", Decimal("6797.78"), "6,797.78", "#,##0.00"),
        # a cent of 万元 is never rounded away on paper (0.125 万元 = 1250 元)
        ("tianjin_2023.json", "budget.total", Decimal("0.125"), "0.125", "0.000"),
    ],
)
def test_numbers_print_as_the_layout_says_in_every_writer(
    sample, key, value, printed, excel, tmp_path
):
    doc = storage.load(RESOURCE_SAMPLES / sample)
    owner = doc.department if key == "budget.basic" else doc.projects[0]
    setattr(owner.budget, key.split(".")[1], value)
    form = build_forms(doc)[0 if key == "budget.basic" else (1 if doc.department else 0)]
    cell = next(c for c in form.cells if c.key == key)
    assert cell.text == printed and cell.number == value
    out = tmp_path / "n.xlsx"
    write_xlsx(doc, out)
    ws = load_workbook(out)[form.sheet_name]
    written = next(c for row in ws.iter_rows() for c in row if c.value == float(value))
    assert written.number_format == excel


def test_a_spending_plan_prints_as_typed(tmp_path):
    doc = storage.load(RESOURCE_SAMPLES / "hebei_2020.json")
    doc.projects[0].spending_plan = [Decimal("25"), Decimal("50.5"), Decimal("80"), Decimal("100")]
    form = build_forms(doc, [0])[0]
    texts = [c.text for c in sorted(
        (c for c in form.cells if c.key.startswith("spending_plan")), key=lambda c: c.col
    )]  # fmt: skip
    assert texts == ["25", "50.5", "80", "100"]


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
NOT_FORMS = ("填报信息", "选项", META_SHEET)


def _xml(element) -> str:
    return "" if element is None else ET.tostring(element, encoding="unicode")


def cell_styles(path, sheet_index: int) -> dict[str, dict[str, str]]:
    """Cell reference → its font, border, alignment and number format, as XML text, read
    from the file itself.

    openpyxl rewrites the borders of merged cells when it loads a workbook, so the
    raw XML is the only honest witness of what Excel will draw.
    """
    with zipfile.ZipFile(path) as z:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        sheet = ET.fromstring(z.read(f"xl/worksheets/sheet{sheet_index + 1}.xml"))
    fonts = [_xml(f) for f in styles.find("m:fonts", NS)]
    borders = [_xml(b) for b in styles.find("m:borders", NS)]
    xfs = [
        {
            "font": fonts[int(xf.get("fontId", 0))],
            "border": borders[int(xf.get("borderId", 0))],
            "alignment": _xml(xf.find("m:alignment", NS)),
            "format": xf.get("numFmtId", "0"),
        }
        for xf in styles.find("m:cellXfs", NS)
    ]
    return {c.get("r"): xfs[int(c.get("s", 0))] for c in sheet.iter(f"{{{NS['m']}}}c")}


def cell_borders(path, sheet_index: int) -> dict[str, bool]:
    """Cell reference → has a thin border on all four sides, in the file itself."""
    thin = re.compile(r'<ns0:(left|right|top|bottom) style="thin"')
    return {
        ref: len(thin.findall(style["border"])) == 4
        for ref, style in cell_styles(path, sheet_index).items()
    }


def test_merged_ranges_have_borders_on_every_cell(doc, tmp_path):
    path = tmp_path / "b.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    bordered = cell_borders(path, 0)
    first, last = find(ws, "项目编码").row, find(ws, "群众满意度").row
    table_merges = [r for r in ws.merged_cells.ranges if first <= r.min_row <= last]
    assert len(table_merges) >= 5
    for rng in table_merges:
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                ref = f"{get_column_letter(col)}{row}"
                assert bordered.get(ref), (rng.coord, ref)
    title_merge = next(r for r in ws.merged_cells.ranges if r.min_row == 1)
    assert not bordered.get("B1")  # the title above the table has no border
    assert title_merge.max_col == 7


def test_level1_run_is_merged(book):
    ws = book["1.安保维稳工作经费"]
    top = find(ws, "产出指标")
    merged = [r for r in ws.merged_cells.ranges if r.min_row == top.row and r.min_col == 1]
    assert merged and merged[0].max_row - merged[0].min_row == 2


def test_fonts_body_and_title(book):
    ws = book["1.安保维稳工作经费"]
    assert ws["A1"].font.name == "黑体"
    assert find(ws, "项目名称").font.name == "宋体"


def test_print_settings(book):
    ws = book["1.安保维稳工作经费"]
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
    # fitToWidth: 1 is the schema's default, left out of the file.
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_options.horizontalCentered
    header = find(ws, "一级指标").row
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert 0.5 <= ws.page_margins.left <= 1.0
    assert not ws.sheet_view.showGridLines
    widths = sum(column_widths(ws)[c] for c in range(1, 8))
    # Excel draws a column width × DIGIT_PX pixels wide: 180 mm at 96 dpi.
    assert widths * DIGIT_PX * 25.4 / 96 == pytest.approx(180, abs=0.5)


def test_row_heights_grow_with_long_text(book):
    ws = book["1.安保维稳工作经费"]
    long_row = find(ws, "很长的描述" * 40).row
    short_row = find(ws, "值班天数").row
    assert ws.row_dimensions[short_row].height >= MIN_TABLE_ROW_PT
    # 200 CJK characters in a 48 mm cell: about 15 lines of 10.5 pt.
    assert ws.row_dimensions[long_row].height > 150


def test_signature_block_is_printed_below_the_table(book):
    ws = book["1.安保维稳工作经费"]
    sig = find(ws, "填报人：张三")
    assert sig.row > find(ws, "群众满意度").row
    assert sig.border.left.style is None


def test_selected_projects_only(doc, tmp_path):
    path = tmp_path / "sel.xlsx"
    write_xlsx(doc, path, projects=[1])
    wb = load_workbook(path)
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == ["2.车辆保险费"]


def test_target_open_in_excel_gives_chinese_write_error_and_leaves_nothing(
    doc, tmp_path, monkeypatch
):
    """Windows refuses to replace a workbook Excel holds open: simulate that refusal."""
    import goaleditor.fileio as fileio

    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.os, "replace", locked)
    monkeypatch.setattr(fileio, "_REPLACE_DELAY", 0)
    with pytest.raises(WriteError) as err:
        write_xlsx(doc, target)
    assert "导出" in str(err.value) and "Excel" in str(err.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_missing_folder_gives_write_error(doc, tmp_path):
    with pytest.raises(WriteError) as err:
        write_xlsx(doc, tmp_path / "没有这个文件夹" / "out.xlsx")
    assert "不存在" in str(err.value)


def test_cli_export_xlsx(doc, tmp_path, capsys):
    src = tmp_path / "doc.json"
    storage.save(doc, src)
    out = tmp_path / "out.xlsx"
    assert main(["export", str(src), "--xlsx", str(out)]) == 0
    assert out.exists() and "已导出 Excel" in capsys.readouterr().out


def test_cli_export_unreadable_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["export", str(bad), "--xlsx", str(tmp_path / "o.xlsx")]) == 2
    assert "goaleditor：" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()


def test_cli_export_needs_an_output(doc, tmp_path, capsys):
    src = tmp_path / "doc.json"
    storage.save(doc, src)
    assert main(["export", str(src)]) == 2
    assert "--xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_exports(path, tmp_path):
    out = tmp_path / "s.xlsx"
    write_xlsx(storage.load(path), out)
    wb = load_workbook(out)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    assert cell.data_type == "s"
        assert all(dim.height and dim.height <= 409 for dim in ws.row_dimensions.values())


def test_module_does_not_import_qt():
    code = "import sys, goaleditor.export.xlsx, goaleditor.importers.xlsx; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_decimal_amounts_round_trip_exactly(tmp_path):
    d = make_doc()
    d.projects[0].budget.total = Decimal("7577.61")
    path = tmp_path / "a.xlsx"
    write_xlsx(d, path)
    ws = load_workbook(path).worksheets[0]
    cell = ws.cell(row=find(ws, "预算数").row, column=find(ws, "预算数").column + 1)
    assert Decimal(str(cell.value)) == Decimal("7577.61")


def test_each_workbook_gets_its_own_style_entries(tmp_path):
    """Cells copy style indices registered once per workbook, never another workbook's.

    The template registers its info sheet's fonts first, so its form fonts sit at other
    indices than in a plain export built next; both must still name the right fonts,
    on covered cells of merged ranges as on their top-left cells.
    """
    from goaleditor.export.template import write_template

    writers = (write_template, lambda p: write_xlsx(make_doc(), p), write_template)
    for n, write in enumerate(writers):
        path = tmp_path / f"{n}.xlsx"
        write(path)
        wb = load_workbook(path)
        forms = [i for i, name in enumerate(wb.sheetnames) if name not in NOT_FORMS]
        assert forms
        for index in forms:
            styles = cell_styles(path, index)
            assert "黑体" in styles["A1"]["font"]
            ranges = [r for r in wb.worksheets[index].merged_cells.ranges if r.min_row > 1]
            assert ranges
            for rng in ranges:
                top = styles[rng.start_cell.coordinate]
                assert "宋体" in top["font"] and 'val="10.5"' in top["font"]
                for row, col in rng.cells:
                    cell = styles[f"{get_column_letter(col)}{row}"]
                    for part in ("font", "alignment", "border"):
                        assert cell[part] == top[part], (rng.coord, row, col, part)


def test_default_font_is_calibri_so_columns_mean_the_same_in_excel_and_libreoffice(book, tmp_path):
    """The default font's digit sets the column unit.  Calibri has a metric twin
    (Carlito) that LibreOffice substitutes; 宋体, or Arial without Liberation Sans, would
    make LibreOffice draw every column up to a quarter wider than Excel."""
    path = tmp_path / "b.xlsx"
    book.save(path)
    styles = ET.fromstring(zipfile.ZipFile(path).read("xl/styles.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    first = styles.find("m:fonts/m:font", ns)
    assert first.find("m:name", ns).get("val") == "Calibri"
    assert first.find("m:sz", ns).get("val") == "11"
    normal = styles.find("m:cellStyleXfs/m:xf", ns)
    assert normal.get("fontId") == "0"
    assert column_width_chars(25.4) == pytest.approx(96 / DIGIT_PX, abs=0.01)


# --- the sheet XML written directly ----------------------------------------------------

#: The order CT_Worksheet (ECMA-376) puts a worksheet's children in; Excel asks to
#: repair a file whose parts are out of it.
WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
    "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter",
    "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr",
    "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
    "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
]  # fmt: skip


def sheet_parts(path) -> dict[str, dict]:
    """Sheet name → what its XML holds: cells (ref → type, value, style), row heights,
    merges, the used range, the order of its elements."""
    wb = load_workbook(path)
    out = {}
    with zipfile.ZipFile(path) as z:
        for index, name in enumerate(wb.sheetnames):
            styles = cell_styles(path, index)
            root = ET.fromstring(z.read(f"xl/worksheets/sheet{index + 1}.xml"))
            cells, heights, order = {}, {}, []
            for row in root.find("m:sheetData", NS):
                heights[int(row.get("r"))] = row.get("ht")
                for c in row:
                    value = "".join(c.itertext())
                    kind = c.get("t", "n") if value else ""
                    cells[c.get("r")] = (kind, value, styles[c.get("r")])
                    order.append(c.get("r"))
            merges = root.find("m:mergeCells", NS)
            out[name] = {
                "cells": cells,
                "order": order,
                "heights": heights,
                "merges": set() if merges is None else {m.get("ref") for m in merges},
                "dimension": root.find("m:dimension", NS).get("ref"),
                "children": [child.tag.split("}")[1] for child in root],
            }
    return out


def test_sheet_xml_is_well_formed_and_in_the_order_excel_wants(tmp_path):
    path = tmp_path / "t.xlsx"
    doc = storage.load(next(p for p in SAMPLES if p.stem.startswith("tianjin")))
    write_xlsx(doc, path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ET.fromstring(z.read(name))  # every part parses
    for name, sheet in sheet_parts(path).items():
        positions = [WORKSHEET_ORDER.index(tag) for tag in sheet["children"]]
        assert positions == sorted(positions), name
        refs = [coordinate_from_string(ref) for ref in sheet["order"]]
        keys = [(row, column_index_from_string(col)) for col, row in refs]
        assert keys == sorted(set(keys)), name  # rows and cells in order, none twice
        if name != META_SHEET:
            rows = [row for row, _ in keys]
            cols = [col for _, col in keys]
            first, last = (get_column_letter(min(cols)), min(rows)), (max(cols), max(rows))
            assert (
                sheet["dimension"] == f"{first[0]}{first[1]}:{get_column_letter(last[0])}{last[1]}"
            )


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_cell_of_a_bordered_merge_carries_the_border_in_the_file(path, tmp_path):
    doc = storage.load(path)
    out = tmp_path / "s.xlsx"
    write_xlsx(doc, out)
    for index, form in enumerate(build_forms(doc)):
        bordered = cell_borders(out, index)
        merged = [c for c in form.cells if c.rowspan > 1 or c.colspan > 1]
        assert merged
        for cell in merged:
            for row in range(cell.row, cell.row + cell.rowspan):
                for col in range(cell.col, cell.col + cell.colspan):
                    ref = f"{get_column_letter(col + 1)}{row + 1}"
                    assert bordered[ref] == cell.style.border, (form.sheet_name, ref)


@pytest.mark.parametrize("stem", ["hebei_2020", "guangzhou_yuexiu"])
def test_row_heights_and_print_titles_survive(stem, tmp_path):
    from goaleditor.export.xlsx_pages import pdf_pages
    from goaleditor.export.xlsx_sheet import sheet_layout

    doc = storage.load(next(p for p in SAMPLES if p.stem == stem))
    path = tmp_path / "h.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    forms = build_forms(doc)
    assert any(form.repeat_rows for form in forms)
    for form in forms:
        ws = wb[form.sheet_name]
        layout, _scale = sheet_layout(form, plan=pdf_pages())
        heights = [ws.row_dimensions[r + 1].height for r in range(layout.n_rows)]
        # XlsxWriter takes heights in pixels: a height comes back within 1e-12 pt.
        assert heights == pytest.approx(list(layout.heights), abs=1e-9)
        last = f"{get_column_letter(form.n_cols)}{layout.n_rows}"
        assert ws.print_area == f"'{form.sheet_name}'!$A$1:${last[0]}${last[1:]}"
        if form.repeat_rows:
            start, stop = form.repeat_rows
            first, last_row = layout.starts[start] + 1, layout.stop(stop - 1)
            assert ws.print_title_rows == f"${first}:${last_row}"
        else:
            assert ws.print_title_rows is None


def test_cells_go_in_order_whatever_order_the_form_adds_them(tmp_path):
    from goaleditor.grid import Form

    form = Form("s", "s", [20.0, 20.0, 20.0])
    form.add(1, 2, " 右 ")
    form.add(0, 2, "x<y & z")
    form.add(0, 0, "甲", rowspan=2, colspan=2)
    path = tmp_path / "o.xlsx"
    write_forms(path, [form])
    sheet = sheet_parts(path)["s"]
    assert sheet["order"] == ["A1", "B1", "C1", "A2", "B2", "C2"]
    assert sheet["merges"] == {"A1:B2"}
    assert sheet["dimension"] == "A1:C2"
    ws = load_workbook(path)["s"]
    assert ws["C2"].value == " 右 " and ws["C1"].value == "x<y & z" and ws["A1"].value == "甲"


def test_markup_characters_line_breaks_and_edge_spaces_are_kept(tmp_path):
    doc = make_doc()
    purpose = "  甲 & 乙 <丙> 丁\r\n戊 &amp; ]]> "
    doc.projects[0].purpose = purpose
    doc.projects[0].indicators[0].name = "<b>加粗</b>"
    path = tmp_path / "m.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    # openpyxl leaves Excel's escape of \r (_x000D_) as it is; the importer turns it back.
    assert find(ws, purpose.replace("\r", "_x000D_")).data_type == "s"
    find(ws, "<b>加粗</b>")
    with zipfile.ZipFile(path) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    # Excel trims the edges of a text unless told to keep them.
    assert '<t xml:space="preserve">  甲 &amp; 乙 &lt;丙&gt; 丁_x000D_' in strings
    assert read_workbook(path).document.projects[0].purpose.strip() == purpose.strip()


# --- row heights ------------------------------------------------------------------------

EM_MM = 10.5 * 25.4 / 72


def _width_for(chars: float) -> float:
    """A column whose usable width (Excel's) is exactly *chars* em at 10.5 pt."""
    return chars * EM_MM + textmetrics.CELL_PADDING_MM


def test_line_count_follows_the_line_breaker():
    width = _width_for(10.5)  # ten CJK characters a line
    assert textmetrics.count_lines("检察" * 5, width, 10.5) == 1 + 1  # 10 of 10.5: spare
    assert textmetrics.count_lines("检察" * 4, width, 10.5) == 1
    assert textmetrics.count_lines("检察" * 12, width, 10.5) == 3  # 10 + 10 + 4
    assert textmetrics.count_lines("检察\n\n机关", width, 10.5) == 3
    # A number is not split: ≥95% moves to the next line whole.
    assert textmetrics.count_lines("检察机关办案满意度≥95%", width, 10.5) == 2


def test_latin_is_measured_as_libreoffice_draws_it_wider_than_simsun():
    width = _width_for(10.5)
    digits = "1234567890" * 2  # 20 digits: 10 em in SimSun, 12.8 in DejaVu Sans
    assert textmetrics.count_lines(digits, width, 10.5) == 2
    assert textmetrics.text_width_em(digits) > 10


def test_a_spare_line_only_when_the_last_line_is_nearly_full():
    width = _width_for(10.0)
    nine, ten = "检" * 9, "检" * 10
    assert textmetrics.count_lines(nine, width, 10.5) == 1  # 90 %: no spare
    assert textmetrics.count_lines(ten, width, 10.5) == 2  # 100 %: Excel may wrap it
    assert textmetrics.count_lines(ten + nine, width, 10.5) == 2
    # Bold 宋体 is a pixel wider a character in Excel.
    assert textmetrics.count_lines(nine, width, 10.5, bold=True) == 2


def test_row_height_is_lines_times_the_libreoffice_line_pitch():
    width = _width_for(10.5)
    one = textmetrics.text_height_pt("检察", width, 10.5)
    five = textmetrics.text_height_pt("检察" * 22, width, 10.5)  # 10 + 10 + 10 + 10 + 4
    assert five - one == pytest.approx(4 * 10.5 * textmetrics.LINE_HEIGHT)
    assert 10.5 * textmetrics.LINE_HEIGHT >= 12.3  # LibreOffice's pitch, measured


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_estimate_matches_libreoffice_or_keeps_one_spare_line(tmp_path):
    """Render sample cells in LibreOffice, one cell a page, and count the lines drawn."""
    doc = storage.load(next(p for p in SAMPLES if p.stem == "tianjin_2023"))
    cells = {}
    for form in build_forms(doc, [0, 1, 2, 3]):
        for cell in form.cells:
            if cell.style.wrap and cell.style.size == 10.5 and cell.text.strip():
                width = sum(form.col_widths_mm[cell.col : cell.col + cell.colspan])
                cells.setdefault((cell.text, round(width, 2), cell.style.bold), None)
    cells = list(cells)
    book = tmp_path / "cells.xlsx"
    wb = new_workbook(book)
    formats = Formats(wb)
    for i, (text, width, bold) in enumerate(cells):
        sheet = wb.add_worksheet(f"c{i}")
        set_column_width(sheet, 0, column_width_chars(width))
        fmt = formats.get(font_name="宋体", font_size=10.5, bold=bold, valign="top", text_wrap=True)
        sheet.write_string(0, 0, text, fmt)
        set_row_height(sheet, 0, 400)
    wb.close()
    convert_with_libreoffice(book, "pdf", tmp_path)
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(tmp_path / "cells.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = re.findall(r"<page[^>]*>(.*?)</page>", layout, re.S)
    assert len(pages) == len(cells)
    spare = 0
    for page, (text, width, bold) in zip(pages, cells, strict=True):
        drawn = len(set(re.findall(r'<line xMin="[0-9.]+" yMin="([0-9.]+)"', page)))
        estimate = textmetrics.count_lines(text, width, 10.5, bold)
        assert drawn <= estimate <= drawn + 1, (text, width, drawn, estimate)
        spare += estimate - drawn
    assert len(cells) > 40 and spare <= len(cells) // 4


# --- rows taller than Excel allows --------------------------------------------------

LONG_SENTENCE = "本指标用于衡量检察机关依法履行法律监督职责、提升办案质量和效率的情况，"


def _long_row_doc() -> Document:
    doc = make_doc(show_spending_plan=True)
    project = doc.projects[0]
    project.indicators[0].description = LONG_SENTENCE * 25  # about 900 characters
    project.indicators[0].basis = "历史数据与计划标准；" * 60
    project.goals = [LONG_SENTENCE * 10] * 6  # a split row above the indicator header
    return doc


def test_a_row_taller_than_excel_allows_becomes_several_rows_merged_down(tmp_path):
    import math

    from goaleditor.export.xlsx_rows import MAX_ROW_PT, SPLIT_ROW_PT, row_heights, row_layout

    doc = _long_row_doc()
    path = tmp_path / "long.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    form = build_forms(doc)[0]
    layout, need = row_layout(form), row_heights(form)
    grid_row = next(c.row for c in form.cells if c.key == "description")
    parts = layout.stop(grid_row) - layout.starts[grid_row]
    assert need[grid_row] > MAX_ROW_PT and parts == math.ceil(need[grid_row] / SPLIT_ROW_PT)
    top = find(ws, doc.projects[0].indicators[0].description).row
    assert top == layout.starts[grid_row] + 1
    heights = [ws.row_dimensions[top + i].height for i in range(parts)]
    assert max(heights) <= MAX_ROW_PT
    assert sum(heights) == pytest.approx(need[grid_row], abs=0.1 * parts)
    # Every column of the row is merged down over its sheet rows; 产出指标, merged over
    # three indicators, spans the extra rows too.
    bottom = top + parts - 1
    for col in range(1, form.n_cols + 1):
        spans = [
            r for r in ws.merged_cells.ranges if r.min_col <= col <= r.max_col and r.min_row == top
        ]
        assert spans and spans[0].max_row >= bottom, get_column_letter(col)
    level1 = next(r for r in ws.merged_cells.ranges if r.min_row == top and r.min_col == 1)
    assert level1.max_row == bottom + 2
    bordered = cell_borders(path, 0)
    for row in range(top, bottom + 1):
        assert all(bordered[f"{get_column_letter(c)}{row}"] for c in range(1, form.n_cols + 1))
    # Short texts in the tall cells start at its top, not in the middle of a page break.
    assert find(ws, "产出指标").alignment.vertical == "top"
    assert find(ws, "满意度指标").alignment.vertical == "center"
    # Print titles and area follow the rows: the goals above the header were split too.
    header = find(ws, "一级指标").row
    assert header > form.repeat_rows[0] + 1
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.print_area.endswith(f"${layout.n_rows}")
    assert find(ws, "填报单位（盖章）：").row == layout.n_rows


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_no_sheet_row_is_taller_than_excel_allows(path, tmp_path):
    from goaleditor.export.xlsx_pages import pdf_pages
    from goaleditor.export.xlsx_rows import row_heights
    from goaleditor.export.xlsx_sheet import sheet_layout

    doc = storage.load(path)
    out = tmp_path / "s.xlsx"
    write_xlsx(doc, out)
    wb = load_workbook(out)
    for form in build_forms(doc):
        ws = wb[form.sheet_name]
        layout, _scale = sheet_layout(form, plan=pdf_pages())
        heights = [ws.row_dimensions[r + 1].height for r in range(layout.n_rows)]
        assert heights == pytest.approx(list(layout.heights), abs=1e-9)
        assert max(heights) <= 409
        # What each form row needs, it gets (the sample of Guangzhou has a split row);
        # more only beside a page break that cuts a merged label (`xlsx_pages`).
        for r, need in enumerate(row_heights(form)):
            got = sum(heights[layout.starts[r] : layout.stop(r)])
            tolerance = 0.06 * (layout.stop(r) - layout.starts[r])
            if got > need + tolerance:
                assert any(
                    row < b < row + n for row, n, _ in layout.labels for b in layout.page_rows
                )
            else:
                assert got == pytest.approx(need, abs=tolerance)


# --- labels -------------------------------------------------------------------------


def test_a_label_too_wide_for_its_column_breaks_between_words(book):
    ws = book["1.安保维稳工作经费"]
    assert find(ws, "资金支出\n计划（%）").alignment.wrap_text
    find(ws, "预算规模及\n资金用途")
    find(ws, "其中：\n财政资金")
    find(ws, "项目名称")  # fits: as it is
    find(ws, "指标值确定依据")


def test_label_lines_fit_the_column_with_room_to_spare():
    from goaleditor.export.xlsx_labels import LABEL_WIDTH_SHARE, broken_label

    width = _width_for(5.5)  # 22 mm: the forms' label column
    assert broken_label("资金支出计划（%）", width, 10.5) == "资金支出\n计划（%）"
    assert broken_label("预算规模及资金用途", width, 10.5) == "预算规模及\n资金用途"
    assert broken_label("部门名称", width, 10.5) == "部门名称"
    # Six characters in a column of 6.1 em would fill it: Excel might still wrap them.
    assert broken_label("年度总体目标", _width_for(6.1), 10.5) == "年度总体\n目标"
    # Rather one line more than a break inside a word (年度部门整/体支出预算).
    assert broken_label("年度部门整体支出预算", 24.0, 10.5) == "年度部门\n整体支出\n预算"
    for text in ("其他需完成的任务(可选填)", "指标值（包含数字及文字描述）"):
        for bold in (False, True):
            lines = broken_label(text, width, 10.5, bold).split("\n")
            usable = 5.5 / (textmetrics.BOLD_WIDER if bold else 1.0)
            assert "".join(lines) == text
            assert all(
                textmetrics.text_width_em(line) <= usable * LABEL_WIDTH_SHARE for line in lines
            )


def test_only_labels_get_line_breaks_never_what_the_clerk_wrote(tmp_path):
    doc = make_doc(show_spending_plan=True)
    project = doc.projects[0]
    project.name = "资金支出计划（%）"  # a name that reads like a label
    project.indicators[0].name = "预算规模及资金用途"
    path = tmp_path / "t.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    find(ws, "资金支出计划（%）")
    find(ws, "预算规模及资金用途")
    find(ws, "资金支出\n计划（%）")


def test_a_split_row_is_merged_down_even_where_it_has_no_cell(tmp_path):
    from goaleditor.export.xlsx_rows import row_layout
    from goaleditor.grid import Form

    form = Form("s", "s", [20.0, 20.0, 20.0])
    form.add(0, 0, "检察" * 200)
    form.add(0, 1, "甲")
    form.add(1, 0, "乙", colspan=3)
    layout = row_layout(form)
    parts = layout.stop(0)
    assert parts >= 3 and layout.starts == (0, parts, parts + 1)
    path = tmp_path / "s.xlsx"
    write_forms(path, [form])
    sheet = sheet_parts(path)["s"]
    assert sheet["merges"] == {
        *(f"A1:A{parts}", f"B1:B{parts}", f"A{parts + 1}:C{parts + 1}", f"C1:C{parts}")
    }
    assert "C1" not in sheet["order"]  # nothing there: a merge, no cells
    assert sheet["dimension"] == f"A1:C{parts + 1}"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1", 1), ("120", 120), ("0", 0), ("012", "012"), ("约12", "约12"), ("1,200", "1,200")],
)
def test_counts_are_numbers_when_they_are_whole_numbers(typed, stored, tmp_path):
    """下属二级单位数 and 财政供养人员数 as numbers; anything else stays as written."""
    doc = storage.load(next(p for p in SAMPLES if p.stem == "guangzhou_yuexiu"))
    doc.department.subunit_count = typed
    doc.department.staff_count = "35"
    path = tmp_path / "g.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    for label, want in (("下属二级单位数", stored), ("财政供养人员数", 35)):
        cell = find(ws, label)
        value = ws.cell(row=cell.row, column=cell.column + 2)
        assert value.value == want and value.data_type == ("n" if isinstance(want, int) else "s")
    back = read_workbook(path).document.department
    assert (back.subunit_count, back.staff_count) == (typed, "35")


def test_a_cancelled_export_stops_at_a_checkpoint_and_leaves_no_file(tmp_path):
    """The 取消 of the background export: the writer checks once per sheet and block of
    cells, raises `Cancelled`, and nothing is written."""
    import threading

    from goaleditor.cancel import Cancelled, cancelling

    doc = storage.load(SAMPLES[0])
    event = threading.Event()
    event.set()
    out = tmp_path / "cancelled.xlsx"
    with cancelling(event), pytest.raises(Cancelled):
        write_xlsx(doc, out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice is not installed",
)
def test_an_amount_wider_than_its_column_shrinks_instead_of_printing_hashes(tmp_path):
    """The 88号 department form's 财政拨款 column is 18 mm: 15,213.00 in the CJK font
    LibreOffice substitutes is wider, and a number cannot wrap, so it would print ###."""
    from goaleditor.forms import use_layout

    doc = storage.load(next(p for p in SAMPLES if p.stem == "chengdu_2022"))
    use_layout(doc, "mof88-department")
    path = tmp_path / "c.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    amounts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert amounts
    for cell in amounts:
        assert cell.alignment.shrink_to_fit and not cell.alignment.wrap_text, cell.coordinate
    convert_with_libreoffice(path, "pdf", tmp_path)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "15,213.00" in text and "###" not in text
