"""PDF export: characters the form font lacks are listed and printed in a fallback font."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import reportlab
from pypdf import PdfReader

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.export import fonts
from goaleditor.export.pdf import write_pdf
from goaleditor.model import Document, Indicator, Project

#: In reportlab's own Vera.ttf but in no CJK form font (U+221B CUBE ROOT).
IN_VERA = "∛"
#: A rare CJK character (Extension B) that neither font has.
NOWHERE = "\U0002000b"


def _doc() -> Document:
    goal = f"立方根{IN_VERA}与罕见字{NOWHERE}"
    project = Project(
        name="项目",
        goals=[goal],
        indicators=[Indicator("产出指标", "数量指标", "数量", "", "≥1个")],
    )
    return Document(fiscal_year=2024, unit_name="某院", projects=[project])


def _fallback_folder(tmp_path: Path, monkeypatch) -> str:
    """The form font chosen as usual; the only other font on the 'system' is Vera."""
    body = fonts.find_fonts().body_file.path
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf", folder / "Vera.ttf")
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [folder])
    monkeypatch.setattr(fonts, "shipped_font", lambda: folder / "Vera.ttf")
    assert ord(IN_VERA) not in fonts.covers(fonts.register(fonts.FontFile(body)))
    return str(body)


def test_missing_characters_are_listed_and_printed_in_a_fallback(tmp_path, monkeypatch):
    font = _fallback_folder(tmp_path, monkeypatch)
    out = tmp_path / "glyphs.pdf"
    info = write_pdf(_doc(), out, font_path=font)
    assert dict(info.missing) == {IN_VERA: "Vera.ttf", NOWHERE: ""}
    text = "\n".join(info.notes)
    assert "Vera.ttf" in text and "U+221B" in text and "U+2000B" in text and "空白" in text
    page = PdfReader(out).pages[0]
    names = [str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert any("Vera" in name for name in names), names
    assert IN_VERA in page.extract_text()


def test_the_command_line_notes_missing_characters(tmp_path, monkeypatch, capsys):
    font = _fallback_folder(tmp_path, monkeypatch)
    source = tmp_path / "doc.json"
    storage.save(_doc(), source)
    out = tmp_path / "out.pdf"
    assert main(["export", str(source), "--pdf", str(out), "--font", font]) == 0
    printed = capsys.readouterr().out
    assert "注意：PDF 所用字体缺少" in printed and IN_VERA in printed


def test_a_document_the_font_covers_has_no_notes(tmp_path):
    doc = _doc()
    doc.projects[0].goals = ["完成办案任务"]
    info = write_pdf(doc, tmp_path / "plain.pdf")
    assert info.missing == () and not any("缺少" in note for note in info.notes)
    assert os.path.getsize(tmp_path / "plain.pdf") > 0
