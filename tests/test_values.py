"""Parsing of 指标值: every distinct value in the seeds, plus property tests."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaleditor.values import (
    COMMON_UNITS,
    COMPARISONS,
    IndicatorValue,
    normalize_typed,
    parse_value,
)

D = Decimal
SEEDS = Path(__file__).resolve().parent / "files" / "seeds"

# (text, kind, comparison, number, unit) — every distinct value of seeds 000 and 001
# and of the Chengdu/Guangzhou department forms (seeds 003, 002).
NUMERIC = [
    # Hebei (seed 000): 百分比 spelled out
    ("≥80百分比", "percent", "≥", "80", "百分比"),
    ("≥85百分比", "percent", "≥", "85", "百分比"),
    ("≥90百分比", "percent", "≥", "90", "百分比"),
    ("≥95百分比", "percent", "≥", "95", "百分比"),
    ("≥60百分比", "percent", "≥", "60", "百分比"),
    ("≤50百分比", "percent", "≤", "50", "百分比"),
    ("100百分比", "percent", "", "100", "百分比"),
    ("≥100次", "number", "≥", "100", "次"),
    ("≥2次", "number", "≥", "2", "次"),
    ("9台", "number", "", "9", "台"),
    ("≥200台次", "number", "≥", "200", "台次"),
    ("3次", "number", "", "3", "次"),
    # Tianjin (seed 001)
    ("100%", "percent", "", "100", "%"),
    ("≥90%", "percent", "≥", "90", "%"),
    ("≥95%", "percent", "≥", "95", "%"),
    ("≥97%", "percent", "≥", "97", "%"),
    ("≥98%", "percent", "≥", "98", "%"),
    ("≥80%", "percent", "≥", "80", "%"),
    (">95%", "percent", ">", "95", "%"),
    ("≥600台/套", "number", "≥", "600", "台/套"),
    ("≥40套", "number", "≥", "40", "套"),
    ("≥1900套", "number", "≥", "1900", "套"),
    ("≥1100套", "number", "≥", "1100", "套"),
    ("75套", "number", "", "75", "套"),
    ("≥84次", "number", "≥", "84", "次"),
    ("≥5次", "number", "≥", "5", "次"),
    ("≥15次", "number", "≥", "15", "次"),
    ("≤15分钟", "number", "≤", "15", "分钟"),
    ("≤8小时", "number", "≤", "8", "小时"),
    ("≤12小时", "number", "≤", "12", "小时"),
    ("≤15天", "number", "≤", "15", "天"),
    ("≥1周", "number", "≥", "1", "周"),
    ("≥3人", "number", "≥", "3", "人"),
    ("≥20万篇", "number", "≥", "20", "万篇"),
    ("≥90万篇", "number", "≥", "90", "万篇"),
    ("≥50万篇", "number", "≥", "50", "万篇"),
    ("28个", "number", "", "28", "个"),
    ("≥28个", "number", "≥", "28", "个"),
    ("4个", "number", "", "4", "个"),
    ("≥1个", "number", "≥", "1", "个"),
    ("≥3000个", "number", "≥", "3000", "个"),
    ("≥2000条", "number", "≥", "2000", "条"),
    ("≥300份", "number", "≥", "300", "份"),
    ("≥90学时", "number", "≥", "90", "学时"),
    ("≥50学时", "number", "≥", "50", "学时"),
    ("≥2500平方米", "number", "≥", "2500", "平方米"),
    ("≥33000平方米", "number", "≥", "33000", "平方米"),
    ("≥1倍", "number", "≥", "1", "倍"),
    ("≤9.5万元", "number", "≤", "9.5", "万元"),
    ("≤614元", "number", "≤", "614", "元"),
    ("≤8400元", "number", "≤", "8400", "元"),
    ("≤450万元", "number", "≤", "450", "万元"),
    ("≤376.4万元", "number", "≤", "376.4", "万元"),
    ("≤752.6万元", "number", "≤", "752.6", "万元"),
    ("≤50万元", "number", "≤", "50", "万元"),
    ("≤146.8万元", "number", "≤", "146.8", "万元"),
    ("≤55万元", "number", "≤", "55", "万元"),
    ("≤138.6万元", "number", "≤", "138.6", "万元"),
    ("≤7.9万元", "number", "≤", "7.9", "万元"),
    ("≤199.6万元", "number", "≤", "199.6", "万元"),
    ("≤545万元", "number", "≤", "545", "万元"),
    ("≤426.8万元", "number", "≤", "426.8", "万元"),
    ("≤80万元", "number", "≤", "80", "万元"),
    ("≤78.1万元", "number", "≤", "78.1", "万元"),
    ("≤248.3万元", "number", "≤", "248.3", "万元"),
    ("≤32.9万元", "number", "≤", "32.9", "万元"),
    ("≤300万元", "number", "≤", "300", "万元"),
    ("≤64.8万元", "number", "≤", "64.8", "万元"),
    ("≤3.2万元", "number", "≤", "3.2", "万元"),
    ("≤83.6万元", "number", "≤", "83.6", "万元"),
    ("≤100万", "number", "≤", "100", "万"),
    # Chengdu (seed 003)
    ("≥4次", "number", "≥", "4", "次"),
    ("≥100册", "number", "≥", "100", "册"),
    ("≥200个", "number", "≥", "200", "个"),
    ("≥17次/年", "number", "≥", "17", "次/年"),
    ("≥17个", "number", "≥", "17", "个"),
    ("≥3次", "number", "≥", "3", "次"),
    ("≥2场次", "number", "≥", "2", "场次"),
    ("≥4场次", "number", "≥", "4", "场次"),
    ("≥20人次", "number", "≥", "20", "人次"),
    ("≥9套", "number", "≥", "9", "套"),
    ("≥1次", "number", "≥", "1", "次"),
    ("=100%", "percent", "=", "100", "%"),
    ("≥100%", "percent", "≥", "100", "%"),
    ("≥200次", "number", "≥", "200", "次"),
    ("≥20次", "number", "≥", "20", "次"),
    ("≥50人次", "number", "≥", "50", "人次"),
    ("≥350人次", "number", "≥", "350", "人次"),
    ("≥10人次", "number", "≥", "10", "人次"),
    # Guangzhou (seed 002)
    (">90%", "percent", ">", "90", "%"),
    ("100%完成", "percent", "", "100", "%"),
]


@pytest.mark.parametrize(("text", "kind", "comparison", "number", "unit"), NUMERIC)
def test_seed_numbers(text, kind, comparison, number, unit):
    value = parse_value(text)
    assert value.text == text
    assert value.kind == kind
    assert value.comparison == comparison
    assert value.number == D(number)
    assert value.unit == unit
    assert value.qualitative is False
    assert value.is_percent == (kind == "percent")


def test_percent_with_words_after_keeps_them_as_note():
    value = parse_value("100%完成")
    assert (value.number, value.unit, value.note) == (D(100), "%", "完成")


TIMES = [
    ("2023年内", 2023),
    ("2023全年", 2023),
    ("2023年全年", 2023),
    ("2023年底10月底前", 2023),
    ("2023年底前", 2023),
    ("10月底前", None),
    ("10月份之前", None),
]


@pytest.mark.parametrize(("text", "year"), TIMES)
def test_seed_times(text, year):
    value = parse_value(text)
    assert value.kind == "time"
    assert value.year == year
    assert value.year_end == year
    assert value.number is None
    assert value.qualitative is False


def test_period_spans_years():
    value = parse_value("2023-2025年")
    assert (value.kind, value.year, value.year_end) == ("period", 2023, 2025)
    assert parse_value("2023年至2025年").year_end == 2025


QUALITATIVE = [
    "有效保障",
    "定性优良中低差",
    "无相关舆情不规范情况",
    "及时保障",
    "有效提升",
    "有效提高",
    "无负面舆情",
    "有效满足检察培训需求",
    "期限内完工",
    "有效确保",
    "切实提高",
    "有效助推提升",
    "按招标流程执行",
    "有效保障办公办案需要",
    "有效支持",
    "显著提高水平",
    "无误",
    "有效传播",
    "及时完成物业服务",
    "有效改善",
    "切实保障",
    "及时",
    "有效推动检察事业发展和培训工作创新",
    "按计划完成",
    "有效加强检察队伍建设",
    "有效提升法律监督能力",
    "实时监测结果反馈",
    "双月20日按时出刊",
    "提升安全水平",
    "有效保障安全",
]


@pytest.mark.parametrize("text", QUALITATIVE)
def test_seed_qualitative(text):
    value = parse_value(text)
    assert value.kind == "qualitative"
    assert value.qualitative is True
    assert value.number is None and value.comparison == "" and value.unit == ""


FORMULAS = [
    "赔偿达标率=赔偿资金中按标 准支付的金额/全部赔偿资金 金额*100%",
    "法律政策及重点课题研究完成数=实际完成的法律政策及重点课题数",
    "项目计划完成率=项目实际完 成数量/项目计划完成数量 *100%",
    "信息化系统正常运作率=正常 运行天数/系统应运行天数 *100%",
    "政策研究与课题研究完成率 的法律政策及重点课题研究课 题数*100%",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_guangzhou_formulas(text):
    value = parse_value(text)
    assert value.kind == "formula"
    assert value.comparison == "" and value.number is None
    assert value.qualitative is False


@pytest.mark.parametrize(
    ("text", "comparison", "number", "unit"),
    [
        (">=95%", "≥", "95", "%"),
        ("<=15分钟", "≤", "15", "分钟"),
        ("＞＝９５％", "≥", "95", "%"),
        ("＞90％", ">", "90", "%"),
        ("＜5次", "<", "5", "次"),
        ("＝100%", "=", "100", "%"),
        ("≧80%", "≥", "80", "%"),
        ("≦30分钟", "≤", "30", "分钟"),
        ("不低于90%", "≥", "90", "%"),
        ("不少于3次", "≥", "3", "次"),
        ("不高于50万元", "≤", "50", "万元"),
        ("不超过8小时", "≤", "8", "小时"),
        ("大于90%", ">", "90", "%"),
        ("小于5%", "<", "5", "%"),
        ("90%以上", "≥", "90", "%"),
        ("3次及以上", "≥", "3", "次"),
        ("30分钟以内", "≤", "30", "分钟"),
        ("15个工作日内", "≤", "15", "个工作日"),
        ("≥ 95 %", "≥", "95", "%"),
        ("≤1,005.00万元", "≤", "1005.00", "万元"),
    ],
)
def test_comparison_variants(text, comparison, number, unit):
    value = parse_value(text)
    assert (value.comparison, value.number, value.unit) == (comparison, D(number), unit)
    assert value.text == text


def test_empty_values():
    for text in ("", "   ", "\t\n", "\u3000"):
        value = parse_value(text)
        assert value.kind == "empty"
        assert value.text == text
        assert not value.qualitative


def test_money_in_yuan():
    assert parse_value("≤9.5万元").in_yuan() == D(95000)
    assert parse_value("≤614元").in_yuan() == D(614)
    assert parse_value("≤100万").in_yuan() == D(1000000)
    assert parse_value("≥20万篇").in_yuan() is None
    assert parse_value("有效保障").in_yuan() is None
    assert parse_value("≤9.5万元").is_money and not parse_value("95%").is_money


def test_constants_for_input_help():
    assert COMPARISONS == ("≥", "≤", "=", ">", "<")
    for unit in ("%", "百分比", "万元", "元", "台/套", "次", "人次", "分钟", "小时", "次/年"):
        assert unit in COMMON_UNITS
    # every offered unit parses back as itself after a number
    for unit in COMMON_UNITS:
        assert parse_value(f"≥12{unit}").unit == unit


def test_value_is_frozen():
    value = parse_value("≥95%")
    with pytest.raises(AttributeError):
        value.text = "x"  # type: ignore[misc]
    assert isinstance(value, IndicatorValue)


def test_every_seed_value_column_parses():
    """The value cells of the two project-form seeds all parse to a known kind."""
    kinds = {}
    for name, ncols in (("000_b60bbb0a74e0c214.txt", 6), ("001_9071eebd9d238f31.txt", 5)):
        for block in (SEEDS / name).read_text(encoding="utf-8").split("\n\n"):
            cells = re.findall(r"^\t(.*)$", block, flags=re.M)
            if len(cells) == ncols and cells[0] != "一级指标" and cells[1].endswith("指标"):
                value = parse_value(cells[4])
                kinds[cells[4]] = value.kind
    assert len(kinds) > 100
    assert set(kinds.values()) <= {"number", "percent", "time", "period", "qualitative"}
    assert kinds["≥80百分比"] == "percent" and kinds["2023-2025年"] == "period"


@given(st.text())
def test_parse_never_raises_and_keeps_text(text):
    value = parse_value(text)
    assert value.text == text
    assert value.kind in ("number", "percent", "time", "period", "formula", "qualitative", "empty")
    if value.kind in ("number", "percent"):
        assert value.number is not None and value.number >= 0
    if value.kind == "period":
        assert value.year <= value.year_end


@given(
    st.sampled_from(["", *COMPARISONS]),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(COMMON_UNITS),
)
def test_roundtrip_of_built_values(comparison, number, unit):
    value = parse_value(f"{comparison}{number}{unit}")
    assert value.comparison == comparison
    assert value.number == number
    assert value.unit == unit


# (typed, as the printed form has it)
TYPED = [
    (">=90%", "≥90%"),
    ("=>3次", "≥3次"),
    ("<=15分钟", "≤15分钟"),
    ("=<2小时", "≤2小时"),
    ("≥ 90%", "≥90%"),
    ("≥ 95 %", "≥95%"),
    ("> = 90%", "≥90%"),
    ("＞＝９５％", "≥95%"),
    ("＞90％", ">90%"),
    ("＜5次", "<5次"),
    ("＝100%", "=100%"),
    ("==100%", "=100%"),
    ("≧80%", "≥80%"),
    ("≦30分钟", "≤30分钟"),
    ("≥\u30009台", "≥9台"),  # a full-width blank from the input method
    (" ≤ 9.5 万元 ", "≤9.5万元"),
    ("≥ 600 台/套", "≥600台/套"),
    ("≤1,005.00 万元", "≤1,005.00万元"),
    ("9 台", "9台"),
    ("90 %以上", "90%以上"),
    ("15 个工作日内", "15个工作日内"),
]

# Left exactly as typed: already printed, or not a comparison + number + unit.
UNTOUCHED = [
    "≥90%",
    "=100%",
    "≤614元",
    "100%完成",
    "100 %完成",  # words after the unit: a sentence, not a value to tidy
    "有效保障",
    "定性优良中低差",
    "2023年内",
    "2023 年",
    "10 月底前",
    "2023-2025年",
    "≥ 2023年",
    "赔偿达标率=赔偿资金中按标准支付的金额/全部赔偿资金金额*100%",
    "满意度>=90%的人数",
    "1.保障全市各级检察机关网络 稳定运行",
    "1、 完成",
    "≥ 95 % 以上",
    ">=",
    ">< 5",
    "",
    "  ",
]


@pytest.mark.parametrize(("typed", "printed"), TYPED)
def test_typed_signs_and_blanks_become_the_printed_form(typed, printed):
    assert normalize_typed(typed) == printed
    before, after = parse_value(typed), parse_value(printed)
    assert (after.comparison, after.number, after.unit) == (
        before.comparison,
        before.number,
        before.unit,
    ), "only the writing changes, never what the value says"


@pytest.mark.parametrize("text", UNTOUCHED)
def test_free_text_formulas_and_dates_are_not_touched(text):
    assert normalize_typed(text) == text


def test_no_seed_value_needs_tidying():
    """The published forms already print their signs: every seed cell stays as it is."""
    changed = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            if line.startswith("\t") and normalize_typed(line[1:]) != line[1:]:
                changed.append(line)
    assert changed == []


@given(st.text())
def test_normalizing_twice_changes_nothing_more(text):
    once = normalize_typed(text)
    assert normalize_typed(once) == once
    if once != text:
        assert parse_value(once).kind in ("number", "percent")
