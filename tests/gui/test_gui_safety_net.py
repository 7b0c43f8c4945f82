"""An error escaping a slot: logged, the work autosaved, the clerk told in Chinese, and the
editor keeps running."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction

from goaleditor import storage
from goaleditor.gui.common import safety_net
from goaleditor.gui.common.safety_net import LOG_NAME, SafetyNet, log_dir
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)

# the net replaces sys.excepthook; pytest-qt's own capture would replace it back
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def net(qtbot):
    installed = SafetyNet().install()
    yield installed
    installed.uninstall()


def _failing_action(window, message: str = "boom in a slot") -> QAction:
    """An action whose slot raises, as a bug in a menu command would."""

    def broken() -> None:
        raise ValueError(message)

    act = QAction("坏掉的命令", window)
    act.triggered.connect(broken)
    window.addAction(act)
    return act


def _edit(window) -> None:
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()


def test_error_in_a_slot_is_logged_autosaved_and_told(make_window, tmp_path, answers, net):
    window = make_window(sample_copy(tmp_path))
    _edit(window)
    assert not window.autosaver.path.exists()
    answers.expect("确定")
    _failing_action(window).trigger()

    assert len(answers.shown) == 1
    text = answers.shown[0]
    assert "程序遇到意外错误" in text and "已自动保存" in text
    assert str(log_dir() / LOG_NAME) in text
    assert "Traceback" not in text and "ValueError" not in text and "boom" not in text
    log = (log_dir() / LOG_NAME).read_text("utf-8")
    assert "Traceback" in log and "ValueError: boom in a slot" in log and "goaleditor" in log
    # the unsaved work is on disk at once, before the next autosave tick
    saved = storage.load(window.autosaver.path)
    assert len(saved.projects) == len(window.ctx.document.projects)

    # the editor keeps running: edit and save as usual
    _edit(window)
    window.actions_.save.trigger()
    assert not window.isWindowModified()
    assert net.errors == 1


def test_error_from_the_event_loop_with_nothing_unsaved(make_window, qtbot, answers, net):
    window = make_window()
    answers.expect("确定")

    def broken() -> None:
        raise KeyError("from a timer")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert "没有未保存的修改" in answers.shown[0]
    assert not window.autosaver.path.exists()
    assert "KeyError" in (log_dir() / LOG_NAME).read_text("utf-8")


def test_the_same_error_again_goes_to_the_status_bar(make_window, tmp_path, answers, net):
    window = make_window(sample_copy(tmp_path))
    act = _failing_action(window)
    answers.expect("确定")
    act.trigger()
    act.trigger()  # no second box: a slot failing on every repaint must not lock the clerk out
    assert len(answers.shown) == 1
    assert "又发生了一次意外错误" in window.statusBar().currentMessage()
    assert (log_dir() / LOG_NAME).read_text("utf-8").count("ValueError: boom") == 2


def test_error_in_another_thread_is_told_in_the_gui_thread(make_window, qtbot, answers, net):
    make_window()
    answers.expect("确定")

    def work() -> None:
        raise RuntimeError("worker failed")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(answers.shown))
    assert "程序遇到意外错误" in answers.shown[0]
    assert "RuntimeError: worker failed" in (log_dir() / LOG_NAME).read_text("utf-8")


def test_log_is_rotated_and_only_the_last_few_kept(qtbot, monkeypatch):
    monkeypatch.setattr(safety_net, "LOG_REPEATS", 1000)
    quiet = SafetyNet(interactive=False, max_bytes=300)
    for i in range(12):
        try:
            raise ValueError(f"error number {i}")
        except ValueError as err:
            quiet.handle(type(err), err, err.__traceback__)
    names = sorted(p.name for p in log_dir().iterdir())
    backups = [f"{LOG_NAME}.{i}" for i in range(1, safety_net.LOG_BACKUPS + 1)]
    assert names == sorted([LOG_NAME, *backups])
    assert "error number 11" in (log_dir() / LOG_NAME).read_text("utf-8")
    assert quiet.errors == 12


def test_a_log_that_cannot_be_written_is_said(make_window, answers, net):
    make_window()
    log_dir().parent.mkdir(parents=True, exist_ok=True)
    log_dir().write_text("a file where the folder should be", encoding="utf-8")
    answers.expect("确定")
    try:
        raise OSError("disk gone")
    except OSError as err:
        net.handle(type(err), err, err.__traceback__)
    assert "错误详情没有能记录下来" in answers.shown[0]


def test_uninstall_gives_the_hooks_back(qtbot):
    import sys

    before = (sys.excepthook, threading.excepthook)
    installed = SafetyNet().install()
    assert sys.excepthook == installed.handle
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_the_box_opens_the_log_folder(make_window, answers, net, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = make_window()
    answers.expect("打开日志文件夹")
    _failing_action(window).trigger()
    assert opened == [str(log_dir())]
