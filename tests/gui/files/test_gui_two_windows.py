"""Two windows on one file, and a file changed on disk: opening a file
another window has open asks 只读打开 / 仍然打开 / 取消; saving over a file that changed
since it was read asks 覆盖 / 另存为… / 取消; a read-only document saves only elsewhere."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from goaleditor import filelock, storage
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)

SECOND_EDITOR = """
import sys
from goaleditor import storage
from goaleditor.filelock import DocumentLock
lock = DocumentLock(sys.argv[1])
lock.acquire()
print("open", flush=True)
sys.stdin.readline()                      # the clerk edits in the other window …
doc = storage.load(sys.argv[1])
doc.unit_name = "另一个进程改的单位"
storage.save(doc, sys.argv[1])
print("saved", flush=True)
sys.stdin.readline()
lock.release()
"""


def _second_editor(path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(storage.__file__).parents[1]))
    child = subprocess.Popen(
        [sys.executable, "-c", SECOND_EDITOR, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout.readline().strip() == "open"
    return child


def _edit_project_name(window, name: str) -> None:
    from goaleditor.gui.common.commands import SetFieldCommand

    project = window.ctx.document.projects[0]
    window.ctx.undo_stack.push(SetFieldCommand(window.ctx, project, "name", name, "改名"))


def test_another_process_has_the_file_open(make_window, answers, file_dialogs, tmp_path):
    path = sample_copy(tmp_path)
    child = _second_editor(path)
    try:
        window = make_window()
        answers.expect("取消")
        assert not window.files.open_path(path)
        assert "已经在本机的另一个编辑器窗口（进程" in answers.shown[-1]
        assert window.ctx.file_path is None

        answers.expect("只读打开")
        assert window.files.open_path(path)
        assert window.files.read_only and "（只读）" in window.windowTitle()
        _edit_project_name(window, "只读窗口的改动")
        file_dialogs.save_paths.append(str(tmp_path / "副本.json"))
        assert window.files.save()  # 保存 of a read-only document is 另存为
        assert file_dialogs.save_titles == ["另存为"]
        assert storage.load(tmp_path / "副本.json").projects[0].name == "只读窗口的改动"
        assert storage.load(path).projects[0].name != "只读窗口的改动"
        assert not window.files.read_only, "the copy is this window's own file"
        assert filelock.holder(tmp_path / "副本.json", "") is not None
    finally:
        child.communicate("\n\n", timeout=30)


def test_saving_over_a_file_another_process_changed_asks(
    make_window, answers, file_dialogs, tmp_path
):
    path = sample_copy(tmp_path)
    child = _second_editor(path)
    try:
        window = make_window()
        answers.expect("仍然打开")
        assert window.files.open_path(path)
        assert not window.files.read_only
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "saved"
        _edit_project_name(window, "本窗口改的项目")

        answers.expect("取消")
        assert not window.files.save()
        assert "已在磁盘上被修改" in answers.shown[-1]
        assert storage.load(path).unit_name == "另一个进程改的单位", "nothing overwritten"

        answers.expect("另存为…")
        file_dialogs.save_paths.append(str(tmp_path / "我的版本.json"))
        assert window.files.save()
        assert storage.load(tmp_path / "我的版本.json").projects[0].name == "本窗口改的项目"
        assert storage.load(path).unit_name == "另一个进程改的单位"
    finally:
        child.communicate("\n", timeout=30)


def test_two_windows_do_not_overwrite_each_other_silently(make_window, answers, tmp_path):
    """The issue's scenario: A saves the unit name, B (opened before) saves a project name."""
    path = sample_copy(tmp_path)
    a = make_window(path)
    answers.expect("仍然打开")
    b = make_window(path)
    assert "已经在本机的另一个编辑器窗口" in answers.shown[-1]

    from goaleditor.gui.common.commands import SetFieldCommand

    a.ctx.undo_stack.push(SetFieldCommand(a.ctx, a.ctx.document, "unit_name", "A 的单位", "改"))
    answers.expect("覆盖")  # B holds the file open too: A is told, and goes on
    assert a.files.save()
    _edit_project_name(b, "B 的项目")
    answers.expect("覆盖")
    assert b.files.save()
    assert "已在磁盘上被修改" in answers.shown[-1], "B is told A saved in between"
    assert storage.load(path).projects[0].name == "B 的项目"

    a.ctx.undo_stack.setClean()
    a.close()
    b.ctx.undo_stack.setClean()
    b.close()
    assert filelock.holder(path) is None, "closing both windows leaves no lock"
    assert not any(p.exists() for p in filelock.lock_paths(path))


def test_a_file_saved_by_this_window_saves_again_without_a_question(make_window, answers, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(path)
    for name in ("一", "二"):
        _edit_project_name(window, name)
        assert window.files.save()
    assert answers.shown == []
