"""PDF export streams form by form, and stops within a page when the clerk cancels."""

from __future__ import annotations

import copy
import gc
import re
import threading
import weakref

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from goaleditor.cancel import Cancelled, cancelling
from goaleditor.export import pdf
from goaleditor.forms import render
from goaleditor.model import Document, Indicator, Project


def _document(projects: int, indicators: int = 12) -> Document:
    rows = [
        Indicator(
            "产出指标" if k % 3 else "效益指标",
            "数量指标" if k % 2 else "质量指标",
            f"完成第{k + 1}项工作任务的比例",
            "按期完成全年计划中的各项任务，确保工作质量符合要求。",
            "≥95%",
            basis="根据历年数据测算。",
        )
        for k in range(indicators)
    ]
    projects_ = [
        Project(
            name=f"第{n + 1}号运转保障项目",
            goals=["保障机关正常运转，提高工作效率，群众满意度不低于百分之九十五。"],
            indicators=copy.deepcopy(rows),
        )
        for n in range(projects)
    ]
    return Document(fiscal_year=2024, unit_name="某某单位", projects=projects_)


def test_forms_are_built_one_at_a_time_and_let_go_once_drawn(monkeypatch, tmp_path):
    """While a page is drawn, at most the form on it (and the one just before, still
    being let go) is alive: the forms of thousands of projects are never all held."""
    built: list[weakref.ref] = []
    build = render.Renderer.build

    def remember(self, *args, **kwargs):
        form = build(self, *args, **kwargs)
        built.append(weakref.ref(form))
        return form

    alive_at_page: list[int] = []
    show_page = Canvas.showPage

    def count(self):
        alive_at_page.append(sum(ref() is not None for ref in built))
        show_page(self)

    monkeypatch.setattr(render.Renderer, "build", remember)
    monkeypatch.setattr(Canvas, "showPage", count)
    collecting = gc.isenabled()
    gc.disable()  # as in the window's worker: freed as soon as dropped, no cycles
    try:
        info = pdf.write_pdf(_document(30), tmp_path / "out.pdf")
    finally:
        if collecting:
            gc.enable()
    assert info.pages == len(alive_at_page) >= 30
    assert max(alive_at_page) <= 2, alive_at_page


def test_the_page_count_is_known_on_the_first_page(tmp_path):
    """Two passes: the footer of page 1 already says how many pages follow."""
    out = tmp_path / "out.pdf"
    info = pdf.write_pdf(_document(12), out)
    pages = PdfReader(out).pages
    assert len(pages) == info.pages > 12
    for number in (1, info.pages):
        assert f"第 {number} 页 共 {info.pages} 页" in pages[number - 1].extract_text()


def _cancel_after(monkeypatch, pages: int) -> tuple[threading.Event, list[int]]:
    """An event set once *pages* pages are drawn; the list counts the pages drawn."""
    event = threading.Event()
    drawn: list[int] = []
    show_page = Canvas.showPage

    def draw(self):
        show_page(self)
        drawn.append(1)
        if len(drawn) == pages:
            event.set()

    monkeypatch.setattr(Canvas, "showPage", draw)
    return event, drawn


def test_cancel_stops_the_export_within_a_page_and_leaves_no_file(monkeypatch, tmp_path):
    event, drawn = _cancel_after(monkeypatch, 3)
    out = tmp_path / "out.pdf"
    with cancelling(event), pytest.raises(Cancelled):
        pdf.write_pdf(_document(20), out)
    assert len(drawn) == 3  # the next page was not drawn
    assert list(tmp_path.iterdir()) == []  # no file, no temp file


def test_cancel_keeps_the_file_that_was_there(monkeypatch, tmp_path):
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF old")
    event, _drawn = _cancel_after(monkeypatch, 1)
    with cancelling(event), pytest.raises(Cancelled):
        pdf.write_pdf(_document(5), out)
    assert out.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_cancel_stops_the_page_count_before_any_page(monkeypatch):
    """The first pass (counting pages) answers to 取消 too, once per form."""
    event = threading.Event()
    build = render.Renderer.build
    made: list[int] = []

    def build_then_cancel(self, *args, **kwargs):
        made.append(1)
        if len(made) == 2:
            event.set()
        return build(self, *args, **kwargs)

    monkeypatch.setattr(render.Renderer, "build", build_then_cancel)
    with cancelling(event), pytest.raises(Cancelled):
        pdf.pdf_bytes(_document(10))  # print preview
    assert len(made) == 2


def _shown_bytes(reader: PdfReader) -> tuple[int, int]:
    """(characters shown, of them written as octal escapes) in the pages' text."""
    shown = escaped = 0
    for page in reader.pages:
        data = page.get_contents().get_data().decode("latin-1")
        for string in re.findall(r"\(((?:[^()\\]|\\.)*)\) Tj", data):
            codes = re.findall(r"\\[0-7]{3}|\\.|.", string)
            shown += len(codes)
            escaped += sum(len(code) == 4 for code in codes)
    return shown, escaped


def test_frequent_characters_print_as_one_byte_and_pages_are_unchanged(tmp_path):
    """The font subsets are numbered most frequent character first, at the codes a page
    stream writes as one byte (reportlab holds every page's stream until the file is
    written); the subset order is drawn in a form no page shows."""
    out = tmp_path / "out.pdf"
    pdf.write_pdf(_document(20), out)
    reader = PdfReader(out)
    shown, escaped = _shown_bytes(reader)
    assert escaped < 0.1 * shown, (escaped, shown)
    for page in reader.pages:
        assert "/XObject" not in page["/Resources"]
    assert "第1号运转保障项目" in reader.pages[0].extract_text()
