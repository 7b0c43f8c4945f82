"""查找/替换 over the model (Qt-free): every project, the department form, every field and
cell; whole-cell and case options; replacing one match or all of them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import SAMPLES
from goaleditor import storage
from goaleditor.indicator_cells import CellError
from goaleditor.layouts import builtin_dir, user_layout_dir
from goaleditor.model import DepartmentGoals, Indicator, Project, Task
from goaleditor.search import find_all, replace_all, replaced, still_there, texts
from goaleditor.undo_place import DEPARTMENT, DOCUMENT, PROJECT


def _doc():
    from goaleditor.model import Document

    return Document(
        unit_name="某某县检察院",
        department=DepartmentGoals(
            name="某某县检察院",
            overall_goal="做好检察工作",
            tasks=[Task("办案", "依法办案，检察监督")],
            indicators=[Indicator("产出指标", "数量指标", "办案数", "", "≥100件")],
        ),
        projects=[
            Project(name="办案经费", goals=["保障办案", "提高检察质量"],
                    indicators=[Indicator("产出指标", "数量指标", "办案数量", "", "≥10件")]),
            Project(name="装备购置", indicators=[Indicator("效益指标", "", "检察", "", "100%")]),
        ],
    )  # fmt: skip


def test_every_form_field_and_cell_is_searched_in_tree_order():
    doc = _doc()
    found = find_all(doc, "检察")
    places = [(f.text.place.kind, f.text.place.project, f.text.name) for f in found]
    assert places == [
        (DOCUMENT, None, "unit_name"),
        (DEPARTMENT, None, "name"),
        (DEPARTMENT, None, "overall_goal"),
        (DEPARTMENT, None, "content"),  # a task cell
        (PROJECT, 0, "goals"),
        (PROJECT, 1, "name"),  # an indicator's 三级指标 in project 2
    ]
    goal = found[4]
    assert goal.text.item == 1 and goal.text.value == "提高检察质量"
    assert goal.text.where(doc) == "项目 1「办案经费」 绩效目标 第 2 条"
    task = found[3]
    assert task.text.place.row == 0 and task.text.place.field == "tasks"
    assert task.text.column == "content"


def test_whole_cell_and_case():
    doc = _doc()
    doc.projects[0].code = "abc"
    whole = find_all(doc, "检察", whole_cell=True)
    assert [(f.text.place.project, f.text.name) for f in whole] == [(1, "name")]
    assert [f.text.name for f in find_all(doc, "ABC")] == ["code"]
    assert find_all(doc, "ABC", match_case=True) == []
    assert find_all(doc, "") == []
    assert find_all(doc, "办案数", whole_cell=True)[0].text.place.kind == DEPARTMENT


def test_replace_one_changes_only_that_span_and_list_item():
    doc = _doc()
    goal = find_all(doc, "检察")[4]
    obj, name, value = replaced(goal, "监督")
    assert obj is doc.projects[0] and name == "goals"
    assert value == ["保障办案", "提高监督质量"]
    assert doc.projects[0].goals == ["保障办案", "提高检察质量"]  # nothing changed yet
    assert still_there(goal, "检察", False, False)
    doc.projects[0].goals = ["保障办案"]
    assert not still_there(goal, "检察", False, False)


def test_replace_all_is_one_change_per_field():
    doc = _doc()
    doc.projects[0].goals = ["检察一", "二", "检察检察三"]
    changes, count, left = replace_all(doc, "检察", "监督")
    assert count == 1 + 1 + 1 + 1 + 3 + 1 and left == []
    goals = [c for c in changes if c[0] is doc.projects[0] and c[1] == "goals"]
    assert goals == [(doc.projects[0], "goals", ["监督一", "二", "监督监督三"])]
    for obj, name, value in changes:
        setattr(obj, name, value)
    assert find_all(doc, "检察") == []
    assert replace_all(doc, "检察", "x") == ([], 0, [])
    # a replacement with backslashes or group syntax is taken literally
    changes, _, _ = replace_all(doc, "监督", r"\1\g<0>")
    assert changes[0] == (doc, "unit_name", r"某某县\1\g<0>院")


def test_whole_sample_has_every_text_once():
    doc = storage.load(SAMPLES / "chengdu_2022.json")
    all_texts = list(texts(doc))
    keys = {(id(t.obj), t.name, t.item) for t in all_texts}
    assert len(keys) == len(all_texts)
    numbered = [t for t in all_texts if t.name == "number" and t.value]
    assert numbered, "the Chengdu task numbers are searched too"


def test_department_texts_come_in_the_order_of_their_form():
    hebei = storage.load(SAMPLES / "hebei_2020.json")
    names = [t.name for t in texts(hebei) if t.place.kind == DEPARTMENT and t.place.row is None]
    tables = [t.place.field for t in texts(hebei) if t.column]
    order = [t.place.field if t.column else t.name for t in texts(hebei)
             if t.place.kind == DEPARTMENT]  # fmt: skip
    assert order.index("duty_goals") < order.index("safeguards")
    assert order.index("overall_goal") < order.index("duty_goals")
    assert names and tables
    chengdu = storage.load(SAMPLES / "chengdu_2022.json")
    order = [t.place.field if t.column else t.name for t in texts(chengdu)
             if t.place.kind == DEPARTMENT]  # fmt: skip
    assert order.index("tasks") < order.index("overall_goal")


def own_layout_document():
    """A document printed in a province's own layout (the 101号 core form, 权重 and all, with
    fields of its own: a text and an amount row per project, text columns per indicator)
    and the 88号 department form (its tasks' own amount columns)."""
    data = json.loads((builtin_dir() / "mof101-core.json").read_text(encoding="utf-8"))
    data.update(id="hubei", name="湖北省项目支出绩效目标表")
    data["fields"] = [
        {"id": "contact", "on": "project", "label": "项目联系人"},
        {"id": "period_total", "on": "project", "label": "中期资金总额", "type": "amount"},
        {"id": "remark", "on": "indicator", "label": "备注"},
        {"id": "method", "on": "indicator", "label": "评价方法"},
    ]
    user_layout_dir().mkdir(parents=True, exist_ok=True)
    (user_layout_dir() / "hubei.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    indicator = Indicator("产出指标", "数量指标", "办案数量", "", "≥10件", weight=Decimal(15))
    indicator.explanation, indicator.scoring = "检察解释", "检察扣分"
    indicator.source, indicator.last_value, indicator.basis = "检察统计", "12件", "检察依据"
    indicator.extra = {"remark": "检察备注", "method": "检察核对", "gone": "检察（旧版式）"}
    project = Project(name="办案经费", indicators=[indicator])
    project.extra = {"contact": "张检察", "period_total": "1500"}
    doc = _doc()
    doc.projects = [project]
    doc.layout.project_layout = "hubei"
    doc.layout.department_form, doc.layout.department_layout = "text", "mof88-department"
    doc.department.tasks[0].extra = {"fiscal": "150"}
    return doc


def test_the_layouts_own_fields_and_the_indicator_attributes_are_searched():
    doc = own_layout_document()
    found = [(f.text.place.field, f.text.label) for f in find_all(doc, "检察")
             if f.text.place.kind == PROJECT]  # fmt: skip
    assert found == [
        ("extra.contact", "项目联系人"),  # the project's own row, after its fields
        ("basis", "指标值确定依据"),
        ("explanation", "指标解释"),
        ("scoring", "评（扣）分标准"),
        ("source", "数据来源"),
        ("extra.remark", "备注"),  # the layout's own indicator columns, after the row's
        ("extra.method", "评价方法"),
    ]  # a field only another layout declares ("gone") is kept, not searched
    contact = find_all(doc, "张检察", whole_cell=True)[0].text
    assert contact.where(doc) == "项目 1「办案经费」 项目联系人" and contact.value == "张检察"
    weight = find_all(doc, "15", whole_cell=True)
    assert [(w.text.name, w.text.label) for w in weight] == [("weight", "权重")]
    numbers = find_all(doc, "15")
    assert [(n.text.place.kind, n.text.label, n.text.column) for n in numbers] == [
        (DEPARTMENT, "财政拨款", "extra.fiscal"),  # the 88号 task's own amount column
        (PROJECT, "中期资金总额", ""),
        (PROJECT, "权重", ""),
    ]
    assert find_all(doc, "12件")[0].text.label == "上年值"


def test_replacing_in_own_fields_and_attributes_keeps_each_field_valid():
    doc = own_layout_document()
    project, indicator = doc.projects[0], doc.projects[0].indicators[0]
    (weight,) = find_all(doc, "15", whole_cell=True)
    assert replaced(weight, "20") == (indicator, "weight", Decimal(20))
    with pytest.raises(CellError, match="不是数字"):
        replaced(weight, "十五")
    (contact,) = find_all(doc, "张")
    assert replaced(contact, "李")[2] == {"contact": "李检察", "period_total": "1500"}
    assert replaced(find_all(doc, "张检察", whole_cell=True)[0], "")[2] == {
        "period_total": "1500"
    }  # a field replaced by nothing is blank, as the editor leaves it
    with pytest.raises(CellError, match="金额"):
        replaced(find_all(doc, "1500")[0], "2000")

    changes, count, left = replace_all(doc, "检察", "监督")
    extra = [c for c in changes if c[0] is indicator and c[1] == "extra"]
    assert extra == [(indicator, "extra", {
        "remark": "监督备注", "method": "监督核对", "gone": "检察（旧版式）",
    })]  # fmt: skip
    assert (project, "extra", {"contact": "张监督", "period_total": "1500"}) in changes
    assert left == []
    for obj, name, value in changes:
        setattr(obj, name, value)
    assert indicator.explanation == "监督解释" and indicator.source == "监督统计"

    changes, count, left = replace_all(doc, "5", "五")
    assert count == 0 and changes == []
    assert len(left) == 3 and "部门整体第 1 行 财政拨款" in left[0] and "金额" in left[0]
    assert "中期资金总额" in left[1] and "权重" in left[2] and "不是数字" in left[2]


def test_a_basis_kind_is_replaced_only_by_another_kind():
    doc = own_layout_document()
    indicator = doc.projects[0].indicators[0]
    indicator.basis_type = "计划标准"
    (kind,) = find_all(doc, "计划")
    assert kind.text.label == "指标值设定依据类型"
    assert replaced(kind, "行业") == (indicator, "basis_type", "行业标准")
    with pytest.raises(CellError, match="不是指标值设定依据的类型"):
        replaced(kind, "年度")
