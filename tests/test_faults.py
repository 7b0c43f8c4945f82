"""Fault tests: killed saves, hostile files, and the limits of what `open` and `check` accept."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from goaleditor import storage
from goaleditor.cli import main
from goaleditor.errors import FileFormatError
from goaleditor.fileio import backup_path
from goaleditor.model import Document, Indicator, Project

ROUNDS = int(os.environ.get("GOALEDITOR_KILL_ROUNDS", "8"))

SAVER = """
import sys
from goaleditor import storage
from goaleditor.model import Document, Indicator, Project

path = sys.argv[1]
docs = [
    Document(unit_name=f"版本{v}", projects=[
        Project(name=f"项目{v}-{i}", indicators=[Indicator(name="指标" * 50, value="≥95%")] * 20)
        for i in range(300)
    ])
    for v in ("A", "B")
]
print("ready", flush=True)
n = 0
while True:
    storage.save(docs[n % 2], path)
    n += 1
    if n == 2:
        print("saved twice", flush=True)
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX; os.replace is atomic on NTFS too")
def test_killing_the_process_mid_save_never_breaks_the_file(tmp_path):
    path = tmp_path / "文档 测试.json"
    rng = random.Random(7)
    for _ in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "ready"
        if not path.exists():
            # A slow machine must still reach the file and its backup before the first kill.
            assert proc.stdout.readline().strip() == "saved twice"
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        doc = storage.load(path)
        assert doc.unit_name in ("版本A", "版本B")
        assert len(doc.projects) == 300
        if backup_path(path).exists():
            assert storage.load(backup_path(path)).unit_name in ("版本A", "版本B")
    assert path.exists() and backup_path(path).exists()


def _write(tmp_path: Path, name: str, raw: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def _check_exit(path: Path, capsys) -> tuple[int, str]:
    code = main(["check", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_gbk_file_is_refused_with_a_clear_message(tmp_path, capsys):
    raw = json.dumps(
        {"format": "goaleditor", "version": 1, "document": {"unit_name": "检察院"}},
        ensure_ascii=False,
    ).encode("gbk")
    path = _write(tmp_path, "gbk.json", raw)
    with pytest.raises(FileFormatError, match="UTF-8"):
        storage.load(path)
    code, text = _check_exit(path, capsys)
    assert code == 2 and "UTF-8" in text and "Traceback" not in text


def test_utf8_bom_is_accepted(tmp_path, capsys):
    doc = Document(unit_name="检察院", projects=[Project(name="项目")])
    path = _write(tmp_path, "bom.json", b"\xef\xbb\xbf" + storage.dumps(doc).encode())
    assert storage.load(path) == doc


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_into_check(tmp_path, capsys, seed):
    raw = random.Random(seed).randbytes(5000)
    code, text = _check_exit(_write(tmp_path, "random.json", raw), capsys)
    assert code == 2 and "无法读取" in text


def test_deep_nesting_into_check(tmp_path, capsys):
    raw = '{"format": "goaleditor", "version": 1, "document": ' + "[" * 50_000 + "]" * 50_000 + "}"
    code, text = _check_exit(_write(tmp_path, "deep.json", raw.encode()), capsys)
    assert code == 2 and "Traceback" not in text


def test_huge_strings_load_and_check_in_bounded_time(tmp_path, capsys):
    big = "很长的文字" * 400_000  # 2 million characters in one cell
    doc = Document(projects=[Project(name="项目", goals=[big], indicators=[Indicator(name=big)])])
    path = tmp_path / "huge.json"
    storage.save(doc, path)
    start = time.perf_counter()
    code, _text = _check_exit(path, capsys)
    assert code in (0, 1)
    assert time.perf_counter() - start < 30


def test_ten_thousand_projects_open_and_check(tmp_path, capsys):
    doc = Document(
        fiscal_year=2024,
        projects=[
            Project(
                name=f"项目{i}",
                indicators=[
                    Indicator("产出指标", "数量指标", "数量", value="≥3次"),
                    Indicator("效益指标", "社会效益指标", "效益", value="有效保障"),
                    Indicator("满意度指标", "服务对象满意度指标", "满意度", value="≥90%"),
                ],
            )
            for i in range(10_000)
        ],
    )
    path = tmp_path / "big.json"
    storage.save(doc, path)
    tracemalloc.start()
    start = time.perf_counter()
    loaded = storage.load(path)
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(loaded.projects) == 10_000
    assert elapsed < 60 and peak < 1024 * 1024 * 1024
    code, _text = _check_exit(path, capsys)
    assert code in (0, 1)


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 100)
    path = _write(tmp_path, "big.json", b" " * 200)
    with pytest.raises(FileFormatError, match="太大"):
        storage.load(path)


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(FileFormatError):
        storage.load(tmp_path)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_into_import(tmp_path, capsys, suffix, seed):
    source = _write(tmp_path, f"乱码 {seed}{suffix}", random.Random(seed).randbytes(20_000))
    target = tmp_path / "out.json"
    start = time.perf_counter()
    code = main(["import", str(source), "-o", str(target)])
    out = capsys.readouterr()
    assert code == 2 and "Traceback" not in out.err and out.err.strip()
    assert not target.exists(), "nothing partial is written"
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_zip_that_is_not_an_office_file_into_import(tmp_path, capsys, suffix):
    import zipfile

    source = tmp_path / f"假文件{suffix}"
    with zipfile.ZipFile(source, "w") as zf:
        zf.writestr("hello.txt", "不是 Office 文件" * 1000)
    code = main(["import", str(source), "-o", str(tmp_path / "out.json")])
    assert code == 2 and "Traceback" not in capsys.readouterr().err


def test_gbk_text_renamed_docx_into_import(tmp_path, capsys):
    source = _write(tmp_path, "gbk.docx", "项目名称：检察办案业务费".encode("gbk"))
    code = main(["import", str(source), "-o", str(tmp_path / "out.json")])
    assert code == 2 and "Traceback" not in capsys.readouterr().err
