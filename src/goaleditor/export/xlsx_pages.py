"""Page breaks of a form's sheet: where the PDF breaks its pages, headers repeated.

Left to itself, Excel breaks a sheet wherever a page is full: inside a merged 一级/二级
cell (whose label then prints on one page only), right below a table's header.  The
export instead places manual page breaks at the rows where the PDF starts its pages
(`pdf.page_plan`), so the workbook prints the pages the PDF shows:

- a page that continues a table starts with that table's header rows — Excel's print
  titles for the table they name (the indicator header), a copy of the header rows
  written into the sheet at the break for any other table (the task table of the
  department forms), since a sheet has one print-title range;
- a row the PDF splits across pages (taller than what is left of a page) stays whole:
  the break goes before it;
- a page must hold in Excel what it holds in the PDF.  Excel's rows are taller than the
  PDF's (they leave room for the fonts a clerk's Excel may substitute), so each page is
  measured with the sheet's own row heights at its print scale; where its rows would
  not fit, a break is placed earlier, at a row a break may come before, rather than
  letting Excel break wherever the page is full;
- the sheet prints at an explicit scale, not "fit to one page wide": Excel ignores
  manual page breaks on a sheet fitted to the page.  The scale leaves room for the
  columns printing a little wider than Excel draws them on screen (`xlsx_sheet`).

Merged cells are split at each break by the sheet writer (`xlsx_sheet`), a label
printed in each part.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise

from ..grid import Form
from ..layouts import PageSize, page_size
from .fonts import FontUnavailableError, find_fonts
from .pdf import PageStart, page_planner
from .xlsx_rows import RowLayout

#: Gives the PDF's pages of a form.
PagePlan = Callable[[Form], Sequence[PageStart]]

PT_PER_MM = 72 / 25.4
#: A4 upright, in millimetres (a form turned sideways prints on `page_size(True)`).
A4 = page_size()
#: Share of the page's height the rows may fill: room for Excel's rounding of row
#: heights to whole pixels.
FILL = 0.98
#: The smallest scale a sheet prints at so that its pages hold what the PDF's do.
MIN_SCALE = 0.85
#: Where a page of the PDF's must be split in two on the sheet, the second part has at
#: least this many rows: a page holding one row of a table looks like a mistake.
MIN_PAGE_ROWS = 2


def pdf_pages() -> PagePlan | None:
    """`pdf.page_plan` with the fonts the PDF is set in; None where there are none
    (then Excel breaks the pages itself)."""
    try:
        fonts = find_fonts()
    except FontUnavailableError:
        return None
    return page_planner(fonts)


def print_scale(width_mm: float, margins_in: dict[str, float], paper: PageSize = A4) -> float:
    """The largest scale (a whole percentage, at most 100 %) at which a sheet whose
    columns print *width_mm* wide fits the page's width between *margins_in*."""
    usable_mm = paper.width_mm - (margins_in["left"] + margins_in["right"]) * 25.4
    if width_mm <= 0:
        return 1.0
    return min(100, math.floor(100 * usable_mm / width_mm + 1e-6)) / 100


def page_room_pt(scale: float, margins_in: dict[str, float], paper: PageSize = A4) -> float:
    """Height of sheet rows (points, unscaled) one printed page holds."""
    usable_mm = paper.height_mm - (margins_in["top"] + margins_in["bottom"]) * 25.4
    return usable_mm * PT_PER_MM * FILL / scale


def paged_layout(
    form: Form, layout: RowLayout, plan: PagePlan, width_mm: float, margins_in: dict[str, float]
) -> tuple[RowLayout, float | None]:
    """*layout* with page breaks where the PDF's pages (*plan*) start, and a copy of the
    header rows at each break that needs one; the scale the sheet prints at, or None
    for a form whose rows fit on one page (left as it is, fitted to the page's width).

    The scale is explicit (Excel ignores manual page breaks on a sheet fitted to the
    page): the largest at which the columns, *width_mm* wide where they print widest,
    fit the page's width.  Excel's rows are taller than the PDF's, so to hold a PDF
    page's rows the sheet may print a little smaller (down to `MIN_SCALE`); where a page
    still would not hold its rows, a break is placed earlier.
    """
    paper = page_size(form.landscape)  # A4 upright or turned sideways (the layout's page)
    scale = print_scale(width_mm, margins_in, paper)
    if sum(layout.heights) <= page_room_pt(scale, margins_in, paper):
        return layout, None
    heights = [sum(layout.heights[layout.starts[r] : layout.stop(r)]) for r in range(form.n_rows)]
    wanted = _page_rows(form, plan(form))
    scale = min(scale, _fitting_scale(form, wanted, heights, margins_in, paper))
    room = page_room_pt(scale, margins_in, paper)
    breaks = _breaks(form, wanted, heights, room)
    grown = _label_parts(layout, heights, breaks)
    for _ in range(3):  # the labels' parts grow a row or two: a page may overflow
        again = _breaks(form, wanted, grown, room)
        if again == breaks:
            break
        breaks = again
        grown = _label_parts(layout, heights, breaks)
    if not breaks:
        return layout, scale
    layout = _grow(layout, heights, grown)
    titles = _titles(form, breaks)
    copied = {b: form.header_for(b) for b in breaks}
    copied = {b: h for b, h in copied.items() if len(h) and h != titles}
    starts: list[int] = []
    parts: list[int] = []
    sheet_heights: list[float] = []
    sheet_breaks: list[int] = []
    copies: list[tuple[int, range]] = []
    breaking = set(breaks)
    for r in range(form.n_rows):
        if r in breaking:
            sheet_breaks.append(len(sheet_heights))
        header = copied.get(r)
        if header is not None:
            copies.append((len(sheet_heights), header))
            for h in header:
                sheet_heights.extend(layout.heights[layout.starts[h] : layout.stop(h)])
        starts.append(len(sheet_heights))
        parts.append(layout.stop(r) - layout.starts[r])
        sheet_heights.extend(layout.heights[layout.starts[r] : layout.stop(r)])
    starts.append(len(sheet_heights))
    paged = replace(
        layout,
        starts=tuple(starts),
        heights=tuple(sheet_heights),
        parts=tuple(parts),
        breaks=tuple(sheet_breaks),
        page_rows=tuple(breaks),
        copies=tuple(copies),
        titles=titles,
    )
    return paged, scale


def _label_parts(layout: RowLayout, heights: list[float], breaks: list[int]) -> list[float]:
    """*heights* (of the form's rows) grown where a page break cuts a merged label
    (一级, 二级, a section label) so that each part, which prints the label again, is
    as high as its text needs: a part of one row under a six-character 二级 name needs
    two lines where the row has one."""
    grown = list(heights)
    for row, rowspan, need in layout.labels:
        cuts = breaks[bisect_right(breaks, row) : bisect_left(breaks, row + rowspan)]
        for start, stop in pairwise([row, *cuts, row + rowspan]):
            rows = range(start, stop)
            have = sum(grown[r] for r in rows)
            if cuts and have < need:
                for r in rows:
                    grown[r] += (need - have) / len(rows)
    return grown


def _grow(layout: RowLayout, heights: list[float], grown: list[float]) -> RowLayout:
    """*layout* with the rows `_label_parts` grew as high as it made them (rounded up
    to a tenth of a point, as the sheet's heights)."""
    if grown == heights:
        return layout
    sheet = list(layout.heights)
    for r, (old, new) in enumerate(zip(heights, grown, strict=True)):
        if new > old:
            first, stop = layout.starts[r], layout.stop(r)
            extra = (new - old) / (stop - first)
            for i in range(first, stop):
                sheet[i] = math.ceil((sheet[i] + extra) * 10 - 1e-6) / 10
    return replace(layout, heights=tuple(sheet))


def _page_rows(form: Form, plan: Sequence[PageStart]) -> list[int]:
    """Form rows the PDF's pages after the first start at; a page that continues a
    row split across pages starts with that row, whole."""
    rows: list[int] = []
    for start in plan:
        if 0 < start.row < form.n_rows and (not rows or start.row > rows[-1]):
            rows.append(start.row)
    return rows


def _page_height(form: Form, heights: list[float], start: int, stop: int) -> float:
    header = form.header_for(start) if start else range(0)
    return sum(heights[h] for h in header) + sum(heights[start:stop])


def _fitting_scale(
    form: Form,
    wanted: list[int],
    heights: list[float],
    margins_in: dict[str, float],
    paper: PageSize = A4,
) -> float:
    """The largest scale (whole percent, at least `MIN_SCALE`) at which every page of
    the PDF's that can hold its rows at `MIN_SCALE` does."""
    scale = 1.0
    bounds = [0, *wanted, form.n_rows]
    for start, stop in pairwise(bounds):
        need = _page_height(form, heights, start, stop)
        if need <= page_room_pt(MIN_SCALE, margins_in, paper):
            scale = min(scale, page_room_pt(1.0, margins_in, paper) / need)
    return max(MIN_SCALE, math.floor(scale * 100 + 1e-6) / 100)


def _breaks(form: Form, wanted: list[int], heights: list[float], room: float) -> list[int]:
    """Form rows the sheet's pages start at: the PDF's, and earlier ones where needed."""
    header_rows = form.header_rows()
    breaks: list[int] = []
    page = 0
    for stop in [*wanted, form.n_rows]:
        while True:
            header = form.header_for(page) if page else range(0)
            used = sum(heights[h] for h in header)
            cut = None
            for r in range(page, stop):
                used += heights[r]
                if used > room:
                    cut = r
                    break
            if cut is None:
                break
            earlier = _earlier_break(form, page, cut, header_rows)
            if earlier is None:
                break
            while stop - earlier < MIN_PAGE_ROWS:  # not one row alone before the PDF's page
                before = _earlier_break(form, page, earlier - 1, header_rows)
                if before is None:
                    break
                earlier = before
            breaks.append(earlier)
            page = earlier
        if stop < form.n_rows:
            breaks.append(stop)
            page = stop
    return breaks


def _earlier_break(form: Form, page: int, cut: int, header_rows: set[int]) -> int | None:
    """The last row at or before *cut* (and after *page*) a page may start at."""
    for r in range(cut, page, -1):
        if r not in form.keep_with_next and r - 1 not in header_rows:
            return r
    return None


def _titles(form: Form, breaks: list[int]) -> range | None:
    """The header Excel repeats as print titles: the form's `repeat_rows`, when every
    page starting below them continues their table (else each page gets copies)."""
    if form.repeat_rows is None:
        return None
    titles = range(*form.repeat_rows)
    for b in breaks:
        if b >= titles.stop and form.header_for(b) != titles:
            return None
    return titles
