"""Hostile Office files and special paths: every reader is bounded and answers in Chinese.

Each case is a file a clerk could be sent (or a path an editor could be pointed at):
zip bombs, compression Office never writes, encrypted parts, flipped bits, sheets that
claim a billion cells, devices and pipes.  Each ends at once with exit 2 and a Chinese
message naming the problem (and the limit, where there is one); none takes long.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

import docxbuild
import hostile
from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import FileFormatError, ImportProblem
from goaleditor.export.xlsx import write_xlsx
from goaleditor.importers import package
from goaleditor.importers.commands import import_file
from test_forms import SAMPLES

HEBEI = next(p for p in SAMPLES if p.stem.startswith("hebei"))


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("docx") / "hebei.docx"
    return docxbuild.build_from_seed(docxbuild.HEBEI_SEED, path, docxbuild.Options()).read_bytes()


@pytest.fixture(scope="module")
def good_xlsx(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("xlsx") / "hebei.xlsx"
    write_xlsx(storage.load(HEBEI), path)
    return path.read_bytes()


def _refused(tmp_path: Path, name: str, data: bytes, capsys) -> str:
    """Import *data* as *name* through the command line: exit 2, a Chinese message, fast."""
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "out.json"
    tracemalloc.start()
    start = time.perf_counter()
    try:
        code = main(["import", str(source), "-o", str(target)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)
    assert not target.exists()
    assert elapsed < 20, f"{name}: {elapsed:.1f} s"
    assert peak < 400 * 1024 * 1024, f"{name}: {peak / 1e6:.0f} MB"
    return err


# ---------------------------------------------------------------- unpacked size


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_a_small_docx_that_unpacks_to_hundreds_of_megabytes(
    good_docx, tmp_path, capsys, compression
):
    data = hostile.add_bomb(good_docx, "word/document.xml", 300 * 1024 * 1024, compression)
    assert len(data) < 1024 * 1024
    err = _refused(tmp_path, "炸弹.docx", data, capsys)
    if compression == zipfile.ZIP_BZIP2:
        assert "压缩方式" in err and "bzip2" in err
    else:
        assert "上限" in err and "64 MB" in err


def test_a_picture_part_that_unpacks_past_the_limit(good_xlsx, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(package, "MAX_PART_BYTES", 8 * 1024 * 1024)
    data = hostile.add_bomb(
        good_xlsx, "xl/media/image1.png", 16 * 1024 * 1024, zipfile.ZIP_DEFLATED
    )
    err = _refused(tmp_path, "图片.xlsx", data, capsys)
    assert "image1.png" in err and "8 MB" in err


def test_sizes_that_lie_in_the_headers_are_damage(good_docx, tmp_path, capsys):
    err = _refused(tmp_path, "谎报.docx", hostile.set_declared_size(good_docx, 10), capsys)
    assert "损坏" in err


# ---------------------------------------------------------------- odd compression and damage


def test_deflate64_is_named(good_docx, tmp_path, capsys):
    stored = hostile.repack(good_docx, compression=zipfile.ZIP_STORED)
    err = _refused(tmp_path, "d64.docx", hostile.set_method(stored, 9), capsys)
    assert "Deflate64" in err


def test_encrypted_entry_flag_is_named(good_docx, tmp_path, capsys):
    err = _refused(tmp_path, "加密项.docx", hostile.set_encrypted_flag(good_docx), capsys)
    assert "加密" in err


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_a_flipped_bit_is_damage(good_docx, tmp_path, capsys, part):
    start, end = hostile.compressed_span(good_docx, part)
    data = hostile.flip_bit(good_docx, (start + (end - start) // 3) * 8 + 5)
    err = _refused(tmp_path, "翻转.docx", data, capsys)
    assert "损坏" in err


def test_a_flipped_bit_in_an_xlsx_is_damage(good_xlsx, tmp_path, capsys):
    start, end = hostile.compressed_span(good_xlsx, "xl/worksheets/sheet2.xml")
    data = hostile.flip_bit(good_xlsx, (start + (end - start) // 2) * 8 + 1)
    assert "损坏" in _refused(tmp_path, "翻转.xlsx", data, capsys)


def test_encrypted_xlsx_asks_for_the_password_to_be_removed(tmp_path, capsys):
    err = _refused(tmp_path, "加密.xlsx", hostile.encrypted_office_file(), capsys)
    assert "密码" in err and "损坏" not in err


def test_an_old_xls_renamed_xlsx(tmp_path, capsys):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le")
    err = _refused(tmp_path, "旧.xlsx", ole, capsys)
    assert ".xls" in err and "另存为" in err


# ---------------------------------------------------------------- rows, columns, cells


def _sheet_with(tmp_path: Path, change) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"] = "项目名称", "一级指标"
    ws.merge_cells("C3:D4")
    buffer = io.BytesIO()
    wb.save(buffer)
    return hostile.repack(
        buffer.getvalue(), lambda name, raw: change(raw) if "worksheets" in name else raw
    )


@pytest.mark.parametrize(
    ("what", "change", "limit"),
    [
        (
            "one cell at XFD1048576",
            lambda raw: raw.replace(b'r="A2"', b'r="XFD1048576"'),
            "200000 行",
        ),
        (
            "a merge over the whole sheet",
            lambda raw: raw.replace(b"C3:D4", b"A1:XFD1048576"),
            "200000 行",
        ),
        ("a merge over many columns", lambda raw: raw.replace(b"C3:D4", b"A1:XFD3"), "1000 列"),
        (
            "a merge over many cells",
            lambda raw: raw.replace(b"C3:D4", b"A1:ALL100000"),
            "4000000 个单元格",
        ),
    ],
)
def test_sheets_claiming_huge_sizes_are_refused_before_reading(
    tmp_path, capsys, what, change, limit
):
    err = _refused(tmp_path, "巨表.xlsx", _sheet_with(tmp_path, change), capsys)
    assert limit in err, what


def test_a_claimed_dimension_alone_is_harmless(tmp_path):
    data = _sheet_with(
        tmp_path,
        lambda raw: raw.replace(b'<dimension ref="A1:D4"', b'<dimension ref="A1:XFD1048576"'),
    )
    source = tmp_path / "尺寸.xlsx"
    source.write_bytes(data)
    start = time.perf_counter()
    result = import_file(source)  # the few real cells are read; the claim costs nothing
    assert time.perf_counter() - start < 10
    assert len(result.document.projects) == 1


def test_a_word_body_with_too_many_rows(good_docx, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(package, "MAX_ROWS", 10)
    err = _refused(tmp_path, "长表.docx", good_docx, capsys)
    assert "10 行" in err


# ---------------------------------------------------------------- devices, pipes, folders


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
@pytest.mark.parametrize("name", ["管道.docx", "管道.xlsx", "管道.json"])
def test_a_pipe_is_refused_at_once(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    command = "check" if name.endswith(".json") else "import"
    args = [str(fifo)] if command == "check" else [str(fifo), "-o", str(tmp_path / "o.json")]
    proc = subprocess.run(
        [sys.executable, "-m", "goaleditor", command, *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.returncode == 2 and "不是普通文件" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX devices")
@pytest.mark.parametrize("name", ["零.docx", "零.xlsx", "零.json"])
def test_a_device_is_refused_at_once(tmp_path, name):
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    start = time.perf_counter()
    with pytest.raises((ImportProblem, FileFormatError), match="不是普通文件"):
        storage.load(link) if name.endswith(".json") else import_file(link)
    with pytest.raises(FileFormatError, match="不是普通文件"):
        storage.load("/dev/zero")
    assert time.perf_counter() - start < 5


def test_a_file_larger_than_the_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(package, "MAX_FILE_BYTES", 1000)
    err = _refused(tmp_path, "大.docx", b"PK" + b"\0" * 2000, capsys)
    assert "1000 字节" in err


# ---------------------------------------------------------------- the editor


def test_the_editor_shows_the_message_not_an_unexpected_error(
    qtbot, monkeypatch, tmp_path, good_docx
):
    from goaleditor.gui.dialogs.year_dialogs import run_import_dialog

    start, _end = hostile.compressed_span(good_docx, "word/document.xml")
    source = tmp_path / "翻转.docx"
    source.write_bytes(hostile.flip_bit(good_docx, (start + 40) * 8))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(source), ""))
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    assert run_import_dialog(None) is None
    assert shown and shown[0][0] == "无法导入" and "损坏" in shown[0][1]
