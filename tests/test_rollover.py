"""Rollover: a new year's document from last year's; the old one never changes."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import GoalEditorError
from goaleditor.model import (
    Budget,
    DepartmentBudget,
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Project,
    Signature,
    Task,
)
from goaleditor.rollover import (
    CHINESE_NUMERALS,
    CODE,
    DOCUMENT_NAME,
    MULTI_YEAR,
    NEW_YEAR_PRESENT,
    NUMBER,
    OTHER_YEAR,
    TWO_DIGITS,
    UNCLEAR,
    YEAR_LIST,
    KeptYear,
    format_report,
    infer_fiscal_year,
    read_report,
    rollover,
    shift_year,
)

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def _doc(**kwargs) -> Document:
    project = Project(
        code="151-0702-JBN-2023",
        name="2023年检察办案业务费",
        budget=Budget(Decimal("190000.00"), Decimal("190000.00"), None),
        purpose="为2023年干警及司法警察全年加班提供资金保障",
        spending_plan=[Decimal("30"), Decimal("65"), Decimal("95"), Decimal("100")],
        goals=["完成2023年度办案任务", "落实《2023年检察工作要点》"],
        indicators=[
            Indicator("产出指标", "时效指标", "发放时限", "发放时限", "2023年内"),
            Indicator("产出指标", "时效指标", "完成时间", "项目完成时间", "2023年底前"),
            Indicator("产出指标", "数量指标", "办案数", "办案数", "≥2023件"),
            Indicator("产出指标", "成本指标", "2023年度信息化运维项目成本", "运维成本", "≤9.5万元"),
            Indicator("效益指标", "可持续影响指标", "持续时间", "持续时间", "2023-2025年"),
            Indicator("满意度指标", "服务对象满意度指标", "满意度", "干警满意度", "≥95%"),
        ],
    )
    values = {"fiscal_year": 2023, "money_unit": "元", "projects": [project]}
    values.update(kwargs)
    return Document(**values)


# ---------------------------------------------------------------- the text rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年检察办案业务费", "2024年检察办案业务费"),
        ("2023年内", "2024年内"),
        ("2023全年", "2024全年"),
        ("2023年全年", "2024年全年"),
        ("2023年底前", "2024年底前"),
        ("2023年底10月底前", "2024年底10月底前"),
        ("2023年度信息化运维项目成本", "2024年度信息化运维项目成本"),
        ("技术信息化运维项目-2023中央", "技术信息化运维项目-2024中央"),
        ("2023.12.31前完成", "2024.12.31前完成"),
        ("2023/6/30前", "2024/6/30前"),
        ("2023年6月30日前", "2024年6月30日前"),
        ("2023年1月-2023年12月", "2024年1月-2024年12月"),
        ("21家检察院提供2023年检察院工作相关", "21家检察院提供2024年检察院工作相关"),
    ],
)
def test_fiscal_year_moves(text, expected):
    after, kept = shift_year(text, 2023, 2024)
    assert after == expected
    assert kept == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-2025年", MULTI_YEAR),
        ("2023—2025年", MULTI_YEAR),
        ("2021年至2023年", MULTI_YEAR),
        ("2023年1月-2025年12月", MULTI_YEAR),
        ("落实《天津市2023年检察工作要点》", DOCUMENT_NAME),
        ("津检发〔2023〕5号", DOCUMENT_NAME),
        ("依据[2023]12号文", DOCUMENT_NAME),
        ("≥2023件", NUMBER),
        ("2023.5万元", NUMBER),
        ("2023元", NUMBER),
        ("共1,2023", NUMBER),
        ("JBN-2023-01", CODE),
    ],
)
def test_year_that_is_not_the_fiscal_year_stays(text, reason):
    after, kept = shift_year(text, 2023, 2024)
    assert after == text
    assert [k.reason for k in kept] == [reason]
    assert all(k.year == 2023 for k in kept)


def test_other_years_stay_and_are_noted():
    after, kept = shift_year("2022年结转资金用于2023年", 2023, 2024)
    assert after == "2022年结转资金用于2024年"
    assert [(k.year, k.reason) for k in kept] == [(2022, OTHER_YEAR)]


def test_numbers_that_merely_look_like_years_are_untouched():
    for text in ("≥1900套", "≥2000条", "12023.00", "20230", "190000.00"):
        assert shift_year(text, 2023, 2024) == (text, [])


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("2023/2024学年", [(2023, MULTI_YEAR)]),
        ("２０２３／２０２４学年", [(2023, MULTI_YEAR)]),
        ("2022/2023学年", [(2023, MULTI_YEAR)]),
        ("2023年、2024年", [(2023, YEAR_LIST), (2024, OTHER_YEAR)]),
        ("2022年、2023年", [(2022, OTHER_YEAR), (2023, YEAR_LIST)]),
        ("2023、2024年度", [(2023, YEAR_LIST), (2024, OTHER_YEAR)]),
        ("2023年和2022年", [(2023, YEAR_LIST), (2022, OTHER_YEAR)]),
        ("2023年内采购，2024年验收", [(2023, NEW_YEAR_PRESENT), (2024, OTHER_YEAR)]),
        ("执行2023年版收费标准", [(2023, DOCUMENT_NAME)]),
    ],
)
def test_uncertain_years_stay_and_are_noted(text, reasons):
    after, kept = shift_year(text, 2023, 2024)
    assert after == text
    assert [(k.year, k.reason) for k in kept] == reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２０２３年内", "２０２４年内"),
        ("２０２３年１月-２０２３年１２月", "２０２４年１月-２０２４年１２月"),
        ("２0２３年底前", "２0２４年底前"),  # mixed, as typed
        ("２０２３．１２．３１前完成", "２０２４．１２．３１前完成"),
        ("2023年内完成，2024元", "2024年内完成，2024元"),  # 2024元 is an amount
    ],
)
def test_full_width_years_move_in_the_clerks_own_digits(text, expected):
    assert shift_year(text, 2023, 2024) == (expected, [])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("《２０２３年工作要点》", DOCUMENT_NAME),
        ("２０２３－２０２５年", MULTI_YEAR),
        ("≥２０２３件", NUMBER),
    ],
)
def test_full_width_years_that_stay(text, reason):
    assert shift_year(text, 2023, 2024) == (text, [KeptYear(2023, reason, text)])


def test_uncertain_years_are_listed_in_the_report():
    doc = _doc()
    project = doc.projects[0]
    project.goals = ["完成2023/2024学年培训", "2023年、2024年分两期实施", "２０２３年内完成"]
    result = rollover(doc, 2024)
    assert result.document.projects[0].goals == [
        "完成2023/2024学年培训",
        "2023年、2024年分两期实施",
        "２０２４年内完成",
    ]
    report = format_report(result)
    notes = report[report.index("未改动，请核对") :]
    assert "2023/2024学年" in notes and "多年度期间" in notes
    assert "2023年、2024年" in notes and "多个年份并列" in notes
    assert "２０２３年内" not in notes
    assert "原：２０２３年内完成" in report and "新：２０２４年内完成" in report


def test_fiscal_year_is_inferred_from_full_width_names():
    doc = _doc(fiscal_year=None)
    doc.projects[0].name = "２０２３年检察办案业务费"
    assert infer_fiscal_year(doc) == 2023


# ---------------------------------------------------------------- the document


def test_input_document_is_never_changed():
    doc = _doc(department=DepartmentGoals(overall_goal="2023年全面完成任务"))
    before = copy.deepcopy(doc)
    result = rollover(doc, 2024, keep_values=False)
    assert doc == before
    assert result.document is not doc
    assert result.document.projects[0] is not doc.projects[0]
    assert result.document.projects[0].indicators[0] is not doc.projects[0].indicators[0]


def test_years_move_where_they_mean_the_fiscal_year():
    result = rollover(_doc(), 2024)
    new = result.document
    project = new.projects[0]
    assert new.fiscal_year == 2024
    assert project.name == "2024年检察办案业务费"
    assert project.code == "151-0702-JBN-2023"
    assert project.purpose == "为2024年干警及司法警察全年加班提供资金保障"
    assert project.goals == ["完成2024年度办案任务", "落实《2023年检察工作要点》"]
    values = [ind.value for ind in project.indicators]
    assert values == ["2024年内", "2024年底前", "≥2023件", "≤9.5万元", "2023-2025年", "≥95%"]
    assert project.indicators[3].name == "2024年度信息化运维项目成本"


def test_keep_values_keeps_budget_and_values():
    result = rollover(_doc(), 2024, keep_values=True)
    project = result.document.projects[0]
    assert project.budget == Budget(Decimal("190000.00"), Decimal("190000.00"), None)
    assert project.spending_plan == [Decimal("30"), Decimal("65"), Decimal("95"), Decimal("100")]
    assert project.indicators[5].value == "≥95%"


def test_clear_values_clears_budget_plan_and_values():
    doc = _doc(
        department=DepartmentGoals(
            budget=DepartmentBudget(total=Decimal("15213.00"), fiscal=Decimal("15213.00")),
            tasks=[Task("任务1", "内容", Decimal("58.00"), "目标")],
            indicators=[
                Indicator("产出指标", "数量指标", "学习次数", "", "≥4次", period_value="≥12次")
            ],
        )
    )
    result = rollover(doc, 2024, keep_values=False)
    new = result.document
    project = new.projects[0]
    assert project.budget == Budget(None, None, None)
    assert project.spending_plan == [None, None, None, None]
    assert all(ind.value == "" for ind in project.indicators)
    assert new.department.budget == DepartmentBudget()
    assert new.department.tasks[0].amount is None
    assert new.department.indicators[0].value == ""
    # 实施周期指标值 spans the whole period: it is kept.
    assert new.department.indicators[0].period_value == "≥12次"
    cleared = [c for c in result.changes if c.what == "清空"]
    fields = {c.field for c in cleared}
    assert {"预算数", "其中：财政资金", "指标值", "资金支出计划（3月底）", "资金总额"} <= fields
    assert "其他资金" not in {c.field for c in cleared if c.project == 1}  # it was blank
    value_change = next(c for c in cleared if c.row.startswith("指标第 1 行") and c.project == 1)
    assert (value_change.before, value_change.after) == ("2023年内", "")


def test_everything_carried_is_marked_for_review():
    doc = _doc(department=DepartmentGoals(indicators=[Indicator(name="学习次数", value="≥4次")]))
    result = rollover(doc, 2024)
    new = result.document
    assert all(p.needs_review for p in new.projects)
    assert all(ind.needs_review for _, _, ind in new.all_indicators())
    assert result.review_projects == 1
    assert result.review_indicators == 7
    assert not any(p.needs_review for p in doc.projects)


def test_every_change_is_recorded_with_where_and_before_after():
    result = rollover(_doc(), 2024)
    by_field = {(c.project, c.row, c.field): c for c in result.changes}
    name = by_field[(1, "", "项目名称")]
    assert (name.before, name.after) == ("2023年检察办案业务费", "2024年检察办案业务费")
    assert name.what == "年份 2023→2024"
    assert name.where == "项目 1「2024年检察办案业务费」 › 项目名称"
    value = by_field[(1, "指标第 1 行（发放时限）", "指标值")]
    assert (value.before, value.after) == ("2023年内", "2024年内")
    assert value.where == "项目 1「2024年检察办案业务费」 › 指标第 1 行（发放时限） › 指标值"
    goal = by_field[(1, "第 1 条", "绩效目标")]
    assert goal.after == "完成2024年度办案任务"
    year = next(c for c in result.changes if c.field == "预算年度")
    assert (year.before, year.after) == ("2023", "2024")
    # Nothing unchanged is listed as a change.
    assert all(c.before != c.after for c in result.changes)
    reasons = {(n.year, n.reason) for n in result.notes}
    assert (2023, DOCUMENT_NAME) in reasons
    assert (2023, MULTI_YEAR) in reasons
    assert (2023, NUMBER) in reasons


def test_department_text_moves():
    dept = DepartmentGoals(
        name="成都市人民检察院",
        overall_goal="2023年，全市检察机关将坚持……",
        duty_goals=[DutyGoal("侦查监督", "主要职责是……", "绩效目标是2023年内提高批捕准确率")],
        safeguards="为保障2023年检察工作顺利进行",
        safeguard_items=["2023年底前完成培训"],
        tasks=[Task("任务1.持续深化政治建设", "2023年全年学习", None, "")],
    )
    new = rollover(
        _doc(department=dept, title="成都市人民检察院 2023年部门整体支出绩效目标表"), 2024
    )
    d = new.document.department
    assert d.overall_goal.startswith("2024年，")
    assert d.duty_goals[0].goal == "绩效目标是2024年内提高批捕准确率"
    assert d.safeguards == "为保障2024年检察工作顺利进行"
    assert d.safeguard_items == ["2024年底前完成培训"]
    assert d.tasks[0].content == "2024年全年学习"
    assert new.document.title == "成都市人民检察院 2024年部门整体支出绩效目标表"


def test_signature_date_is_cleared():
    doc = _doc(signature=Signature(preparer="张三", date="2023年1月10日"))
    result = rollover(doc, 2024)
    assert result.document.signature.date == ""
    assert result.document.signature.preparer == "张三"
    assert any(c.field == "填报日期" and c.before == "2023年1月10日" for c in result.changes)


def test_missing_fiscal_year_is_inferred_from_project_names():
    doc = _doc(fiscal_year=None)
    assert infer_fiscal_year(doc) == 2023
    result = rollover(doc, 2024)
    assert result.inferred_year and result.from_year == 2023
    assert result.document.projects[0].name == "2024年检察办案业务费"
    assert "推断为 2023 年" in format_report(result)


def test_no_year_anywhere_only_sets_the_fiscal_year():
    doc = Document(projects=[Project(name="办公经费", goals=["保障运转"])])
    result = rollover(doc, 2024)
    assert result.from_year is None
    assert result.document.fiscal_year == 2024
    assert result.document.projects[0].name == "办公经费"
    assert "未改动任何文字" in format_report(result)


@pytest.mark.parametrize("year", [2023, 2022, 1800, 99999])
def test_new_year_must_be_later_and_valid(year):
    with pytest.raises(GoalEditorError) as err:
        rollover(_doc(), year)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))


def test_only_the_fiscal_year_moves_across_several_years():
    doc = _doc(fiscal_year=2023)
    doc.projects[0].goals = ["巩固2021年以来的成果，完成2023年任务"]
    result = rollover(doc, 2025)
    assert result.document.projects[0].goals == ["巩固2021年以来的成果，完成2025年任务"]
    assert (2021, OTHER_YEAR) in {(n.year, n.reason) for n in result.notes}


def test_report_lists_changes_in_chinese():
    result = rollover(_doc(), 2024, keep_values=True)
    text = format_report(result)
    assert "由 2023 年文件生成 2024 年文档。" in text
    assert "保留上年数值" in text
    assert "【项目 1「2024年检察办案业务费」】" in text
    assert "原：2023年内" in text and "新：2024年内" in text
    assert "待复核" in text
    assert "未改动，请核对" in text
    assert f"共改动 {len(result.changes)} 处" in text
    assert "绩效目标第 2 条：2023（文件或法规名称中的年份）" in text
    cleared = format_report(rollover(_doc(), 2024, keep_values=False))
    assert "已清空，请重新填写" in cleared
    assert "指标第 1 行（发放时限） › 指标值：清空" in cleared


# ---------------------------------------------------------------- samples


def test_tianjin_sample_rolls_into_2024():
    doc = storage.load(SAMPLES / "tianjin_2023.json")
    before = copy.deepcopy(doc)
    result = rollover(doc, 2024)
    assert doc == before
    new = result.document
    names = [p.name for p in new.projects]
    assert names[0] == "2024年检察办案业务费-非财政结余结转资金"
    assert names[2] == "2024年天津检察系统技术信息化运维项目-2024中央"
    assert "《中国知网》法律知识数字文献项目" in names
    values = {ind.value for _, _, ind in new.all_indicators()}
    assert {"2024年内", "2024全年", "2024年全年", "2024年底10月底前"} <= values
    assert "2023-2025年" in values
    assert not any(v.startswith("2023年") for v in values)
    assert all(p.needs_review for p in new.projects)
    assert result.review_indicators == sum(len(p.indicators) for p in doc.projects)
    # Amounts and everything else outside year text are identical.
    for old_p, new_p in zip(doc.projects, new.projects, strict=True):
        assert new_p.budget == old_p.budget
        assert len(new_p.indicators) == len(old_p.indicators)
        for old_i, new_i in zip(old_p.indicators, new_p.indicators, strict=True):
            assert (new_i.level1, new_i.level2) == (old_i.level1, old_i.level2)
            assert new_i.value.replace("2024", "2023") == old_i.value


def test_hebei_sample_rolls_into_2021_clearing_values():
    doc = storage.load(SAMPLES / "hebei_2020.json")
    result = rollover(doc, 2021, keep_values=False)
    new = result.document
    assert new.projects[0].name == "2021年度检察及法警法定工作日外加班项目工作经费"
    assert new.projects[0].code == doc.projects[0].code
    assert all(p.budget.total is None for p in new.projects)
    assert all(ind.value == "" for _, _, ind in new.all_indicators())
    assert new.department.overall_goal == doc.department.overall_goal.replace("2020", "2021")
    cleared_totals = [c for c in result.changes if c.field == "预算数"]
    assert len(cleared_totals) == len(doc.projects)


# ---------------------------------------------------------------- command


def test_command_writes_new_file_and_prints_report(tmp_path, capsys):
    source = tmp_path / "2023.json"
    storage.save(_doc(), source)
    original = source.read_bytes()
    target = tmp_path / "2024.json"
    assert main(["rollover", str(source), "--year", "2024", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "由 2023 年文件生成 2024 年文档。" in out
    assert "已保存新年度文档" in out
    assert source.read_bytes() == original
    new = storage.load(target)
    assert new.fiscal_year == 2024
    assert new.projects[0].budget.total == Decimal("190000.00")
    # the report is kept beside the new file, to open and print later
    kept = tmp_path / "2024.结转报告.txt"
    assert f"结转报告已保存：{kept}" in out
    assert read_report(target) == out.split("已保存新年度文档")[0]
    assert b"\r\n" in kept.read_bytes()


def test_command_says_when_the_report_cannot_be_kept(tmp_path, capsys, monkeypatch):
    from goaleditor import rollover as rollover_module
    from goaleditor.errors import WriteError

    def refuse(*_args, **_kwargs):
        raise WriteError("磁盘已满")

    monkeypatch.setattr(rollover_module, "atomic_write", refuse)
    source, target = tmp_path / "2023.json", tmp_path / "2024.json"
    storage.save(_doc(), source)
    assert main(["rollover", str(source), "--year", "2024", "-o", str(target)]) == 0
    assert "结转报告没有保存：磁盘已满" in capsys.readouterr().err
    assert storage.load(target).fiscal_year == 2024


def test_command_clear_values(tmp_path):
    source = tmp_path / "2023.json"
    storage.save(_doc(), source)
    target = tmp_path / "2024.json"
    assert (
        main(["rollover", str(source), "--year", "2024", "-o", str(target), "--clear-values"]) == 0
    )
    assert storage.load(target).projects[0].budget.total is None


def test_command_refuses_to_write_onto_the_input(tmp_path, capsys):
    source = tmp_path / "2023.json"
    storage.save(_doc(), source)
    original = source.read_bytes()
    other_spelling = tmp_path / "." / "2023.json"
    assert main(["rollover", str(source), "--year", "2024", "-o", str(other_spelling)]) == 2
    assert "不能被覆盖" in capsys.readouterr().err
    assert source.read_bytes() == original


def test_command_bad_year_and_bad_file(tmp_path, capsys):
    source = tmp_path / "2023.json"
    storage.save(_doc(), source)
    target = tmp_path / "out.json"
    assert main(["rollover", str(source), "--year", "2022", "-o", str(target)]) == 2
    assert "应晚于" in capsys.readouterr().err
    assert not target.exists()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["rollover", str(broken), "--year", "2024", "-o", str(target)]) == 2
    assert "已损坏" in capsys.readouterr().err
    assert not target.exists()


def test_command_prints_no_report_when_the_file_cannot_be_written(tmp_path, capsys):

    source = tmp_path / "2023.json"
    storage.save(storage.load(SAMPLES / "tianjin_2023.json"), source)
    assert (
        main(["rollover", str(source), "--year", "2024", "-o", str(tmp_path / "无" / "x.json")])
        == 2
    )
    out = capsys.readouterr()
    assert "共改动" not in out.out and "不存在" in out.err
    assert main(["rollover", str(source), "--year", "2024", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert ".json" in capsys.readouterr().err


# ---------------------------------------------------------------- the table

_MOVE = "move"
#: (text as clerks write it, outcome): ``_MOVE`` means every 2023 becomes 2024 and nothing
#: is listed; a reason means the text stays exactly and that reason is listed for 2023.
YEAR_TABLE = [
    # years that mean the fiscal year: they move
    ("2023年检察办案业务费", _MOVE),
    ("2023年度检察及法警法定工作日外加班项目工作经费", _MOVE),
    ("为2023年干警及司法警察全年加班提供资金保障", _MOVE),
    ("用于2023年度全员10名人员的加班补助", _MOVE),
    ("2023年内", _MOVE),
    ("2023年底前", _MOVE),
    ("2023年底10月底前", _MOVE),
    ("2023全年", _MOVE),
    ("2023年全年", _MOVE),
    ("2023年度", _MOVE),
    ("2023年上半年完成招标", _MOVE),
    ("2023年第一季度", _MOVE),
    ("2023年6月底前", _MOVE),
    ("2023年12月31日前", _MOVE),
    ("2023.12.31前完成", _MOVE),
    ("2023.12月底前", _MOVE),
    ("2023/6/30前", _MOVE),
    ("2023-12-31", _MOVE),
    ("2023/6", _MOVE),
    ("2023年1月-2023年12月", _MOVE),
    ("天津检察系统技术信息化运维项目-2023中央", _MOVE),
    ("2023 年度信息化运维项目成本", _MOVE),
    ("1.2023年完成系统升级", _MOVE),
    ("21家检察院提供2023年检察院工作相关软件服务", _MOVE),
    ("成都市人民检察院 2023年部门整体支出绩效目标表", _MOVE),
    ("２０２３年内", _MOVE),
    ("２０２３．１２．３１前", _MOVE),
    ("2023年，全市检察机关将坚持以习近平新时代中国特色社会主义思想为指导", _MOVE),
    # amounts, quantities and numbers: they stay
    ("2023.00", NUMBER),
    ("≥2023.00", NUMBER),
    ("≤2023.50万元", NUMBER),
    ("2023.5万元", NUMBER),
    ("2023元", NUMBER),
    ("2023亩", NUMBER),
    ("2023例", NUMBER),
    ("2023人次", NUMBER),
    ("≥2023件", NUMBER),
    ("2023户", NUMBER),
    ("2023平方米", NUMBER),
    ("2023小时", NUMBER),
    ("2023%", NUMBER),
    ("培训2023人次", NUMBER),
    ("共1,2023", NUMBER),
    ("1.2023", NUMBER),
    ("2023.13.01", NUMBER),
    # codes and document names: they stay
    ("JBN-2023-01", CODE),
    ("XM2023", CODE),
    ("津检发〔2023〕5号", DOCUMENT_NAME),
    ("落实《天津市2023年检察工作要点》", DOCUMENT_NAME),
    ("依据[2023]12号文", DOCUMENT_NAME),
    ("执行2023年版收费标准", DOCUMENT_NAME),
    # periods over several years, whatever the dash or wording: they stay
    ("2023-2025年", MULTI_YEAR),
    ("2023-25年", MULTI_YEAR),
    ("2023—2025年", MULTI_YEAR),
    ("2023–2025年", MULTI_YEAR),
    ("2023~2025", MULTI_YEAR),
    ("2023～2025年", MULTI_YEAR),
    ("2023年度至2025年度", MULTI_YEAR),
    ("2023年至2025年底", MULTI_YEAR),
    ("2023年起至2025年", MULTI_YEAR),
    ("2023至2025年度", MULTI_YEAR),
    ("2021年至2023年", MULTI_YEAR),
    ("2023年1月-2025年12月", MULTI_YEAR),
    ("2023/2024学年", MULTI_YEAR),
    ("2022-23年", MULTI_YEAR),
    ("２０２３－２０２５年", MULTI_YEAR),
    # years the rules cannot judge: listed, not changed
    ("二〇二三年", CHINESE_NUMERALS),
    ("二〇二三年度部门预算", CHINESE_NUMERALS),
    ("二零二三年底前", CHINESE_NUMERALS),
    ("23年", TWO_DIGITS),
    ("23年底前完成", TWO_DIGITS),
    ("2023", UNCLEAR),
    ("2023.10", UNCLEAR),
    ("2023-06", UNCLEAR),
    ("项目编号2023", UNCLEAR),
]


def test_year_table_is_large_enough():
    assert len(YEAR_TABLE) >= 60
    assert len({text for text, _ in YEAR_TABLE}) == len(YEAR_TABLE)


@pytest.mark.parametrize(("text", "outcome"), YEAR_TABLE)
def test_year_table(text, outcome):
    after, kept = shift_year(text, 2023, 2024)
    if outcome == _MOVE:
        assert after == text.replace("2023", "2024").replace("２０２３", "２０２４")
        assert kept == []
    else:
        assert after == text
        assert [(k.year, k.reason) for k in kept] == [(2023, outcome)]


def test_unjudged_years_reach_the_report():
    doc = _doc()
    doc.projects[0].goals = ["二〇二三年完成", "23年底前完成", "2023.00"]
    result = rollover(doc, 2024)
    assert result.document.projects[0].goals == doc.projects[0].goals
    report = format_report(result)
    assert "中文数字写的年份" in report and "两位数写的年份" in report
    assert "数字、金额或数量" in report
