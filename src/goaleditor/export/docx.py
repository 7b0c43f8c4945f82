"""Word export: the official forms as the budget publication carries them (python-docx).

The same grids the Excel and PDF writers render (`forms.build_forms`), written as Word
tables and paragraphs by `export.docx_body`: A4 with the PDF's margins (a section
turned sideways where a layout prints landscape), 宋体
text and 黑体 titles with the East Asian font set (``w:rFonts w:eastAsia``) so Word and
WPS use them for Chinese, each form from a new page, page numbers in the footer.
`goaleditor import` reads the file back (`importers.docx`).
"""

from __future__ import annotations

import copy
import os
from datetime import UTC, datetime
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from ..cancel import checkpoint
from ..errors import GoalEditorError
from ..fileio import atomic_write
from ..forms import NOTHING_TO_EXPORT, build_forms
from ..forms.common import clean_text
from ..layouts import page_size
from ..model import Document
from . import pdf
from .docx_body import BODY_FONT, BODY_SIZE, LEADING, MM_PER_PT, W_NS, Page, body_xml


def build_word(doc: Document, projects: list[int] | None = None):
    """The Word document of *doc* (all forms, or the *projects* by index), in memory."""
    forms = [f for f in build_forms(doc, projects) if f.n_rows and f.cells]
    if not forms:
        raise GoalEditorError(NOTHING_TO_EXPORT)
    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    # A4 with the PDF's margins (points), so the forms' 180 mm fit as they print there.
    section.page_width, section.page_height = Pt(pdf.PAGE_WIDTH), Pt(pdf.PAGE_HEIGHT)
    section.left_margin, section.right_margin = Pt(pdf.MARGIN_LEFT), Pt(pdf.MARGIN_RIGHT)
    section.top_margin, section.bottom_margin = Pt(pdf.MARGIN_TOP), Pt(pdf.MARGIN_BOTTOM)
    section.header_distance = Pt(pdf.MARGIN_TOP / 2)
    section.footer_distance = Pt(pdf.FOOTER_BASELINE)
    _set_normal_style(word)
    _add_page_numbers(section)

    body = word.element.body
    end = body.find(qn("w:sectPr"))
    runs = _runs_by_paper(forms)
    for n, (landscape, run) in enumerate(runs):
        width, height = pdf.content_area(landscape)
        page = Page(width * MM_PER_PT, height * MM_PER_PT)
        xml = body_xml(run, page)
        checkpoint()  # 取消 in the window stops here, before the long parse
        for child in list(parse_xml(xml)):
            end.addprevious(child)
        if n < len(runs) - 1:  # a section of its own paper ends here; the next one follows
            props = _paper(copy.deepcopy(end), landscape)
            last = end.getprevious()
            last.get_or_add_pPr().append(props)
    _paper(end, runs[-1][0])

    props = word.core_properties  # python-docx refuses texts over 255 characters
    props.title = clean_text(pdf.document_title(doc))[:_PROPERTY_MAX]
    props.author = clean_text(doc.unit_name)[:_PROPERTY_MAX] or "goaleditor"
    props.last_modified_by = "goaleditor"
    props.subject = "预算绩效目标表"
    props.keywords = "预算绩效目标"
    props.comments = "goaleditor"
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    return word


_PROPERTY_MAX = 255


def _runs_by_paper(forms: list) -> list[tuple[bool, list]]:
    """The forms in runs that print on the same paper (upright or sideways): a Word
    section each."""
    runs: list[tuple[bool, list]] = []
    for form in forms:
        if runs and runs[-1][0] == form.landscape:
            runs[-1][1].append(form)
        else:
            runs.append((form.landscape, [form]))
    return runs


def _paper(props, landscape: bool):
    """*props* (a ``w:sectPr``) on A4 upright or turned sideways (`layouts.page_size`)."""
    width, height = page_size(landscape).points()
    size = props.find(qn("w:pgSz"))
    size.set(qn("w:w"), str(round(width * 20)))
    size.set(qn("w:h"), str(round(height * 20)))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    else:
        size.attrib.pop(qn("w:orient"), None)
    return props


def _set_normal_style(word) -> None:
    """宋体 五号 for Latin and Chinese alike, lines at least the PDF's leading apart, no
    space between paragraphs.

    The template's document defaults name theme fonts (``w:eastAsiaTheme``), which Word
    prefers to a font named further down; they are replaced by 宋体 there too.
    """
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is not None:
        fonts = defaults.find(qn("w:rFonts"))
        if fonts is not None:
            for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{name}"), None)
            for name in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{name}"), BODY_FONT)
        lang = defaults.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")
    normal = word.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_SIZE)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    fonts.set(qn("w:cs"), BODY_FONT)
    if rpr.find(qn("w:lang")) is None:
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(BODY_SIZE * LEADING)
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    fmt.widow_control = False


def _add_page_numbers(section) -> None:
    """``第 1 页 共 3 页`` centred in the footer, as the PDF and the Excel print it.

    The page numbers are the only fields in the file (``PAGE``, ``NUMPAGES``), and they
    are in the footer: the body holds text only.
    """
    footer = section.footer
    footer.is_linked_to_previous = False
    size = round(pdf.FOOTER_SIZE * 2)
    rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'

    def text(value: str) -> str:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{value}</w:t></w:r>'

    def field(instr: str) -> str:
        return f'<w:fldSimple w:instr=" {instr} "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'

    pieces = (text("第 "), field("PAGE"), text(" 页 共 "), field("NUMPAGES"), text(" 页"))
    paragraph = parse_xml(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/></w:pPr>{"".join(pieces)}</w:p>'
    )
    root = footer.part.element
    for old in root.findall(qn("w:p")):
        root.remove(old)
    root.append(paragraph)


def write_docx(doc: Document, path: str | os.PathLike, projects: list[int] | None = None) -> None:
    """Export *doc* (or the projects at the given indices) to *path* atomically.

    Raises `WriteError` with a Chinese message when the file cannot be written (for
    example while it is open in Word or WPS); nothing partial is left behind.
    """
    word = build_word(doc, projects)
    checkpoint()
    atomic_write(Path(path), lambda tmp: word.save(str(tmp)), action="导出")
