"""What an importer returns: the document, and everything it could not place."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Document


@dataclass
class ImportNote:
    """Something the importer could not place or had to interpret.

    ``where`` says where in the source it was (``表格 3，第 5 行``); ``message`` says what
    happened, in Chinese, for the clerk.
    """

    where: str
    message: str

    def format_line(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass
class ImportResult:
    document: Document
    notes: list[ImportNote] = field(default_factory=list)
    #: (as read, as stored) of each 指标值 whose signs or blanks were tidied.
    normalized: list[tuple[str, str]] = field(default_factory=list)
