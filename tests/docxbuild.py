"""Build .docx files from the seed texts the way Word stores such forms (tests only).

The seeds are published Word documents flattened to text (`seedtext`).  This puts them
back into Word's shape: each seed table becomes a Word table on one column grid, rows
with fewer cells get wider cells (``w:gridSpan``), an empty 一级/二级 cell under a
filled one — and the empty label cell under 预算规模及资金用途 / 资金支出计划 — is merged
vertically with it (``w:vMerge``), multi-line cells hold one paragraph per line, titles
carry their bookmarks and ``TC`` field codes, and the stray spaces of the seeds
(``其中：财政    资金``) stay.  Options add what clerks' files also have: the unit line
as its own small table or as a paragraph, the indicator part as a separate table,
empty paragraphs in cells and between tables.

Merges are made either with python-docx (``cell.merge``) or by writing the XML the
way Word itself does (``<w:vMerge w:val="restart"/>`` then bare ``<w:vMerge/>``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import seedtext
from goaleditor import grid

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "tests" / "files" / "seeds"
HEBEI_SEED = SEEDS / "000_b60bbb0a74e0c214.txt"
TIANJIN_SEED = SEEDS / "001_9071eebd9d238f31.txt"

_BOOKMARK = re.compile(r"\[bookmark: ([^\]]*)\]")
_TC = re.compile(r"\s+(TC\s.*)$")


@dataclass
class Options:
    #: "row": first row of the form (as in the seeds); "table": its own 1-row table;
    #: "paragraph": a paragraph ``unit<TAB><TAB>单位：元``.
    unit: str = "row"
    #: Put the indicator rows in a table of their own after an empty paragraph.
    split_indicators: bool = False
    #: Empty paragraphs inside cells and between blocks.
    empty_paragraphs: bool = False
    #: "python-docx" (cell.merge) or "raw" (XML written like Word).
    merge: str = "python-docx"


# ---------------------------------------------------------------- planning


@dataclass
class PlannedCell:
    text: str
    col: int
    span: int
    #: "restart", "continue" or "" (no vertical merge).
    vmerge: str = ""


def _spans(count: int, width: int) -> list[int]:
    if count == 1:
        return [width]
    rest = width - 1
    base, extra = divmod(rest, count - 1)
    return [1] + [base + (1 if i >= count - 1 - extra else 0) for i in range(count - 1)]


def whole_rows(rows: list[list[str]]) -> list[list[str]]:
    """Undo the flattening where it broke one indicator row into several lines of cells.

    (Tianjin 7: ``产出指标 | 数量指标 | 为全市…`` then ``为全市…`` then ``27个``.)  In the Word
    file it is one row as wide as the indicator header.
    """
    joined: list[list[str]] = []
    width = None
    pending: list[str] = []
    for row in rows:
        if row and row[0] == "一级指标":
            width = len(row)
            joined.append(row)
            continue
        if width is None or (len(row) >= width and not pending):
            joined.append(row)
            continue
        pending += row
        if len(pending) >= width:
            joined.append(pending)
            pending = []
    if pending:
        joined.append(pending)
    return joined


def plan_table(rows: list[list[str]]) -> tuple[int, list[list[PlannedCell]]]:
    """Grid width and cells with spans and vertical merges for one seed table."""
    rows = whole_rows(rows)
    width = 1 + max(max(len(r) for r in rows) - 1, 1)
    planned: list[list[PlannedCell]] = []
    for row in rows:
        col = 0
        cells = []
        for text, span in zip(row, _spans(len(row), width), strict=True):
            cells.append(PlannedCell(text, col, span))
            col += span
        planned.append(cells)
    header: int | None = None
    for r, cells in enumerate(planned):
        if any(c.text == "一级指标" for c in cells):
            header = r
            continue
        if r == 0 or (header is not None and r == header + 1):
            continue
        columns = (0, 1) if header is not None else (0,)
        above = {(c.col, c.span): c for c in planned[r - 1]}
        for index in columns:
            if index >= len(cells) or cells[index].text:
                continue
            cell = cells[index]
            top = above.get((cell.col, cell.span))
            if top is None or not (top.text or top.vmerge):
                continue
            if top.vmerge == "":
                top.vmerge = "restart"
            cell.vmerge = "continue"
    return width, planned


# ---------------------------------------------------------------- writing


def _add_title(document, text: str) -> None:
    bookmarks = _BOOKMARK.findall(text)
    visible = seedtext.heading(text)
    field = _TC.search(_BOOKMARK.sub("", text))
    paragraph = document.add_paragraph()
    p = paragraph._p
    for i, name in enumerate(bookmarks):
        p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{i}" w:name="{escape(name)}"/>'))
    paragraph.add_run(visible)
    for i, _ in enumerate(bookmarks):
        p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{i}"/>'))
    if field:
        instr = escape(" " + field.group(1).strip() + " ")
        for xml in (
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p.append(parse_xml(xml))


def _cell_lines(text: str, empty_paragraphs: bool) -> list[str]:
    lines = text.split("\n") if text else [""]
    if empty_paragraphs and text:
        if len(lines) > 1:
            lines.insert(1, "")
        lines.append("")
    return lines


def _add_table_python_docx(document, width: int, planned, options: Options) -> None:
    table = document.add_table(rows=len(planned), cols=width)
    table.style = document.styles["Table Grid"]
    for r, cells in enumerate(planned):
        for cell in cells:
            if cell.span > 1:
                table.cell(r, cell.col).merge(table.cell(r, cell.col + cell.span - 1))
    for r, cells in enumerate(planned):
        for cell in cells:
            if cell.vmerge == "continue":
                continue
            target = table.cell(r, cell.col)
            lines = _cell_lines(cell.text, options.empty_paragraphs)
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
    for r, cells in enumerate(planned):
        for cell in cells:
            if cell.vmerge != "restart":
                continue
            last = r
            while last + 1 < len(planned) and any(
                c.col == cell.col and c.vmerge == "continue" for c in planned[last + 1]
            ):
                last += 1
            table.cell(r, cell.col).merge(table.cell(last, cell.col))


def _add_table_raw(document, width: int, planned, options: Options) -> None:
    grid = "".join('<w:gridCol w:w="1400"/>' for _ in range(width))
    xml_rows = []
    for cells in planned:
        tcs = []
        for cell in cells:
            props = f'<w:tcW w:w="{1400 * cell.span}" w:type="dxa"/>'
            if cell.span > 1:
                props += f'<w:gridSpan w:val="{cell.span}"/>'
            if cell.vmerge == "restart":
                props += '<w:vMerge w:val="restart"/>'
            elif cell.vmerge == "continue":
                props += "<w:vMerge/>"
            lines = (
                [""]
                if cell.vmerge == "continue"
                else _cell_lines(cell.text, options.empty_paragraphs)
            )
            paras = "".join(
                f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
                if line
                else "<w:p/>"
                for line in lines
            )
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>")
        xml_rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        + "".join(xml_rows)
        + "</w:tbl>"
    )
    body = document.element.body
    body.insert(len(body) - 1, tbl)  # before the final w:sectPr


def _add_table(document, rows: list[list[str]], options: Options) -> None:
    _add_planned(document, *plan_table(rows), options)


def _add_planned(document, width: int, planned: list[list[PlannedCell]], options: Options) -> None:
    if options.merge == "raw":
        _add_table_raw(document, width, planned, options)
    else:
        _add_table_python_docx(document, width, planned, options)
    if options.empty_paragraphs:
        document.add_paragraph("")


def _is_unit_row(row: list[str]) -> bool:
    return len(row) == 2 and row[1].startswith("单位：")


def build_docx(blocks: list[seedtext.Block], path: Path, options: Options | None = None) -> Path:
    """Write *blocks* (from `seedtext`) as a .docx at *path*."""
    options = options or Options()
    document = docx.Document()
    for block in blocks:
        if isinstance(block, seedtext.Paragraph):
            if " TC " in block.text or "[bookmark:" in block.text:
                _add_title(document, block.text)
            else:
                document.add_paragraph(block.text)
            if options.empty_paragraphs:
                document.add_paragraph("")
            continue
        rows = [list(r) for r in block.rows]
        if rows and _is_unit_row(rows[0]) and options.unit != "row":
            unit = rows.pop(0)
            if options.unit == "table":
                _add_table(document, [unit], options)
            else:
                document.add_paragraph(f"{unit[0]}\t\t{unit[1]}")
        header = next((i for i, r in enumerate(rows) if r and r[0] == "一级指标"), None)
        if options.split_indicators and header:
            _add_table(document, rows[:header], options)
            document.add_paragraph(" ")
            _add_table(document, rows[header:], options)
        else:
            _add_table(document, rows, options)
    document.save(str(path))
    return path


def build_from_seed(seed: Path, path: Path, options: Options | None = None) -> Path:
    return build_docx(seedtext.read(seed), path, options)


def build_rows(rows: list[list[str]], path: Path, paragraphs_before: list[str] = (), **kw) -> Path:
    """A small .docx: some paragraphs, then one table of *rows* (hand-made test cases)."""
    blocks: list[seedtext.Block] = [seedtext.Paragraph(p) for p in paragraphs_before]
    blocks.append(seedtext.Table([list(r) for r in rows]))
    return build_docx(blocks, path, Options(**kw))


def vmerge_values(path: Path) -> list[str | None]:
    """Every ``w:vMerge/@w:val`` in the file (None for a bare ``<w:vMerge/>``), to check
    the builder really wrote vertical merges."""
    document = docx.Document(str(path))
    return [el.get(qn("w:val")) for el in document.element.body.iter(qn("w:vMerge"))]


# ---------------------------------------------------------------- printed forms


def _stray_spaces(label: str) -> str:
    """A label the way clerks type it: spaces in the middle, long ones over two paragraphs."""
    if len(label) >= 7 and "\n" not in label:
        middle = len(label) // 2
        return label[:middle] + "\n" + label[middle:]
    if len(label) >= 4:
        middle = len(label) // 2
        return label[:middle] + "  " + label[middle:]
    return label


def plan_form(form: grid.Form, spaced_labels: bool = False):
    """A `grid.Form` as Word would hold it: paragraphs before, the table, paragraphs after.

    Bordered cells make the table (``rowspan`` → ``w:vMerge``, ``colspan`` →
    ``w:gridSpan``); borderless rows (title, unit line, signature) become paragraphs,
    their cells joined by tabs.  With *spaced_labels*, label cells (no model key) get
    stray spaces or a paragraph break in the middle.
    """
    table_rows = sorted({c.row for c in form.cells if c.style.border})
    before: list[str] = []
    after: list[str] = []
    for r in sorted({c.row for c in form.cells if not c.style.border}):
        texts = [c.text for c in sorted(form.cells, key=lambda c: c.col) if c.row == r and c.text]
        if texts:
            (before if r < table_rows[0] else after).append("\t\t".join(texts))
    planned: list[list[PlannedCell]] = []
    for r in table_rows:
        cells: list[PlannedCell] = []
        for c in form.cells:
            if not c.style.border or not c.row <= r < c.row + c.rowspan:
                continue
            if c.row < r:
                cells.append(PlannedCell("", c.col, c.colspan, "continue"))
                continue
            text = _stray_spaces(c.text) if spaced_labels and not c.key and c.text else c.text
            cells.append(PlannedCell(text, c.col, c.colspan, "restart" if c.rowspan > 1 else ""))
        cells.sort(key=lambda cell: cell.col)
        covered = {col for cell in cells for col in range(cell.col, cell.col + cell.span)}
        cells += [PlannedCell("", col, 1) for col in range(form.n_cols) if col not in covered]
        cells.sort(key=lambda cell: cell.col)
        planned.append(cells)
    return before, (form.n_cols, planned), after


def build_forms_docx(
    forms: list[grid.Form],
    path: Path,
    options: Options | None = None,
    spaced_labels: bool = False,
) -> Path:
    """Write printed forms (`goaleditor.forms.build_forms`, or one made by hand) as a .docx."""
    options = options or Options()
    document = docx.Document()
    for form in forms:
        before, (width, planned), after = plan_form(form, spaced_labels)
        for text in before:
            document.add_paragraph(text)
            if options.empty_paragraphs:
                document.add_paragraph("")
        _add_planned(document, width, planned, options)
        for text in after:
            document.add_paragraph(text)
    document.save(str(path))
    return path


# ---------------------------------------------------------------- split tables


def split_planned(
    planned: list[list[PlannedCell]], cuts: list[int], repeat: list[int] = ()
) -> list[list[list[PlannedCell]]]:
    """One planned table cut into the tables Word makes of it when it is split
    (``Ctrl+Shift+Enter``, or a page break the clerk turned into a new table).

    Every part keeps the grid and the spans.  A part begins at each row index in
    *cuts*; the rows *repeat* names (the 部门名称 row, the 一级指标 header) are said
    again at its top, as a clerk copies a header.  A vertical merge cut by the break
    goes on into the new table as Word leaves it: the raw writer writes its first
    cell as a bare ``<w:vMerge/>`` with nothing above, python-docx as an empty cell.
    """
    bounds = [0, *cuts, len(planned)]
    parts = []
    for start, end in itertools.pairwise(bounds):
        part = [[PlannedCell(c.text, c.col, c.span, c.vmerge) for c in planned[r]] for r in repeat]
        if start == 0:
            part = []
        part += [list(row) for row in planned[start:end]]
        parts.append(part)
    return parts


def build_split_docx(
    path: Path,
    width: int,
    parts: list[list[list[PlannedCell]]],
    before: list[str] = (),
    between: str = "",
    options: Options | None = None,
) -> Path:
    """Paragraphs *before*, then the *parts* of one table on one grid, each after the
    first preceded by a paragraph *between* (Word needs one to keep tables apart)."""
    options = options or Options()
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    for i, part in enumerate(parts):
        if i:
            document.add_paragraph(between)
        _add_planned(document, width, part, options)
    document.save(str(path))
    return path
