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


def test_a_document_opened_unsaved_is_autosaved_without_an_edit(qtbot):
    from goaleditor.gui.common.context import EditorContext

    ctx = EditorContext(small_document())
    saver = Autosaver(ctx, delay_ms=30)
    ctx.replace_document(small_document(), None)  # as 导入 and 以上年文件新建 open theirs
    ctx.undo_stack.resetClean()
    qtbot.waitUntil(lambda: saver.path.exists() and not saver.writing(), timeout=5000)
    saver.shutdown()
    assert not saver.path.exists()


def test_lock_of_a_killed_clean_session_is_cleaned_up(qtbot):
    from PySide6.QtCore import QSysInfo

    # a session killed while it had nothing unsaved leaves only its lock behind
    lock = autosave_dir() / "999999-0badf00d.lock"
    lock.write_text(f"999999\ngoaleditor\n{QSysInfo.machineHostName()}\n", encoding="utf-8")
    assert find_orphans() == []
    assert not lock.exists()


# ------------------------------------------- the write: in a worker, one at a time


def _duplicate(window) -> None:
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()


def test_the_timer_writes_in_a_worker_thread(make_window, tmp_path, qtbot, monkeypatch):
    import threading

    from goaleditor.gui.files import autosave

    window = make_window(sample_copy(tmp_path), autosave_ms=50)
    threads = []
    real = autosave.atomic_write

    def watched(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(autosave, "atomic_write", watched)
    _duplicate(window)
    meta = window.autosaver.path.with_name(window.autosaver.path.stem + ".meta.json")
    qtbot.waitUntil(meta.exists, timeout=5000)  # written after the document
    assert threading.get_ident() not in threads, "the window's thread never writes the autosave"
    saved = storage.load(window.autosaver.path)
    assert storage.dumps(saved) == storage.dumps(window.ctx.document)


def test_never_two_writes_at_once_and_the_last_change_is_written(
    make_window, tmp_path, qtbot, monkeypatch
):
    import threading
    import time

    from goaleditor.gui.files import autosave

    window = make_window(sample_copy(tmp_path))
    saver = window.autosaver
    real = autosave.atomic_write
    busy, most, writes = [0], [0], []
    guard = threading.Lock()

    def slow(*args, **kwargs):
        with guard:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        try:
            time.sleep(0.2)  # a big document on a slow disk
            writes.append(args[0])
            return real(*args, **kwargs)
        finally:
            with guard:
                busy[0] -= 1

    monkeypatch.setattr(autosave, "atomic_write", slow)
    _duplicate(window)
    assert saver.save_soon()
    _duplicate(window)  # while the first write runs
    assert saver.save_soon() and saver.writing()
    qtbot.waitUntil(lambda: not saver.writing(), timeout=10_000)
    assert most[0] == 1
    assert writes.count(saver.path) == 2  # the first, then one more with what came after
    assert len(storage.load(saver.path).projects) == len(window.ctx.document.projects)


def test_a_failing_write_in_the_worker_still_warns(
    make_window, tmp_path, qtbot, answers, monkeypatch
):
    from goaleditor.errors import WriteError
    from goaleditor.gui.files import autosave

    window = make_window(sample_copy(tmp_path), autosave_ms=30)

    def full(*args, **kwargs):
        raise WriteError("无法自动保存“x.json”：磁盘空间已满。")

    monkeypatch.setattr(autosave, "atomic_write", full)
    answers.expect("确定")
    _duplicate(window)
    qtbot.waitUntil(lambda: window.autosave_warning.isVisible(), timeout=5000)
    assert "自动保存失败" in window.autosave_warning.text()
    assert "磁盘空间已满" in answers.shown[0]


def test_saving_while_the_autosave_is_written_leaves_no_autosave(
    make_window, tmp_path, qtbot, monkeypatch
):
    import time

    from goaleditor.gui.files import autosave

    window = make_window(sample_copy(tmp_path))
    saver = window.autosaver
    real = autosave.atomic_write

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(autosave, "atomic_write", slow)
    _duplicate(window)
    assert saver.save_soon()
    window.actions_.save.trigger()  # saved before the worker is done
    qtbot.waitUntil(lambda: not saver.writing(), timeout=10_000)
    assert not saver.path.exists()


# ------------------------------------ a recovered document: lock and stamp of its file


def _crash_editing(path):
    """The autosave a window that had *path* open (and had renamed its first project) left
    when it crashed, with the file's stamp as that window knew it; returns *path*."""
    from goaleditor import filelock

    crashed = storage.load(path)
    crashed.projects[0].name = "崩溃前改过的名称"
    write_autosave(crashed, autosave_dir() / "4242-5eed.json", path, filelock.stamp(path))
    return path


def test_the_autosave_keeps_the_stamp_of_the_open_file(make_window, tmp_path):
    from goaleditor.gui.files.autosave import _read_orphan

    window = make_window(sample_copy(tmp_path))
    _duplicate(window)
    assert window.autosaver.save_now()
    assert _read_orphan(window.autosaver.path).stamp == window.files.stamp is not None


def test_a_recovered_document_asks_before_overwriting_a_file_changed_since(
    make_window, tmp_path, answers
):
    path = _crash_editing(sample_copy(tmp_path))
    changed = storage.load(path)  # after the crash, another program saves the file
    changed.unit_name = "别处改过"
    storage.save(changed, path)

    answers.expect("恢复")
    window = make_window()
    assert window.files.lock is not None and window.files.lock.doc_path == path.resolve()
    answers.expect("取消")
    window.actions_.save.trigger()
    assert "已在磁盘上被修改" in answers.shown[-1]
    assert storage.load(path).unit_name == "别处改过"  # nothing overwritten unasked


def test_a_recovered_document_saves_over_its_unchanged_file_without_a_question(
    make_window, tmp_path, answers
):
    path = _crash_editing(sample_copy(tmp_path))
    answers.expect("恢复")
    window = make_window()
    window.actions_.save.trigger()
    assert len(answers.shown) == 1
    assert storage.load(path).projects[0].name == "崩溃前改过的名称"


def test_recovering_a_file_another_window_has_open_asks_first(make_window, tmp_path, answers):
    path = sample_copy(tmp_path)
    other = make_window(path)  # holds the file's lock
    _crash_editing(path)
    answers.expect("恢复", "只读打开")
    window = make_window()
    assert "已经在" in answers.shown[1]
    assert window.files.read_only and project_names(window)[0] == "崩溃前改过的名称"
    assert other.files.lock is not None


def _many_projects(tmp_path, copies: int = 12):
    import copy

    path = sample_copy(tmp_path)
    doc = storage.load(path)
    doc.projects = [copy.deepcopy(p) for _ in range(copies) for p in doc.projects]
    storage.save(doc, path)
    return path


def test_the_snapshot_is_taken_a_slice_at_a_time(make_window, tmp_path, qtbot, monkeypatch):
    from goaleditor.gui.files import autosave

    monkeypatch.setattr(autosave, "SLICE_SECONDS", 0.0)  # one project per slice
    window = make_window(_many_projects(tmp_path))
    saver = window.autosaver
    _duplicate(window)
    assert saver.save_soon()
    assert saver._building is not None and not saver._running, "the window runs in between"
    qtbot.waitUntil(lambda: not saver.writing(), timeout=10_000)
    assert storage.dumps(storage.load(saver.path)) == storage.dumps(window.ctx.document)


def test_a_change_during_the_snapshot_drops_it_and_the_next_is_taken_whole(
    make_window, tmp_path, qtbot, monkeypatch
):
    from goaleditor.gui.files import autosave

    monkeypatch.setattr(autosave, "SLICE_SECONDS", 0.0)
    window = make_window(_many_projects(tmp_path))
    saver = window.autosaver
    _duplicate(window)
    assert saver.save_soon() and saver._building is not None
    window.tree.select_projects([3])
    window.tree.duplicate_action.trigger()  # changes the list being pickled
    assert saver._building is None and not saver.writing()
    assert saver.save_soon()
    assert saver._running is not None, "taken in one go: changes could keep dropping slices"
    qtbot.waitUntil(lambda: not saver.writing(), timeout=10_000)
    assert storage.dumps(storage.load(saver.path)) == storage.dumps(window.ctx.document)
