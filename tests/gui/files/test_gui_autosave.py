"""Autosave while there is unsaved work, and recovery after a crash."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from goaleditor import storage
from goaleditor.gui.files.autosave import Autosaver, autosave_dir, find_orphans, write_autosave
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    project_names,
    sample_copy,
    small_document,
)


def _session_files() -> list[str]:
    """Autosaved documents (not their meta files)."""
    return sorted(p.name for p in autosave_dir().glob("*.json") if ".meta." not in p.name)


def test_autosave_only_while_unsaved(make_window, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(path)
    saver = window.autosaver
    assert not saver.save_now()  # clean: nothing to protect
    assert not saver.path.exists()
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    assert saver.save_now()
    assert storage.dumps(storage.load(saver.path)) == storage.dumps(window.ctx.document)
    window.actions_.save.trigger()  # saved: the autosave is no longer needed
    assert not saver.path.exists()


def test_autosave_timer_writes_the_file(make_window, tmp_path, qtbot):
    window = make_window(sample_copy(tmp_path), autosave_ms=50)
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    qtbot.waitUntil(window.autosaver.path.exists, timeout=3000)
    assert len(storage.load(window.autosaver.path).projects) == len(window.ctx.document.projects)


def test_undo_back_to_clean_removes_the_autosave(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    window.autosaver.save_now()
    assert window.autosaver.path.exists()
    window.actions_.undo.trigger()
    assert not window.autosaver.path.exists()


def test_a_running_window_is_not_offered_for_recovery(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    window.autosaver.save_now()
    assert find_orphans() == []


def test_recover_after_crash(make_window, tmp_path, answers):
    path = sample_copy(tmp_path)
    crashed = storage.load(path)
    crashed.projects[0].name = "崩溃前改过的名称"
    # what a crashed session leaves behind: the autosave and its meta file, no live lock
    left = autosave_dir() / "4242-deadbeef.json"
    write_autosave(crashed, left, path)

    answers.expect("恢复")
    window = make_window()
    assert "hebei_2020.json" in answers.shown[0] and "自动保存于" in answers.shown[0]
    assert project_names(window)[0] == "崩溃前改过的名称"
    assert window.isWindowModified()  # recovered work is not saved yet
    assert window.ctx.file_path == path.resolve()
    assert not left.exists()
    # the recovered work is protected by this session's autosave at once
    assert _session_files() == [window.autosaver.path.name]
    window.actions_.save.trigger()
    assert storage.load(path).projects[0].name == "崩溃前改过的名称"
    assert sorted(p.suffix for p in autosave_dir().iterdir()) == [".lock"]  # only our lock


def test_discard_recovery(make_window, tmp_path, answers):
    left = autosave_dir() / "4242-cafe.json"
    write_autosave(small_document(), left, None)
    answers.expect("放弃", "放弃")  # 放弃, and 放弃 again when asked once more
    window = make_window()
    assert "未保存过的新文档" in answers.shown[0]
    assert "这个时间之后所做的修改没有保存下来" in answers.shown[0]
    assert answers.shown[1].startswith("放弃后，")
    assert window.ctx.document.projects == []
    assert _session_files() == []
    assert not window.isWindowModified()


def test_discard_asks_once_more_and_keeps_on_second_thought(make_window, answers):
    left = autosave_dir() / "4242-cafe.json"
    write_autosave(small_document(), left, None)
    answers.expect("放弃", "取消")
    make_window()
    assert len(answers.shown) == 2
    assert _session_files() == ["4242-cafe.json"], "kept: the clerk thought better of it"


def test_damaged_autosave_is_reported_and_kept(make_window, answers):
    left = autosave_dir() / "4242-bad.json"
    left.write_text("{", encoding="utf-8")
    answers.expect("恢复", "确定")
    window = make_window()
    assert "无法读取" in answers.shown[1]
    assert left.exists()
    assert window.ctx.document.projects == []


def test_clean_close_removes_session_files(make_window, tmp_path, answers):
    window = make_window(sample_copy(tmp_path))
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    window.autosaver.save_now()
    answers.expect("不保存")
    assert window.close()
    assert list(autosave_dir().iterdir()) == []


def test_autosaver_survives_an_unwritable_folder(qtbot, tmp_path, monkeypatch):
    from goaleditor.gui.common.context import EditorContext

    ctx = EditorContext(small_document())
    saver = Autosaver(ctx, delay_ms=60_000)
    ctx.undo_stack.resetClean()
    monkeypatch.setattr(saver, "path", tmp_path / "missing" / "x.json")
    assert not saver.save_now()
    assert "自动保存" in saver.last_error
    saver.shutdown()


def test_lock_of_a_killed_clean_session_is_cleaned_up(qtbot):
    from PySide6.QtCore import QSysInfo

    # a session killed while it had nothing unsaved leaves only its lock behind
    lock = autosave_dir() / "999999-0badf00d.lock"
    lock.write_text(f"999999\ngoaleditor\n{QSysInfo.machineHostName()}\n", encoding="utf-8")
    assert find_orphans() == []
    assert not lock.exists()
