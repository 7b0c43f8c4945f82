"""Indicator rows kept in their category groups, as the printed form merges them.

The form merges runs of equal 一级 (and 二级) into one cell: a 效益指标 row added after
满意度指标 prints 效益指标 twice.  This module finds such split groups, sorts the rows
by the catalog's order of categories (stable, one undo step) and chooses where a new
row goes so that it joins its group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand

from ...catalog import Catalog, load_catalog
from ...model import Indicator
from ..common.context import EditorContext


def _key1(ind: Indicator) -> str:
    return ind.level1.strip()


def _key2(ind: Indicator) -> tuple[str, str]:
    return ind.level1.strip(), ind.level2.strip()


def level1_ranks(catalog: Catalog) -> dict[str, float]:
    """The place of each known 一级 on the form: the standard ones in catalog order; a
    variant where its standard stands (效果指标 with 效益指标); a variant named like a
    standard 二级 right after that 二级's 一级 (成本指标 after 产出指标, where provincial
    forms file 成本指标); any other variant after the standard ones."""
    standard = catalog.standard_level1_names()
    ranks: dict[str, float] = {name: float(i) for i, name in enumerate(standard)}
    for i, name in enumerate(catalog.level1_names()):
        if name in ranks:
            continue
        canonical = catalog.canonical_level1(name)
        home = catalog.standard_level1_of(name)
        if canonical in ranks and canonical != name:
            ranks[name] = ranks[canonical]
        elif home in ranks:
            ranks[name] = ranks[home] + 0.5
        else:
            ranks[name] = float(len(standard) + i)
    return ranks


def sorted_by_category(
    indicators: Sequence[Indicator], catalog: Catalog | None = None
) -> list[Indicator]:
    """*indicators* sorted by 一级 in the catalog's order, then 二级 within it; rows of
    an unknown category come after the known ones, grouped in the order they first
    appear; rows of one category keep their order."""
    catalog = catalog or load_catalog()
    ranks = level1_ranks(catalog)
    first_seen: dict[Any, int] = {}
    for i, ind in enumerate(indicators):
        first_seen.setdefault(_key1(ind), i)
        first_seen.setdefault(_key2(ind), i)

    def key(item: tuple[int, Indicator]) -> tuple:
        i, ind = item
        level1, level2 = _key2(ind)
        rank = ranks.get(level1)
        head = (0, rank, 0) if rank is not None else (1, 0, first_seen[level1])
        known2 = catalog.level2_for(level1)
        tail = (0, known2.index(level2)) if level2 in known2 else (1, first_seen[level1, level2])
        return (*head, *tail, i)

    return [ind for _i, ind in sorted(enumerate(indicators), key=key)]


@dataclass(frozen=True)
class SplitGroup:
    """A category whose rows are not together: it prints more than once."""

    level1: str
    #: "" when the 一级 itself is split; else the 二级 split inside it.
    level2: str
    runs: int

    def message(self) -> str:
        name = f"“{self.level1}”" if not self.level2 else f"“{self.level1} › {self.level2}”"
        return f"{name}的行分在 {self.runs} 处，打印时会出现 {self.runs} 次。可点“按指标分类排序”整理。"


def split_groups(indicators: Sequence[Indicator]) -> list[SplitGroup]:
    """The categories whose rows are not in one run: split 一级 first, then split 二级
    inside a 一级 (blank categories are rows still being filled in and do not count)."""
    found: list[SplitGroup] = []
    for key, level in ((_key1, 1), (_key2, 2)):
        runs: dict[Any, int] = {}
        previous = None
        for ind in indicators:
            k = key(ind)
            if k != previous and (k if level == 1 else k[1]):
                runs[k] = runs.get(k, 0) + 1
            previous = k
        for k, count in runs.items():
            if count > 1:
                if level == 1:
                    found.append(SplitGroup(k, "", count))
                elif not any(s.level1 == k[0] and not s.level2 for s in found):
                    found.append(SplitGroup(k[0], k[1], count))
    return found


def grouped_insertion(
    indicators: Sequence[Indicator],
    items: Sequence[Indicator],
    at: int,
    catalog: Catalog | None = None,
) -> tuple[list[Indicator], list[int]]:
    """The rows after inserting *items* where the clerk asked (*at*) — unless a row would
    split its category there: then it joins its group (after the group's last row), or,
    when its category is new to the table, goes where the catalog puts that category.

    Returns the new list and the indexes the items got, in the items' order.
    """
    catalog = catalog or load_catalog()
    ranks = level1_ranks(catalog)
    rows = list(indicators)
    placed: list[Indicator] = []
    pointer = max(0, min(at, len(rows)))
    for item in items:
        pointer = _place(rows, item, pointer, ranks)
        rows.insert(pointer, item)
        placed.append(item)
        pointer += 1
    positions = {id(ind): i for i, ind in enumerate(rows)}
    return rows, [positions[id(item)] for item in placed]


def _place(rows: list[Indicator], item: Indicator, at: int, ranks: dict[str, float]) -> int:
    level1, level2 = _key2(item)
    if not level1:
        return at
    near = [rows[i] for i in (at - 1, at) if 0 <= i < len(rows)]
    if level2 and any(_key2(r) == (level1, level2) for r in near):
        return at
    same2 = [i for i, r in enumerate(rows) if level2 and _key2(r) == (level1, level2)]
    if same2:
        return same2[-1] + 1
    if any(_key1(r) == level1 for r in near):
        return at
    same1 = [i for i, r in enumerate(rows) if _key1(r) == level1]
    if same1:
        return same1[-1] + 1
    rank = ranks.get(level1)
    if rank is None:
        return at
    # a category new to the table: before the first row of a category printed after it
    for i, r in enumerate(rows):
        other = ranks.get(_key1(r))
        if other is not None and other > rank:
            return i
    return len(rows)


class SetItemsCommand(QUndoCommand):
    """``owner.<name>`` becomes *items* (the same list object, new contents): a sort or a
    placed insertion as one undo step."""

    def __init__(
        self, ctx: EditorContext, owner: object, name: str, items: Sequence[Any], text: str
    ):
        super().__init__(text)
        self.ctx, self.owner, self.name = ctx, owner, name
        self.old = list(getattr(owner, name))
        self.new = list(items)

    def _show(self, items: list[Any]) -> None:
        getattr(self.owner, self.name)[:] = items
        self.ctx.notify_list(self.owner, self.name)

    def redo(self) -> None:
        self._show(self.new)

    def undo(self) -> None:
        self._show(self.old)
