"""``goaleditor export``: what it prints, including the PDF's font notes."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.export import fonts
from test_forms import make_doc


@pytest.fixture
def src(tmp_path):
    path = tmp_path / "doc.json"
    storage.save(make_doc(), path)
    return path


def test_unusable_font_is_noted_after_the_export_line(src, tmp_path, capsys):
    bad = tmp_path / "坏字体.ttf"
    bad.write_bytes(b"not a font at all")
    out = tmp_path / "out.pdf"
    assert main(["export", str(src), "--pdf", str(out), "--font", str(bad)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"已导出 PDF：{out.resolve()}"
    assert len(lines) == 2
    assert lines[1].startswith("注意：") and "坏字体.ttf" in lines[1]
    assert "无法使用" in lines[1] and "已改用其他字体" in lines[1]
    assert len(PdfReader(out).pages) >= 2  # made with the fallback font all the same


def test_missing_font_file_is_noted(src, tmp_path, capsys):
    out = tmp_path / "out.pdf"
    assert main(["export", str(src), "--pdf", str(out), "--font", str(tmp_path / "没有.ttf")]) == 0
    assert "文件不存在" in capsys.readouterr().out.splitlines()[1]
    assert out.exists()


def test_usable_font_prints_no_note(src, tmp_path, capsys):
    out = tmp_path / "out.pdf"
    shipped = str(fonts.shipped_font())
    assert main(["export", str(src), "--pdf", str(out), "--font", shipped]) == 0
    assert capsys.readouterr().out.splitlines() == [f"已导出 PDF：{out.resolve()}"]


def test_excel_and_pdf_in_one_run_print_in_order(src, tmp_path, capsys):
    xlsx, pdf = tmp_path / "out.xlsx", tmp_path / "out.pdf"
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\0" * 64)
    args = ["export", str(src), "--xlsx", str(xlsx), "--pdf", str(pdf), "--font", str(bad)]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("：")[0] for line in lines] == ["已导出 Excel", "已导出 PDF", "注意"]
    assert xlsx.exists() and pdf.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--xlsx", "{src}"], "就是要导出的文档本身"),
        (["--pdf", "{src}"], "就是要导出的文档本身"),
        (["--xlsx", "{dir}/out.json"], "扩展名应为 .xlsx"),
        (["--pdf", "{dir}/out.xlsx"], "扩展名应为 .pdf"),
    ],
)
def test_export_never_overwrites_the_input_or_another_kind_of_file(
    src, tmp_path, capsys, args, words
):
    before = src.read_bytes()
    argv = ["export", str(src), *[a.format(src=src, dir=tmp_path) for a in args]]
    assert main(argv) == 2
    assert words in capsys.readouterr().err
    assert src.read_bytes() == before
    assert storage.load(src) == make_doc()


def test_template_refuses_a_non_xlsx_name(tmp_path, capsys):
    assert main(["template", "--xlsx", str(tmp_path / "doc.json")]) == 2
    assert "扩展名应为 .xlsx" in capsys.readouterr().err
