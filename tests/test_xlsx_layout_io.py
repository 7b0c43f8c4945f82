"""Excel import by the layout file: every built-in layout × every sample, export → import."""

from __future__ import annotations

import copy
import shutil
from decimal import Decimal
from functools import cache

import pytest
from openpyxl import load_workbook

from goaleditor import storage
from goaleditor.export.template import (
    DEPARTMENT_ITEMS,
    INDICATOR_ROWS,
    blank_document,
    write_template,
)
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_meta import META_SHEET
from goaleditor.forms import DEPARTMENT_SHEET, build_forms, layout_choice, use_layout
from goaleditor.forms.fields import project_fields, project_indicator_fields
from goaleditor.importers.xlsx import read_workbook
from goaleditor.importers.xlsx_layout import join_value
from goaleditor.layouts import registry
from goaleditor.model import DutyGoal, Layout, Task
from goaleditor.storage import to_json_value
from test_forms import SAMPLES

#: Every project layout: the classic forms are read by their layout files too.
FILE_LAYOUTS = [s.id for s in registry().of_kind("project")]
#: Every department layout, the classic forms included.
DEPARTMENT_FILE_LAYOUTS = [s.id for s in registry().of_kind("department")]
#: Samples with projects to print.
PROJECT_SAMPLES = [p for p in SAMPLES if storage.load(p).projects]


@cache
def _exported(sample, layout_id: str, tmp) -> tuple:
    doc = storage.load(sample)
    use_layout(doc, layout_id)
    path = tmp / f"{sample.stem}-{layout_id}.xlsx"
    write_xlsx(doc, path)
    return doc, path


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("layoutio")


def _printed(doc) -> list:
    """What the project forms print: the fields the layout shows, per project and indicator."""
    shown = sorted(project_fields(doc.layout) - {"indicators"})
    columns = sorted(f for f in project_indicator_fields(doc.layout) if "." not in f)
    return [
        (
            {k: to_json_value(getattr(p, k)) for k in shown},
            [{k: to_json_value(getattr(ind, k)) for k in columns} for ind in p.indicators],
        )
        for p in doc.projects
    ]


def _applies(sample, layout_id: str) -> bool:
    return registry().get(layout_id).kind != "department" or (
        storage.load(sample).department is not None
    )


@pytest.mark.parametrize(
    ("sample", "layout_id"),
    [
        (sample, spec.id)
        for sample in SAMPLES
        for kind in ("project", "department", "list")
        for spec in registry().of_kind(kind)
        if _applies(sample, spec.id)
    ],
    ids=str,
)
def test_every_layout_and_sample_round_trips(sample, layout_id, tmp):
    """Every built-in layout × every sample: export → import gives the same document,
    also where the form prints less than the document holds (the text form: no tasks)."""
    doc, path = _exported(sample, layout_id, tmp)
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)


def test_the_classic_forms_are_read_by_their_layout_files_too():
    assert {"mof101-core", "mof88-project", "standard", "national"} <= set(FILE_LAYOUTS)
    assert {"text", "guangzhou", "chengdu", "mof88-department"} <= set(DEPARTMENT_FILE_LAYOUTS)


def _forms(doc) -> list:
    """Every cell text of every form *doc* prints."""
    return [[(c.row, c.col, c.text) for c in form.cells] for form in build_forms(doc)]


def _relabel(monkeypatch, layout_id: str, changes: dict[str, str]) -> None:
    """Change label and header texts of a built-in layout for one test."""
    from goaleditor.layouts import builtin_layout
    from goaleditor.layouts.spec import walk_blocks

    for block in walk_blocks(builtin_layout(layout_id).data["rows"]):
        for entry in [*block.get("cells", []), *block.get("columns", [])]:
            for key in ("text", "header"):
                if isinstance(entry.get(key), str) and entry[key] in changes:
                    monkeypatch.setitem(entry, key, changes[entry[key]])


def test_a_classic_form_is_found_by_what_its_layout_file_prints(monkeypatch, tmp_path):
    """No table of labels beside the layout: relabel the standard form's file and the
    export still imports exactly, with and without its hidden sheet."""
    _relabel(monkeypatch, "standard", {"绩效目标": "年度绩效目标", "指标值": "年度指标值"})
    doc = storage.load(PROJECT_SAMPLES[0])
    doc.department = None
    path = tmp_path / "relabelled.xlsx"
    write_xlsx(doc, path)
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)
    wb = load_workbook(path)
    del wb[META_SHEET]
    wb.save(path)
    assert _forms(read_workbook(path).document) == _forms(doc)


def test_a_classic_department_form_is_found_by_its_layout_file(monkeypatch, tmp_path):
    _relabel(monkeypatch, "chengdu", {"主要内容": "主要工作内容", "资金总额": "资金合计"})
    doc = storage.load(next(p for p in SAMPLES if p.stem == "chengdu_2022"))
    path = tmp_path / "relabelled.xlsx"
    write_xlsx(doc, path)
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)


@pytest.mark.parametrize("layout_id", FILE_LAYOUTS)
@pytest.mark.parametrize("sample", PROJECT_SAMPLES, ids=lambda p: p.stem)
def test_export_import_gives_the_same_document(sample, layout_id, tmp):
    doc, path = _exported(sample, layout_id, tmp)
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)


@pytest.mark.parametrize(
    ("sample", "layout_id"),
    [
        (sample, spec.id)
        for sample in SAMPLES
        for kind in ("project", "department")
        for spec in registry().of_kind(kind)
        if _applies(sample, spec.id) and (kind == "department" or sample in PROJECT_SAMPLES)
    ],
    ids=lambda x: getattr(x, "stem", x),
)
def test_without_hidden_sheet_the_visible_cells_give_what_is_printed(sample, layout_id, tmp):
    """Every project and department layout, the classic forms included: the document read
    from the visible cells alone prints the same forms, cell for cell."""
    doc, path = _exported(sample, layout_id, tmp)
    wb = load_workbook(path)
    del wb[META_SHEET]
    bare = tmp / f"{sample.stem}-{layout_id}-bare.xlsx"
    wb.save(bare)
    got = read_workbook(bare).document
    lay = got.layout
    if registry().get(layout_id).kind == "project":
        chosen = (lay.project_form, lay.project_layout)
        assert chosen == layout_choice(layout_id, doc.layout.project_form)
    else:
        chosen = (lay.department_form, lay.department_layout)
        assert chosen == layout_choice(layout_id, doc.layout.department_form)
    assert _printed(got) == _printed(doc)
    assert _forms(got) == _forms(doc)


def test_visible_cells_count_and_typed_values_are_joined(tmp):
    """A clerk's edits of 指标性质 · 指标值 · 度量单位, 权重 and an amount are read back."""
    _doc, path = _exported(PROJECT_SAMPLES[0], "mof101-core", tmp)
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[1]]  # the first project (the department form comes first)
    header = next(r for r in ws.iter_rows() if r[0].value and "一级" in str(r[0].value))
    heads = {str(c.value).replace("\n", ""): c.column for c in header if c.value}
    row = header[0].row + 1
    ws.cell(row, heads["指标性质"]).value = "≤"
    ws.cell(row, heads["指标值"]).value = "7"
    ws.cell(row, heads["度量单位"]).value = "天"
    ws.cell(row, heads["权重"]).value = 15
    ws.cell(row, heads["指标解释"]).value = "按自然日计"
    edited = tmp / "edited.xlsx"
    wb.save(edited)
    got = read_workbook(edited).document.projects[0].indicators[0]
    assert (got.value, got.weight, got.explanation) == ("≤7天", Decimal(15), "按自然日计")


def test_a_field_not_found_is_named(tmp):
    doc, path = _exported(PROJECT_SAMPLES[0], "mof88-project", tmp)
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[1]]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "实施单位":
                cell.value = "执行单位"
    changed = tmp / "relabelled.xlsx"
    wb.save(changed)
    result = read_workbook(changed)
    said = [n.message for n in result.notes if "未找到" in n.message]
    assert said and "实施单位" in said[0] and "主管部门" in said[0]
    assert result.document.projects[0].attribute == doc.projects[0].attribute


@pytest.mark.parametrize(
    ("parts", "typed"),
    [
        (("≥", "95", "%"), "≥95%"),
        (("=", "3", "人"), "3人"),
        (("≤", "10", "个工作日"), "≤10个工作日"),
        (("定性", "群众满意", ""), "群众满意"),
        (("", "", ""), ""),
    ],
)
def test_value_printed_apart_is_joined_back(parts, typed):
    assert join_value(*parts) == typed


# ------------------------------------------------------------------ department layout files

DEPARTMENT_SAMPLES = [p for p in SAMPLES if storage.load(p).department is not None]


@pytest.mark.parametrize("layout_id", DEPARTMENT_FILE_LAYOUTS)
@pytest.mark.parametrize("sample", DEPARTMENT_SAMPLES, ids=lambda p: p.stem)
def test_a_department_layout_file_imports_back(sample, layout_id, tmp):
    """Tasks printed a row each (with their number before the name, the header again on
    each new page), the layout's own task amounts, the department's amounts."""
    doc, path = _exported(sample, layout_id, tmp)
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)


@pytest.mark.parametrize("sample", DEPARTMENT_SAMPLES, ids=lambda p: p.stem)
def test_without_hidden_sheet_the_88_department_form_is_recognised(sample, tmp):
    doc, path = _exported(sample, "mof88-department", tmp)
    wb = load_workbook(path)
    del wb[META_SHEET]
    bare = tmp / f"{sample.stem}-dept-bare.xlsx"
    wb.save(bare)
    got = read_workbook(bare).document
    assert got.layout.department_layout == "mof88-department"
    assert got.unit_name == doc.unit_name  # without 填报单位（盖章）：
    a, b = doc.department, got.department
    assert (b.name, b.overall_goal) == (a.name, a.overall_goal)

    def printed(tasks):  # 期望达到的目标 is not on this form
        return [(t.name, t.content, t.amount, t.extra) for t in tasks]

    assert printed(b.tasks) == printed(a.tasks)
    assert (b.budget.total, b.budget.fiscal, b.budget.other) == (
        a.budget.total,
        a.budget.fiscal,
        a.budget.other,
    )
    shown = [(i.level1, i.level2, i.name, i.value) for i in a.indicators]
    assert [(i.level1, i.level2, i.name, i.value) for i in b.indicators] == shown


def test_a_department_task_typed_on_the_sheet_is_read(tmp):
    sample = next(p for p in DEPARTMENT_SAMPLES if storage.load(p).department.tasks)
    doc, path = _exported(sample, "mof88-department", tmp)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    row = next(r for r in ws.iter_rows() if r[1].value and str(r[1].value).startswith("1"))
    row[1].value = "1、改过的任务"
    changed = tmp / "task-changed.xlsx"
    wb.save(changed)
    got = read_workbook(changed).document.department
    assert got.tasks[0].name == "改过的任务"
    assert got.tasks[1:] == doc.department.tasks[1:]


def test_printed_amounts_and_own_fields_typed_on_the_sheet_count(tmp_path):
    """The sheet wins for what the layout prints (a task's 预算申请总额 and the layout's own
    财政拨款); the hidden sheet keeps what it does not (another layout's own field)."""
    doc = storage.load(DEPARTMENT_SAMPLES[0])
    use_layout(doc, "mof88-department")
    doc.department.tasks = doc.department.tasks[:1] or [Task(name="甲")]
    doc.department.tasks[0].extra = {"fiscal": "10", "elsewhere": "另一版式的值"}
    path = tmp_path / "dept.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]

    def label(cell) -> str:
        return str(cell.value or "").replace("\n", "")

    head = next(r for r in ws.iter_rows() if any(label(c) == "预算申请总额" for c in r))
    col = {label(c): c.column for c in head if c.value}
    row = head[0].row + 1
    ws.cell(row, col["预算申请总额"]).value = 12.5
    ws.cell(row, col["财政拨款"]).value = 7
    wb.save(path)
    task = read_workbook(path).document.department.tasks[0]
    assert task.amount == Decimal("12.50")
    assert task.extra == {"fiscal": "7.00", "elsewhere": "另一版式的值"}


# ------------------------------------------------------------------ the flat upload list

LIST_LAYOUTS = [s.id for s in registry().of_kind("list")]


@pytest.mark.parametrize("layout_id", LIST_LAYOUTS)
@pytest.mark.parametrize("sample", PROJECT_SAMPLES, ids=lambda p: p.stem)
def test_a_list_layout_is_one_sheet_and_imports_back(sample, layout_id, tmp):
    doc, path = _exported(sample, layout_id, tmp)
    wb = load_workbook(path)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    rows = sum(len(p.indicators) for p in doc.projects)
    assert len(visible) == 1 + (doc.department is not None)
    assert visible[-1].max_row >= rows + 3  # title, unit line, header, a row per indicator
    result = read_workbook(path)
    assert result.notes == []
    assert storage.dumps(result.document) == storage.dumps(doc)
    del wb[META_SHEET]
    bare = tmp / f"{sample.stem}-{layout_id}-bare.xlsx"
    wb.save(bare)
    got = read_workbook(bare).document
    assert got.layout.project_layout == layout_id
    with_rows = [p for p in doc.projects if p.indicators]
    assert [(p.code, p.name) for p in got.projects] == [(p.code, p.name) for p in with_rows]
    assert _printed(got) == [
        x for x, p in zip(_printed(doc), doc.projects, strict=True) if p.indicators
    ]


def test_a_list_keeps_projects_without_rows_and_reads_rows_added_by_hand(tmp_path):
    doc = storage.load(PROJECT_SAMPLES[0])
    doc.department = None
    doc.projects = doc.projects[:2]
    doc.projects[1].indicators = []  # prints no row; the hidden sheet keeps it
    use_layout(doc, "upload-list")
    path = tmp_path / "list.xlsx"
    write_xlsx(doc, path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    last = ws.max_row + 1
    for col, text in enumerate(["", "X-1", "手填项目", "产出指标", "数量指标", "培训人次"], 1):
        ws.cell(last, col).value = text
    ws.cell(last, 8).value = "≥100人次"
    wb.save(path)
    got = read_workbook(path).document
    assert [p.name for p in got.projects] == [
        doc.projects[0].name,
        doc.projects[1].name,
        "手填项目",
    ]
    assert got.projects[1].indicators == [] and got.projects[1].goals == doc.projects[1].goals
    added = got.projects[2]
    assert (added.code, added.indicators[0].name, added.indicators[0].value) == (
        "X-1",
        "培训人次",
        "≥100人次",
    )


# ------------------------------------------------------------------ the fill-in template

PROJECT_LAYOUTS = [s.id for s in registry().of_kind("project")]


def _template(layout_id: str, tmp) -> tuple:
    layout = Layout()
    layout.project_form, layout.project_layout = layout_choice(layout_id, layout.project_form)
    path = tmp / f"template-{layout_id}.xlsx"
    write_template(path, layout)
    return layout, path


def _fill(path, doc) -> None:
    """Type the first project of *doc* into the first project sheet, as a clerk would:
    the texts the form prints, amounts as numbers, 一级/二级 only where they change."""
    form = build_forms(doc)[0]
    wb = load_workbook(path)
    ws = wb["项目1"]
    for cell in form.cells:
        if cell.key and cell.key not in ("unit_line", "signature") and cell.text:
            value = float(cell.number) if cell.number is not None else cell.text
            ws.cell(cell.row + 1, cell.col + 1).value = value
    wb.save(path)


@pytest.mark.parametrize("layout_id", PROJECT_LAYOUTS)
@pytest.mark.parametrize("sample", PROJECT_SAMPLES, ids=lambda p: p.stem)
def test_a_template_filled_in_imports_exactly(sample, layout_id, tmp_path):
    layout, path = _template(layout_id, tmp_path)
    doc = blank_document(layout)
    project = copy.deepcopy(storage.load(sample).projects[0])
    project.indicators = project.indicators[:INDICATOR_ROWS]
    project.indicators[0].basis_type = "计划标准"  # 101号 prints 依据 as 类型：依据
    project.indicators[0].basis = "按年度工作计划"
    if "extra.remark" in {f for _h, f, _fmt in registry().get(layout_id).indicator_columns()}:
        project.indicators[0].extra["remark"] = "手填备注"
    doc.projects = [project]
    _fill(path, doc)
    result = read_workbook(path)
    got = result.document
    assert result.notes == []  # the template's own formulas (title, unit line) are no data
    assert got.layout == layout
    assert _printed(got) == _printed(doc)


def test_the_template_helps_with_the_layouts_own_cells(tmp_path):
    _layout, path = _template("mof101-core", tmp_path)
    ws = load_workbook(path)["项目1"]
    header = next(r for r in ws.iter_rows() if r[0].value and "一级" in str(r[0].value))
    heads = {str(c.value).replace("\n", ""): c.column_letter for c in header if c.value}
    first = header[0].row + 1
    helps = {
        d.promptTitle: (d.type, d.formula1, str(d.sqref))
        for d in ws.data_validations.dataValidation
    }
    assert helps["指标性质"][:2] == ("list", '"≥,≤,=,定性"')
    assert f"{heads['指标性质']}{first}" in helps["指标性质"][2]
    for title in ("权重", "指标解释", "评（扣）分标准", "数据来源", "度量单位"):
        assert f"{heads[title]}{first}" in helps[title][2]
    national = load_workbook(_template("mof88-project", tmp_path)[1])["项目1"]
    assert national["A1"].value == "项目支出绩效目标申报表"  # the layout's title, not ours
    amounts = [d for d in national.data_validations.dataValidation if d.type == "decimal"]
    assert len(amounts) == 6  # 中期 (the layout's own fields) and 年度 amounts


def test_a_list_template_filled_in_imports_as_projects(tmp_path):
    layout, path = _template("upload-list", tmp_path)
    wb = load_workbook(path)
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == [
        "填报信息",
        "指标清单",
    ]
    ws = wb["指标清单"]
    helps = {d.promptTitle for d in ws.data_validations.dataValidation}
    assert {"项目编码", "项目名称", "一级指标", "评（扣）分标准"} <= helps
    header = next(r for r in ws.iter_rows() if r[0].value and "序" in str(r[0].value))
    first = header[0].row + 1
    rows = [
        ["X-1", "甲项目", "产出指标", "数量指标", "培训人次", "", "≥100人次", "少1人次扣1分", ""],
        ["X-1", "甲项目", "", "", "培训合格率", "", "≥95%", "", "抽查"],
        ["X-2", "乙项目", "满意度指标", "服务对象满意度指标", "满意度", "", "≥90%", "", ""],
    ]
    for i, values in enumerate(rows):
        for col, value in enumerate(values, 2):
            ws.cell(first + i, col).value = value or None
    wb.save(path)
    result = read_workbook(path)
    got = result.document
    assert result.notes == [] and got.layout == layout
    assert [(p.code, p.name, len(p.indicators)) for p in got.projects] == [
        ("X-1", "甲项目", 2),
        ("X-2", "乙项目", 1),
    ]
    second = got.projects[0].indicators[1]
    assert (second.level1, second.level2, second.value, second.extra) == (
        "产出指标",
        "数量指标",
        "≥95%",
        {"remark": "抽查"},
    )
    assert got.projects[0].indicators[0].scoring == "少1人次扣1分"


# ------------------------------------------------------------------ department templates


def _department_template(layout_id: str, tmp) -> tuple:
    layout = Layout()
    layout.department_form, layout.department_layout = layout_choice(layout_id, "")
    path = tmp / f"template-{layout_id}.xlsx"
    write_template(path, layout)
    return layout, path


def _template_department(sample):
    """(what to type, what comes back): the sample's department cut to the template's blank
    items, the lists filled to its number of rows (a blank goal as a blank kept row)."""
    dept = copy.deepcopy(storage.load(sample).department)
    dept.tasks = dept.tasks[:DEPARTMENT_ITEMS]
    dept.duty_goals = dept.duty_goals[:DEPARTMENT_ITEMS]
    dept.safeguard_items = dept.safeguard_items[:DEPARTMENT_ITEMS]
    dept.indicators = dept.indicators[:INDICATOR_ROWS]
    expected = copy.deepcopy(dept)
    typed = copy.deepcopy(dept)
    typed.tasks += [Task() for _ in range(DEPARTMENT_ITEMS - len(dept.tasks))]
    typed.duty_goals += [DutyGoal() for _ in range(DEPARTMENT_ITEMS - len(dept.duty_goals))]
    for duty in typed.duty_goals:
        duty.goal = duty.goal or " "
    typed.safeguard_items += [""] * (DEPARTMENT_ITEMS - len(dept.safeguard_items))
    return typed, expected


def _fill_department(path, doc) -> None:
    """Type the department form of *doc* into the template's 部门整体 sheet, cell by cell."""
    form = build_forms(doc)[0]
    wb = load_workbook(path)
    ws = wb[DEPARTMENT_SHEET]
    for cell in form.cells:
        if cell.key and cell.key not in ("unit_line", "signature") and cell.text.strip():
            _type(ws.cell(cell.row + 1, cell.col + 1), cell)
    wb.save(path)


def _type(target, cell) -> None:
    """What a clerk types into a text cell stays text (``=100%`` is no formula there)."""
    if cell.number is not None:
        target.value = float(cell.number)
    else:
        target.value = cell.text
        target.data_type = "s"


@pytest.mark.parametrize("layout_id", DEPARTMENT_FILE_LAYOUTS)
@pytest.mark.parametrize("sample", DEPARTMENT_SAMPLES, ids=lambda p: p.stem)
def test_a_department_template_filled_in_imports_exactly(sample, layout_id, tmp_path):
    """部门整体 in every department layout: the template's form, typed in as printed,
    reads back to the department that prints the same form."""
    layout, path = _department_template(layout_id, tmp_path)
    typed, expected = _template_department(sample)
    doc = blank_document(layout)
    doc.projects, doc.department = [], typed
    _fill_department(path, doc)
    result = read_workbook(path)
    assert result.notes == []
    got = result.document
    assert got.layout == layout and got.projects == []
    doc.department = expected
    assert _forms(got) == _forms(doc)


def test_a_department_template_has_help_dropdowns_and_text_cells(tmp_path):
    from goaleditor.export.xlsx_sheet import TEXT_FORMAT

    _layout, path = _department_template("guangzhou", tmp_path)
    wb = load_workbook(path)
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == [
        "填报信息",
        DEPARTMENT_SHEET,
        "项目1",
        "项目2",
        "项目3",
    ]
    ws = wb[DEPARTMENT_SHEET]
    helps = {d.promptTitle: d for d in ws.data_validations.dataValidation}
    assert {"部门名称", "总体绩效目标", "任务名称", "主要内容", "期望达到的目标"} <= set(helps)
    assert helps["一级指标"].type == "list" and helps["二级指标"].type == "list"
    amounts = [d for d in ws.data_validations.dataValidation if d.type == "decimal"]
    cells = [rng for d in amounts for rng in d.sqref.ranges]
    assert len(cells) == 8 + DEPARTMENT_ITEMS  # 预算 (8 amounts) and each task's amount
    name = next(iter(helps["部门名称"].sqref.ranges)).coord
    assert ws[name].number_format == TEXT_FORMAT
    goal = next(iter(helps["总体绩效目标"].sqref.ranges)).coord
    task = next(iter(helps["主要内容"].sqref.ranges)).coord
    heights = [ws.row_dimensions[ws[c].row].height or 15 for c in (name, goal, task)]
    assert heights[1] >= 5 * 10.5 and heights[2] >= 3 * 10.5 > heights[0]  # sized for text


@pytest.mark.parametrize("layout_id", ["text", "mof88-department"])
def test_every_input_cell_of_a_department_template_has_help(layout_id, tmp_path):
    from openpyxl.utils import range_boundaries

    layout, path = _department_template(layout_id, tmp_path)
    ws = load_workbook(path)[DEPARTMENT_SHEET]
    covered = set()
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            c1, r1, c2, r2 = range_boundaries(rng.coord)
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    form = build_forms(blank_document(layout))[0]
    inputs = {
        (c.row + 1, c.col + 1)
        for c in form.cells
        if c.key and c.key not in ("unit_line", "signature", "row_number")
    }
    assert inputs and inputs <= covered


def test_a_department_form_left_blank_is_no_department(tmp_path):
    """Like a project sheet left blank: the layout stays, no empty 部门整体 is made up."""
    layout, path = _department_template("guangzhou", tmp_path)
    got = read_workbook(path).document
    assert got.department is None and got.layout == layout


def test_cli_template_in_a_department_layout(tmp_path, capsys):
    from goaleditor.cli import main

    out = tmp_path / "部门.xlsx"
    assert main(["template", "--xlsx", str(out), "--layout", "mof88-department"]) == 0
    wb = load_workbook(out)
    assert wb[DEPARTMENT_SHEET]["A1"].value == "部门（单位）整体支出绩效目标申报表"
    assert read_workbook(out).document.layout.department_layout == "mof88-department"


# ------------------------------------------------------------------ through LibreOffice


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_filled_templates_saved_by_libreoffice_import_exactly(tmp_path):
    """Every built-in layout's template, filled with openpyxl and saved again by
    LibreOffice (``soffice --convert-to xlsx``, as a clerk's 另存为), imports exactly."""
    from test_xlsx_export import convert_with_libreoffice

    sample = next(p for p in SAMPLES if p.stem == "hebei_2020")
    filled = tmp_path / "filled"
    filled.mkdir()
    expected = {}
    for layout_id in PROJECT_LAYOUTS:
        layout, path = _template(layout_id, filled)
        doc = blank_document(layout)
        project = copy.deepcopy(storage.load(sample).projects[0])
        project.indicators = project.indicators[:INDICATOR_ROWS]
        doc.projects = [project]
        if registry().get(layout_id).kind == "list":
            continue  # the list's template is filled row by row in its own test
        _fill(path, doc)
        expected[path.name] = ("project", doc)
    for layout_id in DEPARTMENT_FILE_LAYOUTS:
        layout, path = _department_template(layout_id, filled)
        typed, dept = _template_department(sample)
        doc = blank_document(layout)
        doc.projects, doc.department = [], typed
        _fill_department(path, doc)
        doc.department = dept
        expected[path.name] = ("department", doc)
    saved = tmp_path / "saved"
    saved.mkdir()
    for name in expected:
        convert_with_libreoffice(filled / name, "xlsx", saved)
    for name, (kind, doc) in expected.items():
        result = read_workbook(saved / name)
        assert result.notes == [], name
        got = result.document
        if kind == "project":
            assert _printed(got) == _printed(doc), name
        else:
            assert _forms(got) == _forms(doc), name


def test_the_text_form_template_reads_duties_typed_over_their_numbers(tmp_path):
    """A clerk types 职能：职责 over the printed ``1、`` and leaves some goal rows blank."""
    _layout, path = _department_template("text", tmp_path)
    wb = load_workbook(path)
    ws = wb[DEPARTMENT_SHEET]
    numbered = [c for row in ws.iter_rows() for c in row if c.value in ("1、", "2、", "3、")]
    duties = numbered[:3]  # 分项绩效目标 first, then 保障措施
    duties[0].value = "侦查监督：审查逮捕"
    duties[1].value = "公诉"  # no goal on the row below
    ws.cell(duties[0].row + 1, 1).value = "提高批捕准确率"
    ws.cell(duties[2].row + 1, 1).value = "只有目标"
    wb.save(path)
    got = read_workbook(path).document.department
    assert [(d.duty, d.responsibilities, d.goal) for d in got.duty_goals] == [
        ("侦查监督", "审查逮捕", "提高批捕准确率"),
        ("公诉", "", ""),
        ("", "", "只有目标"),
    ]
