"""Money rules shared by the editor and 审核: the largest amount, "equal", and figures
that show a difference.

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

from decimal import Decimal

from .errors import GoalEditorError
from .storage import MAX_AMOUNT, MAX_AMOUNT_PLACES

__all__ = [
    "MAX_AMOUNT",
    "MAX_AMOUNT_PLACES",
    "AmountTooLarge",
    "add",
    "agree",
    "cent",
    "exact_places",
    "figures",
    "limit_problem",
    "limit_rule",
]

_CENT = {"元": Decimal("0.01"), "万元": Decimal("0.000001")}


class AmountTooLarge(GoalEditorError):
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


def figures(*values: Decimal | None) -> list[str]:
    """*values* with thousands commas, all to the same number of decimals, as many as
    the most exact of them needs: ``1.230000`` beside ``1.234567``.  None is "空白"."""
    places = max((exact_places(v) for v in values if v is not None), default=2)
    return ["空白" if v is None else f"{v:,.{places}f}" for v in values]
