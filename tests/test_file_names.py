"""Long legal names save every time; killed writes are cleaned up; a lost file's backup is named."""

from __future__ import annotations

import os
import time

import pytest

from goaleditor import storage
from goaleditor.errors import FileFormatError
from goaleditor.export.xlsx import write_xlsx
from goaleditor.fileio import NAME_MAX, atomic_write, backup_path
from goaleditor.model import Document, Project


@pytest.mark.parametrize("length", [245, 248, 250, 251, 255])
def test_a_long_legal_name_saves_every_time(tmp_path, length):
    stem = "甲" * ((length - 5) // 3)
    stem += "a" * (length - 5 - len(stem.encode()))
    path = tmp_path / f"{stem}.json"
    assert len(path.name.encode()) == length
    for version in range(3):
        storage.save(Document(unit_name=f"第{version}版"), path)
        assert storage.load(path).unit_name == f"第{version}版"
    backup = backup_path(path)
    assert len(backup.name.encode()) <= NAME_MAX
    assert storage.load(backup).unit_name == "第1版"
    assert sorted(os.listdir(tmp_path)) == sorted([path.name, backup.name])


def test_the_backup_name_of_a_short_name_is_unchanged(tmp_path):
    assert backup_path(tmp_path / "文档.json").name == "文档.json.bak"


def test_temp_files_of_a_killed_export_are_cleaned_on_the_next_one(tmp_path):
    target = tmp_path / "导出.xlsx"
    stale = [tmp_path / ".导出.abcd1234.tmp", tmp_path / ".导出.x_y-z9AB.tmp"]
    for leftover in stale:
        leftover.write_bytes(b"half written")
    others = [
        tmp_path / ".其他.abcd1234.tmp",
        tmp_path / ".导出.tmp",
        tmp_path / "导出.abcd1234.tmp",
    ]
    for other in others:
        other.write_bytes(b"not ours")
    write_xlsx(Document(projects=[Project(name="项目")]), target)
    assert target.exists()
    assert not any(leftover.exists() for leftover in stale)
    assert all(other.exists() for other in others)


def test_a_write_that_fails_leaves_no_temp_file(tmp_path):
    def fail(tmp):
        tmp.write_bytes(b"part")
        raise OSError(28, "No space left on device")

    with pytest.raises(Exception, match="磁盘空间已满"):
        atomic_write(tmp_path / "文档.json", fail)
    assert os.listdir(tmp_path) == []


def test_a_missing_file_whose_backup_exists_says_so(tmp_path):
    path = tmp_path / "文档.json"
    storage.save(Document(unit_name="第一版"), path)
    storage.save(Document(unit_name="第二版"), path)
    path.unlink()
    time.sleep(0)
    with pytest.raises(FileFormatError) as err:
        storage.load(path)
    message = str(err.value)
    assert "找不到" in message and "文档.json.bak" in message and "备份" in message
    backup_path(path).unlink()
    with pytest.raises(FileFormatError) as err:
        storage.load(path)
    assert "备份" not in str(err.value)
