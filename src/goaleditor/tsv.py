"""Tab-separated text as Excel and WPS put it on the clipboard, both ways.

Excel quotes a cell that holds a tab, a newline or a quote (``"a""b"``) and ends the
block with a newline; a cell with a line break inside (Alt+Enter) therefore spans
clipboard lines.  No Qt here: the table view calls these on plain strings.
"""

from __future__ import annotations

import re

from .forms.common import clean_text

#: Word's line break (vertical tab) and page break (form feed) inside a cell.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
#: Other control characters Word and Excel leave in copied text (Word's cell mark
#: ``\x07``, NULs, C1 controls) and the byte-order mark: never meant as text.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")


def format_tsv(rows: list[list[str]]) -> str:
    """The block as Excel writes it: quoted where needed, CRLF line ends."""
    return "".join("\t".join(_quote(cell) for cell in row) + "\r\n" for row in rows)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in '\t\n\r"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text; a trailing line end adds no empty row.

    A cell is quoted only when it starts with ``"``; a quote inside an unquoted cell
    is kept as it is (Excel does the same when reading).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    while True:
        if i < n and text[i] == '"':
            cell, i = _read_quoted(text, i)
        else:
            j = i
            while j < n and text[j] not in "\t\n":
                j += 1
            cell, i = text[i:j], j
        row.append(cell)
        if i >= n:
            rows.append(row)
            return rows
        if text[i] == "\n":
            rows.append(row)
            row = []
        i += 1


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """Read a quoted cell starting at ``text[i] == '"'``; return it and the index after it.

    If the closing quote is not followed by a separator, the cell was not really
    quoted (``"a" b``): it is then read up to the next separator, quotes and all.
    """
    n = len(text)
    out: list[str] = []
    j = i + 1
    while j < n:
        ch = text[j]
        if ch == '"':
            if j + 1 < n and text[j + 1] == '"':
                out.append('"')
                j += 2
                continue
            if j + 1 >= n or text[j + 1] in "\t\n":
                return "".join(out), j + 1
            break
        out.append(ch)
        j += 1
    k = i
    while k < n and text[k] not in "\t\n":
        k += 1
    return text[i:k], k


def clean_cell(text: str) -> str:
    """A pasted or typed cell without control characters; Word's vertical tab becomes a
    line break, and Word's invisible characters go as the printed forms drop them
    (`forms.common.clean_text`: soft hyphens, zero-width spaces, no-break spaces).

    Tabs and line breaks stay (a quoted cell may hold them).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    return clean_text(_CONTROLS.sub("", text))


def drop_blank_rows(rows: list[list[str]]) -> list[list[str]]:
    """The rows that hold some text: a blank line in a pasted block is no indicator."""
    return [row for row in rows if any(clean_cell(cell).strip() for cell in row)]
