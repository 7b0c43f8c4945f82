"""Word export: the forms as Word tables, read back by the Word importer."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest
from docx import Document as WordDocument
from lxml import etree

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import GoalEditorError, WriteError
from goaleditor.export.docx import write_docx
from goaleditor.forms import build_forms
from goaleditor.forms.fields import (
    DEPARTMENT_BUDGET_FIELDS,
    DEPARTMENT_FIELDS,
    TASK_FIELDS,
    department_indicator_fields,
    project_fields,
    project_indicator_fields,
)
from goaleditor.importers.docx import read_docx
from goaleditor.model import (
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Task,
)
from test_forms import SAMPLES, make_doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def printed(doc: Document) -> dict:
    """What the forms of *doc* print: every project, indicator and department field."""
    layout = doc.layout
    p_fields = sorted(project_fields(layout) - {"indicators"})
    i_fields = sorted(project_indicator_fields(layout))
    kind = layout.department_form
    out: dict = {
        "money_unit": doc.money_unit,
        "projects": [
            (
                {f: getattr(p, f) for f in p_fields},
                [{f: getattr(i, f) for f in i_fields} for i in p.indicators],
            )
            for p in doc.projects
        ],
    }
    if doc.projects or kind in ("guangzhou", "chengdu"):  # the unit line above the forms
        out["unit"] = (doc.unit_code, doc.unit_name)
    if doc.signature.enabled:
        out["signature"] = doc.signature
    dept = doc.department
    if kind and dept is not None:
        fields = DEPARTMENT_FIELDS[kind]
        d = {f: getattr(dept, f) for f in sorted(fields - {"tasks", "budget", "indicators"})}
        if "tasks" in fields:
            d["tasks"] = [{f: getattr(t, f) for f in sorted(TASK_FIELDS[kind])} for t in dept.tasks]
        if "budget" in fields:
            d["budget"] = {f: getattr(dept.budget, f) for f in DEPARTMENT_BUDGET_FIELDS[kind]}
        if "indicators" in fields:
            ind = sorted(department_indicator_fields(kind))
            d["indicators"] = [{f: getattr(i, f) for f in ind} for i in dept.indicators]
        out["department"] = d
    return out


def round_trip(doc: Document, tmp_path) -> Document:
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    result = read_docx(path)
    back = result.document
    assert back.layout.project_form == doc.layout.project_form or not doc.projects
    assert back.layout.department_form == (doc.layout.department_form if doc.department else "")
    assert printed(back) == printed(doc)
    return back


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_round_trips(path, tmp_path):
    doc = storage.load(path)
    back = round_trip(doc, tmp_path)
    assert back.layout == doc.layout
    assert back.fiscal_year == doc.fiscal_year or doc.fiscal_year is None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_round_trips_with_its_signature(path, tmp_path):
    doc = storage.load(path)
    doc.signature.enabled = True
    doc.signature.preparer, doc.signature.phone = "张三", "0335-1234567"
    round_trip(doc, tmp_path)


LAYOUTS = {
    "full": Layout(show_code=True, show_spending_plan=True, show_basis=True),
    "bare": Layout(show_code=False, show_spending_plan=False, show_basis=False, number_style="."),
    "national": Layout(project_form="national", show_basis=True),
    "national-bare": Layout(project_form="national", show_basis=False, show_code=False),
}


def _department(kind: str) -> DepartmentGoals:
    indicators = [
        Indicator("产出指标", "数量指标", "办案数量", value="≥100件", period_value="≥300件"),
        Indicator("产出指标", "质量指标", "结案率", value="≥95%", period_value="≥95%"),
        Indicator("满意度指标", "服务对象满意度指标", "群众满意度", value="≥90%"),
    ]
    if kind == "chengdu":
        for n, ind in enumerate(indicators, 1):
            ind.period_value = ""
            ind.number = f"1-{n}"
    return DepartmentGoals(
        name="某某市人民检察院",
        staff_count="120" if kind == "guangzhou" else "",
        subunit_count="2" if kind == "guangzhou" else "",
        overall_goal="全面履行法律监督职能。\n服务保障经济社会发展。",  # two paragraphs
        duty_goals=[
            DutyGoal("侦查监督", "主要职责是侦查监督。", "绩效目标是提高批捕准确率。\n依法监督。")
        ]
        if kind == "text"
        else [],
        safeguards="加强组织领导。\n落实责任。" if kind == "text" else "",
        safeguard_items=["健全制度\n定期检查", "强化监督"] if kind == "text" else [],
        tasks=[
            Task(
                "办案业务",
                "依法办理各类案件",
                Decimal("1000.00") if kind == "guangzhou" else None,
                "案件质量提升" if kind == "guangzhou" else "",
            ),
            Task("队伍建设", "开展教育培训", None, ""),
        ]
        if kind != "text"
        else [],
        other_tasks="无" if kind == "guangzhou" else "",
        indicators=indicators if kind != "text" else [],
    )


@pytest.mark.parametrize("department", ["", "text", "guangzhou", "chengdu"])
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_layout_round_trips_with_tricky_values(layout, department, tmp_path):
    doc = make_doc()
    doc.layout = Layout(**{**layout.__dict__, "department_form": department})
    if department:
        doc.department = _department(department)
    p = doc.projects[0]
    p.code = "0070"
    p.indicators[0].value = "=100%"
    p.indicators[0].description = "<b>不是标记</b> & 也不是实体 &amp;"
    p.indicators[2].number = "2-3" if department == "chengdu" else ""
    p.long_term_goals = ["三年内建成"] if layout.project_form == "national" else []
    if layout.project_form == "national":
        p.department, p.implementer, p.attribute, p.period = (
            "市检察院 101",
            "本院",
            "延续",
            "2023年",
        )
    p.budget.other = Decimal("0.00")
    doc.projects[1].goals = []
    if not layout.show_spending_plan:
        for project in doc.projects:
            project.spending_plan = []
    round_trip(doc, tmp_path)


@pytest.mark.parametrize("department", ["text", "guangzhou", "chengdu"])
def test_a_department_form_alone_round_trips(department, tmp_path):
    doc = make_doc(department_form=department)
    doc.department = _department(department)
    doc.projects = []
    round_trip(doc, tmp_path)


# ------------------------------------------------------------------ the file itself

HEBEI = next(p for p in SAMPLES if p.stem == "hebei_2020")


def _parts(path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        return {
            name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith(".xml")
        }


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


@pytest.fixture(scope="module")
def hebei_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "hebei.docx"
    write_docx(storage.load(HEBEI), path)
    return path


def test_page_is_a4_portrait_with_the_pdf_margins(hebei_docx):
    section = WordDocument(str(hebei_docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 15
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (15, 17)


def test_chinese_text_is_set_in_songti_and_titles_in_heiti(hebei_docx):
    parts = _parts(hebei_docx)
    normal = next(
        s for s in parts["word/styles.xml"].iter(W + "style") if s.get(W + "styleId") == "Normal"
    )
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(W + "eastAsia") == fonts.get(W + "ascii") == "宋体"
    defaults = parts["word/styles.xml"].find(f".//{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(W + "eastAsia") == "宋体"  # no theme font Word would prefer
    assert not [name for name in defaults.attrib if "Theme" in name or "theme" in name]
    body = parts["word/document.xml"]
    titles = [p for p in body.iter(W + "p") if _text(p).endswith("绩效目标表")]
    assert len(titles) == 11
    for title in titles:
        run_fonts = title.find(f"{W}r/{W}rPr/{W}rFonts")
        assert run_fonts.get(W + "eastAsia") == "黑体"


def test_department_text_prints_as_headed_paragraphs_before_the_first_table(hebei_docx):
    body = _parts(hebei_docx)["word/document.xml"].find(W + "body")
    before = []
    for child in body:
        if child.tag == W + "tbl":
            break
        before.append(child)
    texts = [_text(p) for p in before if _text(p)]
    assert texts[:4] == ["第一部分", "部门整体绩效目标", "一、总体绩效目标", "总体绩效目标："]
    assert "二、分项绩效目标" in texts and "三、工作保障措施" in texts
    heading = before[[_text(p) for p in before].index("二、分项绩效目标")]
    assert heading.find(f"{W}r/{W}rPr/{W}rFonts").get(W + "eastAsia") == "黑体"
    assert heading.find(f"{W}pPr/{W}keepNext") is not None  # stays with what follows


def test_every_form_starts_a_new_page_and_is_listed_in_the_navigation_pane(hebei_docx):
    body = _parts(hebei_docx)["word/document.xml"]
    breaks = body.findall(f".//{W}pageBreakBefore")
    forms = build_forms(storage.load(HEBEI))
    assert len(breaks) == len(forms) - 1
    outline = [_text(p) for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}outlineLvl") is not None]
    assert outline == [form.bookmark for form in forms]


def test_indicator_header_repeats_on_every_page_and_short_rows_stay_whole(tmp_path):
    doc = make_doc()
    doc.projects[0].indicators[1].description = "很长的描述。" * 400  # longer than a page
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    tables = list(_parts(path)["word/document.xml"].iter(W + "tbl"))
    headers = [t for t in tables if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None]
    assert len(headers) == 2  # one per project
    for table in headers:
        rows = table.findall(W + "tr")
        assert [_text(c) for c in rows[0].findall(W + "tc")][:3] == [
            "一级指标",
            "二级指标",
            "三级指标",
        ]
        assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])  # only the header
    long_row = next(r for r in headers[0].findall(W + "tr") if "很长的描述" in _text(r))
    assert long_row.find(f"{W}trPr/{W}cantSplit") is None  # flows on to the next page
    for table in tables:
        for row in table.findall(W + "tr"):
            if row is not long_row:
                assert row.find(f"{W}trPr/{W}cantSplit") is not None, _text(row)


def test_merges_and_column_widths_follow_the_grid(tmp_path):
    from goaleditor.export.docx_body import twips
    from goaleditor.importers.wordtables import Table, read_blocks

    doc = make_doc()
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    form = build_forms(doc)[0]
    tables = [b for b in read_blocks(path) if isinstance(b, Table)]
    first, indicators = tables[0], tables[1]
    # 一级 产出指标 covers three rows: one cell, merged down (continued below it).
    column = [row.cells[0] for row in indicators.rows[1:]]
    assert [(c.text, c.continued) for c in column[:4]] == [
        ("产出指标", False),
        ("", True),
        ("", True),
        ("效益指标", False),
    ]
    # 项目名称's value spans the grid columns it spans in the form.
    name = next(c for c in form.cells if c.key == "name")
    cell = next(c for row in first.rows for c in row.cells if c.text == doc.projects[0].name)
    assert (cell.col, cell.span) == (name.col, name.colspan)
    grid = _parts(path)["word/document.xml"].find(f".//{W}tblGrid")
    widths = [int(c.get(W + "w")) for c in grid.findall(W + "gridCol")]
    assert widths == [twips(w) for w in form.col_widths_mm]
    for table in _parts(path)["word/document.xml"].iter(W + "tbl"):
        assert table.find(f"{W}tblPr/{W}tblLayout").get(W + "type") == "fixed"
        borders = table.find(f"{W}tblPr/{W}tblBorders")
        sides = {b.tag.removeprefix(W): b.get(W + "val") for b in borders}
        assert sides == dict.fromkeys(
            ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
        )


def test_text_stays_text_with_control_characters_removed(tmp_path):
    doc = make_doc()
    ind = doc.projects[0].indicators[0]
    ind.value = "=SUM(A1)"
    ind.description = "培训\u00ad人次\u200b统计\u00a0（年度）\ufeff\x07\x0b{ PAGE }"
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    parts = _parts(path)
    body = parts["word/document.xml"]
    for tag in ("fldChar", "instrText", "fldSimple"):
        assert body.find(f".//{W}{tag}") is None
    texts = [_text(tc) for tc in body.iter(W + "tc")]
    assert "=SUM(A1)" in texts
    assert "培训人次统计 （年度）{ PAGE }" in texts
    # The page numbers are the fields of the footer: 第 1 页 共 3 页.
    footer = next(v for k, v in parts.items() if k.startswith("word/footer"))
    assert [f.get(W + "instr").strip() for f in footer.iter(W + "fldSimple")] == [
        "PAGE",
        "NUMPAGES",
    ]
    assert _text(footer) == "第 1 页 共 1 页"


def test_a_title_too_long_for_the_file_properties_is_cut_there_only(tmp_path):
    doc = make_doc()
    doc.title = "很长的标题" * 100
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    props = WordDocument(str(path)).core_properties
    assert props.title == doc.title[:255] and props.author == doc.unit_name
    assert props.created.year >= 2025


def test_selected_projects_only(tmp_path):
    doc = storage.load(HEBEI)
    path = tmp_path / "out.docx"
    write_docx(doc, path, projects=[2])
    back = read_docx(path).document
    assert [p.name for p in back.projects] == [doc.projects[2].name]
    assert back.department is None


def test_nothing_to_export_is_said_in_chinese(tmp_path):
    with pytest.raises(GoalEditorError, match="没有可导出的表"):
        write_docx(Document(unit_name="某单位"), tmp_path / "out.docx")
    assert list(tmp_path.iterdir()) == []


def test_target_open_in_word_gives_write_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    """Windows refuses to replace a document Word holds open (a sharing violation)."""
    import goaleditor.fileio as fileio

    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    held = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
    monkeypatch.setattr(fileio, "_replace", lambda tmp, path: (_ for _ in ()).throw(held))
    with pytest.raises(WriteError, match=r"无法导出“out\.docx”：文件正被其他程序（如 Word、WPS）"):
        write_docx(make_doc(), target)
    assert (target.read_bytes(), [p.name for p in tmp_path.iterdir()]) == (b"old", ["out.docx"])


def test_unwritable_folder_gives_write_error_and_writes_nothing(tmp_path, monkeypatch):
    import goaleditor.fileio as fileio

    with pytest.raises(WriteError, match="不存在"):
        write_docx(make_doc(), tmp_path / "没有这个文件夹" / "out.docx")
    assert list(tmp_path.iterdir()) == []

    def refuse(*_args, **_kwargs):  # a folder the clerk may not write in
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match=r"无法导出“out\.docx”.*没有写入权限"):
        write_docx(make_doc(), tmp_path / "out.docx")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    from docx.document import Document as WordFile

    def full(self, path):
        with open(path, "wb") as fh:
            fh.write(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(WordFile, "save", full)
    with pytest.raises(WriteError, match="磁盘空间已满"):
        write_docx(make_doc(), tmp_path / "out.docx")
    assert list(tmp_path.iterdir()) == []


def test_cli_exports_word_and_refuses_other_names(tmp_path, capsys):
    src = tmp_path / "doc.json"
    storage.save(make_doc(), src)
    out = tmp_path / "out.docx"
    assert main(["export", str(src), "--docx", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"已导出 Word：{out.resolve()}"]
    assert [p.name for p in read_docx(out).document.projects] == ["安保维稳工作经费", "车辆保险费"]
    assert main(["export", str(src), "--docx", str(tmp_path / "out.doc")]) == 2
    assert "扩展名应为 .docx" in capsys.readouterr().err
    assert main(["export", str(src), "--docx", str(src)]) == 2
    assert "就是要导出的文档本身" in capsys.readouterr().err
    both = ["export", str(src), "--xlsx", str(out), "--docx", str(out)]
    assert main(both) == 2  # out.docx is no .xlsx name
    assert main(["export", str(src)]) == 2
    assert "--docx OUT.docx" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_it_on_as_many_pages_as_the_pdf_export(hebei_docx, tmp_path):
    """A Word-compatible reader opens it without complaint and lays it out like the PDF."""
    from pypdf import PdfReader

    from goaleditor.export.pdf import pdf_bytes

    run = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(hebei_docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    printed_pages = PdfReader(tmp_path / "hebei.pdf").pages
    text = "".join(page.extract_text() for page in printed_pages)
    assert "扫黑除恶专项工作经费绩效目标表" in text and "第 13 页 共 13 页" in text
    reference = PdfReader(io.BytesIO(pdf_bytes(storage.load(HEBEI)))).pages
    assert len(printed_pages) == len(reference)


def test_a_section_label_beside_the_header_repeats_with_it(tmp_path):
    """年度重点工作任务 and 绩效指标 stand beside the Guangzhou tasks' and indicators' headers:
    each is a table of its own whose header row (repeated by Word on every page) carries
    the label; the column below it is one blank merged cell."""
    doc = make_doc(department_form="guangzhou")
    doc.department = _department("guangzhou")
    doc.projects = []
    path = tmp_path / "out.docx"
    write_docx(doc, path)
    tables = list(_parts(path)["word/document.xml"].iter(W + "tbl"))
    blocks = [t for t in tables if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None]
    assert [_text(t.find(f"{W}tr/{W}tc")) for t in blocks] == ["年度重点工作任务", "绩效指标"]
    for block in blocks:
        rows = block.findall(W + "tr")
        assert rows[0].find(f"{W}tc/{W}tcPr/{W}vMerge") is None
        below = [row.find(W + "tc") for row in rows[1:]]
        merges = [c.find(f"{W}tcPr/{W}vMerge").get(W + "val") for c in below]
        assert merges == ["restart"] + [None] * (len(below) - 1)
        assert all(_text(c) == "" for c in below)
