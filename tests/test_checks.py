"""审核 rules: one test per rule, with the seeds' own text where they show the mistake."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.catalog import load_catalog
from goaleditor.checks import (
    ERROR,
    WARNING,
    Problem,
    check_department,
    check_document,
    check_project,
    run_checks,
)
from goaleditor.model import (
    Budget,
    DepartmentBudget,
    DepartmentGoals,
    Document,
    Indicator,
    Layout,
    Project,
)
from goaleditor.storage import load

D = Decimal
SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"

# Seed 000, project 2 (安保维稳工作经费), with its real description/basis text.
HEBEI_ROWS = [
    ("产出指标", "数量指标", "参加活动次数", "干警参加安保维稳活动次数", "≥2次"),
    (
        "效益指标",
        "社会效益指标",
        "检务保障工作完成率",
        "安保维稳活动中，检务保障工作占全部工作的比例",
        "≥80百分比",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "相关人员对我院安保维稳工作的满意度",
        "≥80百分比",
    ),
]


def ind(level1, level2, name, description="", value="", basis=None, **kw) -> Indicator:
    return Indicator(
        level1,
        level2,
        name,
        description,
        value,
        basis=description if basis is None else basis,
        **kw,
    )


def hebei_project(**changes) -> Project:
    project = Project(
        code="151-0702-JBN-RRWL",
        name="安保维稳工作经费",
        budget=Budget(D("100000.00"), D("100000.00"), None),
        purpose="用于维护社会稳定，保障相关人员正常工作的经费",
        spending_plan=[D("30.00"), D("65.00"), D("95.00"), D("100.00")],
        goals=["用于维护社会稳定，保障相关人员正常工作的经费"],
        indicators=[ind(*row) for row in HEBEI_ROWS],
    )
    for key, value in changes.items():
        setattr(project, key, value)
    return project


def hebei_doc(*projects: Project) -> Document:
    return Document(
        unit_code="151002",
        unit_name="秦皇岛市山海关区人民检察院",
        fiscal_year=2020,
        money_unit="元",
        layout=Layout(show_code=True, show_spending_plan=True, show_basis=True),
        projects=list(projects) or [hebei_project()],
    )


def tianjin_doc(indicators: list[Indicator], total="9.50", fiscal=None, other="9.50") -> Document:
    """Seed 001 project 1 (2023年检察办案业务费-非财政结余结转资金), 万元, 5 columns."""
    project = Project(
        name="2023年检察办案业务费-非财政结余结转资金",
        budget=Budget(D(total), fiscal and D(fiscal), other and D(other)),
        goals=["完成检察理论研究课题费发放", "完成因公牺牲干警抚恤金发放"],
        indicators=indicators,
    )
    return Document(
        unit_code="251101",
        unit_name="天津市人民检察院机关服务中心",
        fiscal_year=2023,
        money_unit="万元",
        layout=Layout(
            show_code=False, show_spending_plan=False, show_basis=False, number_style="."
        ),
        projects=[project],
    )


def tianjin_rows(*extra: Indicator) -> list[Indicator]:
    rows = [
        ind(
            "产出指标",
            "数量指标",
            "抚恤金及课题费发放人数",
            "向抚恤金和课题费的领取人发放的人数",
            "≥3人",
        ),
        ind("产出指标", "时效指标", "发放时限", "全部款项发放完毕的时间", "2023年内"),
        ind("产出指标", "成本指标", "发放金额", "课题费与抚恤金的发放总额", "≤9.5万元"),
        ind("效益指标", "社会效益指标", "抚恤牺牲干警", "对因公牺牲干警家属的抚恤", "有效保障"),
        ind("满意度指标", "服务对象满意度指标", "干警满意度", "受调查干警中表示满意的比例", "≥95%"),
    ]
    return rows + list(extra)


def rules(problems: list[Problem]) -> list[str]:
    return [p.rule for p in problems]


def only(problems: list[Problem], rule: str) -> Problem:
    found = [p for p in problems if p.rule == rule]
    assert len(found) == 1, (rule, [p.format_line() for p in problems])
    return found[0]


# ------------------------------------------------------------ clean documents


def test_clean_hebei_project_has_no_problems():
    assert run_checks(hebei_doc()) == []


def test_clean_tianjin_project_has_no_problems():
    assert run_checks(tianjin_doc(tianjin_rows())) == []


# ------------------------------------------------------------ Problem


def test_location_and_line():
    doc = hebei_doc(hebei_project(), hebei_project(), hebei_project())
    doc.projects[2].indicators[1].value = ""
    problem = only(check_project(doc, 2), "missing_value")
    assert (problem.project_index, problem.row, problem.field) == (2, 1, "value")
    assert problem.location == "项目 3「安保维稳工作经费」第 2 行 指标值"
    assert (
        problem.format_line()
        == f"错误\t项目 3「安保维稳工作经费」第 2 行 指标值\t{problem.message}"
    )
    assert problem.severity == ERROR and problem.is_error


def test_location_variants():
    assert Problem(WARNING, "m", "r", 0, None, "budget.fiscal", "车辆保险费").location == (
        "项目 1「车辆保险费」财政资金"
    )
    assert Problem(ERROR, "m", "r", 4, None, "name").location == "项目 5（未命名）项目名称"
    assert Problem(ERROR, "m", "r", None, 1, "value").location == "部门整体 第 2 行 指标值"
    assert (
        Problem(WARNING, "m", "r", None, None, "overall_goal").location == "部门整体 总体绩效目标"
    )
    assert Problem(WARNING, "m", "r", None, None, "fiscal_year").location == "文档 预算年度"


# ------------------------------------------------------------ project form


def test_missing_project_name():
    problem = only(check_project(hebei_doc(hebei_project(name="  ")), 0), "missing_project_name")
    assert problem.severity == ERROR and problem.field == "name" and problem.row is None


def test_missing_code_only_when_the_layout_shows_it():
    doc = hebei_doc(hebei_project(code=""))
    assert only(check_project(doc, 0), "missing_code").severity == WARNING
    doc.layout.show_code = False
    assert "missing_code" not in rules(check_project(doc, 0))


def test_budget_split_must_add_up():
    doc = hebei_doc(hebei_project(budget=Budget(D("190000.00"), D("150000.00"), D("30000.00"))))
    problem = only(check_project(doc, 0), "budget_split")
    assert problem.severity == ERROR and problem.field == "budget.total"
    assert "180,000.00 元" in problem.message and "190,000.00 元" in problem.message


def test_budget_split_from_other_funds_only_is_fine():
    # Tianjin: 财政资金 blank, 其他资金 = 预算数
    assert "budget_split" not in rules(run_checks(tianjin_doc(tianjin_rows())))


def test_budget_missing_and_negative():
    doc = hebei_doc(hebei_project(budget=Budget(None, None, None)))
    assert only(check_project(doc, 0), "missing_budget").severity == WARNING
    doc.projects[0].budget = Budget(None, D(5), None)
    assert only(check_project(doc, 0), "missing_budget").severity == ERROR
    doc.projects[0].budget = Budget(D(100), D(100), None)
    assert "missing_budget" not in rules(check_project(doc, 0))
    doc.projects[0].budget = Budget(D(100), D(-100), D(200))
    assert only(check_project(doc, 0), "negative_amount").field == "budget.fiscal"
    doc.projects[0].budget = Budget(D(100), None, None)
    assert only(check_project(doc, 0), "missing_budget_split").severity == WARNING


@pytest.mark.parametrize(
    ("plan", "rule"),
    [
        (["30", "65", "60", "100"], "spending_plan_decreasing"),
        (["30", "65", "95", "90"], "spending_plan_decreasing"),
        (["30", "65", "95", "95"], "spending_plan_end"),
        (["30", "65", "95", "120"], "spending_plan_range"),
        (["-5", "65", "95", "100"], "spending_plan_range"),
    ],
)
def test_spending_plan_errors(plan, rule):
    doc = hebei_doc(hebei_project(spending_plan=[D(p) for p in plan]))
    problem = only(check_project(doc, 0), rule)
    assert problem.severity == ERROR and problem.field == "spending_plan"


def test_spending_plan_from_seed_is_fine_and_may_reach_100_early():
    # seed 000, 车辆保险费: 50 / 70 / 100 / 100
    doc = hebei_doc(hebei_project(spending_plan=[D(50), D(70), D(100), D(100)]))
    assert run_checks(doc) == []


def test_spending_plan_missing():
    doc = hebei_doc(hebei_project(spending_plan=[]))
    assert only(check_project(doc, 0), "spending_plan_missing").severity == WARNING
    doc.projects[0].spending_plan = [D(30), None, D(95), D(100)]
    assert "6月底" in only(check_project(doc, 0), "spending_plan_missing").message
    doc.layout.show_spending_plan = False
    doc.projects[0].spending_plan = []
    assert check_project(doc, 0) == []


def test_goals_missing_and_repeated():
    doc = hebei_doc(hebei_project(goals=["", " "]))
    assert only(check_project(doc, 0), "missing_goals").severity == ERROR
    # seed 000, project 2: the same goal written twice
    goal = "用于维护社会稳定，保障相关人员正常工作的经费"
    doc.projects[0].goals = [goal, goal]
    problem = only(check_project(doc, 0), "duplicate_goals")
    assert problem.severity == WARNING and "第 2 条" in problem.message


def test_no_indicators():
    doc = hebei_doc(hebei_project(indicators=[]))
    assert only(check_project(doc, 0), "no_indicators").severity == ERROR


# ------------------------------------------------------------ categories


def test_level2_not_belonging_to_level1_is_an_error():
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[0].level2 = "社会效益指标"
    problem = only(check_project(doc, 0), "level2_mismatch")
    assert problem.severity == ERROR and problem.field == "level2" and problem.row == 0
    assert "效益指标" in problem.message and "产出指标" in problem.message


def test_satisfaction_under_effect_is_the_guangdong_variant():
    # Guangzhou sample: 服务对象满意度指标 rows under 效果指标, as Guangdong's 申报表 lists them
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[2].level1 = "效果指标"
    problems = check_project(doc, 0)
    assert rules(problems) == ["category_variant"]
    assert problems[0].severity == WARNING and "满意度指标" in problems[0].message


def test_satisfaction_under_output_is_an_error():
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[2].level1 = "产出指标"
    problems = check_project(doc, 0)
    assert "level2_mismatch" in rules(problems)


def test_known_variant_is_a_reminder_once_per_project():
    # seed 000 writes 效果指标 for the 效益 rows
    doc = hebei_doc(hebei_project())
    rows = doc.projects[0].indicators
    rows[1].level1 = "效果指标"
    rows.insert(
        2,
        ind(
            "效果指标",
            "可持续影响指标",
            "法警出警次数",
            "案件办理过程中法警协助办案出警人次",
            "≥100次",
        ),
    )
    problem = only(check_project(doc, 0), "category_variant")
    assert problem.severity == WARNING and problem.row == 1 and "效益指标" in problem.message
    assert "missing_effect" not in rules(check_project(doc, 0))


def test_custom_level2_from_chengdu_is_a_variant():
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[2].level2 = "帮扶对象满意度指标"
    assert only(check_project(doc, 0), "category_variant").field == "level2"


def test_unknown_categories_are_reminders():
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[0].level2 = "自拟指标"
    problem = only(check_project(doc, 0), "category_unknown")
    assert problem.severity == WARNING and problem.field == "level2"
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[0].level1 = "绩效指标"
    problem = only(check_project(doc, 0), "category_unknown")
    assert problem.field == "level1" and "产出指标" in problem.message


def test_blank_categories_below_are_merged_cells():
    doc = hebei_doc(hebei_project())
    rows = doc.projects[0].indicators
    rows.insert(1, ind("", "", "参加培训次数", "干警参加培训的次数", "≥3次"))
    assert run_checks(doc) == []
    rows[0].level1 = ""
    assert only(check_project(doc, 0), "missing_level1").row == 0
    rows[0].level1 = "产出指标"
    rows[0].level2 = ""
    assert only(check_project(doc, 0), "missing_level2").severity == ERROR


@pytest.mark.parametrize(
    ("drop", "rule", "severity"),
    [
        ("产出指标", "missing_output", ERROR),
        ("效益指标", "missing_effect", ERROR),
        ("满意度指标", "missing_satisfaction", WARNING),
    ],
)
def test_each_kind_of_indicator_is_needed(drop, rule, severity):
    project = hebei_project()
    project.indicators = [i for i in project.indicators if i.level1 != drop]
    problem = only(check_project(hebei_doc(project), 0), rule)
    assert problem.severity == severity and problem.field == "indicators" and problem.row is None


# ------------------------------------------------------------ rows


def test_empty_name_value_and_row():
    doc = hebei_doc(hebei_project())
    rows = doc.projects[0].indicators
    rows[0].name = ""
    rows[1].value = "  "
    rows.append(Indicator())
    problems = check_project(doc, 0)
    assert only(problems, "missing_name").row == 0
    assert only(problems, "missing_value").row == 1
    assert only(problems, "empty_row").row == 3


def test_duplicate_indicators():
    doc = hebei_doc(hebei_project())
    rows = doc.projects[0].indicators
    rows.insert(1, ind("产出指标", "数量指标", "参加活动次数", "干警参加安保维稳活动次数", "≥3次"))
    problem = only(check_project(doc, 0), "duplicate_indicator")
    assert problem.severity == ERROR and problem.row == 1 and "第 1 行" in problem.message


def test_same_name_under_another_level2_is_a_reminder():
    # seed 000 project 3: 检察装备建设工作完成率 under 数量指标 and under 满意度
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[2].name = "参加活动次数"
    doc.projects[0].indicators[2].value = "≥80%"
    assert only(check_project(doc, 0), "duplicate_name").severity == WARNING


# ------------------------------------------------------------ values


def test_percentage_above_100():
    doc = tianjin_doc(
        tianjin_rows(ind("产出指标", "质量指标", "产品合格率", "合格产品占全部产品的比例", "≥120%"))
    )
    problem = only(run_checks(doc), "percent_over_100")
    assert problem.severity == ERROR and problem.row == 5 and problem.field == "value"


def test_growth_may_exceed_100_percent_but_not_be_written_in_times():
    doc = tianjin_doc(
        tianjin_rows(
            ind("效益指标", "社会效益指标", "办案数量增长率", "与上年相比增长的比例", "≥150%")
        )
    )
    assert "percent_over_100" not in rules(run_checks(doc))
    # seed 001 project 6 writes ≥1倍 for 办案数量增长率
    doc.projects[0].indicators[-1].value = "≥1倍"
    problem = only(run_checks(doc), "growth_multiple")
    assert problem.severity == ERROR and "翻一番" in problem.message


def test_money_on_a_rate_is_an_error():
    doc = tianjin_doc(
        tianjin_rows(
            ind("产出指标", "质量指标", "资金发放到位率", "已发放金额占应发金额的比例", "28.8万元")
        )
    )
    problem = only(run_checks(doc), "rate_unit")
    assert problem.severity == ERROR and "百分比" in problem.message


def test_count_on_a_rate_is_a_reminder():
    # seed 000, 车辆保险费: 完成率 written as 9台
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators.insert(
        1, ind("产出指标", "时效指标", "完成率", "车辆保险缴纳数量", "9台")
    )
    problem = only(check_project(doc, 0), "rate_unit")
    assert problem.severity == WARNING and "台" in problem.message


def test_percent_on_an_amount_is_an_error():
    doc = tianjin_doc(tianjin_rows())
    doc.projects[0].indicators[2].value = "≤28.8%"
    problem = only(run_checks(doc), "amount_percent")
    assert problem.severity == ERROR and problem.row == 2


def test_percent_on_a_cost_indicator_is_a_reminder():
    # seed 000, 人事代理专项补助: 成本指标 全年工资发放水平 100百分比
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators.insert(
        1,
        ind(
            "产出指标",
            "成本指标",
            "全年工资发放水平",
            "全年人员工资发放额占应发额的比例",
            "100百分比",
        ),
    )
    assert only(check_project(doc, 0), "cost_percent").severity == WARNING


def test_cost_above_budget_minds_the_units():
    doc = tianjin_doc(tianjin_rows())
    cost = doc.projects[0].indicators[2]
    for fine in ("≤9.5万元", "≤95000元", "≤9.4万元", "≤8400元"):
        cost.value = fine
        assert "cost_over_budget" not in rules(run_checks(doc)), fine
    for wrong in ("≤9.6万元", "≤95001元", "≤10万"):
        cost.value = wrong
        problem = only(run_checks(doc), "cost_over_budget")
        assert problem.severity == ERROR and "9.50 万元" in problem.message, wrong


def test_cost_above_budget_in_yuan_documents():
    # seed 000 amounts are in 元: a cost of 19万元 on a 190000.00 元 budget is fine, 20万元 is not
    project = hebei_project(budget=Budget(D("190000.00"), D("190000.00"), None))
    project.indicators.insert(
        1, ind("产出指标", "成本指标", "加班费支出", "全年加班费支出总额", "≤19万元")
    )
    doc = hebei_doc(project)
    assert run_checks(doc) == []
    project.indicators[1].value = "≤20万元"
    assert only(run_checks(doc), "cost_over_budget").row == 1


def test_cost_unit_missing_and_suspect():
    doc = tianjin_doc(tianjin_rows())
    cost = doc.projects[0].indicators[2]
    cost.value = "≤9.5"
    assert only(run_checks(doc), "cost_unit_missing").severity == WARNING
    cost.value = "≤9.5元"
    assert only(run_checks(doc), "cost_unit_suspect").severity == WARNING
    cost.value = "≤9.5万"  # 万 is 万元
    assert run_checks(doc) == []


def test_satisfaction_should_be_a_percentage():
    doc = tianjin_doc(tianjin_rows())
    doc.projects[0].indicators[4].value = "≥95人"
    assert only(run_checks(doc), "satisfaction_unit").severity == WARNING


def test_year_of_a_time_value_must_match_the_fiscal_year():
    doc = tianjin_doc(tianjin_rows())
    doc.fiscal_year = 2024
    problem = only(run_checks(doc), "year_mismatch")
    assert problem.row == 1 and "2023" in problem.message and "2024" in problem.message
    doc.projects[0].indicators[1].value = "2023-2025年"
    assert "year_mismatch" not in rules(run_checks(doc))
    doc.fiscal_year = 2026
    assert only(run_checks(doc), "year_mismatch").severity == WARNING


def test_qualitative_and_formula_values_are_not_judged():
    doc = tianjin_doc(tianjin_rows())
    doc.projects[0].indicators[3].value = "定性优良中低差"
    doc.projects[0].indicators[4].value = "干警满意度=满意人数/调查人数*100%"
    assert run_checks(doc) == []


# ------------------------------------------------------------ what a name measures

# Names that mention money but do not measure an amount, with the values clerks give them.
NOT_AMOUNTS = [
    ("产出指标", "质量指标", "资金使用合规性", "=100%"),
    ("产出指标", "质量指标", "专项资金使用规范性", "100%"),
    ("产出指标", "时效指标", "资金到位及时性", "100%"),
    ("产出指标", "时效指标", "支出进度", "≥90%"),
    ("产出指标", "质量指标", "投入使用设备完好", "≥95%"),
    ("产出指标", "时效指标", "资金拨付及时率", "100%"),
    ("产出指标", "质量指标", "经费使用规范", "100%"),
    ("产出指标", "质量指标", "费用报销合规性", "=100%"),
    ("效益指标", "经济效益指标", "成本节约", "≥5%"),
    ("效益指标", "经济效益指标", "投入产出比", "≥150%"),
    ("效益指标", "经济效益指标", "资金使用效益", "≥90%"),
    ("效益指标", "可持续影响指标", "资金管理制度健全性", "健全"),
]


@pytest.mark.parametrize("row", NOT_AMOUNTS, ids=[r[2] for r in NOT_AMOUNTS])
def test_a_name_that_mentions_money_is_not_an_amount(row):
    doc = tianjin_doc(tianjin_rows(ind(*row[:3], "说明", row[3])))
    assert run_checks(doc) == []


@pytest.mark.parametrize(
    "name",
    [
        "采购成本",
        "发放金额",
        "男夏季检察服单价",
        "全年加班费",
        "工程造价",
        "办案经费",
        "抚恤金",
        "设备购置费用（万元）",
        "信息化运维项目成本情况",
    ],
)
def test_percent_on_a_clear_amount_is_an_error(name):
    doc = tianjin_doc(tianjin_rows(ind("产出指标", "数量指标", name, "说明", "≤90%")))
    assert only(run_checks(doc), "amount_percent").severity == ERROR


@pytest.mark.parametrize(
    "name",
    ["专项资金", "全年培训专项经费支出", "成本投入", "成本控制", "带动社会投资", "人员工资"],
)
def test_percent_on_a_doubtful_amount_is_a_reminder(name):
    doc = tianjin_doc(tianjin_rows(ind("产出指标", "数量指标", name, "说明", "≤100%")))
    problem = only(run_checks(doc), "amount_percent")
    assert problem.severity == WARNING and "进度" in problem.message


def test_non_money_costs_may_be_shares():
    # newer central forms: 成本指标 › 社会成本指标 / 生态环境成本指标
    rows = tianjin_rows(
        ind("成本指标", "社会成本指标", "社会成本", "对社会的负面影响", "≤5%"),
        ind("成本指标", "生态环境成本指标", "占用耕地比例", "说明", "=0%"),
        ind("成本指标", "经济成本指标", "设备购置成本", "说明", "≤50%"),
    )
    problems = [p for p in run_checks(tianjin_doc(rows)) if p.field == "value"]
    assert [(p.rule, p.severity, p.row) for p in problems] == [("amount_percent", ERROR, 7)]


def test_a_benefit_may_exceed_the_budget():
    doc = tianjin_doc(
        tianjin_rows(ind("效益指标", "经济效益指标", "挽回经济损失金额", "说明", "500万元"))
    )
    assert run_checks(doc) == []
    doc.projects[0].indicators[-1].level1 = "产出指标"
    doc.projects[0].indicators[-1].level2 = "数量指标"
    assert only(run_checks(doc), "cost_over_budget").severity == ERROR
    doc.projects[0].indicators[-1].name = "带动社会资金投入"
    assert only(run_checks(doc), "cost_over_budget").severity == WARNING


@pytest.mark.parametrize(
    "name, value",
    [
        ("检查频率", "≥2次/月"),
        ("网络传输速率", "≥100Mbps"),
        ("设备额定功率", "≤5千瓦"),
        ("显示屏分辨率", "1920×1080"),
        ("放大倍率", "≥10倍"),
        ("办案效率", "≤30天"),
        ("资金配套比例", "1:1"),
        ("结案率提高", "≥5个百分点"),
    ],
)
def test_words_ending_in_rate_that_are_not_shares(name, value):
    doc = tianjin_doc(tianjin_rows(ind("产出指标", "质量指标", name, "说明", value)))
    assert run_checks(doc) == []


@pytest.mark.parametrize("name", ["业务培训有效率", "调解成功率", "医保缴费率"])
def test_shares_that_end_like_non_shares(name):
    doc = tianjin_doc(tianjin_rows(ind("产出指标", "质量指标", name, "说明", "28.8万元")))
    assert only(run_checks(doc), "rate_unit").severity == ERROR


def test_satisfaction_means_the_name_ends_with_it():
    doc = tianjin_doc(tianjin_rows())
    satisfaction = doc.projects[0].indicators[4]
    for fine in ("≥90分", "≥4.5分", "≥95%"):
        satisfaction.value = fine
        assert run_checks(doc) == [], fine
    satisfaction.value = "≥95人"
    assert only(run_checks(doc), "satisfaction_unit").severity == WARNING
    satisfaction.name, satisfaction.value = "满意度调查次数", "≥2次"
    assert run_checks(doc) == []


@pytest.mark.parametrize(
    "name, severity",
    [
        ("产品合格率", ERROR),
        ("群众满意度", ERROR),
        ("资金发放到位率", ERROR),
        ("征收计划完成率", WARNING),
        ("预算资金", WARNING),
        ("办案质量", WARNING),
        ("办案数量增长率", None),
        ("收入较上年", None),
        ("投入产出比", None),
        ("项目投资收益率", None),
    ],
)
def test_percentage_above_100_is_an_error_only_for_a_share(name, severity):
    doc = tianjin_doc(tianjin_rows(ind("效益指标", "社会效益指标", name, "说明", "≥110%")))
    found = [p.severity for p in run_checks(doc) if p.rule == "percent_over_100"]
    assert found == ([severity] if severity else [])


def test_catalog_suggestions_with_their_typical_units_pass():
    """Every suggested 三级, filled in its catalog unit, is clean: no false findings."""
    catalog = load_catalog()
    values = {"%": "≥90%", "万元": "≤5万元", "元": "≤500元", "": "按时完成"}
    rows = [
        ind(entry.name, l2.name, s.name, f"{s.name}的说明", values.get(s.unit, f"≥3{s.unit}"))
        for entry in catalog.entries
        for l2 in entry.level2
        for s in l2.suggestions
    ]
    problems = run_checks(tianjin_doc(rows))
    assert [p for p in problems if p.field == "value"] == []


# Per sample, the errors a reviewer would also mark; everything else stays a 提醒.
SAMPLE_ERRORS = {
    "chengdu_2022.json": [],
    "guangzhou_yuexiu.json": [],
    "hebei_2020.json": [],
    "tianjin_2023.json": ["growth_multiple"],  # 办案数量增长率 ≥1倍
}


def test_sample_errors_are_the_real_ones():
    for path in sorted(SAMPLES.glob("*.json")):
        errors = [p.rule for p in run_checks(load(path)) if p.is_error]
        assert errors == SAMPLE_ERRORS[path.name], path.name


# ------------------------------------------------------------ descriptions


def test_description_repeating_the_name_is_one_reminder_per_project():
    # Tianjin's 5-column forms repeat the name in every description cell
    rows = [ind(i.level1, i.level2, i.name, i.name, i.value) for i in tianjin_rows()]
    doc = tianjin_doc(rows)
    problem = only(run_checks(doc), "description_repeats_name")
    assert problem.severity == WARNING and problem.row == 0 and problem.field == "description"
    assert "全部 5 行" in problem.message


def test_some_descriptions_repeating_are_listed():
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[2].description = "群众满意度。"
    problem = only(check_project(doc, 0), "description_repeats_name")
    assert problem.row == 2 and "第 3 行" in problem.message


def test_missing_description_and_basis():
    doc = hebei_doc(hebei_project())
    doc.projects[0].indicators[0].description = ""
    doc.projects[0].indicators[1].basis = ""
    problems = check_project(doc, 0)
    assert only(problems, "missing_description").row == 0
    assert only(problems, "missing_basis").row == 1
    doc.layout.show_basis = False
    assert "missing_basis" not in rules(check_project(doc, 0))


# ------------------------------------------------------------ 待复核


def test_needs_review_is_counted_per_project():
    doc = hebei_doc(hebei_project(needs_review=True))
    doc.projects[0].indicators[0].needs_review = True
    doc.projects[0].indicators[2].needs_review = True
    problem = only(check_project(doc, 0), "needs_review")
    assert problem.severity == WARNING and "本项目还有 3 项待复核的内容" in problem.message


# ------------------------------------------------------------ department and document


def chengdu_doc() -> Document:
    """Seed 003 (成都市人民检察院 2022), a few of its indicator rows."""
    dept = DepartmentGoals(
        name="四川省成都市人民检察院部门",
        overall_goal="2022年，全市检察机关将坚持以习近平新时代中国特色社会主义思想为指导……",
        budget=DepartmentBudget(total=D("15213.00"), fiscal=D("15213.00"), other=D("0.00")),
        indicators=[
            Indicator(
                "产出指标", "数量指标", "理论学习中心组专题学习次数", value="≥4次", number="1-1"
            ),
            Indicator(
                "产出指标",
                "数量指标",
                "监管场所派驻+巡回检察检查频次",
                value="≥17次/年",
                number="2-3",
            ),
            Indicator("产出指标", "质量指标", "系统验收合格率", value="=100%", number="4-4"),
            Indicator(
                "效益指标",
                "可持续影响指标",
                "增强党组织向心力",
                value="定性优良中低差",
                number="1-5",
            ),
            Indicator(
                "满意度指标",
                "帮扶对象满意度指标",
                "“援藏提效、精准帮扶”工作受援双方满意度",
                value="≥98%",
                number="5-6",
            ),
        ],
    )
    return Document(
        unit_name="成都市人民检察院",
        fiscal_year=2022,
        money_unit="万元",
        layout=Layout(department_form="chengdu", show_code=False),
        department=dept,
    )


def test_chengdu_department_checks():
    doc = chengdu_doc()
    problems = check_department(doc)
    assert rules(problems) == ["category_variant"]
    assert problems[0].location == "部门整体 第 5 行 二级指标"
    doc.department.budget.other = D("100.00")
    assert only(check_department(doc), "budget_split").field == "budget.total"


def test_guangzhou_department_budget_balance_and_formulas():
    # seed 002: 基本支出 6,797.78 + 项目支出 779.83 = 7,577.61; 财政拨款 7,577.61 + 其他资金 195.80
    dept = DepartmentGoals(
        name="广州市越秀区人民检察院",
        overall_goal="依据检察机关的性质、任务和职权……",
        budget=DepartmentBudget(
            basic=D("6797.78"), project=D("779.83"), fiscal=D("7577.61"), other=D("195.80")
        ),
        indicators=[
            Indicator("产出指标", "质量指标", "信息化使用通畅", value="100%"),
            Indicator(
                "产出指标",
                "质量指标",
                "赔偿达标率",
                value="赔偿达标率=赔偿资金中按标准支付的金额/全部赔偿资金金额*100%",
            ),
            Indicator("效益指标", "社会效益指标", "收结案比", value=">90%"),
            Indicator("满意度指标", "服务对象满意度指标", "目标群体的满意率", value=">90%"),
        ],
    )
    doc = Document(
        fiscal_year=2022,
        unit_name="广州市越秀区人民检察院",
        money_unit="万元",
        layout=Layout(department_form="guangzhou"),
        department=dept,
    )
    problem = only(check_department(doc), "budget_balance")
    assert problem.severity == WARNING and "7,773.41" in problem.message
    dept.budget.other = D("0")
    assert check_department(doc) == []
    dept.indicators.append(Indicator("产出指标", "成本指标", "项目支出成本", value="≤8000万元"))
    problem = only(check_department(doc), "cost_over_budget")
    assert problem.row == 4 and "7,577.61 万元" in problem.message


def test_department_needs_review_and_missing_parts():
    doc = chengdu_doc()
    doc.department.indicators[0].needs_review = True
    doc.department.overall_goal = ""
    doc.department.name = ""
    problems = check_department(doc)
    assert "部门整体还有 1 项待复核的指标" in only(problems, "needs_review").message
    assert only(problems, "missing_overall_goal").location == "部门整体 总体绩效目标"
    assert only(problems, "missing_department_name").severity == WARNING
    doc.department.indicators = []
    assert only(check_department(doc), "no_indicators").severity == ERROR
    assert check_department(Document()) == []


def test_document_header():
    doc = hebei_doc()
    doc.unit_name = ""
    doc.fiscal_year = None
    assert rules(check_document(doc)) == ["missing_unit_name", "missing_fiscal_year"]
    assert rules(run_checks(doc))[:2] == ["missing_unit_name", "missing_fiscal_year"]


# ------------------------------------------------------------ whole documents


def test_run_checks_is_the_sum_of_its_parts():
    doc = chengdu_doc()
    doc.projects = [hebei_project(name=""), hebei_project(goals=[]), hebei_project()]
    expected = check_document(doc) + check_department(doc)
    for i in range(3):
        expected += check_project(doc, i)
    assert run_checks(doc) == expected
    assert [p.project_index for p in check_project(doc, 1)] == [1]


def test_problems_sort_form_level_first_then_rows():
    doc = hebei_doc(hebei_project(name=""))
    doc.projects[0].indicators[2].value = ""
    doc.projects[0].indicators[0].value = ""
    rows = [p.row for p in check_project(doc, 0)]
    assert rows == [None, 0, 2]


def big_document(n_projects=500, n_rows=20) -> Document:
    rows = [
        ind("产出指标", "数量指标", "硬件维护数量", "维护的硬件设备数量", "≥600台/套"),
        ind("产出指标", "质量指标", "系统正常运行率", "系统正常运行时间占全部时间的比例", "100%"),
        ind("产出指标", "时效指标", "运维响应时间", "接到报修到响应的时间", "≤15分钟"),
        ind("产出指标", "成本指标", "项目成本", "项目全部成本", "≤450万元"),
        ind("效益指标", "社会效益指标", "助力科技强检", "为办公办案提供技术保障", "有效保障"),
        ind(
            "满意度指标", "服务对象满意度指标", "使用人员满意度", "使用人员中表示满意的比例", "≥98%"
        ),
    ]
    projects = []
    for p in range(n_projects):
        indicators = [
            Indicator(r.level1, r.level2, f"{r.name}{i}", r.description, r.value, basis=r.basis)
            for i in range(n_rows)
            for r in [rows[i % len(rows)]]
        ]
        projects.append(
            Project(
                name=f"信息化运维项目{p}",
                budget=Budget(D(450), D(450), None),
                goals=["规范运维服务过程，确保达到服务目标。"],
                indicators=indicators,
            )
        )
    return Document(
        unit_name="天津",
        fiscal_year=2023,
        money_unit="万元",
        layout=Layout(show_code=False),
        projects=projects,
    )


class OnlyProject(list):
    """A project list that fails the test when any project but `index` is read."""

    def __init__(self, projects, index):
        super().__init__(projects)
        self.index = index

    def __getitem__(self, key):
        assert key == self.index, f"check_project read project {key}"
        return super().__getitem__(key)

    def __iter__(self):
        raise AssertionError("check_project walked all projects")


def test_500_projects_check_cleanly_and_one_project_alone():
    """Speed is measured in benchmarks/run.py; here only a bound no sane machine misses."""
    doc = big_document()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        assert run_checks(doc) == []
        times.append(time.perf_counter() - start)
    # ~0.15 s on a 2-core machine; 30 s only catches a runaway (quadratic) rule
    assert sorted(times)[1] < 30, times
    doc.projects[250].indicators[3].value = "≤451万元"
    expected = check_project(doc, 250)
    assert rules(expected) == ["cost_over_budget"]
    doc.projects = OnlyProject(doc.projects, 250)
    assert check_project(doc, 250) == expected
    with pytest.raises(AssertionError, match="read project 0"):
        run_checks(doc)


def test_every_sample_checks_cleanly():
    samples = sorted(SAMPLES.glob("*.json"))
    if not samples:
        pytest.skip("no samples in resources/samples yet")
    for path in samples:
        doc = load(path)
        problems = run_checks(doc)
        for problem in problems:
            assert problem.severity in (ERROR, WARNING)
            assert problem.message and problem.location
            assert problem.rule
            line = problem.format_line()
            assert line.count("\t") == 2 and "\n" not in line
            if problem.project_index is not None:
                assert 0 <= problem.project_index < len(doc.projects)
                if problem.row is not None:
                    assert 0 <= problem.row < len(doc.projects[problem.project_index].indicators)
        # a real published filing has far fewer problems than rows
        assert len(problems) <= sum(len(p.indicators) for p in doc.projects) + 5, path.name


# ------------------------------------------------------------ robustness

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texts = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "产出指标",
            "效果指标",
            "成本指标",
            "数量指标",
            "成本指标",
            "社会效益指标",
            "帮扶对象满意度指标",
            "群众满意度",
            "完成率",
            "项目成本",
            "增长率",
            "≥1倍",
            "≤9.5万元",
            "120%",
            "2019年内",
            "2023-2025年",
            "定性优良中低差",
            "≤100万",
        ]
    ),
    st.text(max_size=12),
)
_amounts = st.one_of(st.none(), st.decimals(min_value=-(10**6), max_value=10**9, places=2))
_indicators = st.builds(
    Indicator,
    _texts,
    _texts,
    _texts,
    _texts,
    _texts,
    period_value=_texts,
    basis=_texts,
    needs_review=st.booleans(),
)
_projects = st.builds(
    Project,
    code=_texts,
    name=_texts,
    budget=st.builds(Budget, _amounts, _amounts, _amounts),
    spending_plan=st.one_of(st.just([]), st.lists(_amounts, min_size=4, max_size=4)),
    goals=st.lists(_texts, max_size=3),
    indicators=st.lists(_indicators, max_size=6),
    needs_review=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_projects, max_size=3),
    st.sampled_from(["元", "万元"]),
    st.one_of(st.none(), st.integers(1990, 2100)),
    st.booleans(),
)
def test_checks_never_raise_on_any_document(projects, money_unit, year, spending):
    doc = Document(
        fiscal_year=year,
        money_unit=money_unit,
        layout=Layout(show_spending_plan=spending),
        projects=projects,
    )
    for problem in run_checks(doc):
        assert problem.severity in (ERROR, WARNING)
        line = problem.format_line()
        assert line.count("\t") == 2 and len(line.splitlines()) == 1 and problem.location


@pytest.mark.parametrize(
    ("plan", "found"),
    [
        (["30", "65", "95", "100"], []),
        (["30", "65", "95", "100.00"], []),
        (["30", "65", "95", "100.01"], ["spending_plan_range"]),
        (["30", "65", "65", "100"], []),  # the same share twice: nothing spent in between
        (["30", "65", "64", "100"], ["spending_plan_decreasing"]),  # falls by one point
        (["30", "65", "64.99", "100"], ["spending_plan_decreasing"]),
        (["0", "65", "95", "100"], []),
        (["-0.01", "65", "95", "100"], ["spending_plan_range"]),
    ],
)
def test_spending_plan_edges(plan, found):
    doc = hebei_doc(hebei_project(spending_plan=[D(p) for p in plan]))
    assert [r for r in rules(check_project(doc, 0)) if r.startswith("spending_plan")] == found


@pytest.mark.parametrize(
    ("value", "over"),
    [("=100%", False), ("≥100%", False), ("100.00%", False), ("≥100.01%", True), ("=101%", True)],
)
def test_a_share_of_exactly_100_percent_is_fine_and_100_01_is_not(value, over):
    doc = tianjin_doc(
        tianjin_rows(ind("产出指标", "质量指标", "产品合格率", "合格产品占全部产品的比例", value))
    )
    assert ("percent_over_100" in rules(run_checks(doc))) is over
