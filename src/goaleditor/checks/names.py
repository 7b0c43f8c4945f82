"""What an indicator's name (三级指标) says it measures: a rate, an amount, a satisfaction.

A reviewer reads the kind from how the name *ends*: ``资金到位率`` is a rate,
``采购成本`` an amount, ``资金使用合规性`` neither, although it mentions 资金.  A
false 错误 costs the clerk more than a missed 提醒, so only a name whose ending leaves
no doubt is ``AMOUNT``; endings that are usually money but not always (``…资金``,
``…支出``, ``…投入``, ``成本控制``) are ``MAYBE_AMOUNT`` and only earn reminders.
"""

from __future__ import annotations

import re

AMOUNT, MAYBE_AMOUNT = "amount", "maybe"

RATE_ENDINGS = ("率", "比例", "占比", "比率", "比重")
#: Names ending in 率 that are not a share of a whole (频率 is 次/月, 功率 is kW).
NOT_SHARE_ENDINGS = (
    "效率",
    "频率",
    "速率",
    "功率",
    "倍率",
    "汇率",
    "费率",
    "分辨率",
    "帧率",
    "码率",
    "容积率",
    "周转率",
)
#: …but these are shares again (有效率 is not 效率, 成功率 not 功率).
SHARE_ENDINGS = ("有效率", "无效率", "成功率", "缴费率", "交费率")
#: A share that may honestly pass 100% (超额完成).
COMPLETION_ENDINGS = ("完成率", "达成率", "实现率")
#: Words that make a percentage above 100 meaningful (growth, comparisons, returns).
UNBOUNDED_WORDS = (
    "增长",
    "增幅",
    "增速",
    "增加",
    "提升",
    "提高",
    "同比",
    "环比",
    "上年",
    "同期",
    "涨",
    "指数",
    "之比",
    "产出比",
    "投入比",
    "收益率",
    "回报率",
    "倍",
)
SATISFACTION_ENDINGS = ("满意度", "满意率", "满意程度")
SAVING_WORDS = ("节约", "节省", "降低", "减少", "下降", "压减")

#: Endings that are money whatever comes before them.
AMOUNT_ENDINGS = (
    "金额",
    "总额",
    "余额",
    "限额",
    "投资额",
    "成本",
    "经费",
    "费用",
    "单价",
    "价格",
    "造价",
    "总价",
    "均价",
    "价款",
)
#: Usually money, but a clerk may mean a share, a pace or a growth (``支出 ≥90%`` for
#: 支出进度, ``带动社会投资 ≥20%``).
MAYBE_AMOUNT_ENDINGS = (
    "资金",
    "支出",
    "开支",
    "投入",
    "投资",
    "工资",
    "预算",
)
#: Costs to society and nature (成本指标 › 社会成本指标), rarely money.
NOT_MONEY_COST_ENDINGS = ("社会成本", "环境成本", "生态成本")
#: ``…费`` is a fee (培训费, 加班费) except in these words.
NOT_FEE_ENDINGS = ("浪费", "免费", "收费", "缴费", "消费", "付费")


def core(name: str) -> str:
    """The name without blanks, a trailing note in brackets and 情况/水平."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"(?:[（(][^（()）]*[)）])+$", "", name).rstrip("。.，,；;：:")
    return name.removesuffix("情况").removesuffix("水平")


def is_rate(name: str) -> bool:
    """A share of a whole, written as a percentage (合格率, 占比)."""
    text = core(name)
    if text.endswith(SHARE_ENDINGS):
        return True
    return text.endswith(RATE_ENDINGS) and not text.endswith(NOT_SHARE_ENDINGS)


def is_satisfaction(name: str) -> bool:
    return core(name).endswith(SATISFACTION_ENDINGS)


def may_exceed_100(name: str) -> bool:
    """A percentage above 100 can be meant: growth, comparisons with last year, returns."""
    return any(word in name for word in UNBOUNDED_WORDS)


def is_bounded_share(name: str) -> bool:
    """A rate or satisfaction that can never pass 100% (合格率, 满意度), as opposed to 完成率."""
    if may_exceed_100(name):
        return False
    text = core(name)
    return (is_rate(name) or is_satisfaction(name)) and not text.endswith(COMPLETION_ENDINGS)


def amount_kind(name: str) -> str | None:
    """``AMOUNT``, ``MAYBE_AMOUNT`` or None, from how the name ends (see module docstring)."""
    text = core(name)
    if not text or is_rate(name) or any(word in text for word in SAVING_WORDS):
        return None
    if text.endswith(NOT_MONEY_COST_ENDINGS):
        return None
    if text.endswith("控制"):
        return MAYBE_AMOUNT if amount_kind(text[:-2]) else None
    if text.endswith(MAYBE_AMOUNT_ENDINGS):
        return MAYBE_AMOUNT
    if text.endswith(AMOUNT_ENDINGS):
        return AMOUNT
    if text.endswith("费") and not text.endswith(NOT_FEE_ENDINGS):
        return AMOUNT
    if text.endswith("金"):  # 抚恤金, 救助金, 租金 (资金 is caught above)
        return AMOUNT
    return None
