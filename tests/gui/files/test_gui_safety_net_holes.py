"""The holes in the safety net: autosave soon after the last change,
a failed autosave is told, no data or config folder and odd settings files do not stop
the editor, and a file name that is not UTF-8 opens and closes cleanly."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from goaleditor import filelock, storage
from goaleditor.errors import WriteError
from goaleditor.gui.common.settings import Settings
from goaleditor.gui.files import autosave
from goaleditor.gui.files.autosave import Autosaver, find_orphans
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _duplicate(window) -> None:
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()


def test_autosave_waits_for_a_pause_and_not_longer_than_the_cap(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path))
    saver = window.autosaver
    assert saver.timer.interval() <= 5000, "a few seconds after the last change"
    saver.timer.setInterval(1000)
    saver.cap.setInterval(2500)
    start = time.monotonic()
    _duplicate(window)
    while time.monotonic() - start < 2.2:  # steady changes: the pause never comes …
        window.ctx.edited.emit()
        qtbot.wait(50)
        assert not saver.path.exists() or time.monotonic() - start > 2.4
    qtbot.waitUntil(saver.path.exists, timeout=3000)  # … the cap writes it anyway
    assert time.monotonic() - start < 4.5
    saver.path.unlink()
    window.ctx.edited.emit()
    qtbot.waitUntil(saver.path.exists, timeout=2000)  # one change, then quiet


def test_a_failing_autosave_warns_in_the_status_bar_and_once_in_a_message(
    make_window, tmp_path, answers, monkeypatch
):
    window = make_window(sample_copy(tmp_path))
    _duplicate(window)

    def full(*args, **kwargs):
        raise WriteError("无法自动保存“x.json”：磁盘空间已满。请清理磁盘或另选一个位置后重试。") from (
            OSError(errno.ENOSPC, "No space left on device")
        )

    monkeypatch.setattr(autosave, "atomic_write", full)
    answers.expect("确定")
    assert not window.autosaver.save_now()
    assert "磁盘空间已满" in answers.shown[-1]
    assert window.autosave_warning.isVisible() and "自动保存失败" in window.autosave_warning.text()
    assert not window.autosaver.save_now()  # no second message
    assert len(answers.shown) == 1
    monkeypatch.undo()
    assert window.autosaver.save_now()
    assert not window.autosave_warning.isVisible(), "the warning goes once autosave works"


def test_the_recovery_list_says_edits_after_the_time_are_missing(qtbot):
    from goaleditor.gui.files.recovery_dialog import RecoveryDialog

    folder = autosave.autosave_dir()
    for name in ("1-a", "2-b"):
        autosave.write_autosave(storage.load(sample_copy(folder.parent, "hebei_2020.json")),
                                folder / f"{name}.json", None)  # fmt: skip
    orphans = find_orphans()
    dialog = RecoveryDialog(orphans)
    qtbot.addWidget(dialog)
    assert all(len(o.saved_at) == len("2026-12-06 09:30:15") for o in orphans)
    times = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert times == [o.saved_at for o in orphans]
    from PySide6.QtWidgets import QLabel

    intro = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "这个时间之后所做的修改没有保存下来" in intro
    if os.environ.get("SHOT_DIR"):  # to look at it
        dialog.show()
        dialog.grab().save(str(Path(os.environ["SHOT_DIR"]) / "recovery_dialog.png"))


START = """
import sys
from goaleditor.gui.app import create_application
from goaleditor.gui.main_window import MainWindow
from goaleditor.gui.common import messages
told = []
messages.show_warning = lambda parent, title, text: told.append(text)
app = create_application()
window = MainWindow()
window.show()
window.start(sys.argv[1] if len(sys.argv) > 1 else None)
print("available", window.autosaver.available)
print("warning", window.autosave_warning.text())
print("told", len(told))
print("note", window.settings.note)
window.ctx.undo_stack.setClean()
window.close()
print("closed")
"""


def _start(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **env, PYTHONPATH=str(Path(storage.__file__).parents[1]))
    return subprocess.run(
        [sys.executable, "-c", START, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_editor_starts_without_its_folders(tmp_path):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    run = _start(
        {
            "GOALEDITOR_DATA_DIR": str(blocker / "data"),
            "GOALEDITOR_CONFIG_DIR": str(blocker / "config"),
        }
    )
    assert run.returncode == 0, run.stderr
    assert "available False" in run.stdout
    assert "warning ⚠ 没有自动保存" in run.stdout
    assert "told 1" in run.stdout
    assert "无法创建设置文件夹" in run.stdout
    assert "closed" in run.stdout


@pytest.mark.parametrize(
    "content",
    [
        None,  # settings.json is a folder
        b"\xff\xfe not utf-8",
        b"[1, 2, 3]",
        b'{"recent_files": {"a": 1}, "mainWindow.geometry": [1, 2]}',
        b'{"settings.json": {"settings.json": {}}}',
    ],
)
def test_odd_settings_files_are_set_aside_with_a_note(tmp_path, content):
    config = tmp_path / "config"
    config.mkdir()
    target = config / "settings.json"
    if content is None:
        (target / "settings.json").mkdir(parents=True)
    else:
        target.write_bytes(content)
    run = _start({"GOALEDITOR_CONFIG_DIR": str(config), "GOALEDITOR_DATA_DIR": str(tmp_path / "d")})
    assert run.returncode == 0, run.stderr
    assert "closed" in run.stdout
    note = next(line for line in run.stdout.splitlines() if line.startswith("note"))
    if content == b'{"settings.json": {"settings.json": {}}}':
        assert note.strip() == "note", "unknown keys of any shape are harmless"
        return
    assert "已恢复默认" in note
    assert list(config.glob("settings.json.bad-*")), "the odd file is kept aside"
    assert json.loads(target.read_text(encoding="utf-8"))  # a good one written on close


def test_settings_with_a_wrong_kind_keep_the_rest(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"recent_files": 3, "pdf_font": "/x.ttf"}', encoding="utf-8")
    settings = Settings(path)
    assert settings.recent_files() == [] and settings.pdf_font() == "/x.ttf"
    assert "已恢复默认" in settings.note


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX names are bytes")
def test_a_file_name_that_is_not_utf8_opens_autosaves_and_closes(make_window, tmp_path):
    name = tmp_path / os.fsdecode(b"\xba\xd3\xb1\xb12024.json")  # 河北 in GBK
    shutil.copyfile(sample_copy(tmp_path), name)
    window = make_window(name)
    assert window.ctx.file_path == name.resolve()
    _duplicate(window)
    assert window.autosaver.save_now(), window.autosaver.last_error
    assert window.files.save()
    assert filelock.holder(name, "") is not None
    window.close()
    assert filelock.holder(name) is None
    assert not any(p.exists() for p in filelock.lock_paths(name))
    again = Settings()
    assert str(name.resolve()) in again.recent_files(), "the name survives the settings file"


def test_an_autosaver_without_a_folder_does_nothing(qtbot, monkeypatch):
    from goaleditor.gui.common.context import EditorContext

    def no_folder():
        raise PermissionError(13, "denied")

    monkeypatch.setattr(autosave, "autosave_dir", no_folder)
    saver = Autosaver(EditorContext())
    assert not saver.available and saver.last_error
    saver.ctx.edited.emit()
    assert not saver.timer.isActive()
    assert not saver.save_now()
    saver.shutdown()
