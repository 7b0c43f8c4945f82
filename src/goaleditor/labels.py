"""Chinese labels of model fields as the printed forms show them.

One place for the header texts that the forms print, the importers look for and the
editor shows as column titles.
"""

from __future__ import annotations

#: Header label of each indicator field; the importers find the columns by these.
INDICATOR_LABELS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "period_value": "实施周期指标值",
    "value": "指标值",
    "basis": "指标值确定依据",
    "weight": "权重",
    "explanation": "指标解释",
    "scoring": "评（扣）分标准",
    "basis_type": "指标值设定依据类型",
    "source": "数据来源",
    "last_value": "上年值",
}

#: Project fields as the project form labels them (dotted paths for the budget).
PROJECT_LABELS = {
    "name": "项目名称",
    "code": "项目编码",
    "budget.total": "预算数",
    "budget.fiscal": "财政资金",
    "budget.other": "其他资金",
    "purpose": "资金用途",
    "spending_plan": "资金支出计划",
    "goals": "绩效目标",
    "indicators": "绩效指标",
}

#: Department fields as the department forms label them.
DEPARTMENT_LABELS = {
    "name": "部门名称",
    "overall_goal": "总体绩效目标",
    "budget.total": "资金总额",
    "budget.basic": "基本支出",
    "budget.project": "项目支出",
    "budget.fiscal": "财政拨款",
    "budget.other": "其他资金",
    "tasks": "年度任务",
    "indicators": "绩效指标",
}

#: Document-wide fields.
DOCUMENT_LABELS = {
    "unit_name": "单位名称",
    "unit_code": "单位编码",
    "fiscal_year": "预算年度",
}

#: The Guangzhou 申报表's 预算整体情况 amounts (`DepartmentBudget` fields), in print order.
GUANGZHOU_BUDGET_LABELS = {
    "basic": "基本支出",
    "project": "项目支出",
    "fiscal": "财政拨款",
    "other": "其他资金",
    "special": "财政专项资金",
    "other_development": "其他事业发展性支出",
    "own_level": "市本级使用资金",
    "transfer": "拟用于对下转移支付资金",
}
