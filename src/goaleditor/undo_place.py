"""Where an undone or redone change is, so the window can show it.

Undo works across the whole document: 撤销 after switching to another project would
otherwise change a project that is not on screen, and the clerk could not see what was
undone.  `place_of` maps the model object a command touched to the form it belongs to
(a project and its row, the department form, the document header); the window selects
it and names it in the status bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document

PROJECT, DEPARTMENT, DOCUMENT = "project", "department", "document"


@dataclass(frozen=True)
class Place:
    kind: str
    #: 0-based project index (PROJECT only).
    project: int | None = None
    #: 0-based row of an indicator (or task) in its table, None for a header field.
    row: int | None = None
    #: The field as `Problem.field` names it (``value``, ``budget.fiscal`` …), "" if none.
    field: str = ""

    def describe(self, document: Document) -> str:
        """``项目 5「车辆保险费」第 2 行`` — for the status bar."""
        if self.kind == PROJECT and self.project is not None:
            name = document.projects[self.project].name or "（未命名）"
            where = f"项目 {self.project + 1}「{name}」"
            return where + (f"第 {self.row + 1} 行" if self.row is not None else "")
        if self.kind == DEPARTMENT:
            return "部门整体" + (f"第 {self.row + 1} 行" if self.row is not None else "")
        return "单位、年度和版式"


def place_of(document: Document, obj: object, name: str) -> Place | None:
    """The form showing ``obj.<name>`` (a field or a list); None when it is the project list
    itself (the tree shows that change) or the object is no longer in the document."""
    if obj is document:
        return None if name == "projects" else Place(DOCUMENT, field=name)
    if obj is document.signature:
        return Place(DOCUMENT, field=name)
    for i, project in enumerate(document.projects):
        if obj is project:
            return Place(PROJECT, i, field="" if name == "indicators" else name)
        if obj is project.budget:
            return Place(PROJECT, i, field=f"budget.{name}")
        row = _index(project.indicators, obj)
        if row is not None:
            return Place(PROJECT, i, row, name)
    dept = document.department
    if dept is None:
        return None
    if obj is dept or obj is dept.budget:
        return Place(DEPARTMENT, field=name)
    row = _index(dept.indicators, obj)
    if row is not None:
        return Place(DEPARTMENT, row=row, field=name)
    for table in ("tasks", "duty_goals"):
        row = _index(getattr(dept, table), obj)
        if row is not None:
            return Place(DEPARTMENT, row=row, field=table)
    return None


def _index(items: list, obj: object) -> int | None:
    return next((i for i, item in enumerate(items) if item is obj), None)
