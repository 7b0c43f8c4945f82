"""Reading the cells of a Word form: labels, amounts, numbered lines and indicator blocks.

Shared by the project-table reader (`importers.docx`) and the department-form readers
(`importers.docx_department`).  Labels are compared without spaces and with Chinese
punctuation, so ``其中：财政    资金`` and ``预算金额(万元)`` match 其中：财政资金 and
预算金额（万元）.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal

from ..amounts import imported_amount
from ..labels import INDICATOR_HEADERS, INDICATOR_LABELS
from ..model import Indicator
from .wordtables import Cell, Row

NUMBERED = re.compile(r"^\s*[（(]?(\d{1,3})\s*([、.．）)])\s*")
#: ``单位：万元`` / ``金额单位：元`` above a table.
MONEY_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|元)")
#: The unit inside a column header: ``预算金额（万元）``, ``拟投入的资金（万元）``.
HEADER_MONEY_UNIT = re.compile(r"（(万元|元)）$")

#: A function that records a note at the place it was made for.
Note = Callable[[str], None]


def norm(text: str) -> str:
    """A label as compared: no spaces of any kind, ASCII colon and brackets as Chinese ones."""
    text = re.sub(r"\s+", "", text.replace("\u3000", " ").replace("\xa0", " "))
    return text.replace(":", "：").replace("(", "（").replace(")", "）")


def strip_number(line: str) -> str:
    return NUMBERED.sub("", line, count=1).strip()


def joined(cells: list[Cell]) -> str:
    """The text of *cells*, one line per non-empty paragraph."""
    return "\n".join(c.text for c in cells if c.text and not c.continued)


def append(existing: str, text: str) -> str:
    return f"{existing}\n{text}" if existing else text


def short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def parse_amount(
    text: str, label: str, note: Note | None, unit: str = "元", *, percent: bool = False
) -> Decimal | None:
    """An amount as printed (``6,797.78``, ``¥58.00``, ``5万元``) in the document's *unit*,
    by the core's rules (`amounts.imported_amount`); blank, ``-`` or ``无`` is None.

    Anything else is left blank and noted (when *note* is given) rather than guessed;
    an amount written in the other unit is converted and noted.
    """
    value, said = imported_amount(text, unit, label, percent=percent)
    if said and note is not None:
        note(said)
    return value


def document_unit(money_units: list[str]) -> str:
    """The document's 金额单位 as far as the file was read: the first unit it wrote
    (the one the document gets), else the default 元."""
    return money_units[0] if money_units else "元"


def column_of(columns: list[tuple[str, int, int]], cell: Cell) -> str | None:
    """The field whose header covers *cell*'s first grid column."""
    return next((name for name, start, end in columns if start <= cell.col < end), None)


@dataclass
class IndicatorBlock:
    """The columns of an indicator block, found from its header row, and the 一级/二级
    carried down over their vertically merged cells."""

    #: (field, first grid column, end column) for each recognised header cell.
    columns: list[tuple[str, int, int]] = field(default_factory=list)
    level1: str = ""
    level2: str = ""

    @classmethod
    def from_header(
        cls,
        row: Row,
        note: Note,
        ignored: Collection[str] = (),
        previous: IndicatorBlock | None = None,
    ) -> IndicatorBlock:
        """Columns from a header row; unknown headers (not in *ignored*) are noted.

        The same header said again over the *previous* block (a form Word broke over
        two tables, its header repeated) continues that list: the 一级/二级 merged down
        over the break carry on into the rows under the repeated header.
        """
        block = cls()
        for cell in row.cells:
            key = norm(cell.text)
            if key in INDICATOR_HEADERS:
                block.columns.append((INDICATOR_HEADERS[key], cell.col, cell.end))
            elif cell.text and key not in ignored:
                note(f"指标表头“{cell.text}”不认识，这一栏未导入。")
        if previous is not None and block.fields == previous.fields:
            block.level1, block.level2 = previous.level1, previous.level2
        return block

    @property
    def fields(self) -> set[str]:
        return {name for name, _, _ in self.columns}

    def read(self, row: Row, note: Note) -> Indicator | None:
        """The indicator on *row*, or None (noted) when the row holds no indicator."""
        values: dict[str, str] = {}
        stray: list[str] = []
        for cell in row.cells:
            name = column_of(self.columns, cell)
            if name is None:
                if cell.text:
                    stray.append(cell.text)
            elif cell.text:
                values[name] = append(values.get(name, ""), cell.text)
        for text in stray:
            note(f"“{short(text)}”不在任何指标栏内，未导入。")
        if values.get("level1"):
            self.level1, self.level2 = values["level1"], ""
        if values.get("level2"):
            self.level2 = values["level2"]
        content = {k: v for k, v in values.items() if k not in ("level1", "level2")}
        if not content:
            if not stray:
                path = self.level1 + (" › " + self.level2 if self.level2 else "")
                note(f"“{path}”下没有指标，这一行未导入。")
            return None
        indicator = Indicator(level1=self.level1, level2=self.level2)
        for key, value in content.items():
            setattr(indicator, key, value)
        return indicator


def is_indicator_header(labels: list[str]) -> bool:
    level1, level2, level3 = (INDICATOR_LABELS[name] for name in ("level1", "level2", "name"))
    return level1 in labels and (level3 in labels or level2 in labels)


def pairs(
    cells: list[Cell], labels: dict[str, str], store: Callable[[str, str, str], None]
) -> list[Cell]:
    """``label | value`` pairs: ``store(field, label, text)`` for each; returns the cells
    that were neither a known label nor its value."""
    leftovers: list[Cell] = []
    i = 0
    while i < len(cells):
        key = norm(cells[i].text)
        if key in labels:
            value_cell = cells[i + 1] if i + 1 < len(cells) else None
            if value_cell is not None and norm(value_cell.text) in labels:
                value_cell = None
            store(labels[key], key, value_cell.text if value_cell is not None else "")
            i += 2 if value_cell is not None else 1
        else:
            if cells[i].text:
                leftovers.append(cells[i])
            i += 1
    return leftovers
