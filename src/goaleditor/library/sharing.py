"""Share a library within a unit: the history as an Excel list, and back.

One sheet ``指标库``, one indicator a row, a header row of Chinese column names.  The
export is written with XlsxWriter (fast for tens of thousands of rows; every text cell
written as text, so ``=100%`` stays a value and codes keep their zeros) through
`fileio.atomic_write`.  The import reads any sheet whose header has a ``三级指标``
column (openpyxl, read-only), so a list edited or re-sorted in Excel/WPS comes back;
计量单位 and 指标性质 are read from the value itself and only shown for the reader.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportProblem
from ..fileio import atomic_write
from .entries import HISTORY, LibraryEntry, make_entry

SHEET = "指标库"

#: (column header, entry field or property, width); `unit` and `comparison` are read-only.
COLUMNS = (
    ("三级指标", "name", 28),
    ("一级指标", "level1", 12),
    ("二级指标", "level2", 18),
    ("指标值", "value", 14),
    ("计量单位", "unit", 9),
    ("指标性质", "comparison", 8),
    ("绩效指标描述", "description", 30),
    ("指标值确定依据", "basis", 20),
    ("年度", "year", 7),
    ("单位名称", "unit_name", 24),
    ("项目名称", "project", 30),
    ("项目类别", "project_class", 14),
    ("来源", "source", 40),
)
_READ_ONLY = ("unit", "comparison")
#: Characters XML 1.0 (and so Excel) cannot hold, pasted from Word into a cell.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Excel's limit for the text of one cell.
MAX_CELL = 32767


def export_xlsx(entries: Iterable[LibraryEntry], path: str | os.PathLike) -> int:
    """Write *entries* to *path* atomically; how many rows were written."""
    import xlsxwriter

    rows = list(entries)

    def write(tmp: Path) -> None:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        sheet = book.add_worksheet(SHEET)
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for col, (title, _key, width) in enumerate(COLUMNS):
            sheet.write_string(0, col, title, head)
            sheet.set_column(col, col, width)
        for r, entry in enumerate(rows, start=1):
            for col, (_title, key, _width) in enumerate(COLUMNS):
                value = getattr(entry, key)
                if key == "year":
                    if value is not None:
                        sheet.write_number(r, col, value)
                elif value:
                    sheet.write_string(r, col, _CONTROL.sub("", value)[:MAX_CELL])
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
        book.close()

    atomic_write(path, write, action="导出")
    return len(rows)


@dataclass
class SharedRows:
    """What an import read: the entries, and Chinese notes on rows left out."""

    entries: list[LibraryEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def import_xlsx(path: str | os.PathLike) -> SharedRows:
    """The entries of an exported library (or any sheet with a 三级指标 header column).

    `ImportProblem` (Chinese) when the file is not a readable workbook or has no such sheet.
    """
    from ..applog import faults_reported
    from ..importers.xlsx import open_workbook

    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ImportProblem(
            f"“{path.name}”不是 Excel 工作簿（.xlsx）。指标库只能从 goaleditor 导出的 .xlsx 导入。"
        )
    book = open_workbook(path)
    try:
        # what the reader did not foresee in an opened workbook is a fault of the program,
        # logged with its traceback (as for the forms' import)
        with faults_reported(f"导入指标库“{path.name}”"):
            return _read_book(book, path)
    finally:
        book.close()  # a read-only workbook holds its file open


def _read_book(book, path: Path) -> SharedRows:
    sheets = [book[SHEET]] if SHEET in book.sheetnames else []
    sheets += [ws for ws in book.worksheets if ws.title != SHEET]
    for sheet in sheets:
        rows = sheet.iter_rows(values_only=True)
        for header in rows:
            columns = _columns(header)
            if columns is not None:
                return _read_rows(rows, columns, path)
            break
    raise ImportProblem(
        f"“{path.name}”中没有指标库：找不到第一行有“三级指标”列的工作表。"
        "请用 goaleditor 导出的指标库文件（goaleditor library export）。"
    )


def _columns(header) -> dict[int, str] | None:
    """Column index → entry field, from a header row; None without a 三级指标 column."""
    by_title = {title: key for title, key, _w in COLUMNS if key not in _READ_ONLY}
    columns = {}
    for i, cell in enumerate(header or ()):
        key = by_title.get(str(cell).strip()) if cell is not None else None
        if key:
            columns[i] = key
    return columns if "name" in columns.values() else None


def _read_rows(rows, columns: dict[int, str], path: Path) -> SharedRows:
    result = SharedRows()
    pool: dict[str, str] = {}
    blank = 0
    for number, row in enumerate(rows, start=2):
        values: dict = {}
        for i, key in columns.items():
            cell = row[i] if i < len(row) else None
            values[key] = _text(cell)
        if not values.get("name"):
            if any(values.values()):
                blank += 1
            continue
        year_text = values.pop("year", "")
        year = None
        if year_text:
            year = _year(year_text)
            if year is None:
                result.notes.append(f"第 {number} 行：年度“{year_text}”不是年份，已按未填处理。")
        if not values.get("source"):
            values["source"] = str(path.resolve())
        result.entries.append(make_entry(pool, origin=HISTORY, year=year, **values))
    if blank:
        result.notes.append(f"有 {blank} 行没有三级指标名称，未导入。")
    return result


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return _CONTROL.sub("", str(cell)).strip()


def _year(text: str) -> int | None:
    match = re.fullmatch(r"((?:19|20|21|22)\d\d)\s*年?(?:度)?", text)
    return int(match.group(1)) if match else None
