"""Make an imported document one that `storage.load` accepts, noting each change.

An importer builds a `Document` from cells a clerk (or a damaged file) may have filled
with anything.  Whatever the file format would refuse — an unknown money unit, a
year 99999, a spending plan of one figure — is put back to its default here, with an
`ImportNote` saying where and what, so nothing saved after an import fails to open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from .. import storage
from ..errors import FileFormatError, ImportProblem
from ..model import Document
from .result import ImportNote

_TOKEN = re.compile(r"(\w+)(?:\[(\d+)\])?")


class Unrepairable(Exception):
    """The refused value's path cannot be followed or reset."""


def repair(doc: Document, notes: list[ImportNote], where: Callable[[str], str], name: str) -> None:
    """Reset every value of *doc* the loader would refuse; `ImportProblem` if one cannot be.

    *where* turns a field path (``document.projects[0].spending_plan``) into the place
    in the source to name in the note; *name* is the source file's name.
    """
    done: set[str] = set()
    while True:
        try:
            storage.from_json_data(storage.to_json_data(doc), name=name)
            return
        except FileFormatError as err:
            if not err.path or err.path in done:
                raise _unrepairable(name, err) from err
            done.add(err.path)
            try:
                default = reset(doc, err.path)
            except Unrepairable as inner:
                raise _unrepairable(name, err) from inner
            what = err.message.removeprefix("文件内容有误：").rstrip("。")
            notes.append(
                ImportNote(where(err.path), f"{what}；{_shown(default)}，请在编辑器中核对。")
            )


def reset(doc: Document, path: str):
    """Put the field at *path* (as `storage` names it) back to its default; return that."""
    tokens = path.split(".")
    if tokens[0] != "document" or len(tokens) < 2:
        raise Unrepairable(path)
    try:
        owner = doc
        for token in tokens[1:-1]:
            name, index = _parse(token)
            owner = getattr(owner, name)
            if index is not None:
                owner = owner[index]
        name, index = _parse(tokens[-1])
        if index is None:
            default = getattr(type(owner)(), name)
            setattr(owner, name, default)
            return default
        items = getattr(owner, name)
        item = items[index]
        default = None if item is None or isinstance(item, Decimal) else type(item)()
        items[index] = default
        return default
    except (AttributeError, IndexError, TypeError) as err:
        raise Unrepairable(path) from err


def _parse(token: str) -> tuple[str, int | None]:
    match = _TOKEN.fullmatch(token)
    if match is None:
        raise Unrepairable(token)
    return match.group(1), None if match.group(2) is None else int(match.group(2))


def _shown(default) -> str:
    if default is None:
        return "已留空"
    if default in ("", []):
        return "已清空"
    return f"已改为默认值“{default}”"


def _unrepairable(name: str, err: FileFormatError) -> ImportProblem:
    return ImportProblem(
        f"“{name}”中有无法读取的内容：{err.message.removeprefix('文件内容有误：')}"
        "请在 Excel 或 WPS 中改正后重新导入。"
    )
