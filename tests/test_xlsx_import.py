"""Reading Excel back: the round trip of every sample, filled templates, foreign files."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from goaleditor import storage
from goaleditor.amounts import imported_amount
from goaleditor.errors import FileFormatError, ImportProblem
from goaleditor.export.template import INFO_SHEET, write_template
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_meta import META_SHEET, PART_CHARS, meta_rows
from goaleditor.forms import build_forms
from goaleditor.importers.repair import repair
from goaleditor.importers.result import ImportNote, ImportResult
from goaleditor.importers.xlsx import read_workbook
from goaleditor.importers.xlsx_sheet import unescape_controls
from goaleditor.model import Document, Indicator, Layout, Signature
from test_forms import SAMPLES, make_doc


def round_trip(doc: Document, tmp_path) -> Document:
    """Export and import *doc*; the document saved afterwards is the same file text."""
    path = tmp_path / "doc.xlsx"
    write_xlsx(doc, path)
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)
    return result.document


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_round_trips_exactly(path, tmp_path):
    doc = storage.load(path)
    assert round_trip(doc, tmp_path) == doc


@pytest.mark.parametrize(
    "layout",
    [
        Layout(show_code=True, show_spending_plan=True, show_basis=True),
        Layout(show_code=False, show_spending_plan=False, show_basis=False, number_style="."),
        Layout(project_form="national", show_basis=True),
        Layout(project_form="national", show_basis=False, show_code=False),
    ],
    ids=["full", "bare", "national", "national-bare"],
)
def test_layouts_round_trip_with_tricky_values(layout, tmp_path):
    doc = make_doc()
    doc.layout = layout
    p = doc.projects[0]
    p.code = "0070"
    p.indicators[0].value = "=100%"
    p.indicators[1].needs_review = True
    p.indicators[2].number = "2-3"
    p.indicators[3].level1 = ""  # a blank 一级 stays blank, it is not filled down
    p.needs_review = True
    p.long_term_goals = ["三年内建成"]
    p.department, p.implementer, p.attribute, p.period = "市检察院 101", "本院", "延续", "2023年"
    p.budget.other = Decimal("0.00")
    doc.projects[1].spending_plan = []
    doc.projects[1].goals = []
    doc.projects[1].indicators = []
    assert round_trip(doc, tmp_path) == doc


def test_signature_settings_round_trip(tmp_path):
    doc = make_doc()
    doc.signature.enabled = False
    doc.signature.head = "李四"
    doc.title = "2020年预算绩效目标"
    assert round_trip(doc, tmp_path) == doc


def test_clerk_edits_to_an_export_are_read(tmp_path):
    path = tmp_path / "doc.xlsx"
    write_xlsx(make_doc(), path)
    wb = load_workbook(path)
    ws = wb["1.安保维稳工作经费"]
    header = next(c for row in ws.iter_rows() for c in row if c.value == "一级指标").row
    ws.insert_rows(header + 2)
    ws.cell(row=header + 2, column=3, value="新增指标")
    ws.cell(row=header + 2, column=6, value="≥3次")
    wb.save(path)
    doc = read_workbook(path).document
    names = [i.name for i in doc.projects[0].indicators]
    assert "新增指标" in names and len(names) == 6


def fill_template(path):
    wb = load_workbook(path)
    info = wb[INFO_SHEET]
    values = {
        "单位编码": "151002",
        "单位名称": "某区人民检察院",
        "预算年度": "2024",
        "金额单位": "万元",
    }
    values["填报人"] = "王五"
    for row in info.iter_rows(min_col=1, max_col=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    ws = wb["项目1"]
    # Labels too wide for their column are written with line breaks.
    cells = {
        c.value.replace("\n", ""): c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    ws.cell(row=cells["项目编码"].row, column=cells["项目编码"].column + 1, value="0151-001")
    ws.cell(row=cells["项目名称"].row, column=cells["项目名称"].column + 1, value="办案经费")
    ws.cell(row=cells["预算数"].row, column=cells["预算数"].column + 1, value=12.5)
    ws.cell(row=cells["其他资金"].row, column=cells["其他资金"].column + 1, value="1,000.50")
    purpose_row = cells["预算规模及资金用途"].row + 1
    ws.cell(row=purpose_row, column=2, value="保障办案")
    ws.cell(row=cells["绩效目标"].row, column=2, value="1、完成办案\n2、提高质量")
    first = cells["一级指标"].row + 1
    rows = [
        ("产出指标", "数量指标", "办案数量", "≥100件"),
        (None, None, "结案数量", "≥90件"),  # blank 一级/二级: same as the row above
        (None, "质量指标", "结案率", "=100%"),
        (None, None, None, None),  # a row left empty
        ("满意度指标", "服务对象满意度指标", "满意度", "≥95%"),
    ]
    for i, (l1, l2, name, value) in enumerate(rows):
        ws.cell(row=first + i, column=1, value=l1)
        ws.cell(row=first + i, column=2, value=l2)
        ws.cell(row=first + i, column=3, value=name)
        # Typed as text (``=100%`` is not a formula here: the cell is formatted as text).
        ws.cell(row=first + i, column=6, value=value).data_type = "s"
    wb.save(path)


def test_filled_template_is_read_back(tmp_path):
    path = tmp_path / "filled.xlsx"
    write_template(path)
    fill_template(path)
    result = read_workbook(path)
    doc = result.document
    assert (doc.unit_code, doc.unit_name, doc.fiscal_year, doc.money_unit) == (
        "151002",
        "某区人民检察院",
        2024,
        "万元",
    )
    assert doc.signature.preparer == "王五"
    assert len(doc.projects) == 1  # the two blank project sheets are skipped
    p = doc.projects[0]
    assert (p.code, p.name, p.purpose) == ("0151-001", "办案经费", "保障办案")
    assert p.budget.total == Decimal("12.5") and p.budget.other == Decimal("1000.50")
    assert p.goals == ["完成办案", "提高质量"]
    got = [(i.level1, i.level2, i.name, i.value) for i in p.indicators]
    assert got == [
        ("产出指标", "数量指标", "办案数量", "≥100件"),
        ("产出指标", "数量指标", "结案数量", "≥90件"),
        ("产出指标", "质量指标", "结案率", "=100%"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥95%"),
    ]


def _filled_sheet(tmp_path):
    """A filled template opened again for more typing: (path, workbook, 项目1, first row)."""
    path = tmp_path / "filled.xlsx"
    write_template(path)
    fill_template(path)
    wb = load_workbook(path)
    ws = wb["项目1"]
    header = next(c for row in ws.iter_rows() for c in row if c.value == "一级指标")
    return path, wb, ws, header.row + 1


def _merge_row(ws, row: int) -> None:
    """Select A:G of *row* and click 合并后居中, as Excel does it: merges inside go first."""
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row <= row <= rng.max_row:
            ws.unmerge_cells(rng.coord)
    ws.merge_cells(f"A{row}:G{row}")


FILLED_INDICATORS = [
    ("产出指标", "数量指标", "办案数量", "≥100件"),
    ("产出指标", "数量指标", "结案数量", "≥90件"),
    ("产出指标", "质量指标", "结案率", "=100%"),
    ("满意度指标", "服务对象满意度指标", "满意度", "≥95%"),
]


def test_text_in_a_merged_row_under_the_table_is_a_note_not_an_indicator(tmp_path):
    path, wb, ws, _first = _filled_sheet(tmp_path)
    signature = next(c for row in ws.iter_rows() for c in row if c.value == "填报人：__________")
    spacer = signature.row - 1  # the template's blank row between table and signatures
    assert any(r.coord == f"A{spacer}:G{spacer}" for r in ws.merged_cells.ranges)
    ws[f"A{spacer}"] = "以上指标经科室讨论确定"
    wb.save(path)
    result = read_workbook(path)
    p = result.document.projects[0]
    assert [(i.level1, i.level2, i.name, i.value) for i in p.indicators] == FILLED_INDICATORS
    assert not any("以上指标" in getattr(i, f) for i in p.indicators for f in ("basis", "name"))
    assert [n.format_line() for n in result.notes] == [
        f"工作表“项目1”第 {spacer} 行：表格下方的文字未导入："
        "“以上指标经科室讨论确定”（合并成一格的整行不是指标）。"
    ]


def test_a_merged_cell_counts_once_not_in_every_column(tmp_path):
    path, wb, ws, first = _filled_sheet(tmp_path)
    # The clerk merges 三级指标 over the description columns of the first indicator …
    ws.unmerge_cells(f"D{first}:E{first}")
    ws.merge_cells(f"C{first}:E{first}")
    # … merges a whole row between two indicators and types a remark into it …
    _merge_row(ws, first + 3)
    ws[f"A{first + 3}"] = "质量指标待补充"
    # … and one under the last indicator.
    _merge_row(ws, first + 6)
    ws[f"A{first + 6}"] = "注：满意度以问卷为准"
    wb.save(path)
    result = read_workbook(path)
    p = result.document.projects[0]
    assert [(i.level1, i.level2, i.name, i.value) for i in p.indicators] == FILLED_INDICATORS
    assert (p.indicators[0].name, p.indicators[0].description) == ("办案数量", "")
    assert [n.format_line() for n in result.notes] == [
        f"工作表“项目1”第 {first + 3} 行：指标表中间的文字未导入："
        "“质量指标待补充”（合并成一格的整行不是指标）。",
        f"工作表“项目1”第 {first + 6} 行：表格下方的文字未导入："
        "“注：满意度以问卷为准”（合并成一格的整行不是指标）。",
    ]


def test_text_typed_beside_or_below_the_form_is_a_note_with_its_address(tmp_path):
    path, wb, ws, first = _filled_sheet(tmp_path)
    ws["H12"] = "备注：请财务科审核"
    ws[f"J{first}"] = 42
    ws.cell(row=ws.max_row + 3, column=1, value="  ")  # blanks are nothing
    ws.cell(row=ws.max_row + 2, column=2, value="财务科：已阅")
    below = ws.max_row
    blank = wb["项目2"]  # a project sheet left blank still gets its stray text noted
    blank["I3"] = "项目2 暂不填报"
    wb.save(path)
    result = read_workbook(path)
    assert [
        (i.level1, i.level2, i.name, i.value) for i in result.document.projects[0].indicators
    ] == (FILLED_INDICATORS)
    assert len(result.document.projects) == 1
    assert [n.format_line() for n in result.notes] == [
        f"工作表“项目1”单元格 J{first}：表格外的文字未导入：“42”。如需保留，请在编辑器中填到相应栏目。",
        "工作表“项目1”单元格 H12：表格外的文字未导入：“备注：请财务科审核”。"
        "如需保留，请在编辑器中填到相应栏目。",
        f"工作表“项目1”单元格 B{below}：表格外的文字未导入：“财务科：已阅”。"
        "如需保留，请在编辑器中填到相应栏目。",
        "工作表“项目2”单元格 I3：表格外的文字未导入：“项目2 暂不填报”。"
        "如需保留，请在编辑器中填到相应栏目。",
    ]


def test_typed_comparisons_are_written_as_printed_and_counted(tmp_path):
    path, wb, ws, first = _filled_sheet(tmp_path)
    ws[f"F{first}"] = ">=100件"
    ws[f"F{first + 4}"] = "≥ 95 %"
    ws[f"G{first + 4}"] = "≥ 95 %"  # 指标值确定依据 is free text: kept as typed
    wb.save(path)
    result = read_workbook(path)
    p = result.document.projects[0]
    assert [i.value for i in p.indicators] == ["≥100件", "≥90件", "=100%", "≥95%"]
    assert p.indicators[3].basis == "≥ 95 %"
    assert result.normalized == [(">=100件", "≥100件"), ("≥ 95 %", "≥95%")]
    assert result.notes == []


def test_bad_amount_in_template_is_a_note_not_a_crash(tmp_path):
    path = tmp_path / "filled.xlsx"
    write_template(path)
    wb = load_workbook(path)
    ws = wb["项目1"]
    label = next(c for row in ws.iter_rows() for c in row if c.value == "预算数")
    ws.cell(row=label.row, column=label.column + 1, value="十万")
    name = next(c for row in ws.iter_rows() for c in row if c.value == "项目名称")
    ws.cell(row=name.row, column=name.column + 1, value="某项目")
    wb.save(path)
    result = read_workbook(path)
    assert result.document.projects[0].budget.total is None
    assert any("十万" in n.message for n in result.notes)


def test_copied_project_sheet_in_template_is_read(tmp_path):
    path = tmp_path / "filled.xlsx"
    write_template(path)
    fill_template(path)
    wb = load_workbook(path)
    copy = wb.copy_worksheet(wb["项目1"])
    copy.title = "项目1 (2)"
    wb.save(path)
    doc = read_workbook(path).document
    assert [p.name for p in doc.projects] == ["办案经费", "办案经费"]


def test_workbook_without_hidden_sheet_is_inferred_from_the_forms(tmp_path):
    doc = make_doc(show_code=False, show_basis=False, number_style=".")
    doc.money_unit = "万元"
    path = tmp_path / "doc.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    del wb[META_SHEET]
    wb.save(path)
    back = read_workbook(path).document
    assert back.layout.show_code is False and back.layout.show_basis is False
    assert back.layout.number_style == "."
    assert (back.unit_code, back.unit_name, back.money_unit) == (
        "151002",
        "秦皇岛市山海关区人民检察院",
        "万元",
    )
    assert [p.name for p in back.projects] == [p.name for p in doc.projects]
    # 依据 is not printed in this layout and went with the hidden sheet; the rest is there.
    shown = [
        (i.level1, i.level2, i.name, i.description, i.value) for i in doc.projects[0].indicators
    ]
    got = [
        (i.level1, i.level2, i.name, i.description, i.value) for i in back.projects[0].indicators
    ]
    assert got == shown


def test_foreign_workbook_is_refused_in_chinese(tmp_path):
    path = tmp_path / "工资表.xlsx"
    wb = Workbook()
    wb.active["A1"] = "姓名"
    wb.active["B1"] = "工资"
    wb.save(path)
    with pytest.raises(ImportProblem) as err:
        read_workbook(path)
    assert "不是 goaleditor 导出的 Excel 文件" in str(err.value)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("坏.xlsx", b"not a zip", "不是有效的 Excel 工作簿"),
        ("旧.xls", b"\xd0\xcf\x11\xe0", "另存为"),
    ],
)
def test_unreadable_files_give_import_problem(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportProblem) as err:
        read_workbook(path)
    assert expected in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(ImportProblem) as err:
        read_workbook(tmp_path / "无.xlsx")
    assert "找不到" in str(err.value)


# ---------------------------------------------------------------- a damaged hidden sheet

HEBEI = next(p for p in SAMPLES if p.stem.startswith("hebei"))
META_WHERE = f"隐藏工作表“{META_SHEET}”"


@pytest.fixture(scope="module")
def hebei_xlsx(tmp_path_factory):
    """Hebei's export: a text department form and eleven projects with a spending plan."""
    path = tmp_path_factory.mktemp("hebei") / "hebei.xlsx"
    write_xlsx(storage.load(HEBEI), path)
    return path


def import_damaged(base, tmp_path, change) -> ImportResult:
    """Import *base* after *change* edited its hidden sheet; what came in saves and loads."""
    wb = load_workbook(base)
    change(wb[META_SHEET])
    path = tmp_path / "damaged.xlsx"
    wb.save(path)
    result = read_workbook(path)
    assert result.notes, "a damaged hidden sheet is reported"
    assert storage.loads(storage.dumps(result.document)) == result.document
    return result


def meta_payload(ws) -> str:
    """The JSON text the hidden sheet holds (its parts joined)."""
    parts = [row for row in ws.iter_rows(values_only=True) if row[0] == "part"]
    return "".join(text for _, _, text, *_ in sorted(parts, key=lambda row: row[1]))


def rewrite_meta(ws, payload: str) -> None:
    """Make the hidden sheet hold *payload*, counted and checksummed as goaleditor does:
    content that is well-formed as a sheet but odd inside."""
    source = next(row[1] for row in ws.iter_rows(values_only=True) if row[0] == "source")
    ws.delete_rows(1, ws.max_row)
    for row in meta_rows(source, payload):
        ws.append(row)


def edit_meta(edit):
    """A change that applies *edit* to the decoded hidden data (a dict) and writes it back."""

    def change(ws):
        data = json.loads(meta_payload(ws))
        edit(data)
        rewrite_meta(ws, json.dumps(data))  # \u escapes: lone surrogates stay writable

    return change


def with_setting(name, value):
    def edit(data):
        settings = data["document"]
        if "." in name:
            group, field = name.split(".")
            settings[group][field] = value
        else:
            settings[name] = value

    return edit_meta(edit)


def with_extras(text, kind="project"):
    def edit(data):
        entry = next(entry for entry in data["sheets"] if entry[1] == kind)
        entry[2] = json.loads(text)

    return edit_meta(edit)


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (with_setting("money_unit", "美元"), "money_unit", "元"),
        (with_setting("fiscal_year", 99999), "fiscal_year", None),
        (with_setting("fiscal_year", "二〇二〇"), "fiscal_year", None),
        (with_setting("title", ["列表"]), "title", ""),
        (with_setting("signature", "张三"), "signature", Signature()),
    ],
    ids=["unit", "year", "year-text", "title-list", "signature-text"],
)
def test_refused_settings_become_defaults_with_a_note(
    hebei_xlsx, tmp_path, change, field, expected
):
    result = import_damaged(hebei_xlsx, tmp_path, change)
    assert getattr(result.document, field) == expected
    assert [n.where for n in result.notes] == [META_WHERE]
    assert len(result.document.projects) == 11


@pytest.mark.parametrize(
    "change",
    [
        with_setting("layout.department_form", "foo"),
        with_setting("layout", [1]),
        with_setting("layout", "x"),
        with_setting("layout.show_basis", "是"),
        with_setting("layout.number_style", "-"),
        with_setting("layout.unknown", 1),
    ],
    ids=["kind-foo", "layout-list", "layout-text", "show-basis-text", "number-style", "unknown"],
)
def test_damaged_layout_is_noted_and_the_forms_are_read_by_their_labels(
    hebei_xlsx, tmp_path, change
):
    result = import_damaged(hebei_xlsx, tmp_path, change)
    doc = result.document
    assert doc.layout.department_form == "text"
    assert doc.department is not None and doc.department.overall_goal
    assert len(doc.projects) == 11 and doc.projects[0].indicators
    assert all(n.where == META_WHERE and "版式" in n.message for n in result.notes)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"spending_plan":["1"]}', "资金支出计划"),
        ('{"needs_review":"是"}', "待复核"),
        ('{"code":5}', "项目编码"),
        ('{"indicators":"x"}', "指标"),
        ('{"indicators":[1,2]}', "指标"),
        ('{"indicators":[{"printed_name":"公诉案件审结率","basis":7}]}', "指标"),
        ('{"long_term_goals":["\\ud800"]}', "中长期目标"),
    ],
    ids=[
        "plan-one-item",
        "bool-text",
        "code-number",
        "ind-text",
        "ind-numbers",
        "ind-field",
        "surrogate",
    ],
)
def test_refused_hidden_fields_of_a_project_are_noted_on_its_sheet(
    hebei_xlsx, tmp_path, text, field
):
    original = storage.load(HEBEI).projects[0]
    result = import_damaged(hebei_xlsx, tmp_path, with_extras(text))
    project = result.document.projects[0]
    sheet = load_workbook(hebei_xlsx, read_only=True).sheetnames[1]
    assert {n.where for n in result.notes} == {f"工作表“{sheet}”"}
    assert any(f"{field}（" in n.message or f"“{field}”" in n.message for n in result.notes)
    assert project.name == original.name and len(project.indicators) == len(original.indicators)
    assert len(project.spending_plan) in (0, 4)


@pytest.mark.parametrize(
    ("text", "kind"),
    [('{"tasks":5,"budget":[1]}', "department"), ("[1,2]", "department"), ("[1,2]", "project")],
    ids=["dept-fields", "dept-list", "project-list"],
)
def test_hidden_extras_of_the_wrong_shape_are_ignored(hebei_xlsx, tmp_path, text, kind):
    result = import_damaged(hebei_xlsx, tmp_path, with_extras(text, kind))
    assert result.document.department is not None and len(result.document.projects) == 11
    assert all("隐藏内容" in n.message for n in result.notes)


@pytest.mark.parametrize(
    "value",
    ["{", "[]", "[" * 100_000, "1" * 5000],
    ids=["not-json", "list", "deep", "huge-number"],
)
def test_unreadable_settings_make_the_layout_inferred(hebei_xlsx, tmp_path, value):
    def change(ws):
        data = json.loads(meta_payload(ws))
        sheets = json.dumps(data["sheets"], ensure_ascii=False)
        rewrite_meta(ws, f'{{"document":{value},"sheets":{sheets}}}')

    result = import_damaged(hebei_xlsx, tmp_path, change)
    assert result.notes[0].where == META_WHERE and "已损坏" in result.notes[0].message
    assert result.document.layout.department_form == "text"
    assert len(result.document.projects) == 11


def test_unknown_sheet_kind_falls_back_to_the_labels(hebei_xlsx, tmp_path):
    wb = load_workbook(hebei_xlsx)

    def edit(data):
        for entry in data["sheets"]:
            entry[1] = "foo"

    edit_meta(edit)(wb[META_SHEET])
    wb.save(tmp_path / "kinds.xlsx")
    result = read_workbook(tmp_path / "kinds.xlsx")
    assert result.document.department is not None and len(result.document.projects) == 11
    storage.loads(storage.dumps(result.document))


# ---------------------------------------------------------------- a hidden sheet of any size


def _many_hidden_bases(n: int = 150) -> Document:
    """*n* indicators whose 250-character 依据 this layout does not print."""
    doc = make_doc(show_basis=False)
    doc.projects[0].indicators = [
        Indicator(
            level1="产出指标",
            level2="数量指标",
            name=f"案件办理指标{i}",
            value="≥95%",
            basis=(f"第{i}项依据：历史数据与计划标准𠀀；" * 30)[:250],
        )
        for i in range(n)
    ]
    return doc


def test_hidden_data_longer_than_a_cell_round_trips_exactly(tmp_path):
    """150 × 250 characters of 依据 are far more than one cell holds (32,767)."""
    doc = _many_hidden_bases()
    path = tmp_path / "big.xlsx"
    write_xlsx(doc, path)
    parts = [
        r for r in load_workbook(path)[META_SHEET].iter_rows(values_only=True) if r[0] == "part"
    ]
    assert len(parts) > 2 and all(len(r[2]) <= PART_CHARS for r in parts)
    assert round_trip(doc, tmp_path) == doc


def _import_with_parts(tmp_path, change) -> ImportResult:
    path = tmp_path / "big.xlsx"
    write_xlsx(_many_hidden_bases(), path)
    wb = load_workbook(path)
    rows = [row for row in wb[META_SHEET].iter_rows() if row[0].value == "part"]
    change(wb[META_SHEET], rows)
    wb.save(path)
    result = read_workbook(path)
    assert len(result.document.projects[0].indicators) == 150  # the visible forms still count
    return result


def test_a_missing_part_of_the_hidden_data_is_reported_as_such(tmp_path):
    result = _import_with_parts(tmp_path, lambda ws, rows: ws.delete_rows(rows[1][0].row))
    assert [n.where for n in result.notes] == [META_WHERE]
    assert "缺第 2 段" in result.notes[0].message


def test_a_damaged_count_of_parts_is_reported_at_once(tmp_path):
    def count(ws, rows):
        next(r for r in ws.iter_rows() if r[0].value == "payload")[1].value = 10**12

    result = _import_with_parts(tmp_path, count)
    assert "缺第" in result.notes[0].message and "……" in result.notes[0].message


def test_a_cut_part_of_the_hidden_data_is_reported_not_read(tmp_path):
    def cut(ws, rows):
        rows[-1][2].value = rows[-1][2].value[:-10]

    result = _import_with_parts(tmp_path, cut)
    assert "截断" in result.notes[0].message
    assert all(not i.basis for i in result.document.projects[0].indicators)


def test_a_changed_part_of_the_hidden_data_fails_its_checksum(tmp_path):
    def change(ws, rows):
        text = rows[0][2].value
        rows[0][2].value = text.replace("依据", "根据", 1)

    result = _import_with_parts(tmp_path, change)
    assert "校验不符" in result.notes[0].message


def test_hidden_sheet_of_an_earlier_version_is_still_read(hebei_xlsx, tmp_path):
    """Version 1 kept each value in one cell: the settings, then one row per sheet."""
    wb = load_workbook(hebei_xlsx)
    ws = wb[META_SHEET]
    data = json.loads(meta_payload(ws))
    ws.delete_rows(1, ws.max_row)
    ws.append(["format", "goaleditor-xlsx"])
    ws.append(["version", 1])
    ws.append(["source", "export"])
    ws.append(["document", json.dumps(data["document"], ensure_ascii=False)])
    for name, kind, extras in data["sheets"]:
        ws.append(["sheet", name, kind, json.dumps(extras, ensure_ascii=False)])
    wb.save(tmp_path / "v1.xlsx")
    result = read_workbook(tmp_path / "v1.xlsx")
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(storage.load(HEBEI))


@pytest.mark.parametrize("char", ["检", "𠀀"], ids=["bmp", "astral"])
def test_a_text_longer_than_an_excel_cell_round_trips_exactly(char, tmp_path):
    """Excel holds 32,767 characters (UTF-16 units) a cell: the sheet shows the beginning
    and says so, the hidden sheet keeps the rest."""
    from goaleditor.export.xlsx_meta import CELL_TEXT_MAX, CUT_MARK

    doc = make_doc()
    doc.projects[0].purpose = (char + "用于办案\r\n") * 6000 + "。"
    doc.projects[0].indicators[0].description = "描述" * 20000
    path = tmp_path / "long.xlsx"
    write_xlsx(doc, path)
    ws = load_workbook(path).worksheets[0]
    shown = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    cut = [v for v in shown if v.endswith(CUT_MARK)]
    assert len(cut) == 2
    texts = [unescape_controls(v) for v in cut]  # openpyxl leaves \r as Excel's _x000D_
    assert all(len(v.encode("utf-16-le")) // 2 <= CELL_TEXT_MAX for v in texts)
    assert round_trip(doc, tmp_path) == doc


def test_an_edited_cut_text_is_imported_as_edited_with_a_note(tmp_path):
    from goaleditor.export.xlsx_meta import CUT_MARK

    doc = make_doc()
    doc.projects[0].indicators[0].description = "描述" * 20000
    path = tmp_path / "long.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if str(c.value).endswith(CUT_MARK))
    cell.value = "改短了"
    wb.save(path)
    result = read_workbook(path)
    assert result.document.projects[0].indicators[0].description == "改短了"
    assert any(cell.coordinate in n.where and "改动" in n.message for n in result.notes)


def test_unforeseen_failure_is_a_program_fault_not_a_bad_file(hebei_xlsx, monkeypatch):
    import goaleditor.importers.xlsx as xlsx_importer
    from goaleditor.applog import ProgramFault

    def broken(*_args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(xlsx_importer, "read_layout_project", broken)
    with pytest.raises(ProgramFault) as err:
        read_workbook(hebei_xlsx)
    assert "程序错误" in str(err.value) and "hebei.xlsx" in str(err.value)


def test_openpyxl_failure_on_open_is_an_import_problem(hebei_xlsx, monkeypatch):
    import goaleditor.importers.xlsx as xlsx_importer

    def refuse(path):
        raise TypeError("expected <class 'int'>")  # what openpyxl raises on odd XML

    monkeypatch.setattr(xlsx_importer, "load_workbook", refuse)
    with pytest.raises(ImportProblem) as err:
        read_workbook(hebei_xlsx)
    assert "不是有效的 Excel 工作簿" in str(err.value)


# ---------------------------------------------------------------- repair and amounts


def test_repair_resets_each_refused_value_and_notes_it():
    doc = make_doc()
    doc.money_unit = "美元"
    doc.fiscal_year = 1
    p = doc.projects[0]
    p.spending_plan = [Decimal("30.00")]
    p.budget.total = Decimal("1e20")
    p.goals[1] = "坏\ud800"
    notes: list[ImportNote] = []
    repair(doc, notes, lambda path: path, "坏.xlsx")
    assert (doc.money_unit, doc.fiscal_year, p.spending_plan) == ("元", None, [])
    assert (p.budget.total, p.goals) == (None, ["保障安保维稳工作", ""])
    assert sorted(n.where for n in notes) == [
        "document.fiscal_year",
        "document.money_unit",
        "document.projects[0].budget.total",
        "document.projects[0].goals[1]",
        "document.projects[0].spending_plan",
    ]
    assert storage.loads(storage.dumps(doc)) == doc


def test_repair_that_cannot_fix_a_value_is_an_import_problem(monkeypatch):
    def always(doc):
        raise FileFormatError("文件内容有误：金额单位不对。", "document.money_unit")

    monkeypatch.setattr(storage, "validate", always)
    with pytest.raises(ImportProblem) as err:
        repair(make_doc(), [], lambda path: path, "坏.xlsx")
    assert "坏.xlsx" in str(err.value) and "金额单位不对" in str(err.value)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (9.5, "9.50"),
        (200, "200.00"),
        (200.0, "200.00"),
        (0.1 + 0.2, "0.30"),
        (1.234, "1.234"),
        ("1,000.5", "1000.50"),
        ("1.230", "1.23"),
        ("12万元", "120000.00"),
        (None, None),
        ("  ", None),
    ],
)
def test_amounts_get_two_places_unless_the_cell_has_more(cell, expected):
    got, _said = imported_amount(cell, "元", "预算数")
    assert (None if got is None else str(got)) == expected


@pytest.mark.parametrize("cell", [1e20, "1e15", "十万", True, "NaN", "Infinity", "95%", "1.234"])
def test_what_is_no_amount_is_refused(cell):
    got, said = imported_amount(cell, "元", "预算数")
    assert got is None and said.startswith("预算数") and "已留空" in said


def test_huge_amount_in_a_template_is_a_note(tmp_path):
    path = tmp_path / "filled.xlsx"
    write_template(path)
    fill_template(path)
    wb = load_workbook(path)
    ws = wb["项目1"]
    label = next(c for row in ws.iter_rows() for c in row if c.value == "预算数")
    ws.cell(row=label.row, column=label.column + 1, value=1e18)
    wb.save(path)
    result = read_workbook(path)
    assert result.document.projects[0].budget.total is None
    assert any("预算数" in n.message for n in result.notes)
    assert str(result.document.projects[0].budget.other) == "1000.50"
    storage.loads(storage.dumps(result.document))


def test_signature_line_at_the_top_does_not_end_the_form(tmp_path):
    from goaleditor.importers.xlsx_sheet import SheetView
    from goaleditor.importers.xlsx_stray import stray_notes

    wb = Workbook()
    ws = wb.active
    ws.title = "项目1"
    ws.merge_cells("A1:F1")
    ws["A1"] = "1、办案经费绩效目标表"
    ws["A2"] = "填报单位（盖章）：某区人民检察院"
    ws.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
    ws.append(["产出指标", "数量指标", "办案数量", "", "≥100件", ""])
    ws["G4"] = "核对人：王五"
    notes = [n.format_line() for n in stray_notes(SheetView.of_worksheet(ws))]
    assert notes == [
        "工作表“项目1”单元格 G4：表格外的文字未导入：“核对人：王五”。"
        "如需保留，请在编辑器中填到相应栏目。"
    ]


# ---------------------------------------------------------------- remarks under the table


def _rows(p):
    return [(i.level1, i.level2, i.name, i.value) for i in p.indicators]


def test_remarks_under_a_filled_template_are_notes_not_indicators(tmp_path):
    path, wb, ws, first = _filled_sheet(tmp_path)
    last = first + 4  # fill_template's last indicator
    ws[f"A{last + 1}"] = "注：以上指标请于3月底前填报"  # right under the last indicator
    ws[f"A{last + 2}"] = "2.满意度以问卷为准"  # the remark goes on
    ws[f"A{last + 4}"] = "请各科室于3月底前报财务科"  # after a blank row
    ws[f"A{last + 5}"] = "联系电话：0335-1234567"  # a signature line, read as one
    wb.save(path)
    result = read_workbook(path)
    doc = result.document
    assert _rows(doc.projects[0]) == FILLED_INDICATORS
    assert (doc.signature.preparer, doc.signature.phone) == ("王五", "0335-1234567")
    below = "表格下方的文字未导入：“{}”（备注或说明，不是指标）。"
    assert [n.format_line() for n in result.notes] == [
        f"工作表“项目1”第 {last + 1} 行：" + below.format("注：以上指标请于3月底前填报"),
        f"工作表“项目1”第 {last + 2} 行：" + below.format("2.满意度以问卷为准"),
        f"工作表“项目1”第 {last + 4} 行：" + below.format("请各科室于3月底前报财务科"),
    ]


def test_half_done_rows_of_a_template_still_import_and_are_flagged(tmp_path):
    """Only 一级 typed: a category, or any text with indicators below it and no blank
    row above it, is a row the clerk has still to finish, not a remark."""
    from goaleditor.checks import run_checks

    path, wb, ws, first = _filled_sheet(tmp_path)
    ws[f"A{first + 3}"] = "产出指标（待补充）"  # the row fill_template left empty
    ws[f"A{first + 5}"] = "效益指标"  # right under the last indicator
    ws[f"A{first + 7}"] = "成本指标"  # after a blank row
    wb.save(path)
    result = read_workbook(path)
    project = result.document.projects[0]
    assert result.notes == []
    assert _rows(project) == [
        *FILLED_INDICATORS[:3],
        ("产出指标（待补充）", "", "", ""),
        FILLED_INDICATORS[3],
        ("效益指标", "", "", ""),
        ("成本指标", "", "", ""),
    ]
    missing = [
        p.row
        for p in run_checks(result.document)
        if p.rule == "missing_name" and p.project_index == 0
    ]
    assert missing == [3, 5, 6]


def test_remark_and_changed_signature_in_an_export_are_notes(tmp_path):
    path = tmp_path / "doc.xlsx"
    write_xlsx(make_doc(), path)
    wb = load_workbook(path)
    ws = wb["1.安保维稳工作经费"]
    last = max(c.row for row in ws.iter_rows() for c in row if c.column == 3 and c.value)
    ws[f"A{last + 1}"] = "以上指标经科室讨论确定"  # no blank row, no 注: nothing below it
    signature = next(c for row in ws.iter_rows() for c in row if c.value == "填报人：张三")
    signature.value = "填报人：李四"
    wb.save(path)
    result = read_workbook(path)
    doc = result.document
    assert doc.projects[0] == make_doc().projects[0]
    assert doc.signature.preparer == "张三"  # the export's signature is the document's
    assert [n.format_line() for n in result.notes] == [
        f"工作表“1.安保维稳工作经费”第 {last + 1} 行：表格下方的文字未导入："
        "“以上指标经科室讨论确定”（备注或说明，不是指标）。",
        f"工作表“1.安保维稳工作经费”第 {signature.row} 行：签字栏的“填报人：李四”未导入："
        "导出文件的签字栏以文档设置为准（现为“张三”），如需修改，请在编辑器中修改签字栏。",
    ]


def test_remarks_under_a_chengdu_export_are_notes(tmp_path):
    """Column A is the form's label column there: text typed in it under the table
    was dropped without a word; text in the 一级 column after it was an indicator."""
    sample = next(p for p in SAMPLES if p.stem.startswith("chengdu"))
    doc = storage.load(sample)
    path = tmp_path / "chengdu.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    ws = wb["部门整体"]
    end = ws.max_row
    ws[f"A{end + 2}"] = "注：指标编号与年度主要任务对应"
    ws[f"B{end + 3}"] = "以上指标经党组会审定"
    wb.save(path)
    result = read_workbook(path)
    assert result.document.department == doc.department
    assert [n.format_line() for n in result.notes] == [
        f"工作表“部门整体”第 {end + 2} 行：表格下方的文字未导入："
        "“注：指标编号与年度主要任务对应”（备注或说明，不是指标）。",
        f"工作表“部门整体”第 {end + 3} 行：表格下方的文字未导入："
        "“以上指标经党组会审定”（备注或说明，不是指标）。",
    ]


def test_text_inside_the_signature_block_is_a_note(tmp_path):
    path = tmp_path / "hand.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "项目1"
    ws.append(["项目名称", "办案经费"])
    ws.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"])
    ws.append(["产出指标", "数量指标", "办案数量", "", "≥100件"])
    ws.append(["填报人：王五", "", "", "联系电话：123"])
    ws.append(["（签字后请加盖公章）"])
    ws.append(["填报单位（盖章）："])
    wb.save(path)
    result = read_workbook(path)
    assert _rows(result.document.projects[0]) == [("产出指标", "数量指标", "办案数量", "≥100件")]
    assert result.document.signature.preparer == "王五"
    lines = [n.format_line() for n in result.notes]
    assert lines[:-1] == [
        "工作表“项目1”第 5 行：签字栏中的文字未导入：“（签字后请加盖公章）”。"
        "如需保留，请在编辑器中填到相应栏目。",
        # Read by the layout: the rows it prints that the sheet lacks are named.
        "工作表“项目1”第 1 行：按版式“预算项目绩效目标表（省级通用）”未找到这些栏目，"
        "未能读入：预算数、其中：财政资金、其他资金、资金用途、绩效目标。",
    ]
    assert "没有隐藏工作表" in lines[-1]  # a workbook made by hand: what it cannot say is listed


# ---------------------------------------------------------------- rows taller than Excel allows

LONG_SENTENCE = "本指标用于衡量检察机关依法履行法律监督职责、提升办案质量和效率的情况，"


def _long_rows_doc() -> Document:
    doc = make_doc(show_spending_plan=True)
    project = doc.projects[0]
    project.indicators[0].description = LONG_SENTENCE * 25
    project.indicators[0].basis = "历史数据与计划标准；" * 60
    project.indicators[2].description = LONG_SENTENCE * 12
    project.goals = [LONG_SENTENCE * 10] * 6
    project.purpose = LONG_SENTENCE * 40
    return doc


def test_rows_split_for_excel_read_back_as_one_row_each(tmp_path):
    doc = _long_rows_doc()
    assert round_trip(doc, tmp_path) == doc
    ws = load_workbook(tmp_path / "doc.xlsx").worksheets[0]
    form = build_forms(doc)[0]
    assert ws.max_row >= form.n_rows + 4  # the purpose, goals and two indicators were split
    assert any(r.max_row - r.min_row >= 2 and r.min_col == 4 for r in ws.merged_cells.ranges)


def test_split_rows_are_read_back_without_the_hidden_sheet(tmp_path):
    doc = _long_rows_doc()
    path = tmp_path / "doc.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    del wb[META_SHEET]
    wb.save(path)
    back = read_workbook(path).document
    # Labels written with line breaks (资金支出\n计划（%）) are still recognised.
    assert back.layout.show_spending_plan
    got, want = back.projects[0], doc.projects[0]
    assert (got.goals, got.purpose, got.spending_plan) == (
        want.goals,
        want.purpose,
        want.spending_plan,
    )
    fields = ("level1", "level2", "name", "description", "value", "basis")
    assert [[getattr(i, f) for f in fields] for i in got.indicators] == [
        [getattr(i, f) for f in fields] for i in want.indicators
    ]


def test_notes_give_the_sheet_row_below_split_rows(tmp_path):
    doc = _long_rows_doc()
    path = tmp_path / "doc.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    last = next(c for row in ws.iter_rows() for c in row if c.value == "群众满意度").row
    ws.cell(row=last + 1, column=1, value="注：满意度以问卷为准")
    ws.cell(row=last, column=9, value="核对人：王五")
    wb.save(path)
    notes = [n.format_line() for n in read_workbook(path).notes]
    assert (
        f"工作表“{ws.title}”第 {last + 1} 行：表格下方的文字未导入：“注：满意度以问卷为准”（备注或说明，不是指标）。"
        in notes
    )
    assert any(f"单元格 I{last}：" in n for n in notes)


def test_sheet_rows_that_only_continue_merged_cells_are_one_row_with_the_row_above(tmp_path):
    from goaleditor.export.xlsx_sheet import Formats, new_workbook, render_form
    from goaleditor.grid import Form
    from goaleditor.importers.xlsx_sheet import SheetView, norm

    form = Form("s", "s", [20.0, 20.0, 20.0])
    form.add(0, 0, "检察" * 200)
    form.add(0, 1, "资金支出计划（%）")  # a label: written with a line break
    form.add(1, 0, "乙", colspan=3)
    book = new_workbook(tmp_path / "s.xlsx")
    render_form(book, Formats(book), form)
    book.close()
    ws = load_workbook(tmp_path / "s.xlsx")["s"]
    assert ws.max_row > 3
    view = SheetView.of_worksheet(ws)
    assert view.n_rows == 2
    assert view.text(1, 2) == "乙" and view.sheet_row(1) == ws.max_row
    assert view.ranges[(0, 0)] == (0, 0, 0, 0)
    assert "\n" in view.text(0, 1) and view.find("资金支出计划（%）") == (0, 1)
    assert norm("资金支出\n计划（ %）") == "资金支出计划（%）"
