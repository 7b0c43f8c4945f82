"""Built-in entries: every indicator of the bundled samples, and the common indicators of
common project classes (``resources/library/classes.json``: names, categories, typical
values — written for goaleditor).

The class file also says which words in a project name put the project in a class
(``培训`` → 会议培训), so the clerk's own projects can be filtered by class too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from ..errors import FileFormatError
from ..resources import resource_path
from .entries import BUILTIN, LibraryEntry, entries_from_document, make_entry

CLASSES_FILE = ("library", "classes.json")
CLASSES_FORMAT = "goaleditor-library"
SAMPLES_DIR = "samples"


@dataclass(frozen=True)
class ProjectClass:
    name: str
    keywords: tuple[str, ...]
    indicators: tuple[LibraryEntry, ...]


@cache
def project_classes() -> tuple[ProjectClass, ...]:
    """The common project classes, in file order; `FileFormatError` if the file is damaged."""
    path = resource_path(*CLASSES_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != CLASSES_FORMAT:
            raise ValueError(data.get("format"))
        pool: dict[str, str] = {}
        return tuple(
            ProjectClass(
                name=item["name"],
                keywords=tuple(item["keywords"]),
                indicators=tuple(
                    make_entry(
                        pool,
                        name=ind["name"],
                        level1=ind["level1"],
                        level2=ind["level2"],
                        value=ind.get("value", ""),
                        origin=BUILTIN,
                        source=item["name"],
                        project_class=item["name"],
                    )
                    for ind in item["indicators"]
                ),
            )
            for item in data["classes"]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise FileFormatError(
            f"内置指标库“{path}”无法读取（{err}）。请重新安装 goaleditor。"
        ) from err


def class_names() -> list[str]:
    return [c.name for c in project_classes()]


def classify_project(project_name: str) -> str:
    """The project class whose keywords cover most of *project_name*; "" if none.

    Each class scores the total length of its keywords found in the name
    (办公楼维修改造工程: 维修 + 改造 + 工程 beat 办公楼); ties go to the class listed first.
    """
    best, best_score = "", 0
    for cls in project_classes():
        score = sum(len(word) for word in cls.keywords if word in project_name)
        if score > best_score:
            best, best_score = cls.name, score
    return best


@cache
def builtin_entries() -> tuple[LibraryEntry, ...]:
    """The samples' indicators (source: the sample's file name), then the classes'."""
    from ..storage import load

    pool: dict[str, str] = {}
    entries: list[LibraryEntry] = []
    for path in sorted(resource_path(SAMPLES_DIR).glob("*.json")):
        doc = load(path)
        entries.extend(
            entries_from_document(
                doc, f"示例 {path.name}", origin=BUILTIN, classify=classify_project, pool=pool
            )
        )
    for cls in project_classes():
        entries.extend(cls.indicators)
    return tuple(entries)
