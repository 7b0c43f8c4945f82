"""The official layouts as data: a document becomes a list of `grid.Form`s.

The Excel writer and the PDF writer both render these forms, so the two can never
drift apart.  Order: the department form (if the layout has one), then one form per
project.
"""

from __future__ import annotations

from ..grid import Form
from ..model import Document
from .chengdu import build_chengdu_form
from .common import sheet_name, shorten
from .department_text import build_department_text_form
from .guangzhou import build_guangzhou_form
from .project import build_project_form, project_title

__all__ = [
    "DEPARTMENT_SHEET",
    "NOTHING_TO_EXPORT",
    "build_forms",
    "project_sheet_base",
    "project_title",
]

#: What both writers say when a document has no form to print yet.
NOTHING_TO_EXPORT = (
    "没有可导出的表：文档中还没有部门整体表，也没有项目。请先在左侧添加项目后再导出。"
)

#: Sheet name of the department form.
DEPARTMENT_SHEET = "部门整体"

#: Characters of the project name kept in its sheet name.
_SHORT_NAME = 24

_DEPARTMENT_BUILDERS = {
    "text": build_department_text_form,
    "guangzhou": build_guangzhou_form,
    "chengdu": build_chengdu_form,
}


def project_sheet_base(doc: Document, index: int) -> str:
    """``3.安保维稳工作经费`` before shortening: the project's number and its name."""
    return f"{index + 1}.{doc.projects[index].name or '项目'}"


def build_forms(doc: Document, projects: list[int] | None = None) -> list[Form]:
    """All forms of *doc*, or only the projects at the given indices (no department form).

    Project numbers in titles stay those of the whole document, so a printout of
    selected projects matches the full one.
    """
    forms: list[Form] = []
    taken: set[str] = set()
    whole = projects is None
    indices = range(len(doc.projects)) if projects is None else projects
    has_department = whole and doc.layout.department_form and doc.department is not None
    if has_department:
        build = _DEPARTMENT_BUILDERS[doc.layout.department_form]
        forms.append(build(doc, doc.department, sheet_name=sheet_name(DEPARTMENT_SHEET, taken)))
    for n, index in enumerate(indices):
        if not 0 <= index < len(doc.projects):
            raise IndexError(f"no project {index}")
        project = doc.projects[index]
        base = project_sheet_base(doc, index)
        form = build_project_form(
            doc,
            index,
            project,
            sheet_name=sheet_name(shorten(base, _SHORT_NAME), taken),
            part_heading=bool(has_department and doc.layout.department_form == "text" and n == 0),
        )
        forms.append(form)
    return forms
