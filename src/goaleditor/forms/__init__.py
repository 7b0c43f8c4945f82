"""A document as a list of `grid.Form`s, drawn by its layouts (版式, ``resources/layouts/``).

The Excel writer and the PDF writer both render these forms, so the two can never
drift apart.  Order: the department form (if the document has one), then one form per
project; a list layout (one row per indicator of every project) is one form.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..grid import Form
from ..layouts import LayoutError, LayoutSpec, registry
from ..model import Document, Layout, Project
from .common import sheet_name, shorten
from .render import Renderer

__all__ = [
    "DEPARTMENT_SHEET",
    "NOTHING_TO_EXPORT",
    "build_forms",
    "department_layout",
    "iter_forms",
    "layout_choice",
    "preview_document",
    "project_layout",
    "project_sheet_base",
    "project_title",
    "store_layout",
    "use_layout",
]

#: What both writers say when a document has no form to print yet.
NOTHING_TO_EXPORT = (
    "没有可导出的表：文档中还没有部门整体表，也没有项目。请先在左侧添加项目后再导出。"
)

#: Sheet name of the department form.
DEPARTMENT_SHEET = "部门整体"

#: Characters of the project name kept in its sheet name.
_SHORT_NAME = 24


def project_sheet_base(doc: Document, index: int) -> str:
    """``3.安保维稳工作经费`` before shortening: the project's number and its name."""
    return f"{index + 1}.{doc.projects[index].name or '项目'}"


def _layout(layout_id: str, kinds: tuple[str, ...]) -> LayoutSpec:
    spec = registry().get(layout_id)
    if spec.kind not in kinds:
        wanted = "项目表或指标清单" if "project" in kinds else "部门整体表"
        raise LayoutError(f"版式“{spec.name}”（{layout_id}）是{spec.kind_name}，不能用作{wanted}。")
    return spec


def project_layout(doc: Document) -> LayoutSpec:
    """The layout the document's projects print in: a project form each, or one list."""
    return _layout(doc.layout.project_layout_id, ("project", "list"))


def department_layout(doc: Document) -> LayoutSpec | None:
    """The layout of the department form, or None when the document prints none."""
    layout_id = doc.layout.department_layout_id
    if not layout_id or doc.department is None:
        return None
    return _layout(layout_id, ("department",))


def layout_choice(layout_id: str, form: str) -> tuple[str, str]:
    """(editor form kind, printed layout id) that choosing *layout_id* stores.

    A built-in layout named like its form kind is stored as the kind alone, so
    documents printed in the classic forms stay as they were; *form* (the current kind)
    stays for a layout that declares none (a list).  ("", "") for no layout.
    """
    if not layout_id:
        return "", ""
    spec = registry().get(layout_id)
    form = spec.edits or form
    return form, "" if layout_id == form else layout_id


def use_layout(doc: Document, layout_id: str) -> LayoutSpec:
    """Print *doc* in layout *layout_id* from now on (``export --layout``).

    A project or list layout replaces the project forms, a department layout the
    department form.  `LayoutError` when the id is unknown or the document has no
    department form for a department layout.
    """
    spec = registry().get(layout_id)
    if spec.kind == "department" and doc.department is None:
        raise LayoutError(f"文档没有部门整体表，不能按版式“{spec.name}”导出。")
    store_layout(doc.layout, spec)
    return spec


def store_layout(lay: Layout, spec: LayoutSpec) -> None:
    """Choose *spec* in the settings *lay*: a department layout for the department form,
    any other for the project forms (`layout_choice`)."""
    if spec.kind == "department":
        lay.department_form, lay.department_layout = layout_choice(spec.id, lay.department_form)
    else:
        lay.project_form, lay.project_layout = layout_choice(spec.id, lay.project_form)


def preview_document(layout_id: str) -> Document:
    """A blank document printing in *layout_id*: what the form looks like before it is filled."""
    from ..model import DepartmentGoals, Indicator, Task

    blank = [Indicator(level1=level1) for level1 in ("产出指标", "效益指标", "满意度指标")]
    doc = Document(projects=[Project(indicators=blank)])
    doc.department = DepartmentGoals(tasks=[Task()], indicators=[Indicator() for _ in blank])
    spec = use_layout(doc, layout_id)
    if spec.kind != "department":
        doc.department = None
    return doc


def _context(doc: Document) -> dict:
    return {
        "document": doc,
        "layout": doc.layout,
        "number_style": doc.layout.number_style,
        "money_unit": doc.money_unit,
        "part_heading": [],
    }


def project_title(doc: Document, index: int, project: Project) -> str:
    """The title of project *index* as its form prints it (``1、项目名称绩效目标表``)."""
    ctx = {**_context(doc), "project": project, "number": index + 1}
    return Renderer(project_layout(doc)).title(ctx)


def build_forms(doc: Document, projects: list[int] | None = None) -> list[Form]:
    """All forms of *doc*, or only the projects at the given indices (no department form).

    Project numbers in titles stay those of the whole document, so a printout of
    selected projects matches the full one.  When the projects print in a list layout
    (one row per indicator), they are one form after the department form.
    `LayoutError` (a Chinese message) when a layout is unknown or cannot print.
    """
    return list(iter_forms(doc, projects))


def iter_forms(doc: Document, projects: list[int] | None = None) -> Iterator[Form]:
    """`build_forms` one form at a time, each built when it is asked for, so a writer
    can draw a form and let it go before the next is made.  Indices and layouts are
    checked at once (`IndexError`, `LayoutError`), before the first form."""
    whole = projects is None
    indices = range(len(doc.projects)) if projects is None else projects
    for index in indices:
        if not 0 <= index < len(doc.projects):
            raise IndexError(f"no project {index}")
    dept_spec = department_layout(doc) if whole else None
    spec = project_layout(doc) if indices else None
    return _forms(doc, indices, dept_spec, spec)


def _forms(
    doc: Document,
    indices: Sequence[int],
    dept_spec: LayoutSpec | None,
    spec: LayoutSpec | None,
) -> Iterator[Form]:
    taken: set[str] = set()
    part_heading: list[str] = []
    if dept_spec is not None:
        ctx = {**_context(doc), "department": doc.department}
        yield Renderer(dept_spec).build(ctx, sheet_name(DEPARTMENT_SHEET, taken))
        part_heading = list(dept_spec.data.get("part_heading", []))
    if spec is None:
        return
    renderer = Renderer(spec)
    if spec.kind == "list":
        ctx = {**_context(doc), "projects": [doc.projects[i] for i in indices]}
        yield renderer.build(ctx, sheet_name(spec.name, taken))
        return
    for n, index in enumerate(indices):
        base = project_sheet_base(doc, index)
        ctx = {**_context(doc), "project": doc.projects[index], "number": index + 1}
        if n == 0:
            ctx["part_heading"] = part_heading
        yield renderer.build(ctx, sheet_name(shorten(base, _SHORT_NAME), taken))
