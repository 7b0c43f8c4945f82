"""The hidden ``goaleditor`` sheet: what a workbook is and what its forms do not show.

Column A holds a key, B a value (JSON where structured).  The visible cells stay the
truth for everything printed: the importer reads them by their labels, so a clerk's
edits count.  The hidden sheet adds the document settings (layout, unit code and
name, year, signature) and the fields a layout does not print, matched back to
indicators by name, so that export → import gives the same document.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..forms import fields as printed
from ..forms.project import indicator_name
from ..model import DepartmentGoals, Document, Indicator, Project
from ..storage import to_json_value

META_SHEET = "goaleditor"
META_FORMAT = "goaleditor-xlsx"
META_VERSION = 1

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


def hidden_fields(obj: Any, shown: set[str], skip: tuple[str, ...] = ()) -> dict:
    """Fields of *obj* not in *shown* that differ from their default, as JSON data."""
    default = type(obj)()
    out = {}
    for f in dataclasses.fields(obj):
        if f.name in shown or f.name in skip:
            continue
        value = getattr(obj, f.name)
        if value != getattr(default, f.name):
            out[f.name] = to_json_value(value)
    return out


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


def department_extras(kind: str, dept: DepartmentGoals) -> dict:
    extras = hidden_fields(dept, printed.DEPARTMENT_FIELDS[kind], skip=("indicators",))
    budget = hidden_fields(dept.budget, printed.DEPARTMENT_BUDGET_FIELDS[kind])
    if budget and "budget" in printed.DEPARTMENT_FIELDS[kind]:
        extras["budget"] = budget
    if "tasks" in printed.DEPARTMENT_FIELDS[kind]:
        tasks = [hidden_fields(t, printed.TASK_FIELDS[kind]) for t in dept.tasks]
        if any(tasks):
            extras["tasks"] = tasks
    indicators = _indicator_extras(dept.indicators, printed.department_indicator_fields(kind))
    if indicators:
        extras["indicators"] = indicators
    return extras


def write_meta(wb: Workbook, doc: Document, sheets: list[tuple[str, str, dict]], source: str):
    """Add the hidden sheet; *sheets* lists (sheet name, kind, extras) in workbook order."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    settings = {name: to_json_value(getattr(doc, name)) for name in DOCUMENT_SETTINGS}
    rows: list[list[Any]] = [
        ["format", META_FORMAT],
        ["version", META_VERSION],
        ["source", source],
        ["document", _json(settings)],
        ["说明", "本工作表由 goaleditor 生成，记录版式和表上未显示的内容，请勿修改。"],
    ]
    rows += [["sheet", name, kind, _json(extras)] for name, kind, extras in sheets]
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


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


def read_meta(ws: Worksheet) -> Meta | None:
    """The metadata of a goaleditor workbook, or None when *ws* is not ours or is damaged."""
    values: dict[str, Any] = {}
    sheets: dict[str, tuple[str, dict]] = {}
    try:
        for row in ws.iter_rows(values_only=True):
            if not row or row[0] is None:
                continue
            if row[0] == "sheet" and len(row) >= 4:
                sheets[str(row[1])] = (str(row[2]), json.loads(row[3] or "{}"))
            else:
                values[str(row[0])] = row[1] if len(row) > 1 else None
        if values.get("format") != META_FORMAT:
            return None
        settings = json.loads(values.get("document") or "{}")
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(settings, dict):
        return None
    return Meta(str(values.get("source") or SOURCE_EXPORT), settings, sheets)


__all__ = [
    "KIND_DEPARTMENT",
    "KIND_PROJECT",
    "META_SHEET",
    "SOURCE_EXPORT",
    "SOURCE_TEMPLATE",
    "Meta",
    "department_extras",
    "project_extras",
    "read_meta",
    "write_meta",
]
