"""审核 rules for one project form, the department form and the document header."""

from __future__ import annotations

import re
from decimal import Decimal

from ..amounts import add, agree, figures
from ..forms import department_layout, project_layout
from ..labels import DEPARTMENT_LABELS, PROJECT_LABELS
from ..model import SPENDING_MILESTONES, Budget, DepartmentBudget, Document, Project
from .indicators import TableContext, check_indicators
from .layout import check_layout_rules, layout_of
from .problem import Findings


def project_problems(doc: Document, index: int) -> Findings:
    project = doc.projects[index]
    out = Findings(index, project.name)
    if not project.name.strip():
        out.error(
            "missing_project_name", "未填写项目名称。请填写与预算批复一致的项目名称。", field="name"
        )
    if doc.layout.show_code and not project.code.strip():
        out.warning("missing_code", "未填写项目编码。请按预算系统中的编码填写。", field="code")
    _check_budget(project.budget, doc.money_unit, out)
    _check_spending_plan(project, doc.layout.show_spending_plan, out)
    _check_goals(project.goals, out)
    ctx = TableContext(
        budget_total=project.budget.total,
        money_unit=doc.money_unit,
        fiscal_year=doc.fiscal_year,
        has_description=True,
        has_basis=doc.layout.show_basis,
        owner="本项目",
    )
    check_indicators(project.indicators, ctx, out)
    spec = layout_of(lambda: project_layout(doc), out)
    if spec is not None:
        texts = {"purpose": project.purpose, "goals": "\n".join(project.goals)}
        check_layout_rules(spec, project.indicators, out, texts)
    review = project.review_count()
    if review:
        out.warning(
            "needs_review",
            f"本项目还有 {review} 项待复核的内容（由上年结转而来，尚未修改或确认）。请逐项核对后确认。",
        )
    return out


def department_problems(doc: Document) -> Findings:
    out = Findings()
    dept = doc.department
    if dept is None:
        return out
    form = doc.layout.department_form
    if form in ("guangzhou", "chengdu") and not dept.name.strip():
        out.warning("missing_department_name", "未填写部门名称。", field="name")
    if not dept.overall_goal.strip():
        out.warning("missing_overall_goal", "未填写总体绩效目标。", field="overall_goal")
    total = _department_total(dept.budget, form, out, doc.money_unit)
    if dept.indicators:
        ctx = TableContext(
            budget_total=total,
            money_unit=doc.money_unit,
            fiscal_year=doc.fiscal_year,
            has_description=False,
            has_basis=False,
            owner="部门整体",
        )
        check_indicators(dept.indicators, ctx, out)
        if form == "chengdu":
            _task_numbers(dept, out)
        review = sum(1 for ind in dept.indicators if ind.needs_review)
        if review:
            out.warning(
                "needs_review",
                f"部门整体还有 {review} 项待复核的指标（由上年结转而来，尚未修改或确认）。",
                field="indicators",
            )
    elif form in ("guangzhou", "chengdu"):
        out.error("no_indicators", "部门整体没有绩效指标。请填写年度绩效指标。", field="indicators")
    spec = layout_of(lambda: department_layout(doc), out)
    if spec is not None:
        check_layout_rules(spec, dept.indicators, out, {"overall_goal": dept.overall_goal})
    return out


def _task_numbers(dept, out: Findings) -> None:
    """Chengdu: every indicator has a task number (``2-3``), each number once, and its task
    exists in 年度主要任务."""
    from ..task_numbers import duplicates, parse

    for number, rows in duplicates(dept.indicators).items():
        for row in rows[1:]:
            out.error(
                "duplicate_task_number",
                f"编号“{number}”与第 {rows[0] + 1} 行重复。每个指标的编号应各不相同。",
                row=row,
                field="number",
            )
    for row, indicator in enumerate(dept.indicators):
        parsed = parse(indicator.number)
        if not indicator.number.strip():
            out.warning(
                "missing_task_number",
                "没有编号。成都表的指标按任务编号，如“2-3”（任务 2 的第 3 个指标）。",
                row=row,
                field="number",
            )
        elif parsed is None:
            out.warning(
                "odd_task_number",
                f"编号“{indicator.number.strip()}”不是“任务号-序号”的写法，如“2-3”。",
                row=row,
                field="number",
            )
        elif dept.tasks and not 1 <= parsed[0] <= len(dept.tasks):
            out.warning(
                "unknown_task_number",
                f"编号“{indicator.number.strip()}”指向任务 {parsed[0]}，"
                f"但年度主要任务只有 {len(dept.tasks)} 项。",
                row=row,
                field="number",
            )


def document_problems(doc: Document) -> Findings:
    out = Findings()
    if not doc.unit_name.strip():
        out.warning(
            "missing_unit_name", "未填写单位名称，打印的表上方会是空白。", field="unit_name"
        )
    if doc.fiscal_year is None:
        out.warning("missing_fiscal_year", "未填写预算年度。", field="fiscal_year")
    return out


# ------------------------------------------------------------ budget


def _sum_mismatch(
    names: tuple[str, str, str],
    parts: tuple[Decimal | None, Decimal | None],
    total: Decimal,
    unit: str,
) -> str:
    """``财政资金 1.230000 万元 + 其他资金 0.000000 万元 = 1.230000 万元，与预算数 1.234567 万元
    不一致（相差 0.004567 万元）``: every figure to the decimals the most exact one needs,
    so the difference shows (`amounts.figures`)."""
    split = add(*parts) or Decimal(0)
    a, b, s, t, d = figures(*parts, split, total, abs(total - split))
    money = lambda text: text if text == "空白" else f"{text} {unit}"  # noqa: E731
    return (
        f"{names[0]} {money(a)} + {names[1]} {money(b)} = {money(s)}，"
        f"与{names[2]} {money(t)} 不一致（相差 {money(d)}）"
    )


def _check_budget(budget: Budget, unit: str, out: Findings) -> None:
    for name in ("total", "fiscal", "other"):
        field, amount = f"budget.{name}", getattr(budget, name)
        label = PROJECT_LABELS[field]
        if amount is not None and amount < 0:
            out.error("negative_amount", f"{label}是负数（{amount}）。请填写正数。", field=field)
    if budget.total is None:
        if budget.fiscal is not None or budget.other is not None:
            out.error(
                "missing_budget",
                "填写了资金来源，却没有填写预算数。预算数应等于财政资金与其他资金之和。",
                field="budget.total",
            )
        else:
            out.warning("missing_budget", "未填写预算数。", field="budget.total")
        return
    if budget.fiscal is None and budget.other is None:
        out.warning(
            "missing_budget_split",
            "未填写资金来源。请在“其中：财政资金”和“其他资金”中至少填写一项。",
            field="budget.fiscal",
        )
        return
    split = add(budget.fiscal, budget.other) or Decimal(0)
    if not agree(split, budget.total, unit):
        names = tuple(PROJECT_LABELS[f"budget.{n}"] for n in ("fiscal", "other", "total"))
        out.error(
            "budget_split",
            _sum_mismatch(names, (budget.fiscal, budget.other), budget.total, unit)
            + "。请核对这三个金额。",
            field="budget.total",
        )


def _department_total(budget: DepartmentBudget, form: str, out: Findings, unit: str):
    """The department's budget for the cost rule; checks that its parts add up."""
    income = add(budget.fiscal, budget.other)
    if budget.total is not None and income is not None and not agree(income, budget.total, unit):
        names = tuple(DEPARTMENT_LABELS[f"budget.{n}"] for n in ("fiscal", "other", "total"))
        out.error(
            "budget_split",
            _sum_mismatch(names, (budget.fiscal, budget.other), budget.total, unit) + "。请核对。",
            field="budget.total",
        )
    spending = add(budget.basic, budget.project)
    if spending is not None and income is not None and not agree(spending, income, unit):
        spent, got, diff = figures(spending, income, abs(spending - income))
        out.warning(
            "budget_balance",
            f"部门预算支出（基本支出 + 项目支出）{spent} {unit} 与收入来源"
            f"（财政拨款 + 其他资金）{got} {unit} 不相等（相差 {diff} {unit}）。请核实。",
            field="budget.basic",
        )
    return (
        budget.total if budget.total is not None else spending if spending is not None else income
    )


# ------------------------------------------------------------ spending plan and goals


def _check_spending_plan(project: Project, shown: bool, out: Findings) -> None:
    plan = project.spending_plan
    if not plan or all(p is None for p in plan):
        if shown:
            out.warning(
                "spending_plan_missing",
                "未填写资金支出计划。请填写 3月底、6月底、10月底、12月底累计支出的百分比。",
                field="spending_plan",
            )
        return
    months = SPENDING_MILESTONES
    previous = None
    for i, percent in enumerate(plan):
        month = months[i] if i < len(months) else f"第 {i + 1} 项"
        if percent is None:
            out.warning(
                "spending_plan_missing", f"资金支出计划的“{month}”未填写。", field="spending_plan"
            )
            continue
        if not 0 <= percent <= 100:
            out.error(
                "spending_plan_range",
                f"资金支出计划“{month}”为 {percent}%，应在 0 到 100 之间。",
                field="spending_plan",
            )
        if previous is not None and percent < previous[1]:
            out.error(
                "spending_plan_decreasing",
                f"资金支出计划是累计百分比，“{month}”（{percent}%）不能低于“{previous[0]}”（{previous[1]}%）。",
                field="spending_plan",
            )
        previous = (month, percent)
    last = plan[-1]
    if last is not None and last != 100 and 0 <= last <= 100:
        out.error(
            "spending_plan_end",
            f"资金支出计划“{months[-1]}”为 {last}%，年底累计应为 100%（全年预算执行完毕）。",
            field="spending_plan",
        )


def _check_goals(goals: list[str], out: Findings) -> None:
    filled = [(i, g.strip()) for i, g in enumerate(goals) if g.strip()]
    if not filled:
        out.error(
            "missing_goals",
            "未填写绩效目标。请写明本项目今年要达到的目标，每条一行。",
            field="goals",
        )
        return
    first: dict[str, int] = {}
    for i, goal in filled:
        key = re.sub(r"[\s，,。.；;]", "", goal)
        if key in first:
            out.warning(
                "duplicate_goals",
                f"第 {i + 1} 条绩效目标与第 {first[key] + 1} 条内容相同。请删除或改写其中一条。",
                field="goals",
            )
        else:
            first[key] = i
