"""Line breaks for labels and other short texts: between words, never one character alone.

`linebreak.wrap` fills each line greedily, which cuts a narrow label anywhere:
``预算规模/及资金用/途``, ``社会效益指/标``, ``全院现有车辆总/数``.  A short paragraph
(up to `MAX_CHARS`) keeps the same number of lines, so rows keep their height, but
among the breakings into that many lines the one is chosen that breaks between known
words and leaves no single character on the last line: ``预算规模/及资金/用途``,
``社会效益/指标``, ``服务对象/满意度指标``.  Longer paragraphs are broken greedily.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import lru_cache

from .linebreak import can_break, clean, wrap

#: Words of the forms' labels and the indicator categories; a break inside one is
#: avoided.  Longer words win over their parts (``满意度`` over ``满意``).
_WORDS = """
    一级 二级 三级 指标 指标值 产出 效益 效果 成本 满意度 服务对象 帮扶对象 社会公众
    社会 经济 生态 可持续 影响 数量 质量 时效 预算 预算数 规模 资金 用途 部门 名称
    基本 信息 总体 绩效 目标 年度 重点 工作 任务 整体 情况 项目 编码 主管 代码 实施
    单位 属性 中长期 支出 计划 财政 其他 其中 拨款 收入 来源 事业 发展性 专项 本级
    市本级 使用 转移支付 周期 描述 确定 依据 主要 内容 期望 达到 概述 拟投入 供养
    人员数 下属 单位数 金额 级次 划分 对下 需完成 可选填 项目期 环境 填报 日期
    负责人 联系 电话 盖章 群众 当事人 案件 办案 检察 服务 信息化 控告 申诉 经费
    合格率 完成率 满意率 合规率 使用率 覆盖率 达标率 结案率 运行率 运作率 完好率
    正常 运行 运作 设备 系统 建设 研究 课题 政策 培训 有效 新增 比例 通畅 审结 公诉
    起诉 审查 批捕 办理 出警 信访 处理 结果 上访 回访 调查 次数 人数 天数 时间
"""
LABEL_WORDS = frozenset(_WORDS.split())
_LONGEST = max(map(len, LABEL_WORDS))

#: Paragraphs longer than this, or needing more lines, are left to the greedy breaker.
MAX_CHARS = 40
MAX_LINES = 5

#: Costs of a breaking: a break inside a word, a last line of one character, and the
#: squared share of each full line left empty (prefer lines filled evenly).
INSIDE_WORD = 10.0
ORPHAN = 30.0
#: A break right after a colon or an enumeration comma is the most natural of all.
AFTER_PUNCTUATION = -0.25
_BREAK_AFTER = frozenset("：:、，,；;")


@lru_cache(maxsize=8192)  # bounded: texts of a long document go by once
def word_bounds(text: str) -> frozenset[int]:
    """Positions between two words of *text* (longest known word first, else one char)."""
    bounds = set()
    i = 0
    while i < len(text):
        step = 1
        for size in range(min(_LONGEST, len(text) - i), 1, -1):
            if text[i : i + size] in LABEL_WORDS:
                step = size
                break
        i += step
        bounds.add(i)
    return frozenset(bounds)


def wrap_label(text: str, width: float, char_width: Callable[[str], float]) -> list[str]:
    """Break *text* like `linebreak.wrap`, into as many lines, at the nicest places."""
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        greedy = wrap(paragraph, width, char_width)
        lines.extend(_balance(paragraph, greedy, width, char_width))
    return lines


def _balance(
    text: str, greedy: list[str], width: float, char_width: Callable[[str], float]
) -> list[str]:
    n = len(greedy)
    if n < 2 or "".join(greedy) != text:
        return greedy
    if n > MAX_LINES or len(text) > MAX_CHARS or " " in text:
        return _no_orphan(text, greedy, width, char_width)
    ends = [0]
    for line in greedy:
        ends.append(ends[-1] + len(line))
    allowed = [p for p in range(1, len(text)) if can_break(text, p)]
    if not set(ends[1:-1]) <= set(allowed):
        return greedy  # a forced break inside an unbreakable run: keep it
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + char_width(ch))
    bounds = word_bounds(text)
    length = len(text)

    def fits(a: int, b: int) -> bool:
        return prefix[b] - prefix[a] <= width or b - a == 1

    # best[k][p]: cheapest breaking of text[:p] into k full lines (not the last one).
    inf = float("inf")
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for _k in range(1, n):
        row: dict[int, tuple[float, int]] = {}
        for p in allowed:
            for a, (cost, _prev) in best[-1].items():
                if a >= p or not fits(a, p):
                    continue
                slack = (width - (prefix[p] - prefix[a])) / width
                total = cost + slack * slack + _break_cost(text, p, bounds)
                if total < row.get(p, (inf, -1))[0]:
                    row[p] = (total, a)
        best.append(row)
    choice, chosen = inf, -1
    for a, (cost, _prev) in best[-1].items():
        if a >= length or not fits(a, length):
            continue
        total = cost + (ORPHAN if _is_orphan(text[a:]) else 0.0)
        if total < choice:
            choice, chosen = total, a
    if chosen < 0:
        return greedy
    cuts = [length]
    p = chosen
    for k in range(n - 1, 0, -1):
        cuts.append(p)
        p = best[k][p][1]
    cuts.append(0)
    cuts.reverse()
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _break_cost(text: str, pos: int, bounds: frozenset[int]) -> float:
    if pos not in bounds:
        return INSIDE_WORD
    return AFTER_PUNCTUATION if text[pos - 1] in _BREAK_AFTER else 0.0


def _is_orphan(line: str) -> bool:
    """A last line of one character, not counting the punctuation around it (``元）``)."""
    return sum(1 for ch in line if ch.isalnum()) == 1 and any(ord(ch) >= 0x2000 for ch in line)


def _no_orphan(
    text: str, lines: list[str], width: float, char_width: Callable[[str], float]
) -> list[str]:
    """Long text: if the last line is one character, end the line before it earlier."""
    if not _is_orphan(lines[-1]):
        return lines
    start = len(text) - len(lines[-1]) - len(lines[-2])
    brk = len(text) - len(lines[-1])
    for pos in range(brk - 1, start + 1, -1):
        tail = text[pos:]
        if can_break(text, pos) and sum(map(char_width, tail)) <= width:
            if not _is_orphan(tail):
                return [*lines[:-2], text[start:pos], tail]
        elif sum(map(char_width, tail)) > width:
            break
    return lines
