"""查找/替换 over the model (Qt-free): every project, the department form, every field and
cell; whole-cell and case options; replacing one match or all of them."""

from __future__ import annotations

from conftest import SAMPLES
from goaleditor import storage
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
    changes, count = replace_all(doc, "检察", "监督")
    assert count == 1 + 1 + 1 + 1 + 3 + 1
    goals = [c for c in changes if c[0] is doc.projects[0] and c[1] == "goals"]
    assert goals == [(doc.projects[0], "goals", ["监督一", "二", "监督监督三"])]
    for obj, name, value in changes:
        setattr(obj, name, value)
    assert find_all(doc, "检察") == []
    assert replace_all(doc, "检察", "x") == ([], 0)
    # a replacement with backslashes or group syntax is taken literally
    changes, _ = replace_all(doc, "监督", r"\1\g<0>")
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
