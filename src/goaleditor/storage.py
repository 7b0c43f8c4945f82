"""The goaleditor file: UTF-8 JSON with a format id and version.

``{"format": "goaleditor", "version": 1, "document": {...}}`` — keys in the order of
the model's fields (so two versions diff cleanly), amounts as decimal strings
(``"190000.00"``), blank amounts as ``null``.  Loading is strict: anything that is not
exactly a document raises `FileFormatError` with a Chinese message and the path of the
field; nothing is ever half-loaded.  Older versions are upgraded step by step.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import FileFormatError, GoalEditorError, WriteError
from .fileio import atomic_write, read_limited
from .labels import DOCUMENT_LABELS, INDICATOR_ATTRIBUTE_LABELS, SIGNATURE_LABELS
from .model import (
    BASIS_TYPES,
    DEPARTMENT_FORMS,
    MONEY_UNITS,
    NUMBER_STYLES,
    PROJECT_FORMS,
    SPENDING_MILESTONES,
    Document,
)

FORMAT_ID = "goaleditor"
FORMAT_VERSION = 2

#: Files larger than this are refused before parsing (a year's filing is < 5 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024

#: Every amount must be smaller than this (as a number, in the document's unit) …
MAX_AMOUNT = Decimal("1e15")
#: … and have at most this many decimals; the loader refuses anything else.
MAX_AMOUNT_PLACES = 10


def _upgrade_1_to_2(data: dict) -> dict:
    """Version 2 adds layouts as data: the printed layout's id (``project_layout``,
    ``department_layout``), each layout's own fields (``extra`` of projects, indicators,
    department forms and tasks) and the indicator attributes of the newer national
    forms (``weight``, ``explanation``, ``scoring``, ``basis_type``, ``source``,
    ``last_value``).  All have blank defaults, so the step only writes the new layout
    keys; the rest arrive blank when the document is built.
    """
    document = data.get("document")
    if isinstance(document, dict):
        layout = document.get("layout")
        if isinstance(layout, dict):
            layout.setdefault("project_layout", "")
            layout.setdefault("department_layout", "")
    return data


#: ``UPGRADES[n]`` turns the raw JSON of version *n* into version *n + 1*.
UPGRADES: dict[int, Callable[[dict], dict]] = {1: _upgrade_1_to_2}

#: A layout id as layout files spell it (``standard``, ``mof-2015-88-project``).
LAYOUT_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")

#: Chinese names of fields, for error messages that point at a place.
FIELD_LABELS = {
    "document": "文档",
    **DOCUMENT_LABELS,
    "title": "标题",
    "layout": "版式",
    "department": "部门整体",
    "projects": "项目",
    "signature": "签字栏",
    "indicators": "指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "名称",
    "description": "绩效指标描述",
    "value": "指标值",
    "period_value": "实施周期指标值",
    "basis": "指标值确定依据",
    **INDICATOR_ATTRIBUTE_LABELS,
    "number": "编号",
    "code": "项目编码",
    "budget": "预算",
    "total": "预算数",
    "fiscal": "财政资金",
    "other": "其他资金",
    "purpose": "资金用途",
    "spending_plan": "资金支出计划",
    "goals": "绩效目标",
    "long_term_goals": "中长期目标",
    "duty_goals": "分项绩效目标",
    "tasks": "任务",
    "overall_goal": "总体绩效目标",
    "department_form": "部门整体表",
    "project_form": "项目表",
    "show_code": "打印项目编码",
    "show_spending_plan": "打印资金支出计划",
    "show_basis": "打印指标值确定依据",
    "number_style": "编号样式",
    "project_layout": "项目表版式",
    "department_layout": "部门整体表版式",
    "extra": "版式自有字段",
    "needs_review": "待复核",
    "enabled": "打印签字栏",
    **SIGNATURE_LABELS,
}


# ---------------------------------------------------------------- writing


def to_json_data(doc: Document) -> dict:
    """The JSON-ready dict of a document, format header first."""
    return {"format": FORMAT_ID, "version": FORMAT_VERSION, "document": to_json_value(doc)}


def dumps(doc: Document) -> str:
    return _text(to_json_data(doc))


def _text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_json_value(value: Any) -> Any:
    """A model object (or list, amount, text) as JSON-ready data, as the file writes it."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def save(doc: Document, path: str | os.PathLike) -> None:
    """Save atomically; the file that was there is kept as ``name.bak``.

    Raises `WriteError` (Chinese message) when the file cannot be written; the old
    file is then untouched.  The program never writes a file it would refuse to open:
    the data is read back through the loader's own checks first, and a document that
    fails them (an amount over the limit from some path nobody guarded) is not saved,
    with the loader's message naming the field.
    """
    data = to_json_data(doc)
    try:
        from_json_data(data, name=Path(path).name)
    except FileFormatError as err:
        raise WriteError(f"文档没有保存：其中有文件不允许的内容。{err}") from err
    text = _text(data).encode("utf-8")
    atomic_write(path, lambda tmp: tmp.write_bytes(text), keep_backup=True)


# ---------------------------------------------------------------- reading


def load(path: str | os.PathLike) -> Document:
    """Read a document; raise `FileFormatError` with a Chinese message on any problem."""
    path = Path(path)
    # Handed on, not kept: `loads` lets the bytes and the text go as soon as it can.
    return loads(read_limited(path, MAX_FILE_BYTES, "goaleditor 文档", FileFormatError), path.name)


def loads(raw: bytes | str, name: str = "文件") -> Document:
    """Parse a document from bytes or text (see `load`)."""
    if isinstance(raw, bytes):
        _refuse_other_formats(raw, name)
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise FileFormatError(
                f"“{name}”不是 UTF-8 编码的文本（第 {err.start + 1} 个字节处），"
                "不是 goaleditor 文档，也可能已损坏。"
            ) from err
    else:
        text = raw.removeprefix("\ufeff")
    del raw  # a large document: the bytes, the text and the parsed data are each big
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as err:
        if not text.strip():
            raise FileFormatError(
                f"“{name}”是空文件，没有内容。如果它原来是 goaleditor 文档，"
                "可以尝试打开同一文件夹中的备份文件（.bak）或自动保存的恢复文件。"
            ) from err
        if not text.lstrip().startswith(("{", "[")):
            raise FileFormatError(_not_json_message(name)) from err
        raise FileFormatError(
            f"“{name}”已损坏：第 {err.lineno} 行第 {err.colno} 列不是有效的 JSON（{json_reason(err.msg)}）。"
            "可以尝试打开同一文件夹中的备份文件（.bak）。"
        ) from err
    except RecursionError as err:
        raise FileFormatError(f"“{name}”嵌套层次过深，不是 goaleditor 文档。") from err
    except ValueError as err:  # e.g. an integer of thousands of digits
        raise FileFormatError(
            f"“{name}”含有无法读取的数值，不是 goaleditor 文档，也可能已损坏。"
        ) from err
    del text
    return from_json_data(data, name=name)


#: File signatures of what clerks open by mistake, and what to do instead.
_OTHER_FORMATS = (
    (
        b"PK\x03\x04",
        "是 Word（.docx）或 Excel（.xlsx）文件，不是 goaleditor 文档。"
        "请用“文件 → 导入”（或 goaleditor import）把它转换为 goaleditor 文档",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "是旧版 Word/Excel/WPS 文件（.doc/.xls/.wps），不是 goaleditor 文档。"
        "请先在 Word、Excel 或 WPS 中另存为 .docx/.xlsx，再用“文件 → 导入”",
    ),
    (b"%PDF", "是 PDF 文件，不是 goaleditor 文档。PDF 无法导入，请找到它的 Word 或 Excel 原件"),
)


#: What a file named like this should have been, when its content is plain text instead.
_OTHER_SUFFIXES = {
    ".docx": "Word 文件",
    ".doc": "Word 文件",
    ".wps": "WPS 文件",
    ".xlsx": "Excel 文件",
    ".xls": "Excel 文件",
    ".et": "WPS 表格文件",
    ".pdf": "PDF 文件",
}


def _not_json_message(name: str) -> str:
    """A text file that is not JSON at all: not a damaged document but another kind of file."""
    suffix = Path(name).suffix.lower()
    if suffix in _OTHER_SUFFIXES:
        return (
            f"“{name}”的扩展名是 {suffix}，但内容既不是 {_OTHER_SUFFIXES[suffix]}，"
            "也不是 goaleditor 文档。请确认选对了文件。"
        )
    return f"“{name}”不是 goaleditor 文档（内容不是 JSON 格式）。请确认选对了文件。"


def _refuse_other_formats(raw: bytes, name: str) -> None:
    for magic, what in _OTHER_FORMATS:
        if raw.startswith(magic):
            raise FileFormatError(f"“{name}”{what}。")


def json_reason(msg: str) -> str:
    reasons = {
        "Expecting value": "缺少值",
        "Expecting property name enclosed in double quotes": "缺少带引号的字段名",
        "Unterminated string starting at": "字符串没有结束",
        "Extra data": "文档结尾之后还有多余内容",
        "Expecting ',' delimiter": "缺少逗号",
        "Expecting ':' delimiter": "缺少冒号",
        "Invalid control character at": "字符串中有控制字符",
    }
    return reasons.get(msg, msg)


def from_json_data(data: Any, name: str = "文件") -> Document:
    """Check the header, upgrade older versions, and build the `Document`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_ID:
        raise FileFormatError(f"“{name}”不是 goaleditor 文档（缺少格式标识“{FORMAT_ID}”）。")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise FileFormatError(f"“{name}”的格式版本“{version}”无效，文件可能已损坏。", "version")
    if version > FORMAT_VERSION:
        raise FileFormatError(
            f"“{name}”是由更新版本的 goaleditor 保存的（格式版本 {version}，"
            f"本程序只支持到 {FORMAT_VERSION}）。请升级 goaleditor 后再打开。",
            "version",
        )
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise FileFormatError(f"“{name}”的格式版本 {version} 太旧，无法升级。", "version")
        data = step(data)
        version += 1
        data["version"] = version
    if "document" not in data:
        raise FileFormatError(f"“{name}”缺少文档内容（document）。", "document")
    try:
        doc = from_json_value(Document, data["document"], "document")
    except RecursionError as err:
        raise FileFormatError(f"“{name}”嵌套层次过深，不是 goaleditor 文档。") from err
    validate(doc)
    return doc


def validate(doc: Document) -> None:
    """Values the types alone do not pin down; `FileFormatError` naming the field.

    Importers run it too, so nothing they build is a document the loader would refuse.
    """
    choices = [
        ("document.money_unit", doc.money_unit, MONEY_UNITS),
        ("document.layout.department_form", doc.layout.department_form, ("", *DEPARTMENT_FORMS)),
        ("document.layout.project_form", doc.layout.project_form, PROJECT_FORMS),
        ("document.layout.number_style", doc.layout.number_style, NUMBER_STYLES),
    ]
    for path, value, allowed in choices:
        if value not in allowed:
            shown = "、".join(f"“{a}”" for a in allowed if a)
            raise _fail(path, f"是“{value}”，应为 {shown} 之一")
    for path, value in (
        ("document.layout.project_layout", doc.layout.project_layout),
        ("document.layout.department_layout", doc.layout.department_layout),
    ):
        if value and not LAYOUT_ID.fullmatch(value):
            raise _fail(path, f"是“{value}”，不是有效的版式编号（小写字母、数字、-、_）")
    groups = [("department", doc.department.indicators if doc.department else [])]
    groups += [(f"projects[{i}]", p.indicators) for i, p in enumerate(doc.projects)]
    for where, indicators in groups:
        for row, ind in enumerate(indicators):
            _validate_indicator(ind, f"document.{where}.indicators[{row}]")
    if doc.fiscal_year is not None and not 1900 <= doc.fiscal_year <= 2200:
        raise _fail("document.fiscal_year", f"是 {doc.fiscal_year}，不是有效的年份")
    for i, project in enumerate(doc.projects):
        if len(project.spending_plan) not in (0, len(SPENDING_MILESTONES)):
            raise _fail(
                f"document.projects[{i}].spending_plan",
                f"应有 {len(SPENDING_MILESTONES)} 个百分比（3月底、6月底、10月底、12月底）或为空",
            )


def _validate_indicator(ind, path: str) -> None:
    if ind.basis_type and ind.basis_type not in BASIS_TYPES:
        shown = "、".join(f"“{b}”" for b in BASIS_TYPES)
        raise _fail(f"{path}.basis_type", f"是“{ind.basis_type}”，应为 {shown} 之一或留空")
    if ind.weight is not None and not 0 <= ind.weight <= 100:
        raise _fail(f"{path}.weight", f"是 {ind.weight}，应在 0 到 100 之间")


def readable_path(path: str) -> str:
    """``document.projects[2].indicators[0].value`` → ``项目 3 › 指标 1 › 指标值``."""
    parts = []
    for token in path.split("."):
        match = re.fullmatch(r"(.*?)\[(\d+)\]", token)
        field_name, index = (match.group(1), int(match.group(2))) if match else (token, None)
        label = FIELD_LABELS.get(field_name, field_name)
        if field_name == "document" and index is None:
            continue
        parts.append(label if index is None else f"{label} {index + 1}")
    return " › ".join(parts) or "文档"


def _fail(path: str, what: str) -> FileFormatError:
    return FileFormatError(f"文件内容有误：{readable_path(path)}（{path}）{what}。", path)


def _type_name(tp: Any) -> str:
    names = {str: "文本", int: "整数", bool: "是/否（true/false）", Decimal: '金额（如 "100.00"）'}
    if dataclasses.is_dataclass(tp):
        return "对象"
    if typing.get_origin(tp) is list:
        return "列表"
    return names.get(tp, str(tp))


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_json_value(tp: Any, value: Any, path: str) -> Any:
    """JSON data as a value of model type *tp*; `FileFormatError` naming *path* if it is not."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return from_json_value(args[0], value, path)
    if origin is dict:
        if not isinstance(value, dict):
            raise _fail(path, "应为对象（{…}）")
        _key_tp, item_tp = typing.get_args(tp)
        return {
            from_json_value(str, key, path): from_json_value(item_tp, item, f"{path}.{key}")
            for key, item in value.items()
        }
    if origin is list:
        if not isinstance(value, list):
            raise _fail(path, "应为列表")
        (item_tp,) = typing.get_args(tp)
        return [from_json_value(item_tp, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise _fail(path, "应为对象（{…}）")
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        for key in value:
            if key not in known:
                raise _fail(f"{path}.{key}", "是未知字段，文件可能来自其他程序或已损坏")
        kwargs = {
            key: from_json_value(hints[key], item, f"{path}.{key}") for key, item in value.items()
        }
        return tp(**kwargs)
    if tp is Decimal:
        return _decimal(value, path)
    if tp is bool:
        if not isinstance(value, bool):
            raise _fail(path, f"应为{_type_name(bool)}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(path, f"应为{_type_name(int)}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise _fail(path, f"应为{_type_name(str)}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            raise _fail(path, "含有无效的字符（不成对的代理项）") from err
        return value
    raise _fail(path, f"的类型无法识别（{tp}）")  # pragma: no cover - model types only


def _decimal(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise _fail(path, f"应为{_type_name(Decimal)}")
    try:
        result = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as err:
        raise _fail(path, f"“{value}”不是有效的金额") from err
    if (
        not result.is_finite()
        or abs(result) >= MAX_AMOUNT
        or result.as_tuple().exponent < -MAX_AMOUNT_PLACES
    ):
        raise _fail(path, f"“{value}”不是有效的金额")
    return result


def check_document_name(target: Path) -> None:
    """Refuse an output name that is not a goaleditor document's (``.json``), before any
    work: a command never writes a document under a name another program claims."""
    if target.suffix.lower() != ".json":
        raise GoalEditorError(
            f"输出文件“{target.name}”应以 .json 结尾（goaleditor 文档），例如 {target.stem}.json。"
        )
