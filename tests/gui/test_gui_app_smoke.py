"""The smoke hook the frozen-bundle check uses: ``GOALEDITOR_SMOKE_EXIT=1 goaleditor FILE``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gui_helpers import run_editor

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "hebei_2020.json"


def _run(*args: str, tmp_path: Path, mode: str = "1") -> subprocess.CompletedProcess:
    return run_editor(["-m", "goaleditor"], *args, tmp_path=tmp_path, mode=mode)


def test_smoke_run_shows_the_window_with_the_file_and_exits_0(tmp_path):
    result = _run(str(SAMPLE), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["main window shown"]
    # the window really opened the file: it is now the most recent one
    settings = json.loads((tmp_path / "config" / "settings.json").read_text("utf-8"))
    assert str(SAMPLE.resolve()) in json.dumps(settings, ensure_ascii=False)


def test_painted_mode_says_so_after_the_first_paint_and_exits_0(tmp_path):
    """The start-up benchmark's clock: ``window painted`` once the window with the file
    has painted; the window is closed as usual (the file is the most recent one)."""
    result = _run(str(SAMPLE), tmp_path=tmp_path, mode="painted")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["window painted"]
    settings = json.loads((tmp_path / "config" / "settings.json").read_text("utf-8"))
    assert settings["recent_files"] == [str(SAMPLE.resolve())]


def test_smoke_run_with_a_broken_file_says_why_and_fails(tmp_path):
    broken = tmp_path / "坏文件.json"
    broken.write_text('{"projects": [', encoding="utf-8")
    result = _run(str(broken), tmp_path=tmp_path)
    assert result.returncode == 1
    assert "main window shown" not in result.stdout
    assert "无法打开" in result.stderr and "坏文件.json" in result.stderr
    assert "Traceback" not in result.stderr


BROKEN_CHECKS = """
import sys
from goaleditor.gui import app
from goaleditor.gui.problems.panel import ProblemsPanel

def broken(self):
    raise RuntimeError("checks broke")

ProblemsPanel.flush = broken  # a slot (the checks' timer) that fails
sys.exit(app.run(sys.argv[1]))
"""


def test_smoke_run_fails_when_a_slot_raises_and_logs_it(tmp_path):
    """run() puts the safety net up: the error is logged, and the smoke check says so."""
    result = run_editor(["-c", BROKEN_CHECKS], str(SAMPLE), tmp_path=tmp_path)
    assert result.returncode == 1
    assert "main window shown" not in result.stdout
    log = tmp_path / "data" / "logs" / "errors.log"
    assert "启动时发生意外错误" in result.stderr and str(log) in result.stderr
    assert "RuntimeError: checks broke" in log.read_text("utf-8")


def test_without_a_display_the_editor_says_so_in_chinese():
    """On Linux with no display Qt would abort (exit 134) with its own English message."""
    import subprocess

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "goaleditor"], capture_output=True, text=True, timeout=120, env=env
    )
    if not sys.platform.startswith("linux"):
        return
    assert done.returncode == 2
    assert "没有可用的显示器" in done.stderr and "Traceback" not in done.stderr
