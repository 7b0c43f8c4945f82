"""The bundled samples say exactly what the seed documents say.

``resources/samples/hebei_2020.json`` (seed 000) and ``tianjin_2023.json`` (seed 001)
are what the other parts of goaleditor are built and tested against.  Each is compared
field by field with its seed, read by ``tests/seedtext.py`` (which shares no code with
``scripts/make_samples.py``), and a few literal spot checks keep the comparison itself
honest.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest

import seedtext
from goaleditor import storage
from goaleditor.model import (
    SPENDING_MILESTONES,
    DepartmentBudget,
    Document,
    Indicator,
    Layout,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
SEEDS = REPO / "tests" / "files" / "seeds"
HEBEI = SAMPLES / "hebei_2020.json"
TIANJIN = SAMPLES / "tianjin_2023.json"
HEBEI_SEED = SEEDS / "000_b60bbb0a74e0c214.txt"
TIANJIN_SEED = SEEDS / "001_9071eebd9d238f31.txt"


# ------------------------------------------------------------ what the seed says


@dataclass
class SeedProject:
    """One project table as printed; amounts as the written text (blank → "")."""

    title: str
    unit_line: str
    money_unit: str
    code: str
    name: str
    total: str
    fiscal: str
    other: str
    purpose: str
    plan: list[str]
    goal_lines: list[str]
    #: (一级, 二级, 三级, 描述, 指标值, 依据) with merged 一级/二级 filled from above.
    indicators: list[tuple[str, ...]] = field(default_factory=list)


def _indicator_rows(rows: list[list[str]]) -> list[tuple[str, ...]]:
    start = seedtext.row_starting(rows, "一级指标")
    width = len(rows[start])
    cells = [cell for row in rows[start + 1 :] for cell in row]
    # Rows the flattening split in pieces (Tianjin 7) are whole again once re-cut by width.
    assert len(cells) % width == 0, f"indicator cells do not fill rows of {width}"
    result = []
    level1 = level2 = ""
    for i in range(0, len(cells), width):
        row = cells[i : i + width] + [""] * (6 - width)
        level1, level2 = row[0] or level1, row[1] or level2
        result.append((level1, level2, *row[2:6]))
    return result


def _seed_project(section: seedtext.Section) -> SeedProject:
    rows = section.rows
    unit_line, money = rows[0]
    budget_row = next(i for i, row in enumerate(rows) if "预算规模及资金用途" in row)
    purpose = [cell for cell in rows[budget_row + 1] if cell]
    assert len(purpose) == 1
    plan: list[str] = []
    if any("资金支出计划（%）" in row for row in rows):
        plan_row = seedtext.row_starting(rows, "资金支出计划（%）")
        assert rows[plan_row][1:] == list(SPENDING_MILESTONES)
        plan = rows[plan_row + 1][1:]
    has_code = any("项目编码" in row for row in rows)
    # Every row above the indicators is one of these, so nothing in the table goes unread.
    expected = [("·", 2), ("项目编码", 4) if has_code else ("项目名称", 2)]
    expected += [("预算规模及资金用途", 7), ("", 2)]
    expected += [("资金支出计划（%）", 5), ("", 5)] if plan else []
    expected += [("绩效目标", 2)]
    start = seedtext.row_starting(rows, "一级指标")
    shape = [("·" if i == 0 else row[0], len(row)) for i, row in enumerate(rows[:start])]
    assert shape == expected, f"{section.title}: unexpected rows {shape}"
    return SeedProject(
        title=section.title,
        unit_line=unit_line,
        money_unit=money.removeprefix("单位："),
        code=seedtext.cell_after(rows, "项目编码") if has_code else "",
        name=seedtext.cell_after(rows, "项目名称"),
        total=seedtext.cell_after(rows, "预算数"),
        fiscal=seedtext.cell_after(rows, "其中：财政资金"),
        other=seedtext.cell_after(rows, "其他资金"),
        purpose=purpose[0],
        plan=plan,
        goal_lines=[
            line.strip() for line in seedtext.cell_after(rows, "绩效目标").split("\n") if line
        ],
        indicators=_indicator_rows(rows),
    )


def seed_projects(seed: Path, sep: str) -> list[SeedProject]:
    title = re.compile(rf"^\d+{re.escape(sep)}.+绩效目标表$")
    found = seedtext.sections(seedtext.read(seed), title.match)
    return [_seed_project(section) for section in found]


# ------------------------------------------------------------ comparing


def _text(amount: Decimal | None) -> str:
    return "" if amount is None else format(amount, "f")


def project_mismatches(doc: Document, seed: list[SeedProject]) -> list[str]:
    """Every difference between the document's projects and the seed's tables."""
    sep = doc.layout.number_style
    problems: list[str] = []
    if len(doc.projects) != len(seed):
        problems.append(f"{len(doc.projects)} projects, seed has {len(seed)}")
    for n, (project, want) in enumerate(zip(doc.projects, seed, strict=False), start=1):

        def differ(what, got, expected, n=n):
            if got != expected:
                problems.append(f"project {n} {what}: {got!r} != seed {expected!r}")

        differ("title", f"{n}{sep}{project.name}绩效目标表", want.title)
        differ("money unit", doc.money_unit, want.money_unit)
        differ("unit line", project.implementer or doc.unit_line, want.unit_line)
        differ("implementer", project.implementer != "", want.unit_line != doc.unit_line)
        differ("code", project.code, want.code)
        differ("name", project.name, want.name)
        differ("total", _text(project.budget.total), want.total)
        differ("fiscal", _text(project.budget.fiscal), want.fiscal)
        differ("other", _text(project.budget.other), want.other)
        differ("purpose", project.purpose, want.purpose)
        differ("spending plan", [_text(p) for p in project.spending_plan], want.plan)
        differ("goal count", len(project.goals), len(want.goal_lines))
        for i, (goal, line) in enumerate(
            zip(project.goals, want.goal_lines, strict=False), start=1
        ):
            prefix = f"{i}{sep}"
            differ(f"goal {i} number", line.startswith(prefix), True)
            differ(f"goal {i}", goal, line.removeprefix(prefix).lstrip())
        differ("indicator count", len(project.indicators), len(want.indicators))
        for i, (ind, row) in enumerate(
            zip(project.indicators, want.indicators, strict=False), start=1
        ):
            level1, level2, name, description, value, basis = row
            expected = Indicator(level1, level2, name, description, value, basis=basis)
            differ(f"indicator {i}", ind, expected)
        unused = (project.long_term_goals, project.department, project.attribute, project.period)
        differ("national-form fields", unused, ([], "", "", ""))
        differ("needs_review", project.needs_review, False)
    return problems


def department_mismatches(doc: Document, seed: Path) -> list[str]:
    """Differences between the department text form (Hebei part one) and the seed."""
    paras = [b.text for b in seedtext.read(seed) if isinstance(b, seedtext.Paragraph)]
    heads = [seedtext.heading(p) for p in paras]
    at = {h: i for i, h in enumerate(heads)}
    overall = paras[at["一、总体绩效目标"] + 1 : at["二、分项绩效目标"]]
    duties = paras[at["二、分项绩效目标"] + 1 : at["三、工作保障措施"]]
    safeguards = paras[at["三、工作保障措施"] + 1 : at["第二部分"]]
    dept = doc.department
    if dept is None:
        return ["no department"]
    problems: list[str] = []

    def differ(what, got, expected):
        if got != expected:
            problems.append(f"department {what}: {got!r} != seed {expected!r}")

    differ("overall goal", ["总体绩效目标：", dept.overall_goal], overall)
    differ("duty goal count", len(dept.duty_goals) * 2, len(duties))
    for k, duty in enumerate(dept.duty_goals, start=1):
        pair = duties[2 * k - 2 : 2 * k]
        differ(f"duty {k}", [f"{k}、{duty.duty}：{duty.responsibilities}", duty.goal], pair)
        differ(f"duty {k} name", "：" in duty.duty, False)
    items = [f"{k}、{item}" for k, item in enumerate(dept.safeguard_items, start=1)]
    differ("safeguards", ["工作保障措施：", dept.safeguards, *items], safeguards)
    rest = (dept.name, dept.staff_count, dept.subunit_count, dept.other_tasks)
    differ("other sections", (rest, dept.tasks, dept.indicators), (("", "", "", ""), [], []))
    differ("budget", dept.budget, DepartmentBudget())
    return problems


# ------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def hebei() -> Document:
    return storage.load(HEBEI)


@pytest.fixture(scope="module")
def tianjin() -> Document:
    return storage.load(TIANJIN)


@pytest.fixture(scope="module")
def hebei_seed() -> list[SeedProject]:
    return seed_projects(HEBEI_SEED, "、")


@pytest.fixture(scope="module")
def tianjin_seed() -> list[SeedProject]:
    return seed_projects(TIANJIN_SEED, ".")


# ------------------------------------------------------------ the samples match the seeds


@pytest.mark.parametrize("path", [HEBEI, TIANJIN], ids=["hebei", "tianjin"])
def test_sample_is_canonical_json(path):
    """Saved by storage.save: loading and dumping again gives the same bytes."""
    text = path.read_text(encoding="utf-8")
    assert storage.dumps(storage.loads(text)) == text


def test_hebei_projects_match_seed(hebei, hebei_seed):
    assert len(hebei_seed) == 11
    assert project_mismatches(hebei, hebei_seed) == []


def test_tianjin_projects_match_seed(tianjin, tianjin_seed):
    assert len(tianjin_seed) == 23
    assert project_mismatches(tianjin, tianjin_seed) == []


def test_hebei_department_matches_seed(hebei):
    assert department_mismatches(hebei, HEBEI_SEED) == []


def test_hebei_document_header(hebei):
    assert (hebei.unit_code, hebei.unit_name) == ("151002", "秦皇岛市山海关区人民检察院")
    assert (hebei.fiscal_year, hebei.money_unit, hebei.title) == (2020, "元", "")
    assert hebei.layout == Layout(
        department_form="text",
        project_form="standard",
        show_code=True,
        show_spending_plan=True,
        show_basis=True,
        number_style="、",
    )
    assert hebei.signature.enabled is False  # the seed prints no signature line


def test_tianjin_document_header(tianjin):
    assert (tianjin.unit_code, tianjin.unit_name) == ("251101", "天津市人民检察院机关服务中心")
    assert (tianjin.fiscal_year, tianjin.money_unit, tianjin.title) == (2023, "万元", "")
    assert tianjin.department is None
    assert tianjin.layout == Layout(
        department_form="",
        project_form="standard",
        show_code=False,
        show_spending_plan=False,
        show_basis=False,
        number_style=".",
    )
    assert tianjin.signature.enabled is False


@pytest.mark.parametrize(
    ("seed", "sep", "structure"),
    [
        (HEBEI_SEED, "、", {"第一部分", "部门整体绩效目标", "第二部分", "预算项目绩效目标"}),
        (TIANJIN_SEED, ".", set()),
    ],
    ids=["hebei", "tianjin"],
)
def test_every_seed_paragraph_is_read(seed, sep, structure):
    """Outside the tables a seed holds only project titles, the department text and headings.

    So comparing projects and the department section covers the whole seed.
    """
    blocks = seedtext.read(seed)
    heads = [seedtext.heading(b.text) for b in blocks if isinstance(b, seedtext.Paragraph)]
    title = re.compile(rf"^\d+{re.escape(sep)}.+绩效目标表$")
    department = (
        heads[heads.index("一、总体绩效目标") : heads.index("第二部分")] if structure else []
    )
    rest = [h for h in heads if not title.match(h) and h not in department]
    assert set(rest) == structure and len(rest) == len(structure)
    tables = [b for b in blocks if isinstance(b, seedtext.Table)]
    in_sections = [t for sec in seedtext.sections(blocks, title.match) for t in sec.tables]
    assert len(in_sections) == len(tables)  # no table outside a project section


# ------------------------------------------------------------ literal spot checks


def test_hebei_spot_checks(hebei):
    first = hebei.projects[0]
    assert first.code == "151-0702-JBN-FUGQ"
    assert first.name == "2020年度检察及法警法定工作日外加班项目工作经费"
    assert str(first.budget.total) == "190000.00"
    assert first.budget.fiscal == Decimal("190000.00")
    assert first.budget.other is None
    assert first.purpose == "为2020年干警及司法警察全年加班提供资金保障"
    assert [str(p) for p in first.spending_plan] == ["30.00", "65.00", "95.00", "100.00"]
    assert first.goals == ["为2020年干警及司法警察全年加班提供资金保障"]
    assert len(first.indicators) == 3
    assert first.indicators[0] == Indicator(
        level1="产出指标",
        level2="质量指标",
        name="公诉案件审结率",
        description="审结公诉案件数量占提起公诉案件数的比例",
        value="≥80百分比",
        basis="审结公诉案件数量占提起公诉案件数的比例",
    )
    assert first.indicators[1].level1 == "效果指标"  # kept, not normalised to 效益指标
    # Merged 一级 cell filled from the row above.
    equipment = hebei.projects[2]
    assert [(i.level1, i.level2) for i in equipment.indicators[:2]] == [
        ("产出指标", "质量指标"),
        ("产出指标", "数量指标"),
    ]
    assert [str(p) for p in hebei.projects[3].spending_plan] == [
        "50.00",
        "70.00",
        "100.00",
        "100.00",
    ]
    assert hebei.projects[3].indicators[0].value == "9台"
    assert hebei.projects[9].indicators[0].value == "100百分比"
    assert hebei.projects[10].code == "151-0506-JBN-UORZ"
    assert sum(len(p.indicators) for p in hebei.projects) == 37
    assert sum(len(p.goals) for p in hebei.projects) == 19


def test_hebei_department_spot_checks(hebei):
    dept = hebei.department
    assert dept.overall_goal.startswith("深入贯彻习近平总书记系列重要讲话精神")
    assert len(dept.duty_goals) == 11
    assert dept.duty_goals[0].duty == "侦查监督"
    assert dept.duty_goals[0].responsibilities.startswith("主要职责是侦查监督职能的行使")
    assert dept.duty_goals[2].responsibilities.startswith("负责对申请监督")
    assert dept.duty_goals[7].duty == "渉检信访办理"  # 渉 as printed
    assert dept.duty_goals[10].goal == "绩效目标是为检察工作顺利开展提供检务保障。"
    assert dept.safeguards.startswith("为保障检察工作顺利进行")
    assert dept.safeguard_items[0] == "行使侦查监督职能贯穿刑事立案到侦查终结全过程。"
    assert len(dept.safeguard_items) == 2


def test_tianjin_spot_checks(tianjin):
    projects = tianjin.projects
    assert len(projects) == 23
    first = projects[0]
    assert first.name == "2023年检察办案业务费-非财政结余结转资金"
    assert first.code == ""
    assert (str(first.budget.total), first.budget.fiscal, str(first.budget.other)) == (
        "9.50",
        None,
        "9.50",
    )
    assert first.goals == ["完成检察理论研究课题费发放", "完成因公牺牲干警抚恤金发放"]
    cost = [i for i in first.indicators if i.level2 == "成本指标"]
    assert [i.value for i in cost] == ["≤9.5万元"]
    assert cost[0].level1 == "产出指标"
    assert projects[1].indicators[3].value == "2023年底10月底前"
    assert projects[5].indicators[0].value == "≥1倍"
    # Project 7: the first and last indicator rows were split in the flattened seed.
    network = projects[6]
    assert network.goals == [
        "保障全市各级检察机关网络和云服务稳定运行；提高全市检察机关网络办公效率"
    ]
    assert network.indicators[0] == Indicator(
        "产出指标", "数量指标", "为全市提供网络服务点位数", "为全市提供网络服务点位数", "27个"
    )
    assert network.indicators[-1].value == "≥90%"
    assert len(network.indicators) == 6
    assert projects[7].goals[0].startswith("保障全市21家检察机关")
    assert projects[12].indicators[0].name == "屋面防水施工面积"
    assert [i.level2 for i in projects[17].indicators[2:4]] == ["成本指标", "时效指标"]
    assert projects[17].indicators[2].value == "≤100万"
    assert projects[20].indicators[1].name == "工程验收合格率"
    assert [p.implementer for p in projects[19:]] == ["251201天津市检察官学院"] * 4
    assert all(p.implementer == "" for p in projects[:19])
    assert all(p.spending_plan == [] and p.code == "" for p in projects)
    assert all(i.basis == "" for p in projects for i in p.indicators)
    assert sum(len(p.indicators) for p in projects) == 172


# ------------------------------------------------------------ the comparison catches edits


def _set(attr_path: str, value):
    def edit(doc):
        *parents, last = attr_path.split(".")
        target = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)
        if last.isdigit():
            target[int(last)] = value
        else:
            setattr(target, last, value)

    return edit


EDITS = {
    "value": _set("projects.0.indicators.0.value", "≥81百分比"),
    "blank 一级": _set("projects.2.indicators.1.level1", ""),
    "trailing space": _set("projects.1.name", "安保维稳工作经费 "),
    "decimals": _set("projects.0.budget.total", Decimal("190000.0")),
    "blank as zero": _set("projects.0.budget.other", Decimal("0.00")),
    "plan": _set("projects.0.spending_plan.1", Decimal("60.00")),
    "basis": _set("projects.4.indicators.3.basis", ""),
    "goal number kept": _set(
        "projects.1.goals.1", "2、用于维护社会稳定，保障相关人员正常工作的经费"
    ),
    "drop indicator": lambda doc: doc.projects[5].indicators.pop(),
    "swap indicators": lambda doc: doc.projects[6].indicators.reverse(),
    "drop goal": lambda doc: doc.projects[7].goals.pop(),
    "drop project": lambda doc: doc.projects.pop(),
    "period value": _set("projects.8.indicators.0.period_value", "≥90百分比"),
    "implementer": _set("projects.3.implementer", "151002秦皇岛市山海关区人民检察院"),
    "code": _set("projects.9.code", "151-0702-JBN-2AIC"),
}

DEPARTMENT_EDITS = {
    "duty text": _set("department.duty_goals.3.responsibilities", "负责办理"),
    "duty goal": _set("department.duty_goals.10.goal", "为检察工作顺利开展提供检务保障。"),
    "drop duty": lambda doc: doc.department.duty_goals.pop(),
    "overall": _set("department.overall_goal", ""),
    "safeguard": _set("department.safeguard_items.1", "2、对公诉和审判业务提供工作保障。"),
    "department indicators": lambda doc: doc.department.indicators.append(Indicator()),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_project_edit_is_caught(hebei, hebei_seed, edit):
    doc = copy.deepcopy(hebei)
    edit(doc)
    assert project_mismatches(doc, hebei_seed)


@pytest.mark.parametrize("edit", DEPARTMENT_EDITS.values(), ids=DEPARTMENT_EDITS.keys())
def test_department_edit_is_caught(hebei, edit):
    doc = copy.deepcopy(hebei)
    edit(doc)
    assert department_mismatches(doc, HEBEI_SEED)


def test_tianjin_edit_is_caught(tianjin, tianjin_seed):
    """Blank 财政资金 is None, not zero; the split row of project 7 stays whole."""
    for edit in (
        _set("projects.0.budget.fiscal", Decimal("0")),
        _set("projects.6.indicators.0.value", ""),
        _set("projects.19.implementer", ""),
        _set("projects.7.goals.0", " 保障全市21家检察机关"),
    ):
        doc = copy.deepcopy(tianjin)
        edit(doc)
        assert project_mismatches(doc, tianjin_seed)
