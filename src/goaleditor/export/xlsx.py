"""Excel export: the official forms, one sheet each, print-ready (A4, fit to width).

Department form first, then one sheet per project; a hidden ``goaleditor`` sheet
lets `goaleditor import` read the workbook back into the same document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from ..fileio import atomic_write
from ..forms import build_forms
from ..forms.common import clean_text
from ..grid import Cell
from ..model import Document
from .xlsx_meta import (
    KIND_DEPARTMENT,
    KIND_PROJECT,
    SOURCE_EXPORT,
    CutTexts,
    department_extras,
    project_extras,
    write_meta,
)
from .xlsx_pages import pdf_pages
from .xlsx_sheet import COUNT_KEYS, TEXT_FORMAT, Formats, new_workbook, render_form

#: Sheet of a workbook whose document has neither a department form nor projects.
EMPTY_SHEET = "空白"


def typed_as_text(cell: Cell) -> str | None:
    """The clerk's own texts are text cells, so what is typed over them in Excel or WPS
    stays as typed (`90%`, `2020年12月`, `0012`), never a number or a date."""
    return TEXT_FORMAT if cell.key and cell.key not in COUNT_KEYS else None


def write_workbook(
    doc: Document, target: str | os.PathLike | IO[bytes], projects: list[int] | None = None
) -> None:
    """Write the workbook of *doc* (or of the projects at the given indices) to *target*."""
    forms = build_forms(doc, projects)
    indices = list(range(len(doc.projects))) if projects is None else list(projects)
    has_department = len(forms) > len(indices)
    wb = new_workbook(target)
    formats = Formats(wb)
    plan = pdf_pages()
    sheets: list[tuple[str, str, dict]] = []
    cut: CutTexts = {}
    project_forms = forms[1:] if has_department else forms
    if has_department:
        assert doc.department is not None
        kind = doc.layout.department_form
        cut[forms[0].sheet_name] = render_form(wb, formats, forms[0], typed_as_text, plan).cut
        sheets.append(
            (forms[0].sheet_name, KIND_DEPARTMENT, department_extras(kind, doc.department))
        )
    for index, form in zip(indices, project_forms, strict=True):
        cut[form.sheet_name] = render_form(wb, formats, form, typed_as_text, plan).cut
        sheets.append((form.sheet_name, KIND_PROJECT, project_extras(doc, doc.projects[index])))
    if not forms:
        wb.add_worksheet(EMPTY_SHEET).write_string(0, 0, "本文档还没有部门整体表或项目表。")
    write_meta(wb, doc, sheets, SOURCE_EXPORT, {name: c for name, c in cut.items() if c})
    wb.set_properties(
        {
            "title": clean_text(doc.title or f"{doc.unit_name}预算绩效目标表"),
            "author": clean_text(doc.unit_name) or "goaleditor",
        }
    )
    wb.close()


def write_xlsx(doc: Document, path: str | os.PathLike, projects: list[int] | None = None) -> None:
    """Export *doc* (or the projects at the given indices) to *path* atomically.

    Raises `WriteError` with a Chinese message when the file cannot be written (for
    example while it is open in Excel or WPS); nothing partial is left behind.
    """

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            write_workbook(doc, fh, projects)

    atomic_write(Path(path), write, action="导出")
