"""The department-form samples (Guangzhou seed 002, Chengdu seed 003) say what the seeds say.

Each sample is compared with its flattened seed text read independently here: task rows
and budget figures by their labels, indicator rows by their cells, every text after
removing whitespace (the seeds carry line-wrap spaces inside cells).  Literal spot checks
pin the reconstruction of the garbled indicator tables (see
``scripts/make_department_samples.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor import storage
from goaleditor.model import Document
from goaleditor.resources import resource_path

SAMPLES = resource_path("samples")
SEEDS = Path(__file__).resolve().parent / "files" / "seeds"
GZ_SEED = SEEDS / "002_282c6565aee65fa3.txt"
CD_SEED = SEEDS / "003_2592b483551dcdc3.txt"

_SPACE = re.compile(r"\s+")
_NUMBERED = re.compile(r"^(\d+-\d+)\.(.+)$")
_TASK = re.compile(r"^任务(\d+)\.(.+)$")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _after(lines: list[str], label: str) -> str:
    """The cell right after the only cell reading *label*."""
    found = [
        cells[i + 1]
        for cells in map(_cells, lines)
        for i, cell in enumerate(cells[:-1])
        if cell == label
    ]
    assert len(found) == 1, label
    return found[0]


@pytest.fixture(scope="module")
def gz() -> Document:
    return storage.load(resource_path("samples", "guangzhou_yuexiu.json"))


@pytest.fixture(scope="module")
def cd() -> Document:
    return storage.load(resource_path("samples", "chengdu_2022.json"))


@pytest.mark.parametrize("name", ["guangzhou_yuexiu.json", "chengdu_2022.json"])
def test_samples_are_canonical_json(name):
    path = SAMPLES / name
    assert path.read_text(encoding="utf-8") == storage.dumps(storage.load(path))


# ------------------------------------------------------------------ Guangzhou (002)

GZ_LINES = _lines(GZ_SEED)
GZ_TEXT = _squash("".join(GZ_LINES))
GZ_HEADER = next(i for i, line in enumerate(GZ_LINES) if "实施周期指标值" in line)
#: Cells on the seed's indicator lines after the header (page two: 一级/标签, 二级, 三级, 值).
GZ_ROWS = [_cells(line) for line in GZ_LINES[GZ_HEADER + 3 :] if line.strip()]
#: The formula tail printed in the first indicator row's cell that no cell survives for.
GZ_DROPPED = "的法律政策及重点课题研究课题数*100%"


def test_gz_document_fields(gz):
    assert gz.unit_name == "广州市越秀区人民检察院"
    assert gz.unit_code == ""
    assert gz.fiscal_year is None
    assert gz.money_unit == "万元"
    assert gz.title == "部门整体预算绩效目标申报表"
    assert gz.title in GZ_LINES
    assert gz.layout.department_form == "guangzhou"
    assert gz.layout.show_code is False
    assert gz.projects == []
    assert gz.signature.enabled is False
    dept = gz.department
    assert dept.name == _after(GZ_LINES, "部门名称") == gz.unit_name
    assert dept.staff_count == _after(GZ_LINES, "财政供养人员数") == ""
    assert dept.subunit_count == _after(GZ_LINES, "下属二级单位数") == "1"
    assert dept.overall_goal == _after(GZ_LINES, "总体绩效目标")
    assert dept.overall_goal.endswith("为建设廉洁、平安、和谐的广州发挥法律监督作用。")
    assert dept.other_tasks == _after(GZ_LINES, "其他需完成的任务(可选填)") == ""
    assert dept.duty_goals == [] and dept.safeguards == ""


def test_gz_budget(gz):
    budget = gz.department.budget
    labels = {
        "basic": "基本支出",
        "project": "项目支出",
        "fiscal": "财政拨款",
        "other": "其他资金",
        "special": "财政专项资金",
        "other_development": "其他事业发展性支出",
        "own_level": "市本级使用资金",
        "transfer": "拟用于对下转移支付资金",
    }
    for field, label in labels.items():
        value = getattr(budget, field)
        assert value == _amount(_after(GZ_LINES, label)), label
        assert value.as_tuple().exponent == -2, label
    assert budget.basic == Decimal("6797.78")
    assert budget.project == Decimal("779.83")
    assert budget.fiscal == budget.own_level == Decimal("7577.61")
    assert budget.other == Decimal("195.80")
    assert budget.special == budget.other_development == budget.transfer == Decimal("0.00")
    assert budget.total is None


def test_gz_tasks(gz):
    start = next(i for i, line in enumerate(GZ_LINES) if line.startswith("年度重点工作任务"))
    seed_rows = [_cells(line) for line in GZ_LINES[start + 1 : start + 6]]
    tasks = gz.department.tasks
    assert len(tasks) == 5
    for task, cells in zip(tasks, seed_rows, strict=True):
        assert [task.name, task.content, task.expected] == [cells[1], cells[2], cells[4]]
        assert task.amount == _amount(cells[3])
        assert task.amount.as_tuple().exponent == -2
    assert [t.name for t in tasks] == [
        "信息化服务工作支出计划",
        "控告申诉工作支出计划",
        "检察办案工作支出计划",
        "检察业务经费项目",
        "信息化建设开发经费项目",
    ]
    assert tasks[3].amount == Decimal("1005.00")
    assert tasks[1].content == "司法救助资金,国家赔偿金"


def test_gz_indicator_counts(gz):
    inds = gz.department.indicators
    assert len(inds) == 14
    assert Counter(i.level1 for i in inds) == {"产出指标": 5, "效果指标": 9}
    assert Counter(i.level2 for i in inds) == {
        "数量指标": 1,
        "质量指标": 3,
        "时效指标": 1,
        "社会效益指标": 4,
        "可持续影响指标": 3,
        "服务对象满意度指标": 2,
    }
    # The seed's empty 二级 rows get no invented indicators.
    for empty in ("成本指标", "经济效益指标", "生态效益指标"):
        assert [empty, "", ""] in [row[1:] for row in GZ_ROWS]
        assert all(i.level2 != empty for i in inds)


def test_gz_indicator_texts_come_from_seed(gz):
    for ind in gz.department.indicators:
        for text in (ind.name, ind.value, ind.period_value):
            assert text == text.strip() and " " not in text
            assert _squash(text) in GZ_TEXT, text
        assert ind.level1 in GZ_TEXT
        # 数量指标 is the one label the seed does not print (see the generator script).
        assert ind.level2 in GZ_TEXT or ind.level2 == "数量指标"
        assert ind.number == "" and ind.description == "" and ind.basis == ""
    assert "数量指标" not in GZ_TEXT


def test_gz_indicator_rows_match_seed_cells(gz):
    """Each page-two row (name in the third cell, value in the fourth) is one indicator, in order."""
    first, *rest = gz.department.indicators
    seed_named = [(row[2], _squash(row[3])) for row in GZ_ROWS[1:] if row[2]]
    assert [(i.name, i.value) for i in rest] == seed_named
    assert all(i.period_value == "" for i in rest)
    # The first row straddles the page break: its 实施周期 value is alone on page one.
    page_one = _cells(GZ_LINES[GZ_HEADER + 1])
    assert first.period_value == page_one[4]
    page_two = GZ_ROWS[0]
    assert page_two[1] == "效果指标"
    assert page_two[2].split()[0] == first.name
    assert _squash(page_two[2]) == first.name + GZ_DROPPED
    assert page_two[3] == first.value == "100%完成"


def test_gz_indicator_spot_checks(gz):
    by_name = {i.name: i for i in gz.department.indicators}
    assert gz.department.indicators[0].name == "政策研究与课题研究完成率"
    assert by_name["赔偿达标率"].value == (
        "赔偿达标率=赔偿资金中按标准支付的金额/全部赔偿资金金额*100%"
    )
    assert by_name["错案案件比率"].value.startswith("办案工作错案率=")
    assert (by_name["信息化使用通畅"].level1, by_name["信息化使用通畅"].level2) == (
        "产出指标",
        "质量指标",
    )
    assert by_name["项目计划完成率"].level2 == "时效指标"
    assert by_name["收结案比"].level2 == "社会效益指标"
    assert by_name["收结案比"].value == ">90%"
    assert by_name["办案结案率"].level2 == "可持续影响指标"
    assert by_name["目标群体的满意率"].level1 == "效果指标"
    assert by_name["救助人满意度"].level2 == "服务对象满意度指标"
    levels = [i.level1 for i in gz.department.indicators]
    assert levels == sorted(levels, key=["产出指标", "效果指标"].index)


# ------------------------------------------------------------------ Chengdu (003)

CD_LINES = _lines(CD_SEED)
CD_TEXT = _squash("".join(CD_LINES))
LEVEL1 = ("产出指标", "效益指标", "满意度指标")


def _cd_seed_indicators() -> list[tuple[str, str, str, str, str]]:
    """(一级, 二级, number, name, value) read from the seed.

    A label applies from the line it is printed on until the next one; the value is the
    first non-empty cell after the numbered name, whichever cells the row lost.
    """
    rows = []
    level1 = level2 = ""
    start = next(i for i, line in enumerate(CD_LINES) if line.startswith("年度绩效指标"))
    for line in CD_LINES[start + 1 :]:
        cells = [c for c in _cells(line) if c]
        if not cells:
            continue
        for cell in cells:
            if cell in LEVEL1:
                level1 = cell
            elif cell.endswith("指标") and not _NUMBERED.match(cell):
                level2 = cell
        index = next(i for i, c in enumerate(cells) if _NUMBERED.match(c))
        number, name = _NUMBERED.match(cells[index]).groups()
        rows.append((level1, level2, number, name, cells[index + 1]))
    return rows


def test_cd_document_fields(cd):
    assert cd.unit_name == "成都市人民检察院"
    assert cd.fiscal_year == 2022
    assert cd.money_unit == "万元"
    assert cd.title == "成都市人民检察院 2022年部门整体支出绩效目标表"
    assert cd.title in CD_LINES
    assert cd.layout.department_form == "chengdu"
    assert cd.layout.show_code is False
    assert cd.projects == []
    assert cd.signature.enabled is False
    dept = cd.department
    name_cells = [c for c in _cells(next(x for x in CD_LINES if x.startswith("部门名称"))) if c]
    assert dept.name == name_cells[1] == "四川省成都市人民检察院部门"
    assert dept.overall_goal == _after(CD_LINES, "年度总体目标")
    assert dept.overall_goal.startswith("2022年，全市检察机关")
    assert dept.staff_count == dept.subunit_count == dept.other_tasks == ""


def test_cd_budget(cd):
    budget = cd.department.budget
    header = next(i for i, line in enumerate(CD_LINES) if "资金总额" in line)
    labels = [c for c in _cells(CD_LINES[header]) if c][1:]
    figures = [_amount(c) for c in _cells(CD_LINES[header + 1]) if c]
    seed = dict(zip(labels, figures, strict=True))
    assert budget.total == seed["资金总额"] == Decimal("15213.00")
    assert budget.fiscal == seed["财政拨款"] == Decimal("15213.00")
    assert budget.other == seed["其他资金"] == Decimal("0.00")
    for value in (budget.total, budget.fiscal, budget.other):
        assert value.as_tuple().exponent == -2
    for field in ("basic", "project", "special", "other_development", "own_level", "transfer"):
        assert getattr(budget, field) is None


def test_cd_tasks(cd):
    seed = []
    for line in CD_LINES:
        cells = [c for c in _cells(line) if c]
        for i, cell in enumerate(cells):
            if match := _TASK.match(cell):
                seed.append((int(match[1]), match[2], cells[i + 1]))
    assert [n for n, _, _ in seed] == [1, 2, 3, 4, 5]
    tasks = cd.department.tasks
    assert [(t.name, t.content) for t in tasks] == [(name, text) for _, name, text in seed]
    assert all(t.amount is None and t.expected == "" for t in tasks)
    assert tasks[0].name == "持续深化政治建设"
    assert tasks[4].name == "全面加强基层基础建设"


def test_cd_indicators_match_seed(cd):
    inds = cd.department.indicators
    seed = _cd_seed_indicators()
    assert [(i.level1, i.level2, i.number, i.name, i.value) for i in inds] == seed
    for ind in inds:
        assert f"{ind.number}.{ind.name}" in CD_TEXT
        assert _squash(ind.value) in CD_TEXT
        assert ind.period_value == ind.description == ind.basis == ""
        task = int(ind.number.split("-")[0])
        assert 1 <= task <= len(cd.department.tasks)


def test_cd_indicator_counts_and_spot_checks(cd):
    inds = cd.department.indicators
    assert len(inds) == 34
    assert len({i.number for i in inds}) == 34
    assert Counter(i.level1 for i in inds) == {"产出指标": 22, "效益指标": 10, "满意度指标": 2}
    assert Counter(i.level2 for i in inds) == {
        "数量指标": 12,
        "质量指标": 5,
        "时效指标": 5,
        "社会效益指标": 7,
        "可持续影响指标": 3,
        "服务对象满意度指标": 1,
        "帮扶对象满意度指标": 1,
    }
    by_number = {i.number: i for i in inds}
    assert "4-5" not in by_number
    assert by_number["5-5"].value == "定性优良中低差"
    assert by_number["1-5"].value == "定性优良中低差"
    assert by_number["2-3"].name == "监管场所派驻+巡回检察检查频次"
    assert by_number["2-3"].value == "≥17次/年"
    assert by_number["2-6"].value == "≥100%"
    assert by_number["4-1"].name == "检察系统开发（采购）数量"
    for number in ("5-1", "5-2"):
        assert by_number[number].level2 == "数量指标"
    for number in ("4-2", "4-3", "4-4"):
        assert (by_number[number].level1, by_number[number].level2) == ("产出指标", "质量指标")
    assert [i.number for i in inds if i.level2 == "时效指标"] == ["5-3", "5-4", "1-3", "2-6", "3-4"]
    assert by_number["3-10"].level2 == "可持续影响指标"
    assert (by_number["5-6"].level1, by_number["5-6"].level2) == (
        "满意度指标",
        "帮扶对象满意度指标",
    )
    assert by_number["5-6"].value == "≥98%"
