"""The blank fill-in workbook (``goaleditor template``): the project form to fill in Excel/WPS.

Sheets: 填报信息 (unit, year, money unit, signatures, and how to fill in), the blank
department form 部门整体 where the layout prints one, then blank project forms 项目1…;
a hidden 选项 sheet holds the category lists.

一级 and 二级 get dropdowns from the catalog (standard first).  The 二级 list depends on
the 一级 of its row — or, on a follow-on row left blank, of the nearest row above — through
named ranges and ``INDIRECT(LOOKUP(2,1/(…<>""),…))``, which Excel, WPS and LibreOffice all
evaluate.  Both dropdowns only warn (error style "information"): a clerk can still keep a
variant such as 效果指标.

The cells a clerk types in are text cells, so ``100%``, ``≥95%`` and ``0012`` stay as
typed; amounts are number cells with a check.  Rows are sized for typical content.  Each
form's number in its title comes from the sheet's position, so a copied sheet numbers
itself.
"""

from __future__ import annotations

import copy
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..catalog import load_catalog
from ..fileio import atomic_write
from ..forms import build_forms, department_layout, project_layout
from ..grid import Cell, Form
from ..labels import DOCUMENT_LABELS, SIGNATURE_LABELS
from ..layouts import LayoutSpec, page_size
from ..model import (
    MONEY_UNITS,
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Project,
    Task,
)
from .textmetrics import text_height_pt
from .xlsx_labels import cell_width_mm
from .xlsx_meta import (
    KIND_DEPARTMENT,
    KIND_LIST,
    KIND_PROJECT,
    META_SHEET,
    SOURCE_TEMPLATE,
    write_meta,
)
from .xlsx_pages import page_room_pt, print_scale
from .xlsx_rows import RowLayout, sheet_style
from .xlsx_sheet import (
    AMOUNT_FORMAT,
    BODY_FONT,
    FONT_NAMES,
    MARGINS,
    TEXT_FORMAT,
    Formats,
    new_workbook,
    printed_width_mm,
    render_form,
    set_a4_print,
    set_column_width,
    set_row_height,
)

INFO_SHEET = "填报信息"
#: The one sheet of a template in a list layout.
LIST_SHEET = "指标清单"
LISTS_SHEET = "选项"
PROJECT_SHEETS = 3
INDICATOR_ROWS = 15
#: Blank items of each list a department form prints a row (or two) per item of.
DEPARTMENT_ITEMS = 5

#: The 填报信息 sheet: (label, input help) — the document's settings, then the signature.
INFO_FIELDS = [
    (DOCUMENT_LABELS["unit_code"], "预算单位编码，如 151002"),
    (DOCUMENT_LABELS["unit_name"], "预算单位全称"),
    (DOCUMENT_LABELS["fiscal_year"], "如 2024"),
    (DOCUMENT_LABELS["money_unit"], "元 或 万元"),
    *(
        (label, "如 2024年1月10日" if name == "date" else "")
        for name, label in SIGNATURE_LABELS.items()
    ),
]

INSTRUCTIONS = [
    "填写说明",
    "1. 先在上方填写单位、年度和金额单位；每张“项目”工作表填写一个项目。",
    "2. 项目多于三个时：右键点击“项目3”工作表标签 →“移动或复制”→ 勾选“建立副本”。",
    "3. 一级指标、二级指标可从下拉列表选择，也可直接输入本单位使用的名称；"
    "同一一级指标的连续各行可只填第一行。",
    "4. 指标行不够时，在指标行中间插入整行即可；空行会被忽略。",
    "5. 金额请填数字；指标值照实填写，如 ≥95%、≤15分钟、100%、2024年内、有效保障。",
    "6. 填好后交回，用 goaleditor 的“导入”读入即可继续编辑、审核和打印。",
]


#: Cells typed as numbers (with a decimal check); every other input cell is text.
AMOUNT_KEYS = ("budget.total", "budget.fiscal", "budget.other")

#: Keyed cells that are printed text, not typed in (the unit line is a formula).
NOT_TYPED_KEYS = ("unit_line", "signature")

#: The smallest scale a blank project sheet prints at to keep it on one page (15
#: indicator rows sized for two lines, the goals for five: the standard form needs 83 %,
#: the national and 88号 forms with their two goal boxes 77–79 %).
BLANK_MIN_SCALE = 0.75
#: Lines of 五号 text a blank row is sized for, by the key of an input cell on it.
TYPICAL_LINES = {
    "goals": 5,
    "purpose": 2,
    "level1": 2,
    "overall_goal": 5,
    "duty": 3,
    "duty_goal": 2,
    "safeguards": 3,
    "safeguard_item": 2,
    "task.content": 3,
    "task.expected": 2,
    "other_tasks": 2,
}


def blank_document(layout: Layout | None = None) -> Document:
    """The document the template shows: blank projects with blank rows, in *layout*
    (the default layout when None); a blank department form with blank rows where the
    layout prints one (``department_form``)."""
    projects = [
        Project(indicators=[Indicator() for _ in range(INDICATOR_ROWS)])
        for _ in range(PROJECT_SHEETS)
    ]
    doc = Document(layout=copy.deepcopy(layout) if layout else Layout(), projects=projects)
    if doc.layout.department_form or doc.layout.department_layout:
        doc.department = DepartmentGoals(
            tasks=[Task() for _ in range(DEPARTMENT_ITEMS)],
            # A blank goal prints no row: a blank that is not empty keeps its row to fill.
            duty_goals=[DutyGoal(goal=" ") for _ in range(DEPARTMENT_ITEMS)],
            safeguard_items=["" for _ in range(DEPARTMENT_ITEMS)],
            indicators=[Indicator() for _ in range(INDICATOR_ROWS)],
        )
    return doc


def write_template_to(target: str | os.PathLike | IO[bytes], layout: Layout | None = None) -> None:
    """Write the blank template in *layout* to *target* (a path or a binary file)."""
    doc = blank_document(layout)
    catalog = load_catalog()
    wb = new_workbook(target)
    formats = Formats(wb)
    info_rows = _fill_info(wb.add_worksheet(INFO_SHEET), formats)
    lists = _list_refs(wb, catalog)
    sheets = []
    spec = project_layout(doc)
    listed = spec.kind == "list"  # one sheet, a row per indicator of any project
    forms = build_forms(doc)
    dept_spec = department_layout(doc)

    def draw(form: Form, layout: LayoutSpec, number: int, kind: str) -> None:
        inputs = LayoutInputs.of(layout)
        ws, rows, _ = render_form(wb, formats, form, inputs.number_format)
        _print_on_one_page(ws, form, _size_rows(ws, form, rows))
        _link_heading(ws, form, rows, formats, doc, layout, number, info_rows)
        _add_validations(ws, form, rows, lists, inputs)
        sheets.append((form.sheet_name, kind, {}))

    if dept_spec is not None:
        draw(forms.pop(0), dept_spec, 0, KIND_DEPARTMENT)
    for n, form in enumerate(forms, 1):
        form.sheet_name = LIST_SHEET if listed else f"项目{n}"
        for cell in form.cells:
            if cell.key == "row_number":
                cell.text = ""  # a blank row has no number yet (the clerk may number them)
        draw(form, spec, n, KIND_LIST if listed else KIND_PROJECT)
    write_meta(wb, doc, sheets, SOURCE_TEMPLATE)
    _fill_lists(wb.add_worksheet(LISTS_SHEET), catalog)
    wb.set_properties({"title": "预算绩效目标填报模板", "author": "goaleditor"})
    wb.close()


def write_template(path: str | os.PathLike, layout: Layout | None = None) -> None:
    """Write the blank template atomically (`WriteError` when the target is locked)."""

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            write_template_to(fh, layout)

    atomic_write(Path(path), write, action="生成模板")


@dataclass(frozen=True)
class LayoutInputs:
    """What the template's layout says about its input cells: which are amounts, the
    label of each of the layout's own fields, the format of each indicator column."""

    amounts: frozenset[str]
    #: ``extra.ID`` → (label, type) of the layout's own fields.
    own: dict[str, tuple[str, str]]
    #: Indicator column header → format (``sign``, ``number``, ``unit`` for a 指标值
    #: printed apart).
    column_formats: dict[str, str]

    @classmethod
    def of(cls, spec: LayoutSpec) -> LayoutInputs:
        formats = spec.cell_formats()
        amounts = {key for key, fmt in formats.items() if fmt == "amount"}
        own = {f"extra.{f.id}": (f.label, f.type) for f in spec.fields}
        columns = {head: fmt for head, _field, fmt in spec.indicator_columns()}
        return cls(frozenset(amounts | set(AMOUNT_KEYS)), own, columns)

    def number_format(self, cell: Cell) -> str | None:
        """Number format of a cell the clerk types in: amounts are numbers, the rest text."""
        if not cell.key or cell.key in NOT_TYPED_KEYS:
            return None
        return AMOUNT_FORMAT if cell.key in self.amounts else TEXT_FORMAT


def _size_rows(ws: Worksheet, form: Form, rows: RowLayout) -> list[float]:
    """Blank rows as tall as their typical content (Excel does not grow a row as one
    types); returns the sheet's row heights."""
    heights = list(rows.heights)
    for cell in form.cells:
        lines = TYPICAL_LINES.get(cell.key)
        if lines is None or cell.rowspan != 1:
            continue
        width = cell_width_mm(form, cell)
        need = text_height_pt("\n".join("国" * lines), width, cell.style.size)
        r = rows.starts[cell.row]
        if need > heights[r]:
            heights[r] = need
            set_row_height(ws, r, need)
    return heights


def _print_on_one_page(ws: Worksheet, form: Form, heights: list[float]) -> None:
    """The blank form prints on one page: at 100 % its rows sized for typical content
    are taller than an A4 page (the last page would hold the header and the signature
    alone), so the sheet prints as small as that needs, down to `BLANK_MIN_SCALE`.  Rows
    the clerk adds go on to further pages at the same scale."""
    paper = page_size(form.landscape)
    fits = page_room_pt(1.0, MARGINS, paper) / sum(heights) if heights else 1.0
    widest = print_scale(printed_width_mm(form), MARGINS, paper)
    scale = min(widest, math.floor(fits * 100) / 100)
    if BLANK_MIN_SCALE <= scale < 1.0:
        set_a4_print(ws, scale, form.landscape)


def sheet_ref(name: str) -> str:
    """*name* as a formula refers to a sheet: quoted, quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


# ---------------------------------------------------------------- 填报信息


def _fill_info(ws: Worksheet, formats: Formats) -> dict[str, str]:
    """Label/value rows; returns label → absolute reference of its value cell."""
    body = formats.get(font_name=BODY_FONT, font_size=11)
    value_format = formats.get(font_name=BODY_FONT, font_size=11, num_format=TEXT_FORMAT)
    hint = formats.get(font_name=BODY_FONT, font_size=9, font_color="#808080")
    title = formats.get(font_name=FONT_NAMES["title"], font_size=16)
    ws.merge_range("A1:C1", "预算绩效目标填报信息", title)
    # In Calibri digits, the workbook's default font (see export/xlsx_sheet.py).
    for col, width in enumerate((14, 37, 40)):
        set_column_width(ws, col, width)
    refs = {}
    for r, (label, hint_text) in enumerate(INFO_FIELDS, 2):
        ws.write_string(r, 0, label, body)
        # Text: codes keep their leading zeros.
        if label == "金额单位":
            ws.write_string(r, 1, "元", value_format)
            ws.data_validation(
                r,
                1,
                r,
                1,
                {
                    "validate": "list",
                    "source": list(MONEY_UNITS),
                    "input_title": "金额单位",
                    "input_message": "选择“元”或“万元”，各项目表的金额都按此单位填写。",
                    "show_error": False,
                },
            )
        else:
            ws.write_blank(r, 1, None, value_format)
        ws.write(r, 2, hint_text or None, hint)
        refs[label] = f"{sheet_ref(INFO_SHEET)}!{xl_rowcol_to_cell(r, 1, True, True)}"
    start = len(INFO_FIELDS) + 3
    for j, line in enumerate(INSTRUCTIONS):
        font = FONT_NAMES["title"] if j == 0 else BODY_FONT
        fmt = formats.get(font_name=font, font_size=11, text_wrap=True, valign="top")
        ws.merge_range(start + j, 0, start + j, 2, line, fmt)
        set_row_height(ws, start + j, 30 if j else 20)
    set_a4_print(ws)
    return refs


# ---------------------------------------------------------------- category lists


def _list_refs(wb: Workbook, catalog) -> dict[str, str]:
    """The 一级 list's range, and a named range per 一级 for its 二级 (see `_fill_lists`)."""
    level1 = catalog.level1_names()
    sheet = sheet_ref(LISTS_SHEET)
    for c, name in enumerate(level1, 1):
        level2 = catalog.level2_for(name)
        if level2:
            first, last = (
                xl_rowcol_to_cell(0, c, True, True),
                xl_rowcol_to_cell(len(level2) - 1, c, True, True),
            )
            wb.define_name(name, f"={sheet}!{first}:{last}")
    return {"level1": f"{sheet}!$A$1:$A${len(level1)}"}


def _fill_lists(ws: Worksheet, catalog) -> None:
    """Hidden sheet: column A the 一级 list, then one column of 二级 per 一级."""
    ws.hide()
    level1 = catalog.level1_names()
    for r, name in enumerate(level1):
        ws.write_string(r, 0, name)
    for c, name in enumerate(level1, 1):
        for r, l2 in enumerate(catalog.level2_for(name)):
            ws.write_string(r, c, l2)


#: Input help of each kind of input cell: (title, message).  Never a formula: what a
#: clerk types in these text cells stays as typed.
HINTS = {
    "code": ("项目编码", "按预算系统中的项目编码填写。"),
    "project.name": ("项目名称", "按预算批复填写项目全称。"),
    "purpose": ("预算规模及资金用途", "写明资金用途，如“用于办案业务支出”。"),
    "goals": ("绩效目标", "每行一个目标，按 1、2、……编号；在单元格内换行按 Alt+Enter。"),
    "spending_plan": ("资金支出计划（%）", "截至该月底累计支出占预算的百分比，如 25 或 25%。"),
    "name": ("三级指标", "具体指标名称，如“公诉案件审结率”。"),
    "description": ("绩效指标描述", "说明指标的含义和计算方法。"),
    "value": (
        "指标值",
        "照实填写，如 ≥95%、≤15分钟、100%、≥600台/套、2024年内；定性指标写“有效保障”等。",
    ),
    "basis": ("指标值确定依据", "如 历史数据、计划标准、行业标准。"),
    "period_value": ("中期指标值", "项目实施周期内应达到的指标值，写法同年度指标值。"),
    "long_term_goals": ("中期目标", "每行一个目标，按 1、2、……编号；在单元格内换行按 Alt+Enter。"),
    "department": ("主管部门", "主管部门名称（及代码）。"),
    "implementer": ("实施单位", "实施项目的单位名称。"),
    "attribute": ("项目属性", "如 新增项目、延续项目。"),
    "period": ("项目期", "如 2024年、2024—2026年。"),
    "weight": ("权重", "该指标的分值（数字，如 10）；各指标权重合计 100。"),
    "explanation": ("指标解释", "说明指标的含义和计算方法。"),
    "scoring": ("评（扣）分标准", "写明如何评分、扣分，如“每低1个百分点扣1分”。"),
    "source": ("数据来源", "如 统计报表、财务账、问卷调查。"),
    "last_value": ("上年值", "上年实际达到的值。"),
    "value.sign": ("指标性质", "从列表选择 ≥、≤、= 或 定性。"),
    "value.number": ("指标值", "只填数值，如 95；定性指标写“有效保障”等。"),
    "value.unit": ("度量单位", "如 %、人次、个工作日；定性指标不填。"),
    # The department forms (部门整体).
    "department.name": ("部门名称", "填写部门（单位）全称。"),
    "staff_count": ("财政供养人员数", "填人数，如 120。"),
    "subunit_count": ("下属二级单位数", "填个数，如 3；没有填 0。"),
    "overall_goal": ("总体绩效目标", "概述部门全年的总体绩效目标；在单元格内换行按 Alt+Enter。"),
    "duty": (
        "分项绩效目标",
        "在编号后写职能名称和主要职责，用“：”隔开，如“1、侦查监督：主要职责是……”。",
    ),
    "duty_goal": ("分项绩效目标", "上一行职能的绩效目标，如“绩效目标是……”；没有可不填。"),
    "safeguards": ("工作保障措施", "概述工作保障措施。"),
    "safeguard_item": ("工作保障措施", "在编号后写一条保障措施；用不完的行留空。"),
    "task.name": ("任务名称", "写一项年度任务的名称；用不完的行留空，不够时插入整行。"),
    "task.content": ("主要内容", "写任务的主要实施内容。"),
    "task.expected": ("期望达到的目标", "概述完成任务期望达到的目标。"),
    "other_tasks": ("其他需完成的任务", "可不填。"),
}

#: The 指标性质 a form that prints the 指标值 apart offers.
VALUE_SIGNS = ["≥", "≤", "=", "定性"]


def _hint_key(cell: Cell, indicator_rows: set[int]) -> str:
    """Which `HINTS` entry a keyed cell takes (项目名称 and 三级 share the key ``name``)."""
    if cell.key == "project.name" or (cell.key == "name" and cell.row not in indicator_rows):
        return "project.name"
    if cell.key in HINTS:
        return cell.key  # the department form's own: department.name, task.content …
    return cell.key.removeprefix("project.").split(".")[0]  # a list's 项目编码 is ``code``


def _add_validations(
    ws: Worksheet, form: Form, layout: RowLayout, lists: dict[str, str], inputs: LayoutInputs
) -> None:
    by_key: dict[str, list[tuple[int, int]]] = {}
    indicator_rows = {cell.row for cell in form.cells if cell.key == "level1"}
    header = min(indicator_rows, default=0) - 1
    heads = {cell.col: cell.text for cell in form.cells if cell.row == header and not cell.key}
    for cell in form.cells:
        if not cell.key:
            continue
        if cell.key in inputs.amounts or cell.key in inputs.own:
            key = cell.key
        else:
            key = _hint_key(cell, indicator_rows)
            part = inputs.column_formats.get(heads.get(cell.col, ""))
            if key == "value" and part in ("sign", "number", "unit"):
                key = f"value.{part}"
        by_key.setdefault(key, []).append((layout.starts[cell.row], cell.col))
    _dropdown(
        ws,
        by_key.get("level1", []),
        f"={lists['level1']}",
        "一级指标",
        "不在标准一级指标列表中。",
        "从列表选择（产出指标、效益指标、满意度指标……），也可直接输入。"
        "同一一级的连续各行可只填第一行。",
    )
    rows = by_key.get("level2", [])
    if rows:
        # The 一级 of the row, or of the nearest row above where it is left blank.
        row, col = by_key["level1"][0]
        first = xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)
        here = xl_rowcol_to_cell(rows[0][0], col, col_abs=True)
        _dropdown(
            ws,
            rows,
            f'=INDIRECT(LOOKUP(2,1/({first}:{here}<>""),{first}:{here}))',
            "二级指标",
            "不在所选一级指标的二级列表中。",
            "先选一级指标，再从列表选择对应的二级指标；也可直接输入。",
        )
    _dropdown(
        ws,
        by_key.pop("value.sign", []),
        VALUE_SIGNS,
        "指标性质",
        "不是 ≥、≤、= 或 定性。",
        HINTS["value.sign"][1],
    )
    for key, (title, prompt) in HINTS.items():
        _apply(ws, by_key.get(key, []), validate="any", input_title=title, input_message=prompt)
    for key, (label, kind) in inputs.own.items():
        if kind != "amount":
            prompt = "本版式自有的栏目，按表上要求填写。"
            _apply(ws, by_key.get(key, []), validate="any", input_title=label, input_message=prompt)
    for key in sorted(inputs.amounts):
        _apply(
            ws,
            by_key.get(key, []),
            validate="decimal",
            criteria=">=",
            value=0,
            error_title="金额",
            error_message="请填写数字金额（不带单位），如 190000.00。",
            input_title="金额",
            input_message="填数字，单位见表右上角。",
        )


def _dropdown(
    ws: Worksheet,
    cells: list[tuple[int, int]],
    source: str | list[str],
    title: str,
    unknown: str,
    help: str,
) -> None:
    """A list (a range, or the choices themselves) that only warns: a clerk can keep a
    name of the unit's own."""
    _apply(
        ws,
        cells,
        validate="list",
        source=source,
        error_type="information",
        error_title=title,
        error_message=unknown + "确属本单位使用的名称可点“确定”保留。",
        input_title=title,
        input_message=help,
    )


def _apply(ws: Worksheet, cells: list[tuple[int, int]], **options) -> None:
    """One data validation (XlsxWriter *options*) over all *cells*."""
    if not cells:
        return
    options.update(ignore_blank=True, show_input=True, show_error=True)
    options["multi_range"] = " ".join(xl_rowcol_to_cell(r, c) for r, c in cells)
    (row, col) = cells[0]
    ws.data_validation(row, col, row, col, options)


def _link_heading(
    ws: Worksheet,
    form: Form,
    layout: RowLayout,
    formats: Formats,
    doc: Document,
    spec: LayoutSpec,
    number: int,
    info: dict[str, str],
) -> None:
    """Title and unit line follow what the clerk types (formulas; the importer ignores them).

    The title's number is the sheet's place among the project sheets — its position,
    less 填报信息 and the hidden sheets before it — so a copied sheet numbers itself.
    Each formula keeps its cell's format and carries the text it shows while blank, for
    viewers that do not calculate.
    """

    def write(cell: Cell | None, formula: str, shown: str) -> None:
        assert cell is not None
        fmt = formats.cell(sheet_style(cell, layout))
        ws.write_formula(layout.starts[cell.row], cell.col, formula, fmt, shown)

    def sheet_of(name: str) -> str:
        return f"_xlfn.SHEET({sheet_ref(name)}!$A$1)"

    number_style = doc.layout.number_style
    position = (
        f"(_xlfn.SHEET()-{sheet_of(INFO_SHEET)}"
        + "".join(f"-(_xlfn.SHEET()>{sheet_of(name)})" for name in (META_SHEET, LISTS_SHEET))
        + ")"
    )
    title = spec.data.get("title", "")
    if isinstance(title, str) and "{project.name}" in title:
        name = next(c for c in form.cells if c.key == "name")
        name_ref = xl_rowcol_to_cell(layout.starts[name.row], name.col)
        # The layout's title, its number and project name following the sheet.
        parts, shown = [], ""
        for token in re.split(r"(\{[^{}]*\})", title):
            if token == "{number}":
                parts.append(position)
                shown += str(number)
            elif token == "{number_style}":
                parts.append(_quoted(number_style))
                shown += number_style
            elif token == "{project.name}":
                parts.append(f'IF({name_ref}="","（项目名称）",{name_ref})')
                shown += "（项目名称）"
            elif token and not token.startswith("{"):
                parts.append(_quoted(token))
                shown += token
        write(form.cell_at(0, 0), "=" + "&".join(parts), shown)
    unit = next((c for c in form.cells if c.key == "unit_line"), None)
    if unit is None:
        return  # a form without a unit line (the Hebei text form)
    lead = f"{_quoted(unit.text)}&" if unit.text else ""
    write(unit, f"={lead}{info['单位编码']}&{info['单位名称']}", unit.text)
    money = form.cell_at(unit.row, unit.col + unit.colspan)
    if money is not None and money.text.endswith(doc.money_unit):
        label = money.text.removesuffix(doc.money_unit)
        write(money, f"={_quoted(label)}&{info['金额单位']}", money.text)


def _quoted(text: str) -> str:
    """*text* as a string constant of a formula."""
    return '"' + text.replace('"', '""') + '"'
