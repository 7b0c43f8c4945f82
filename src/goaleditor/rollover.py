"""A new year's document from last year's (以上年文件新建).

Every year starts from last year: the clerk copies the file, moves the year forward,
and edits every project.  `rollover` does the copying and the year: it never changes
the old document (it works on a deep copy), moves only the document's own fiscal year
and only where the text means that year, optionally clears budgets and indicator
values, and marks every project and indicator 待复核 (``needs_review``).  Everything it
changed is listed in `RolloverResult.changes`; years it deliberately left alone are
listed in `RolloverResult.notes` so the clerk can look at them.

Which year-like numbers move (old fiscal year Y → new year N).  A year moves only where
the text says it is a year; everything else stays and is listed for the clerk:

* moves: ``Y年…`` (``2023年内``, ``2023年底前``, ``2023年度…成本``), a year word
  (``Y全年``, ``Y上半年``, ``Y中央``), whole dates (``2023.12.31``, ``2023/6/30``,
  ``2023-12-31``, ``2023.12月底前``), and a period inside the year (``2023年1月-2023年12月``).
* stays: a period over several years whatever the dash or wording (``2023-2025年``,
  ``2023-25年``, ``2023年度至2025年度``, ``2023~2025``, ``2023/2024学年``); years side by
  side (``2023年、2024年``) and text that already names the new year
  (``2023年采购，2024年验收``); a year inside a law or document name or number
  (between 《》, 〈〉, 〔〕, [], 【】, ［］) or an edition (``2023年版``); amounts and
  quantities (``2023.00``, ``≥2023次``, ``2023.5万元``, ``2023亩``, ``2023例``); codes
  (``JBN-2023-01``); the 项目编码 field; every other year (a ``2021年`` in a 2023 file
  is not the fiscal year, so it stays and is listed as a note); and numbers the rules
  cannot judge: a bare ``2023``, ``2023.10`` (October or an amount), the year in Chinese
  numerals (``二〇二三年``) or in two digits (``23年``).

When the document has no fiscal year, it is inferred from the years written in the
project names and the title (the most frequent one); if no year is written anywhere
there is nothing to move and only the fiscal year is set.

Full-width digits (``２０２３年内``) are read like ASCII ones, and a moved year is written
back in the digits the clerk used.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GoalEditorError
from .fileio import atomic_write, same_file
from .labels import BUDGET_ROW_LABELS, DEPARTMENT_AMOUNT_LABELS, PROJECT_LABELS, SIGNATURE_LABELS
from .model import Document, Indicator, Project

# ---------------------------------------------------------------- year rules

_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9][0-9])(?![0-9０-９])")
_BRACKETS = ("《》", "〈〉", "〔〕", "[]", "【】", "［］")
_BRACKET_SPANS = [
    re.compile(re.escape(o) + "[^" + re.escape(o + c) + "]*" + re.escape(c)) for o, c in _BRACKETS
]
#: What may follow a year before the separator of a period: 年, 年度, 年6月, 年6月30日, .6, .6.30
_DATE_TAIL = (
    r"(?:\s*年(?:度|\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:起|开始)?"
    r"|[./．]\d{1,2}(?:[./．]\d{1,2})?)?"
)
_RANGE_SEP = r"\s*(?:-|—|–|－|~|～|至|到|/|／)+\s*"
_RANGE_AFTER = re.compile(_DATE_TAIL + _RANGE_SEP + r"((?:19|20)\d\d)(?!\d)")
#: ``2023-25年``: the end of the period in two digits.
_SHORT_RANGE_AFTER = re.compile(_DATE_TAIL + _RANGE_SEP + r"(\d\d)\s*年")
_RANGE_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)" + _DATE_TAIL + _RANGE_SEP + r"$")
#: Years side by side (``2023年、2024年``, ``2022和2023年度``): which one is meant is unclear.
_LIST_SEP = r"\s*(?:年度?)?\s*(?:、|，|,|；|;|和|及|与|或|以及)\s*"
_LIST_AFTER = re.compile(_LIST_SEP + r"((?:19|20)\d\d)(?!\d)")
_LIST_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)" + _LIST_SEP + r"$")
_EDITION = re.compile(r"\s*年?\s*版")
#: Words after a bare year that make it a year: ``2023全年``, ``2023中央`` (that year's funds).
_YEAR_WORDS = re.compile(
    r"\s*(?:年|全年|上半年|下半年|(?:第?[一二三四1-4])季度|中央|省级|市级|区级|县级|本级|预算|决算)"
)
#: A whole date after the year: ``.12.31``, ``/6/30``, ``-12-31`` (month and day checked).
_FULL_DATE = re.compile(r"([./．\-/／])(\d{1,2})\1(\d{1,2})(?!\d)")
#: Year and month only (``2023.12``): a date when a date word follows, else it may be an amount.
_MONTH_ONLY = re.compile(r"([./．/／\-])(\d{1,2})(?!\d)")
_DATE_WORDS = re.compile(r"\s*(?:月|底|前|以前|之前|止|末|初|中旬|上旬|下旬|完成|内)")
_NUMBER_BEFORE = re.compile(r"(?:[≥≤><=＞＜＝≈±×*/÷+＋]|\d[,，])\s*$")
_UNITS = (
    *"元万亿千百个件台套人次天日分秒户名册场家份项条张篇米吨辆本批笔所座处页字盒箱根支部间栋层%％‰倍",
    *"亩例株棵头只匹卷期班组宗起单枚片幅盏块斤克升方公顷趟餐床对双袋瓶包桶把位课校村镇",
    *("小时", "平方", "公里", "千米", "GB", "TB", "MB", "KB"),
)
_NUMBER_AFTER = re.compile(r"\s*(?:[.．,，]\d|" + "|".join(re.escape(u) for u in _UNITS) + ")")
_CODE_RUN = re.compile(r"[A-Za-z0-9_\-./]+")
#: Years the rules cannot judge, listed when they may be the fiscal year.
_CHINESE_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {
    "零": "0",
    "○": "0",
}
_CHINESE_YEAR = re.compile("([" + "".join(_CHINESE_DIGITS) + r"]{4})\s*年")
_TWO_DIGIT_YEAR = re.compile(
    r"(?<![0-9０-９.．%％])([0-9]{2})\s*年(?!\s*(?:以上|以下|以内|来|后|间|期|[0-9]))"
)

MULTI_YEAR = "多年度期间"
YEAR_LIST = "多个年份并列"
NEW_YEAR_PRESENT = "同一处已写有新年度"
DOCUMENT_NAME = "文件或法规名称中的年份"
NUMBER = "数字、金额或数量"
CODE = "编码"
OTHER_YEAR = "不是原预算年度"
UNCLEAR = "无法判断是否指年份"
CHINESE_NUMERALS = "中文数字写的年份"
TWO_DIGITS = "两位数写的年份"


def _inside_brackets(text: str, pos: int) -> bool:
    return any(m.start() < pos < m.end() - 1 for rx in _BRACKET_SPANS for m in rx.finditer(text))


def _is_code(text: str, start: int, end: int) -> bool:
    for m in _CODE_RUN.finditer(text):
        if m.start() <= start and end <= m.end():
            return bool(re.search(r"[A-Za-z]", m.group(0)))
    return False


def _range_end(after: str, year: int) -> int | None:
    """The other end of a period starting at the year (``-2025年``, ``-25年``), or None."""
    other = _RANGE_AFTER.match(after)
    if other:
        return int(other.group(1))
    short = _SHORT_RANGE_AFTER.match(after)
    if short:
        return year - year % 100 + int(short.group(1))
    return None


def _date_after(after: str) -> str | None:
    """None when *after* starts a whole date, else why it is not one (NUMBER or UNCLEAR)."""
    full = _FULL_DATE.match(after)
    if full:
        month, day = int(full.group(2)), int(full.group(3))
        ok = 1 <= month <= 12 and 1 <= day <= 31 and not _NUMBER_AFTER.match(after[full.end() :])
        return None if ok else NUMBER
    part = _MONTH_ONLY.match(after)
    if not part:
        return UNCLEAR
    month, rest = int(part.group(2)), after[part.end() :]
    if not 1 <= month <= 12 or _NUMBER_AFTER.match(rest):
        return NUMBER
    if part.group(1) in "/／" or _DATE_WORDS.match(rest):
        return None
    # ``2023.10`` alone may be October or an amount; ``2023-12`` a month or a period.
    return UNCLEAR


def classify_year(text: str, start: int, end: int, year: int) -> str | None:
    """Why the fiscal year at ``text[start:end]`` must stay, or None when it moves.

    A year moves only where the text says it is a year: ``年`` (``年度``, ``年内``,
    ``年底`` …), a year word (``全年``, ``中央``), or a whole date.  Anything else stays
    and is listed: an amount or a quantity (NUMBER), a code, a period over several
    years, or a number the rules cannot judge (UNCLEAR).
    """
    before, after = text[:start], text[end:]
    if _inside_brackets(text, start) or _EDITION.match(after):
        return DOCUMENT_NAME
    if _is_code(text, start, end):
        return CODE
    other = _range_end(after, year)
    if other is None:
        found = _RANGE_BEFORE.search(before)
        other = int(found.group(1)) if found else None
    if other is not None:
        return None if other == year else MULTI_YEAR
    if _NUMBER_BEFORE.search(before):
        return NUMBER
    other = _LIST_AFTER.match(after) or _LIST_BEFORE.search(before)
    if other and int(other.group(1)) != year:
        return YEAR_LIST
    if _YEAR_WORDS.match(after):
        return None
    if re.search(r"\d[.．]$", before):
        return NUMBER  # 1.2023
    if after[:1] in ".．-/／":
        return _date_after(after)
    if _NUMBER_AFTER.match(after):
        return NUMBER
    return UNCLEAR


def _unjudged_years(text: str, old: int) -> list[tuple[int, int, str]]:
    """``二〇二三年``, ``23年``: the old year written so the rules cannot move it safely."""
    found = []
    for m in _CHINESE_YEAR.finditer(text):
        if int("".join(_CHINESE_DIGITS[ch] for ch in m.group(1))) == old:
            found.append((m.start(), m.end(), CHINESE_NUMERALS))
    for m in _TWO_DIGIT_YEAR.finditer(text):
        if int(m.group(1)) != old % 100:
            continue
        before = text[: m.start()]
        reason = MULTI_YEAR if _RANGE_BEFORE.search(before) else TWO_DIGITS
        found.append((m.start(), m.end(), reason))
    return found


@dataclass(frozen=True)
class KeptYear:
    """A year that stayed as written, and why."""

    year: int
    reason: str
    excerpt: str


def fold_width(text: str) -> str:
    """Full-width letters, digits and marks as ASCII (``２０２３年`` → ``2023年``), same length.

    Positions in the folded text are positions in *text*, so a year found in the fold
    is replaced in the clerk's own text.
    """
    return text.translate(_FOLD) if not text.isascii() else text


_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _in_style(year: int, written: str) -> str:
    """*year* in the digits the clerk used for the year it replaces (ASCII or full-width)."""
    return "".join(
        d if w.isascii() else chr(ord(d) + 0xFEE0) for d, w in zip(str(year), written, strict=True)
    )


def shift_year(text: str, old: int, new: int) -> tuple[str, list[KeptYear]]:
    """Move *old* to *new* where the text means the fiscal year (see module docstring)."""
    out: list[str] = []
    kept: list[KeptYear] = []
    last = 0
    folded = fold_width(text)
    # ``2023年采购，2024年验收`` would become ``2024年…2024年``: leave such text to the clerk
    crowded = any(
        int(m.group(1)) == new and classify_year(folded, m.start(), m.end(), new) is None
        for m in _YEAR.finditer(folded)
    )
    for start, end, reason in _unjudged_years(folded, old):
        kept.append(KeptYear(old, reason, _around(text, start, end)))
    for m in _YEAR.finditer(folded):
        value = int(m.group(1))
        excerpt = _around(text, m.start(), m.end())
        if value != old:
            if _is_lone_year(folded, m.start(), m.end()):
                kept.append(KeptYear(value, OTHER_YEAR, excerpt))
            continue
        reason = classify_year(folded, m.start(), m.end(), old)
        if reason is None and crowded:
            reason = NEW_YEAR_PRESENT
        if reason is not None:
            kept.append(KeptYear(value, reason, excerpt))
            continue
        out.append(text[last : m.start()])
        out.append(_in_style(new, text[m.start() : m.end()]))
        last = m.end()
    out.append(text[last:])
    return "".join(out), kept


def _is_lone_year(text: str, start: int, end: int) -> bool:
    """``2021年`` outside a period and a document name: worth a note when it is not moved."""
    before, after = text[:start], text[end:]
    if not re.match(r"\s*年", after) or _inside_brackets(text, start):
        return False
    return _range_end(after, 0) is None and not _RANGE_BEFORE.search(before)


def _around(text: str, start: int, end: int, width: int = 12) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def infer_fiscal_year(doc: Document) -> int | None:
    """The most frequent ``YYYY年`` in the project names and the title (latest on a tie)."""
    counts: Counter[int] = Counter()
    for text in [doc.title, *(p.name for p in doc.projects)]:
        for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)\s*年", fold_width(text)):
            counts[int(m.group(1))] += 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Change:
    """One thing rollover changed: where, what, before → after."""

    #: ``项目 3「2024年…」``, ``部门整体`` or ``文档``.
    place: str
    #: ``指标第 2 行（发放时限）``, ``绩效目标第 1 条`` …; empty for a field of the place itself.
    row: str
    #: The field, in Chinese (``指标值``).
    field: str
    #: ``年份 2023→2024`` or ``清空``.
    what: str
    before: str
    after: str
    #: 1-based project number, or None outside projects.
    project: int | None = None

    @property
    def where(self) -> str:
        return " › ".join(part for part in (self.place, self.local) if part)

    @property
    def local(self) -> str:
        """Row and field within the place: ``指标第 2 行（…） › 指标值``, ``绩效目标第 1 条``."""
        if self.row.startswith("第"):
            return self.field + self.row
        return " › ".join(part for part in (self.row, self.field) if part)


@dataclass(frozen=True)
class Note:
    """A year left as written that the clerk may want to look at."""

    where: str
    year: int
    reason: str
    excerpt: str


@dataclass
class RolloverResult:
    document: Document
    changes: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    from_year: int | None = None
    to_year: int = 0
    keep_values: bool = True
    #: Whether *from_year* was inferred from the text (the document had none).
    inferred_year: bool = False
    review_projects: int = 0
    review_indicators: int = 0


# ---------------------------------------------------------------- rollover


class _Walker:
    """Visits every text field of the copy, moving years and recording changes."""

    def __init__(self, old: int | None, new: int, keep_values: bool):
        self.old, self.new, self.keep_values = old, new, keep_values
        self.changes: list[Change] = []
        self.notes: list[Note] = []
        self.place = "文档"
        self.project: int | None = None

    def text(self, obj: object, name: str, label: str, row: str = "") -> None:
        self.text_item(obj, name, label, row, getter=getattr, setter=setattr)

    def text_item(
        self,
        obj: object,
        key,
        label: str,
        row: str = "",
        getter: Callable = getattr,
        setter: Callable = setattr,
    ) -> None:
        before = getter(obj, key)
        if not before or self.old is None:
            return
        after, kept = shift_year(before, self.old, self.new)
        where = Change(self.place, row, label, "", "", "").where
        for k in kept:
            self.notes.append(Note(where, k.year, k.reason, k.excerpt))
        if after != before:
            setter(obj, key, after)
            self.change(row, label, f"年份 {self.old}→{self.new}", before, after)

    def texts(self, items: list[str], label: str) -> None:
        for i in range(len(items)):
            self.text_item(
                items,
                i,
                label,
                f"第 {i + 1} 条",
                getter=lambda seq, k: seq[k],
                setter=lambda seq, k, v: seq.__setitem__(k, v),
            )

    def clear(self, obj: object, name: str, label: str, row: str = "") -> None:
        before = getattr(obj, name)
        if self.keep_values or before in (None, ""):
            return
        setattr(obj, name, None if not isinstance(before, str) else "")
        shown = format(before, "f") if not isinstance(before, str) else before
        self.change(row, label, "清空", shown, "")

    def change(self, row: str, label: str, what: str, before: str, after: str) -> None:
        self.changes.append(Change(self.place, row, label, what, before, after, self.project))

    def indicators(self, indicators: list[Indicator]) -> None:
        for i, ind in enumerate(indicators):
            row = f"指标第 {i + 1} 行（{ind.name or '未命名'}）"
            for name, label in (
                ("name", "三级指标"),
                ("description", "绩效指标描述"),
                ("basis", "指标值确定依据"),
                ("period_value", "实施周期指标值"),
            ):
                self.text(ind, name, label, row)
            self.clear(ind, "value", "指标值", row)
            self.text(ind, "value", "指标值", row)
            ind.needs_review = True

    def project_(self, number: int, project: Project) -> None:
        self.project = number
        shown = shift_year(project.name, self.old, self.new)[0] if self.old else project.name
        self.place = f"项目 {number}「{shown}」"
        for name in ("name", "purpose", "department", "implementer", "period"):
            self.text(project, name, PROJECT_LABELS[name])
        for label, name in BUDGET_ROW_LABELS.items():
            self.clear(project.budget, name, label)
        if not self.keep_values:
            for i, pct in enumerate(project.spending_plan):
                if pct is not None:
                    project.spending_plan[i] = None
                    milestone = ("3月底", "6月底", "10月底", "12月底")[i] if i < 4 else str(i + 1)
                    self.change("", f"资金支出计划（{milestone}）", "清空", format(pct, "f"), "")
        self.texts(project.goals, PROJECT_LABELS["goals"])
        self.texts(project.long_term_goals, PROJECT_LABELS["long_term_goals"])
        self.indicators(project.indicators)
        project.needs_review = True


def rollover(doc: Document, year: int, keep_values: bool = True) -> RolloverResult:
    """Next year's document from *doc*; *doc* itself is never changed.

    Raises `GoalEditorError` when *year* is not a later, valid year.
    """
    if not 1900 <= year <= 2200:
        raise GoalEditorError(f"新年度“{year}”不是有效的年份，请填写四位数年份，如 2025。")
    old = doc.fiscal_year
    inferred = False
    if old is None:
        old = infer_fiscal_year(doc)
        inferred = old is not None
    if old is not None and year <= old:
        raise GoalEditorError(
            f"新年度 {year} 应晚于原文件的预算年度 {old}。请填写 {old + 1} 或更晚的年份。"
        )
    new_doc = copy.deepcopy(doc)
    walker = _Walker(old, year, keep_values)
    result = RolloverResult(
        new_doc, from_year=old, to_year=year, keep_values=keep_values, inferred_year=inferred
    )

    if doc.fiscal_year != year:
        walker.change(
            "",
            "预算年度",
            f"{doc.fiscal_year or '未填'}→{year}",
            str(doc.fiscal_year or ""),
            str(year),
        )
    new_doc.fiscal_year = year
    walker.text(new_doc, "title", "标题")
    if new_doc.signature.date:
        walker.changes.append(
            Change(
                "文档",
                "签字栏",
                SIGNATURE_LABELS["date"],
                "清空（新年度另填）",
                new_doc.signature.date,
                "",
            )
        )
        new_doc.signature.date = ""

    dept = new_doc.department
    if dept is not None:
        walker.place = "部门整体"
        walker.text(dept, "name", "部门名称")
        walker.text(dept, "overall_goal", "总体绩效目标")
        for i, duty in enumerate(dept.duty_goals):
            row = f"分项绩效目标第 {i + 1} 条（{duty.duty}）"
            walker.text(duty, "duty", "职责", row)
            walker.text(duty, "responsibilities", "主要职责", row)
            walker.text(duty, "goal", "绩效目标", row)
        walker.text(dept, "safeguards", "工作保障措施")
        walker.texts(dept.safeguard_items, "工作保障措施")
        for i, task in enumerate(dept.tasks):
            row = f"任务第 {i + 1} 行（{task.name}）"
            walker.text(task, "name", "名称", row)
            walker.text(task, "content", "主要内容", row)
            walker.text(task, "expected", "期望达到的目标", row)
            walker.clear(task, "amount", "拟投入的资金", row)
        walker.text(dept, "other_tasks", "其他需完成的任务")
        for name, label in DEPARTMENT_AMOUNT_LABELS.items():
            walker.clear(dept.budget, name, label)
        walker.indicators(dept.indicators)

    for number, project in enumerate(new_doc.projects, start=1):
        walker.project_(number, project)

    result.changes = walker.changes
    result.notes = walker.notes
    result.review_projects = len(new_doc.projects)
    result.review_indicators = sum(1 for _ in new_doc.all_indicators())
    return result


# ---------------------------------------------------------------- report


def _excerpt(before: str, after: str, width: int = 16) -> tuple[str, str]:
    """The changed part of two long texts with some context either side."""
    if len(before) <= 2 * width + 20 and len(after) <= 2 * width + 20:
        return before, after
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    left = max(0, start - width)

    def cut(text: str, end: int) -> str:
        right = min(len(text), end + width)
        return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")

    return cut(before, end_b), cut(after, end_a)


def format_report(result: RolloverResult) -> str:
    """The change report in Chinese: what changed where, then the years left as written."""
    lines = []
    source = f"{result.from_year} 年" if result.from_year else "（原文件未填写年度）"
    lines.append(f"由 {source}文件生成 {result.to_year} 年文档。")
    if result.inferred_year:
        lines.append(f"原文件没有填写预算年度，按项目名称中的年份推断为 {result.from_year} 年。")
    elif result.from_year is None:
        lines.append("原文件没有填写预算年度，文字中也没有年份，未改动任何文字。")
    lines.append(
        "预算金额和指标值："
        + ("保留上年数值，请逐项核对。" if result.keep_values else "已清空，请重新填写。")
    )
    lines.append(
        f"已将 {result.review_projects} 个项目、{result.review_indicators} 个指标标记为“待复核”，"
        "逐项修改或确认后标记消失。"
    )
    lines.append("")
    lines.append(f"共改动 {len(result.changes)} 处：")
    current = None
    for change in result.changes:
        if change.place != current:
            current = change.place
            lines.append(f"【{current}】")
        before, after = _excerpt(change.before, change.after)
        lines.append(f"  {change.local}：{change.what}")
        lines.append(f"    原：{before or '（空）'}")
        lines.append(f"    新：{after or '（空）'}")
    if result.notes:
        lines.append("")
        lines.append(f"以下 {len(result.notes)} 处年份未改动，请核对：")
        for note in result.notes:
            lines.append(f"  {note.where}：{note.year}（{note.reason}）  {note.excerpt}")
    return "\n".join(lines) + "\n"


#: How the report beside a new year's document is named: ``NAME.结转报告.txt``.
REPORT_SUFFIX = ".结转报告.txt"


def report_path(document_path: str | Path) -> Path:
    """Where the rollover report of the document at *document_path* is kept."""
    path = Path(document_path)
    return path.with_name(path.stem + REPORT_SUFFIX)


def save_report(document_path: str | Path, text: str) -> Path:
    """Write the report beside the new document (plain text any editor opens and prints:
    UTF-8 with a byte-order mark, so old Notepad reads the Chinese, Windows line ends)."""
    target = report_path(document_path)
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8-sig")
    atomic_write(target, lambda tmp: tmp.write_bytes(data), action="保存结转报告")
    return target


def read_report(document_path: str | Path) -> str | None:
    """The report kept beside *document_path*, or None when there is none (or unreadable)."""
    try:
        data = report_path(document_path).read_bytes()
    except OSError:
        return None
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")


# ---------------------------------------------------------------- command


def rollover_command(args: argparse.Namespace) -> int:
    """``goaleditor rollover FILE --year YYYY -o OUT [--clear-values]``."""
    from . import storage

    source, target = Path(args.file), Path(args.output)
    if same_file(source, target):
        raise GoalEditorError(
            f"输出文件“{target}”就是原文件。上年文件不能被覆盖，请用 -o 另指定一个新文件名。"
        )
    storage.check_document_name(target)
    doc = storage.load(source)
    result = rollover(doc, args.year, keep_values=not args.clear_values)
    storage.save(result.document, target)  # first: a report is only printed for a saved file
    report = format_report(result)
    print(report, end="")
    print(f"已保存新年度文档：{target}")
    try:
        print(f"结转报告已保存：{save_report(target, report)}")
    except GoalEditorError as err:  # the document is saved; the report is printed above
        print(f"goaleditor：结转报告没有保存：{err}", file=sys.stderr)
    return 0
