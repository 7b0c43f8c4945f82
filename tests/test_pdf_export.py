"""The print-ready PDF: embedded fonts, searchable text, page breaks, 禁则, metadata."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from goaleditor.errors import GoalEditorError, WriteError
from goaleditor.export import pdf
from goaleditor.export.fonts import find_fonts
from goaleditor.export.labelwrap import wrap_label
from goaleditor.export.linebreak import NO_LINE_END, NO_LINE_START, wrap
from goaleditor.forms import build_forms
from goaleditor.grid import Form, Style
from goaleditor.storage import load

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"

TITLE = Style(font="title", size=16, border=False)
HEADER = Style(bold=True)
LEFT = Style(align="left")
GOAL = "通过项目实施，保障检察机关正常运转（包括办案、办公），提高办案效率……满意度≥95%。"
HEADINGS = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]


@pytest.fixture(scope="module")
def fonts():
    return find_fonts()


def indicator_form(rows: int = 60, goals: int = 3, bookmark: str = "1.长表") -> Form:
    """A project-like form: title, goals, a header repeated on each page, merged 一级/二级."""
    form = Form(bookmark, bookmark, [25, 25, 30, 50, 25, 25])
    form.add(0, 0, f"{bookmark}绩效目标表", colspan=6, style=TITLE)
    form.add(1, 0, "绩效目标")
    goals_text = "\n".join(f"{i}、{GOAL}" for i in range(1, goals + 1))
    form.add(1, 1, goals_text, colspan=5, style=LEFT)
    for col, text in enumerate(HEADINGS):
        form.add(2, col, text, style=HEADER)
    form.repeat_rows = (2, 3)
    form.add(3, 0, "产出指标", rowspan=rows, repeat_on_split=True)
    for start in range(0, rows, 10):
        span = min(10, rows - start)
        form.add(3 + start, 1, f"数量指标{start}", rowspan=span, repeat_on_split=span > 1)
    for i in range(rows):
        form.add(3 + i, 2, f"第{i}号指标")
        form.add(3 + i, 3, "审结公诉案件数量占提起公诉案件数的比例，" * (1 + i % 3), style=LEFT)
        form.add(3 + i, 4, "≥95%")
        form.add(3 + i, 5, "根据历年数据测算。")
    return form


def render(forms, fonts, title="测试文档", author="测试单位") -> PdfReader:
    buffer = io.BytesIO()
    pdf.render_forms(forms, buffer, title, author, fonts)
    return PdfReader(io.BytesIO(buffer.getvalue()))


def text_lines(page) -> list[str]:
    """Each drawn line of text: the text shown after each text positioning (``Tm``).

    A line may be shown in several pieces when it uses glyphs from several font
    subsets; those pieces share one positioning operator.
    """
    lines: list[str] = []

    def operator(op, *_args):
        if op in (b"Tm", b"Td", b"TD", b"BT"):
            lines.append("")

    def text(value, *_args):
        if lines:
            lines[-1] += value

    page.extract_text(visitor_operand_after=operator, visitor_text=text)
    return [line.strip("\n") for line in lines if line.strip()]


# --- line breaking ---------------------------------------------------------------------


def _cjk_width(ch: str) -> float:
    return 1.0 if ord(ch) >= 0x2000 else 0.5


def _check_rules(lines: list[str]) -> None:
    for line in lines[1:]:
        assert line[:1] not in NO_LINE_START, lines
    for line in lines[:-1]:
        assert line[-1:] not in NO_LINE_END, lines


@pytest.mark.parametrize("width", [3, 4, 5, 6, 7, 8, 9, 10, 13])
def test_breaker_keeps_punctuation_rules(width):
    text = "一、保障（办案、办公）正常运转，“四大检察”全面协调发展；满意度≥95%！完成率为100%。"
    lines = wrap(text, width, _cjk_width)
    assert "".join(lines) == text
    assert all(sum(map(_cjk_width, line)) <= width for line in lines)
    _check_rules(lines)


def test_breaker_keeps_numbers_words_and_ellipsis_whole():
    lines = wrap("在2023-2025年期间完成……任务", 6, _cjk_width)
    assert any("2023-2025" in line for line in lines)
    assert any("……" in line for line in lines)
    assert wrap("甲\n\n乙", 5, _cjk_width) == ["甲", "", "乙"]


def test_breaker_breaks_an_overlong_latin_run_by_character():
    lines = wrap("https://example.com/a/very/long/path", 5, _cjk_width)
    assert "".join(lines) == "https://example.com/a/very/long/path"
    assert all(len(line) <= 10 for line in lines)


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="检察机关绩效目标办案，。、；：！？）（《》「」…%年95 ab", max_size=80),
    st.integers(min_value=3, max_value=20),
)
def test_breaker_never_loses_text_nor_overflows(text, width):
    lines = wrap(text, width, _cjk_width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(sum(map(_cjk_width, line)) <= width for line in lines)


@pytest.mark.parametrize(
    ("text", "width", "greedy", "nice"),
    [
        ("预算规模及资金用途", 4.1, ["预算规模", "及资金用", "途"], ["预算规模", "及资金", "用途"]),
        ("社会效益指标", 5.7, ["社会效益指", "标"], ["社会效益", "指标"]),
        ("服务对象满意度指标", 5.7, ["服务对象满", "意度指标"], ["服务对象", "满意度指标"]),
        ("部门名称", 3.5, ["部门名", "称"], ["部门", "名称"]),
        ("其中：财政资金", 5.7, ["其中：财政", "资金"], ["其中：", "财政资金"]),
        ("拟投入的资金(万元)", 4.6, ["拟投入的", "资金(万", "元)"], ["拟投入", "的资金", "(万元)"]),
        ("全院现有车辆总数", 7.2, ["全院现有车辆总", "数"], ["全院现有车辆", "总数"]),
    ],
)
def test_labels_break_between_words_and_leave_no_character_alone(text, width, greedy, nice):
    assert wrap(text, width, _cjk_width) == greedy
    assert wrap_label(text, width, _cjk_width) == nice


def test_a_long_paragraph_ends_with_two_characters_not_one():
    text = "检察机关绩效目标办案" * 5 + "审"
    greedy = wrap(text, 10, _cjk_width)
    assert len(greedy[-1]) == 1
    lines = wrap_label(text, 10, _cjk_width)
    assert "".join(lines) == text and len(lines) == len(greedy)
    assert len(lines[-1]) >= 2 and lines[:-2] == greedy[:-2]


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="检察机关绩效目标办案满意度指标，。、；：（）《》…%年95 ab\n", max_size=60),
    st.floats(min_value=2.0, max_value=20.0),
)
def test_label_breaker_keeps_the_line_count_the_text_and_the_width(text, width):
    greedy = wrap(text, width, _cjk_width)
    lines = wrap_label(text, width, _cjk_width)
    assert len(lines) == len(greedy)
    assert "".join(lines).replace(" ", "") == "".join(greedy).replace(" ", "")
    assert all(sum(map(_cjk_width, line)) <= width or len(line) == 1 for line in lines)
    for paragraph in text.split("\n"):
        try:
            _check_rules(wrap(paragraph, width, _cjk_width))
        except AssertionError:
            continue  # forced breaks: the greedy breaker's lines are kept
        _check_rules(wrap_label(paragraph, width, _cjk_width))


# --- the PDF ---------------------------------------------------------------------------


def test_fonts_are_embedded_subsets_and_text_is_extractable(fonts):
    reader = render([indicator_form(rows=5)], fonts)
    page = reader.pages[0]
    used = page["/Resources"]["/Font"]
    assert used
    for ref in used.values():
        font = ref.get_object()
        assert font["/BaseFont"][7:8] == "+", font["/BaseFont"]  # ABCDEF+Name: a subset
        assert "/FontFile2" in font["/FontDescriptor"]  # TrueType outlines embedded
        assert "/ToUnicode" in font
    text = page.extract_text()
    assert "第0号指标" in text
    assert "审结公诉案件数量占提起公" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_embedded_subsets(fonts, tmp_path):
    path = tmp_path / "t.pdf"
    pdf.render_forms([indicator_form(rows=5)], path, "t", "u", fonts)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert " yes yes yes " in row, row


def test_long_form_continues_with_the_header_and_split_merged_cells(fonts):
    reader = render([indicator_form(rows=60)], fonts)
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, 1):
        lines = text_lines(page)
        # The indicator header is the first thing in the table on every page.
        header_at = lines.index("一级指标")
        assert lines[header_at + 1 : header_at + 3] == ["二级指标", "三级指标"]
        if number > 1:
            assert header_at == 0
        # The merged 一级 cell crosses every break; its label is repeated on each part.
        assert "产出指标" in lines
        assert f"第 {number} 页 共 {len(reader.pages)} 页" in lines
    text = "".join(p.extract_text() for p in reader.pages)
    for i in range(60):
        assert f"第{i}号指标" in text


def test_pages_never_overflow_and_header_is_never_orphaned(fonts):
    layout = pdf._FormLayout(indicator_form(rows=60), fonts, pdf._Measure())
    pages = layout.paginate()
    rows_seen = []
    for page in pages:
        assert page.used <= pdf.CONTENT_HEIGHT + 0.01
        content = page.content_bands()
        assert content[-1].row != 2  # the header row never ends a page
        rows_seen.extend(b.row for b in content)
    assert rows_seen == list(range(layout.form.n_rows))


def test_keep_with_next_moves_a_label_row_to_the_next_page(fonts):
    form = indicator_form(rows=60)
    plain = pdf._FormLayout(form, fonts, pdf._Measure()).paginate()
    first_break = plain[1].content_bands()[0].row
    form.keep_with_next = {first_break}
    kept = pdf._FormLayout(form, fonts, pdf._Measure()).paginate()
    assert kept[1].content_bands()[0].row == first_break - 1


def test_a_row_taller_than_a_page_is_split_between_lines(fonts):
    form = indicator_form(rows=4, goals=150)
    reader = render([form], fonts)
    assert len(reader.pages) >= 3
    text = "".join(p.extract_text() for p in reader.pages)
    for i in (1, 75, 150):
        assert f"{i}、通过项目实施" in text
    # The one-row label beside the split row prints once, like its text: no line twice.
    assert "绩效目标" in text_lines(reader.pages[0])
    assert "绩效目标" not in text_lines(reader.pages[1])
    lines = [line for page in reader.pages for line in text_lines(page)]
    goal_lines = [line for line in lines if "通过项目实施" in line]
    assert len(goal_lines) == len(set(goal_lines)) == 150
    layout = pdf._FormLayout(form, fonts, pdf._Measure())
    for page in layout.paginate():
        assert page.used <= pdf.CONTENT_HEIGHT + 0.01


def test_no_printed_line_begins_with_closing_punctuation(fonts):
    form = Form("段落", "段落", [30, 150])
    texts = [
        "深入贯彻习近平总书记系列重要讲话精神，坚持党对检察工作的绝对领导（含“四大检察”）。" * 6,
        "通过回访，对上访群众进行调查，表示满意的比例≥95%；年度内完成！是否达标？是。" * 6,
    ]
    for row, text in enumerate(texts):
        form.add(row, 0, "说明")
        form.add(row, 1, text, style=LEFT)
    for width in ([30, 150], [30, 97], [30, 61]):
        form.col_widths_mm = width
        lines = [line for page in render([form], fonts).pages for line in text_lines(page)]
        body = [line for line in lines if line not in ("说明",) and not line.startswith("第 ")]
        assert len(body) > 10
        for line in body:
            assert line[0] not in NO_LINE_START, line
            assert line[-1] not in NO_LINE_END, line


def test_metadata_bookmarks_and_page_numbers(fonts):
    forms = [indicator_form(rows=5, bookmark=f"{n}.项目{n}") for n in (1, 2, 3)]
    reader = render(forms, fonts, title="某单位2024年预算绩效目标表", author="某单位")
    assert reader.metadata.title == "某单位2024年预算绩效目标表"
    assert reader.metadata.author == "某单位"
    outline = reader.outline
    assert [item.title for item in outline] == ["1.项目1", "2.项目2", "3.项目3"]
    assert [reader.get_destination_page_number(item) for item in outline] == [0, 1, 2]
    assert "第 3 页 共 3 页" in reader.pages[2].extract_text()


def test_wide_form_is_scaled_to_the_page(fonts):
    form = Form("宽", "宽", [60] * 5)
    for col in range(5):
        form.add(0, col, f"列{col}")
    layout = pdf._FormLayout(form, fonts, pdf._Measure())
    right = max(box.x + box.width for box in layout.boxes)
    assert right <= pdf.PAGE_WIDTH - pdf.MARGIN_RIGHT + 0.01
    assert min(box.x for box in layout.boxes) >= pdf.MARGIN_LEFT - 0.01


def test_nothing_to_print_is_a_clear_error(fonts):
    with pytest.raises(GoalEditorError, match="没有可导出的表"):
        render([], fonts)


# --- whole documents -------------------------------------------------------------------


SAMPLE_FILES = sorted(SAMPLES.glob("*.json"))
HEBEI = SAMPLES / "hebei_2020.json"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_every_sample_exports(sample, tmp_path):
    doc = load(sample)
    out = tmp_path / "out.pdf"
    info = pdf.write_pdf(doc, out)
    reader = PdfReader(out)
    assert len(reader.pages) == info.pages >= 1
    assert reader.metadata.author == doc.unit_name
    text = "".join(page.extract_text() for page in reader.pages)
    for project in doc.projects:
        assert project.name.replace(" ", "")[:8] in text.replace(" ", "").replace("\n", "")
    assert len(reader.outline) == len(doc.projects) + (1 if doc.department else 0)
    for page in reader.pages:
        for line in text_lines(page)[1:]:
            assert line[0] not in NO_LINE_START, line


def test_selected_projects_only(tmp_path):
    doc = load(HEBEI)
    out = tmp_path / "sel.pdf"
    pdf.write_pdf(doc, out, projects=[1])
    reader = PdfReader(out)
    assert len(reader.outline) == 1
    text = "".join(p.extract_text() for p in reader.pages)
    assert doc.projects[1].name[:6] in text
    assert doc.projects[0].name[:12] not in text
    assert "部门整体绩效目标" not in text


def test_locked_target_gives_write_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    doc = load(HEBEI)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(WriteError, match="导出"):
        pdf.write_pdf(doc, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_missing_folder_gives_write_error_and_writes_nothing(tmp_path):
    doc = load(HEBEI)
    with pytest.raises(WriteError, match="不存在"):
        pdf.write_pdf(doc, tmp_path / "no such folder" / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_no_partial_file(tmp_path, monkeypatch):
    doc = load(HEBEI)

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf, "render_forms", broken)
    with pytest.raises(WriteError, match="磁盘空间已满"):
        pdf.write_pdf(doc, tmp_path / "out.pdf")
    assert list(tmp_path.iterdir()) == []


def test_document_title_falls_back_to_unit_and_year():
    doc = load(HEBEI)
    doc.title = ""
    doc.fiscal_year = 2024
    assert pdf.document_title(doc) == f"{doc.unit_name}2024年预算绩效目标表"


def test_split_cell_text_is_shown_where_it_fits_flowed_or_shrunk(fonts):
    form = Form("拆分", "拆分", [20, 60])
    form.add(0, 0, "服务对象满意度指标", rowspan=3, repeat_on_split=True)
    form.add(0, 1, "服务对象满意度指标", rowspan=3)
    layout = pdf._FormLayout(form, fonts, pdf._Measure())
    box, plain = layout.boxes
    lines = list(box.lines)
    assert len(lines) >= 2
    tall, short = box.height_for(len(lines)), box.height_for(1)
    # A repeated label: fits in both parts, shown in both; where a part is too short for
    # it, shown smaller there, never an empty box.
    assert layout._fit(box, [tall, tall]) == [(box.size, lines)] * 2
    whole, small = layout._fit(box, [tall, short])
    assert whole == (box.size, lines)
    size, small_lines = small
    assert size < box.size and small_lines
    assert len(small_lines) * size * pdf.LEADING + 2 * pdf.PAD_Y <= short + 0.01
    # Any other text prints once, in the first part it fits in.
    assert layout._fit(plain, [tall, tall]) == [(plain.size, plain.lines), (plain.size, [])]
    # Fits in no part: flows line by line, nothing lost.
    flowed = layout._fit(box, [short] * len(lines))
    assert [part for _size, part in flowed] == [[line] for line in lines]
    # Not even flowing fits: the text is shrunk, still complete.
    shrunk = layout._fit(box, [short * 0.8])
    assert shrunk[0][0] < form.cells[0].style.size
    assert "".join(shrunk[0][1]) == "服务对象满意度指标"


def test_a_split_task_row_prints_its_amount_once_and_repeats_the_merged_label(fonts):
    """The clerk's Guangzhou page break: 1,005.00 printed on both pages (it must not)."""
    form = Form("任务", "任务", [20, 24, 30, 60, 24, 22])
    for col, text in enumerate(["", "一级指标", "名称", "主要实施内容", "资金", "备注"]):
        form.add(0, col, text, style=HEADER)
    form.repeat_rows = (0, 1)
    form.add(1, 0, "年度重点工作任务", rowspan=3, repeat_on_split=True)
    form.add(1, 1, "产出指标", rowspan=3, repeat_on_split=True)
    for row, (name, amount, lines) in enumerate(
        [
            ("强化法律监督", "58.00", 3),
            ("检察业务经费项目", "1,005.00", 160),
            ("数字检察", "50.00", 2),
        ],
        start=1,
    ):
        form.add(row, 2, name, style=LEFT)
        content = "\n".join(f"第{i}条：{GOAL}" for i in range(1, lines + 1))
        form.add(row, 3, content, style=LEFT)
        form.add(row, 4, amount, style=Style(align="right"))
        form.add(row, 5, "按期完成")
    reader = render([form], fonts)
    assert len(reader.pages) >= 3
    pages = [text_lines(page) for page in reader.pages]
    everything = [line for lines in pages for line in lines]
    joined = "".join(everything)
    for text in ("1,005.00", "检察业务经费项目", "58.00", "50.00"):
        assert joined.count(text) == 1, text
    assert joined.count("按期完成") == 3
    # The long content flows on: every line once, none lost.
    for i in (4, 80, 160):  # rows 1 and 3 have 3 and 2 lines of their own
        assert sum(f"第{i}条：" in line for line in everything) == 1
    # The merged labels name the rows on every page.
    for lines in pages:
        assert "产出指标" in lines
        assert any(line.startswith("年度") for line in lines)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_no_label_or_short_text_of_a_sample_ends_with_a_lone_character(sample, fonts):
    """The clerk's 满意度指/标, 部门名/称, 预算规模/及资金用/途: labels fit their columns."""
    doc = load(sample)
    measure = pdf._Measure()
    for form in build_forms(doc):
        for box in pdf._FormLayout(form, fonts, measure).boxes:
            if len(box.lines) > 1:
                assert sum(ch.isalnum() for ch in box.lines[-1]) > 1, box.lines
            # Labels of four characters and 一级 names of five (满意度指标) take one line.
            short = 4 if box.cell.key == "" else 5 if box.cell.key == "level1" else 0
            if box.cell.style.border and len(box.cell.text) <= short:
                assert len(box.lines) <= 1, box.lines


def test_a_row_split_over_two_pages_names_its_indicator_on_both(tmp_path):
    """A description too long for one page goes on on the next page, under its names."""
    from goaleditor.model import Document, Indicator, Project

    long_text = "依法履行法律监督职责，提升办案质量和效率，" * 90
    doc = Document(
        unit_name="测试单位",
        projects=[
            Project(
                name="长描述项目",
                indicators=[Indicator("产出指标", "质量指标", "公诉案件审结率", long_text, "≥95%")],
            )
        ],
    )
    path = tmp_path / "长描述.pdf"
    pdf.write_pdf(doc, path)
    pages = [" ".join(text_lines(page)) for page in PdfReader(path).pages]
    named = [i for i, text in enumerate(pages) if "公诉案件审结率" in text.replace(" ", "")]
    assert len(pages) >= 2 and len(named) >= 2, pages
    assert all("质量指标" in pages[i] for i in named)
    assert sum(text.count("≥95%") for text in pages) == 1, "the value prints once"
