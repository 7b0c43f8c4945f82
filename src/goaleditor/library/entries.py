"""Library entries: one indicator as it was written somewhere, with where and when.

An entry is what the library knows of one indicator row: its three levels, value
(with the unit and comparison read from it), description and basis, and its origin —
built in (a bundled sample or a common project class) or the clerk's history (a
document path, its year, unit and project).  Entries are plain frozen dataclasses so
50,000 of them stay small (`__slots__`, shared strings).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from ..model import Document, Indicator
from ..values import parse_value

#: Origins of an entry.
BUILTIN = "builtin"
HISTORY = "history"

#: How the department form is named where a project name is shown.
DEPARTMENT_PROJECT = "部门整体"


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One indicator in the library (field names follow `model.Indicator`)."""

    name: str
    level1: str = ""
    level2: str = ""
    value: str = ""
    description: str = ""
    basis: str = ""
    #: `BUILTIN` or `HISTORY`.
    origin: str = HISTORY
    #: History: the document's path; built-in: the sample file or the project class.
    source: str = ""
    year: int | None = None
    unit_name: str = ""
    #: The project's name, or "" for the department form (部门整体).
    project: str = ""
    #: The common project class (会议培训 …) the project belongs to, or "".
    project_class: str = ""

    @property
    def unit(self) -> str:
        """The unit written after the value's number (``≥95%`` → ``%``), or ""."""
        return parse_value(self.value).unit

    @property
    def comparison(self) -> str:
        """The value's comparison (≥ ≤ = > <), or "" (none, or a 定性 value)."""
        return parse_value(self.value).comparison

    @property
    def builtin(self) -> bool:
        return self.origin == BUILTIN

    @property
    def project_label(self) -> str:
        """The project as the clerk reads it (部门整体 for the department form)."""
        return self.project or DEPARTMENT_PROJECT

    def source_label(self) -> str:
        """Where the entry comes from, for one column of a list."""
        if self.builtin:
            return f"内置·{self.source}" if self.source else "内置"
        return self.source

    def history_key(self) -> tuple:
        """Two history entries with this key are one fact: the later one replaces the other."""
        return (self.year, self.unit_name, self.project, self.level1, self.level2, self.name)

    def to_indicator(self, fiscal_year: int | None = None) -> Indicator:
        """A new indicator row carrying this entry's text (not 待复核).

        Taken into a document of another *fiscal_year*, the entry's own year moves the
        way `rollover` moves it (``2023年内`` → ``2024年内``; a law's year stays).
        """
        texts = {
            "name": self.name,
            "description": self.description,
            "value": self.value,
            "basis": self.basis,
        }
        if fiscal_year and self.year and fiscal_year != self.year:
            from ..rollover import shift_year

            texts = {k: shift_year(v, self.year, fiscal_year)[0] for k, v in texts.items()}
        return Indicator(level1=self.level1, level2=self.level2, **texts)


FIELD_NAMES = tuple(f.name for f in fields(LibraryEntry))


def _shared(text: str, pool: dict[str, str]) -> str:
    """One string object for equal texts (paths, unit and project names repeat a lot)."""
    return pool.setdefault(text, text) if len(text) > 1 else sys.intern(text)


def make_entry(pool: dict[str, str] | None = None, **values) -> LibraryEntry:
    """An entry whose texts are stripped and shared through *pool*."""
    pool = {} if pool is None else pool
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = _shared(value.strip(), pool)
    return LibraryEntry(**values)


def entries_from_document(
    doc: Document,
    source: str | Path,
    *,
    origin: str = HISTORY,
    classify=None,
    pool: dict[str, str] | None = None,
) -> Iterator[LibraryEntry]:
    """Every named indicator of *doc* as an entry (rows without a 三级 name are skipped).

    *classify* maps a project name to its project class (`builtin.classify_project`).
    """
    pool = {} if pool is None else pool
    source = str(source)
    for project, _row, ind in doc.all_indicators():
        if not ind.name.strip():
            continue
        project_name = project.name if project is not None else ""
        yield make_entry(
            pool,
            name=ind.name,
            level1=ind.level1,
            level2=ind.level2,
            value=ind.value or ind.period_value,
            description=ind.description,
            basis=ind.basis,
            origin=origin,
            source=source,
            year=doc.fiscal_year,
            unit_name=doc.unit_name,
            project=project_name,
            project_class=classify(project_name) if classify and project_name else "",
        )


def dedupe_history(entries: Iterable[LibraryEntry]) -> list[LibraryEntry]:
    """History entries with one `history_key` each; a later entry replaces an earlier one
    (and moves to the end, so the list stays in the order facts were learnt)."""
    latest: dict[tuple, LibraryEntry] = {}
    for entry in entries:
        key = entry.history_key()
        latest.pop(key, None)
        latest[key] = entry
    return list(latest.values())
