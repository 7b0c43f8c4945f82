"""Money rules shared by the editor, the importers, the 元/万元 switch and 审核: reading
an amount, the largest amount, converting between units, "equal", and figures that
show a difference.

**Reading an amount** (`read_amount`, `parse_amount`): the one set of rules for text
that should be money, wherever it comes from — a field of the editor, a cell of a
filled-in Excel template, a cell of a Word form:

- blanks, thousands separators (``1,234.5``, ``1，234.5``) and a leading ``¥`` are
  ignored; full-width digits and points (``１２３４．５``) are read as ordinary ones;
  blank, ``-``, ``—``, ``/`` and ``无`` mean "not filled" (None);
- a trailing unit ``元`` / ``万元`` (``万`` alone is 万元) may be written.  When it is not
  the document's unit the amount is converted exactly (``5万元`` in a 元 document is
  50000.00) and `Amount.written` says so, so that the caller can tell the clerk;
- at most the unit's cents as decimals (two in 元, six in 万元), and less than
  `MAX_AMOUNT` after conversion: what is taken can always be saved and opened again;
- anything else raises `AmountError` with the reason in Chinese.  Nothing is guessed:
  a text that is not an amount is never taken as the number inside it.

A number cell of a spreadsheet is a number already (`amount_from_number`): only the
file's limits apply (Excel keeps 15 significant digits; a computed 1/3 keeps
`MAX_AMOUNT_PLACES` decimals, which the checks compare to the cent).

The limit is the loader's (`storage.MAX_AMOUNT`): every place that takes an amount
refuses what the file could not be opened with, so the program never writes a file it
refuses to read.

**When two amounts agree.**  Money is counted in cents.  In 元 a cent is 0.01; in 万元
it is 0.000001 (one cent is a millionth of 万元, which is also why a 万元 amount may
have six decimals).  Two amounts agree when they are the same to the cent: they differ
by less than half a cent.  For amounts a clerk types (at most cents) that is plain
equality; the half cent only absorbs tails below a cent that no printed form shows
(12,345.670000001 from a spreadsheet).  A difference of one cent or more is a real
one, and `figures` prints it so that it can be seen (1.230000 ≠ 1.234567 万元, never
1.23 ≠ 1.23).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import GoalEditorError
from .storage import MAX_AMOUNT, MAX_AMOUNT_PLACES

__all__ = [
    "MAX_AMOUNT",
    "MAX_AMOUNT_PLACES",
    "Amount",
    "AmountError",
    "AmountTooLarge",
    "add",
    "agree",
    "amount_from_number",
    "cent",
    "convert",
    "exact_places",
    "figures",
    "format_number",
    "limit_problem",
    "limit_rule",
    "parse_amount",
    "parse_percent",
    "read_amount",
    "unit_places",
]

_CENT = {"元": Decimal("0.01"), "万元": Decimal("0.000001")}


class AmountError(GoalEditorError, ValueError):
    """Text that is not an amount, or one the file cannot hold; ``str(err)`` says why, in
    Chinese, and what to write instead."""


class AmountTooLarge(AmountError):
    """An amount the file format cannot hold (`MAX_AMOUNT` or more); Chinese message."""


def limit_rule(unit: str | None = None) -> str:
    """The limit in the clerk's words: ``金额最多 15 位整数（须小于 1,000,000,000,000,000 元）``."""
    digits = len(str(int(MAX_AMOUNT))) - 1
    unit_text = f" {unit}" if unit else ""
    return f"金额最多 {digits} 位整数（须小于 {MAX_AMOUNT:,.0f}{unit_text}）"


def limit_problem(value: Decimal, unit: str | None = None) -> str:
    """Why *value* cannot be kept as an amount ("" when it can): too large for the file."""
    if abs(value) < MAX_AMOUNT:
        return ""
    (shown,) = figures(value)
    unit_text = f" {unit}" if unit else ""
    return f"金额 {shown}{unit_text} 太大：{limit_rule(unit)}。请核对是否多写了位数。"


def cent(unit: str | None) -> Decimal:
    """One cent in *unit*: 0.01 元, 0.000001 万元."""
    return _CENT.get(unit or "元", _CENT["元"])


def agree(a: Decimal, b: Decimal, unit: str | None) -> bool:
    """True when *a* and *b* are the same amount to the cent (see the module's docstring)."""
    return abs(a - b) * 2 < cent(unit)


def add(*parts: Decimal | None) -> Decimal | None:
    """The sum of the filled parts; None when none is filled."""
    filled = [p for p in parts if p is not None]
    return sum(filled, Decimal(0)) if filled else None


def exact_places(value: Decimal) -> int:
    """Decimals *value* needs to be shown exactly: at least two (cents)."""
    exponent = value.normalize().as_tuple().exponent
    return max(2, -exponent) if isinstance(exponent, int) else 2


def format_number(value: Decimal | None, places: int | None = 2, thousands: bool = True) -> str:
    """A number as a form prints it: *places* decimals, or more where the number has more —
    a printed form never rounds a cent away (0.125 万元 prints 0.125, so 1.01 = 0.505 +
    0.505 still adds up on paper) — or, with *places* None, as typed (25, 25.5);
    thousands separators when the layout asks for them.  Blank for None."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    typed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if places is None:
        shown = typed
    else:
        needed = exact_places(value) if typed > places else places
        shown = max(places, needed)
    return format(value, f"{',' if thousands else ''}.{shown}f")


def figures(*values: Decimal | None) -> list[str]:
    """*values* with thousands commas, all to the same number of decimals, as many as
    the most exact of them needs: ``1.230000`` beside ``1.234567``.  None is "空白"."""
    places = max((exact_places(v) for v in values if v is not None), default=2)
    return ["空白" if v is None else f"{v:,.{places}f}" for v in values]


def unit_places(unit: str | None) -> int:
    """Decimals an amount may have: two in 元 (分); six in 万元, so a 元 amount converts exactly."""
    return 6 if unit == "万元" else 2


def convert(value: Decimal, old_unit: str, new_unit: str) -> Decimal:
    """*value* in *old_unit* expressed in *new_unit*, exactly; at least two decimals.

    元 → 万元 moves the decimal point four places and keeps every digit (1234.56 元 =
    0.123456 万元); 万元 → 元 multiplies by 10000.  The result is not checked against
    the limit (`limit_problem`): the caller says where the amount is.
    """
    if old_unit == new_unit:
        return value
    moved = value.scaleb(-4 if new_unit == "万元" else 4)
    exponent = moved.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -2:
        return moved.quantize(Decimal("0.01"))
    if exponent < -MAX_AMOUNT_PLACES:
        return moved.quantize(Decimal(1).scaleb(-MAX_AMOUNT_PLACES))
    return moved.normalize()


@dataclass(frozen=True)
class Amount:
    """An amount read from text: *value* in the document's unit, and the unit the text
    wrote when it was another one (then *value* is the exact conversion)."""

    value: Decimal
    #: The unit written after the number when it differs from the document's, else "".
    written: str = ""
    #: The text as written, for a message (``5万元``).
    text: str = ""

    def conversion(self, unit: str) -> str:
        """``写的是“5万元”，本文档金额单位是元，已换算为 50,000.00 元`` for a converted
        amount (the caller puts the field's name first), else ""."""
        if not self.written:
            return ""
        (shown,) = figures(self.value)
        return f"写的是“{self.text}”，本文档金额单位是{unit}，已换算为 {shown} {unit}"


_BLANK_WORDS = ("", "-", "—", "－", "/", "无")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_UNIT_SUFFIX = re.compile(r"(万元|万|元)$")


def _cleaned(text: str) -> str:
    """NFKC (full-width digits, ``，``, ``．``, ``￥``), blanks, separators and ``¥`` dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s,¥]", "", folded)


def read_amount(text: str, unit: str | None) -> Amount | None:
    """The amount in *text*, in the document's *unit*; None when blank (see the module
    docstring for the rules).  *unit* None: a field where no unit may be written.

    Raises `AmountError` saying what is wrong and what to write instead.
    """
    cleaned = _cleaned(text)
    if cleaned in _BLANK_WORDS:
        return None
    written = None
    suffix = _UNIT_SUFFIX.search(cleaned)
    if suffix is not None:
        written = "万元" if suffix.group(1).startswith("万") else "元"
        cleaned = cleaned[: suffix.start()]
    shown = text.strip()
    hint = f"（单位：{unit}）" if unit else ""
    if not _NUMBER.match(cleaned):
        raise AmountError(f"“{shown}”不是金额。请只填数字，如 1234.5 或 1,234.50{hint}。")
    value = Decimal(cleaned)
    if limit_problem(value):
        raise AmountTooLarge(
            f"“{shown}”太大：{limit_rule(written or unit)}。请核对是否多写了位数。"
        )
    if written is not None and unit is None:
        raise AmountError(f"“{shown}”：这里只填数字，不要写单位。")
    places = unit_places(written or unit)
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise AmountError(
            f"“{shown}”的小数太多：金额最多 {places} 位小数（单位：{written or unit}）。"
            if written or unit
            else f"“{shown}”的小数太多：最多 {places} 位小数。"
        )
    value = _with_cents(value, places)
    if written is None or written == unit:
        return Amount(value, "", shown)
    assert unit is not None
    converted = convert(value, written, unit)
    if limit_problem(converted):
        (shown_converted,) = figures(converted)
        raise AmountTooLarge(
            f"“{shown}”太大：换算成{unit}是 {shown_converted}，{limit_rule(unit)}。"
        )
    return Amount(converted, written, shown)


def _with_cents(value: Decimal, places: int) -> Decimal:
    """*value* with at least two decimals and no trailing zeros beyond *places*."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:  # trailing zeros: 1.5000000000
        return value.quantize(Decimal(1).scaleb(-places))
    if isinstance(exponent, int) and exponent <= -2:
        return value
    return value.quantize(Decimal("0.01"))


def parse_amount(text: str, unit: str | None = None) -> Decimal | None:
    """`read_amount`'s value: the amount in *unit*, converted when another unit was written."""
    amount = read_amount(text, unit)
    return None if amount is None else amount.value


def parse_percent(text: str) -> Decimal | None:
    """A percentage (资金支出计划): the amount rules without a money unit, a trailing
    ``%`` allowed, two decimals at most; None when blank."""
    stripped = text.strip()
    return parse_amount(stripped[:-1] if stripped.endswith(("%", "％")) else stripped, None)


def amount_from_number(number: float | int | Decimal, unit: str | None) -> Decimal:
    """A spreadsheet's number cell as an amount: 15 significant digits of a float (the
    rest is binary noise), at most `MAX_AMOUNT_PLACES` decimals, at least two.

    Raises `AmountError` when the file could not hold it.
    """
    if isinstance(number, bool):
        raise AmountError(f"“{number}”不是金额。")
    text = format(number, ".15g") if isinstance(number, float) else str(number)
    try:
        value = Decimal(text)
    except InvalidOperation as err:  # pragma: no cover - str() of a number is a number
        raise AmountError(f"“{number}”不是金额。") from err
    if not value.is_finite():
        raise AmountError(f"“{number}”不是金额。")
    if limit_problem(value):
        (shown,) = figures(value)
        raise AmountTooLarge(f"“{shown}”太大：{limit_rule(unit)}。请核对是否多写了位数。")
    if value.as_tuple().exponent < -MAX_AMOUNT_PLACES:
        value = value.quantize(Decimal(1).scaleb(-MAX_AMOUNT_PLACES)).normalize()
    return _with_cents(value, MAX_AMOUNT_PLACES)


def imported_amount(
    raw: object, unit: str | None, label: str, *, percent: bool = False
) -> tuple[Decimal | None, str]:
    """An amount (or, with *percent*, a 资金支出计划 share) read from a cell of an
    imported file, and what the import report must say about it ("" when nothing).

    Both importers call this for every amount cell, so a file says the same as the
    editor: a text that is not an amount is left blank with the reason, never taken as
    the number inside it; an amount written in the other unit is converted and noted.
    *raw* is the cell's text, or its number for a spreadsheet's number cell.
    """
    try:
        if raw is None:
            return None, ""
        if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
            return amount_from_number(raw, None if percent else unit), ""
        text = str(raw)
        if percent:
            return parse_percent(text), ""
        amount = read_amount(text, unit)
    except AmountError as err:
        return None, f"{label}{err}已留空，请在编辑器中补填。"
    if amount is None:
        return None, ""
    if amount.written and unit:
        return amount.value, f"{label}{amount.conversion(unit)}，请核对。"
    return amount.value, ""
