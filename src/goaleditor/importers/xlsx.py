"""Read an Excel workbook made by goaleditor (an export or the fill-in template) back.

The visible forms are read by their labels (see `xlsx_forms`); the hidden
``goaleditor`` sheet supplies the layout, the document settings and the fields the
forms do not print.  Without that sheet the layout is inferred from the forms, so a
workbook whose hidden sheet was lost (copied sheets, WPS "另存为") still imports.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import typing
import warnings
from pathlib import Path

from openpyxl import load_workbook

from ..applog import faults_reported
from ..errors import FileFormatError, ImportProblem
from ..export.template import INFO_SHEET
from ..export.xlsx_meta import (
    KIND_DEPARTMENT,
    KIND_PROJECT,
    META_SHEET,
    SOURCE_TEMPLATE,
    Meta,
    MetaDamaged,
    cut_to_cell,
    read_meta,
)
from ..fileio import describe_read_error
from ..forms.project import indicator_name
from ..labels import DOCUMENT_LABELS, INDICATOR_LABELS, PROJECT_LABELS, SIGNATURE_FIELDS
from ..model import Document, Indicator, Layout
from ..storage import from_json_value, readable_path
from .repair import repair
from .result import ImportNote, ImportResult
from .tidy import normalize_values
from .xlsx_forms import (
    FormReader,
    project_is_blank,
    read_chengdu,
    read_department_text,
    read_guangzhou,
    read_project,
)
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
        wb = _open(path)
        return _read_book(wb, path)


def _read_book(wb, path: Path) -> ImportResult:
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
    for ws in wb.worksheets:
        if ws.title == META_SHEET or ws.sheet_state != "visible":
            continue
        if ws.title == INFO_SHEET:
            _read_info(SheetView(ws), doc, notes)
            found_any = True
            continue
        whole = _cut_texts(ws, meta.cut.get(ws.title, ()), notes) if meta is not None else None
        view = SheetView(ws, whole)
        kind, extras = _classify(view, meta, doc, notes)
        if kind is None:
            if not view.row_is_blank(0) or view.n_rows > 1:
                notes.append(ImportNote(f"工作表“{ws.title}”", "不是绩效目标表，已跳过。"))
            continue
        found_any = True
        if meta is None:  # the unit line (单位：万元) steers the amounts
            _infer_document(doc, view)
        reader = FormReader(view, notes, fill_down, doc.money_unit)
        if kind == KIND_PROJECT:
            project = read_project(reader)
            if meta is not None and meta.source == SOURCE_TEMPLATE and project_is_blank(project):
                notes.extend(stray_notes(view))
                continue
            _apply_extras(project, extras, notes, ws.title)
            sources[f"document.projects[{len(doc.projects)}]"] = f"工作表“{ws.title}”"
            doc.projects.append(project)
            if meta is None:
                _infer_project_layout(doc.layout, view)
        else:
            dept = _DEPARTMENT_READERS[kind](reader, doc.money_unit)
            _apply_extras(dept, extras, notes, ws.title)
            sources["document.department"] = f"工作表“{ws.title}”"
            doc.department = dept
            doc.layout.department_form = kind
        if meta is None or meta.source == SOURCE_TEMPLATE:
            reader.signature(doc.signature)
        else:
            reader.signature_changes(doc.signature)
        notes.extend(stray_notes(view))
    if not found_any:
        raise ImportProblem(
            f"“{path.name}”不是 goaleditor 导出的 Excel 文件，也不是填报模板："
            "没有找到含“项目名称”和“一级指标”的绩效目标表。"
            "请用“goaleditor template”生成模板后填写，或在编辑器中导出 Excel。"
        )
    repair(doc, notes, where, path.name)
    return ImportResult(doc, notes, normalize_values(doc))


_DEPARTMENT_READERS = {
    "text": lambda reader, _unit: read_department_text(reader),
    "guangzhou": read_guangzhou,
    "chengdu": lambda reader, _unit: read_chengdu(reader),
}


def _open(path: Path):
    if path.suffix.lower() == ".xls":
        raise ImportProblem(
            f"“{path.name}”是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions
            return load_workbook(path)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as err:
        raise ImportProblem(describe_read_error(err, path, "Excel 文件")) from err
    except Exception as err:  # zip, XML or openpyxl errors of a damaged or foreign file
        logger.warning("“%s”无法作为 Excel 工作簿打开", path.name, exc_info=True)
        raise ImportProblem(
            f"“{path.name}”不是有效的 Excel 工作簿（.xlsx），或文件已损坏。"
            "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。"
        ) from err


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
        if kind == KIND_DEPARTMENT and doc.layout.department_form in _DEPARTMENT_READERS:
            return doc.layout.department_form, extras
        if kind == KIND_PROJECT:
            return KIND_PROJECT, extras
    if view.find("一、总体绩效目标") is not None:
        return "text", extras
    if view.find("年度重点工作任务") is not None:
        return "guangzhou", extras
    if view.find("年度主要任务") is not None:
        return "chengdu", extras
    if (
        view.find(PROJECT_LABELS["name"]) is not None
        and view.find(INDICATOR_LABELS["level1"]) is not None
    ):
        return KIND_PROJECT, extras
    return None, extras


def _cut_texts(ws, cut, notes: list[ImportNote]) -> dict[tuple[int, int], str]:
    """The whole of each text the export cut to fit its cell (the rest is in the hidden
    sheet), by (row, column), where the cell still shows what the export wrote."""
    whole = {}
    for row, col, text in cut:
        cell = ws.cell(row=row + 1, column=col + 1)
        if isinstance(cell.value, str) and unescape_controls(cell.value) == cut_to_cell(text):
            whole[(row, col)] = text
        else:
            notes.append(
                ImportNote(
                    f"工作表“{ws.title}”单元格 {cell.coordinate}",
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


def _apply_extras(obj, extras: dict, notes: list[ImportNote], where: str) -> None:
    """Put back the fields the form does not print (kept in the hidden sheet)."""
    hints = typing.get_type_hints(type(obj))
    for name, value in extras.items():
        try:
            if name == "indicators":
                _apply_indicator_extras(obj.indicators, _list_of_dicts(value))
            elif name == "tasks":
                for task, hidden in zip(obj.tasks, _list_of_dicts(value), strict=False):
                    _set_fields(task, hidden)
            elif name == "budget" and isinstance(value, dict):
                _set_fields(obj.budget, value)
            elif name in hints:
                setattr(obj, name, from_json_value(hints[name], value, name))
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
            setattr(obj, name, from_json_value(hints[name], value, name))


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
    layout.show_code = view.find(PROJECT_LABELS["code"]) is not None
    layout.show_spending_plan = view.find("资金支出计划（%）") is not None
    layout.show_basis = view.find("指标值确定依据") is not None
    if view.find("中长期目标") is not None:
        layout.project_form = "national"
    title = view.text(0, 0) if view.find("第二部分") is None else view.text(2, 0)
    if title.lstrip("0123456789")[:1] in (".", "．"):
        layout.number_style = "."


def _infer_document(doc: Document, view: SheetView) -> None:
    for (r, c), value in view.values.items():
        if not isinstance(value, str):
            continue
        text = norm(value)
        if text.endswith("单位：万元"):
            doc.money_unit = "万元"
            line = as_text(view.raw(r, 0)) if c > 0 else ""
            if line and not doc.unit_name:
                code = line[: len(line) - len(line.lstrip("0123456789"))]
                doc.unit_code, doc.unit_name = code, line[len(code) :]
        elif text.endswith("单位：元") and c > 0 and not doc.unit_name:
            line = as_text(view.raw(r, 0))
            code = line[: len(line) - len(line.lstrip("0123456789"))]
            doc.unit_code, doc.unit_name = code, line[len(code) :]
