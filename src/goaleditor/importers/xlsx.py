"""Read an Excel workbook made by goaleditor (an export or the fill-in template) back.

The visible forms are read by their layout files (see `xlsx_layout`); the hidden
``goaleditor`` sheet supplies the layout, the document settings and the fields the
forms do not print.  Without that sheet the layout is inferred from the forms, so a
workbook whose hidden sheet was lost (copied sheets, WPS "另存为") still imports.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import logging
import os
import re
import typing
import warnings
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..applog import faults_reported
from ..cancel import checkpoint
from ..errors import FileFormatError, ImportProblem
from ..export.template import INFO_SHEET
from ..export.xlsx_meta import (
    KIND_DEPARTMENT,
    KIND_LIST,
    KIND_PROJECT,
    META_SHEET,
    SOURCE_TEMPLATE,
    Meta,
    MetaDamaged,
    cut_to_cell,
    read_meta,
)
from ..forms import fields as printed_fields
from ..forms.project import indicator_name
from ..labels import DOCUMENT_LABELS, SIGNATURE_FIELDS
from ..layouts import builtin_layout, registry
from ..model import DepartmentGoals, Document, Indicator, Layout, Project, Task
from ..storage import FIELD_LABELS, from_json_value, readable_path
from .package import EXCEL, SheetFacts, read_package, sheet_parts
from .repair import repair
from .result import ImportNote, ImportResult
from .tidy import normalize_values
from .xlsx_layout import (
    match_department_layout,
    match_layout,
    read_layout_department,
    read_layout_list,
    read_layout_project,
    unit_line_lead,
)
from .xlsx_reader import FormReader
from .xlsx_sheet import SheetView, as_text, norm, unescape_controls
from .xlsx_stray import stray_notes

logger = logging.getLogger(__name__)

#: The 填报信息 sheet's labels → document field or `Signature` field.
INFO_LABELS = {
    **{label: name for name, label in DOCUMENT_LABELS.items()},
    **SIGNATURE_FIELDS,
}


#: Where a note about the document settings points.
META_WHERE = f"隐藏工作表“{META_SHEET}”"


def read_workbook(path: str | os.PathLike) -> ImportResult:
    """The document in *path*; `ImportProblem` (Chinese) when it is not a goaleditor workbook.

    Nothing else escapes: a damaged hidden sheet or an odd value becomes a note and a
    default, and the document returned is always one `storage.load` accepts.
    """
    path = Path(path)
    # The workbook opened: what the reader did not foresee in it is a fault of the
    # program, logged with its traceback, not a damaged file.
    with faults_reported(f"导入“{path.name}”", logger):
        wb, sheets = _open(path)
        try:
            return _read_book(wb, path, sheets)
        finally:
            wb.close()


def _read_book(wb, path: Path, sheets: dict[str, SheetFacts]) -> ImportResult:
    notes: list[ImportNote] = []
    meta = None
    if META_SHEET in wb.sheetnames:
        try:
            meta = read_meta(wb[META_SHEET])
        except MetaDamaged as err:
            notes.append(
                ImportNote(
                    META_WHERE, f"内容已损坏：{err}。版式按表格内容推断，表上未显示的内容未能读入。"
                )
            )
        except Exception:  # its XML, streamed only now, is damaged (the reader is read-only)
            notes.append(
                ImportNote(
                    META_WHERE,
                    "内容已损坏，无法读取。版式按表格内容推断，表上未显示的内容未能读入。",
                )
            )
        else:
            if meta is None:
                notes.append(
                    ImportNote(META_WHERE, "不是 goaleditor 写的内容，版式按表格内容推断。")
                )
    fill_down = meta is None or meta.source == SOURCE_TEMPLATE
    doc = Document()
    #: field path prefix → the sheet it was read from, for notes of `repair`.
    sources: dict[str, str] = {}

    def where(field_path: str) -> str:
        for prefix, sheet in sources.items():
            if field_path == prefix or field_path.startswith(prefix + "."):
                return sheet
        return META_WHERE if meta is not None else "导入的文档"

    if meta is not None:
        _apply_settings(doc, meta.settings, notes)
        # Before the sheets are read: the layout and money unit steer the reading.
        repair(doc, notes, where, path.name)
    found_any = False
    seen = _Printed()
    for ws in wb.worksheets:
        checkpoint()  # 取消 in the window stops here
        if ws.title == META_SHEET or ws.sheet_state != "visible":
            continue
        if ws.title == INFO_SHEET:
            _read_info(_view(ws, sheets), doc, notes)
            found_any = True
            continue
        cut = meta.cut.get(ws.title, ()) if meta is not None else ()
        view = _view(ws, sheets, cut, notes)
        kind, extras = _classify(view, meta, doc, notes)
        if kind is None:
            if not view.row_is_blank(0) or view.n_rows > 1:
                notes.append(ImportNote(f"工作表“{ws.title}”", "不是绩效目标表，已跳过。"))
            continue
        found_any = True
        printed = _printed_unit(view) if meta is None else None
        if printed is not None:  # the unit line (单位：万元) steers the amounts
            doc.money_unit = printed[1]
        if meta is None and kind == KIND_PROJECT and not doc.projects:
            kind = _infer_layout_file(doc, view)
        reader = FormReader(view, notes, fill_down, doc.money_unit)
        if meta is None and kind not in (KIND_PROJECT, KIND_LIST):
            spec = match_department_layout(reader, doc)
            if spec is not None:
                doc.layout.department_form = spec.edits
                doc.layout.department_layout = spec.id
                kind = spec.edits
        if printed is not None:
            printed = (_unit_line(doc, printed[0], kind), printed[1])
        if meta is None and not seen.numbered:
            style = _printed_number_style(view)
            if style is not None:  # the first form that numbers anything says how
                doc.layout.number_style, seen.numbered = style, True
        if kind == KIND_LIST:
            before = len(doc.projects)
            _read_list(reader, doc, extras, sources, notes)
            if meta is None:
                seen.project_units += [printed[0] if printed else None] * (
                    len(doc.projects) - before
                )
        elif kind == KIND_PROJECT:
            if meta is None and not doc.projects and not doc.layout.project_layout:
                _infer_project_layout(doc.layout, view)  # the flags say which rows to find
            project = _read_project(reader, doc)
            if meta is not None and meta.source == SOURCE_TEMPLATE and project_is_blank(project):
                notes.extend(stray_notes(view))
                continue
            _apply_extras(project, extras, notes, ws.title)
            sources[f"document.projects[{len(doc.projects)}]"] = f"工作表“{ws.title}”"
            doc.projects.append(project)
            if meta is None:
                seen.project_units.append(printed[0] if printed else None)
        else:
            if meta is None:  # before reading: the printed title and year are its labels
                _infer_department_print(doc, view, kind)
            dept = _read_department(reader, doc, kind)
            if meta is not None and meta.source == SOURCE_TEMPLATE and dept == DepartmentGoals():
                notes.extend(stray_notes(view))  # left blank: the layout stays, no empty form
                continue
            shown = printed_fields.DEPARTMENT_FIELDS.get(kind, set())
            unprinted = tuple(n for n in ("tasks", "indicators") if n not in shown)
            _apply_extras(dept, extras, notes, ws.title, unprinted)
            sources["document.department"] = f"工作表“{ws.title}”"
            doc.department = dept
            doc.layout.department_form = kind
            if meta is None:
                seen.department_unit = printed[0] if printed else None
        if meta is None or meta.source == SOURCE_TEMPLATE:
            seen.signature |= reader.signature(doc.signature)
        else:
            reader.signature_changes(doc.signature)
        if meta is None and printed is not None:
            seen.money_units.append(printed[1])
        notes.extend(formula_notes(view))
        notes.extend(stray_notes(view))
    if not found_any:
        raise ImportProblem(
            f"“{path.name}”不是 goaleditor 导出的 Excel 文件，也不是填报模板："
            "没有找到含“项目名称”和“一级指标”的绩效目标表。"
            "请用“goaleditor template”生成模板后填写，或在编辑器中导出 Excel。"
        )
    if meta is None and (doc.projects or doc.department is not None):
        # A damaged hidden sheet has its own note; a missing one gets the list below.
        _infer_settings(doc, seen, notes if META_SHEET not in wb.sheetnames else [])
    repair(doc, notes, where, path.name)
    return ImportResult(doc, notes, normalize_values(doc))


def _read_project(reader: FormReader, doc: Document):
    """A project form, read by the layout file it prints in (the classic forms' too)."""
    from ..forms import project_layout

    return read_layout_project(reader, project_layout(doc), doc)


def _read_department(reader: FormReader, doc: Document, kind: str):
    """A department form, read by the layout file it prints in (the classic forms' too)."""
    spec = registry().get(doc.layout.department_layout or kind)
    return read_layout_department(reader, spec, doc)


def project_is_blank(p: Project) -> bool:
    """A template's project sheet left as it was (its spending plan may be a row of blanks)."""
    return p == Project(spending_plan=p.spending_plan) and not any(p.spending_plan)


def open_workbook(path: Path):
    """Open a workbook read-only with openpyxl after the package checks
    (`package.read_package`), or raise `ImportProblem` with a Chinese message (old .xls,
    encrypted, damaged or too large files); the 指标库's shared list uses it."""
    return _open(path, read_only=True, data_only=False)[0]


def _open(path: Path, read_only: bool = True, data_only: bool = True):
    """(workbook, worksheet title → `SheetFacts`) of a checked package.

    The importer reads read-only: rows are streamed and merged ranges are not expanded
    into cells (they come from the package checks), so reading grows with the cells, not
    faster; with *data_only* a formula cell reads as the value Excel showed (noted).
    """
    if path.suffix.lower() == ".xls":
        raise ImportProblem(
            f"“{path.name}”是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。"
        )
    package = read_package(path, EXCEL)
    try:
        parts = sheet_parts(package.data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions
            wb = load_workbook(io.BytesIO(package.data), read_only=read_only, data_only=data_only)
    except Exception as err:  # XML or openpyxl errors of a damaged or foreign file
        logger.warning("“%s”无法作为 Excel 工作簿打开", path.name, exc_info=True)
        raise ImportProblem(
            f"“{path.name}”不是有效的 Excel 工作簿（.xlsx），或文件已损坏。"
            "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。"
        ) from err
    sheets = {title: package.sheets.get(part, SheetFacts()) for title, part in parts.items()}
    return wb, sheets


def _view(ws, sheets: dict[str, SheetFacts], cut=(), notes: list[ImportNote] | None = None):
    """The sheet as the form it shows; its claimed size is ignored (the cells decide).

    *cut*: the texts the export cut to fit their cells, put back whole (see `_cut_texts`).
    """
    facts = sheets.get(ws.title, SheetFacts())
    ws.reset_dimensions()
    try:
        rows = list(ws.iter_rows(min_row=1, min_col=1, values_only=True))
    except Exception as err:  # the sheet's XML is parsed only now: its damage shows here
        raise ImportProblem(
            f"工作表“{ws.title}”已损坏，内容无法读取。可以在 Excel 中打开并修复后另存，再导入。"
        ) from err
    whole = _cut_texts(ws.title, rows, cut, notes if notes is not None else []) if cut else None
    return SheetView(ws.title, rows, facts.merges, facts.formulas, whole)


def formula_notes(view: SheetView) -> list[ImportNote]:
    """A note for each formula cell read into the document: its shown value came in."""
    notes = []
    for r, c in sorted(view.formulas_read):
        unevaluated = view.formulas[(r, c)]
        value = as_text(view.values.get((r, c)))
        if not value:
            continue
        where = f"工作表“{view.title}”第 {view.sheet_row(r)} 行"
        if unevaluated:
            message = f"单元格是公式“{_short(value)}”，文件没有保存它的计算结果，已按公式原文导入，请核对。"
        else:
            message = f"单元格是公式，已导入它显示的值“{_short(value)}”，请核对。"
        notes.append(ImportNote(where, message))
    return notes


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _classify(
    view: SheetView, meta: Meta | None, doc: Document, notes: list[ImportNote]
) -> tuple[str | None, dict]:
    """("text" | "guangzhou" | "chengdu" | "project" | None, hidden extras).

    The hidden sheet says what each sheet is; where it says nothing usable (a sheet
    added by hand, a department form whose kind was lost) the printed labels decide.
    """
    extras: dict = {}
    if meta is not None and view.title in meta.sheets:
        kind, extras = meta.sheets[view.title]
        if not isinstance(extras, dict):
            notes.append(ImportNote(META_WHERE, f"工作表“{view.title}”的隐藏内容已损坏，已忽略。"))
            extras = {}
        if kind == KIND_DEPARTMENT and doc.layout.department_form in _department_marks():
            return doc.layout.department_form, extras
        if kind in (KIND_PROJECT, KIND_LIST):
            return kind, extras
    for kind, label in _department_marks().items():
        if view.find(label) is not None:
            return kind, extras
    standard = builtin_layout("standard")
    if (
        view.find(standard.label_of("project.name")) is not None
        and view.find(standard.header_of("level1")) is not None
    ):
        return KIND_PROJECT, extras
    return None, extras


@functools.cache
def _department_marks() -> dict[str, str]:
    """Form kind → the label that tells each classic department form from the others,
    as its layout file prints it (a layout file's own form is then matched by all of
    its labels, see `match_department_layout`)."""
    return {
        "text": builtin_layout("text").label_of("department.overall_goal", back=2),
        "guangzhou": builtin_layout("guangzhou").group_of("department.other_tasks"),
        "chengdu": builtin_layout("chengdu").group_of("item.content"),
    }


def _overall_label() -> str:
    """``总体绩效目标：``: the label the text form prints (or not) above the overall goal."""
    return builtin_layout("text").label_of("department.overall_goal")


def _cut_texts(title: str, rows: list, cut, notes: list[ImportNote]) -> dict[tuple[int, int], str]:
    """The whole of each text the export cut to fit its cell (the rest is in the hidden
    sheet), by (row, column), where the cell still shows what the export wrote."""
    whole = {}
    for row, col, text in cut:
        value = rows[row][col] if row < len(rows) and col < len(rows[row]) else None
        if isinstance(value, str) and unescape_controls(value) == cut_to_cell(text):
            whole[(row, col)] = text
        else:
            notes.append(
                ImportNote(
                    f"工作表“{title}”单元格 {get_column_letter(col + 1)}{row + 1}",
                    "原文超出 Excel 单元格上限，导出时只写入了开头；此单元格已被改动，按改动后的内容导入。",
                )
            )
    return whole


def _apply_settings(doc: Document, settings: dict, notes: list[ImportNote]) -> None:
    hints = typing.get_type_hints(Document)
    for name, value in settings.items():
        if name not in hints:
            continue
        try:
            setattr(doc, name, from_json_value(hints[name], value, f"document.{name}"))
        except FileFormatError:
            label = readable_path(f"document.{name}")
            notes.append(ImportNote(META_WHERE, f"设置“{label}”无效，已使用默认值。"))


def _apply_extras(
    obj, extras: dict, notes: list[ImportNote], where: str, whole: tuple[str, ...] = ()
) -> None:
    """Put back the fields the form does not print (kept in the hidden sheet); the lists
    named in *whole* are not printed at all and come back whole."""
    hints = typing.get_type_hints(type(obj))
    for name, value in extras.items():
        try:
            if name in whole:
                setattr(obj, name, from_json_value(hints[name], value, name))
            elif name == "indicators":
                _apply_indicator_extras(obj.indicators, _list_of_dicts(value))
            elif name == "tasks":
                for task, hidden in zip(obj.tasks, _list_of_dicts(value), strict=False):
                    _set_fields(task, hidden)
            elif name == "budget" and isinstance(value, dict):
                _set_fields(obj.budget, value)
            elif name in hints:
                _set_fields(obj, {name: value})
        except (FileFormatError, TypeError, AttributeError, ValueError):
            label = readable_path(str(name))
            notes.append(ImportNote(f"工作表“{where}”", f"隐藏内容“{label}”无效，已忽略。"))


def _list_of_dicts(value) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError("expected a list of objects")
    return value


def _set_fields(obj, hidden: dict) -> None:
    hints = typing.get_type_hints(type(obj))
    for name, value in hidden.items():
        if name in hints:
            kept = from_json_value(hints[name], value, name)
            if name == "extra":  # a layout's own fields: those printed were read from the sheet
                kept = {**kept, **obj.extra}
            setattr(obj, name, kept)


def _apply_indicator_extras(indicators: list[Indicator], extras: list[dict]) -> None:
    """Match each kept entry to the first unused indicator printed with the same name."""
    used: set[int] = set()
    for entry in extras:
        hidden = dict(entry)
        printed_name = hidden.pop("printed_name", None)
        for i, ind in enumerate(indicators):
            if i not in used and indicator_name(ind) == printed_name:
                used.add(i)
                _set_fields(ind, {k: v for k, v in hidden.items() if k in _INDICATOR_FIELDS})
                break


_INDICATOR_FIELDS = {f.name for f in dataclasses.fields(Indicator)}


def _read_info(view: SheetView, doc: Document, notes: list[ImportNote]) -> None:
    """The template's 填报信息 sheet: label in column A, value in column B."""
    for r in range(view.n_rows):
        label = norm(view.text(r, 0)).rstrip("：")
        field = INFO_LABELS.get(label)
        if field is None:
            continue
        value = view.text(r, 1).strip()
        if field == "fiscal_year":
            digits = value.removesuffix("年")
            if digits.isdecimal() and 1900 <= int(digits) <= 2200:
                doc.fiscal_year = int(digits)
            elif value:
                notes.append(ImportNote(f"“{INFO_SHEET}”第 {r + 1} 行", f"预算年度“{value}”无效。"))
        elif field == "money_unit":
            if value in ("元", "万元"):
                doc.money_unit = value
            elif value:
                notes.append(
                    ImportNote(f"“{INFO_SHEET}”第 {r + 1} 行", f"金额单位“{value}”应为元或万元。")
                )
        elif field in ("unit_code", "unit_name"):
            setattr(doc, field, value)
        else:
            setattr(doc.signature, field, value)


def _infer_project_layout(layout: Layout, view: SheetView) -> None:
    """The switches of the classic project forms, by the rows and columns each prints."""
    standard, national = builtin_layout("standard"), builtin_layout("national")
    layout.show_code = view.find(standard.label_of("project.code")) is not None
    layout.show_spending_plan = view.find(standard.group_of("project.spending_plan.0")) is not None
    layout.show_basis = view.find(standard.header_of("basis")) is not None
    if view.find(national.label_of("project.long_term_goals")) is not None:
        layout.project_form = "national"


#: The number before the first item of a numbered text: ``1、`` ``2.`` ``任务1、``.
_NUMBERED = re.compile(r"^(?:任务)?\d+([、.．])(?!\d)")


def _printed_number_style(view: SheetView) -> str | None:
    """The numbering the form prints (``、`` or ``.``), from its first numbered text
    (the title, the goals, a task); None when it prints none."""
    for _r, _c, text in view.texts():
        found = _NUMBERED.match(text.strip())
        if found:
            return "." if found.group(1) in ".．" else "、"
    return None


def _infer_layout_file(doc: Document, view: SheetView) -> str:
    """Print in the layout file whose indicator headers the sheet shows, if one does;
    the kind of sheet it is (`KIND_LIST` for a list layout)."""
    spec = match_layout(view)
    if spec is None:
        return KIND_PROJECT
    from ..forms import layout_choice

    lay = doc.layout
    lay.project_form, lay.project_layout = layout_choice(spec.id, lay.project_form)
    return KIND_LIST if spec.kind == "list" else KIND_PROJECT


def _unit_line(doc: Document, line: str, kind: str) -> str:
    """The unit's code and name on a unit line printed in a layout file (without its
    ``填报单位（盖章）：``)."""
    from ..layouts import registry

    project = kind in (KIND_PROJECT, KIND_LIST)
    layout_id = doc.layout.project_layout if project else doc.layout.department_layout
    if not layout_id:
        return line
    lead = unit_line_lead(registry().get(layout_id), doc)
    return line.removeprefix(lead).strip() if lead else line


def _read_list(reader: FormReader, doc: Document, extras: dict, sources, notes) -> None:
    """The one sheet of a list layout: every project, a row per indicator."""
    from ..forms import project_layout

    spec = project_layout(doc)
    entries = extras.get("projects") if isinstance(extras.get("projects"), list) else []
    entries = [e for e in entries if isinstance(e, dict)]
    where = reader.view.title
    for project, kept in read_layout_list(reader, spec, entries, doc):
        _apply_extras(project, kept, notes, where)
        sources[f"document.projects[{len(doc.projects)}]"] = f"工作表“{where}”"
        doc.projects.append(project)


@dataclasses.dataclass
class _Printed:
    """What the forms of a workbook without its hidden sheet print of the settings."""

    department_unit: str | None = None
    #: The unit line above each project's table (None where none was printed).
    project_units: list[str | None] = dataclasses.field(default_factory=list)
    money_units: list[str] = dataclasses.field(default_factory=list)
    signature: bool = False
    #: Whether a form printed a numbered text (so the numbering is known).
    numbered: bool = False


_MONEY_UNIT = re.compile(r"(?:金额)?单位：(万元|元)$")


def _printed_unit(view: SheetView) -> tuple[str, str] | None:
    """(unit line, money unit) printed above the table: ``151002某院`` … ``单位：万元``."""
    for r in range(min(view.n_rows, 6)):
        for c, text in view.row_cells(r):
            found = _MONEY_UNIT.search(norm(text))
            if found and c > 0:
                line = view.text(r, 0) if view.origin(r, 0) == (r, 0) else ""
                return line.strip(), found.group(1)
    return None


_YEAR_LINE = re.compile(r"^（((?:19|20)\d\d)年度）$")


def _infer_department_print(doc: Document, view: SheetView, kind: str) -> None:
    """The title and year the department form prints, where its layout prints them;
    whether the text form prints its labels."""
    if kind == "text":
        doc.layout.department_labels = view.find(_overall_label()) is not None
    spec = registry().get(doc.layout.department_layout or kind)
    if "document.title" in str(spec.data.get("title", "")):
        doc.title = view.text(0, 0).strip()
    for r in range(min(view.n_rows, 4)):
        found = _YEAR_LINE.match(norm(view.text(r, 0)))
        if found:
            doc.fiscal_year = int(found.group(1))


def _split_unit(line: str) -> tuple[str, str]:
    code = line[: len(line) - len(line.lstrip("0123456789"))]
    return code, line[len(code) :]


def _infer_settings(doc: Document, seen: _Printed, notes: list[ImportNote]) -> None:
    """The document settings a workbook without its hidden sheet shows on its forms.

    The unit line printed above most tables is the document's unit; a project whose
    table shows another one is carried out by that unit (实施单位).  The fiscal year
    comes from the titles and project names.  What no form printed is listed by name.
    """
    if seen.money_units:
        doc.money_unit = Counter(seen.money_units).most_common(1)[0][0]
    lines = [line for line in seen.project_units if line]
    unit = seen.department_unit or (Counter(lines).most_common(1)[0][0] if lines else "")
    if unit:
        doc.unit_code, doc.unit_name = _split_unit(unit)
    if doc.layout.project_form != "national":
        for project, line in zip(doc.projects, seen.project_units, strict=True):
            if line and line != unit and not project.implementer:
                project.implementer = line
    doc.signature.enabled = seen.signature
    if doc.fiscal_year is None:
        from ..rollover import infer_fiscal_year

        doc.fiscal_year = infer_fiscal_year(doc)
    unread = unprinted_fields(doc)
    if doc.fiscal_year is None:
        unread.insert(0, "预算年度")
    notes.append(
        ImportNote(
            "导入的文档",
            f"没有隐藏工作表“{META_SHEET}”（工作簿可能在 WPS 中另存或复制过），"
            "版式和设置按表格内容推断。表上没有打印、因而无法读取的内容："
            + "、".join(unread)
            + "。如原文档填有这些内容，请在编辑器中补填。",
        )
    )


#: Chinese names of the fields a layout may leave unprinted, where the form words them
#: otherwise than the file loader (`storage.FIELD_LABELS`).
_UNPRINTED_NAMES = {
    "code": "项目编码",
    "spending_plan": "资金支出计划",
    "long_term_goals": "中长期目标",
    "department": "主管部门及代码",
    "attribute": "项目属性",
    "period": "项目期",
    "basis": "指标值确定依据",
    "description": "绩效指标描述",
    "period_value": "实施周期指标值",
    "name": "部门名称",
    "overall_goal": "总体绩效目标",
    "duty_goals": "分项绩效目标",
    "safeguards": "工作保障措施",
    "safeguard_items": "工作保障措施",
    "staff_count": "财政供养人员数",
    "subunit_count": "下属二级单位数",
    "budget": "部门预算金额",
    "tasks": "年度任务",
    "other_tasks": "其他需完成的任务",
    "indicators": "部门绩效指标",
    "amount": "任务的拟投入资金",
    "expected": "任务的期望达到的目标",
}


def unprinted_fields(doc: Document) -> list[str]:
    """Names of the fields the document's forms do not print (so a sheet cannot give them)."""
    names = []
    if doc.projects:
        layout = doc.layout
        shown = printed_fields.project_fields(layout) | {"implementer", "needs_review"}
        names += [f.name for f in dataclasses.fields(Project) if f.name not in shown]
        shown = printed_fields.project_indicator_fields(layout) | {"number", "needs_review"}
        names += [f.name for f in dataclasses.fields(Indicator) if f.name not in shown]
    kind = doc.layout.department_form
    if doc.department is not None and kind in printed_fields.DEPARTMENT_FIELDS:
        shown = printed_fields.DEPARTMENT_FIELDS[kind]
        names += [f.name for f in dataclasses.fields(DepartmentGoals) if f.name not in shown]
        if "tasks" in shown:
            task_shown = printed_fields.TASK_FIELDS[kind]
            names += [f.name for f in dataclasses.fields(Task) if f.name not in task_shown]
        shown = printed_fields.department_indicator_fields(kind) | {"needs_review"}
        names += [
            f.name
            for f in dataclasses.fields(Indicator)
            if f.name not in shown and f.name not in names
        ]
    names.append("待复核标记")
    # the file loader's Chinese names for the rest (权重, 版式自有字段 …)
    return list(dict.fromkeys(_UNPRINTED_NAMES.get(n) or FIELD_LABELS.get(n, n) for n in names))
