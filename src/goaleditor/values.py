"""Indicator values (指标值): a parsed view of what the clerk typed.

The clerk's text is always kept as typed (`IndicatorValue.text`); parsing only serves
the checks (审核), the year rollover and input help.  `parse_value` never raises.

Kinds of value, all seen in published forms:

- ``"number"`` / ``"percent"``: an optional comparison, a number and a unit —
  ``≥600台/套``, ``≤9.5万元``, ``9台``, ``≥80百分比``, ``=100%``, ``90%以上``.
  Words after the unit that are not a comparison are kept in ``note``
  (``100%完成`` → 100, ``%``, note ``完成``); such a value is *not* qualitative,
  because its number can still be checked.
- ``"time"``: a deadline or a span inside one year — ``2023年内``, ``2023全年``,
  ``2023年底前``, ``10月底前`` (``year`` is None when no year is written).
- ``"period"``: several years — ``2023-2025年`` (``year``..``year_end``); rollover
  must not simply move it.
- ``"formula"``: a definition in words (Guangzhou) —
  ``赔偿达标率=赔偿资金中按标准支付的金额/全部赔偿资金金额*100%``; not a comparison.
- ``"qualitative"`` (定性): free text with no number to check — ``有效保障``,
  ``定性优良中低差``, ``无相关舆情不规范情况``, ``双月20日按时出刊``.
- ``"empty"``: nothing but blanks.

`normalize_typed` is the one exception to "keep what was typed": a comparison written
with keyboard signs (``>=90%``, ``＞＝90%``) or with blanks between its parts
(``≥ 95 %``) is written the way the printed forms have it (``≥90%``, ``≥95%``).  The
editor applies it while typing and on paste, the importers on every 指标值.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

#: Comparisons offered in the GUI, in the order clerks use them most.
COMPARISONS = ("≥", "≤", "=", ">", "<")

#: Units offered as input help (the clerk may type any other).
COMMON_UNITS = (
    "%",
    "百分比",
    "万元",
    "元",
    "次",
    "人次",
    "人",
    "个",
    "套",
    "台",
    "台/套",
    "台次",
    "件",
    "份",
    "册",
    "条",
    "篇",
    "场次",
    "学时",
    "平方米",
    "分钟",
    "小时",
    "天",
    "个工作日",
    "周",
    "次/年",
)

PERCENT_UNITS = ("%", "百分比")

#: Money units and their value in 元 (``万`` alone is read as 万元: ``≤100万``).
MONEY_FACTORS = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "万": Decimal(10000),
    "亿元": Decimal(100000000),
}

KINDS = ("number", "percent", "time", "period", "formula", "qualitative", "empty")


@dataclass(frozen=True)
class IndicatorValue:
    """指标值: the typed text and what it says (see the module docstring)."""

    text: str
    kind: str = "empty"
    #: One of COMPARISONS, or "" (none written, or not a number/percent value).
    comparison: str = ""
    number: Decimal | None = None
    #: Unit written after the number, with full-width forms folded (``％`` → ``%``), or "".
    unit: str = ""
    #: Words after the unit that are not a comparison (``完成`` in ``100%完成``).
    note: str = ""
    #: True for 定性 text: nothing in it can be checked as a number or a date.
    qualitative: bool = False
    #: Year of a time value (``2023年内`` → 2023), first year of a period.
    year: int | None = None
    #: Last year of a period (``2023-2025年`` → 2025); equals ``year`` for a time value.
    year_end: int | None = None

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_FACTORS

    @property
    def has_number(self) -> bool:
        return self.kind in ("number", "percent") and self.number is not None

    def in_yuan(self) -> Decimal | None:
        """The amount in 元 when the unit is a money unit, else None."""
        if self.number is None or not self.is_money:
            return None
        return self.number * MONEY_FACTORS[self.unit]


# Leading comparisons, longest first so ">=" wins over ">".
_LEADING = [
    (">=", "≥"),
    ("=>", "≥"),
    ("≥", "≥"),
    ("≧", "≥"),
    ("⩾", "≥"),
    ("<=", "≤"),
    ("=<", "≤"),
    ("≤", "≤"),
    ("≦", "≤"),
    ("⩽", "≤"),
    ("==", "="),
    ("=", "="),
    (">", ">"),
    ("<", "<"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不小于", "≥"),
    ("至少", "≥"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    ("不多于", "≤"),
    ("不大于", "≤"),
    ("最多", "≤"),
    ("最长", "≤"),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("等于", "="),
    ("达到", ""),
    ("达", ""),
]

# Trailing words that carry a comparison (90%以上, 30分钟以内, 15个工作日内).
_TRAILING = [
    ("及以上", "≥"),
    ("以上", "≥"),
    ("及以下", "≤"),
    ("以下", "≤"),
    ("以内", "≤"),
    ("之内", "≤"),
    ("内", "≤"),
]

_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)")
_YEAR = r"((?:19|20)\d{2})"
_PERIOD = re.compile(_YEAR + r"\s*年?\s*(?:[-–—~～至到])\s*" + _YEAR + r"\s*年?")
_YEAR_TIME = re.compile(_YEAR + r"\s*(?:年|全年|年度)")
_MONTH_TIME = re.compile(r"\d{1,2}\s*月")
_TIME_WORDS = ("前", "底", "末", "内", "旬", "日", "全年", "份")
_FORMULA_MARKS = ("*100%", "×100%", "x100%", "X100%")


@lru_cache(maxsize=8192)
def parse_value(text: str) -> IndicatorValue:
    """Parse a typed 指标值; never raises, always keeps ``text`` exactly."""
    try:
        return _parse(text)
    except (ValueError, ArithmeticError):  # pragma: no cover - defensive
        return IndicatorValue(text=text, kind="qualitative", qualitative=True)


def _parse(text: str) -> IndicatorValue:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    norm = unicodedata.normalize("NFKC", text).strip()
    norm = re.sub(r"\s+", "", norm)
    if not norm:
        return IndicatorValue(text=text, kind="empty")
    if _is_formula(norm):
        return IndicatorValue(text=text, kind="formula")

    period = _PERIOD.search(norm)
    if period:
        start, end = int(period.group(1)), int(period.group(2))
        if start <= end:
            return IndicatorValue(text=text, kind="period", year=start, year_end=end)

    comparison, rest = _leading_comparison(norm)
    number_match = _NUMBER.match(rest)
    year_match = _YEAR_TIME.search(norm)
    if year_match and not (number_match and _is_plain_number_unit(rest, number_match)):
        year = int(year_match.group(1))
        return IndicatorValue(text=text, kind="time", year=year, year_end=year)
    if not comparison and _MONTH_TIME.search(norm) and any(w in norm for w in _TIME_WORDS):
        return IndicatorValue(text=text, kind="time")
    if number_match:
        return _number_value(text, comparison, rest, number_match)
    return IndicatorValue(text=text, kind="qualitative", qualitative=True)


def _is_formula(norm: str) -> bool:
    eq = norm.find("=")
    if eq > 0 and norm[:eq].strip("<>≥≤!=") != "":
        return True
    return any(mark in norm for mark in _FORMULA_MARKS)


def _leading_comparison(norm: str) -> tuple[str, str]:
    for token, comparison in _LEADING:
        if norm.startswith(token):
            return comparison, norm[len(token) :]
    return "", norm


def _is_plain_number_unit(rest: str, match: re.Match) -> bool:
    """``≥2000条`` or ``2023年`` spent as a count: a number that is not a year."""
    digits = match.group(1).replace(",", "")
    return not (len(digits) == 4 and digits[:2] in ("19", "20") and "." not in digits)


def _number_value(text: str, comparison: str, rest: str, match: re.Match) -> IndicatorValue:
    try:
        number = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only matches numbers
        return IndicatorValue(text=text, kind="qualitative", qualitative=True)
    tail = rest[match.end() :]
    unit, note = _split_unit(tail)
    for word, trailing in _TRAILING:
        if note.endswith(word) or (not note and unit.endswith(word) and unit != word):
            if note.endswith(word):
                note = note[: -len(word)]
            else:
                unit = unit[: -len(word)]
            comparison = comparison or trailing
            break
    kind = "percent" if unit in PERCENT_UNITS else "number"
    return IndicatorValue(
        text=text, kind=kind, comparison=comparison, number=number, unit=unit, note=note
    )


def _split_unit(tail: str) -> tuple[str, str]:
    """Unit and the words after it: ``%完成`` → (``%``, ``完成``)."""
    for percent in ("%", "百分比", "个百分点"):
        if tail.startswith(percent):
            return ("%" if percent == "%" else percent), tail[len(percent) :]
    cut = re.search(r"[(（,，;；。、\s]", tail)
    unit = tail[: cut.start()] if cut else tail
    note = tail[len(unit) :]
    for word, _ in _TRAILING:
        if unit.endswith(word) and unit != word and word != "内":
            return unit[: -len(word)], word + note
    return unit, note


# ---------------------------------------------------------------- typed signs

#: Sign (at most two characters, blanks between them allowed), number, unit; blanks
#: around each part.  The unit is one run without blanks (``台/套``, ``%以上``).
_TYPED = re.compile(
    r"^\s*([<>=＜＞＝≥≤≧≦⩾⩽](?:\s*[<>=＜＞＝])?)?\s*"
    r"([0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?)\s*(\S*)\s*$"
)
#: Longer than any unit clerks write (``个工作日``, ``平方米``, ``台/套``).
_LONGEST_UNIT = 6
_NOT_UNIT_START = frozenset(".．、,，;；:：")
_WIDE_SIGNS = str.maketrans({"＜": "<", "＞": ">", "＝": "="})
#: Full-width digits, point and percent typed with a Chinese input method.
_WIDE_NUMBER = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%"})
#: A typed sign (full-width folded, blanks removed) → the printed sign.
_PRINTED_SIGNS = {
    "": "",
    ">=": "≥",
    "=>": "≥",
    "≥": "≥",
    "≧": "≥",
    "⩾": "≥",
    "<=": "≤",
    "=<": "≤",
    "≤": "≤",
    "≦": "≤",
    "⩽": "≤",
    "=": "=",
    "==": "=",
    ">": ">",
    "<": "<",
}


def normalize_typed(text: str) -> str:
    """``>=90%`` → ``≥90%``, ``≥ 95 %`` → ``≥95%``, ``＝100%`` → ``=100%``.

    Only a value that is a comparison, a number and a unit is rewritten: the sign
    becomes the printed one, full-width digits and ``％`` become ordinary ones, and the
    blanks between sign, number and unit go.  The unit's words stay as typed; free
    text, formulas, dates and periods are returned as they are.
    """
    match = _TYPED.match(text)
    if match is None:
        return text
    typed_sign = re.sub(r"\s+", "", match.group(1) or "").translate(_WIDE_SIGNS)
    sign = _PRINTED_SIGNS.get(typed_sign)
    if sign is None:
        return text
    number, unit = match.group(2).translate(_WIDE_NUMBER), match.group(3)
    if unit.startswith("％"):
        unit = "%" + unit[1:]
    candidate = sign + number + unit
    parsed = parse_value(candidate)
    if parsed.kind not in ("number", "percent") or parsed.note or len(parsed.unit) > _LONGEST_UNIT:
        return text  # words after the number: a sentence (``1.保障…``), not a unit
    if unit[:1] in _NOT_UNIT_START:
        return text
    return candidate
