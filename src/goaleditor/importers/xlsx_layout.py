"""Read a form printed from a layout file back, by the layout's own description.

Project and department forms and list layouts (one row per indicator of every project).
The layout says which label stands where and which field each cell shows: the form
is rendered once for an empty project (`forms.render.Renderer`), each row of it
carrying labels is found on the sheet by those labels at their columns, and each field
cell is read where the layout puts it.  The indicator table is found by its headers;
each column's field and format come from the layout, so the layout's own columns
(``extra.备注``), 权重, 指标解释 … are read too, and 指标性质 · 指标值 · 度量单位 printed
apart are joined back into one typed value (``≥`` ``95`` ``%`` → ``≥95%``).
"""

from __future__ import annotations

import copy
import re
import typing
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ..forms import _context
from ..forms.render import Renderer, condition
from ..grid import Cell
from ..layouts import LayoutSpec
from ..layouts.spec import walk_blocks
from ..model import DepartmentGoals, Document, Indicator, Project
from ..storage import readable_path
from .xlsx_reader import FormReader
from .xlsx_sheet import as_text, norm, split_numbered

#: Formats of the three columns a typed 指标值 is printed apart in.
VALUE_PARTS = ("sign", "number", "unit")


def unit_line_lead(spec: LayoutSpec, doc: Document) -> str:
    """The text *spec* prints before the unit's code and name on its unit line
    (``填报单位（盖章）：``), "" when none."""
    blank = copy.copy(doc)
    blank.unit_code = blank.unit_name = ""
    ctx = {
        **_context(blank),
        "project": Project(),
        "department": DepartmentGoals(),
        "projects": [],
        "number": 1,
        "title": "",
    }
    probe = Renderer(spec).build(ctx, "probe")
    return next((c.text.strip() for c in probe.cells if c.key == "unit_line"), "")


def read_layout_project(reader: FormReader, spec: LayoutSpec, doc: Document) -> Project:
    """The project on *reader*'s sheet, printed in *spec*; fields that could not be found
    are named in a note."""
    p = Project()
    missing: list[str] = []
    cursor, _placed = _read_cells(reader, spec, doc, "project", p, missing)
    if not any(v is not None for v in p.spending_plan):
        p.spending_plan = []  # a plan left entirely blank is no plan
    p.indicators = read_layout_indicators(reader, spec, cursor, missing, holds=_holds(doc))
    _note_missing(reader, spec, missing)
    return p


def read_layout_department(reader: FormReader, spec: LayoutSpec, doc: Document) -> DepartmentGoals:
    """The department form on *reader*'s sheet, printed in *spec*: its cells, the lists
    printed a row (or rows) per item (``each``: tasks …), its indicators."""
    dept = DepartmentGoals()
    missing: list[str] = []
    cursor, placed = _read_cells(reader, spec, doc, "department", dept, missing)
    holds = _holds(doc)
    table = _indicator_header(reader, spec, cursor, holds)
    for block in walk_blocks(spec.data["rows"]):
        if "each" in block and block["each"].startswith("department."):
            _read_items(reader, spec, doc, block, placed, table, dept)
    dept.indicators = read_layout_indicators(reader, spec, cursor, missing, holds=holds)
    _note_missing(reader, spec, missing)
    return dept


def _holds(doc: Document) -> Callable[[str | list], bool]:
    """Whether a layout condition (an indicator column's ``when``) holds for *doc*."""
    ctx = _context(doc)
    return lambda when: condition(when, ctx)


def _indicator_header(reader: FormReader, spec: LayoutSpec, start: int, holds) -> int | None:
    """The sheet row of the indicator table's header (from *start* on), None without one."""
    columns = spec.indicator_columns(holds)
    found = reader.view.find(columns[0][0], start) if columns else None
    return None if found is None else found[0]


def _note_missing(reader: FormReader, spec: LayoutSpec, missing: list[str]) -> None:
    if missing:
        names = "、".join(dict.fromkeys(missing))
        reader.note(0, f"按版式“{spec.name}”未找到这些栏目，未能读入：{names}。")


def _probe(spec: LayoutSpec, doc: Document, root: str, obj: Any):
    ctx = {**_context(doc), root: obj, "projects": [], "number": 1, "title": ""}
    return Renderer(spec).build(ctx, "probe")


def _read_cells(
    reader: FormReader, spec: LayoutSpec, doc: Document, root: str, obj: Any, missing: list[str]
) -> tuple[int, dict[int, int]]:
    """Read the field cells above the indicator table into *obj* (the *root* object);
    (the sheet row after the last row found, probe row → sheet row of each row found).

    The probe is the form drawn with empty lists: a list printed a row per item
    (``each``) stands between two rows of it, see `_read_items`."""
    probe = _probe(spec, doc, root, type(obj)())
    header = probe.repeat_rows[0] if probe.repeat_rows else probe.n_rows
    rows: dict[int, list[Cell]] = defaultdict(list)
    for cell in probe.cells:
        if cell.row < header:
            rows[cell.row].append(cell)
    formats = {_own_key(k, root): f for k, f in spec.cell_formats().items()}
    fields_of = type(obj).__dataclass_fields__
    placed: dict[int, int] = {}
    cursor, last = 0, None  # next sheet row to search from; (probe row, sheet row) last found
    found_last = False
    for r in sorted(rows):
        fields = [
            c
            for c in rows[r]
            if _own_key(c.key, root) in formats and _own_key(c.key, root).split(".")[0] in fields_of
        ]
        labels = _labels(rows[r])
        if not fields and not labels:
            continue  # the signature block, a blank spacer: nothing to find or read
        at = _find_row(reader, labels, cursor) if labels else None
        if at is None and last is not None and not labels and found_last:
            at = last[1] + r - last[0]  # a row of fields only: where it stands after the last
        found_last = at is not None
        if at is None:
            missing.extend(_label_left(rows[r], c, root) for c in fields)
            continue
        placed[r] = at
        cursor, last = at + 1, (r, at)
        for cell in fields:
            key = _own_key(cell.key, root)
            fmt = formats[key]
            label = _label_left(rows[r], cell, root)
            _set(obj, key, _read(reader, at, cell.col, fmt, key, label))
    return cursor, placed


def _labels(cells: list[Cell]) -> list[tuple[int, str]]:
    """(column, text) of the label cells of a row of a drawn form."""
    return [(c.col, norm(c.text)) for c in cells if not c.key and c.text.strip()]


def _own_key(key: str, root: str) -> str:
    return key.removeprefix(f"{root}.")


def _read_items(
    reader: FormReader,
    spec: LayoutSpec,
    doc: Document,
    block: dict,
    placed: dict[int, int],
    table: int | None,
    owner,
) -> None:
    """The items of the ``each`` list *block* of *owner* (tasks, 分项目标, 保障措施 …),
    appended to its list.

    The list's rows stand on the sheet between the rows found around it (*placed*:
    probe row → sheet row; *table*: the indicator header's sheet row, or the signature
    or the form's end where nothing follows).  An item prints one row per row of the
    block; a row shown only when a field of the item is filled (``"when": "item.goal"``)
    may be absent, so a row that reads as the start of the next item (its number)
    starts it."""
    name = block["each"].split(".")[-1]
    items = getattr(owner, name, None)
    item_type = typing.get_args(typing.get_type_hints(type(owner)).get(name))
    if not isinstance(items, list) or not item_type:
        return
    cls = item_type[0]
    root = block["each"].split(".")[0]
    full = _filled(cls)
    with_one = _probe(spec, doc, root, type(owner)(**{name: [full]}))
    without = _probe(spec, doc, root, type(owner)())
    first = next(
        (r for r in range(with_one.n_rows) if _row_of(with_one, r) != _row_of(without, r)),
        without.n_rows,
    )
    ctx = {**_context(doc), root: owner, "item": full, "n": 1}
    shapes = []  # ((cell spec, drawn cell) pairs, optional?) of each row an item prints
    drawn_row = first
    for row in block["rows"]:
        if "cells" not in row or not condition(row.get("when"), ctx):
            continue
        specs = [c for c in row["cells"] if condition(c.get("when"), ctx)]
        drawn = sorted((c for c in with_one.cells if c.row == drawn_row), key=lambda c: c.col)
        optional = "item" in str(row.get("when", ""))
        shapes.append((list(zip(specs, drawn, strict=False)), optional))
        drawn_row += 1
    if not shapes:
        return
    rows = _item_rows(reader, placed, first, table)
    current, pos = None, 0
    n = 0  # the number of the item being read, as printed (blank items count)
    for r in rows:
        if reader.view.row_is_blank(r):
            if current is not None and pos < len(shapes) and shapes[pos][1]:
                pos += 1  # a row left blank where an item may print one (a template's goal)
            continue
        starts = current is None or pos >= len(shapes)
        if not starts and all(optional for _pairs, optional in shapes[pos:]):
            starts = _numbered_start(reader, shapes[0][0], r, n + 1)
        if starts:
            if current is not None and current != _empty(cls):
                items.append(current)
            current, pos, n = _empty(cls), 0, n + 1
        for cell_spec, cell in shapes[pos][0]:
            if "field" in cell_spec and cell_spec["field"].startswith("item."):
                key = cell_spec["field"].removeprefix("item.")
                fmt = cell_spec.get("format", "text")
                _set(current, key, _read(reader, r, cell.col, fmt, cell_spec.get("key", key)))
            elif "text" in cell_spec:
                shown = reader.view.text(r, cell.col)
                found = _reverse(cell_spec["text"], shown, n) or _reverse(cell_spec["text"], shown)
                if cls is str:
                    current = found.get("item", current)
                else:
                    for key, value in found.items():
                        _set(current, key, value)
        pos += 1
    if current is not None and current != _empty(cls):
        items.append(current)


def _empty(cls):
    return "" if cls is str else cls()


def _filled(cls):
    """An item of *cls* whose every text field is filled (so each of its rows prints)."""
    if cls is str:
        return "x"
    item = cls()
    for name, value in vars(item).items():
        if isinstance(value, str):
            setattr(item, name, "x")
    return item


def _numbered_start(reader: FormReader, pairs: list, r: int, n: int) -> bool:
    """Whether sheet row *r* shows the numbered first row of item *n*."""
    for cell_spec, cell in pairs:
        text = cell_spec.get("text")
        if text and "{n}" in str(text):
            return bool(_reverse(text, reader.view.text(r, cell.col), n, strict=True))
    return False


def _item_rows(reader: FormReader, placed: dict[int, int], first: int, table: int | None):
    """The sheet rows of a list drawn before probe row *first*, less the header printed
    again above them where the list goes on over a page."""
    before = [p for p in placed if p < first]
    after = [p for p in placed if p >= first]
    if not before:
        return []
    prev = max(before)
    start = placed[prev] + first - prev
    view = reader.view
    if after:
        end = placed[min(after)]
    else:
        end = table if table is not None else view.n_rows
        for r in range(start, end):
            if reader.is_signature_row(r):
                end = r
                break
    head = [(c, norm(text)) for c, text in view.row_cells(placed[prev]) if text.strip()]
    return [r for r in range(start, end) if not head or _find_row(reader, head, r) != r]


def _row_of(form, r: int) -> list[tuple[int, str, str]]:
    return sorted((c.col, c.text, c.key) for c in form.cells if c.row == r)


def _reverse(text: str | list, shown: str, n: int | None = None, strict: bool = False):
    """The item fields a cell printed from *text* (``{n}{number_style}{item.name}``) shows;
    *n*: the item's number, when known.  ``{item}`` (a list of texts) gives ``item``.
    *strict*: only an alternative that prints the number counts."""
    for alternative in text if isinstance(text, list) else [text]:
        if strict and "{n}" not in alternative:
            continue
        regex = ""
        for part in re.split(r"(\{[^{}]*\})", alternative):
            if part == "{n}":
                regex += re.escape(str(n)) if n is not None else r"\d*"
            elif part == "{number_style}":
                regex += "[、.．]" if strict else "[、.．]?"
            elif part == "{item}":
                regex += "(?P<item>.*?)"
            elif part.startswith("{item."):
                regex += f"(?P<{part[6:-1].replace('.', '__')}>.*?)"
            elif part.startswith("{"):
                regex += ".*?"
            else:
                regex += re.escape(part)
        match = re.fullmatch(regex, shown.rstrip() if strict else shown, re.S)
        if match:
            return {k.replace("__", "."): v for k, v in match.groupdict().items()}
    return {}


def match_department_layout(reader: FormReader, doc: Document) -> LayoutSpec | None:
    """The department layout file (not a classic form: those are told apart by one label
    each, see `importers.xlsx`) all of whose labelled rows above the indicator table are on
    the sheet, the one with most such rows; None when none is."""
    from ..forms import layout_choice
    from ..layouts import registry

    best, most = None, 0
    for spec in registry().of_kind("department"):
        if not layout_choice(spec.id, "")[1]:
            continue
        probe = _probe(spec, doc, "department", DepartmentGoals())
        header = probe.repeat_rows[0] if probe.repeat_rows else probe.n_rows
        rows: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for c in probe.cells:
            if c.row < header and not c.key and c.text.strip() and c.row > 0:
                rows[c.row].append((c.col, norm(c.text)))
        cursor, found = 0, 0
        for r in sorted(rows):
            at = _find_row(reader, rows[r], cursor)
            if at is None:
                break
            cursor, found = at + 1, found + 1
        else:
            if found > most:
                best, most = spec, found
    return best


def match_layout(view) -> LayoutSpec | None:
    """The project layout file with the most indicator headers, all printed on one row
    of the sheet (for a workbook whose hidden sheet is lost); None when none does.  The
    classic forms share their headers, so they are not matched here: their switches are
    read from the rows they print (`importers.xlsx`)."""
    from ..forms import layout_choice
    from ..layouts import registry

    best, most = None, 0
    for spec in registry().of_kind("project") + registry().of_kind("list"):
        if not layout_choice(spec.id, "")[1]:
            continue  # a classic form: told by its rows, not by its headers
        columns = spec.indicator_columns()
        if not columns:
            continue
        first = view.find(columns[0][0])
        if first is None:
            continue
        printed = {norm(text) for _c, text in view.row_cells(first[0])}
        headers = {norm(column[0]) for column in columns}
        if headers <= printed and len(headers) > most:
            best, most = spec, len(headers)
    return best


def read_layout_list(
    reader: FormReader, spec: LayoutSpec, entries: list[dict], doc: Document
) -> list[tuple[Project, dict]]:
    """The projects of a list layout's sheet (one row per indicator, with the project's
    code and name), each with what the hidden sheet keeps of it ({} when nothing).

    *entries* (from the hidden sheet: code, name, number of rows and extras of each
    project, in order) bring back the projects without indicators and the order; rows
    of a project the entries do not know (added by the clerk) become a project too.
    """
    owners: dict[int, tuple[str, str]] = {}

    def seen(ind: Indicator, texts: dict[str, str]) -> None:
        owners[id(ind)] = (
            texts.get("project.code", "").strip(),
            texts.get("project.name", "").strip(),
        )

    missing: list[str] = []
    indicators = read_layout_indicators(reader, spec, 0, missing, seen, _holds(doc))
    if missing:
        reader.note(0, f"按版式“{spec.name}”未找到这些栏目，未能读入：{'、'.join(missing)}。")
    groups: list[tuple[tuple[str, str], list[Indicator]]] = []
    for ind in indicators:
        key = owners[id(ind)]
        if groups and groups[-1][0] == key:
            groups[-1][1].append(ind)
        else:
            groups.append((key, [ind]))
    out: list[tuple[Project, dict]] = []
    for entry in entries:
        key = (str(entry.get("code", "")), str(entry.get("name", "")))
        extras = entry.get("extras") if isinstance(entry.get("extras"), dict) else {}
        if not entry.get("rows"):
            out.append((Project(code=key[0], name=key[1]), extras))
            continue
        at = next((i for i, (k, _inds) in enumerate(groups) if k == key), None)
        if at is None:
            continue  # its rows were deleted on the sheet
        for (code, name), inds in groups[:at]:
            out.append((Project(code=code, name=name, indicators=inds), {}))
        (code, name), inds = groups[at]
        del groups[: at + 1]
        out.append((Project(code=code, name=name, indicators=inds), extras))
    for (code, name), inds in groups:
        out.append((Project(code=code, name=name, indicators=inds), {}))
    return out


def read_layout_indicators(
    reader: FormReader,
    spec: LayoutSpec,
    start: int = 0,
    missing: list[str] | None = None,
    seen: Callable[[Indicator, dict[str, str]], None] | None = None,
    holds: Callable[[str | list], bool] | None = None,
) -> list[Indicator]:
    """The indicator table printed in *spec*, found by its headers from row *start* on;
    *holds* leaves out the columns the document does not print (see `_holds`)."""
    columns = spec.indicator_columns(holds)
    if not columns:
        return []
    view = reader.view
    first = view.find(columns[0][0], start)
    if first is None:
        if missing is not None:
            missing.append("绩效指标")
        return []
    found = {norm(text): c for c, text in view.row_cells(first[0])}
    fields: dict[str, int] = {}
    for head, field, fmt in columns:
        c = found.get(norm(head))
        name = f"value.{fmt}" if field == "value" and fmt in VALUE_PARTS else field
        if field == "row_number":
            continue  # 序号 is no data (and a template prints it on blank rows)
        if c is None:
            if missing is not None:
                missing.append(head)
        else:
            fields.setdefault(name, c)
    patterns: dict[str, list[re.Pattern]] = {}
    for n, (head, texts) in enumerate(_text_columns(spec, holds)):
        c = found.get(norm(head))
        if c is not None and c not in fields.values():
            fields[f"text.{n}"] = c
            patterns[f"text.{n}"] = texts

    def make(texts: dict[str, str]) -> Indicator:
        ind = _typed(texts, patterns)
        if seen is not None:
            seen(ind, texts)
        return ind

    return reader.indicators(first, fields, make)


_PLACEHOLDER = re.compile(r"\{indicator\.(\w+)\}")


def _text_columns(spec: LayoutSpec, holds=None) -> list[tuple[str, list[re.Pattern]]]:
    """(header, patterns) of each indicator column printed from a text of indicator fields
    (``{indicator.basis_type}：{indicator.basis}``): one pattern per alternative, whose
    named groups give the fields back.  Columns with other placeholders are left out."""
    out = []
    for column in spec.indicator_column_specs(holds):
        if "text" not in column:
            continue
        texts = column["text"] if isinstance(column["text"], list) else [column["text"]]
        patterns = []
        for text in texts:
            rest = _PLACEHOLDER.sub("", text)
            if "{" in rest.replace("{{", "").replace("}}", ""):
                break  # some other placeholder: not an indicator's own text
            parts = re.split(r"(\{indicator\.\w+\})", text)
            regex = "".join(
                f"(?P<{m.group(1)}>.*?)" if (m := _PLACEHOLDER.fullmatch(part)) else
                re.escape(part.replace("{{", "{").replace("}}", "}"))
                for part in parts
            )  # fmt: skip
            patterns.append(re.compile(f"^{regex}$", re.S))
        else:
            if patterns:
                out.append((column["header"], patterns))
    return out


def _typed(texts: dict[str, str], patterns: dict[str, list[re.Pattern]]) -> Indicator:
    """An indicator from the texts of its columns by field (``value.sign``, ``extra.remark``;
    ``text.N`` a column printed from a text of fields, *patterns* give them back)."""
    ind = Indicator()
    parts = {}
    for field, text in texts.items():
        if field in patterns:
            match = next((m for p in patterns[field] if (m := p.match(text.strip()))), None)
            for name, value in (match.groupdict() if match and text.strip() else {}).items():
                if hasattr(ind, name) and isinstance(getattr(ind, name), str):
                    setattr(ind, name, value)
        elif field.startswith("value."):
            parts[field[6:]] = text.strip()
        elif field.startswith("extra."):
            if text:
                ind.extra[field[6:]] = text
        elif field.startswith("project.") or field == "row_number":
            continue  # the list layouts' project columns and 序号: see `read_layout_list`
        elif field == "weight":
            ind.weight = _weight(text)
        elif hasattr(ind, field):
            setattr(ind, field, text)
    if parts and not ind.value:
        ind.value = join_value(
            parts.get("sign", ""), parts.get("number", ""), parts.get("unit", "")
        )
    return ind


def join_value(sign: str, number: str, unit: str) -> str:
    """The typed 指标值 of a form that prints it apart: ``≥`` ``95`` ``%`` → ``≥95%``;
    ``=`` is what a value without comparison prints, ``定性`` a value that is no number."""
    if sign in ("定性", "="):
        sign = ""
    return f"{sign}{number}{unit}"


def _weight(text: str) -> Decimal | None:
    text = text.strip().rstrip("%％")
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return value if value is None or 0 <= value <= 100 else None


def _label_left(cells: list[Cell], field: Cell, root: str) -> str:
    """What the form calls *field*: the nearest label left of it on its row."""
    labels = [c for c in cells if not c.key and c.text.strip() and c.col < field.col]
    if labels:
        return max(labels, key=lambda c: c.col).text
    return readable_path(_own_key(field.key, root))


def _find_row(reader: FormReader, labels: list[tuple[int, str]], start: int) -> int | None:
    """The first row from *start* with each label at its column.  Labels are looked at,
    not read: a formula there (the template's title and unit line) gets no note."""
    view = reader.view
    for r in range(start, view.n_rows):
        if all(norm(as_text(view.values.get(view.origin(r, c)))) == t for c, t in labels):
            return r
    return None


def _read(reader: FormReader, r: int, c: int, fmt: str, key: str, label: str = "") -> Any:
    """The value of the cell at (*r*, *c*) in *fmt*; *key* (``name``, ``budget.total``) is
    the field, *label* what the form calls it (for notes; default: the field's name)."""
    view = reader.view
    if fmt in ("amount", "percent"):
        what = label or readable_path(key)
        return reader.amount((r, c), what, view.raw(r, c), percent=fmt == "percent")
    text = view.text(r, c)
    if fmt == "numbered":  # a sheet goaleditor wrote keeps the blanks a goal begins with
        return split_numbered(text, exact=not reader.fill_down)
    if fmt == "lines":
        return [line for line in text.split("\n") if line.strip()]
    return text.strip() if key in ("name", "code") else text


def _set(obj: Any, key: str, value: Any) -> None:
    """Set *key* (``name``, ``budget.total``, ``extra.transfer``, ``spending_plan.0``) of *obj*."""
    *path, last = key.split(".")
    for part in path:
        obj = obj[int(part)] if isinstance(obj, list) else getattr(obj, part)
    if isinstance(obj, dict):
        if value not in (None, ""):
            obj[last] = value if isinstance(value, str) else str(value)
    elif isinstance(obj, list):
        index = int(last)
        obj.extend([None] * (index + 1 - len(obj)))
        obj[index] = value
    else:
        setattr(obj, last, value)
