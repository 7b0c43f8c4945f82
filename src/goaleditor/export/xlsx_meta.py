"""The hidden ``goaleditor`` sheet: what a workbook is and what its forms do not show.

The visible cells stay the truth for everything printed: the importer reads them by
their labels, so a clerk's edits count.  The hidden sheet adds the document settings
(layout, unit code and name, year, signature) and the fields a layout does not print,
matched back to indicators by name, so that export → import gives the same document.

Layout (version 2): column A holds a key, B a value.  All the data is one JSON text,
``{"document": settings, "sheets": [[name, kind, extras], …]}``, cut into parts of at
most `PART_CHARS` characters (an Excel cell holds 32,767), one ``part`` row each; the
``payload`` row gives the number of parts, the length and the SHA-256 of the whole,
so a sheet with a part missing, cut or changed is reported as damaged, never read
wrongly.  Version 1 (one cell per value, cut at 32,767 characters) is still read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet
    from xlsxwriter.workbook import Workbook

from ..forms import fields as printed
from ..forms.project import indicator_name
from ..model import DepartmentGoals, Document, Indicator, Project
from ..storage import to_json_value

META_SHEET = "goaleditor"
META_FORMAT = "goaleditor-xlsx"
META_VERSION = 2
#: Excel's limit on the text of a cell, in UTF-16 code units (as Excel counts).
CELL_TEXT_MAX = 32767
#: Ends the visible part of a text too long for its cell; the rest is in the hidden sheet.
CUT_MARK = "……（超出 Excel 单元格上限，全文在隐藏工作表中，导入时恢复）"

#: Characters per part: even text made only of characters outside the BMP (two
#: UTF-16 units each, as Excel counts) stays under Excel's 32,767 per cell.
PART_CHARS = 16000

#: Document fields that no form prints (or prints only combined, as the unit line).
DOCUMENT_SETTINGS = (
    "unit_code",
    "unit_name",
    "fiscal_year",
    "money_unit",
    "title",
    "layout",
    "signature",
)

SOURCE_EXPORT = "export"
SOURCE_TEMPLATE = "template"

KIND_DEPARTMENT = "department"
KIND_PROJECT = "project"
#: The one sheet of a list layout: every indicator of every project, a row each.
KIND_LIST = "list"


def hidden_fields(obj: Any, shown: set[str], skip: tuple[str, ...] = ()) -> dict:
    """Fields of *obj* not in *shown* that differ from their default, as JSON data."""
    out = {}
    for name, default in _defaults(type(obj)):
        if name in shown or name in skip:
            continue
        value = getattr(obj, name)
        if value != default:
            out[name] = to_json_value(value)
    return out


@cache
def _defaults(kind: type) -> tuple[tuple[str, Any], ...]:
    """(name, default value) of each field of the dataclass *kind* (only compared with,
    never handed out)."""
    default = kind()
    return tuple((f.name, getattr(default, f.name)) for f in dataclasses.fields(kind))


def _indicator_extras(indicators: list[Indicator], shown: set[str]) -> list[dict]:
    extras = []
    for ind in indicators:
        hidden = hidden_fields(ind, shown)
        if hidden:
            extras.append({"printed_name": indicator_name(ind), **hidden})
    return extras


def project_extras(doc: Document, project: Project) -> dict:
    extras = hidden_fields(project, printed.project_fields(doc.layout), skip=("indicators",))
    indicators = _indicator_extras(project.indicators, printed.project_indicator_fields(doc.layout))
    if indicators:
        extras["indicators"] = indicators
    return extras


def list_extras(doc: Document, indices: list[int]) -> dict:
    """A list layout's sheet: each project's code, name and number of indicator rows (a
    project without indicators prints no row), and what the list does not print."""
    projects = []
    for index in indices:
        p = doc.projects[index]
        entry = {"code": p.code, "name": p.name, "rows": len(p.indicators)}
        projects.append({**entry, "extras": project_extras(doc, p)})
    return {"projects": projects}


def department_extras(kind: str, dept: DepartmentGoals, layout_id: str = "") -> dict:
    """What the department form of *kind* (printed in the layout file *layout_id*, if
    given) does not print; lists it does not print at all (the text form's tasks and
    indicators) are kept whole."""
    if layout_id:
        shown, task_fields, budget_fields, indicator_fields = printed.department_layout_fields(
            layout_id
        )
    else:
        shown = printed.DEPARTMENT_FIELDS[kind]
        task_fields = printed.TASK_FIELDS[kind]
        budget_fields = printed.DEPARTMENT_BUDGET_FIELDS[kind]
        indicator_fields = printed.department_indicator_fields(kind)
    extras = hidden_fields(dept, shown, skip=("indicators",) if "indicators" in shown else ())
    if "indicators" not in shown:
        return extras
    budget = hidden_fields(dept.budget, budget_fields)
    if budget and "budget" in shown:
        extras["budget"] = budget
    if "tasks" in shown:
        tasks = [hidden_fields(t, task_fields) for t in dept.tasks]
        if any(tasks):
            extras["tasks"] = tasks
    indicators = _indicator_extras(dept.indicators, indicator_fields)
    if indicators:
        extras["indicators"] = indicators
    return extras


def cut_to_cell(text: str) -> str:
    """*text* as a cell can hold it: whole, or its beginning and `CUT_MARK`."""
    if len(text) <= CELL_TEXT_MAX // 2 or _utf16_len(text) <= CELL_TEXT_MAX:
        return text
    room = CELL_TEXT_MAX - len(CUT_MARK)
    end = room
    while _utf16_len(text[:end]) > room:  # characters outside the BMP count twice
        end -= (_utf16_len(text[:end]) - room + 1) // 2 or 1
    return text[:end] + CUT_MARK


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


#: Sheet name → (row, column, whole text) of each cell whose text `cut_to_cell` cut.
CutTexts = dict[str, list[tuple[int, int, str]]]


def write_meta(
    wb: Workbook,
    doc: Document,
    sheets: list[tuple[str, str, dict]],
    source: str,
    cut: CutTexts | None = None,
):
    """Add the hidden sheet; *sheets* lists (sheet name, kind, extras) in workbook order,
    *cut* the texts too long for their cells."""
    ws = wb.add_worksheet(META_SHEET)
    ws.hide()
    settings = {name: to_json_value(getattr(doc, name)) for name in DOCUMENT_SETTINGS}
    data: dict[str, Any] = {"document": settings, "sheets": [list(s) for s in sheets]}
    if cut:
        data["cut"] = {name: [list(c) for c in cells] for name, cells in cut.items()}
    payload = _json(data)
    for r, row in enumerate(meta_rows(source, payload)):
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value)


def meta_rows(source: str, payload: str) -> list[list[Any]]:
    """The rows of the hidden sheet that holds the JSON text *payload*."""
    parts = [payload[i : i + PART_CHARS] for i in range(0, len(payload), PART_CHARS)]
    rows: list[list[Any]] = [
        ["format", META_FORMAT],
        ["version", META_VERSION],
        ["source", source],
        ["说明", "本工作表由 goaleditor 生成，记录版式和表上未显示的内容，请勿修改。"],
        ["payload", len(parts), len(payload), _digest(payload)],
    ]
    return rows + [["part", n, text] for n, text in enumerate(parts, 1)]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: Characters JSON leaves as they are but an .xlsx cannot hold (see `clean_text`);
#: they only occur inside JSON strings, where a ``\uXXXX`` escape keeps them exactly.
_JSON_UNSAFE = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclasses.dataclass
class Meta:
    source: str
    settings: dict
    #: sheet name → (kind, extras), in workbook order.
    sheets: dict[str, tuple[str, dict]]
    cut: CutTexts = dataclasses.field(default_factory=dict)


class MetaDamaged(ValueError):
    """The hidden sheet is ours but cannot be read; the message (Chinese) says why."""


def read_meta(ws: Worksheet) -> Meta | None:
    """The metadata of a goaleditor workbook, or None when *ws* is not ours.

    Raises `MetaDamaged` when it is ours but damaged: a part missing, cut or changed.
    """
    values: dict[str, Any] = {}
    rows: list[tuple] = []
    for row in ws.iter_rows(values_only=True):
        if not row or row[0] is None:
            continue
        rows.append(row)
        values.setdefault(str(row[0]), row[1] if len(row) > 1 else None)
    if values.get("format") != META_FORMAT:
        return None
    source = str(values.get("source") or SOURCE_EXPORT)
    if "payload" not in values:
        return _read_version_1(source, values, rows)
    payload = _payload(rows)
    try:
        data = json.loads(payload)
        settings, sheets = data["document"], data["sheets"]
        if not isinstance(settings, dict):
            raise TypeError("settings")
        by_name = {str(name): (str(kind), extras) for name, kind, extras in sheets}
        cut = {
            str(name): [(int(r), int(c), str(text)) for r, c, text in cells]
            for name, cells in data.get("cut", {}).items()
        }
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as err:
        raise MetaDamaged("内容无法读取（格式不对）") from err
    return Meta(source, settings, by_name, cut)


def _payload(rows: list[tuple]) -> str:
    """The JSON text of the parts, checked against the ``payload`` row."""
    head = next(row for row in rows if row[0] == "payload")
    try:
        count, length, digest = int(head[1]), int(head[2]), str(head[3])
    except (IndexError, TypeError, ValueError) as err:
        raise MetaDamaged("记录数据段数的一行已损坏") from err
    parts: dict[int, str] = {}
    for row in rows:
        if row[0] == "part" and len(row) > 1 and isinstance(row[1], (int, float)):
            parts[int(row[1])] = "" if len(row) < 3 or row[2] is None else str(row[2])
    if sum(1 for n in parts if 1 <= n <= count) < count:
        missing: list[int] = []
        n = 1
        while len(missing) <= 5 and n <= count:  # the first few: *count* may be anything
            if n not in parts:
                missing.append(n)
            n += 1
        raise MetaDamaged(f"缺少数据段（共 {count} 段，缺第 {_numbers(missing)} 段）")
    text = "".join(parts[n] for n in range(1, count + 1))
    if len(text) != length:
        raise MetaDamaged(f"数据被截断或改动（应有 {length} 个字符，实有 {len(text)} 个）")
    if _digest(text) != digest:
        raise MetaDamaged("数据校验不符，内容被改动过")
    return text


def _numbers(ns: list[int]) -> str:
    shown = "、".join(str(n) for n in ns[:5])
    return shown + ("……" if len(ns) > 5 else "")


def _read_version_1(source: str, values: dict, rows: list[tuple]) -> Meta:
    """A workbook written before version 2: JSON straight in the cells."""
    sheets: dict[str, tuple[str, dict]] = {}
    try:
        for row in rows:
            if row[0] == "sheet" and len(row) >= 4:
                sheets[str(row[1])] = (str(row[2]), json.loads(row[3] or "{}"))
        settings = json.loads(values.get("document") or "{}")
    except (ValueError, TypeError, RecursionError) as err:
        raise MetaDamaged("内容无法读取（格式不对）") from err
    if not isinstance(settings, dict):
        raise MetaDamaged("内容无法读取（格式不对）")
    return Meta(source, settings, sheets)


__all__ = [
    "KIND_DEPARTMENT",
    "KIND_LIST",
    "KIND_PROJECT",
    "META_SHEET",
    "SOURCE_EXPORT",
    "SOURCE_TEMPLATE",
    "Meta",
    "MetaDamaged",
    "cut_to_cell",
    "department_extras",
    "list_extras",
    "project_extras",
    "read_meta",
    "write_meta",
]
