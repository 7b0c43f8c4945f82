"""Fault test: an editor process killed with unsaved work is recovered by the next start."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from goaleditor import storage
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    project_names,
    sample_copy,
)

EDITOR = """
import sys
from goaleditor.gui.app import create_application
from goaleditor.gui.main_window import MainWindow
from goaleditor.gui.common.commands import SetFieldCommand

app = create_application()
window = MainWindow(autosave_ms=100)
window.show()
window.start(sys.argv[1])
ctx = window.ctx
project = ctx.document.projects[0]
ctx.undo_stack.push(SetFieldCommand(ctx, project, "name", "被杀前改过的名称"))
saver = window.autosaver
meta = saver.path.with_name(saver.path.stem + ".meta.json")
def report():  # the worker writes the document, then its meta file
    if saver.path.exists() and meta.exists():
        print("autosaved", flush=True)
from PySide6.QtCore import QTimer
timer = QTimer(); timer.timeout.connect(report); timer.start(50)
app.exec()
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_killed_editor_leaves_an_autosave_that_the_next_start_recovers(
    make_window, tmp_path, answers
):
    path = sample_copy(tmp_path)
    before = path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "autosaved"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert path.read_bytes() == before, "the killed editor never saved over the file"

    answers.expect("恢复")
    window = make_window()
    assert "自动保存于" in answers.shown[0]
    assert project_names(window)[0] == "被杀前改过的名称"
    assert window.isWindowModified()
    window.actions_.save.trigger()
    assert storage.load(path).projects[0].name == "被杀前改过的名称"
