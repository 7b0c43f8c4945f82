"""Helpers for the main-window tests: scripted answers to message boxes and file dialogs,
a window that closes without asking at the end of a test, and a small document."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from goaleditor.model import Budget, Document, Indicator, Layout, Project

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def run_editor(
    program: list[str], *args: str, tmp_path: Path, mode: str = "1"
) -> subprocess.CompletedProcess:
    """The editor in a fresh process (*program*: ``["-m", "goaleditor"]`` as the clerk starts
    it, or ``["-c", code]``), offscreen, in the smoke mode *mode* (see goaleditor.gui.app),
    with its own config and data folders under *tmp_path*."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GOALEDITOR_SMOKE_EXIT=mode,
        GOALEDITOR_CONFIG_DIR=str(tmp_path / "config"),
        GOALEDITOR_DATA_DIR=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, *program, *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def use_cjk_font(app: QApplication) -> None:
    """The application font a Chinese desktop has (WenQuanYi, when installed)."""
    font_id = QFontDatabase.addApplicationFont(CJK_FONT)
    if font_id >= 0:
        app.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 9))


class Answers:
    """Answers the window's message boxes in order by clicking the button with that label.

    Every box shown is recorded in ``shown`` (its text); a box nobody expected fails.
    """

    def __init__(self):
        self.queue: list[str] = []
        self.shown: list[str] = []

    def expect(self, *labels: str) -> Answers:
        self.queue.extend(labels)
        return self

    def __call__(self, box: QMessageBox) -> int:
        self.shown.append(box.text())
        if not self.queue:
            raise AssertionError(f"unexpected message box: {box.text()!r}")
        label = self.queue.pop(0)
        for button in box.buttons():
            if button.text() == label:
                button.click()
                return box.result()
        labels = [b.text() for b in box.buttons()]
        raise AssertionError(f"no button {label!r} in {labels} of {box.text()!r}")


class FileDialogs:
    """Scripted answers to QFileDialog.getOpenFileName / getSaveFileName."""

    def __init__(self):
        self.open_paths: list[str] = []
        self.save_paths: list[str] = []
        self.save_titles: list[str] = []

    def get_open(self, *args, **kwargs):
        return (self.open_paths.pop(0) if self.open_paths else "", "")

    def get_save(self, parent=None, title="", start="", *args, **kwargs):
        self.save_titles.append(title)
        return (self.save_paths.pop(0) if self.save_paths else "", "")


@pytest.fixture
def answers(monkeypatch) -> Answers:
    scripted = Answers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: scripted(box))
    return scripted


@pytest.fixture
def file_dialogs(monkeypatch) -> FileDialogs:
    dialogs = FileDialogs()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs.get_open)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialogs.get_save)
    return dialogs


@pytest.fixture
def make_window(qtbot, answers, file_dialogs):
    """``make_window(path=None)`` → a shown MainWindow; closed without questions at the end."""
    from goaleditor.gui.main_window import MainWindow

    windows = []

    def make(path: str | Path | None = None, **kwargs):
        window = MainWindow(**kwargs)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)  # shortcuts and focus need an active window
        window.start(path)
        # the 指标库 learns the opened file on its worker thread: let it finish, so it never
        # writes while a test patches file writing
        qtbot.waitUntil(window.library.idle, timeout=20000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.isVisible():
            window.ctx.undo_stack.setClean()
            window.close()
        window.deleteLater()
    qtbot.wait(1)


def sample_copy(tmp_path: Path, name: str = "hebei_2020.json") -> Path:
    """A copy of a bundled sample (or a small document if the samples are missing)."""
    target = tmp_path / name
    source = SAMPLES / name
    if source.is_file():
        shutil.copyfile(source, target)
    else:
        from goaleditor import storage

        storage.save(small_document(), target)
    return target


def small_document() -> Document:
    """Three projects with a few indicators; enough for tree and table tests."""
    projects = []
    for i, name in enumerate(("办公设备购置", "法律援助经费", "信息化运维")):
        projects.append(
            Project(
                code=f"P00{i + 1}",
                name=name,
                budget=Budget(Decimal("1000.00"), Decimal("1000.00"), Decimal("0.00")),
                purpose="用于保障日常工作",
                goals=["按时完成采购", "保障工作正常运转"],
                indicators=[
                    Indicator("产出指标", "数量指标", "购置数量", "", "≥10台"),
                    Indicator("满意度指标", "服务对象满意度指标", "使用人员满意度", "", "≥90%"),
                ],
            )
        )
    return Document(
        unit_code="151002",
        unit_name="某某县人民检察院",
        fiscal_year=2024,
        layout=Layout(show_spending_plan=False),
        projects=projects,
    )


def type_text(widget: QWidget, text: str) -> None:
    """Type *text* as a Chinese input method commits it (QTest.keyClicks is ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def project_names(window) -> list[str]:
    return [p.name for p in window.ctx.document.projects]
