"""The document model: plain dataclasses, no Qt.

One `Document` is one filing: a budget unit's department form (部门整体) and its
project forms (项目), in one of the official layouts.  Text is kept exactly as the
clerk typed it; amounts are `Decimal` (or None when the cell is blank).  Optional
parts of a layout stay empty (``""``, ``[]`` or ``None``) when the layout does not
use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: 资金支出计划 milestones (cumulative percentages at the end of each month).
SPENDING_MILESTONES = ("3月底", "6月底", "10月底", "12月底")

MONEY_UNITS = ("元", "万元")

#: Department form kinds (部门整体): Hebei text form, Guangzhou 申报表, Chengdu 表.
DEPARTMENT_FORMS = ("text", "guangzhou", "chengdu")

#: Project form kinds: the provincial form (docs/forms.md §2) and the national form with
#: 中长期/年度 goals and 实施周期/年度 values.
PROJECT_FORMS = ("standard", "national")

#: Kinds of 指标值设定依据 (财预〔2021〕101号).
BASIS_TYPES = ("计划标准", "行业标准", "历史标准", "其他标准")

#: Separators after a number in titles and goals: 1、… or 1.…
NUMBER_STYLES = ("、", ".")


@dataclass
class Indicator:
    """One indicator row (绩效指标): 一级 · 二级 · 三级 · 描述 · 指标值 · 依据."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    description: str = ""
    value: str = ""
    #: 实施周期指标值 (Guangzhou department form, national project form).
    period_value: str = ""
    #: 指标值确定依据 / 指标值设定依据: the text.
    basis: str = ""
    #: 指标值设定依据's kind (财预〔2021〕101号): one of BASIS_TYPES, or "".
    basis_type: str = ""
    #: 权重: the indicator's weight in points (the weights of a project sum to 100).
    weight: Decimal | None = None
    #: 指标解释: what the indicator measures and how.
    explanation: str = ""
    #: 评（扣）分标准: how the indicator is scored.
    scoring: str = ""
    #: 数据来源.
    source: str = ""
    #: 上年值 (历史参考值): last year's value, as typed.
    last_value: str = ""
    #: Task number that prefixes the name on the Chengdu form (``2-3`` in
    #: ``2-3.监管场所派驻+巡回检察检查频次``); empty elsewhere.
    number: str = ""
    #: Fields of the layout's own (``"fields"`` of a layout file), by field id: text
    #: as typed, amounts as decimal strings.  Kept whatever the layout in use.
    extra: dict[str, str] = field(default_factory=dict)
    #: 待复核: carried over from last year and not yet edited or confirmed.
    needs_review: bool = False


@dataclass
class Budget:
    """预算数 and its split: 其中：财政资金 + 其他资金."""

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None


@dataclass
class Project:
    """One project form (预算项目绩效目标表)."""

    code: str = ""
    name: str = ""
    budget: Budget = field(default_factory=Budget)
    #: 资金用途.
    purpose: str = ""
    #: 资金支出计划（%）: cumulative percentages at SPENDING_MILESTONES; empty list
    #: when the layout has no spending plan.
    spending_plan: list[Decimal | None] = field(default_factory=list)
    #: 绩效目标 (年度目标 on the national form), one goal per item, without its number.
    goals: list[str] = field(default_factory=list)
    #: 中长期目标 (national form only).
    long_term_goals: list[str] = field(default_factory=list)
    #: 主管部门及代码 (national form).
    department: str = ""
    #: 实施单位 (national form).
    implementer: str = ""
    #: 项目属性: 新增 / 延续 (national form).
    attribute: str = ""
    #: 项目期: start and end as written, e.g. ``2023年1月-2023年12月``.
    period: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    #: Fields of the layout's own (``"fields"`` of a layout file), by field id: text
    #: as typed, amounts as decimal strings.  Kept whatever the layout in use.
    extra: dict[str, str] = field(default_factory=dict)
    #: 待复核: carried over from last year and not yet edited or confirmed.
    needs_review: bool = False

    def review_count(self) -> int:
        """How many parts (the project itself, its indicators) are still 待复核."""
        return int(self.needs_review) + sum(1 for ind in self.indicators if ind.needs_review)


@dataclass
class DutyGoal:
    """分项绩效目标 (Hebei text form): a duty, its 主要职责 and its 绩效目标."""

    duty: str = ""
    #: Text after ``duty：`` as written (usually starts with 主要职责是…).
    responsibilities: str = ""
    #: The goal paragraph as written (usually starts with 绩效目标是…).
    goal: str = ""


@dataclass
class Task:
    """A row of 年度重点工作任务 (Guangzhou) or 年度主要任务 (Chengdu)."""

    name: str = ""
    #: 主要实施内容 / 主要内容.
    content: str = ""
    #: 拟投入的资金 (Guangzhou).
    amount: Decimal | None = None
    #: 期望达到的目标 (Guangzhou).
    expected: str = ""
    #: Fields of the layout's own (``"fields"`` of a layout file), by field id: text
    #: as typed, amounts as decimal strings.  Kept whatever the layout in use.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class DepartmentBudget:
    """预算整体情况 (Guangzhou) and 年度部门整体支出预算 (Chengdu)."""

    #: 资金总额 (Chengdu).
    total: Decimal | None = None
    #: 基本支出 / 项目支出 (Guangzhou 部门预算支出).
    basic: Decimal | None = None
    project: Decimal | None = None
    #: 财政拨款 / 其他资金 (收入来源; Chengdu's split of 资金总额).
    fiscal: Decimal | None = None
    other: Decimal | None = None
    #: 事业发展性支出: 财政专项资金 / 其他事业发展性支出 (Guangzhou).
    special: Decimal | None = None
    other_development: Decimal | None = None
    #: 按预算级次划分: 市本级使用资金 / 拟用于对下转移支付资金 (Guangzhou).
    own_level: Decimal | None = None
    transfer: Decimal | None = None


@dataclass
class DepartmentGoals:
    """The department-as-a-whole form (部门整体绩效目标)."""

    #: 部门名称 (Guangzhou, Chengdu).
    name: str = ""
    #: 总体绩效目标 / 年度总体目标.
    overall_goal: str = ""
    #: 分项绩效目标 (Hebei text form).
    duty_goals: list[DutyGoal] = field(default_factory=list)
    #: 工作保障措施: the opening paragraph and its numbered items (Hebei).
    safeguards: str = ""
    safeguard_items: list[str] = field(default_factory=list)
    #: 基本信息 (Guangzhou): kept as text, the seed leaves one blank.
    staff_count: str = ""
    subunit_count: str = ""
    budget: DepartmentBudget = field(default_factory=DepartmentBudget)
    #: 年度重点工作任务 (Guangzhou) / 年度主要任务 (Chengdu).
    tasks: list[Task] = field(default_factory=list)
    #: 其他需完成的任务(可选填) (Guangzhou).
    other_tasks: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    #: Fields of the layout's own (``"fields"`` of a layout file), by field id: text
    #: as typed, amounts as decimal strings.  Kept whatever the layout in use.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Layout:
    """Which official layout the document prints in, and its optional parts."""

    #: One of DEPARTMENT_FORMS, or "" when the document has no department form.
    department_form: str = ""
    #: One of PROJECT_FORMS.
    project_form: str = "standard"
    show_code: bool = True
    show_spending_plan: bool = False
    show_basis: bool = True
    #: Separator after a number in titles and goals: ``、`` (1、…) or ``.`` (1.…).
    number_style: str = "、"
    #: The layout (版式) the project forms print in: the id of a layout file, or ""
    #: for the built-in layout named like ``project_form``.
    project_layout: str = ""
    #: The layout the department form prints in, or "" for the built-in one named
    #: like ``department_form``.
    department_layout: str = ""
    #: The Hebei text form prints ``总体绩效目标：`` and ``工作保障措施：`` under their
    #: headings (as published); off for a source that had no such labels.
    department_labels: bool = True

    @property
    def project_layout_id(self) -> str:
        """The layout the project forms print in: a layout file's id, else the built-in form's."""
        return self.project_layout or self.project_form

    @property
    def department_layout_id(self) -> str:
        """The layout the department form prints in, or "" when there is none."""
        return self.department_layout or self.department_form


@dataclass
class Signature:
    """The signature block printed forms end with (填报人 … 填报单位（盖章）)."""

    enabled: bool = True
    preparer: str = ""
    phone: str = ""
    head: str = ""
    date: str = ""


@dataclass
class Document:
    """One filing: the unit, its year, its department form and its projects."""

    unit_code: str = ""
    unit_name: str = ""
    fiscal_year: int | None = None
    money_unit: str = "元"
    #: A title for the whole document (e.g. 成都市人民检察院 2022年部门整体支出绩效目标表).
    title: str = ""
    layout: Layout = field(default_factory=Layout)
    department: DepartmentGoals | None = None
    projects: list[Project] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)

    @property
    def unit_line(self) -> str:
        """The unit as printed above each table: budget code followed by name."""
        return f"{self.unit_code}{self.unit_name}"

    def all_indicators(self):
        """Yield (project or None, row, indicator) for every indicator in the document."""
        if self.department is not None:
            for row, ind in enumerate(self.department.indicators):
                yield None, row, ind
        for project in self.projects:
            for row, ind in enumerate(project.indicators):
                yield project, row, ind
