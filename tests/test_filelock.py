"""Locks and stamps (goaleditor.filelock): who else has a document open, tested across
two processes, and whether a file changed on disk since it was read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaleditor import filelock

HOLDER = """
import sys
from goaleditor.filelock import DocumentLock
lock = DocumentLock(sys.argv[1])
print("locked" if lock.acquire() else "failed", lock.path, flush=True)
sys.stdin.readline()
if sys.argv[2] == "release":
    lock.release()
"""


def _child(path: Path, end: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(filelock.__file__).parents[1]))
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, os.fsdecode(path), end],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout.readline().startswith("locked")
    return child


@pytest.fixture
def doc(tmp_path) -> Path:
    path = tmp_path / "河北2024绩效目标.json"
    path.write_text("{}", encoding="utf-8")
    return path


def test_a_second_process_sees_the_lock_and_its_release(doc):
    child = _child(doc, "release")
    try:
        info = filelock.holder(doc)
        assert info is not None and info.pid == child.pid
        assert "本机的另一个编辑器窗口" in info.describe() and str(child.pid) in info.describe()
    finally:
        child.communicate("\n", timeout=20)
    assert filelock.holder(doc) is None
    assert not any(p.exists() for p in filelock.lock_paths(doc))


def test_a_lock_left_by_a_killed_process_counts_for_nothing(doc):
    child = _child(doc, "keep")
    child.kill()
    child.wait(timeout=20)
    assert filelock.lock_paths(doc)[0].exists(), "the crash left its lock behind"
    assert filelock.holder(doc) is None
    mine = filelock.DocumentLock(doc)
    assert mine.acquire()
    assert filelock.holder(doc, mine.token) is None and filelock.holder(doc) is not None
    mine.release()
    assert not filelock.lock_paths(doc)[0].exists()


def test_two_windows_of_one_process_tell_each_other_apart(doc):
    first, second = filelock.DocumentLock(doc), filelock.DocumentLock(doc)
    first.acquire()
    assert filelock.holder(doc, first.token) is None
    assert filelock.holder(doc, second.token) is not None
    second.acquire()  # 仍然打开: the second takes the lock over
    first.release()  # … and the first closing does not remove the second's lock
    assert filelock.holder(doc, first.token) is not None
    second.release()
    assert filelock.holder(doc) is None


def test_a_lock_from_another_computer_is_believed(doc):
    filelock.lock_paths(doc)[0].write_text(
        '{"pid": 1, "host": "财务科-PC", "user": "张三", "since": "2026-12-01 09:00"}',
        encoding="utf-8",
    )
    info = filelock.holder(doc)
    assert info is not None
    assert info.describe() == "计算机“财务科-PC”上的用户“张三”（进程 1，自 2026-12-01 09:00 起）"


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '{"pid": "x"}'])
def test_a_damaged_lock_file_counts_for_nothing(doc, content):
    filelock.lock_paths(doc)[0].write_text(content, encoding="utf-8")
    assert filelock.holder(doc) is None


def test_a_folder_that_cannot_be_written_keeps_the_lock_in_the_data_folder(doc, monkeypatch):
    beside, in_data = filelock.lock_paths(doc)
    real_replace = os.replace

    def refuse_beside(src, dst):
        if Path(dst) == beside:
            raise PermissionError(13, "read-only folder")
        return real_replace(src, dst)

    monkeypatch.setattr(filelock.os, "replace", refuse_beside)
    lock = filelock.DocumentLock(doc)
    assert lock.acquire() and lock.path == in_data
    assert not beside.exists() and not list(beside.parent.glob("*.tmp"))
    assert filelock.holder(doc, "other") is not None
    lock.release()
    assert not in_data.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX names are bytes")
def test_a_file_name_that_is_not_utf8_locks_and_unlocks(tmp_path):
    name = os.fsdecode(b"\xba\xd3\xb1\xb1-gbk.json")  # 河北 in GBK: not UTF-8
    doc = tmp_path / name
    doc.write_bytes(b"{}")
    lock = filelock.DocumentLock(doc)
    assert lock.acquire()
    assert filelock.holder(doc, "other") is not None
    assert filelock.stamp(doc) is not None
    lock.release()
    assert filelock.holder(doc, "other") is None
    assert os.listdir(os.fsencode(tmp_path)) == [os.fsencode(doc.name)]


def test_stamps_see_a_change_on_disk_but_not_a_touch(doc):
    known = filelock.stamp(doc)
    assert not filelock.changed_since(doc, known)
    os.utime(doc, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert not filelock.changed_since(doc, known), "same bytes, only the time changed"
    doc.write_text('{"a": 1}', encoding="utf-8")
    assert filelock.changed_since(doc, known)
    assert not filelock.changed_since(doc, None)
    doc.unlink()
    assert not filelock.changed_since(doc, known), "nothing there to overwrite"


def test_a_change_by_another_process_is_seen(doc):
    known = filelock.stamp(doc)
    subprocess.run(
        [sys.executable, "-c", "import sys; open(sys.argv[1], 'w').write('{ }')", str(doc)],
        check=True,
    )
    assert filelock.changed_since(doc, known)
