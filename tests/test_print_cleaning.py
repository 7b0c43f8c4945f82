"""Word's invisible formatting characters never reach the printed forms."""

from __future__ import annotations

import io

import openpyxl
from pypdf import PdfReader

from goaleditor.export.pdf import pdf_bytes
from goaleditor.export.xlsx import write_xlsx
from goaleditor.forms.common import clean_text
from goaleditor.model import Document, Indicator, Project

#: As Word pastes it: a soft hyphen, a zero-width space, a no-break space, a BOM.
PASTED = "培训\u00ad人次\u200b统计\u00a0（年度）\ufeff"
PRINTED = "培训人次统计 （年度）"


def _document() -> Document:
    return Document(
        unit_name="测试单位",
        projects=[
            Project(
                name="培训\u00ad项目",
                indicators=[Indicator("产出指标", "数量指标", PASTED, PASTED, "≥95%")],
            )
        ],
    )


def test_clean_text_drops_invisible_characters_and_keeps_chinese_spaces():
    assert clean_text(PASTED) == PRINTED
    assert clean_text("甲\u3000乙") == "甲\u3000乙"  # a full-width space is ordinary text
    assert clean_text("第一行\n第二行") == "第一行\n第二行"


def test_pdf_prints_no_soft_hyphen_or_zero_width_space():
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(_document()))).pages
    )
    flat = "".join(text.split())
    assert "培训人次统计" in flat and "培训项目" in flat
    assert not any(ch in text for ch in "\u00ad\u200b\ufeff\u00a0-")


def test_excel_cells_hold_no_invisible_characters(tmp_path):
    path = tmp_path / "导出 测试.xlsx"
    write_xlsx(_document(), path)
    wb = openpyxl.load_workbook(path)
    values = [
        c.value
        for ws in wb.worksheets
        if ws.sheet_state == "visible"
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert PRINTED in values
    assert not any(ch in v for v in values for ch in "\u00ad\u200b\ufeff\u00a0")
