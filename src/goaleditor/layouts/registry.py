"""Which layouts there are: the built-in ones and the clerk's own.

Built-in layouts are the ``*.json`` files of ``resources/layouts/``; the clerk's own
are those in the ``layouts`` folder of the user config folder (``GOALEDITOR_CONFIG_DIR``
overrides it).  A file that cannot be used is left out with a Chinese message in
`Registry.problems`; it never hides a built-in layout nor stops the program.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..paths import config_dir
from ..resources import resource_path
from .spec import KIND_NAMES, SCHEMA_FILE, LayoutError, LayoutSpec, load_layout

USER_FOLDER = "layouts"


@dataclass
class Registry:
    layouts: dict[str, LayoutSpec] = field(default_factory=dict)
    #: One Chinese message per layout file left out.
    problems: list[str] = field(default_factory=list)

    def get(self, layout_id: str) -> LayoutSpec:
        """The layout *layout_id*; `LayoutError` naming the ids there are when it is unknown."""
        spec = self.layouts.get(layout_id)
        if spec is None:
            known = "、".join(self.layouts)
            raise LayoutError(f"没有编号为“{layout_id}”的版式。可用的版式：{known}。")
        return spec

    def of_kind(self, kind: str) -> list[LayoutSpec]:
        return [spec for spec in self.layouts.values() if spec.kind == kind]


def user_layout_dir() -> Path:
    return config_dir(create=False) / USER_FOLDER  # made when a layout is added


def builtin_dir() -> Path:
    return resource_path("layouts")


@cache
def _builtins() -> tuple[LayoutSpec, ...]:
    """The built-in layouts; a broken one is a bug of ours, so it raises."""
    paths = sorted(p for p in builtin_dir().glob("*.json") if p.name != SCHEMA_FILE)
    specs = [load_layout(p, builtin=True) for p in paths]
    # By kind of form; within a kind the long-standing forms (whose id is their editor
    # form) before the national ones.
    kinds = list(KIND_NAMES)
    return tuple(sorted(specs, key=lambda s: (kinds.index(s.kind), s.id != s.edits, s.id)))


def builtin_layout(layout_id: str) -> LayoutSpec:
    """A built-in layout by id (the importers read its labels)."""
    return next(spec for spec in _builtins() if spec.id == layout_id)


def _user_files(folder: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [Path(e.path) for e in entries if e.name.lower().endswith(".json") and e.is_file()]


_cache: dict[Path, tuple[tuple, Registry]] = {}


def registry() -> Registry:
    """Built-in layouts first, then the clerk's own; re-read when that folder changes."""
    folder = user_layout_dir()
    files = _user_files(folder)
    stamp = tuple((p.name, _mtime(p)) for p in files)
    cached = _cache.get(folder)
    if cached and cached[0] == stamp:
        return cached[1]
    reg = Registry()
    for spec in _builtins():
        reg.layouts[spec.id] = spec
    for path in files:
        try:
            spec = load_layout(path)
        except LayoutError as err:
            reg.problems.append(f"{err}此版式未载入。")
            continue
        taken = reg.layouts.get(spec.id)
        if taken is not None:
            owner = "内置版式" if taken.builtin else f"“{taken.source_name}”"
            reg.problems.append(
                f"版式文件“{path.name}”的编号“{spec.id}”与{owner}重复，此版式未载入。"
                "请在文件中改用另一个 id。"
            )
            continue
        reg.layouts[spec.id] = spec
    _cache[folder] = (stamp, reg)
    return reg


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def install_layout(path: Path) -> tuple[LayoutSpec, bool]:
    """Copy the layout file *path* into the clerk's layouts folder (文件 → 导入版式…).

    The file is checked first: `LayoutError` (Chinese, naming the file and the key)
    when it is broken or its id is a built-in layout's.  Returns the layout and
    whether it replaced the clerk's own layout of the same id.  The copy is atomic.
    """
    from ..fileio import atomic_write

    spec = load_layout(Path(path))
    if any(b.id == spec.id for b in _builtins()):
        raise LayoutError(
            f"版式文件“{Path(path).name}”的编号“{spec.id}”与内置版式相同，未导入。"
            "请在文件中改用另一个 id。",
            Path(path).name,
            "id",
        )
    folder = user_layout_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{spec.id}.json"
    others = [p for p in _user_files(folder) if p != target]
    replaced = target.exists() or any(_id_of(p) == spec.id for p in others)
    for other in others:  # the same id under another file name: the new file replaces it
        if _id_of(other) == spec.id:
            other.unlink()
    raw = Path(path).read_bytes()
    atomic_write(target, lambda tmp: tmp.write_bytes(raw), action="导入版式")
    return spec, replaced


def _id_of(path: Path) -> str:
    try:
        return load_layout(path).id
    except LayoutError:
        return ""
