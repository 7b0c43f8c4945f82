"""The official layouts as grids: columns per layout, merges of 一级/二级 runs, headings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor import storage
from goaleditor.forms import build_forms
from goaleditor.forms.common import BLANK_LINE, clean_text, merge_runs, sheet_name
from goaleditor.grid import TITLE, Form
from goaleditor.model import (
    Budget,
    DepartmentBudget,
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Project,
    Signature,
    Task,
)

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "samples").glob("*.json"))


def _ind(l1: str, l2: str, name: str, value: str = "≥1次") -> Indicator:
    return Indicator(
        level1=l1, level2=l2, name=name, description=f"{name}描述", value=value, basis=f"{name}依据"
    )


def make_project(name: str = "安保维稳工作经费") -> Project:
    return Project(
        code="151-0702-JBN-RRWL",
        name=name,
        budget=Budget(Decimal("100000.00"), Decimal("100000.00"), None),
        purpose="用于维护社会稳定",
        spending_plan=[Decimal("30.00"), Decimal("65.00"), Decimal("95.00"), Decimal("100.00")],
        goals=["保障安保维稳工作", "维护社会稳定"],
        indicators=[
            _ind("产出指标", "数量指标", "出警次数"),
            _ind("产出指标", "数量指标", "值班天数"),
            _ind("产出指标", "质量指标", "合格率", "=100%"),
            _ind("效益指标", "社会效益指标", "社会稳定"),
            _ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%"),
        ],
    )


def make_doc(**layout) -> Document:
    return Document(
        unit_code="151002",
        unit_name="秦皇岛市山海关区人民检察院",
        fiscal_year=2020,
        layout=Layout(**layout),
        projects=[make_project(), make_project("车辆保险费")],
        signature=Signature(preparer="张三", phone="0335-1234567"),
    )


def texts(form: Form) -> list[str]:
    return [c.text for c in form.cells]


def row_texts(form: Form, row: int) -> list[str]:
    return [c.text for c in sorted(form.cells, key=lambda c: c.col) if c.row == row]


def header_row(form: Form) -> int:
    assert form.repeat_rows is not None
    return form.repeat_rows[0]


def test_project_form_full_layout_has_six_indicator_columns_and_fits_a4():
    doc = make_doc(show_code=True, show_spending_plan=True, show_basis=True)
    form = build_forms(doc)[0]
    assert sum(form.col_widths_mm) == pytest.approx(180, abs=0.1)
    assert row_texts(form, header_row(form)) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "指标值",
        "指标值确定依据",
    ]
    assert "项目编码" in texts(form) and "151-0702-JBN-RRWL" in texts(form)
    assert "资金支出计划（%）" in texts(form)
    assert [t for t in texts(form) if t.endswith("月底")] == ["3月底", "6月底", "10月底", "12月底"]
    assert "1、保障安保维稳工作\n2、维护社会稳定" in texts(form)


def test_project_form_without_code_plan_basis_leaves_them_out():
    doc = make_doc(show_code=False, show_spending_plan=False, show_basis=False, number_style=".")
    form = build_forms(doc)[0]
    assert "项目编码" not in texts(form)
    assert "资金支出计划（%）" not in texts(form)
    assert "指标值确定依据" not in texts(form)
    assert not any(c.key == "basis" for c in form.cells)
    assert row_texts(form, header_row(form)) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "指标值",
    ]
    name = next(c for c in form.cells if c.key == "name" and c.row < header_row(form))
    assert name.col == 1 and name.colspan == form.n_cols - 1
    assert form.cells[0].text == "1.安保维稳工作经费绩效目标表"


def test_heading_title_unit_line_and_money_unit():
    doc = make_doc()
    doc.money_unit = "万元"
    form = build_forms(doc)[1]
    title = form.cell_at(0, 0)
    assert title.text == "2、车辆保险费绩效目标表"
    assert title.style.font == TITLE and not title.style.border
    assert title.colspan == form.n_cols
    assert row_texts(form, 1) == ["151002秦皇岛市山海关区人民检察院", "单位：万元"]


def test_level1_and_level2_runs_are_merged_vertically():
    form = build_forms(make_doc())[0]
    first = header_row(form) + 1
    level1 = sorted((c.row - first, c.rowspan, c.text) for c in form.cells if c.key == "level1")
    assert level1 == [(0, 3, "产出指标"), (3, 1, "效益指标"), (4, 1, "满意度指标")]
    level2 = sorted((c.row - first, c.rowspan, c.text) for c in form.cells if c.key == "level2")
    assert level2 == [
        (0, 2, "数量指标"),
        (2, 1, "质量指标"),
        (3, 1, "社会效益指标"),
        (4, 1, "服务对象满意度指标"),
    ]
    assert form.repeat_rows == (first - 1, first)


def test_same_level2_under_different_level1_is_not_merged():
    doc = make_doc()
    doc.projects[0].indicators = [
        _ind("产出指标", "数量指标", "a"),
        _ind("效果指标", "数量指标", "b"),
    ]
    form = build_forms(doc)[0]
    assert [c.rowspan for c in form.cells if c.key == "level2"] == [1, 1]


def test_blank_levels_are_never_merged():
    assert merge_runs(["", "", "a", "a", ""]) == [(0, 1), (1, 1), (2, 2), (4, 1)]


def test_cells_do_not_overlap_and_stay_inside_the_grid():
    for path in SAMPLES:
        for form in build_forms(storage.load(path)):
            seen: set[tuple[int, int]] = set()
            for cell in form.cells:
                assert cell.col + cell.colspan <= form.n_cols, (form.sheet_name, cell)
                for r in range(cell.row, cell.row + cell.rowspan):
                    for c in range(cell.col, cell.col + cell.colspan):
                        assert (r, c) not in seen, (path.name, form.sheet_name, r, c)
                        seen.add((r, c))
            assert sum(form.col_widths_mm) <= 181


def test_signature_block_filled_blank_or_omitted():
    doc = make_doc()
    form = build_forms(doc)[0]
    sig = [c.text for c in form.cells if c.key == "signature"]
    assert sig == [
        "填报人：张三",
        "联系电话：0335-1234567",
        f"单位负责人：{BLANK_LINE}",
        f"填报日期：{BLANK_LINE}",
        "填报单位（盖章）：",
    ]
    assert all(not c.style.border for c in form.cells if c.key == "signature")
    doc.signature.enabled = False
    assert not [c for c in build_forms(doc)[0].cells if c.key == "signature"]


def test_amounts_carry_numbers():
    form = build_forms(make_doc())[0]
    total = next(c for c in form.cells if c.key == "budget.total")
    # The provincial project form prints amounts as the published Hebei form: 100000.00.
    assert total.number == Decimal("100000.00") and total.text == "100000.00"
    other = next(c for c in form.cells if c.key == "budget.other")
    assert other.number is None and other.text == ""


def test_sheet_names_are_unique_short_and_legal():
    taken: set[str] = set()
    names = [sheet_name("1.项目[甲]:a/b*c?d\\e" + "长" * 40, taken) for _ in range(3)]
    assert len(set(names)) == 3
    for name in names:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    doc = make_doc()
    doc.projects[1].name = doc.projects[0].name
    forms = build_forms(doc)
    assert forms[0].sheet_name != forms[1].sheet_name


#: Characters an .xlsx cannot hold: Word's cell end and line break, NUL, the two
#: non-characters and a lone surrogate.
XML_UNSAFE = ["\x07", "\x0b", "\x00", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"]


@pytest.mark.parametrize("ch", XML_UNSAFE, ids=ascii)
def test_clean_text_drops_only_what_xml_cannot_hold(ch):
    assert clean_text(f"甲{ch}乙\t丙\n丁\r戊\x7f") == "甲乙\t丙\n丁\r戊\x7f"


@pytest.mark.parametrize("ch", XML_UNSAFE, ids=ascii)
def test_sheet_names_are_cleaned_like_cell_text(ch):
    taken: set[str] = set()
    assert sheet_name(f"1.项目{ch}经费", taken) == "1.项目经费"
    assert sheet_name(ch * 3, taken) == "表"


def test_selected_projects_keep_their_numbers_and_skip_department():
    doc = make_doc()
    doc.layout.department_form = "text"
    doc.department = DepartmentGoals(overall_goal="总体")
    forms = build_forms(doc, [1])
    assert len(forms) == 1 and forms[0].cells[0].text.startswith("2、")
    assert len(build_forms(doc)) == 3


def test_hebei_text_form_first_then_part_two_heading():
    doc = make_doc(department_form="text")
    doc.department = DepartmentGoals(
        overall_goal="总体目标段落",
        duty_goals=[DutyGoal("侦查监督", "主要职责是……", "绩效目标是……")],
        safeguards="保障段落",
        safeguard_items=["措施一", "措施二"],
    )
    dept, first, _ = build_forms(doc)
    assert all(c.colspan == dept.n_cols for c in dept.cells if c.key != "signature")
    assert all(not c.style.border for c in dept.cells)
    assert texts(dept)[:5] == [
        "第一部分",
        "部门整体绩效目标",
        "一、总体绩效目标",
        "总体绩效目标：",
        "总体目标段落",
    ]
    assert "1、侦查监督：主要职责是……" in texts(dept)
    assert "2、措施二" in texts(dept)
    assert texts(first)[:2] == ["第二部分", "预算项目绩效目标"]


def test_guangzhou_form_layout():
    doc = make_doc(department_form="guangzhou")
    doc.money_unit = "万元"
    doc.department = DepartmentGoals(
        name="广州市越秀区人民检察院",
        staff_count="",
        subunit_count="1",
        budget=DepartmentBudget(basic=Decimal("6797.78"), project=Decimal("779.83")),
        overall_goal="总体",
        tasks=[
            Task("信息化", "运维", Decimal("58.00"), "保障运行"),
            Task("办案", "经费", None, ""),
        ],
        indicators=[
            Indicator(
                "产出指标",
                "质量指标",
                "赔偿达标率",
                value="100%",
                period_value="赔偿达标率=a/b*100%",
            ),
            Indicator("产出指标", "时效指标", "项目计划完成率", value="100%"),
        ],
    )
    form = build_forms(doc)[0]
    assert form.cell_at(0, 0).text == "部门整体预算绩效目标申报表"
    assert row_texts(form, header_row(form)) == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "实施周期指标值",
        "年度指标值",
    ]
    tasks_label = next(c for c in form.cells if c.text == "年度重点工作任务")
    assert tasks_label.rowspan == 4  # header + two tasks + 其他需完成的任务
    label = next(c for c in form.cells if c.text == "绩效指标")
    assert label.rowspan == 3
    assert "6,797.78" in texts(form) and "预算金额(万元)" in texts(form)
    level1 = [c for c in form.cells if c.key == "level1"]
    assert [(c.text, c.rowspan) for c in level1] == [("产出指标", 2)]


def test_chengdu_form_prints_task_numbers_in_names():
    doc = make_doc(department_form="chengdu", number_style=".")
    doc.money_unit = "万元"
    doc.fiscal_year = 2022
    doc.title = "成都市人民检察院 2022年部门整体支出绩效目标表"
    doc.department = DepartmentGoals(
        name="四川省成都市人民检察院部门",
        tasks=[Task("持续深化政治建设", "坚持……")],
        budget=DepartmentBudget(total=Decimal(15213), fiscal=Decimal(15213), other=Decimal(0)),
        overall_goal="2022年……",
        indicators=[
            Indicator(
                "产出指标", "数量指标", "理论学习中心组专题学习次数", value="≥4次", number="1-1"
            )
        ],
    )
    form = build_forms(doc)[0]
    assert texts(form)[:2] == [doc.title, "（2022年度）"]
    assert "金额单位：万元" in texts(form)
    assert "1-1.理论学习中心组专题学习次数" in texts(form)
    assert "任务1.持续深化政治建设" in texts(form)
    assert row_texts(form, header_row(form))[-1] == "指标值（包含数字及文字描述）"
    assert "15,213.00" in texts(form)


def test_national_form_has_period_and_annual_values():
    doc = make_doc(project_form="national", show_basis=False)
    doc.projects[0].long_term_goals = ["三年目标"]
    form = build_forms(doc)[0]
    assert row_texts(form, header_row(form)) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "绩效指标描述",
        "实施周期指标值",
        "年度指标值",
    ]
    assert "中长期目标" in texts(form) and "1、三年目标" in texts(form)
    assert "主管部门及代码" in texts(form)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_builds_one_form_per_project_plus_department(path):
    doc = storage.load(path)
    forms = build_forms(doc)
    dept = 1 if doc.layout.department_form and doc.department else 0
    assert len(forms) == dept + len(doc.projects)
    for form in forms[dept:]:
        assert form.repeat_rows is not None
        assert form.n_rows == max(c.row + c.rowspan for c in form.cells)


def test_project_of_another_unit_prints_under_its_unit_line():
    doc = storage.load(next(p for p in SAMPLES if p.name == "tianjin_2023.json"))
    forms = build_forms(doc)
    lines = [next(c.text for c in f.cells if c.key == "unit_line") for f in forms]
    assert lines[0] == "251101天津市人民检察院机关服务中心"
    assert lines[19] == "251201天津市检察官学院"


@pytest.mark.parametrize("sample", ["tianjin_2023.json", "hebei_2020.json", "chengdu_2022.json"])
def test_every_signature_field_has_room_for_one_line(sample):
    from goaleditor.forms.common import SIGNATURE_MIN_MM

    doc = storage.load(next(p for p in SAMPLES if p.name == sample))
    doc.signature.enabled = True
    for form in build_forms(doc):
        fields = [c for c in form.cells if c.key == "signature" and "盖章" not in c.text]
        assert len(fields) == 4
        for cell in fields:
            width = sum(form.col_widths_mm[cell.col : cell.col + cell.colspan])
            assert width >= SIGNATURE_MIN_MM, (form.sheet_name, cell.text, width)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_labels_and_indicator_names_repeat_on_a_page_break(path):
    """The PDF repeats section labels, 一级/二级 and the 三级 name of a row split over two
    pages, so every page names what its rows belong to; amounts and texts print once."""
    doc = storage.load(path)
    for form in build_forms(doc):
        for cell in form.cells:
            if cell.repeat_on_split:
                assert cell.number is None, cell
                assert cell.key in ("", "level1", "level2", "name", "task.name"), cell
                if not cell.key:
                    assert cell.rowspan > 1, cell
            if cell.key in ("level1", "level2"):
                assert cell.repeat_on_split, cell
        merged_labels = [c for c in form.cells if c.rowspan > 1 and not c.key]
        assert all(c.repeat_on_split for c in merged_labels), merged_labels


@pytest.mark.parametrize("national", [False, True])
@pytest.mark.parametrize("basis", [False, True])
def test_project_label_column_holds_five_characters_a_line(national, basis):
    """预算规模及/资金用途 and 满意度指标 on lines of five, not 预算规模/及资金用/途."""
    from goaleditor.forms.project import LABEL_COLUMN_MM

    doc = make_doc(project_form="national" if national else "standard", show_basis=basis)
    form = build_forms(doc)[0]
    assert form.col_widths_mm[0] >= LABEL_COLUMN_MM
    assert sum(form.col_widths_mm) == pytest.approx(180.0)
    # 其中：财政资金: five characters a line (其中：财政/资金) or all seven on one, never
    # the six of 其中：财政资/金 that Excel prints in a 24 mm column.
    fiscal = next(c for c in form.cells if c.text == "其中：财政资金")
    assert not 23 <= form.col_widths_mm[fiscal.col] < 28


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # cut after a word of the name, never mid-word (…项目工 was printed before)
        (
            "1.2020年度检察及法警法定工作日外加班项目工作经费",
            24,
            "1.2020年度检察及法警法定工作日外加班项目",
        ),
        # never with an open bracket: before it
        ("5.关于加强（检察机关公益诉讼专项工作的实施方案）经费", 24, "5.关于加强"),
        # a closed bracket stays whole
        (
            "7.信息化建设（一期、二期）运行维护费用及配套设备购置",
            24,
            "7.信息化建设（一期、二期）运行维护费用",
        ),
        # at a separator, which is not kept at the end
        ("12.2023年检察办案业务费-非财政结余结转资金", 24, "12.2023年检察办案业务费"),
        # no boundary at all: not inside a number
        ("3.ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567", 31, "3.ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        ("安保维稳工作经费", 24, "安保维稳工作经费"),
    ],
)
def test_names_are_shortened_at_a_word_or_bracket_boundary(text, limit, expected):
    from goaleditor.forms.common import shorten

    assert shorten(text, limit) == expected
    assert sheet_name(text, set()) == shorten(text, 31)
