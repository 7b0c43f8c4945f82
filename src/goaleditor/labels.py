"""The vocabulary: Chinese labels of model fields as the printed forms show them.

One place for the words that the forms print, the importers look for, the checks and
the file loader name in their messages and the editor shows beside its fields: field
labels, the indicator headers (with the other spellings published forms use), the
budget row and the signature block (填报人 … 填报单位（盖章）).  Every other module reads
them from here; none spells them again.
"""

from __future__ import annotations

import re

#: Header label of each indicator field; the importers find the columns by these.
INDICATOR_LABELS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "period_value": "实施周期指标值",
    "value": "指标值",
    "basis": "指标值确定依据",
}

#: The indicator attributes of the newer national forms (财预〔2021〕101号), as layouts
#: print them.  Not (yet) among the headers the importers read: 权重 is a number.
INDICATOR_ATTRIBUTE_LABELS = {
    "weight": "权重",
    "explanation": "指标解释",
    "scoring": "评（扣）分标准",
    "basis_type": "指标值设定依据类型",
    "source": "数据来源",
    "last_value": "上年值",
}

#: Every indicator field as the editor and 审核 name it: with the Chengdu task number (编号),
#: which the printed form puts before the 三级指标 instead of in a column of its own.
#: The text attributes (all but 权重, a number) are among them: the editor shows and 查找
#: searches them.
INDICATOR_FIELD_LABELS = {
    "number": "编号",
    **INDICATOR_LABELS,
    **{name: label for name, label in INDICATOR_ATTRIBUTE_LABELS.items() if name != "weight"},
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
    # the national form's
    "department": "主管部门及代码",
    "implementer": "实施单位",
    "attribute": "项目属性",
    "period": "项目期",
    "long_term_goals": "中长期目标",
}
#: The national form's own project fields, in print order.
NATIONAL_PROJECT_FIELDS = ("department", "implementer", "attribute", "period")

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
    "money_unit": "金额单位",
}

#: The signature block's lines (`Signature` fields) in print order: ``填报人：__________``.
SIGNATURE_LABELS = {
    "preparer": "填报人",
    "phone": "联系电话",
    "head": "单位负责人",
    "date": "填报日期",
}
#: The block's last line, where the unit stamps; forms also write it without （盖章）.
STAMP_LABEL = "填报单位（盖章）"
STAMP_WORDS = STAMP_LABEL.partition("（")[0]
#: A signature line's label → its `Signature` field, for the importers.
SIGNATURE_FIELDS = {label: name for name, label in SIGNATURE_LABELS.items()}
_SIGNATURE_ALTERNATIVES = "|".join(SIGNATURE_LABELS.values())
#: A signature line: ``填报人：…`` (either colon, blanks allowed) or ``填报单位（盖章）…``.
SIGNATURE_LINE = re.compile(rf"^(?:(?:{_SIGNATURE_ALTERNATIVES})\s*[：:]|{STAMP_WORDS})")
#: The next signature label in a line that holds several (``填报人：张三 联系电话：…``).
NEXT_SIGNATURE_LABEL = rf"(?=\s*(?:{_SIGNATURE_ALTERNATIVES})\s*[：:]|$)"

#: The budget row of the project form, as printed (``其中：财政资金``) → `Budget` field.
BUDGET_ROW_LABELS = {
    PROJECT_LABELS["budget.total"]: "total",
    "其中：" + PROJECT_LABELS["budget.fiscal"]: "fiscal",
    PROJECT_LABELS["budget.other"]: "other",
}
#: Every spelling of a budget label the importers accept → `Budget` field.
BUDGET_HEADERS = {
    **BUDGET_ROW_LABELS,
    "预算金额": "total",
    PROJECT_LABELS["budget.fiscal"]: "fiscal",
}

#: Every spelling of an indicator header the importers accept (this program's forms
#: and the other published ones) → indicator field.  Compared without blanks.
INDICATOR_HEADERS = {
    **{label: name for name, label in INDICATOR_LABELS.items()},
    "指标描述": "description",
    "指标内容": "description",
    "年度指标值": "value",
    "指标值（包含数字及文字描述）": "value",
    "实施期指标值": "period_value",
    "中长期指标值": "period_value",
    "确定依据": "basis",
    "依据": "basis",
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

#: Every amount of the department budget (`DepartmentBudget` fields) by its name on the
#: forms: 资金总额 (Chengdu) and the Guangzhou amounts.
DEPARTMENT_AMOUNT_LABELS = {"total": DEPARTMENT_LABELS["budget.total"], **GUANGZHOU_BUDGET_LABELS}
