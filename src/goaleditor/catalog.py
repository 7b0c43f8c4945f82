"""The indicator category catalog: 一级 → 二级 → common 三级, from ``resources/catalog.json``.

The catalog is data so a finance office's own variants can be added without code.
It knows the standard tree (财政部 framework), the real variants a file keeps
exactly as written (效果指标, 成本指标 as a 一级, 帮扶对象满意度指标 …), and a starter
list of 三级 indicators with a typical unit, for the GUI's dropdowns and for 审核.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from .errors import FileFormatError
from .resources import resource_path

CATALOG_FILE = "catalog.json"
CATALOG_FORMAT = "goaleditor-catalog"

STANDARD = "standard"
VARIANT = "variant"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Suggestion:
    """A common 三级 indicator and its typical unit ("" when qualitative or varied)."""

    name: str
    unit: str = ""


@dataclass
class Level2:
    name: str
    standard: bool
    note: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class Level1:
    name: str
    standard: bool
    #: The standard 一级 this variant stands for (效果指标 → 效益指标), or "".
    standard_name: str = ""
    note: str = ""
    level2: list[Level2] = field(default_factory=list)


class Catalog:
    """Lookups over the category tree; names are compared without surrounding blanks."""

    def __init__(self, level1: list[Level1]):
        #: Standard 一级 first, then variants, each in file order.
        self.entries = sorted(level1, key=lambda e: not e.standard)
        self._by_name = {e.name: e for e in self.entries}
        self._suggestions: dict[str, list[Suggestion]] = {}
        self._home: dict[str, str] = {}
        for entry in self.entries:
            for l2 in entry.level2:
                known = self._suggestions.setdefault(l2.name, [])
                known.extend(s for s in l2.suggestions if s not in known)
                self._home.setdefault(l2.name, entry.name)

    def level1_names(self) -> list[str]:
        """Every known 一级, standard first (the order of the GUI dropdown)."""
        return [e.name for e in self.entries]

    def standard_level1_names(self) -> list[str]:
        return [e.name for e in self.entries if e.standard]

    def level1(self, name: str) -> Level1 | None:
        return self._by_name.get(name.strip())

    def level2_for(self, level1: str) -> list[str]:
        """The 二级 filed under a 一级, standard first; [] for an unknown 一级."""
        entry = self.level1(level1)
        if entry is None:
            return []
        ordered = sorted(entry.level2, key=lambda l2: not l2.standard)
        return [l2.name for l2 in ordered]

    def level2_names(self) -> list[str]:
        """Every known 二级, once, in catalog order."""
        return list(self._home)

    def classify(self, level1: str, level2: str) -> str:
        """``"standard"``, ``"variant"`` (a real variant, kept as written) or ``"unknown"``."""
        entry = self.level1(level1)
        if entry is None:
            return UNKNOWN
        for l2 in entry.level2:
            if l2.name == level2.strip():
                return STANDARD if entry.standard and l2.standard else VARIANT
        return UNKNOWN

    def variant_note(self, level1: str, level2: str) -> str:
        """Why a variant pair is not standard, in Chinese, for the 审核 message."""
        entry = self.level1(level1)
        if entry is None:
            return ""
        if not entry.standard:
            return entry.note
        for l2 in entry.level2:
            if l2.name == level2.strip():
                return l2.note
        return ""

    def standard_level1_of(self, level2: str) -> str | None:
        """The 一级 a 二级 belongs to: its standard home, else the variant listing it."""
        return self._home.get(level2.strip())

    def canonical_level1(self, level1: str) -> str | None:
        """The standard 一级 a written 一级 stands for (效果指标 → 效益指标)."""
        entry = self.level1(level1)
        if entry is None:
            return None
        return entry.name if entry.standard else entry.standard_name or entry.name

    def suggestions(self, level2: str) -> list[str]:
        """Common 三级 names for a 二级 (empty for an unknown 二级)."""
        return [s.name for s in self._suggestions.get(level2.strip(), [])]

    def typical_unit(self, level2: str, name: str) -> str:
        """The typical unit of a suggested 三级, or ""."""
        for s in self._suggestions.get(level2.strip(), []):
            if s.name == name.strip():
                return s.unit
        return ""


@cache
def load_catalog() -> Catalog:
    """The catalog shipped in ``resources/``; raises `FileFormatError` if it is damaged."""
    path = resource_path(CATALOG_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise FileFormatError(
            f"指标分类目录“{path}”无法读取（{err}）。请重新安装 goaleditor。"
        ) from err
    return parse_catalog(data)


def parse_catalog(data: dict) -> Catalog:
    """Build a `Catalog` from the JSON data (see ``resources/catalog.json``)."""
    if not isinstance(data, dict) or data.get("format") != CATALOG_FORMAT:
        raise FileFormatError("指标分类目录的格式不正确。请重新安装 goaleditor。")
    try:
        entries = [
            Level1(
                name=item["name"],
                standard=bool(item.get("standard", False)),
                standard_name=item.get("standard_name", ""),
                note=item.get("note", ""),
                level2=[
                    Level2(
                        name=l2["name"],
                        standard=bool(l2.get("standard", False)),
                        note=l2.get("note", ""),
                        suggestions=[
                            Suggestion(s["name"], s.get("unit", ""))
                            for s in l2.get("suggestions", [])
                        ],
                    )
                    for l2 in item.get("level2", [])
                ],
            )
            for item in data["level1"]
        ]
    except (KeyError, TypeError) as err:
        raise FileFormatError(f"指标分类目录的内容有误（{err}）。请重新安装 goaleditor。") from err
    return Catalog(entries)
