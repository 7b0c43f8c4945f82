"""The print-ready PDF: the forms' grids drawn on A4 pages with reportlab.

Rows are laid out here rather than with platypus ``Table``, because a form must break
across pages the way a clerk expects: the indicator header repeats at the top of each
continuation page, a merged 一级/二级 cell that crosses the break is drawn as two closed
cells (its label repeated where it fits), and a row taller than a page is split
between its lines instead of being cut or overflowing: its texts flow on to the next
page and print once.  Text is wrapped with `linebreak` (Chinese line-breaking rules),
labels and other short texts between words by `labelwrap`, and set in embedded subset
TrueType fonts found by `fonts`, so it can be searched and copied.

A long document streams (`render_forms`): forms are built, laid out, drawn and let go
one at a time, in two passes so the first page already knows the page count; what
stays is what reportlab keeps until it writes the file, each page's content stream,
kept small (`pdf_glyphs`, `_draw_part`).
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..cancel import checkpoint
from ..errors import GoalEditorError
from ..fileio import atomic_write
from ..forms import NOTHING_TO_EXPORT, iter_forms
from ..grid import TITLE, Cell, Form
from ..layouts import page_size
from ..model import Document
from .fonts import FontSet, find_fonts
from .labelwrap import word_bounds, wrap_label
from .pdf_glyphs import Glyphs, missing_glyph_notes

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 15 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 17 * mm
FOOTER_BASELINE = 9 * mm
FOOTER_SIZE = 9.0
PAD_X = 1.4 * mm
PAD_Y = 1.0 * mm
#: Line height as a multiple of the font size (Word's single spacing for 宋体).
LEADING = 1.3
BORDER_WIDTH = 0.5
#: Smallest size a cell's text is shrunk to before it is allowed to overflow.
MIN_SIZE = 5.0
#: Rows at least this tall (share of the usable page height) are split across pages
#: rather than moved whole to the next page, when a few lines still fit.
SPLIT_SHARE = 0.25
SPLIT_MIN_LINES = 3
#: A split row carries at least this many lines to the next page (no short leftover).
SPLIT_MIN_CARRY = 3
#: Model fields whose merged cells group indicator rows (一级, 二级): a page break keeps
#: more than one row of such a group on each side, moving one or two rows if needed.
GROUP_KEYS = ("level1", "level2")

#: Wrapped texts remembered (labels and common indicator texts recur on every form);
#: the memory is forgotten when full, so it does not grow with the document.
WRAP_CACHE = 20_000

CONTENT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
_EPS = 0.01


@dataclass(frozen=True)
class PdfInfo:
    """What `write_pdf` made: page count and Chinese notes for the clerk (font fallbacks)."""

    pages: int
    notes: tuple[str, ...] = ()
    #: Characters the form font lacks, each with the font that printed it instead
    #: ("" where no font on this computer has it: printed blank).
    missing: tuple[tuple[str, str], ...] = ()


class _Measure:
    """Cached character widths per (font, size); a character the font lacks is measured
    in the font that prints it (*fallbacks*: font → character → fallback font)."""

    def __init__(self, fallbacks: dict[str, dict[str, str]] | None = None) -> None:
        self._cache: dict[tuple[str, float], dict[str, float]] = {}
        self.fallbacks = fallbacks or {}
        self._wrapped: dict[tuple[str, float, str, float], tuple[str, ...]] = {}

    def forget(self) -> None:
        """Drop the remembered widths and wrapped texts."""
        self._cache.clear()
        self._wrapped.clear()

    def font_for(self, font: str, ch: str) -> str:
        return self.fallbacks.get(font, {}).get(ch, font)

    def wrap(self, text: str, width: float, font: str, size: float) -> list[str]:
        """`wrap_label` of *text* in *width*, remembered: forms repeat many texts."""
        key = (text, width, font, size)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) >= WRAP_CACHE:  # bounded: a long document streams
                self._wrapped.clear()
            lines = self._wrapped[key] = tuple(wrap_label(text, width, self.char_width(font, size)))
        return list(lines)

    def char_width(self, font: str, size: float):
        widths = self._cache.setdefault((font, size), {})
        face = pdfmetrics.getFont(font)
        others = self.fallbacks.get(font, {})

        def width(ch: str) -> float:
            w = widths.get(ch)
            if w is None:
                other = others.get(ch)
                shown = pdfmetrics.getFont(other) if other else face
                w = widths[ch] = shown.stringWidth(ch, size)
            return w

        return width

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """*text* as (font, piece) runs: each piece in the font that has its glyphs."""
        out: list[tuple[str, str]] = []
        for ch in text:
            use = self.font_for(font, ch)
            if out and out[-1][0] == use:
                out[-1] = (use, out[-1][1] + ch)
            else:
                out.append((use, ch))
        return out

    def text_width(self, text: str, font: str, size: float) -> float:
        width = self.char_width(font, size)
        return sum(width(ch) for ch in text)


@dataclass
class _Box:
    """A cell resolved for drawing: where it is, its font and its wrapped lines."""

    cell: Cell
    x: float
    width: float
    font: str
    size: float
    lines: list[str]

    @property
    def leading(self) -> float:
        return self.size * LEADING

    def height_for(self, n_lines: int) -> float:
        return n_lines * self.leading + 2 * PAD_Y

    @property
    def rows(self) -> range:
        return range(self.cell.row, self.cell.row + self.cell.rowspan)


@dataclass
class _Band:
    """A row (or a piece of a split row) on a page."""

    row: int
    height: float
    repeated: bool = False


@dataclass
class _Page:
    form: Form
    bands: list[_Band] = field(default_factory=list)
    first_of_form: bool = False

    @property
    def used(self) -> float:
        return sum(b.height for b in self.bands)

    def content_bands(self) -> list[_Band]:
        return [b for b in self.bands if not b.repeated]


# --- measuring a form ------------------------------------------------------------------


def content_area(landscape: bool = False) -> tuple[float, float]:
    """(width, height) in points within the margins of A4, upright or turned sideways."""
    width, height = page_size(landscape).points()
    return width - MARGIN_LEFT - MARGIN_RIGHT, height - MARGIN_TOP - MARGIN_BOTTOM


class _FormLayout:
    """A form's boxes, row heights and page breaks."""

    def __init__(self, form: Form, fonts: FontSet, measure: _Measure):
        self.form = form
        self.measure = measure
        self.paper = page_size(form.landscape).points()  # A4, upright or sideways
        self.content_width, self.content_height = content_area(form.landscape)
        total = sum(form.col_widths_mm) * mm
        scale = min(1.0, self.content_width / total) if total > 0 else 1.0
        widths = [w * mm * scale for w in form.col_widths_mm]
        left = MARGIN_LEFT + (self.content_width - sum(widths)) / 2
        xs = [left]
        for w in widths:
            xs.append(xs[-1] + w)
        self.boxes: list[_Box] = []
        for cell in form.cells:
            col_end = min(cell.col + cell.colspan, form.n_cols)
            x, width = xs[cell.col], xs[col_end] - xs[cell.col]
            font = fonts.name_for(TITLE if cell.style.font == TITLE else "body")
            box = _Box(cell, x, width, font, cell.style.size, [])
            self._wrap(box)
            self.boxes.append(box)
        self.header_rows = form.header_rows()
        self.row_heights = self._row_heights()
        self.no_break_before = self._no_break_before()
        self.groups = sorted(
            (
                (b.cell.row, b.cell.row + b.cell.rowspan)
                for b in self.boxes
                if b.cell.key in GROUP_KEYS and b.cell.rowspan > 1
            ),
            key=lambda g: g[1] - g[0],
        )

    def _wrap(self, box: _Box, size: float | None = None) -> None:
        box.size = size or box.cell.style.size
        inner = max(box.width - 2 * PAD_X, 1.0)
        if box.cell.style.wrap:
            box.lines = self.measure.wrap(box.cell.text, inner, box.font, box.size)
        else:
            box.lines = box.cell.text.split("\n")
            widest = max(self.measure.text_width(t, box.font, box.size) for t in box.lines)
            if widest > inner:
                box.size = max(MIN_SIZE, box.size * inner / widest)
        if box.lines == [""]:
            box.lines = []

    def _row_heights(self) -> list[float]:
        n = self.form.n_rows
        heights = [0.0] * n
        for box in self.boxes:
            if box.cell.rowspan == 1:
                need = box.height_for(max(1, len(box.lines)))
                heights[box.cell.row] = max(heights[box.cell.row], need)
        for r in range(n):
            if heights[r] == 0:
                heights[r] = 10.5 * LEADING + 2 * PAD_Y
        for box in sorted((b for b in self.boxes if b.cell.rowspan > 1), key=lambda b: len(b.rows)):
            rows = [r for r in box.rows if r < n]
            deficit = box.height_for(len(box.lines)) - sum(heights[r] for r in rows)
            if deficit > 0:
                for r in rows:
                    heights[r] += deficit / len(rows)
        return heights

    def _no_break_before(self) -> set[int]:
        rows = set(self.form.keep_with_next)
        for r in self.header_rows:
            rows.add(r + 1)  # a header stays whole, with a row below
        # A break inside a merged cell is allowed (it is split), but not right below a
        # title or label row that has no border: those belong to what follows.
        return rows

    def row_boxes(self, row: int) -> list[_Box]:
        return list(self._single_row_boxes.get(row, ()))

    @cached_property
    def _single_row_boxes(self) -> dict[int, list[_Box]]:
        """Boxes of one row, by row (looked up per row while paginating: a scan of every
        box each time made a form of thousands of rows paginate in quadratic time)."""
        rows: dict[int, list[_Box]] = {}
        for b in self.boxes:
            if b.cell.rowspan == 1:
                rows.setdefault(b.cell.row, []).append(b)
        return rows

    # --- pagination --------------------------------------------------------------------

    def paginate(self) -> list[_Page]:
        pages = [_Page(self.form, first_of_form=True)]
        row = 0
        n = self.form.n_rows
        while row < n:
            page = pages[-1]
            height = self.row_heights[row]
            room = self.content_height - page.used
            if height <= room + _EPS:
                page.bands.append(_Band(row, height))
                row += 1
                continue
            content = page.content_bands()
            if not content or self._worth_splitting(row, room):
                row = self._place_split_row(pages, row)
                continue
            row = self._break_before(page, row)
            pages.append(self._new_page(row))
        return pages

    def _new_page(self, next_row: int) -> _Page:
        """A page that starts at *next_row*, under the header of the table it continues."""
        page = _Page(self.form)
        header = self.form.header_for(next_row)
        page.bands.extend(_Band(r, self.row_heights[r], repeated=True) for r in header)
        return page

    def _break_before(self, page: _Page, row: int) -> int:
        """Move rows that must stay with *row* off *page*; return the row to continue at."""
        content = page.content_bands()
        first = content[0].row
        brk = row
        while brk > first and brk in self.no_break_before:
            brk -= 1
        if brk == first:
            brk = row  # the group is taller than a page: break where it must
        brk = self._keep_groups(brk, first)
        page.bands = [b for b in page.bands if b.repeated or b.row < brk]
        return brk

    def _keep_groups(self, brk: int, first: int) -> int:
        """Move a break so no 一级/二级 group leaves a lone row on either page.

        A group of rows under one merged 二级 (or 一级) cell that the break would split
        keeps at least two rows on each side: a lone last row moves to the next page with
        one more, a lone first row moves on with the rest.  Groups are tried innermost
        first; a break is never moved to or above the page's first row.
        """
        for start, stop in self.groups:
            if not start < brk < stop:
                continue
            before, after = brk - start, stop - brk
            if before == 1 or (after == 1 and before == 2):
                target = start
            elif after == 1:
                target = brk - 1
            else:
                continue
            if target > first and target - 1 not in self.header_rows:
                return target
        return brk

    def _worth_splitting(self, row: int, room: float) -> bool:
        boxes = self.row_boxes(row)
        if not boxes or self.row_heights[row] < SPLIT_SHARE * self.content_height:
            return False
        leading = max(b.leading for b in boxes)
        return room >= SPLIT_MIN_LINES * leading + 2 * PAD_Y

    def _place_split_row(self, pages: list[_Page], row: int) -> int:
        """Lay *row* out in pieces across pages, filling each page; return the next row."""
        boxes = self.row_boxes(row) or [b for b in self.boxes if row in b.rows]
        consumed = dict.fromkeys(range(len(boxes)), 0)
        while True:
            page = pages[-1]
            room = self.content_height - page.used
            remaining = [len(b.lines) - consumed[i] for i, b in enumerate(boxes)]
            need = max(
                [b.height_for(max(1, rem)) for b, rem in zip(boxes, remaining, strict=True)]
                + [10.5 * LEADING + 2 * PAD_Y]
            )
            if need <= room + _EPS:
                page.bands.append(_Band(row, need))
                return row + 1
            fits = [math.floor((room - 2 * PAD_Y + _EPS) / b.leading) for b in boxes]
            if max(fits) < 1:
                if page.content_bands():
                    pages.append(self._new_page(row))
                    continue
                page.bands.append(_Band(row, need))  # a header taller than a page: give up
                return row + 1
            height = self._split_height(boxes, remaining, room)
            if height is None:  # what fits would leave a line or two alone: start afresh
                if page.content_bands():
                    pages.append(self._new_page(row))
                    continue
                height = room
            page.bands.append(_Band(row, height))
            fits = [math.floor((height - 2 * PAD_Y + _EPS) / b.leading) for b in boxes]
            for i, _box in enumerate(boxes):
                consumed[i] = min(len(boxes[i].lines), consumed[i] + max(fits[i], 0))
            pages.append(self._new_page(row))

    def _split_height(self, boxes: list[_Box], remaining: list[int], room: float) -> float | None:
        """The height of the part of a split row on this page: as much as fits, less the
        lines needed so that no text carries a single line over; None when too little
        would be left on this page to be worth it."""
        height = room
        floor = min(b.height_for(SPLIT_MIN_LINES) for b in boxes)
        while height >= floor - _EPS:
            short = [
                b
                for b, rem in zip(boxes, remaining, strict=True)
                if 0 < rem - math.floor((height - 2 * PAD_Y + _EPS) / b.leading) < SPLIT_MIN_CARRY
            ]
            if not short:
                return height
            height -= min(b.leading for b in short)
        return None

    # --- text per page part ------------------------------------------------------------

    def assign_text(self, pages: list[_Page]) -> dict[int, list[tuple[float, list[str]]]]:
        """For each box (by index), the (size, lines) shown in each of its parts, in order.

        A cell marked `repeat_on_split` (a merged 一级/二级 or section label) is shown
        whole in every part it fits in, so each page names what its rows belong to.
        Every other text flows on from part to part and prints once, as a Word table
        row continues across a page: an amount appears in the first part only.  Text
        that does not fit even when flowing is shrunk.
        """
        heights: dict[int, list[float]] = {}
        for page in pages:
            for index, _top, height in self.parts_on_page(page):
                heights.setdefault(index, []).append(height)
        result: dict[int, list[tuple[float, list[str]]]] = {}
        for index, part_heights in heights.items():
            box = self.boxes[index]
            result[index] = self._fit(box, part_heights)
        return result

    def repeats(self, box: _Box) -> bool:
        """Is *box* printed whole in each of its parts (a label, or the repeated header)?"""
        return box.cell.repeat_on_split or box.cell.row in self.header_rows

    def _shrunk_label(self, box: _Box, height: float) -> tuple[float, list[str]]:
        """A label in a part too short for it at its size: smaller, so the box is never
        empty; at the smallest size, the lines that fit."""
        inner = max(box.width - 2 * PAD_X, 1.0)
        size = box.size
        while True:
            size = max(MIN_SIZE, size * 0.9)
            lines = wrap_label(box.cell.text, inner, self.measure.char_width(box.font, size))
            if len(lines) * size * LEADING + 2 * PAD_Y <= height + _EPS or size <= MIN_SIZE:
                fit = max(1, math.floor((height - 2 * PAD_Y + _EPS) / (size * LEADING)))
                return size, lines[:fit]

    def _fit(self, box: _Box, part_heights: list[float]) -> list[tuple[float, list[str]]]:
        while True:
            lines = box.lines
            if self.repeats(box):
                fits = [box.height_for(len(lines)) <= h + _EPS for h in part_heights]
                if any(fits):
                    return [
                        (box.size, lines) if fit else self._shrunk_label(box, h)
                        for fit, h in zip(fits, part_heights, strict=True)
                    ]
            parts: list[tuple[float, list[str]]] = []
            start = 0
            for h in part_heights:
                take = max(0, math.floor((h - 2 * PAD_Y + _EPS) / box.leading))
                parts.append((box.size, lines[start : start + take]))
                start += take
            if start >= len(lines) or box.size <= MIN_SIZE:
                if start < len(lines):  # never lose text: the last part overflows
                    last_size, last_lines = parts[-1]
                    parts[-1] = (last_size, last_lines + lines[start:])
                return parts
            self._wrap(box, max(MIN_SIZE, box.size * 0.9))

    def parts_on_page(self, page: _Page):
        """Yield (box index, top offset from the page's table top, height) per visible part."""
        tops = []
        y = 0.0
        for band in page.bands:
            tops.append(y)
            y += band.height
        for index, box in enumerate(self.boxes):
            part_top = None
            part_height = 0.0
            for band, top in zip(page.bands, tops, strict=True):
                inside = band.row in box.rows
                if inside and part_top is not None:
                    part_height += band.height
                    continue
                if part_top is not None:
                    yield index, part_top, part_height
                    part_top = None
                if inside:
                    part_top, part_height = top, band.height
            if part_top is not None:
                yield index, part_top, part_height


@dataclass(frozen=True)
class PageStart:
    """Where a printed page after a form's first begins (see `page_plan`)."""

    #: The form row whose content comes first on the page.
    row: int
    #: The header rows printed again above it (empty where it continues no table).
    header: range
    #: The page begins with the rest of *row*, split across pages (a row too tall to move).
    continued: bool = False


def page_plan(form: Form, fonts: FontSet) -> list[PageStart]:
    """The PDF's page breaks in *form*: one `PageStart` per page after the first.

    Lets the Excel writer break its sheet where the PDF breaks its pages.
    """
    return page_planner(fonts)(form)


def page_planner(fonts: FontSet) -> Callable[[Form], list[PageStart]]:
    """`page_plan` for many forms, measuring each text once."""
    measure = _Measure()
    return lambda form: _page_plan(form, fonts, measure)


def _page_plan(form: Form, fonts: FontSet, measure: _Measure) -> list[PageStart]:
    if not form.n_rows or not form.cells:
        return []
    pages = _FormLayout(form, fonts, measure).paginate()
    plan: list[PageStart] = []
    before: set[int] = set()
    for page in pages:
        content = page.content_bands()
        if before and content:
            row = content[0].row
            header = range(0)
            if any(b.repeated for b in page.bands):
                header = form.header_for(row)
            plan.append(PageStart(row, header, row in before))
        before = {b.row for b in content}
    return plan


# --- drawing -------------------------------------------------------------------------


def _draw_part(
    canvas: Canvas,
    box: _Box,
    top: float,
    height: float,
    size: float,
    lines: Sequence[str],
    measure: _Measure,
    continued: bool = False,
) -> None:
    """Draw one part of a box; a *continued* text (flowed on from the page before)
    starts at the top of its part, right under the repeated header."""
    style = box.cell.style
    bottom = top - height
    if style.border:  # in the line width set for the page
        canvas.rect(box.x, bottom, box.width, height, stroke=1, fill=0)
    if not lines:
        return
    leading = size * LEADING
    block = len(lines) * leading
    top_aligned = continued or style.valign == "top"
    slack = PAD_Y if top_aligned else max(PAD_Y, (height - block) / 2)
    first_top = top - slack
    # The em box is centred in the line's leading; the baseline is 0.86 em below its top.
    baseline = first_top - (leading - size) / 2 - size * 0.86
    # Page streams stay in memory until the file is written (reportlab), so each
    # operator counts: the font is set again only where a run changes it (it holds
    # across lines, and reportlab names a new subset only where the characters need
    # one), with no leading (each line is placed, never advanced by T*); plain text
    # leaves the graphics state as it was and needs no save and restore.
    if style.bold:
        canvas.saveState()  # the text render mode (fake bold) is graphics state
        # 宋体 has no bold face: fill and stroke the outlines, as Word and WPS do.
        canvas.setLineWidth(size * 0.035)
    text = None
    current = ""
    for line in lines:
        width = measure.text_width(line, box.font, size)
        if style.align == "left":
            x = box.x + PAD_X
        elif style.align == "right":
            x = box.x + box.width - PAD_X - width
        else:
            x = box.x + (box.width - width) / 2
        if text is None:
            # At the origin first: text extractors (pypdf) start a new line for each
            # cell this way, as they did for every text before.
            text = canvas.beginText()
            if style.bold:
                text.setTextRenderMode(2)
        text.setTextOrigin(x, baseline)
        for font, piece in measure.runs(line, box.font):
            if font != current:
                text.setFont(font, size, leading=0)
                current = font
            text.textOut(piece)
        baseline -= leading
    if text is not None:
        canvas.drawText(text)
    if style.bold:
        canvas.restoreState()


#: A source of forms to print: the forms, or a function that makes them afresh each
#: time it is called (`forms.iter_forms`), so a long document is built form by form.
FormSource = Sequence[Form] | Callable[[], Iterable[Form]]


def render_forms(
    forms: FormSource,
    out: str | os.PathLike | BinaryIO,
    title: str,
    author: str,
    fonts: FontSet,
    missing: list[tuple[str, str]] | None = None,
) -> int:
    """Draw *forms* into a PDF at *out* (path or binary file); return the page count.

    Streams: the forms are gone through twice, each form built, laid out and dropped
    before the next.  The first pass counts the pages (the footer says 共 Y 页 from the
    first page on) and finds the characters the fonts lack; the second lays each form
    out again and draws it.  So only one form's layout is in memory at a time, beside
    the page streams reportlab keeps until it writes the file.  `cancel.checkpoint` is
    called once per form in the first pass and once per page in the second.

    Characters the fonts lack are printed in a fallback font where one has them and
    listed in *missing* as (character, fallback font file or "").
    """
    source = forms if callable(forms) else (lambda: forms)
    measure = _Measure()
    glyphs = Glyphs(fonts, measure.fallbacks)
    counts: list[int] = []
    for form in _printable(source()):
        checkpoint()
        glyphs.add(form)
        counts.append(len(_FormLayout(form, fonts, measure).paginate()))
    if not counts:
        raise GoalEditorError(NOTHING_TO_EXPORT)
    if missing is not None:
        missing.extend(glyphs.missing())
    total = sum(counts)
    glyphs.add_text(fonts.body, "".join(_footer(n, total) for n in range(1, total + 1)))
    target = str(out) if isinstance(out, os.PathLike) else out
    canvas = Canvas(target, pagesize=A4, initialFontName=fonts.body, initialFontSize=10.5)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject("预算绩效目标表")
    canvas.setCreator("goaleditor")
    canvas.setKeywords("预算绩效目标")
    canvas.showOutline()
    glyphs.order_subsets(canvas)
    number = 0
    for form_index, (form, count) in enumerate(zip(_printable(source()), counts, strict=True)):
        layout = _FormLayout(form, fonts, measure)
        pages = layout.paginate()
        if len(pages) != count:  # the forms changed between the passes
            raise RuntimeError(f"form {form_index}: {len(pages)} pages, counted {count}")
        texts = layout.assign_text(pages)
        seen: dict[int, int] = {}
        for page in pages:
            checkpoint()
            number += 1
            if page.first_of_form:
                key = f"form{form_index}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(layout.form.bookmark or layout.form.sheet_name, key, 0)
            canvas.setPageSize(layout.paper)  # A4 upright or sideways (the layout's page)
            canvas.setLineWidth(BORDER_WIDTH)  # every cell's border
            table_top = layout.paper[1] - MARGIN_TOP
            for index, top, height in layout.parts_on_page(page):
                part = seen.get(index, 0)
                seen[index] = part + 1
                size, lines = texts[index][part]
                box = layout.boxes[index]
                continued = not layout.repeats(box) and any(
                    earlier for _size, earlier in texts[index][:part]
                )
                _draw_part(canvas, box, table_top - top, height, size, lines, measure, continued)
            _draw_footer(canvas, fonts, number, total, layout.paper[0])
            canvas.showPage()
    checkpoint()
    # Writing assembles the whole file in memory beside the page streams: the peak.
    measure.forget()
    word_bounds.cache_clear()
    canvas.save()
    return total


def _printable(forms: Iterable[Form]) -> Iterator[Form]:
    return (f for f in forms if f.n_rows and f.cells)


def _footer(number: int, total: int) -> str:
    return f"第 {number} 页 共 {total} 页"


def _draw_footer(
    canvas: Canvas, fonts: FontSet, number: int, total: int, width: float = PAGE_WIDTH
) -> None:
    label = _footer(number, total)
    canvas.setFont(fonts.body, FOOTER_SIZE)
    canvas.drawCentredString(width / 2, FOOTER_BASELINE, label)


# --- documents -----------------------------------------------------------------------


def document_title(doc: Document) -> str:
    if doc.title.strip():
        return doc.title.strip()
    year = f"{doc.fiscal_year}年" if doc.fiscal_year else ""
    return f"{doc.unit_name}{year}预算绩效目标表"


def render_document(
    doc: Document,
    out: str | os.PathLike | BinaryIO,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> PdfInfo:
    """Build the forms of *doc* (all, or the *projects* by index) and draw them to *out*."""
    fonts = find_fonts(font_path)
    iter_forms(doc, projects)  # a bad index or layout is refused before any work
    missing: list[tuple[str, str]] = []
    pages = render_forms(
        lambda: iter_forms(doc, projects), out, document_title(doc), doc.unit_name, fonts, missing
    )
    notes = (*fonts.notes, *missing_glyph_notes(missing))
    return PdfInfo(pages, notes, tuple(missing))


def pdf_bytes(
    doc: Document,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> bytes:
    """The PDF of *doc* in memory (print preview)."""
    buffer = io.BytesIO()
    render_document(doc, buffer, projects, font_path)
    return buffer.getvalue()


def write_pdf(
    doc: Document,
    path: str | os.PathLike,
    projects: list[int] | None = None,
    font_path: str | os.PathLike | None = None,
) -> PdfInfo:
    """Export *doc* to *path* atomically; `WriteError` when the file cannot be written."""
    result: list[PdfInfo] = []

    def write(tmp: Path) -> None:
        result.append(render_document(doc, tmp, projects, font_path))

    atomic_write(path, write, action="导出")
    return result[0]
