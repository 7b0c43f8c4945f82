"""The library behind the editor: the index, built and rebuilt off the window's thread.

The index is built once the window has painted (`start`), and again whenever the
history learns a document (`record`: after 打开, 保存 and 导入).  The document's entries
are taken on the window's thread (quick, and the document may change right after);
reading and writing the history file and building the index run on one worker thread,
one job after another, and the finished index is handed back through a signal.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ...errors import GoalEditorError
from ...model import Document, Indicator, Project

if TYPE_CHECKING:  # the index and its worker are loaded after the window's first paint
    from concurrent.futures import ThreadPoolExecutor

    from ...library.entries import LibraryEntry
    from ...library.search import LibraryIndex


class LibraryService(QObject):
    #: A new index is in place (`index`).
    indexReady = Signal()
    #: A note for the clerk about the history file (damaged, read-only, not written) or "".
    noteChanged = Signal(str)
    #: The worker's result: (index or None, note).
    _finished = Signal(object, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.index: LibraryIndex | None = None
        self.note = ""
        self._pool: ThreadPoolExecutor | None = None
        #: Jobs asked for before `start` (a file opened before the first paint) wait.
        self._waiting: list | None = []
        self._submitted = self._delivered = 0
        self._closed = False
        self._finished.connect(self._on_finished)

    # ------------------------------------------------------------ jobs

    def start(self) -> None:
        """Build the index (history and built-in entries) in the background; run the jobs
        asked for before (each of which builds it too)."""
        waiting, self._waiting = self._waiting or [], None
        for job in waiting or [_build]:
            self._submit_or_record(job)

    def record(self, doc: Document, path: str | os.PathLike) -> None:
        """The history learns *doc* (just opened from, saved to or imported from *path*).

        Before `start` (a file opened before the first paint) the document waits and its
        entries are taken at `start`: nothing can edit it before the window has painted.
        """
        if self._waiting is not None:
            self._waiting.append((doc, path))
            return
        from ...library.history import document_entries

        source, entries = document_entries(doc, path)
        self._submit(lambda: _record(source, entries))

    def share(self, entries: list[LibraryEntry]) -> None:
        """Add entries from a colleague's list (从 Excel 导入) to the history."""
        self._submit(lambda: _share(entries))

    def rebuild(self) -> None:
        """Read every document the history was learnt from again (从文档重建)."""
        self._submit(_rebuild)

    def _submit(self, job) -> None:
        if self._closed:  # the window is closing: no new work
            return
        if self._waiting is not None:
            self._waiting.append(job)
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="library")
        self._pool.submit(self._run, job)
        self._submitted += 1

    def _submit_or_record(self, job) -> None:
        """A waiting job: a callable, or a (document, path) `record` put off until now."""
        if callable(job):
            self._submit(job)
        else:
            self.record(*job)

    def _run(self, job) -> None:
        try:
            index, note = job()
        except GoalEditorError as err:  # e.g. the history could not be written
            index, note = None, str(err)
        except Exception as err:  # a fault of the program: logged, said, and the editor goes on
            from ...applog import program_fault

            index, note = None, str(program_fault("更新指标库", err))
        with contextlib.suppress(RuntimeError):  # the window (and this object) is gone
            self._finished.emit(index, note)

    def _on_finished(self, index: LibraryIndex | None, note: str) -> None:
        self._delivered += 1
        if note != self.note:
            self.note = note
            self.noteChanged.emit(note)
        if index is not None:
            self.index = index
            self.indexReady.emit()

    def idle(self) -> bool:
        """Started, no job running or waiting, and its last result delivered."""
        return self._waiting is None and self._delivered == self._submitted

    def shutdown(self) -> None:
        """Finish the running job (the history file is never left half-written), record the
        documents still waiting for the first paint, and stop."""
        waiting, self._waiting = self._waiting or [], None
        for job in waiting:
            if job is not _build:
                self._submit_or_record(job)
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)  # documents queued are still recorded
            self._pool = None

    # ------------------------------------------------------------ look-ups

    def previous_year(self, doc: Document, owner: object, ind: Indicator) -> LibraryEntry | None:
        """The history entry of *ind* in last year's document (None before the index is
        built, or when the history has none)."""
        if self.index is None or not ind.name.strip():
            return None
        return self.index.previous_year(
            year=doc.fiscal_year,
            project=owner.name if isinstance(owner, Project) else "",
            name=ind.name.strip(),
            unit_name=doc.unit_name,
            level2=ind.level2,
        )


def _build() -> tuple[LibraryIndex, str]:
    from ...library.history import History
    from ...library.search import default_index

    history = History.load()
    return default_index(history.entries), history.note


def _record(source: str, entries: list[LibraryEntry]) -> tuple[LibraryIndex, str]:
    from ...library.history import History, record_entries
    from ...library.search import default_index

    try:
        history = record_entries(source, entries)
    except GoalEditorError as err:  # not written (read-only, disk full): search what is there
        history = History.load()
        return default_index([*history.entries, *entries]), f"{history.note}\n{err}".strip()
    return default_index(history.entries), history.note


def _share(entries: list[LibraryEntry]) -> tuple[LibraryIndex, str]:
    from ...library.history import History
    from ...library.search import default_index

    history = History.load()
    history.add_entries(entries)
    history.save()
    return default_index(history.entries), history.note


def _rebuild() -> tuple[LibraryIndex, str]:
    from ...library.history import History, rebuild
    from ...library.search import default_index

    history = History.load()
    _read, notes = rebuild(history)
    history.save()
    note = history.note
    if notes:
        note = (
            (note + "\n" if note else "")
            + f"有 {len(notes)} 个文档无法读取，其指标保留不变：\n"
            + "\n".join(notes)
        )
    return default_index(history.entries), note
