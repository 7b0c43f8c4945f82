"""Which indicator cells to mark: the 审核 findings of one form, by row and field.

Only the form on screen is checked (a project or the department), so marking stays
instant on a 500-project document.
"""

from __future__ import annotations

from ...model import DepartmentGoals, Document, Project

#: ``(row, field) -> [(is_error, message)]``
Marks = dict[tuple[int, str], list[tuple[bool, str]]]


def owner_marks(document: Document, owner: Project | DepartmentGoals) -> Marks:
    """The findings of *owner*'s form that point at one indicator cell."""
    from ...checks import check_department, check_project  # loaded once a form is shown

    if isinstance(owner, DepartmentGoals):
        problems = check_department(document) if owner is document.department else []
    else:
        index = next((i for i, p in enumerate(document.projects) if p is owner), None)
        problems = check_project(document, index) if index is not None else []
    marks: Marks = {}
    for problem in problems:
        if problem.row is None or not problem.field:
            continue
        marks.setdefault((problem.row, problem.field), []).append(
            (problem.is_error, problem.message)
        )
    return marks
