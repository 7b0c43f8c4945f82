"""Excel export: the official forms, one sheet each, print-ready (A4, fit to width).

Department form first, then one sheet per project; a hidden ``goaleditor`` sheet
lets `goaleditor import` read the workbook back into the same document.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..fileio import atomic_write
from ..forms import build_forms
from ..forms.common import clean_text
from ..model import Document
from .xlsx_meta import (
    KIND_DEPARTMENT,
    KIND_PROJECT,
    SOURCE_EXPORT,
    department_extras,
    project_extras,
    write_meta,
)
from .xlsx_writer import FormWorkbook

#: Sheet of a workbook whose document has neither a department form nor projects.
EMPTY_SHEET = "空白"


def build_workbook(doc: Document, projects: list[int] | None = None) -> FormWorkbook:
    """The workbook in memory; its form sheets get their cells when it is saved."""
    forms = build_forms(doc, projects)
    indices = list(range(len(doc.projects))) if projects is None else list(projects)
    has_department = len(forms) > len(indices)
    book = FormWorkbook()
    wb = book.workbook
    sheets: list[tuple[str, str, dict]] = []
    project_forms = forms[1:] if has_department else forms
    if has_department:
        assert doc.department is not None
        kind = doc.layout.department_form
        book.add_form(forms[0])
        sheets.append(
            (forms[0].sheet_name, KIND_DEPARTMENT, department_extras(kind, doc.department))
        )
    for index, form in zip(indices, project_forms, strict=True):
        book.add_form(form)
        sheets.append((form.sheet_name, KIND_PROJECT, project_extras(doc, doc.projects[index])))
    if not forms:
        ws = wb.create_sheet(EMPTY_SHEET)
        ws["A1"] = "本文档还没有部门整体表或项目表。"
    write_meta(wb, doc, sheets, SOURCE_EXPORT)
    wb.active = 0
    wb.properties.title = clean_text(doc.title or f"{doc.unit_name}预算绩效目标表")
    wb.properties.creator = clean_text(doc.unit_name) or "goaleditor"
    return book


def write_xlsx(doc: Document, path: str | os.PathLike, projects: list[int] | None = None) -> None:
    """Export *doc* (or the projects at the given indices) to *path* atomically.

    Raises `WriteError` with a Chinese message when the file cannot be written (for
    example while it is open in Excel or WPS); nothing partial is left behind.
    """
    book = build_workbook(doc, projects)
    atomic_write(Path(path), book.save, action="导出")
