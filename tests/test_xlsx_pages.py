"""The Excel workbook breaks its pages where the PDF does: manual breaks at the PDF's
page starts, merged labels split at each break, each page under its table's header."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from goaleditor.export import pdf
from goaleditor.export.fonts import find_fonts
from goaleditor.export.textmetrics import text_height_pt
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_labels import cell_width_mm, written_texts
from goaleditor.export.xlsx_pages import (
    MIN_PAGE_ROWS,
    MIN_SCALE,
    _page_rows,
    page_room_pt,
    pdf_pages,
    print_scale,
)
from goaleditor.export.xlsx_sheet import MARGINS, WIDEST_COLUMNS, printed_width_mm, sheet_layout
from goaleditor.forms import build_forms
from goaleditor.importers.xlsx import read_workbook
from goaleditor.storage import load
from test_pdf_pages import DOCS, SAMPLES


@pytest.fixture(scope="module")
def plan():
    return pdf_pages()


@pytest.fixture(scope="module")
def fonts():
    return find_fonts()


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """name → (document, path of its exported workbook)."""
    out = tmp_path_factory.mktemp("books")
    result = {}
    for name, doc in DOCS:
        path = out / f"{name}.xlsx"
        write_xlsx(doc, path)
        result[name] = (doc, path)
    return result


def sheet_pages(form, plan):
    """The sheet layout of *form*, its print scale (None: fitted to the page's width)
    and the form rows its pages (after the first) start at."""
    layout, scale = sheet_layout(form, plan=plan)
    return layout, scale, list(layout.page_rows)


def written_scale(ws, width_mm: float) -> float:
    """The scale sheet *ws* prints at: its own, or where it is fitted to the page's width,
    the scale that fits columns *width_mm* wide."""
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        return print_scale(width_mm, MARGINS)
    return ws.page_setup.scale / 100


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_manual_breaks_are_the_pdfs_page_starts(name, books, plan, fonts):
    doc, path = books[name]
    wb = load_workbook(path)
    broken = 0
    for form in build_forms(doc):
        ws = wb[form.sheet_name]
        layout, _scale, rows = sheet_pages(form, plan)
        # openpyxl's break id: the (1-based) row after which the page ends.
        assert [b.id for b in ws.row_breaks.brk] == list(layout.breaks)
        assert [layout.starts[r] - _copy_rows(layout, r) for r in rows] == list(layout.breaks)
        pdf_rows = _page_rows(form, pdf.page_plan(form, fonts))
        broken += bool(pdf_rows)
        assert set(pdf_rows) <= set(rows)
        # A break the PDF does not have only where the PDF's page would not fit.
        scale = written_scale(ws, _width_mm(ws) * WIDEST_COLUMNS)
        room = page_room_pt(scale, MARGINS)
        heights = [
            sum(layout.heights[layout.starts[r] : layout.stop(r)]) for r in range(form.n_rows)
        ]
        bounds = [0, *pdf_rows, form.n_rows]
        # Every page holds its rows (Excel adds no break of its own), but for a row
        # taller than a page, which prints over the break.
        for start, stop in zip([0, *rows], [*rows, form.n_rows], strict=True):
            header = form.header_for(start) if start else range(0)
            need = sum(heights[h] for h in header) + sum(heights[start:stop])
            assert need <= room or max(heights[start:stop]) > room / 2, (form.sheet_name, start)
        for extra in set(rows) - set(pdf_rows):
            start = max(b for b in bounds if b < extra)
            stop = min(b for b in bounds if b > extra)
            header = form.header_for(start) if start else range(0)
            need = sum(heights[h] for h in header) + sum(heights[start:stop])
            assert need > room, (form.sheet_name, extra)
    if name != "tianjin_2023":
        assert broken, "the sample's PDF has a form of more than one page"


def _copy_rows(layout, row: int) -> int:
    """Sheet rows of the header copy written right before form row *row*, if any."""
    for copy_row, header in layout.copies:
        n = sum(layout.stop(h) - layout.starts[h] for h in header)
        if copy_row + n == layout.starts[row]:
            return n
    return 0


def _width_mm(ws) -> float:
    from goaleditor.export.xlsx_sheet import DIGIT_PX

    px = sum(
        dim.width * DIGIT_PX * (dim.max - dim.min + 1)
        for dim in ws.column_dimensions.values()
        if dim.customWidth
    )
    return px * 25.4 / 96


@pytest.mark.parametrize("name", ["chengdu_2022", "hebei_2020", "thirty_rows"])
def test_the_pages_are_the_pdfs_where_excel_can_hold_them(name, books, plan, fonts):
    """Chengdu, Hebei and a 30-row project print the PDF's pages exactly, a little
    smaller where Excel's taller rows need it."""
    doc, path = books[name]
    wb = load_workbook(path)
    for form in build_forms(doc):
        _layout, scale, rows = sheet_pages(form, plan)
        pdf_rows = _page_rows(form, pdf.page_plan(form, fonts))
        assert rows == pdf_rows, form.sheet_name
        ws = wb[form.sheet_name]
        assert written_scale(ws, _width_mm(ws) * WIDEST_COLUMNS) >= MIN_SCALE
        if scale is not None:
            assert ws.page_setup.scale == round(scale * 100)


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_no_merged_range_crosses_a_break(name, books):
    _doc, path = books[name]
    for ws in load_workbook(path).worksheets:
        breaks = [b.id for b in ws.row_breaks.brk]
        for rng in ws.merged_cells.ranges:
            for b in breaks:
                assert not rng.min_row <= b < rng.max_row, (ws.title, str(rng), b)


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_each_page_starts_with_its_tables_header_and_names_its_groups(name, books, plan):
    doc, path = books[name]
    wb = load_workbook(path)
    for form in build_forms(doc):
        ws = wb[form.sheet_name]
        layout, _scale, rows = sheet_pages(form, plan)
        texts = _sheet_texts(ws)
        for b in rows:
            header = form.header_for(b)
            if len(header):
                if layout.titles == header:
                    first = layout.starts[header.start] + 1
                    assert ws.print_title_rows == f"${first}:${layout.stop(header.stop - 1)}"
                    top = layout.starts[b]
                else:
                    top = layout.starts[b] - _copy_rows(layout, b)
                    assert top < layout.starts[b], (form.sheet_name, b)
                    for cell in form.cells:
                        if cell.row in header and cell.rowspan == 1 and cell.text:
                            at = top + (cell.row - header.start)
                            assert _norm(texts.get((at, cell.col))) == _norm(cell.text)
            else:
                top = layout.starts[b]
            # Every label running down across the break is printed again on this page.
            for cell in form.cells:
                if cell.rowspan > 1 and cell.row < b < cell.row + cell.rowspan:
                    assert cell.repeat_on_split
                    piece_top = min(
                        r for r in range(top, layout.starts[b] + 1) if (r, cell.col) in texts
                    )
                    assert _norm(texts[(piece_top, cell.col)]) == _norm(cell.text)


def _sheet_texts(ws) -> dict[tuple[int, int], str]:
    return {
        (c.row - 1, c.column - 1): str(c.value)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def _norm(text) -> str:
    return "".join(str(text or "").split())


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_a_paged_workbook_reads_back_as_it_was(name, books, tmp_path):
    doc, path = books[name]
    result = read_workbook(path)
    assert result.notes == []
    assert result.document == doc


def test_guangzhou_task_table_continues_under_a_copy_of_its_header(books, plan):
    doc, path = books["guangzhou_yuexiu"]
    form = build_forms(doc)[0]
    layout, _scale, _rows = sheet_pages(form, plan)
    assert layout.copies, "the task table continues on a page of its own"
    assert layout.titles == range(*form.repeat_rows)
    ws = load_workbook(path)[form.sheet_name]
    texts = _sheet_texts(ws)
    for copy_row, header in layout.copies:
        assert header != layout.titles
        assert _norm(texts[(copy_row, 1)]) == "名称"


@pytest.fixture(scope="module")
def printed(books, tmp_path_factory):
    """name → the text of each page LibreOffice prints of its workbook."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice or poppler is not installed")
    # The column widths are in Calibri digits; LibreOffice measures them with Carlito.
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":family=Carlito"], capture_output=True, text=True)
        assert found.stdout.strip(), "Carlito is missing: install fonts-crosextra-carlito (README)"
    out = tmp_path_factory.mktemp("printed")
    subprocess.run(
        [
            *("soffice", "--headless", f"-env:UserInstallation=file://{out}/lo"),
            *("--convert-to", "pdf", "--outdir", str(out)),
            *(str(path) for _doc, path in books.values()),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    return {name: _pdf_pages(out / f"{name}.pdf") for name in books}


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_a_broken_sheet_prints_at_its_own_scale_not_fitted_to_the_page(name, books):
    """Excel ignores manual page breaks on a sheet set to "fit to page": a sheet with
    breaks prints at an explicit scale at which its columns fit the page's width."""
    doc, path = books[name]
    archive = zipfile.ZipFile(path)
    sheets = _sheet_files(archive)
    broken = 0
    for form in build_forms(doc):
        xml = archive.read(sheets[form.sheet_name]).decode()
        if "<rowBreaks" not in xml:
            continue
        broken += 1
        assert 'fitToPage="1"' not in xml and "fitToWidth" not in xml, form.sheet_name
        scale = int(re.search(r'<pageSetup[^>]* scale="(\d+)"', xml).group(1))
        width = printed_width_mm(form)
        assert MIN_SCALE * 100 <= scale <= print_scale(width, MARGINS) * 100
    if name != "tianjin_2023":
        assert broken


def _sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the workbook *archive* (XlsxWriter numbers them in order)."""
    names = re.findall(r'<sheet name="([^"]*)"', archive.read("xl/workbook.xml").decode())
    return {html.unescape(n): f"xl/worksheets/sheet{i}.xml" for i, n in enumerate(names, 1)}


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_libreoffice_prints_the_pdfs_pages_each_whole_under_its_header(name, books, printed):
    """Printed through LibreOffice, every sheet has the pages its breaks make — none
    more, so no column spilled onto a page of its own — and each page starts at the
    PDF's row under its table's header, with the 一级/二级 labels of its rows and
    every text of its first and last rows."""
    doc, _path = books[name]
    pages = printed[name]
    plan = pdf_pages()
    first = 0
    for form in build_forms(doc):
        _layout, _scale, rows = sheet_pages(form, plan)
        bounds = list(zip([0, *rows], [*rows, form.n_rows], strict=True))
        for number, (start, stop) in enumerate(bounds, first):
            assert number < len(pages), (form.sheet_name, "fewer pages than breaks")
            text = _norm(pages[number])
            header = form.header_for(start) if start else range(0)
            for cell in form.cells:
                covers = range(cell.row, cell.row + cell.rowspan)
                inside = start <= cell.row and covers.stop <= stop
                wanted = (
                    cell.row in header
                    or (cell.key in ("level1", "level2") and set(covers) & set(range(start, stop)))
                    or (inside and (cell.row == start or covers.stop == stop))
                )
                if cell.text and wanted:
                    page = number - first + 1
                    assert _norm(cell.text) in text, (form.sheet_name, page, cell.text)
        first += len(bounds)
    assert len(pages) == first, "LibreOffice printed more pages than the sheets' breaks make"


def _pdf_pages(path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    return [
        subprocess.run(
            # -raw: in the order drawn, so a cell's wrapped lines stay together.
            ["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_page_plan_is_where_the_pdf_starts_its_pages(name, doc, fonts):
    for form in build_forms(doc):
        pages = pdf._FormLayout(form, fonts, pdf._Measure()).paginate()
        plan = pdf.page_plan(form, fonts)
        assert len(plan) == len(pages) - 1
        for start, page, before in zip(plan, pages[1:], pages[:-1], strict=True):
            content = page.content_bands()
            assert start.row == content[0].row
            assert list(start.header) == [b.row for b in page.bands if b.repeated]
            assert start.continued == (start.row in {b.row for b in before.bands})
    if name == "guangzhou_yuexiu":
        starts = pdf.page_plan(build_forms(doc)[0], fonts)
        assert any(s.continued for s in starts)  # a tall task row split across pages


@pytest.mark.parametrize("name", [n for n, _ in DOCS])
def test_each_part_of_a_label_cut_by_a_break_is_high_enough_for_it(name, books, plan):
    """The part of a merged 二级 label left on a page may be one row high; it prints the
    label again, so its rows must hold the label's lines (Guangzhou: 社会效益指标 on one
    20 pt row needs two lines)."""
    doc, path = books[name]
    wb = load_workbook(path)
    for form in build_forms(doc):
        layout, _scale, rows = sheet_pages(form, plan)
        ws = wb[form.sheet_name]
        heights = [ws.row_dimensions[r + 1].height for r in range(layout.n_rows)]
        for cell, text in zip(form.cells, written_texts(form), strict=True):
            cuts = [b for b in rows if cell.row < b < cell.row + cell.rowspan]
            if not (cuts and cell.repeat_on_split):
                continue
            style = cell.style
            need = text_height_pt(text, cell_width_mm(form, cell), style.size, style.wrap)
            for start, stop in zip(
                [cell.row, *cuts], [*cuts, cell.row + cell.rowspan], strict=True
            ):
                got = sum(heights[layout.starts[start] : layout.stop(stop - 1)])
                assert got >= need - 0.01, (form.sheet_name, text, start)


@pytest.mark.parametrize("layout", ["chengdu", "guangzhou", "mof88-department"])
@pytest.mark.parametrize("sample", ["chengdu_2022", "guangzhou_yuexiu"])
def test_a_page_split_for_excel_leaves_no_row_alone(sample, layout, plan, fonts):
    """Where a PDF page must be split on the sheet (Excel's rows are taller), the part
    before the PDF's next page keeps at least two rows: Chengdu in the 88号 department
    layout left 3-7.涉罪未成年人… alone on a page."""
    from goaleditor.forms import use_layout

    doc = load(next(p for p in SAMPLES if p.stem == sample))
    use_layout(doc, layout)
    form = build_forms(doc)[0]
    _layout, _scale, rows = sheet_pages(form, plan)
    pdf_rows = set(_page_rows(form, pdf.page_plan(form, fonts)))
    for extra, following in zip(rows, [*rows[1:], form.n_rows], strict=True):
        if extra not in pdf_rows:
            assert following - extra >= MIN_PAGE_ROWS, (form.sheet_name, extra)
