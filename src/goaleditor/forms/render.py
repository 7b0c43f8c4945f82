"""A layout file's rows, rendered into a `grid.Form` for one project, department or document.

The layout says what goes where (see docs/layouts.md); this module only follows it:
rows of cells placed left to right, groups whose label spans their rows, loops over
lists, the indicator table with its merged 一级/二级 runs, and the signature block.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..amounts import format_number
from ..grid import Cell, Form, Style
from ..layouts import LayoutError, LayoutSpec
from ..layouts.spec import PLACEHOLDER, ROOT_NAMES
from ..layouts.styles import STYLES
from ..model import Document, Indicator
from ..values import parse_value
from .common import (
    BLANK_LINE,
    SIGNATURE_MIN_MM,
    fit_widths,
    merge_runs,
    numbered,
    split_columns,
)
from .project import indicator_name


def resolve(path: str, ctx: dict) -> Any:
    """The value at *path* in *ctx*: attributes, list indices and ``extra`` keys; None if absent."""
    return _path(path).value(ctx)


@lru_cache(maxsize=4096)
def _path(path: str) -> _Compiled:
    return _Compiled(tuple(path.split(".")), "", "text", "", None, "label", None)


def value_part(text: str, part: str) -> str:
    """指标性质, the number or 度量单位 of a typed value, for forms that print them apart.

    ``≥95%`` → ``≥`` · ``95`` · ``%``; a value with no comparison is ``=``; a value
    that is not a number (定性) is ``定性`` · the text · "".
    """
    parsed = parse_value(text)
    if parsed.kind not in ("number", "percent"):
        if part == "sign":
            return "定性" if parsed.kind != "empty" else ""
        return text if part == "number" else ""
    if part == "sign":
        return parsed.comparison or "="
    if part == "number":
        return _as_text(parsed.number)
    return parsed.unit or ""


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def condition(when: str | list | None, ctx: dict) -> bool:
    """A layout condition: ``path`` holds when its value is not blank, ``!path`` when it is."""
    if when is None:
        return True
    for cond in [when] if isinstance(when, str) else when:
        negate = cond.startswith("!")
        value = resolve(cond.removeprefix("!"), ctx)
        if _blank(value) != negate:
            return False
    return True


def render_text(text: str | list, ctx: dict) -> str:
    """A text with ``{placeholders}``; of alternatives, the first with every placeholder filled."""
    alternatives = [text] if isinstance(text, str) else text
    for alternative in alternatives[:-1]:
        result, filled = _fill(alternative, ctx)
        if filled:
            return result
    return _fill(alternatives[-1], ctx)[0]


def _fill(text: str, ctx: dict) -> tuple[str, bool]:
    """*text* with its placeholders filled in, and whether none of them was blank."""
    missing: list[str] = []

    def substitute(match) -> str:
        if match.group(1) is None:
            return match.group(0)[0]  # {{ or }}
        value = resolve(match.group(1).strip(), ctx)
        if _blank(value):
            missing.append(match.group(1))
            return ""
        return _as_text(value)

    return PLACEHOLDER.sub(substitute, text), not missing


def _as_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


@dataclass
class _NumberFormat:
    thousands: bool
    places: int | None

    def __call__(self, value: Decimal | None) -> str:
        return format_number(value, self.places, self.thousands)


def _amount(value: Any) -> Decimal | None:
    """An amount from the model (Decimal) or from ``extra`` (a decimal string)."""
    if value is None or isinstance(value, Decimal):
        return value
    try:
        result = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


class Renderer:
    """Builds forms from one layout."""

    def __init__(self, spec: LayoutSpec):
        self.spec = spec
        data = spec.data
        self.styles: dict[str, Style] = dict(STYLES)
        for name, kwargs in data.get("styles", {}).items():
            self.styles[name] = Style(**{**_style_kwargs(STYLES.get(name, Style())), **kwargs})
        formats = data.get("number_formats", {})
        self.amount = _NumberFormat(**{"thousands": True, "places": 2, **formats.get("amount", {})})
        self.percent = _NumberFormat(
            **{"thousands": False, "places": 2, **formats.get("percent", {})}
        )
        self.paper = spec.page_size()
        self.page_width = data.get("page", {}).get("width_mm", self.paper.content_width_mm)
        signature = data.get("signature", {})
        self.signature_lines = signature.get("lines", [])
        self.stamp = signature.get("stamp", "")
        self.signature_min = signature.get("min_width_mm", SIGNATURE_MIN_MM)
        #: Compiled cells by the id of their spec; the specs live as long as the layout.
        self._compiled: dict[int, _Compiled] = {}
        #: Indicator columns (and their headers) as cells, by the id of the column spec.
        self._columns: dict = {}

    # ------------------------------------------------------------ entry points

    def title(self, ctx: dict) -> str:
        return render_text(self.spec.data.get("title", ""), ctx)

    def build(self, ctx: dict, sheet_name: str) -> Form:
        """The form of one project, department or document (*ctx* names it)."""
        ctx = dict(ctx)
        ctx.setdefault("title", self.title(ctx))
        bookmark = (
            render_text(self.spec.data["bookmark"], ctx)
            if "bookmark" in self.spec.data
            else ctx["title"]
        )
        form = Form(sheet_name=sheet_name, bookmark=bookmark, col_widths_mm=self._widths(ctx))
        form.landscape = self.paper.landscape
        _Build(self, form, ctx).blocks(self.spec.data["rows"], ctx, "rows", 0)
        return form

    def _widths(self, ctx: dict) -> list[float]:
        columns = self.spec.data["columns"]
        if columns and isinstance(columns[0], dict):
            chosen = next((c for c in columns if condition(c.get("when"), ctx)), columns[-1])
            columns = chosen["widths"]
        return fit_widths(
            [float(w) if isinstance(w, float) else w for w in columns], self.page_width
        )

    def compiled(self, spec: dict) -> _Compiled:
        """*spec* (a cell of the layout) prepared once: its path split, key and style found."""
        found = self._compiled.get(id(spec))
        if found is None:
            found = self._compiled[id(spec)] = _Compiled.of(spec, self.styles)
        return found

    def column_cell(self, column: dict) -> dict:
        """An indicator column as a cell spec (made once per column)."""
        found = self._columns.get(id(column))
        if found is None:
            found = self._columns[id(column)] = _column_cell(column)
        return found

    def column_header(self, column: dict, style: str) -> dict:
        key = ("header", id(column), style)
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = {"text": column["header"], "style": style}
        return found

    # ------------------------------------------------------------ cell texts

    def value_text(self, fmt: str, value: Any, ctx: dict) -> tuple[str, Decimal | None]:
        """(text, number) of a field's value in a format."""
        if fmt == "amount":
            amount = _amount(value)
            if amount is None and value not in (None, ""):
                return str(value), None
            return self.amount(amount), amount
        if fmt == "percent":
            amount = _amount(value)
            return self.percent(amount), amount
        if fmt == "numbered":
            return numbered(list(value or []), ctx["number_style"]), None
        if fmt == "lines":
            return "\n".join(value or []), None
        if fmt == "indicator_name":
            ind: Indicator = ctx["indicator"]
            return indicator_name(ind), None
        if fmt in ("sign", "number", "unit"):
            return value_part(_as_text(value), fmt), None
        return _as_text(value), None


@dataclass
class _Compiled:
    """A layout cell ready to fill: a field path (split) or a text, its key and style."""

    path: tuple[str, ...] | None
    text: str | list
    format: str
    key: str
    #: The cell's own style, or None for the default of where it stands.
    style: Style | None
    default_style: str
    #: The cell's own repeat flag, or None for the default of where it stands.
    repeat: bool | None

    @classmethod
    def of(cls, spec: dict, styles: dict[str, Style]) -> _Compiled:
        style = styles[spec["style"]] if "style" in spec else None
        if "field" in spec:
            field = spec["field"]
            fmt = spec.get("format", "text")
            default_key = field.split(".", 1)[1] if "." in field else field
            return cls(
                tuple(field.split(".")), "", fmt, spec.get("key", default_key), style,
                "amount" if fmt == "amount" else "label", spec.get("repeat"),
            )  # fmt: skip
        return cls(
            None, spec["text"], "text", spec.get("key", ""), style, "label", spec.get("repeat")
        )

    def value(self, ctx: dict) -> Any:
        """The field's value in *ctx* (see `resolve`)."""
        path = self.path
        value: Any = ctx.get(path[0])
        if len(path) == 2 and value is not None and not isinstance(value, (list, dict, str)):
            return getattr(value, path[1], None)  # the common case: indicator.name …
        for part in path[1:]:
            if value is None:
                return None
            if isinstance(value, list):
                index = int(part) if part.isdigit() else -1
                value = value[index] if 0 <= index < len(value) else None
            elif isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, str) and part in ("sign", "number", "unit"):
                value = value_part(value, part)
            else:
                value = getattr(value, part, None)
        return value


def _style_kwargs(style: Style) -> dict:
    return {name: getattr(style, name) for name in Style.__dataclass_fields__}


class _Build:
    """One form under construction: the next free row and the layout's rules."""

    def __init__(self, renderer: Renderer, form: Form, ctx: dict):
        self.r = renderer
        self.form = form
        self.row = 0
        self.doc: Document = ctx["document"]
        #: Rows marked ``repeat_header`` in the group being built.
        self.headers: list[int] = []

    def fail(self, where: str, what: str) -> LayoutError:
        name = self.r.spec.source_name
        return LayoutError(f"版式“{name}”无法打印：{where}：{what}。", name, where)

    def blocks(self, blocks: list, ctx: dict, path: str, first_col: int) -> None:
        for i, block in enumerate(blocks):
            where = f"{path}[{i}]"
            if not condition(block.get("when"), ctx):
                continue
            if "cells" in block:
                self.cells(block, ctx, where, first_col)
            elif "group" in block:
                self.group(block, ctx, where, first_col)
            elif "each" in block:
                for n, item in enumerate(resolve(block["each"], ctx) or [], 1):
                    self.blocks(
                        block["rows"], {**ctx, "item": item, "n": n}, f"{where}.rows", first_col
                    )
            elif "indicators" in block:
                self.indicators(block, ctx, where, first_col)
            elif "signature" in block:
                self.signature()

    def add(
        self,
        spec: dict,
        ctx: dict,
        row: int,
        col: int,
        span: int,
        where: str,
        *,
        rowspan: int = 1,
        repeat: bool = False,
        default_style: str = "",
    ) -> Cell:
        self.check_span(col, span, where)
        cell = self.r.compiled(spec)
        if cell.path is not None:
            text, number = self.r.value_text(cell.format, cell.value(ctx), ctx)
        else:
            text, number = render_text(cell.text, ctx), None
        style = cell.style or self.r.styles[default_style or cell.default_style]
        return self.form.add(
            row, col, text, rowspan=rowspan, colspan=span, style=style, number=number,
            key=cell.key, repeat_on_split=repeat if cell.repeat is None else cell.repeat,
        )  # fmt: skip

    def check_span(self, col: int, span: int, where: str) -> None:
        """A cell must lie within the form's columns; else the layout is at fault."""
        n = self.form.n_cols
        if col < 0 or col >= n:
            raise self.fail(where, f"单元格从第 {col + 1} 列开始，超出了表格的 {n} 列")
        if span < 1 or col + span > n:
            raise self.fail(where, f"单元格占第 {col + 1}–{col + span} 列，超出了表格的 {n} 列")

    def cells(self, block: dict, ctx: dict, where: str, first_col: int) -> None:
        n = self.form.n_cols
        cells = [(i, c) for i, c in enumerate(block["cells"]) if condition(c.get("when"), ctx)]
        if "split" in block:
            start = block["split"]
            groups = split_columns(self.form.col_widths_mm[start:], len(cells)) if cells else []
            for (i, cell), (a, b) in zip(cells, groups, strict=True):
                self.add(cell, ctx, self.row, start + a, b - a, f"{where}.cells[{i}]")
        else:
            cursor = first_col
            for pos, (i, cell) in enumerate(cells):
                col = cell.get("col", cursor)
                col = n + col if col < 0 else col
                span = cell.get("span", 1)
                if span == "rest":
                    span = n - col
                elif span == "fill":
                    following = cells[pos + 1][1] if pos + 1 < len(cells) else None
                    end = following.get("col", n) if following else n
                    span = (n + end if end < 0 else end) - col
                self.add(cell, ctx, self.row, col, span, f"{where}.cells[{i}]")
                cursor = col + span
        if block.get("keep_next"):
            self.form.keep_with_next.add(self.row + 1)
        if block.get("repeat_header"):
            self.headers.append(self.row)
        self.row += 1

    def group(self, block: dict, ctx: dict, where: str, first_col: int) -> None:
        spec = block["group"]
        start = self.row
        col = spec.get("col", first_col)
        span = spec.get("span", 1)
        label = self.add(spec, ctx, start, col, span, f"{where}.group", repeat=True)
        outer, self.headers = self.headers, []
        self.blocks(block["rows"], ctx, f"{where}.rows", col + span)
        # A header row repeats above every page that continues the rest of its group.
        for header in self.headers:
            self.form.repeat_header(header, header + 1, self.row)
        self.headers = outer
        if self.row == start:
            self.row += 1
        label.rowspan = self.row - start
        self.form.n_rows = max(self.form.n_rows, self.row)

    def indicators(self, block: dict, ctx: dict, where: str, first_col: int) -> None:
        columns = []
        col = block.get("first_col", first_col)
        for i, column in enumerate(block["columns"]):
            if condition(column.get("when"), ctx):
                span = column.get("span", 1)
                columns.append((i, self.r.column_cell(column), col, span, column.get("merge")))
                col += span
        header_style = block.get("header_style", "header")
        for i, _cell, col, span, _merge in columns:
            spec = self.r.column_header(block["columns"][i], header_style)
            self.add(spec, ctx, self.row, col, span, f"{where}.columns[{i}].header")
        header = self.row
        self.form.repeat_rows = (header, header + 1)
        self.row += 1
        first = self.row
        rows = self._indicator_rows(block["indicators"], ctx)
        self.form.repeat_header(header, first, first + len(rows))
        merged: list[_Compiled] = []
        for i, column, col, span, merge in columns:
            if not merge:
                continue
            cell = self.r.compiled(column)
            merged.append(cell)
            keys = []
            for rctx in rows:
                values = [_as_text(m.value(rctx)) for m in merged]
                keys.append("\x00".join(values) if values[-1] else "")
            for start, length in merge_runs(keys):
                self.add(
                    column, rows[start], first + start, col, span, f"{where}.columns[{i}]",
                    rowspan=length, repeat=True, default_style="center",
                )  # fmt: skip
        # The body: every column checked and prepared once, then filled row by row.
        plain = []
        for i, column, col, span, merge in columns:
            if merge:
                continue
            self.check_span(col, span, f"{where}.columns[{i}]")
            cell = self.r.compiled(column)
            repeat = False if cell.repeat is None else cell.repeat
            plain.append((cell, col, span, cell.style or self.r.styles["text"], repeat))
        add, value_text = self.form.add, self.r.value_text
        for r, rctx in enumerate(rows):
            for cell, col, span, style, repeat in plain:
                if cell.path is not None:
                    text, number = value_text(cell.format, cell.value(rctx), rctx)
                else:
                    text, number = render_text(cell.text, rctx), None
                add(
                    first + r, col, text, colspan=span, style=style, number=number, key=cell.key,
                    repeat_on_split=repeat,
                )  # fmt: skip
        self.row = first + len(rows)

    def _indicator_rows(self, source: str, ctx: dict) -> list[dict]:
        if source == "projects":
            pairs = [(p, ind) for p in ctx["projects"] for ind in p.indicators]
            return [
                {**ctx, "project": p, "indicator": ind, "row_number": n}
                for n, (p, ind) in enumerate(pairs, 1)
            ]
        indicators = resolve(source, ctx) or []
        return [{**ctx, "indicator": ind, "row_number": n} for n, ind in enumerate(indicators, 1)]

    def signature(self) -> None:
        """The block printed forms end with, after one spacer row; nothing when switched off."""
        doc = self.doc
        if not doc.signature.enabled:
            return
        form = self.form
        n = form.n_cols
        self.row += 1  # spacer between the table and the signatures
        form.add(self.row, 0, "", colspan=n, style=self.r.styles["plain_left"])
        self.row += 1
        lines = [
            f"{line['label']}：{getattr(doc.signature, line['field']) or BLANK_LINE}"
            for line in self.r.signature_lines
        ]
        per_row = self._signatures_per_row(len(lines))
        spans = split_columns(form.col_widths_mm, per_row)
        style = self.r.styles["signature"]
        for first in range(0, len(lines), per_row):
            for text, (start, stop) in zip(lines[first : first + per_row], spans, strict=False):
                form.add(self.row, start, text, colspan=stop - start, style=style, key="signature")
            self.row += 1
        if self.r.stamp:
            form.add(
                self.row, 0, self.r.stamp, colspan=n, style=self.r.styles["plain_right"],
                key="signature",
            )  # fmt: skip
            self.row += 1

    def _signatures_per_row(self, count: int) -> int:
        """All fields on one row where each gets room, else two a row, else one a row."""
        widths = self.form.col_widths_mm
        for per_row in dict.fromkeys((count, 4, 2)):
            if 1 < per_row <= len(widths) and per_row <= max(count, 2):
                parts = split_columns(widths, per_row)
                if min(sum(widths[a:b]) for a, b in parts) >= self.r.signature_min:
                    return per_row
        return 1


def _column_cell(column: dict) -> dict:
    """An indicator column as a cell: its field (relative to the indicator) or text."""
    cell = {k: v for k, v in column.items() if k in ("text", "format", "key", "style", "repeat")}
    if "field" in column:
        name = column["field"]
        cell["field"] = name if name.split(".")[0] in ROOT_NAMES else f"indicator.{name}"
        cell.setdefault("key", name)
    return cell
