"""Indicator cells as text: 权重 a number of points, 依据类型 one of 101号's kinds, a
layout's own fields in ``extra``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.indicator_cells import (
    CellError,
    cell_changes,
    cell_text,
    parse_basis_type,
    parse_weight,
    set_cell,
)
from goaleditor.model import Indicator


@pytest.mark.parametrize(
    ("text", "weight"),
    [("10", Decimal(10)), (" 12.5 ", Decimal("12.5")), ("10分", Decimal(10)), ("", None)],
)
def test_weights_are_points(text, weight):
    assert parse_weight(text) == weight


@pytest.mark.parametrize(
    ("text", "reason"),
    [("很高", "不是数字"), ("120", "0 到 100"), ("-1", "0 到 100"), ("1.234", "小数太多")],
)
def test_other_weights_are_refused_in_chinese(text, reason):
    with pytest.raises(CellError, match=reason):
        parse_weight(text)


def test_basis_kinds_take_the_notices_wording_and_keep_the_short_name():
    assert parse_basis_type("财政部门和预算部门认可的其他标准") == "其他标准"
    assert parse_basis_type("行业标准") == "行业标准" and parse_basis_type(" ") == ""
    with pytest.raises(CellError, match="计划标准"):
        parse_basis_type("估计")


def test_cells_read_and_write_text_own_fields_included():
    ind = Indicator(weight=Decimal("20.00"), extra={"remark": "备"})
    assert cell_text(ind, "weight") == "20" and cell_text(ind, "extra.remark") == "备"
    assert cell_text(Indicator(), "weight") == "" and cell_text(ind, "extra.other") == ""
    set_cell(ind, "extra.other", "x")
    assert ind.extra == {"remark": "备", "other": "x"}
    changes, problems = cell_changes(
        [(ind, "extra.remark", ""), (ind, "extra.other", "y"), (ind, "weight", "很高")]
    )
    assert changes == [(ind, "extra", {"other": "y"})]  # both own fields, one change
    assert len(problems) == 1 and "不是数字" in problems[0]
