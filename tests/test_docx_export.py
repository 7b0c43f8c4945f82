"""Word export: the forms as Word tables, read back by the Word importer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor import storage
from goaleditor.export.docx import write_docx
from goaleditor.forms.fields import (
    DEPARTMENT_BUDGET_FIELDS,
    DEPARTMENT_FIELDS,
    TASK_FIELDS,
    department_indicator_fields,
    project_fields,
    project_indicator_fields,
)
from goaleditor.importers.docx import read_docx
from goaleditor.model import (
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Task,
)
from test_forms import SAMPLES, make_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def printed(doc: Document) -> dict:
    """What the forms of *doc* print: every project, indicator and department field."""
    layout = doc.layout
    p_fields = sorted(project_fields(layout) - {"indicators"})
    i_fields = sorted(project_indicator_fields(layout))
    out: dict = {
        "unit": (doc.unit_code, doc.unit_name),
        "money_unit": doc.money_unit,
        "projects": [
            (
                {f: getattr(p, f) for f in p_fields},
                [{f: getattr(i, f) for f in i_fields} for i in p.indicators],
            )
            for p in doc.projects
        ],
    }
    if doc.signature.enabled:
        out["signature"] = doc.signature
    kind = layout.department_form
    dept = doc.department
    if kind and dept is not None:
        fields = DEPARTMENT_FIELDS[kind]
        d = {f: getattr(dept, f) for f in sorted(fields - {"tasks", "budget", "indicators"})}
        if "tasks" in fields:
            d["tasks"] = [{f: getattr(t, f) for f in sorted(TASK_FIELDS[kind])} for t in dept.tasks]
        if "budget" in fields:
            d["budget"] = {f: getattr(dept.budget, f) for f in DEPARTMENT_BUDGET_FIELDS[kind]}
        if "indicators" in fields:
            ind = sorted(department_indicator_fields(kind))
            d["indicators"] = [{f: getattr(i, f) for f in ind} for i in dept.indicators]
        out["department"] = d
    return out


def round_trip(doc: Document, tmp_path) -> Document:
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    result = read_docx(path)
    back = result.document
    assert back.layout.project_form == doc.layout.project_form or not doc.projects
    assert back.layout.department_form == (doc.layout.department_form if doc.department else "")
    assert printed(back) == printed(doc)
    return back


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_round_trips(path, tmp_path):
    doc = storage.load(path)
    back = round_trip(doc, tmp_path)
    assert back.layout == doc.layout
    assert back.fiscal_year == doc.fiscal_year or doc.fiscal_year is None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_round_trips_with_its_signature(path, tmp_path):
    doc = storage.load(path)
    doc.signature.enabled = True
    doc.signature.preparer, doc.signature.phone = "张三", "0335-1234567"
    round_trip(doc, tmp_path)


LAYOUTS = {
    "full": Layout(show_code=True, show_spending_plan=True, show_basis=True),
    "bare": Layout(show_code=False, show_spending_plan=False, show_basis=False, number_style="."),
    "national": Layout(project_form="national", show_basis=True),
    "national-bare": Layout(project_form="national", show_basis=False, show_code=False),
}


def _department(kind: str) -> DepartmentGoals:
    indicators = [
        Indicator("产出指标", "数量指标", "办案数量", value="≥100件", period_value="≥300件"),
        Indicator("产出指标", "质量指标", "结案率", value="≥95%", period_value="≥95%"),
        Indicator("满意度指标", "服务对象满意度指标", "群众满意度", value="≥90%"),
    ]
    if kind == "chengdu":
        for n, ind in enumerate(indicators, 1):
            ind.period_value = ""
            ind.number = f"1-{n}"
    return DepartmentGoals(
        name="某某市人民检察院",
        staff_count="120" if kind == "guangzhou" else "",
        subunit_count="2" if kind == "guangzhou" else "",
        overall_goal="全面履行法律监督职能。\n服务保障经济社会发展。" if kind != "text" else "全面履行法律监督职能。",
        duty_goals=[DutyGoal("侦查监督", "主要职责是侦查监督。", "绩效目标是提高批捕准确率。")]
        if kind == "text"
        else [],
        safeguards="加强组织领导。" if kind == "text" else "",
        safeguard_items=["健全制度", "强化监督"] if kind == "text" else [],
        tasks=[
            Task(
                "办案业务",
                "依法办理各类案件",
                Decimal("1000.00") if kind == "guangzhou" else None,
                "案件质量提升" if kind == "guangzhou" else "",
            ),
            Task("队伍建设", "开展教育培训", None, ""),
        ]
        if kind != "text"
        else [],
        other_tasks="无" if kind == "guangzhou" else "",
        indicators=indicators if kind != "text" else [],
    )


@pytest.mark.parametrize("department", ["", "text", "guangzhou", "chengdu"])
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_layout_round_trips_with_tricky_values(layout, department, tmp_path):
    doc = make_doc()
    doc.layout = Layout(**{**layout.__dict__, "department_form": department})
    if department:
        doc.department = _department(department)
    p = doc.projects[0]
    p.code = "0070"
    p.indicators[0].value = "=100%"
    p.indicators[0].description = "<b>不是标记</b> & 也不是实体 &amp;"
    p.indicators[2].number = "2-3" if department == "chengdu" else ""
    p.long_term_goals = ["三年内建成"] if layout.project_form == "national" else []
    if layout.project_form == "national":
        p.department, p.implementer, p.attribute, p.period = "市检察院 101", "本院", "延续", "2023年"
    p.budget.other = Decimal("0.00")
    doc.projects[1].goals = []
    if not layout.show_spending_plan:
        for project in doc.projects:
            project.spending_plan = []
    round_trip(doc, tmp_path)
