"""A4 landscape: a layout's page setup turns its forms sideways in the PDF, Excel and Word,
and the columns are scaled to the width of the page they print on."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook
from pypdf import PdfReader

from goaleditor import storage
from goaleditor.export.docx import write_docx
from goaleditor.export.pdf import write_pdf
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.xlsx_pages import print_scale
from goaleditor.export.xlsx_sheet import MARGINS
from goaleditor.forms import build_forms, use_layout
from goaleditor.layouts import page_size, parse_layout, registry
from test_forms import SAMPLES
from test_layouts import error_of, own_layout

HEBEI = next(p for p in SAMPLES if p.stem == "hebei_2020")
#: A4 in points: (upright, sideways).
UPRIGHT, SIDEWAYS = page_size().points(), page_size(True).points()


def _mixed():
    """The Hebei sample: its text department form upright, its projects in the upload
    list, which its layout file prints sideways."""
    doc = storage.load(HEBEI)
    use_layout(doc, "upload-list")
    return doc


def test_the_layout_file_says_how_the_page_lies():
    assert registry().get("upload-list").page_size() == page_size(landscape=True)
    assert registry().get("standard").page_size() == page_size()
    assert page_size(True).width_mm == 297 and page_size(True).content_width_mm == 267
    forms = build_forms(_mixed())
    assert [f.landscape for f in forms] == [False, True]
    assert sum(forms[1].col_widths_mm) == pytest.approx(267)


def test_a_landscape_layout_without_a_width_gets_the_wide_page():
    data = own_layout(page={"size": "A4", "orientation": "landscape"})
    spec = parse_layout(__import__("json").dumps(data), "hubei.json")
    doc = storage.load(HEBEI)
    doc.department = None
    from goaleditor.forms.render import Renderer

    form = Renderer(spec).build({"document": doc, "layout": doc.layout, "number_style": "、",
                                 "money_unit": "元", "part_heading": [],
                                 "project": doc.projects[0], "number": 1}, "x")  # fmt: skip
    assert form.landscape and sum(form.col_widths_mm) == pytest.approx(267)


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ({"orientation": "sideways"}, "page.orientation"),
        ({"orientation": "portrait", "width_mm": 267}, "超出 A4 纵向的可用宽度 180 mm"),
        ({"orientation": "landscape", "width_mm": 280}, "超出 A4 横向的可用宽度 267 mm"),
    ],
)
def test_a_page_setup_that_cannot_print_is_refused_by_name(page, words):
    message = str(error_of(own_layout(page=page), "hubei.json"))
    assert "“hubei.json”" in message and words in message and "page" in message


def test_the_pdf_turns_only_the_landscape_forms(tmp_path):
    path = tmp_path / "mixed.pdf"
    write_pdf(_mixed(), path)
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(path).pages
    ]
    upright, sideways = (tuple(round(v) for v in s) for s in (UPRIGHT, SIDEWAYS))
    assert sizes[0] == upright and sizes[-1] == sideways
    assert sizes == sorted(sizes, key=lambda s: s == sideways)  # upright, then sideways


def test_excel_prints_the_list_sheet_landscape_scaled_to_its_width(tmp_path):
    path = tmp_path / "mixed.xlsx"
    write_xlsx(_mixed(), path)
    wb = load_workbook(path)
    department, listed = (ws for ws in wb.worksheets if ws.sheet_state == "visible")
    assert department.page_setup.orientation == "portrait"
    assert listed.page_setup.orientation == "landscape"
    # 267 mm of columns print at about full size on the wide page, not at 2/3 upright.
    assert print_scale(267, MARGINS, page_size(True)) >= 0.95
    assert print_scale(267, MARGINS) < 0.7


def test_word_puts_the_landscape_forms_in_a_section_of_their_own(tmp_path):
    path = tmp_path / "mixed.docx"
    write_docx(_mixed(), path)
    sections = WordDocument(str(path)).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert sections[1].page_width > sections[1].page_height
    assert sections[0].page_width < sections[0].page_height
    assert sections[1].footer.paragraphs[0].text.startswith("第")  # page numbers go on


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_prints_excel_and_word_as_the_pdf_lies(tmp_path):
    doc = _mixed()
    write_pdf(doc, tmp_path / "mixed.pdf")
    want = [p.mediabox.width > p.mediabox.height for p in PdfReader(tmp_path / "mixed.pdf").pages]
    for suffix, write in ((".xlsx", write_xlsx), (".docx", write_docx)):
        folder = tmp_path / suffix[1:]
        folder.mkdir()
        write(doc, folder / f"mixed{suffix}")
        subprocess.run(
            [
                *("soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo"),
                *("--convert-to", "pdf", "--outdir", str(folder), str(folder / f"mixed{suffix}")),
            ],
            capture_output=True,
            timeout=240,
            check=True,
        )
        pages = PdfReader(folder / "mixed.pdf").pages
        got = [p.mediabox.width > p.mediabox.height for p in pages]
        assert got[0] is False and got[-1] is True, suffix
        assert got.count(True) == want.count(True), suffix  # as many sideways pages
