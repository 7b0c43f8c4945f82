"""Every printed PDF page right: continued tables repeat their header, split rows name
themselves, groups are not left with a lone row, no page ends with a header alone."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pypdf import PdfReader

from goaleditor.export import pdf
from goaleditor.export.fonts import find_fonts
from goaleditor.forms import build_forms
from goaleditor.storage import load

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "samples").glob("*.json"))
GUANGZHOU = next(p for p in SAMPLES if p.stem == "guangzhou_yuexiu")


@pytest.fixture(scope="module")
def fonts():
    return find_fonts()


def thirty_row_project():
    """A Hebei project with 30 indicators in groups of two to five, descriptions of
    varied length, as a clerk's long project looks."""
    doc = load(next(p for p in SAMPLES if p.stem == "hebei_2020"))
    project = doc.projects[0]
    template = project.indicators[0]
    groups = [("产出指标", "数量指标", 5), ("产出指标", "质量指标", 4), ("产出指标", "时效指标", 2),
              ("产出指标", "成本指标", 3), ("效益指标", "社会效益指标", 5),
              ("效益指标", "可持续影响指标", 4), ("效益指标", "经济效益指标", 2),
              ("满意度指标", "服务对象满意度指标", 5)]  # fmt: skip
    project.indicators = []
    n = 0
    for level1, level2, size in groups:
        for _ in range(size):
            ind = copy.deepcopy(template)
            ind.level1, ind.level2, ind.name = level1, level2, f"第{n}项指标"
            ind.description = "保障办案工作正常开展，提高案件办理质量与效率。" * (1 + n % 4)
            project.indicators.append(ind)
            n += 1
    doc.projects = [project]
    return doc


def documents():
    yield from ((p.stem, load(p)) for p in SAMPLES)
    yield "thirty_rows", thirty_row_project()


def paginated(doc, fonts):
    measure = pdf._Measure()
    for form in build_forms(doc):
        if not (form.n_rows and form.cells):
            continue
        layout = pdf._FormLayout(form, fonts, measure)
        yield layout, layout.paginate()


DOCS = list(documents())


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_a_continued_table_repeats_its_header_and_no_page_ends_with_it(name, doc, fonts):
    for layout, pages in paginated(doc, fonts):
        for number, page in enumerate(pages):
            content = page.content_bands()
            assert content, (name, layout.form.sheet_name, number)
            if number:
                header = list(layout.form.header_for(content[0].row))
                repeated = [b.row for b in page.bands if b.repeated]
                assert repeated == header, (name, layout.form.sheet_name, number)
            if number < len(pages) - 1:
                assert content[-1].row not in layout.header_rows, (name, number)


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_no_category_group_is_left_with_a_lone_row(name, doc, fonts):
    for layout, pages in paginated(doc, fonts):
        page_of = {}
        for number, page in enumerate(pages):
            for band in page.content_bands():
                page_of.setdefault(band.row, number)
        for start, stop in layout.groups:
            pages_used = [page_of[r] for r in range(start, stop)]
            for number in set(pages_used):
                if len(set(pages_used)) > 1:
                    assert pages_used.count(number) >= 2, (name, layout.form.sheet_name, start)


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_a_split_row_carries_at_least_three_lines_over(name, doc, fonts):
    for layout, pages in paginated(doc, fonts):
        texts = layout.assign_text(pages)
        for index, parts in texts.items():
            box = layout.boxes[index]
            if layout.repeats(box) or len(parts) < 2:
                continue
            shown = [lines for _size, lines in parts if lines]
            if len(shown) > 1:
                assert all(len(lines) >= pdf.SPLIT_MIN_CARRY for lines in shown[1:]), (
                    name,
                    box.cell.text[:20],
                )


def test_guangzhou_task_table_repeats_its_header_and_names_a_split_task(fonts, tmp_path):
    doc = load(GUANGZHOU)
    out = tmp_path / "gz.pdf"
    pdf.write_pdf(doc, out)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) >= 3
    task_names = [t.name for t in doc.department.tasks]
    continued = 0
    for text in pages[1:]:
        if "主要实施内容" in text:
            continued += 1
            # The page names the task it continues: one of the task names is on it.
            assert any(name[:6] in text.replace("\n", "") for name in task_names), text[:200]
    # The task table runs over pages 1-3 in this sample: both later pages repeat its header.
    assert continued >= 2
    # 服务对象满意度指标 is printed on the page that carries its rows.
    for text in pages:
        flat = text.replace("\n", "")
        if "目标群体的满意率" in flat:
            assert "服务对象" in flat and "满意度指标" in flat
