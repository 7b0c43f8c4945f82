"""The blank fill-in workbook (``goaleditor template``): the project form to fill in Excel/WPS.

Sheets: 填报信息 (unit, year, money unit, signatures, and how to fill in), then blank
project forms 项目1…; a hidden 选项 sheet holds the category lists.

一级 and 二级 get dropdowns from the catalog (standard first).  The 二级 list depends on
the 一级 chosen in the same row through named ranges and ``INDIRECT`` — the usual
"二级联动下拉" that Excel, WPS and LibreOffice all evaluate.  Both dropdowns only warn
(error style "information"): a clerk can still keep a variant such as 效果指标.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..catalog import load_catalog
from ..fileio import atomic_write
from ..forms import build_forms
from ..grid import Form
from ..model import MONEY_UNITS, Document, Indicator, Layout, Project
from .xlsx_meta import KIND_PROJECT, SOURCE_TEMPLATE, write_meta
from .xlsx_rows import RowLayout
from .xlsx_sheet import BODY_FONT, CHARSET_GB2312, FONT_NAMES, render_form, set_a4_print

INFO_SHEET = "填报信息"
LISTS_SHEET = "选项"
PROJECT_SHEETS = 3
INDICATOR_ROWS = 15

INFO_FIELDS = [
    ("单位编码", "预算单位编码，如 151002"),
    ("单位名称", "预算单位全称"),
    ("预算年度", "如 2024"),
    ("金额单位", "元 或 万元"),
    ("填报人", ""),
    ("联系电话", ""),
    ("单位负责人", ""),
    ("填报日期", "如 2024年1月10日"),
]

INSTRUCTIONS = [
    "填写说明",
    "1. 先在上方填写单位、年度和金额单位；每张“项目”工作表填写一个项目。",
    "2. 项目多于三个时：右键点击“项目3”工作表标签 →“移动或复制”→ 勾选“建立副本”。",
    "3. 一级指标、二级指标可从下拉列表选择，也可直接输入本单位使用的名称；"
    "同一一级指标的连续各行可只填第一行。",
    "4. 指标行不够时，在指标行中间插入整行即可；空行会被忽略。",
    "5. 金额请填数字；指标值照实填写，如 ≥95%、≤15分钟、=100%、2024年内、有效保障。",
    "6. 填好后交回，用 goaleditor 的“导入”读入即可继续编辑、审核和打印。",
]


def blank_document() -> Document:
    """The document the template shows: default layout, blank projects with blank rows."""
    projects = [
        Project(indicators=[Indicator() for _ in range(INDICATOR_ROWS)])
        for _ in range(PROJECT_SHEETS)
    ]
    return Document(layout=Layout(), projects=projects)


def build_template() -> Workbook:
    doc = blank_document()
    catalog = load_catalog()
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    info_rows = _fill_info(info)
    lists = _fill_lists(wb, catalog)
    sheets = []
    for n, form in enumerate(build_forms(doc), 1):
        form.sheet_name = f"项目{n}"
        ws = wb.create_sheet(form.sheet_name)
        layout = render_form(ws, form)
        _link_heading(ws, form, layout, n, info_rows)
        _add_validations(ws, form, layout, lists)
        sheets.append((form.sheet_name, KIND_PROJECT, {}))
    write_meta(wb, doc, sheets, SOURCE_TEMPLATE)
    lists_ws = wb[LISTS_SHEET]
    wb.move_sheet(lists_ws, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    wb.active = 0
    wb.properties.title = "预算绩效目标填报模板"
    wb.properties.creator = "goaleditor"
    return wb


def write_template(path: str | os.PathLike) -> None:
    """Write the blank template atomically (`WriteError` when the target is locked)."""
    wb = build_template()
    atomic_write(Path(path), lambda tmp: wb.save(tmp), action="生成模板")


# ---------------------------------------------------------------- 填报信息


def _fill_info(ws: Worksheet) -> dict[str, str]:
    """Label/value rows; returns label → absolute reference of its value cell."""
    body = Font(name=BODY_FONT, size=11, charset=CHARSET_GB2312)
    ws["A1"] = "预算绩效目标填报信息"
    ws["A1"].font = Font(name=FONT_NAMES["title"], size=16, charset=CHARSET_GB2312)
    ws.merge_cells("A1:C1")
    # In Arial digits, the workbook's default font (see export/xlsx_sheet.py).
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 32
    ws.column_dimensions["C"].width = 35
    refs = {}
    units = DataValidation(type="list", formula1=f'"{",".join(MONEY_UNITS)}"', allow_blank=True)
    units.promptTitle, units.prompt = "金额单位", "选择“元”或“万元”，各项目表的金额都按此单位填写。"
    ws.add_data_validation(units)
    for i, (label, hint) in enumerate(INFO_FIELDS, 3):
        ws.cell(row=i, column=1, value=label).font = body
        value = ws.cell(row=i, column=2)
        value.font = body
        value.number_format = "@"  # text: codes keep their leading zeros
        ws.cell(row=i, column=3, value=hint).font = Font(name=BODY_FONT, size=9, color="808080")
        refs[label] = f"{quote_sheetname(INFO_SHEET)}!$B${i}"
        if label == "金额单位":
            value.value = "元"
            units.add(value.coordinate)
    start = len(INFO_FIELDS) + 4
    for j, line in enumerate(INSTRUCTIONS):
        cell = ws.cell(row=start + j, column=1, value=line)
        cell.font = Font(
            name=FONT_NAMES["title"] if j == 0 else BODY_FONT, size=11, charset=CHARSET_GB2312
        )
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=start + j, start_column=1, end_row=start + j, end_column=3)
        ws.row_dimensions[start + j].height = 30 if j else 20
    set_a4_print(ws)
    return refs


# ---------------------------------------------------------------- category lists


def _fill_lists(wb: Workbook, catalog) -> dict[str, str]:
    """Hidden sheet: column A the 一级 list, then one column of 二级 per 一级 with a name."""
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    level1 = catalog.level1_names()
    for r, name in enumerate(level1, 1):
        ws.cell(row=r, column=1, value=name)
    sheet = quote_sheetname(LISTS_SHEET)
    refs = {"level1": f"{sheet}!$A$1:$A${len(level1)}"}
    for c, name in enumerate(level1, 2):
        level2 = catalog.level2_for(name)
        if not level2:
            continue
        for r, l2 in enumerate(level2, 1):
            ws.cell(row=r, column=c, value=l2)
        col = get_column_letter(c)
        wb.defined_names[name] = DefinedName(
            name, attr_text=f"{sheet}!${col}$1:${col}${len(level2)}"
        )
    return refs


def _add_validations(ws: Worksheet, form: Form, layout: RowLayout, lists: dict[str, str]) -> None:
    by_key: dict[str, list[str]] = {}
    for cell in form.cells:
        if cell.key:
            ref = f"{get_column_letter(cell.col + 1)}{layout.starts[cell.row] + 1}"
            by_key.setdefault(cell.key, []).append(ref)
    level1 = DataValidation(type="list", formula1=lists["level1"], allow_blank=True)
    level1.errorStyle = "information"
    level1.error = "不在标准一级指标列表中。确属本单位使用的名称可点“确定”保留。"
    level1.errorTitle = "一级指标"
    level1.promptTitle = "一级指标"
    level1.prompt = "从列表选择（产出指标、效益指标、满意度指标……），也可直接输入。同一一级的连续各行可只填第一行。"
    _apply(ws, level1, by_key.get("level1", []))
    rows = by_key.get("level2", [])
    if rows:
        first_level1 = by_key["level1"][0]
        col = "".join(ch for ch in first_level1 if ch.isalpha())
        row = "".join(ch for ch in first_level1 if ch.isdigit())
        level2 = DataValidation(type="list", formula1=f"INDIRECT(${col}{row})", allow_blank=True)
        level2.errorStyle = "information"
        level2.error = "不在所选一级指标的二级列表中。确属本单位使用的名称可点“确定”保留。"
        level2.errorTitle = "二级指标"
        level2.promptTitle = "二级指标"
        level2.prompt = "先选一级指标，再从列表选择对应的二级指标；也可直接输入。"
        _apply(ws, level2, rows)
    hints = {
        "name": ("三级指标", "具体指标名称，如“公诉案件审结率”。"),
        "value": (
            "指标值",
            "如 ≥95%、≤15分钟、=100%、≥600台/套、2024年内；定性指标写“有效保障”等。",
        ),
        "basis": ("指标值确定依据", "如 历史数据、计划标准、行业标准。"),
        "goals": ("绩效目标", "每行一个目标，按 1、2、……编号；在单元格内换行按 Alt+Enter。"),
        "code": ("项目编码", "按预算系统中的项目编码填写。"),
    }
    for key, (title, prompt) in hints.items():
        dv = DataValidation(allow_blank=True)
        dv.promptTitle, dv.prompt = title, prompt
        _apply(ws, dv, by_key.get(key, []))
    for key in ("budget.total", "budget.fiscal", "budget.other"):
        dv = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        dv.errorTitle, dv.error = "金额", "请填写数字金额（不带单位），如 190000.00。"
        dv.promptTitle, dv.prompt = "金额", "填数字，单位见表右上角。"
        _apply(ws, dv, by_key.get(key, []))


def _apply(ws: Worksheet, dv: DataValidation, refs: list[str]) -> None:
    if not refs:
        return
    dv.showInputMessage = True
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    for ref in refs:
        dv.add(ref)


def _link_heading(
    ws: Worksheet, form: Form, layout: RowLayout, number: int, info: dict[str, str]
) -> None:
    """Title and unit line follow what the clerk types (formulas; the importer ignores them)."""
    name = next(c for c in form.cells if c.key == "name")
    name_ref = f"{get_column_letter(name.col + 1)}{layout.starts[name.row] + 1}"
    title = ws.cell(row=1, column=1)
    title.value = f'=IF({name_ref}="","{number}、（项目名称）绩效目标表","{number}、"&{name_ref}&"绩效目标表")'
    title.data_type = "f"
    unit = next(c for c in form.cells if c.key == "unit_line")
    unit_row = layout.starts[unit.row] + 1
    cell = ws.cell(row=unit_row, column=unit.col + 1)
    cell.value = f"={info['单位编码']}&{info['单位名称']}"
    cell.data_type = "f"
    money = ws.cell(row=unit_row, column=unit.col + unit.colspan + 1)
    money.value = f'="单位："&{info["金额单位"]}'
    money.data_type = "f"
