"""审核: the checks a clerk runs before printing, as a list of `Problem`s.

Each problem has a severity (`ERROR` must be fixed; `WARNING` is a 提醒 worth a
look), a location (project, indicator row, field) and a Chinese message saying what
is wrong and how to fix it.  The GUI re-checks only the project being edited, so
`check_project` depends on nothing but that project and the document header.
"""

from __future__ import annotations

from ..model import Document
from .forms import department_problems, document_problems, project_problems
from .problem import ERROR, WARNING, Problem

__all__ = [
    "ERROR",
    "WARNING",
    "Problem",
    "check_department",
    "check_document",
    "check_project",
    "run_checks",
]


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Form-level problems first, then indicator rows top to bottom (stable)."""
    return sorted(problems, key=lambda p: -1 if p.row is None else p.row)


def check_project(doc: Document, index: int) -> list[Problem]:
    """Problems of project `index` (0-based)."""
    return _ordered(project_problems(doc, index))


def check_department(doc: Document) -> list[Problem]:
    """Problems of the department form (部门整体); [] when the document has none."""
    return _ordered(department_problems(doc))


def check_document(doc: Document) -> list[Problem]:
    """Problems of the document header (unit name, fiscal year)."""
    return list(document_problems(doc))


def run_checks(doc: Document) -> list[Problem]:
    """Every problem: the header, the department form, then each project in order."""
    problems = check_document(doc) + check_department(doc)
    for index in range(len(doc.projects)):
        problems.extend(check_project(doc, index))
    return problems
