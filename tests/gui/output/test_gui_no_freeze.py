"""Exports, print preview and import run in a worker thread: the window
keeps answering, a 请稍候 dialog with 取消 appears for longer work, and 取消 writes
nothing and leaves no temporary file behind."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import copy
import os
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton

from goaleditor import storage
from goaleditor.gui.common import background
from goaleditor.gui.common.background import CANCELLED, run_in_background, snapshot, stall_probe
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _big(path: Path, copies: int = 12) -> Path:
    doc = storage.load(path)
    doc.projects = [copy.deepcopy(p) for _ in range(copies) for p in doc.projects]
    storage.save(doc, path)
    return path


def _wait_for_workers() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("goaleditor: "):
            thread.join(timeout=60)


@pytest.fixture
def save_to(monkeypatch):
    targets: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (targets.pop(0), "") if targets else ("", ""),
    )
    return targets


def test_the_window_keeps_answering_during_a_pdf_export(make_window, tmp_path, save_to):
    window = make_window(_big(sample_copy(tmp_path)))
    target = tmp_path / "全部.pdf"
    save_to.append(str(target))
    stop = stall_probe()
    started = time.perf_counter()
    assert window.output.export_pdf()
    took, longest = time.perf_counter() - started, stop()
    assert target.read_bytes().startswith(b"%PDF")
    assert took > 0.3, "a long enough export to see a freeze"
    assert longest < max(0.25, took / 3), f"the loop stalled {longest:.3f} s of {took:.3f} s"
    assert not list(tmp_path.glob(".goaleditor-*")), "no temporary folder left"


def test_cancel_writes_nothing_and_removes_the_temporary_file(
    make_window, tmp_path, save_to, monkeypatch, qtbot
):
    from goaleditor.export import xlsx

    window = make_window(sample_copy(tmp_path))
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 50)
    real = xlsx.write_xlsx

    def slow_write(*args):
        time.sleep(1.0)  # a big workbook
        return real(*args)

    monkeypatch.setattr(xlsx, "write_xlsx", slow_write)

    target = tmp_path / "全部.xlsx"
    save_to.append(str(target))
    seen: list[str] = []

    def press_cancel() -> None:
        dialog = next((d for d in window.findChildren(QProgressDialog) if d.isVisible()), None)
        if dialog is None:
            return
        seen.append(dialog.labelText())
        if os.environ.get("SHOT_DIR"):
            dialog.grab().save(str(Path(os.environ["SHOT_DIR"]) / "progress.png"))
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
        button.click()

    poll = qtbot_timer(press_cancel)
    try:
        assert not window.output.export_xlsx()
    finally:
        poll.stop()
    assert seen and seen[0].startswith("正在导出“全部.xlsx”")
    assert "已取消导出 Excel" in window.statusBar().currentMessage()
    _wait_for_workers()
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".goaleditor-")]


def qtbot_timer(slot):
    from PySide6.QtCore import QTimer

    timer = QTimer(interval=20)
    timer.timeout.connect(slot)
    timer.start()
    return timer


def test_esc_on_the_progress_dialog_cancels_too(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 30)

    def press_esc() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QProgressDialog) and dialog.isVisible():
                dialog.close()

    def write(path: Path) -> str:
        time.sleep(0.8)
        path.write_text("x")
        return "written"

    poll = qtbot_timer(press_esc)
    try:
        result = background.write_in_background(
            None, "导出", "正在导出……", tmp_path / "a.pdf", write
        )
    finally:
        poll.stop()
    assert result is CANCELLED
    _wait_for_workers()
    assert list(tmp_path.iterdir()) == []


def test_an_error_in_the_worker_reaches_the_caller(qapp):
    from goaleditor.errors import GoalEditorError

    def fail():
        raise GoalEditorError("没有可用的字体")

    with pytest.raises(GoalEditorError, match="没有可用的字体"):
        run_in_background(None, "导出", "正在导出……", fail)


def test_short_work_shows_no_dialog(qapp):
    result = run_in_background(None, "导出", "正在导出……", lambda: 42)
    assert result == 42
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                and w.isVisible()]  # fmt: skip


def test_import_runs_in_a_worker(make_window, tmp_path, monkeypatch, file_dialogs):
    from goaleditor.gui.dialogs.year_dialogs import run_import_dialog
    from goaleditor.importers import commands

    source = tmp_path / "河北.xlsx"
    source.write_bytes(b"x")
    file_dialogs.open_paths.append(str(source))
    main = threading.get_ident()
    threads = []

    def slow_import(path):
        threads.append(threading.get_ident())
        time.sleep(0.4)
        raise_if_main = threading.get_ident() == main
        assert not raise_if_main
        from goaleditor.errors import GoalEditorError

        raise GoalEditorError("测试：不是绩效目标表")

    monkeypatch.setattr(commands, "import_file", slow_import)
    told = []
    monkeypatch.setattr(
        "goaleditor.gui.common.messages.show_error", lambda parent, title, text: told.append(text)
    )
    stop = stall_probe()
    assert run_import_dialog(None, str(tmp_path)) is None
    assert stop() < 0.2
    assert threads and threads[0] != main
    assert told == ["测试：不是绩效目标表"]


def test_print_preview_renders_in_a_worker(make_window, tmp_path, monkeypatch):
    from goaleditor.gui.output import print_preview

    window = make_window(sample_copy(tmp_path))
    main = threading.get_ident()
    rendered_in = []
    real = print_preview.render_pages

    def render(*args):
        rendered_in.append(threading.get_ident())
        return real(*args)

    monkeypatch.setattr(print_preview, "render_pages", render)
    monkeypatch.setattr(print_preview.PreviewDialog, "exec", lambda self: 0)
    window.output.print_preview()
    assert rendered_in and rendered_in[0] != main


def test_snapshot_is_a_deep_copy(tmp_path):
    doc = storage.load(sample_copy(tmp_path))
    copy_ = snapshot(doc).load()
    assert storage.dumps(copy_) == storage.dumps(doc)
    copy_.projects[0].indicators[0].name = "改了"
    assert doc.projects[0].indicators[0].name != "改了"


def test_cancelled_is_its_own_value():
    assert repr(CANCELLED) == "CANCELLED"


# ------------------------------------------------- 取消 stops the worker (cancel.checkpoint)


def _cancel_when_shown(pressed: list[float]):
    """Click 取消 on the first visible progress dialog; the time is put in *pressed*."""

    def press() -> None:
        if pressed:
            return
        for dialog in QApplication.topLevelWidgets() + [
            d for w in QApplication.topLevelWidgets() for d in w.findChildren(QProgressDialog)
        ]:
            if isinstance(dialog, QProgressDialog) and dialog.isVisible():
                button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
                pressed.append(time.perf_counter())
                button.click()
                return

    return qtbot_timer(press)


def _worker_ends_within(seconds: float) -> float:
    """Wait for the goaleditor worker threads; how long that took (fails past *seconds*)."""
    start = time.perf_counter()
    for thread in threading.enumerate():
        if thread.name.startswith("goaleditor: "):
            thread.join(timeout=seconds)
            assert not thread.is_alive(), f"{thread.name} still runs {seconds} s after 取消"
    return time.perf_counter() - start


def test_cancel_stops_the_worker_at_its_next_checkpoint(qapp, monkeypatch):
    from goaleditor.cancel import checkpoint

    monkeypatch.setattr(background, "SHOW_AFTER_MS", 30)
    steps = []
    ended = []

    def endless() -> None:
        try:
            while True:  # a long export: one checkpoint per page
                checkpoint()
                steps.append(1)
                time.sleep(0.005)
        finally:
            ended.append(time.perf_counter())

    pressed: list[float] = []
    poll = _cancel_when_shown(pressed)
    try:
        assert run_in_background(None, "导出", "正在导出……", endless) is CANCELLED
    finally:
        poll.stop()
    _worker_ends_within(2.0)
    assert steps and ended and ended[0] - pressed[0] < 1.0


def test_work_that_raises_cancelled_counts_as_cancelled(qapp, tmp_path):
    from goaleditor.cancel import Cancelled

    def write(path: Path) -> None:
        path.write_text("half")
        raise Cancelled

    target = tmp_path / "a.docx"
    result = background.write_in_background(None, "导出", "正在导出……", target, write)
    assert result is CANCELLED
    assert list(tmp_path.iterdir()) == []  # nothing written, the temporary folder gone


def test_a_cancelled_word_export_stops_before_writing(make_window, tmp_path, save_to, monkeypatch):
    from goaleditor.export import docx

    window = make_window(_big(sample_copy(tmp_path), copies=40))
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 50)
    saved = []
    real_save = docx.atomic_write
    monkeypatch.setattr(docx, "atomic_write", lambda *a, **k: saved.append(1) or real_save(*a, **k))
    target = tmp_path / "全部.docx"
    save_to.append(str(target))
    pressed: list[float] = []
    poll = _cancel_when_shown(pressed)
    try:
        assert not window.output.export_docx()
    finally:
        poll.stop()
    assert pressed, "the export lasted long enough to be cancelled"
    _worker_ends_within(3.0)
    assert not saved, "the Word file was not written after 取消"
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".goaleditor-")]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_cancelled_import_stops_reading(qapp, tmp_path, monkeypatch, file_dialogs, suffix):
    from goaleditor.cancel import Cancelled
    from goaleditor.export.docx import write_docx
    from goaleditor.export.xlsx import write_xlsx
    from goaleditor.gui.dialogs.year_dialogs import run_import_dialog
    from goaleditor.importers import commands

    doc = storage.load(_big(sample_copy(tmp_path), copies=30))
    source = tmp_path / f"大文档{suffix}"
    (write_docx if suffix == ".docx" else write_xlsx)(doc, source)
    file_dialogs.open_paths.append(str(source))
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 50)
    outcome = []
    real = commands.import_file
    pressed: list[float] = []

    def watched(path):
        deadline = time.perf_counter() + 10
        while not pressed and time.perf_counter() < deadline:
            time.sleep(0.01)  # reading starts once 取消 is pressed: it must stop at once
        try:
            return real(path)
        except BaseException as err:
            outcome.append(type(err))
            raise

    monkeypatch.setattr(commands, "import_file", watched)
    poll = _cancel_when_shown(pressed)
    try:
        assert run_import_dialog(None, str(tmp_path)) is None
    finally:
        poll.stop()
    assert pressed
    _worker_ends_within(3.0)
    assert outcome == [Cancelled], "the import stopped at a checkpoint, not at its end"


def test_a_long_print_preview_opens_and_scrolls_without_freezing(
    make_window, tmp_path, monkeypatch
):
    """Pages are rasterised in a thread as they come into view: the window only draws."""
    from PySide6.QtTest import QTest

    from goaleditor.gui.output import print_preview

    window = make_window(_big(sample_copy(tmp_path), copies=12))
    seen = {}

    def browse(dialog) -> int:
        dialog.resize(900, 800)
        dialog.show()
        view = dialog.view
        for index in range(0, view.page_count(), 7):
            view.go_to(index)
            QTest.qWait(15)
        bar = view.verticalScrollBar()
        for _ in range(20):
            bar.setValue(bar.value() - 80)
            QTest.qWait(10)
        seen["pages"] = view.page_count()
        seen["threads"] = set(view.renderer.threads)
        dialog.reject()
        return 0

    monkeypatch.setattr(print_preview.PreviewDialog, "exec", browse)
    stop = stall_probe()
    window.output.print_preview()
    longest = stop()
    assert seen["pages"] > 100
    assert seen["threads"] and threading.get_ident() not in seen["threads"]
    assert longest < 0.4, f"the window stalled {longest:.3f} s"  # Qt's dialog: 2 s


def test_the_dialog_shows_how_far_the_work_is(qapp, monkeypatch):
    from PySide6.QtWidgets import QProgressBar

    monkeypatch.setattr(background, "SHOW_AFTER_MS", 30)
    done = [0]
    bars: list[tuple[int, int]] = []

    def work() -> str:
        for step in range(1, 11):
            time.sleep(0.05)
            done[0] = step
        return "printed"

    def look() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QProgressDialog) and dialog.isVisible():
                bar = dialog.findChild(QProgressBar)
                bars.append((bar.value(), bar.maximum()))

    poll = qtbot_timer(look)
    try:
        result = run_in_background(
            None, "打印", "正在打印（共 10 页）……", work, progress=lambda: (done[0], 10)
        )
    finally:
        poll.stop()
    assert result == "printed"
    assert bars and all(maximum == 10 for _value, maximum in bars[1:])
    assert any(0 < value < 10 for value, _maximum in bars)


def test_a_cancelled_print_preview_stops_making_its_pdf(make_window, tmp_path, monkeypatch):
    from goaleditor.cancel import Cancelled
    from goaleditor.gui.output import print_preview

    window = make_window(_big(sample_copy(tmp_path), copies=30))
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 50)
    outcome = []
    real = print_preview.render_pages
    pressed: list[float] = []

    def watched(*args):
        deadline = time.perf_counter() + 10
        while not pressed and time.perf_counter() < deadline:
            time.sleep(0.01)  # the PDF starts once 取消 is pressed: it must stop at once
        try:
            return real(*args)
        except BaseException as err:
            outcome.append(type(err))
            raise

    monkeypatch.setattr(print_preview, "render_pages", watched)
    shown = []
    monkeypatch.setattr(print_preview.PreviewDialog, "exec", lambda self: shown.append(1) or 0)
    poll = _cancel_when_shown(pressed)
    try:
        window.output.print_preview()
    finally:
        poll.stop()
    assert pressed and not shown
    _worker_ends_within(3.0)
    assert outcome == [Cancelled], "the PDF stopped at a checkpoint, not at its end"
