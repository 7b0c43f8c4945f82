"""One limit and one "equal" for money: what the editor takes the file can hold, and the
审核 messages print a difference so that it can be seen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor import amounts, storage
from goaleditor.amounts import AmountError, parse_amount
from goaleditor.checks import check_department, check_project
from goaleditor.errors import FileFormatError
from goaleditor.model import Budget, DepartmentBudget, DepartmentGoals, Document, Layout, Project

D = Decimal


def _one_amount_document(value: Decimal, unit: str = "元") -> Document:
    return Document(money_unit=unit, projects=[Project(name="项目", budget=Budget(total=value))])


def test_the_limit_is_the_loaders():
    assert amounts.MAX_AMOUNT is storage.MAX_AMOUNT
    assert amounts.MAX_AMOUNT_PLACES is storage.MAX_AMOUNT_PLACES
    largest = amounts.MAX_AMOUNT - D("0.01")
    assert amounts.limit_problem(largest) == ""
    assert "15 位整数" in amounts.limit_problem(amounts.MAX_AMOUNT, "元")
    text = storage.dumps(_one_amount_document(largest))
    assert storage.loads(text).projects[0].budget.total == largest
    with pytest.raises(FileFormatError):
        storage.loads(storage.dumps(_one_amount_document(amounts.MAX_AMOUNT)))


@pytest.mark.parametrize("unit", ["元", "万元"])
@pytest.mark.parametrize(
    "text",
    [
        "1000000000000000",
        "1,000,000,000,000,000.00",
        "-1000000000000000",
        "9" * 40,
        "1" * 27 + ".5",
    ],
)
def test_too_large_is_refused_at_the_field_in_chinese(text, unit):
    with pytest.raises(AmountError) as err:
        parse_amount(text, unit)
    assert "太大" in str(err.value) and "15 位整数" in str(err.value)


def test_a_unit_written_after_the_number_is_checked_against_the_limit_too():
    with pytest.raises(AmountError) as err:
        parse_amount("100000000000万元", "元")
    assert "太大" in str(err.value) and "1,000,000,000,000,000.00" in str(err.value)
    assert parse_amount("99999999999.99万元", "万元") == D("99999999999.99")


def test_trailing_zeros_beyond_the_files_places_are_not_kept():
    # the loader refuses more than MAX_AMOUNT_PLACES decimals, even zeros
    value = parse_amount("0." + "0" * 40, "元")
    assert value == 0 and -value.as_tuple().exponent <= storage.MAX_AMOUNT_PLACES
    assert str(parse_amount("1.500000000000", "万元")) == "1.500000"


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda d: format(d, "f")),
        st.from_regex(r"\A-?[0-9]{1,18}(\.[0-9]{0,8})?\Z"),
    ),
    unit=st.sampled_from(["元", "万元"]),
)
def test_every_amount_the_field_takes_can_be_saved_and_opened(text, unit):
    try:
        value = parse_amount(text, unit)
    except AmountError:
        return
    loaded = storage.loads(storage.dumps(_one_amount_document(value, unit)))
    assert loaded.projects[0].budget.total == value


def test_amounts_agree_to_the_cent():
    assert amounts.agree(D("12345.67"), D("12345.670000001"), "元")
    assert not amounts.agree(D("12345.67"), D("12345.68"), "元")
    assert amounts.agree(D("1.234567"), D("1.2345670004"), "万元")
    # one cent in 万元 is 0.000001: 1.23 万元 is not 1.234567 万元 (45.67 元 apart)
    assert not amounts.agree(D("1.23"), D("1.234567"), "万元")
    assert not amounts.agree(D("1.234566"), D("1.234567"), "万元")
    assert amounts.agree(D("1.23"), D("1.234"), "元")  # below a cent in 元


def test_figures_show_the_difference():
    assert amounts.figures(D("1.23"), D("0"), D("1.234567")) == ["1.230000", "0.000000", "1.234567"]
    assert amounts.figures(D("190000"), None) == ["190,000.00", "空白"]
    assert amounts.add(None, None) is None and amounts.add(D("1.5"), None) == D("1.5")


def test_budget_split_message_shows_the_figures_exactly():
    doc = Document(
        money_unit="万元",
        projects=[
            Project(name="项目", budget=Budget(D("1.234567"), D("1.23"), D("0.00")), goals=["目标"])
        ],
    )
    problem = next(p for p in check_project(doc, 0) if p.rule == "budget_split")
    assert (
        "财政资金 1.230000 万元 + 其他资金 0.000000 万元 = 1.230000 万元，"
        "与预算数 1.234567 万元 不一致（相差 0.004567 万元）" in problem.message
    )
    doc.projects[0].budget.fiscal = D("1.234567")
    assert "budget_split" not in [p.rule for p in check_project(doc, 0)]
    # a spreadsheet's tail below a cent is no difference
    doc.projects[0].budget.fiscal = D("1.2345670001")
    assert "budget_split" not in [p.rule for p in check_project(doc, 0)]


def test_department_messages_show_the_difference():
    budget = DepartmentBudget(total=D("100.00"), fiscal=D("99.995"), other=D("0"))
    doc = Document(
        money_unit="元",
        layout=Layout(department_form="chengdu"),
        department=DepartmentGoals(name="部门", overall_goal="目标", budget=budget),
    )
    problem = next(p for p in check_department(doc) if p.rule == "budget_split")
    assert "财政拨款 99.995 元" in problem.message and "资金总额 100.000 元" in problem.message
    assert "相差 0.005 元" in problem.message
    budget.fiscal = D("99.996")  # 0.004 元: the same to the cent
    assert "budget_split" not in [p.rule for p in check_department(doc)]

    doc.layout.department_form = "guangzhou"
    budget.total = None
    budget.basic, budget.project = D("1.234567"), D("0")
    budget.fiscal, budget.other = D("1.23"), None
    doc.money_unit = "万元"
    problem = next(p for p in check_department(doc) if p.rule == "budget_balance")
    assert "1.234567 万元" in problem.message and "1.230000 万元" in problem.message
    assert "相差 0.004567 万元" in problem.message


@pytest.mark.parametrize(
    ("value", "places", "thousands", "printed"),
    [
        ("190000.00", 2, False, "190000.00"),
        ("6797.78", 2, True, "6,797.78"),
        ("5", 2, True, "5.00"),
        # never a cent rounded away: 0.125 万元 is 1250 元, and 0.505 + 0.505 = 1.01 on paper
        ("0.125", 2, True, "0.125"),
        ("0.505000", 2, True, "0.505"),
        ("1.010000", 2, True, "1.01"),
        # percentages as typed
        ("25", None, False, "25"),
        ("25.5", None, False, "25.5"),
        ("25.00", None, False, "25.00"),
    ],
)
def test_numbers_print_with_the_layouts_format_and_every_cent(value, places, thousands, printed):
    from goaleditor.amounts import format_number

    assert format_number(Decimal(value), places, thousands) == printed
    assert format_number(None, places, thousands) == ""
