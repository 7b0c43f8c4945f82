"""审核 follows the layout: weights, units, scoring and field lengths where the form prints them."""

from __future__ import annotations

import json
from decimal import Decimal

from goaleditor.checks import check_project
from goaleditor.layouts import builtin_dir, user_layout_dir
from goaleditor.model import Budget, Document, Indicator, Layout, Project


def _indicator(level1, value="≥95%", weight=None, scoring="每低1%扣1分", name="案件办结率"):
    return Indicator(
        level1=level1, level2="质量指标", name=name, description="说明", value=value,
        weight=weight, scoring=scoring,
    )  # fmt: skip


def _doc(layout_id: str, indicators: list[Indicator]) -> Document:
    project = Project(
        code="A1",
        name="办案经费",
        budget=Budget(total=Decimal(100), fiscal=Decimal(100), other=Decimal(0)),
        goals=["完成办案任务"],
        indicators=indicators,
    )
    return Document(
        unit_name="某院",
        fiscal_year=2024,
        projects=[project],
        layout=Layout(project_layout=layout_id),
    )


def _rules(doc: Document) -> dict[str, list]:
    found: dict[str, list] = {}
    for problem in check_project(doc, 0):
        found.setdefault(problem.rule, []).append(problem)
    return found


def _full(weights=(50, 30, 20), **kw) -> list[Indicator]:
    return [
        _indicator("产出指标", weight=Decimal(weights[0]), **kw),
        _indicator("效益指标", weight=Decimal(weights[1]), name="社会效益", **kw),
        _indicator("满意度指标", weight=Decimal(weights[2]), name="满意度", **kw),
    ]


def test_weights_must_be_there_and_sum_to_100_where_the_layout_prints_them():
    assert "weights_total" not in _rules(_doc("mof101-core", _full()))
    rules = _rules(_doc("mof101-core", _full((50, 30, 30))))
    assert "合计为 110，应为 100" in rules["weights_total"][0].message
    inds = _full()
    inds[1].weight = None
    rules = _rules(_doc("mof101-core", inds))
    assert rules["missing_weight"][0].row == 1 and "第 2 行" in rules["missing_weight"][0].message
    # The standard form prints no weight: nothing is asked.
    rules = _rules(_doc("standard", [_indicator("产出指标")]))
    assert "missing_weight" not in rules and "weights_total" not in rules


def test_weights_per_level1_where_the_layout_says_so():
    data = json.loads((builtin_dir() / "mof101-core.json").read_text(encoding="utf-8"))
    data.update(id="perlevel", checks={"weights": "per_level1"})
    user_layout_dir().mkdir(parents=True, exist_ok=True)
    (user_layout_dir() / "perlevel.json").write_text(json.dumps(data), encoding="utf-8")
    inds = [_indicator("产出指标", weight=Decimal(60)), _indicator("", weight=Decimal(40))]
    inds.append(_indicator("效益指标", weight=Decimal(90), name="效益"))
    rules = _rules(_doc("perlevel", inds))
    (problem,) = rules["weights_total"]
    assert "“效益指标”下的权重合计为 90" in problem.message and problem.row == 2


def test_a_unit_for_every_quantitative_value_where_the_layout_prints_units():
    inds = _full()
    inds[0].value = "≥95"
    inds[1].value = "有效保障"  # qualitative: no unit needed
    rules = _rules(_doc("mof101-core", inds))
    assert [p.row for p in rules["missing_unit"]] == [0]
    assert "没有度量单位" in rules["missing_unit"][0].message
    assert "missing_unit" not in _rules(_doc("standard", inds))


def test_scoring_where_printed():
    inds = _full(scoring="")
    rules = _rules(_doc("mof101-core", inds))
    assert "第 1、2、3 行" in rules["missing_scoring"][0].message
    assert "missing_scoring" not in _rules(_doc("standard", inds))


def test_field_lengths_name_the_limit():
    inds = _full()
    inds[0].name = "很" * 31
    inds[1].value = "≥" + "9" * 60 + "%"
    rules = _rules(_doc("mof101-core", inds))
    messages = [p.message for p in rules["too_long"]]
    assert any("三级指标有 31 个字，超过预算系统允许的 30 个字" in m for m in messages)
    assert any("指标值有 62 个字，超过预算系统允许的 60 个字" in m for m in messages)


def test_an_unknown_layout_is_one_error_not_a_crash():
    rules = _rules(_doc("gone", _full()))
    assert "没有编号为“gone”的版式" in rules["unknown_layout"][0].message
