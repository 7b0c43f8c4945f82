"""Reading one layout file (版式文件): JSON, checked against the schema and the model.

A layout file describes one official form (see docs/layouts.md and
``resources/layouts/layout.schema.json``).  `load_layout` checks it in two passes:
the schema (types, known keys, allowed values), then what the schema cannot say —
every field a cell prints exists in the model or among the layout's own fields,
every style and condition is known, every ``{placeholder}`` resolves.  Any problem
raises `LayoutError` with a Chinese message naming the file and the key (or the
line of a JSON syntax error); nothing is half-loaded.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import GoalEditorError
from ..model import DepartmentGoals, Document, Indicator, Layout, Project, Task
from ..resources import resource_path
from .page import PageSize, page_size
from .schema import Validator, join
from .styles import STYLES

LAYOUT_FORMAT = "goaleditor-layout"
SCHEMA_FILE = "layout.schema.json"

#: Layout files larger than this are refused unread (a layout is a few kB).
MAX_LAYOUT_BYTES = 1024 * 1024

#: Chinese names of the kinds of form, as ``goaleditor layouts`` prints them.
KIND_NAMES = {"project": "项目表", "department": "部门整体表", "list": "指标清单"}

#: Cell formats: how a field's value becomes the cell's text.
FORMATS = (
    "text",
    "amount",
    "percent",
    "numbered",
    "indicator_name",
    "sign",
    "number",
    "unit",
    "lines",
)

#: The model class that keeps each kind of layout field in its ``extra`` dict.
EXTRA_OWNERS = {"project": Project, "indicator": Indicator, "department": DepartmentGoals}
EXTRA_OWNERS["task"] = Task
_OWNER_NAMES = {cls: name for name, cls in EXTRA_OWNERS.items()}

#: Indicator sources an indicator block may list: per kind of layout.
INDICATOR_SOURCES = {
    "project": ("project.indicators",),
    "department": ("department.indicators",),
    "list": ("projects",),
}

#: A ``{placeholder}`` in a text; ``{{`` and ``}}`` are literal braces.
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class LayoutError(GoalEditorError):
    """A layout file that cannot be used; the message names the file and the key or line."""

    def __init__(self, message: str, file: str = "", where: str = ""):
        super().__init__(message)
        self.file = file
        self.where = where


@dataclass(frozen=True)
class LayoutField:
    """A field of the layout's own (``"fields"``), kept in ``extra`` of its owner."""

    id: str
    on: str
    label: str
    type: str = "text"


@dataclass(frozen=True, eq=False)
class LayoutSpec:
    """One checked layout file."""

    id: str
    name: str
    kind: str
    data: dict = field(repr=False)
    #: Where it was read from.
    path: Path | None = None
    builtin: bool = False

    @property
    def edits(self) -> str:
        """The editor's form kind for this layout (``standard``, ``chengdu`` …), or ""."""
        return self.data.get("edits", "")

    @property
    def fields(self) -> list[LayoutField]:
        return [LayoutField(**f) for f in self.data.get("fields", [])]

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    @property
    def source_name(self) -> str:
        return self.path.name if self.path else self.id

    def page_size(self) -> PageSize:
        """The paper the layout prints on: A4, upright or (``"orientation": "landscape"``)
        turned sideways."""
        return page_size(self.data.get("page", {}).get("orientation") == "landscape")

    def checks(self) -> dict:
        """The layout's ``checks`` (weights, field lengths), {} when it has none."""
        return self.data.get("checks", {})

    def header_of(self, field: str) -> str:
        """The header of the indicator column that prints *field* (``value`` → ``指标值``)."""
        for block in walk_blocks(self.data["rows"]):
            for column in block.get("columns", []):
                if column.get("field") == field:
                    return column["header"]
        raise KeyError(field)

    def group_of(self, field: str) -> str:
        """The label of the group whose rows print *field* (``预算规模及资金用途``)."""
        for block in walk_blocks(self.data["rows"]):
            if "group" in block and any(
                cell.get("field") == field
                for inner in walk_blocks(block["rows"])
                for cell in inner.get("cells", [])
            ):
                return block["group"]["text"]
        raise KeyError(field)

    def label_of(self, field: str, back: int = 1) -> str:
        """The label printed before *field*: the text cell left of it in its row, or (for a
        field or list that starts its row) the text of the row *back* rows above."""
        rows: list[dict] = []
        for block in walk_blocks(self.data["rows"]):
            cells = block.get("cells")
            if block.get("each") == field or (
                cells and cells[0].get("field") == field and back >= 1
            ):
                return rows[-back]["cells"][0]["text"]
            if cells:
                for left, cell in itertools.pairwise(cells):
                    if cell.get("field") == field and "text" in left:
                        return left["text"]
                rows.append(block)
        raise KeyError(field)

    def cell_formats(self) -> dict[str, str]:
        """Key → format of every field cell outside the indicator table (``budget.total`` →
        ``amount``, ``goals`` → ``numbered``, ``extra.transfer`` …)."""
        formats = {}
        for block in walk_blocks(self.data["rows"]):
            for cell in block.get("cells", []):
                if "field" in cell:
                    field = cell["field"]
                    key = cell.get("key", field.split(".", 1)[1] if "." in field else field)
                    formats[key] = cell.get("format", "text")
        return formats

    def indicator_columns(self, holds=None) -> list[tuple[str, str, str]]:
        """(header, indicator field, format) of each indicator column that prints a field
        (``extra.remark``, ``value`` with format ``sign`` …), in print order.

        *holds* (a column's ``when`` → bool, see `forms.render.condition`) leaves out the
        columns a document does not print; without it every column counts."""
        return [
            (column["header"], column["field"], column.get("format", "text"))
            for column in self.indicator_column_specs(holds)
            if "field" in column
        ]

    def indicator_column_specs(self, holds=None) -> list[dict]:
        """The indicator table's column entries (those *holds* keeps), in print order."""
        for block in walk_blocks(self.data["rows"]):
            if "columns" in block:
                return [
                    column
                    for column in block["columns"]
                    if holds is None or "when" not in column or holds(column["when"])
                ]
        return []

    def printed_indicator_fields(self) -> set[str]:
        """Indicator attributes this layout prints (``weight``, ``unit`` …)."""
        found: set[str] = set()
        for block in walk_blocks(self.data["rows"]):
            for column in block.get("columns", []):
                name = column.get("field", "")
                if name and name.split(".")[0] not in ROOT_NAMES:
                    found.add(name.split(".")[0])
                fmt = column.get("format", "")
                if fmt in ("sign", "number", "unit"):
                    found.add(f"value.{fmt}")
        return found


def walk_blocks(blocks: list):
    """Every block of *blocks*, nested ones included, in order."""
    for block in blocks:
        yield block
        yield from walk_blocks(block.get("rows", []))


@cache
def _validator() -> Validator:
    schema = json.loads(resource_path("layouts", SCHEMA_FILE).read_text(encoding="utf-8"))
    return Validator(schema)


def load_layout(path: Path, builtin: bool = False) -> LayoutSpec:
    """Read and check *path*; `LayoutError` naming the file and the place on any problem.

    A built-in layout (shipped with the program, checked by the test suite) is read
    without the schema and model checks: they cost the editor's start a quarter of its
    window's build time, for files that cannot differ from the tested ones."""
    name = path.name
    try:
        if path.stat().st_size > MAX_LAYOUT_BYTES:
            raise LayoutError(f"版式文件“{name}”太大，不是 goaleditor 版式文件。", name)
        raw = path.read_bytes()
    except OSError as err:
        from ..fileio import describe_read_error

        raise LayoutError(describe_read_error(err, path), name) from err
    return parse_layout(raw, name, path=path, builtin=builtin, checked=not builtin)


def parse_layout(
    raw: bytes | str,
    name: str,
    path: Path | None = None,
    builtin: bool = False,
    checked: bool = True,
) -> LayoutSpec:
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise LayoutError(
                f"版式文件“{name}”不是 UTF-8 编码的文本（第 {err.start + 1} 个字节处）。", name
            ) from err
    else:
        text = raw
    from ..storage import json_reason

    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LayoutError(
            f"版式文件“{name}”第 {err.lineno} 行第 {err.colno} 列不是有效的 JSON"
            f"（{json_reason(err.msg)}）。",
            name,
            f"第 {err.lineno} 行",
        ) from err
    except (RecursionError, ValueError) as err:
        raise LayoutError(f"版式文件“{name}”无法读取（嵌套过深或数值过大）。", name) from err
    if not isinstance(data, dict) or data.get("format") != LAYOUT_FORMAT:
        raise LayoutError(
            f'“{name}”不是 goaleditor 版式文件（缺少 "format": "{LAYOUT_FORMAT}"）。', name
        )
    errors = (_validator().errors(data) or _Checker(data).errors) if checked else []
    if errors:
        where, what = errors[0]
        more = f"（另有 {len(errors) - 1} 处问题）" if len(errors) > 1 else ""
        line = _line_of(text, where)
        at = f"第 {line} 行，{where}" if line else where
        raise LayoutError(f"版式文件“{name}”有误：{at}：{what}。{more}", name, where)
    return LayoutSpec(data["id"], data["name"], data["kind"], data, path, builtin)


def _line_of(text: str, where: str) -> int | None:
    """The line of the value at *where* (``rows[2].cells[0].span``) in the JSON *text*;
    for a missing key, the line of the object that lacks it."""
    lines = key_lines(text)
    while where:
        if where in lines:
            return lines[where]
        parent = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", where)
        if parent == where:
            return None
        where = parent
    return None


_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|([^\s{}\[\],:"]+))', re.S)


def key_lines(text: str) -> dict[str, int]:
    """Line number of every value in a JSON text, by path (``rows[2].cells[0].span``).

    A small scanner over tokens; the text is known to be valid JSON when it is called.
    """
    result: dict[str, int] = {}
    # Stack of [path, kind, next key or index]; kind "{" or "[".
    stack: list[list] = []
    pending_key: str | None = None
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
        string, punct, literal = match.groups()
        line = text.count("\n", 0, match.start(match.lastindex or 0)) + 1
        if punct in ("}", "]"):
            stack.pop()
            continue
        if punct in (",", ":"):
            continue
        if stack and stack[-1][1] == "{" and pending_key is None:
            pending_key = json.loads(string) if string else literal
            continue
        if stack and stack[-1][1] == "{":
            path = join(stack[-1][0], pending_key)
            pending_key = None
        elif stack:
            path = join(stack[-1][0], stack[-1][2])
            stack[-1][2] += 1
        else:
            path = ""
        if path:
            result[path] = line
        if punct in ("{", "["):
            stack.append([path, punct, 0])
    return result


# ---------------------------------------------------------------- checks beyond the schema

#: Names a path may start with, and the type each stands for.
ROOT_NAMES = {
    "document": Document,
    "layout": Layout,
    "number_style": str,
    "money_unit": str,
    "title": str,
    "project": Project,
    "number": int,
    "part_heading": list[str],
    "department": DepartmentGoals,
    "projects": list[Project],
    "item": Any,
    "n": int,
    "indicator": Indicator,
    "row_number": int,
}

#: Roots each kind of layout may use outside loops and indicator blocks.
_KIND_ROOTS = {
    "project": {"project", "number", "part_heading"},
    "department": {"department"},
    "list": {"projects"},
}
#: The editor's form kinds a layout of each kind may name in ``edits``.
_EDITS = {"project": ("standard", "national"), "department": ("text", "guangzhou", "chengdu")}
_COMMON_ROOTS = {"document", "layout", "number_style", "money_unit", "title"}


class _Checker:
    """Checks the parts of a schema-valid layout that the schema cannot express."""

    def __init__(self, data: dict):
        self.data = data
        self.kind = data["kind"]
        self.errors: list[tuple[str, str]] = []
        self.styles = set(STYLES) | set(data.get("styles", {}))
        self.extra: dict[str, set[str]] = {}
        for i, spec in enumerate(data.get("fields", [])):
            ids = self.extra.setdefault(spec["on"], set())
            if spec["id"] in ids:
                self.errors.append((f"fields[{i}].id", f"“{spec['id']}”重复"))
            ids.add(spec["id"])
        edits = _EDITS.get(self.kind, ())
        if edits and data.get("edits") not in edits:
            shown = "、".join(f"“{e}”" for e in edits)
            self.errors.append(("edits", f"{KIND_NAMES[self.kind]}版式应写明 edits：{shown} 之一"))
        self._page(data.get("page", {}))
        roots = {name: ROOT_NAMES[name] for name in _COMMON_ROOTS | _KIND_ROOTS[self.kind]}
        for key in ("title", "bookmark"):
            if key in data:
                self._text(data[key], roots, key)
        self._blocks(data["rows"], roots, "rows")

    def _page(self, page: dict) -> None:
        """The columns' width must fit between the margins of the page it names."""
        paper = page_size(page.get("orientation") == "landscape")
        room = paper.content_width_mm
        if page.get("width_mm", 0) > room:
            turned = "横向" if paper.landscape else "纵向"
            hint = "" if paper.landscape else '；更宽的表请写 "orientation": "landscape"'
            self.errors.append(
                (
                    "page.width_mm",
                    f"{page['width_mm']} mm 超出 A4 {turned}的可用宽度 {room:g} mm{hint}",
                )
            )

    def _blocks(self, blocks: list, roots: dict, path: str) -> None:
        for i, block in enumerate(blocks):
            self._block(block, roots, join(path, i))

    def _block(self, block: dict, roots: dict, path: str) -> None:
        if "when" in block:
            self._when(block["when"], roots, join(path, "when"))
        if "cells" in block:
            for i, cell in enumerate(block["cells"]):
                self._cell(cell, roots, join(join(path, "cells"), i))
        elif "group" in block:
            self._cell(block["group"], roots, join(path, "group"))
            self._blocks(block["rows"], roots, join(path, "rows"))
        elif "each" in block:
            item = self._path(block["each"], roots, join(path, "each"))
            if item is not None and typing.get_origin(item) is not list:
                self.errors.append((join(path, "each"), f"“{block['each']}”不是列表"))
                return
            inner = dict(roots, n=int, item=typing.get_args(item)[0] if item else Any)
            self._blocks(block["rows"], inner, join(path, "rows"))
        elif "indicators" in block:
            self._indicators(block, roots, path)
        elif "signature" in block and "signature" not in self.data:
            self.errors.append((join(path, "signature"), "版式没有写 signature（签字栏的内容）"))

    def _indicators(self, block: dict, roots: dict, path: str) -> None:
        source = block["indicators"]
        allowed = INDICATOR_SOURCES[self.kind]
        if source not in allowed:
            shown = "、".join(f"“{s}”" for s in allowed)
            self.errors.append((join(path, "indicators"), f"是“{source}”，应为 {shown}"))
        inner = dict(roots, indicator=Indicator, row_number=int)
        if source == "projects":
            inner["project"] = Project
        self._style(block.get("header_style"), join(path, "header_style"))
        for i, column in enumerate(block["columns"]):
            where = join(join(path, "columns"), i)
            if "field" in column:
                name = column["field"]
                full = name if name.split(".")[0] in inner else f"indicator.{name}"
                self._path(full, inner, join(where, "field"))
            if "text" in column:
                self._text(column["text"], inner, join(where, "text"))
            self._style(column.get("style"), join(where, "style"))
            if "when" in column:
                self._when(column["when"], roots, join(where, "when"))

    def _cell(self, cell: dict, roots: dict, path: str) -> None:
        if ("text" in cell) == ("field" in cell):
            self.errors.append((path, "应写 text（文字）或 field（字段）之一，且只写一个"))
            return
        if "field" in cell:
            self._path(cell["field"], roots, join(path, "field"))
        else:
            self._text(cell["text"], roots, join(path, "text"))
        self._style(cell.get("style"), join(path, "style"))
        if "when" in cell:
            self._when(cell["when"], roots, join(path, "when"))

    def _style(self, name: str | None, path: str) -> None:
        if name is not None and name not in self.styles:
            known = "、".join(sorted(self.styles))
            self.errors.append((path, f"样式“{name}”未定义（可用：{known}，或在 styles 中定义）"))

    def _when(self, when: str | list, roots: dict, path: str) -> None:
        for i, cond in enumerate([when] if isinstance(when, str) else when):
            self._path(
                cond.removeprefix("!"), roots, path if isinstance(when, str) else join(path, i)
            )

    def _text(self, text: str | list, roots: dict, path: str) -> None:
        for i, alternative in enumerate([text] if isinstance(text, str) else text):
            where = path if isinstance(text, str) else join(path, i)
            for match in PLACEHOLDER.finditer(alternative):
                if match.group(1) is not None:
                    self._path(match.group(1).strip(), roots, where)

    def _path(self, path: str, roots: dict, where: str) -> Any:
        """The model type *path* names; an error (and None) when it names nothing."""
        try:
            return path_type(path, roots, self.extra)
        except KeyError as err:
            self.errors.append((where, err.args[0]))
            return None


def path_type(path: str, roots: dict, extra: dict[str, set[str]]) -> Any:
    """The type of the value at *path* (``project.budget.total`` → Decimal | None).

    KeyError with a Chinese message when a part of the path does not exist.
    """
    parts = path.split(".")
    if parts[0] not in roots:
        known = "、".join(sorted(roots))
        raise KeyError(f"“{path}”：“{parts[0]}”在这里不可用（可用：{known}）")
    tp = roots[parts[0]]
    owner = tp
    for part in parts[1:]:
        tp = _unwrap_optional(tp)
        origin = typing.get_origin(tp)
        if tp is Any:
            continue
        if origin is list and part.isdigit():
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            on = _OWNER_NAMES.get(owner, "")
            if part not in extra.get(on, set()):
                raise KeyError(f"“{path}”：“{part}”不是本版式 fields 中为 {on} 声明的字段")
            tp = str
        elif dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            if part in hints:
                owner, tp = tp, hints[part]
            elif isinstance(getattr(tp, part, None), property):
                tp = str
            else:
                raise KeyError(f"“{path}”：“{part}”不是已知的字段")
        elif tp is str and part in ("sign", "number", "unit"):
            tp = str
        else:
            raise KeyError(f"“{path}”：“{part}”不是已知的字段")
    return tp


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if args else tp
    return tp
