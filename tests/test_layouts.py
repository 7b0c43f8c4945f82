"""Layout files: the schema, the loader's messages, the registry of built-in and own layouts."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest

from goaleditor.errors import GoalEditorError
from goaleditor.forms import build_forms
from goaleditor.layouts import (
    LayoutError,
    builtin_dir,
    parse_layout,
    registry,
    user_layout_dir,
)
from goaleditor.layouts.schema import SchemaError, Validator
from goaleditor.layouts.spec import SCHEMA_FILE, _validator
from goaleditor.model import Budget, Document, Indicator, Layout, Project

BUILTIN_IDS = {"standard", "national", "text", "guangzhou", "chengdu"}


def builtin_data(layout_id: str) -> dict:
    return json.loads((builtin_dir() / f"{layout_id}.json").read_text(encoding="utf-8"))


def own_layout(**changes) -> dict:
    """A clerk's layout: the standard project form under another id, with *changes*."""
    data = builtin_data("standard")
    data.update(id="hubei", name="湖北省项目支出绩效目标表")
    data.update(changes)
    return data


def write_own(data: dict | str, name: str = "hubei.json"):
    folder = user_layout_dir()
    folder.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(data: dict | str, name: str = "x.json") -> LayoutError:
    raw = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    with pytest.raises(LayoutError) as info:
        parse_layout(raw, name)
    return info.value


def test_every_builtin_layout_matches_the_schema_and_is_listed():
    schema = json.loads((builtin_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = Validator(schema)
    ids = set()
    for path in builtin_dir().glob("*.json"):
        if path.name == SCHEMA_FILE:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        assert validator.errors(data) == [], path.name
        assert path.stem == data["id"]
        ids.add(data["id"])
    assert ids >= BUILTIN_IDS
    assert ids == set(registry().layouts)
    assert registry().problems == []


def test_every_builtin_layout_passes_every_check_the_registry_skips():
    """The registry reads the built-in files unchecked (start-up time): the full checks,
    schema and model, must pass here instead, and give the same layout."""
    for spec in registry().layouts.values():
        if spec.builtin:
            checked = parse_layout(spec.path.read_bytes(), spec.path.name, path=spec.path)
            assert checked.data == spec.data, spec.id


def test_schema_keywords_beyond_the_validator_are_refused():
    with pytest.raises(SchemaError):
        Validator({"type": "object", "patternProperties": {}})


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d.update(kind="province"), "kind", "应为"),
        (lambda d: d.pop("rows"), "rows", "缺少这一项"),
        (lambda d: d.update(colour="red"), "colour", "未知的项"),
        (lambda d: d["rows"][1]["cells"][0].update(span=0), "rows[1].cells[0].span", ""),
        (lambda d: d["rows"][1]["cells"][0].update(spam=1), "rows[1].cells[0].spam", "未知的项"),
        (lambda d: d.update(id="Hubei Province"), "id", "格式不对"),
        (lambda d: d["rows"][1]["cells"][0].update(style="fancy"), "style", "样式“fancy”未定义"),
        (
            lambda d: d["rows"][3]["cells"][1].update(field="project.codee"),
            "rows[3].cells[1].field",
            "“codee”不是已知的字段",
        ),
        (
            lambda d: d["rows"][3]["cells"][1].update(field="department.name"),
            "rows[3].cells[1].field",
            "不可用",
        ),
        (
            lambda d: d["rows"][3]["cells"][1].update(field="project.extra.transfer"),
            "rows[3].cells[1].field",
            "fields 中为 project 声明",
        ),
        (lambda d: d["rows"][3].update(when="layout.show_cod"), "rows[3].when", "show_cod"),
        (lambda d: d.update(title="{project.nam}绩效目标表"), "title", "“nam”不是已知的字段"),
        (
            lambda d: d["rows"][-2].update(indicators="department.indicators"),
            "indicators",
            "project.indicators",
        ),
    ],
    ids=[
        "kind",
        "missing-rows",
        "unknown-key",
        "span-zero",
        "unknown-cell-key",
        "bad-id",
        "unknown-style",
        "unknown-field",
        "wrong-root",
        "undeclared-extra",
        "unknown-condition",
        "unknown-placeholder",
        "wrong-indicator-source",
    ],
)
def test_a_broken_layout_is_refused_naming_the_file_and_the_key(change, where, words):
    data = own_layout()
    change(data)
    err = error_of(data, "hubei.json")
    message = str(err)
    assert "“hubei.json”" in message
    assert where in message and words in message
    if words != "缺少这一项":
        assert "第 " in message  # the line of the key, to find it in the file


def test_a_json_syntax_error_names_the_line():
    text = json.dumps(own_layout(), ensure_ascii=False, indent=2)
    lines = text.splitlines()
    lines[5] = lines[5].rstrip(",")  # drop a comma
    err = error_of("\n".join(lines))
    assert "第 7 行" in str(err) and "不是有效的 JSON" in str(err)


def test_a_foreign_json_file_is_named_as_such():
    err = error_of({"format": "goaleditor", "version": 2, "document": {}}, "doc.json")
    assert "“doc.json”不是 goaleditor 版式文件" in str(err)


def test_a_clerks_layout_is_listed_and_prints(tmp_path):
    data = own_layout(
        fields=[{"id": "transfer", "on": "project", "label": "转移支付资金", "type": "amount"}]
    )
    data["rows"].insert(
        6,
        {
            "cells": [
                {"text": "转移支付资金"},
                {"field": "project.extra.transfer", "format": "amount", "span": "rest"},
            ]
        },
    )
    write_own(data)
    reg = registry()
    assert reg.problems == []
    assert reg.get("hubei").name == "湖北省项目支出绩效目标表"
    assert not reg.get("hubei").builtin
    project = Project(name="办案", budget=Budget(total=Decimal(10)), extra={"transfer": "12345.6"})
    doc = Document(projects=[project], layout=Layout(project_layout="hubei"))
    form = build_forms(doc)[0]
    cell = next(c for c in form.cells if c.key == "extra.transfer")
    # Printed in the number format of the layout it was copied from (no separators).
    assert cell.text == "12345.60" and cell.number == Decimal("12345.6")
    assert cell.style.align == "right"


def test_broken_and_clashing_own_layouts_are_left_out_and_builtins_stay():
    write_own("{ not json", "broken.json")
    write_own(own_layout(id="standard"), "copy.json")
    write_own(own_layout(kind="spreadsheet"), "odd.json")
    write_own(own_layout(), "good.json")
    reg = registry()
    assert set(reg.layouts) >= BUILTIN_IDS and "hubei" in reg.layouts
    assert len(reg.problems) == 3
    assert any("“broken.json”第 1 行" in p for p in reg.problems)
    assert any("“copy.json”" in p and "与内置版式重复" in p for p in reg.problems)
    assert any("“odd.json”" in p and "kind" in p for p in reg.problems)
    assert all("未载入" in p for p in reg.problems)


def test_the_registry_rereads_the_folder_when_it_changes():
    assert "hubei" not in registry().layouts
    path = write_own(own_layout())
    assert "hubei" in registry().layouts
    path.unlink()
    assert "hubei" not in registry().layouts


def test_an_unknown_layout_id_is_a_clear_error_when_printing():
    doc = Document(projects=[Project(name="x")], layout=Layout(project_layout="nowhere"))
    with pytest.raises(GoalEditorError, match="没有编号为“nowhere”的版式"):
        build_forms(doc)


def test_a_layout_of_the_wrong_kind_is_refused():
    doc = Document(projects=[Project(name="x")], layout=Layout(project_layout="chengdu"))
    with pytest.raises(LayoutError, match="部门整体表，不能用作项目表"):
        build_forms(doc)


def test_a_cell_outside_the_columns_is_reported_when_printing():
    data = own_layout()
    data["rows"][1]["cells"][0].update(col=5, span=4)
    write_own(data)
    doc = Document(projects=[Project(name="x")], layout=Layout(project_layout="hubei"))
    with pytest.raises(LayoutError, match=r"rows\[1\]\.cells\[0\].*超出了表格的 7 列"):
        build_forms(doc)


def test_own_indicator_column_prints_the_indicators_extra_field():
    data = own_layout(fields=[{"id": "source", "on": "indicator", "label": "数据来源"}])
    block = next(b for b in data["rows"] if "indicators" in b)
    block["columns"][-1] = {"field": "extra.source", "header": "数据来源"}
    write_own(data)
    ind = Indicator(level1="产出指标", name="案件数", value="≥10件", extra={"source": "统计台账"})
    doc = Document(projects=[Project(indicators=[ind])], layout=Layout(project_layout="hubei"))
    form = build_forms(doc)[0]
    assert any(c.text == "数据来源" for c in form.cells)
    assert any(c.text == "统计台账" and c.key == "extra.source" for c in form.cells)


def test_placeholders_alternatives_and_literal_braces():
    data = own_layout(title=["{project.code}号：{project.name}", "{{项目}}{project.name}"])
    write_own(data)
    doc = Document(projects=[Project(name="办案")], layout=Layout(project_layout="hubei"))
    assert build_forms(doc)[0].bookmark == "{项目}办案"
    doc.projects[0].code = "A1"
    assert build_forms(doc)[0].bookmark == "A1号：办案"


def test_the_validator_reports_every_builtin_mistake_once():
    data = copy.deepcopy(builtin_data("chengdu"))
    data["rows"][0]["cells"][0]["span"] = "wide"
    errors = _validator().errors(data)
    assert errors and errors[0][0] == "rows[0].cells[0].span"


NEW_LAYOUTS = ("mof88-project", "mof88-department", "mof101-core", "upload-list")


def _samples():
    from goaleditor import storage
    from goaleditor.resources import resource_path

    return [storage.load(p) for p in sorted(resource_path("samples").glob("*.json"))]


@pytest.mark.parametrize("layout_id", sorted(BUILTIN_IDS | set(NEW_LAYOUTS)))
def test_every_builtin_layout_prints_every_sample_inside_its_columns(layout_id):
    from goaleditor.forms import use_layout

    for doc in _samples():
        if registry().get(layout_id).kind == "department" and doc.department is None:
            continue
        use_layout(doc, layout_id)
        forms = build_forms(doc)
        assert forms
        for form in forms:
            assert form.cells
            for cell in form.cells:
                assert cell.col >= 0 and cell.col + cell.colspan <= form.n_cols
                assert cell.row + cell.rowspan <= form.n_rows


def _doc_with(layout_id: str, **project) -> Document:
    doc = Document(unit_name="某检察院", fiscal_year=2024, projects=[Project(**project)])
    from goaleditor.forms import use_layout

    use_layout(doc, layout_id)
    return doc


def _row_texts(form) -> list[list[str]]:
    rows: dict[int, list] = {}
    for cell in sorted(form.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(cell.row, []).append(cell.text)
    return list(rows.values())


def test_core_indicator_table_prints_sign_number_and_unit_apart_and_the_attributes():
    indicators = [
        Indicator(level1="产出指标", level2="数量指标", name="办案数", value="≥95%",
                  weight=Decimal(30), explanation="办结/受理", scoring="每低1%扣1分",
                  basis_type="历史标准", basis="近三年平均", source="案管系统"),
        Indicator(level1="效益指标", level2="社会效益指标", name="保障", value="有效保障"),
        Indicator(level1="满意度指标", level2="服务对象满意度指标", name="满意度", value="90分"),
    ]  # fmt: skip
    form = build_forms(_doc_with("mof101-core", name="办案", indicators=indicators))[0]
    by_key = {}
    for cell in form.cells:
        by_key.setdefault(cell.key, []).append(cell.text)
    assert by_key["value.sign"] == ["≥", "定性", "="]
    assert by_key["value.number"] == ["95", "有效保障", "90"]
    assert by_key["value.unit"] == ["%", "", "分"]
    assert by_key["weight"][0] == "30" and by_key["scoring"][0] == "每低1%扣1分"
    assert by_key["basis"][0] == "历史标准：近三年平均" and by_key["source"][0] == "案管系统"
    headers = {c.text for c in form.cells if c.style.bold}
    assert {"指标性质", "度量单位", "权重", "评（扣）分标准", "指标值设定依据"} <= headers


def test_national_88_form_prints_its_own_medium_term_amounts():
    project = Project(
        name="办案",
        budget=Budget(total=Decimal(100), fiscal=Decimal(80), other=Decimal(20)),
        extra={"period_total": "300", "period_fiscal": "240", "period_other": "60"},
    )
    form = build_forms(_doc_with("mof88-project", **vars(project)))[0]
    texts = _row_texts(form)
    tails = [row[-4:] for row in texts]
    assert ["中期资金总额", "300.00", "年度资金总额", "100.00"] in tails
    assert ["其中：财政拨款", "240.00", "其中：财政拨款", "80.00"] in tails
    assert any(row[:1] == ["（2024年度）"] for row in texts)


def test_upload_list_has_one_row_per_indicator_of_every_project():
    from goaleditor.forms import use_layout

    doc = Document(
        projects=[
            Project(code="A1", name="甲", indicators=[Indicator(name="x1"), Indicator(name="x2")]),
            Project(
                code="B2", name="乙", indicators=[Indicator(name="y1", extra={"remark": "注"})]
            ),
        ]
    )
    use_layout(doc, "upload-list")
    (form,) = build_forms(doc)
    rows = _row_texts(form)
    body = rows[3:]
    assert [[*r[:3], r[5]] for r in body] == [
        ["1", "A1", "甲", "x1"], ["2", "A1", "甲", "x2"], ["3", "B2", "乙", "y1"],
    ]  # fmt: skip
    assert body[-1][-1] == "注"
    (selected,) = build_forms(doc, [1])
    assert [r[1] for r in _row_texts(selected)[3:]] == ["B2"]


def test_88_department_form_prints_task_amounts_of_its_own():
    from goaleditor.model import DepartmentBudget, DepartmentGoals, Task

    dept = DepartmentGoals(
        name="某院",
        tasks=[Task(name="办案", amount=Decimal(10), extra={"fiscal": "8", "other": "2"})],
        budget=DepartmentBudget(total=Decimal(10), fiscal=Decimal(8), other=Decimal(2)),
    )
    doc = Document(department=dept)
    from goaleditor.forms import use_layout

    use_layout(doc, "mof88-department")
    assert doc.layout.department_form == "chengdu"
    (form,) = build_forms(doc)
    texts = _row_texts(form)
    tails = [row[-5:] for row in texts]
    assert ["1、办案", "", "10.00", "8.00", "2.00"] in tails
    assert ["金额合计", "10.00", "8.00", "2.00"] in [row[-4:] for row in texts]


def test_the_worked_example_in_the_docs_loads_and_prints():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "layouts.md").read_text("utf-8")
    example = text.split("```json\n", 1)[1].split("\n```", 1)[0]
    write_own(example)
    spec = registry().get("hubei-project")
    assert [f.label for f in spec.fields] == ["转移支付资金", "立项依据", "备注"]
    project = Project(
        name="办案",
        budget=Budget(total=Decimal(100), fiscal=Decimal(60)),
        extra={"transfer": "40", "legal_basis": "《通知》"},
        indicators=[
            Indicator(level1="产出指标", name="办案数", value="≥10件", extra={"remark": "注"})
        ],
    )
    doc = Document(projects=[project], layout=Layout(project_layout="hubei-project"))
    (form,) = build_forms(doc)
    texts = [c.text for c in form.cells]
    assert "40.00" in texts and "《通知》" in texts and "注" in texts
    assert "项目责任人（签字）：__________" in texts and "单位（盖章）：" in texts


def test_importers_read_only_text_attributes_by_their_headers():
    """权重 is a number: a 权重 column in a foreign table must not land in it as text."""
    import typing

    from goaleditor.labels import INDICATOR_HEADERS

    hints = typing.get_type_hints(Indicator)
    assert all(hints[field] is str for field in INDICATOR_HEADERS.values())
