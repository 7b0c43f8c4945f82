"""Which form an edit touches, so the live checks re-run that form only.

`goaleditor.checks` checks each form (a project, the department, the document header)
from that form plus a few document settings.  An edit of an indicator, a budget or a
project field therefore changes the findings of its own form and no other; an edit of
those settings, or a change of the project list (numbers shift), needs a full 审核.
"""

from __future__ import annotations

from ..model import Document

#: The scope of an edit that needs every form re-checked.
FULL = "full"
#: The document header form (unit name, year).
DOCUMENT = "document"
#: The department form (部门整体).
DEPARTMENT = "department"

#: Document fields that only the header's own checks read (layout, year and money unit
#: are read by every form).
HEADER_ONLY_FIELDS = frozenset({"unit_name", "unit_code", "title"})


class CheckScope:
    """Maps a changed model object to its form: DOCUMENT, DEPARTMENT, a Project, or FULL."""

    def __init__(self) -> None:
        self._document: Document | None = None
        #: ``id(obj) -> (obj, scope)``; the object is kept so a reused id cannot match.
        self._owners: dict[int, tuple[object, object]] = {}

    def forget(self) -> None:
        """Items were added, removed or replaced: rebuild the map on next use."""
        self._document = None

    def of_field(self, document: Document, obj: object, name: str) -> object:
        """The scope of ``obj.<name>`` having changed."""
        if obj is document:
            return DOCUMENT if name in HEADER_ONLY_FIELDS else FULL
        return self._owner(document, obj)

    def of_list(self, document: Document, owner: object, name: str) -> object:
        """The scope of items of ``owner.<name>`` inserted, removed or moved."""
        self.forget()
        if owner is document:
            return FULL
        return self._owner(document, owner)

    def _owner(self, document: Document, obj: object) -> object:
        if self._document is not document:
            self._build(document)
        entry = self._owners.get(id(obj))
        if entry is None or entry[0] is not obj:
            self._build(document)
            entry = self._owners.get(id(obj))
            if entry is None or entry[0] is not obj:
                return FULL
        return entry[1]

    def _build(self, document: Document) -> None:
        owners: dict[int, tuple[object, object]] = {}

        def put(scope: object, *objects: object) -> None:
            for obj in objects:
                owners[id(obj)] = (obj, scope)

        put(DOCUMENT, document.signature)
        dept = document.department
        if dept is not None:
            put(DEPARTMENT, dept, dept.budget, *dept.tasks, *dept.duty_goals, *dept.indicators)
        for project in document.projects:
            put(project, project, project.budget, *project.indicators)
        self._owners = owners
        self._document = document
