"""A .docx body as paragraphs and tables of cells, the way Word stores them.

python-docx's ``table.rows[i].cells`` repeats a merged cell once per grid column; the
form reader needs the cells as Word drew them instead: one `Cell` per ``w:tc`` with its
grid column and width (``w:gridSpan``, ``w:gridBefore``) and whether it is the lower
part of a vertical merge (``w:vMerge`` without ``restart``).  Text is what Word shows:
deleted text, field codes (the ``TC`` entries behind the titles) and fallback copies of
drawings are left out.  Any damage in the file becomes `ImportProblem`.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..cancel import checkpoint
from ..errors import ImportProblem
from .package import WORD, read_package

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {_W + "del", _W + "instrText", _W + "delText", _MC_FALLBACK, _W + "rPr", _W + "pPr"}


@dataclass
class Cell:
    #: The cell's paragraphs (line breaks split into lines), each stripped; empty ones kept.
    lines: list[str]
    #: First grid column, and number of grid columns it covers.
    col: int
    span: int = 1
    #: Lower part of a vertically merged cell (its text, if any, is not shown by Word).
    continued: bool = False
    #: Text of tables nested inside the cell (rare; reported, not read).
    nested: bool = False

    @property
    def text(self) -> str:
        """The non-empty lines joined with newlines ("" for a merged-over cell)."""
        if self.continued:
            return ""
        return "\n".join(line for line in self.lines if line)

    @property
    def end(self) -> int:
        return self.col + self.span


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    def is_empty(self) -> bool:
        return not any(self.texts)


@dataclass
class Table:
    #: 1-based position among the document's tables, for messages (表格 3).
    number: int
    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> int:
        """Grid columns the table covers (the widest row)."""
        return max((cell.end for row in self.rows for cell in row.cells), default=0)

    def edges(self) -> set[int]:
        """Every grid column at which some cell of the table begins or ends."""
        return {edge for row in self.rows for cell in row.cells for edge in (cell.col, cell.end)}


@dataclass
class Paragraph:
    text: str


Block = Paragraph | Table


def read_blocks(path: str | os.PathLike) -> list[Block]:
    """The body of a .docx file, in order; `ImportProblem` for anything that is not one."""
    path = Path(path)
    body = _open_body(path)
    try:
        blocks: list[Block] = []
        _collect(body, blocks)
        return blocks
    except (ValueError, TypeError, AttributeError) as err:  # malformed XML values
        raise ImportProblem(f"“{path.name}”的内容已损坏，无法读取表格（{err}）。") from err


def _open_body(path: Path):
    name = path.name
    data = read_package(path, WORD).data
    import docx  # python-docx
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(data))
        return document.element.body
    except (OpcError, KeyError) as err:
        raise ImportProblem(
            f"“{name}”是压缩文件，但不是 Word 文档（缺少正文部分）。"
            "请确认选择的是 Word 文件（.docx）。"
        ) from err
    except Exception as err:  # damaged XML or parts in the wrong places: python-docx's many errors
        raise ImportProblem(
            f"“{name}”已损坏，无法读取。可以在 Word 中打开并修复后另存，再导入。"
        ) from err


def _collect(parent, blocks: list[Block]) -> None:
    for child in parent.iterchildren():
        checkpoint()  # 取消 in the window stops here
        tag = child.tag
        if tag == _W + "p":
            blocks.append(Paragraph(_paragraph_text(child).strip()))
        elif tag == _W + "tbl":
            number = 1 + sum(isinstance(b, Table) for b in blocks)
            blocks.append(_table(child, number))
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            _collect(child, blocks)


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "tbl":
                continue
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _val(el, path: str) -> str | None:
    found = el.find(path)
    if found is None:
        return None
    return found.get(_W + "val", "")


def _table(tbl, number: int) -> Table:
    table = Table(number)
    for tr in _children(tbl, "tr"):
        row = Row()
        col = int(_val(tr, f"{_W}trPr/{_W}gridBefore") or 0)
        for tc in _children(tr, "tc"):
            span = max(1, int(_val(tc, f"{_W}tcPr/{_W}gridSpan") or 1))
            vmerge = _val(tc, f"{_W}tcPr/{_W}vMerge")
            hmerge = _val(tc, f"{_W}tcPr/{_W}hMerge")
            lines: list[str] = []
            nested = False
            for child in tc.iterchildren():
                if child.tag == _W + "p":
                    lines.extend(line.strip() for line in _paragraph_text(child).split("\n"))
                elif child.tag == _W + "tbl":
                    nested = True
            if hmerge not in (None, "restart") and row.cells:
                # Old-style horizontal merge: this cell widens the one on its left.
                row.cells[-1].span += span
            else:
                continued = vmerge is not None and vmerge != "restart"
                row.cells.append(Cell(lines, col, span, continued, nested))
            col += span
        table.rows.append(row)
    return table


def _children(el, name: str):
    """Direct ``w:name`` children, looking through content controls (``w:sdt``)."""
    for child in el.iterchildren():
        if child.tag == _W + name:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, name)
