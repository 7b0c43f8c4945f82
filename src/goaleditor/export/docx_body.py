"""A form's grid as WordprocessingML: Word tables for its bordered rows, paragraphs for the rest.

The third renderer of `grid.Form` (after Excel and the PDF).  Rows holding bordered
cells become rows of a Word table: merged cells as ``w:gridSpan`` and ``w:vMerge``, the
grid's column widths in a fixed layout, borders on every cell, the header rows
(`Form.headers`) repeated on every page with ``w:tblHeader``, and ``w:cantSplit`` on
every row short enough that the PDF would not split it either.  Word repeats only a
table's first rows, so a form whose header comes in the middle (the project form's
indicator block, the Guangzhou tasks) is several tables, each header opening one and
its body ending it.  Rows of borderless cells (the title, the unit line, the
department text, the signature block) become paragraphs; cells side by side in such a
row sit at their columns by tab stops.

The XML is written as text and parsed once per document (`docx.build_word`): python-docx
objects per cell take three times as long for the cells' text alone (benchmarks/run.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..cancel import checkpoint
from ..forms.common import clean_text
from ..grid import TITLE, Cell, Form, Style
from . import pdf
from .textmetrics import CELL_PADDING_MM, count_lines
from .xlsx_labels import LABEL_WIDTH_SHARE, broken_label, is_label

#: Twentieths of a point per millimetre, and millimetres per point.
TWIPS_PER_MM = 1440 / 25.4
MM_PER_PT = 25.4 / 72
#: Fonts as Word and WPS know them on Chinese Windows.
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
#: The body size (五号); runs in other sizes say so.
BODY_SIZE = 10.5
#: Line height as a multiple of the font size, at least: the PDF's leading.
LEADING = pdf.LEADING
#: Cell padding: the PDF's, at the sides and above and below the text (twips).
PAD_X_MM = pdf.PAD_X * MM_PER_PT
PAD_X = round(pdf.PAD_X * 20)
PAD_Y = round(pdf.PAD_Y * 20)
#: The narrowest character, in em (``i``, ``l`` and ``.``: see `textmetrics`).
NARROWEST_EM = 0.41
#: Rows estimated at least this share of the usable page height may break across
#: pages, as the PDF splits them; shorter rows are kept whole.
SPLIT_SHARE = pdf.SPLIT_SHARE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: The PDF's thin line, in eighths of a point.
_BORDER_SIZE = round(pdf.BORDER_WIDTH * 8)
_BORDER = f'<w:{{side}} w:val="single" w:sz="{_BORDER_SIZE}" w:space="0" w:color="000000"/>'
_NO_BORDER = '<w:{side} w:val="nil"/>'
_TABLE_BORDERS = "".join(
    _BORDER.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_CELL_NO_BORDERS = (
    "<w:tcBorders>"
    + "".join(_NO_BORDER.format(side=side) for side in ("top", "left", "bottom", "right"))
    + "</w:tcBorders>"
)
_JC = {"left": "left", "center": "center", "right": "right"}


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def half_points(size: float) -> int:
    return round(size * 2)


@dataclass(frozen=True)
class Page:
    """The usable width and height of the page, in millimetres."""

    width_mm: float
    height_mm: float


# ------------------------------------------------------------------ runs and paragraphs


def run_properties(style: Style) -> str:
    """``w:rPr`` of a run in *style*: only what differs from the Normal style (宋体 五号)."""
    parts = []
    if style.font == TITLE:
        parts.append(
            f'<w:rFonts w:ascii="{TITLE_FONT}" w:hAnsi="{TITLE_FONT}" '
            f'w:eastAsia="{TITLE_FONT}" w:cs="{TITLE_FONT}"/>'
        )
    if style.bold:
        parts.append("<w:b/><w:bCs/>")
    if style.size != BODY_SIZE:
        size = half_points(style.size)
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def paragraph_properties(
    style: Style,
    *,
    keep_next: bool = False,
    page_break: bool = False,
    tabs: str = "",
    spacing: str = "",
    outline: bool = False,
) -> str:
    """``w:pPr``: alignment, keep-with-next, a page break before, tab stops, line height,
    and for a form's title the outline level that lists it in Word's navigation pane."""
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if tabs:
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    if spacing or style.size != BODY_SIZE:
        line = round(style.size * LEADING * 20)
        parts.append(f'<w:spacing {spacing}w:line="{line}" w:lineRule="atLeast"/>')
    parts.append(f'<w:jc w:val="{_JC.get(style.align, "left")}"/>')
    if outline:
        parts.append('<w:outlineLvl w:val="0"/>')
    mark = run_properties(style)
    if mark:
        parts.append(mark)
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def runs(text: str, rpr: str) -> str:
    """*text* as runs: tabs as ``w:tab``, line breaks as ``w:br``; text stays text."""
    out = []
    for n, line in enumerate(text.split("\n")):
        if n:
            out.append(f"<w:r>{rpr}<w:br/></w:r>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                out.append(f"<w:r>{rpr}<w:tab/></w:r>")
            if piece:
                out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def cell_paragraphs(text: str, style: Style, keep_next: bool) -> str:
    """A cell's text, one Word paragraph per line (as Word stores numbered goals)."""
    ppr = paragraph_properties(style, keep_next=keep_next)
    rpr = run_properties(style)
    return "".join(f"<w:p>{ppr}{runs(line, rpr)}</w:p>" for line in text.split("\n"))


# ------------------------------------------------------------------ the form


class FormWriter:
    """Writes one form as paragraphs and tables; `xml` yields the pieces in order."""

    def __init__(self, form: Form, page: Page, *, page_break: bool):
        self.form = form
        self.page = page
        self.page_break = page_break
        total = sum(form.col_widths_mm)
        scale = min(1.0, page.width_mm / total) if total > 0 else 1.0
        self.widths = [w * scale for w in form.col_widths_mm]
        #: Left edge of the grid from the left margin: a narrow grid is centred.
        self.offset = (page.width_mm - sum(self.widths)) / 2
        self.edges = [0.0]
        for w in self.widths:
            self.edges.append(self.edges[-1] + w)
        #: Per row, the cells covering it, by their first column.
        self.cover: list[dict[int, Cell]] = [{} for _ in range(form.n_rows)]
        for cell in form.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, form.n_rows)):
                self.cover[r][cell.col] = cell
        headers = form.tables()
        #: First row of each repeated header → the row after it.
        self.header_stop = {start: stop for start, stop, _body in headers}
        #: Rows a Word table must begin at: each header, and the row after its body.
        self.cuts = {start for start, _stop, _body in headers}
        self.cuts |= {body for _start, _stop, body in headers}
        keep = set(form.keep_with_next)
        for start, stop, _body in headers:
            keep.update(range(start + 1, stop + 1))
        #: Rows kept on the page of the row below them.
        self.keep_next = {r - 1 for r in keep}

    def width_mm(self, cell: Cell) -> float:
        return self.edges[min(cell.col + cell.colspan, len(self.widths))] - self.edges[cell.col]

    def is_plain(self, row: int) -> bool:
        """A row of borderless one-row cells: printed as a paragraph."""
        cells = self.cover[row].values()
        return all(not c.style.border and c.rowspan == 1 for c in cells)

    def blocks(self) -> Iterator[tuple[str, int, int]]:
        """("p", row, row + 1) per plain row and ("tbl", start, stop) per run of table rows."""
        n = self.form.n_rows
        row = 0
        while row < n:
            if self.is_plain(row):
                yield "p", row, row + 1
                row += 1
                continue
            stop = row + 1
            while stop < n and not self.is_plain(stop) and stop not in self.cuts:
                stop += 1
            yield "tbl", row, stop
            row = stop

    def xml(self) -> Iterator[str]:
        previous = ""
        first = True
        for kind, start, stop in self.blocks():
            if kind == "p":
                yield self.paragraph(start, page_break=first and self.page_break)
            else:
                if first and self.page_break:
                    yield spacer(page_break=True)
                elif previous == "tbl":
                    yield spacer()  # two tables side by side would be one table to Word
                yield self.table(start, stop)
            previous = kind
            first = False

    # -------------------------------------------------------------- paragraphs

    def paragraph(self, row: int, *, page_break: bool) -> str:
        """A plain row: its first cell's text, the others at their columns by tab stops."""
        cells = sorted(self.cover[row].values(), key=lambda c: c.col)
        keep_next = row in self.keep_next
        spacing = f'w:before="{PAD_Y}" w:after="{PAD_Y}" '
        if not cells:
            ppr = paragraph_properties(Style(border=False), page_break=page_break, spacing=spacing)
            return f"<w:p>{ppr}</w:p>"
        lead = cells[0]
        if len(cells) == 1 and lead.col == 0:
            ppr = paragraph_properties(
                lead.style,
                keep_next=keep_next,
                page_break=page_break,
                spacing=spacing,
                outline=lead.text == self.form.bookmark,
            )
            return f"<w:p>{ppr}{runs(clean_text(lead.text), run_properties(lead.style))}</w:p>"
        tabs = []
        body = []
        for n, cell in enumerate(cells):
            left = self.offset + self.edges[cell.col]
            if n == 0 and cell.style.align == "left" and left <= self.offset + 0.01:
                stop = None  # the first cell starts at the margin
            elif cell.style.align == "right":
                stop = ("right", left + self.width_mm(cell))
            elif cell.style.align == "center":
                stop = ("center", left + self.width_mm(cell) / 2)
            else:
                stop = ("left", left)
            if stop is not None:
                tabs.append(f'<w:tab w:val="{stop[0]}" w:pos="{twips(stop[1])}"/>')
                body.append(f"<w:r>{run_properties(cell.style)}<w:tab/></w:r>")
            body.append(runs(clean_text(cell.text), run_properties(cell.style)))
        style = Style(font=lead.style.font, size=lead.style.size, align="left", border=False)
        ppr = paragraph_properties(
            style, keep_next=keep_next, page_break=page_break, tabs="".join(tabs), spacing=spacing
        )
        return f"<w:p>{ppr}{''.join(body)}</w:p>"

    # -------------------------------------------------------------- tables

    def table(self, start: int, stop: int) -> str:
        grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in self.widths)
        header_stop = self.header_stop.get(start, start)
        rows = [self.table_row(row, start, stop, row < header_stop) for row in range(start, stop)]
        props = (
            f'<w:tblPr><w:tblW w:w="{twips(sum(self.widths))}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblBorders>{_TABLE_BORDERS}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
            f'<w:top w:w="{PAD_Y}" w:type="dxa"/><w:left w:w="{PAD_X}" w:type="dxa"/>'
            f'<w:bottom w:w="{PAD_Y}" w:type="dxa"/><w:right w:w="{PAD_X}" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        )
        return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"

    def table_row(self, row: int, top: int, bottom: int, is_header: bool) -> str:
        """One ``w:tr``: a cell per grid cell covering the row (merged-over parts empty)."""
        cover = self.cover[row]
        keep_next = row in self.keep_next
        cells = []
        col = 0
        n = len(self.widths)
        while col < n:
            cell = cover.get(col)
            if cell is None:
                end = col + 1
                while end < n and end not in cover:
                    end += 1
                cells.append(self.empty_cell(col, end))
                col = end
                continue
            cells.append(self.table_cell(cell, row, top, bottom, keep_next))
            col += max(1, cell.colspan)
        props = []
        if is_header or not self.may_split(row):
            props.append("<w:cantSplit/>")
        if is_header:
            props.append("<w:tblHeader/>")
        trpr = f"<w:trPr>{''.join(props)}</w:trPr>" if props else ""
        return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"

    def table_cell(self, cell: Cell, row: int, top: int, bottom: int, keep_next: bool) -> str:
        """The cell's part in the table of rows [top, bottom): text in its first row."""
        style = cell.style
        first_row = max(cell.row, top)
        last_row = min(cell.row + cell.rowspan, bottom) - 1
        header_stop = self.header_stop.get(top)
        if header_stop is not None and first_row < header_stop <= last_row:
            # A section label beside the header row (绩效指标) ends with the header,
            # which Word repeats on every page with the label; below it, the column is
            # one blank merged cell.
            if row < header_stop:
                last_row = header_stop - 1
            else:
                first_row = header_stop
        props = [f'<w:tcW w:w="{twips(self.width_mm(cell))}" w:type="dxa"/>']
        if cell.colspan > 1:
            props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
        if last_row > first_row:
            props.append('<w:vMerge w:val="restart"/>' if row == first_row else "<w:vMerge/>")
        if not style.border:
            props.append(_CELL_NO_BORDERS)
        props.append(f'<w:vAlign w:val="{"top" if style.valign == "top" else "center"}"/>')
        tcpr = f"<w:tcPr>{''.join(props)}</w:tcPr>"
        if row != first_row or not (row == cell.row or (row == top and cell.repeat_on_split)):
            return f"<w:tc>{tcpr}{cell_paragraphs('', style, keep_next)}</w:tc>"
        text = clean_text(cell.text)
        if text and is_label(cell):
            # Broken between words, as in the PDF and Excel (预算规模/及资金/用途), with
            # line breaks inside one paragraph: a label is one paragraph in Word.
            text = broken_label(text, self.label_width(cell), style.size, style.bold)
            ppr = paragraph_properties(style, keep_next=keep_next)
            return f"<w:tc>{tcpr}<w:p>{ppr}{runs(text, run_properties(style))}</w:p></w:tc>"
        return f"<w:tc>{tcpr}{cell_paragraphs(text, style, keep_next)}</w:tc>"

    def label_width(self, cell: Cell) -> float:
        """The width `broken_label` (measured for Excel) is given so that a label's lines
        fill what Word leaves of the cell inside its padding."""
        return CELL_PADDING_MM + (self.width_mm(cell) - 2 * PAD_X_MM) / LABEL_WIDTH_SHARE

    def empty_cell(self, col: int, end: int) -> str:
        width = twips(self.edges[end] - self.edges[col])
        span = f'<w:gridSpan w:val="{end - col}"/>' if end - col > 1 else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{_CELL_NO_BORDERS}'
            "</w:tcPr><w:p/></w:tc>"
        )

    def may_split(self, row: int) -> bool:
        """Is *row* tall enough (a long 绩效指标描述) that Word may break it across pages?"""
        limit = SPLIT_SHARE * self.page.height_mm / MM_PER_PT
        for cell in self.cover[row].values():
            if cell.rowspan != 1 or cell.row != row or not cell.text:
                continue
            width = self.width_mm(cell)
            size = cell.style.size
            per_line = max(1.0, (width - 2 * PAD_X_MM) / (size * MM_PER_PT))  # in em
            paragraphs = cell.text.split("\n")
            # Quick bounds first: every character a full em wide, or as narrow as the
            # narrowest (an i), before the line breaker measures the text.
            most = sum(math.ceil(len(p) / per_line) or 1 for p in paragraphs) + 1
            if most * size * LEADING < limit:
                continue
            least = max(len(paragraphs), math.ceil(len(cell.text) * NARROWEST_EM / per_line))
            if least * size * LEADING >= limit:
                return True
            if count_lines(cell.text, width, size, cell.style.bold) * size * LEADING >= limit:
                return True
        return False


def spacer(*, page_break: bool = False) -> str:
    """An empty paragraph a tenth of a point high: between two tables, or to break the page."""
    brk = "<w:pageBreakBefore/>" if page_break else ""
    return (
        f'<w:p><w:pPr>{brk}<w:spacing w:before="0" w:after="0" w:line="2" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
    )


def body_xml(forms: list[Form], page: Page) -> str:
    """The body content of all *forms*, each from a new page, as one ``w:body`` element."""
    parts = [f'<w:body xmlns:w="{W_NS}">']
    for n, form in enumerate(forms):
        checkpoint()  # 取消 in the window stops here
        parts.extend(FormWriter(form, page, page_break=n > 0).xml())
    if len(parts) > 1 and parts[-1].startswith("<w:tbl>"):
        parts.append(spacer())  # Word ends a body with a paragraph, not a table
    parts.append("</w:body>")
    return "".join(parts)
