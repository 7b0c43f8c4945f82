"""The library index: entries grouped into items, searched by Chinese text and pinyin.

An *item* is one indicator name under one 一级/二级 (``满意度指标 / 服务对象满意度指标 /
服务对象满意度``) with every entry that wrote it, most recent year first.  The index keeps,
per distinct name, search keys computed once when it is built: the lower-cased name,
its pinyin syllables (pypinyin, with its phrase dictionary for polyphonic characters),
its initials and full pinyin.  A keystroke scans those keys; a token that extends the
one typed before scans only the names that matched it.

- a query with Chinese (or other non-letters) matches where the name contains it, or,
  ranked lower, contains its characters in order (``服务满意`` → 服务对象满意度);
- a query of letters and digits matches a run of syllables, each given by its first
  letters, from one to all of them: ``fwdxmyd``, ``manyidu``, ``fuwudx``, ``myd`` all find 服务对象满意度;
  Latin letters and numbers in a name are syllables of their own (``OA系统`` → ``oa xi tong``);
- words separated by blanks must all match.

Ranking: exact matches (the whole name, its initials or its full pinyin) first, then
items under the clerk's current 二级, then prefix before inside before in-order
matches, then the most recent year, the most used, the shortest name.
"""

from __future__ import annotations

import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .entries import LibraryEntry

#: Match tiers, best first.
EXACT, PREFIX, INSIDE, IN_ORDER = range(4)

#: Longest query token matched as pinyin (the pattern's backtracking stays bounded).
MAX_PINYIN_QUERY = 40

_TOKEN = re.compile(r"[a-z0-9]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+\Z")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+")


def normalize(text: str) -> str:
    """Full-width forms folded, lower case, outer blanks removed."""
    return unicodedata.normalize("NFKC", text).lower().strip()


def pinyin_syllables(text: str) -> list[str]:
    """Syllables of *text*: pinyin of each Chinese character (without tones, ü as v),
    runs of Latin letters and digits as one syllable each; other characters dropped.

    Chinese runs are cut into words by pypinyin's own segmenter (as `lazy_pinyin` does)
    and each word's pinyin is cached: names share most of their words, so an index of
    thousands of names costs a few hundred pypinyin calls.
    """
    from pypinyin.contrib.mmseg import seg

    syllables: list[str] = []
    for run in _HAN_RUNS.findall(normalize(text)):
        if _HAN.match(run):
            for word in seg.cut(run):
                syllables.extend(_word_pinyin(word))
        else:
            syllables.extend(_TOKEN.findall(run))
    return syllables


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(s for part in lazy_pinyin(word) for s in _TOKEN.findall(part))


@dataclass(slots=True)
class LibraryItem:
    """One 三级 name under one 一级/二级, with every entry that wrote it."""

    level1: str
    level2: str
    name: str
    #: History first, most recent year first; then built-in entries.
    entries: list[LibraryEntry] = field(default_factory=list)
    #: The most recent year any entry has, or 0.
    year: int = 0
    #: Project classes of its entries.
    classes: frozenset[str] = frozenset()

    @property
    def entry(self) -> LibraryEntry:
        """The entry shown for the item (the most recent use)."""
        return self.entries[0]

    def uses(self) -> list[LibraryEntry]:
        """Where the clerk used it: the history entries, most recent first."""
        return [e for e in self.entries if not e.builtin]


@dataclass(frozen=True, slots=True)
class LibraryMatch:
    item: LibraryItem
    #: The entry to show and insert (the most recent one passing the filters).
    entry: LibraryEntry
    tier: int


def _entry_order(entry: LibraryEntry) -> tuple:
    return (entry.builtin, -(entry.year or 0))


class LibraryIndex:
    """Search over entries; built once (off the first paint), searched per keystroke."""

    def __init__(self, entries: Iterable[LibraryEntry]):
        by_key: dict[tuple[str, str, str], LibraryItem] = {}
        #: (project, name) → history entries, for the previous year's value.
        self._by_project: dict[tuple[str, str], list[LibraryEntry]] = {}
        for entry in entries:
            key = (entry.level1, entry.level2, entry.name)
            item = by_key.get(key)
            if item is None:
                item = by_key[key] = LibraryItem(entry.level1, entry.level2, entry.name)
            item.entries.append(entry)
            if not entry.builtin:
                self._by_project.setdefault((entry.project, entry.name), []).append(entry)
        self.items: list[LibraryItem] = list(by_key.values())
        names: dict[str, list[int]] = {}
        for i, item in enumerate(self.items):
            item.entries.sort(key=_entry_order)
            item.year = max((e.year or 0 for e in item.entries), default=0)
            item.classes = frozenset(e.project_class for e in item.entries if e.project_class)
            names.setdefault(item.name, []).append(i)
        self._names = list(names)
        self._name_items = [tuple(ids) for ids in names.values()]
        self._build_keys()

    def _build_keys(self) -> None:
        syllables = [pinyin_syllables(n) for n in self._names]
        self._lowered = [normalize(n) for n in self._names]
        #: " fu wu dui xiang man yi du": every syllable follows a blank.
        self._spaced = [" " + " ".join(syl) for syl in syllables]
        #: A letter or digit → the names with a syllable starting with it, and the names
        #: whose first syllable does (the first keystroke needs no scan).
        self._by_initial: dict[str, list[int]] = {}
        self._by_first: dict[str, set[int]] = {}
        for i, syl in enumerate(syllables):
            for letter in {s[0] for s in syl}:
                self._by_initial.setdefault(letter, []).append(i)
            if syl:
                self._by_first.setdefault(syl[0][0], set()).add(i)
        #: The whole name, its initials or its full pinyin → name ids (exact matches).
        self._exact: dict[str, set[int]] = {}
        for i, syl in enumerate(syllables):
            for key in (self._lowered[i], "".join(s[:1] for s in syl), "".join(syl)):
                if key:
                    self._exact.setdefault(key, set()).add(i)
        items = self.items
        #: Items in the order every tie is broken: recent year, most used, short name.
        self._order = sorted(
            range(len(items)),
            key=lambda i: (
                -items[i].year,
                -len(items[i].entries),
                len(items[i].name),
                items[i].name,
            ),
        )
        self._rank = [0] * len(items)
        for rank, i in enumerate(self._order):
            self._rank[i] = rank
        #: Recent tokens' matches: typing one more letter only narrows them.
        self._recent: dict[str, dict[int, int]] = {}

    # ------------------------------------------------------------ searching

    def search(
        self,
        text: str,
        *,
        level1: str = "",
        level2: str = "",
        project_class: str = "",
        context_level2: str = "",
        limit: int | None = 200,
    ) -> list[LibraryMatch]:
        """Items matching *text* (every item when blank) that pass the filters, best first."""
        items = self.items

        def passes(item: LibraryItem) -> bool:
            return (
                (not level1 or item.level1 == level1)
                and (not level2 or item.level2 == level2)
                and (not project_class or project_class in item.classes)
            )

        filtered = bool(level1 or level2 or project_class)
        tokens = normalize(text).split()
        if not tokens and not context_level2:
            chosen = (i for i in self._order if not filtered or passes(items[i]))
            picked = list(itertools.islice(chosen, limit))
            return [self._match(items[i], EXACT, project_class) for i in picked]
        if tokens:
            tiers = self._match_names(tokens)
        else:
            tiers = dict.fromkeys(range(len(self._names)), EXACT)
        # One integer per candidate: (not exact, not the context 二级, tier), then the rank.
        size = len(items)
        rank = self._rank
        name_items = self._name_items
        if not filtered and not context_level2:
            keys = [
                ((tier != EXACT) * 8 + tier) * size + rank[i]
                for name_id, tier in tiers.items()
                for i in name_items[name_id]
            ]
        else:
            keys = []
            for name_id, tier in tiers.items():
                group = (tier != EXACT) * 8 + tier
                for i in name_items[name_id]:
                    item = items[i]
                    if filtered and not passes(item):
                        continue
                    other_level2 = 4 if context_level2 and item.level2 != context_level2 else 0
                    keys.append((group + other_level2) * size + rank[i])
        best = heapq.nsmallest(limit, keys) if limit is not None else sorted(keys)
        return [
            self._match(items[self._order[key % size]], (key // size) % 4, project_class)
            for key in best
        ]

    def forget_recent(self) -> None:
        """Drop the remembered matches of recent tokens (the next search scans every name)."""
        self._recent.clear()

    @staticmethod
    def _match(item: LibraryItem, tier: int, project_class: str) -> LibraryMatch:
        entry = item.entry
        if project_class:
            entry = next(e for e in item.entries if e.project_class == project_class)
        return LibraryMatch(item, entry, tier)

    def _match_names(self, tokens: list[str]) -> dict[int, int]:
        """name id → worst tier over the tokens, for names matching every token."""
        result: dict[int, int] | None = None
        for token in tokens:
            found = self._match_token(token)
            if result is None:
                result = found
            else:
                result = {i: max(t, found[i]) for i, t in result.items() if i in found}
            if not result:
                return {}
        return result or {}

    def _match_token(self, token: str) -> dict[int, int]:
        """name id → tier for the names *token* matches (see the module docstring)."""
        found = self._recent.get(token)
        if found is not None:
            return found
        ids: Iterable[int] = range(len(self._names))
        for end in range(len(token) - 1, 0, -1):
            narrower = self._recent.get(token[:end])
            if narrower is not None:
                ids = list(narrower)  # a longer token matches a subset of these
                break
        lowered = self._lowered
        found = {
            i: PREFIX if lowered[i].startswith(token) else INSIDE
            for i in ids
            if token in lowered[i]
        }
        if _ASCII_WORD.match(token):
            spaced = self._spaced
            if len(token) == 1:  # the first keystroke: looked up, not scanned
                pinyin = dict.fromkeys(self._by_initial.get(token, ()), INSIDE)
                pinyin.update(dict.fromkeys(self._by_first.get(token, ()), PREFIX))
                if not isinstance(ids, range):
                    pinyin = {i: pinyin[i] for i in ids if i in pinyin}
            elif len(token) <= MAX_PINYIN_QUERY:
                pattern = re.compile(
                    " " + token[0] + "".join(f"(?:[a-z0-9]* )?{re.escape(c)}" for c in token[1:])
                )
                search, at_start = pattern.search, pattern.match
                pinyin = {
                    i: PREFIX if at_start(spaced[i]) else INSIDE for i in ids if search(spaced[i])
                }
            else:
                pinyin = {}
            for i, tier in found.items():  # matched as written too: keep the better tier
                if tier < pinyin.get(i, IN_ORDER + 1):
                    pinyin[i] = tier
            found = pinyin
        elif len(token) > 1:
            search = re.compile(".*?".join(re.escape(c) for c in token), re.DOTALL).search
            for i in [i for i in ids if search(lowered[i])]:
                found.setdefault(i, IN_ORDER)
        for i in self._exact.get(token, ()):
            if i in found:
                found[i] = EXACT
        if len(self._recent) >= 32:
            self._recent.pop(next(iter(self._recent)))
        self._recent[token] = found
        return found

    # ------------------------------------------------------------ other look-ups

    def complete(self, text: str, *, context_level2: str = "", limit: int = 50) -> list[str]:
        """Distinct 三级 names for the table's completion, best first."""
        names: list[str] = []
        seen: set[str] = set()
        for match in self.search(text, context_level2=context_level2, limit=limit * 3):
            if match.item.name not in seen:
                seen.add(match.item.name)
                names.append(match.item.name)
                if len(names) == limit:
                    break
        return names

    def level1_names(self) -> list[str]:
        return sorted({item.level1 for item in self.items if item.level1})

    def level2_names(self, level1: str = "") -> list[str]:
        return sorted(
            {item.level2 for item in self.items if item.level2 and level1 in ("", item.level1)}
        )

    def previous_year(
        self, *, year: int | None, project: str, name: str, unit_name: str = "", level2: str = ""
    ) -> LibraryEntry | None:
        """The history entry of the same indicator in the year before *year*: matched by
        project (with its year moved back, ``2024年…`` → ``2023年…``) and 三级 name;
        the same unit and the same 二级 preferred."""
        if not year:
            return None
        from ..rollover import shift_year

        last = year - 1
        candidates: list[LibraryEntry] = []
        for proj in dict.fromkeys((shift_year(project, year, last)[0], project)):
            for nm in dict.fromkeys((shift_year(name, year, last)[0], name)):
                candidates.extend(e for e in self._by_project.get((proj, nm), ()) if e.year == last)
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda e: (unit_name != "" and e.unit_name != unit_name, e.level2 != level2),
        )


def group_matches(matches: list[LibraryMatch]) -> list[tuple[str, str, list[LibraryMatch]]]:
    """Matches grouped by 一级/二级, groups in the order of their best match."""
    groups: dict[tuple[str, str], list[LibraryMatch]] = {}
    for match in matches:
        groups.setdefault((match.item.level1, match.item.level2), []).append(match)
    return [(l1, l2, ms) for (l1, l2), ms in groups.items()]


def default_index(history_entries: Iterable[LibraryEntry] = ()) -> LibraryIndex:
    """Built-in entries and the given history entries in one index."""
    from .builtin import builtin_entries

    return LibraryIndex([*history_entries, *builtin_entries()])


__all__ = [
    "EXACT",
    "INSIDE",
    "IN_ORDER",
    "PREFIX",
    "LibraryIndex",
    "LibraryItem",
    "LibraryMatch",
    "default_index",
    "group_matches",
    "normalize",
    "pinyin_syllables",
]
