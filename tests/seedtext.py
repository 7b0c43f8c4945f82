"""Reader of the flattened seed-text format, for tests only.

The seeds in ``tests/files/seeds/`` are published Word documents flattened to text:
each table cell starts with a tab, a line without a tab right after a cell continues
that cell, a blank line ends a table row, and any other line is a paragraph (which
also ends the table it follows).  This reader knows nothing about budget forms; the
tests use it to check the bundled samples against the seeds independently of
``scripts/make_samples.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_TOC_FIELD = re.compile(r"\s+TC\s.*$")
_BOOKMARKS = re.compile(r"^\s*(\[bookmark: [^\]]*\])+")


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    #: Cells as written, without the leading tab and surrounding whitespace.
    rows: list[list[str]] = field(default_factory=list)


Block = Paragraph | Table


def parse(text: str) -> list[Block]:
    """Paragraphs (stripped, non-empty) and tables, in document order."""
    blocks: list[Block] = []
    table: Table | None = None
    row: list[str] | None = None  # the open row; None after a blank line
    for line in text.split("\n"):
        if line.startswith("\t"):
            if table is None:
                table = Table()
                blocks.append(table)
            if row is None:
                row = []
                table.rows.append(row)
            row.append(line[1:])
        elif not line.strip():
            row = None
        elif row is not None:
            row[-1] += "\n" + line
        else:
            table = None
            blocks.append(Paragraph(line.strip()))
    for block in blocks:
        if isinstance(block, Table):
            block.rows = [[cell.strip() for cell in cells] for cells in block.rows]
    return blocks


def read(path: str | Path) -> list[Block]:
    return parse(Path(path).read_text(encoding="utf-8"))


def heading(paragraph: str) -> str:
    """A paragraph without Word's TOC field code and bookmarks.

    ``1、X表 TC 1、X表 \\f C \\l 1`` → ``1、X表``; ``[bookmark: _Toc1]2.Y表`` → ``2.Y表``.
    """
    return _TOC_FIELD.sub("", _BOOKMARKS.sub("", paragraph)).strip()


@dataclass
class Section:
    """A titled stretch of the document: the title and the tables that follow it."""

    title: str
    tables: list[Table]

    @property
    def rows(self) -> list[list[str]]:
        return [row for table in self.tables for row in table.rows]


def sections(blocks: list[Block], is_title) -> list[Section]:
    """Split the blocks at paragraphs for which ``is_title(heading)`` holds."""
    found: list[Section] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            title = heading(block.text)
            if is_title(title):
                found.append(Section(title, []))
        elif found:
            found[-1].tables.append(block)
    return found


def cell_after(rows: list[list[str]], label: str) -> str:
    """The cell right of the only cell reading *label* (spaces inside ignored)."""
    wanted = label.replace(" ", "")
    hits = [
        row[i + 1]
        for row in rows
        for i, cell in enumerate(row)
        if cell.replace(" ", "") == wanted and i + 1 < len(row)
    ]
    if len(hits) != 1:
        raise LookupError(f"{len(hits)} cells labelled {label!r}")
    return hits[0]


def row_starting(rows: list[list[str]], label: str) -> int:
    """Index of the only row whose first cell reads *label*."""
    hits = [i for i, row in enumerate(rows) if row and row[0] == label]
    if len(hits) != 1:
        raise LookupError(f"{len(hits)} rows starting with {label!r}")
    return hits[0]
