"""The library's worker: nothing runs before the first paint, nothing is lost at close."""

from __future__ import annotations

from goaleditor import storage
from goaleditor.gui.library.service import LibraryService
from goaleditor.library.history import History
from goaleditor.resources import resource_path

SAMPLE = resource_path("samples", "hebei_2020.json")


def test_a_document_opened_before_the_first_paint_waits_then_is_learnt(qtbot):
    service = LibraryService()
    service.record(storage.load(SAMPLE), SAMPLE)
    assert not service.idle() and service.index is None
    assert History.load().entries == []  # nothing written before start
    with qtbot.waitSignal(service.indexReady, timeout=20000):
        service.start()
    qtbot.waitUntil(service.idle)
    assert len(History.load().entries) == 37
    assert service.index.search("fwdxmyd")[0].entry.source == str(SAMPLE.resolve())
    service.shutdown()


def test_closing_before_the_first_paint_still_records_the_document(qtbot):
    service = LibraryService()
    service.record(storage.load(SAMPLE), SAMPLE)
    service.shutdown()
    assert len(History.load().entries) == 37
    qtbot.waitUntil(service.idle)
    index = service.index
    service.start()  # a late first paint after close starts nothing
    qtbot.wait(100)
    assert service.idle() and service.index is index


def test_a_history_that_cannot_be_written_is_said_and_still_searched(qtbot, monkeypatch):
    from goaleditor.errors import WriteError
    from goaleditor.library import history

    def refuse(self):
        raise WriteError("无法保存指标库“history.json”：磁盘空间已满。")

    monkeypatch.setattr(history.History, "save", refuse)
    service = LibraryService()
    service.start()
    service.record(storage.load(SAMPLE), SAMPLE)
    qtbot.waitUntil(service.idle, timeout=20000)
    assert "磁盘空间已满" in service.note
    assert service.index.search("fwdxmyd")[0].entry.source == str(SAMPLE.resolve())
    service.shutdown()


def test_a_fault_in_the_worker_is_logged_and_said_not_raised(qtbot, monkeypatch):
    from goaleditor.gui.library import service as module

    def broken():
        raise ValueError("boom")

    monkeypatch.setattr(module, "_build", broken)
    service = LibraryService()
    service.start()
    qtbot.waitUntil(service.idle, timeout=20000)
    assert service.index is None
    assert service.note.startswith("程序错误：更新指标库时程序出现了意外错误")
    from goaleditor.applog import log_path

    assert "ValueError: boom" in log_path().read_text(encoding="utf-8")
    service.shutdown()
