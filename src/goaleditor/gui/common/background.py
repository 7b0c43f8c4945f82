"""Long work (export, print preview, import) off the window's thread, with progress.

`run_in_background` runs a Qt-free function in a worker thread while the window keeps
painting and answering; after `SHOW_AFTER_MS` a 请稍候 dialog with a 取消 button
appears (QProgressDialog, window-modal, so no second export starts meanwhile).  The
function must work on its own data: callers hand it a `snapshot` of the document, so
the clerk's edits during the work change nothing in it.  取消 returns at once with
`CANCELLED` and tells the worker to stop: the work runs inside
``cancel.cancelling(event)`` and the event is set, so the exporters' and importers'
next `cancel.checkpoint()` raises `Cancelled` and the thread ends within one page,
form or block of rows.  Its *cleanup* runs then (a temporary file is removed: a
cancelled export writes nothing).  Work that raises `Cancelled` itself counts as
cancelled too.  Any other exception in the worker is raised again in the caller.

`write_in_background` is that for a file: the worker writes into a temporary folder,
and only a finished, not cancelled result is copied over the target (atomically).
"""

from __future__ import annotations

import contextlib
import copy
import gc
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget

from ...cancel import Cancelled, cancelling
from ...fileio import atomic_write
from ...model import Document

T = TypeVar("T")

#: Work shorter than this shows no dialog (the busy cursor only).
SHOW_AFTER_MS = 500
#: How often the waiting window looks whether the worker is done.
POLL_MS = 15


class _Cancelled:
    def __repr__(self) -> str:
        return "CANCELLED"


#: What `run_in_background` returns when the clerk pressed 取消.
CANCELLED: Any = _Cancelled()


class Snapshot:
    """The document as it is now, for a worker: pickled in the window's thread (a few
    times faster than deepcopy), unpickled by `load` in the worker.

    Pickled project by project: ``pickle.loads`` holds the interpreter lock for the
    whole blob, so one blob of a 500-project document would hold the window ~50 ms
    while the worker reads it; a project at a time lets the window run in between.
    """

    def __init__(self, doc: Document):
        whole = SnapshotBuilder(doc).step(float("inf"))
        assert whole is not None
        self._shell, self._projects = whole._shell, whole._projects

    def load(self) -> Document:
        """A deep copy of the document as it was when the snapshot was taken."""
        doc = pickle.loads(self._shell)
        doc.projects = [pickle.loads(blob) for blob in self._projects]
        return doc


class SnapshotBuilder:
    """A `Snapshot` taken a few milliseconds at a time, the window running in between.

    `step` pickles projects for about the time given and returns the snapshot once all
    are done.  The document must not change meanwhile: whoever uses a builder drops it
    at the first change (and takes the next snapshot in one go if that keeps happening).
    """

    def __init__(self, doc: Document):
        shell = copy.copy(doc)  # shallow: everything but the projects, pickled once
        shell.projects = []
        self.shell = pickle.dumps(shell, pickle.HIGHEST_PROTOCOL)
        self.projects: list[bytes] = []
        self.todo = list(doc.projects)
        self._next = 0

    def step(self, seconds: float) -> Snapshot | None:
        end = time.perf_counter() + seconds
        while self._next < len(self.todo):
            project = self.todo[self._next]
            self.projects.append(pickle.dumps(project, pickle.HIGHEST_PROTOCOL))
            self._next += 1
            if time.perf_counter() >= end:
                break
        if self._next < len(self.todo):
            return None
        self.todo = []
        snap = Snapshot.__new__(Snapshot)
        snap._shell, snap._projects = self.shell, self.projects
        return snap


_gc_holds = 0
_gc_was_enabled = False


def hold_gc() -> None:
    """Pause Python's cyclic garbage collector while a worker runs (window's thread only).

    A full collection over the worker's many objects holds every thread for 0.1 s at a
    time, which the window shows as a stall.  Holds nest; `release_gc` ends one.
    """
    global _gc_holds, _gc_was_enabled
    if _gc_holds == 0:
        _gc_was_enabled = gc.isenabled()
        gc.disable()
    _gc_holds += 1


def release_gc() -> None:
    """End a `hold_gc`; the last one lets the collector run again (if it ran before)."""
    global _gc_holds
    _gc_holds = max(0, _gc_holds - 1)
    if _gc_holds == 0 and _gc_was_enabled:
        gc.enable()


def snapshot(doc: Document) -> Snapshot:
    return Snapshot(doc)


def run_in_background(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[], T],
    cleanup: Callable[[], None] | None = None,
    cancellable: bool = True,
    progress: Callable[[], tuple[int, int]] | None = None,
) -> T:
    """Run *work* in a thread; its result, or `CANCELLED`.  *cleanup* runs once the
    worker has ended after a cancel (at its next `cancel.checkpoint()`).  *progress*,
    when given, says ``(done, total)`` of the work (read from the window's thread while
    the work runs): the dialog's bar shows it instead of a busy bar.

    Python's cyclic garbage collector is paused meanwhile: a full collection over the
    worker's many objects holds every thread for 0.1 s at a time, which the window
    would show as a stall.  It runs again when the work is done.
    """
    state: dict[str, Any] = {}
    done = threading.Event()
    cancelled = threading.Event()
    lock = threading.Lock()

    stop = threading.Event()  # what `cancel.checkpoint()` in the work looks at

    def target() -> None:
        try:
            with cancelling(stop):
                state["value"] = work()
        except Cancelled:
            state["cancelled"] = True
        except BaseException as err:  # handed to the caller's thread
            state["error"] = err
        finally:
            with lock:
                done.set()
                late = cancelled.is_set() or "cancelled" in state
            if late and cleanup is not None:
                with contextlib.suppress(Exception):
                    cleanup()

    dialog = QProgressDialog(label, "取消", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.reset()  # no automatic showing: the timer below decides
    bar = QProgressBar(dialog)  # set directly: the dialog's setValue would process events
    bar.setRange(0, 0)
    dialog.setBar(bar)
    loop = QEventLoop()
    poll = QTimer(interval=POLL_MS)

    def look() -> None:
        if done.is_set() or (cancellable and dialog.wasCanceled()):
            loop.quit()  # 取消 clicked emits canceled; Esc or closing only sets wasCanceled
        elif progress is not None:
            finished, total = progress()
            if total > 0:
                bar.setRange(0, total)
                bar.setValue(min(finished, total))

    poll.timeout.connect(look)
    show = QTimer(singleShot=True, interval=SHOW_AFTER_MS)
    show.timeout.connect(lambda: not done.is_set() and dialog.show())
    if cancellable:
        dialog.canceled.connect(loop.quit)
    thread = threading.Thread(target=target, name=f"goaleditor: {title}", daemon=True)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    hold_gc()
    try:
        thread.start()
        poll.start()
        show.start()
        if not done.is_set():
            loop.exec()
    finally:
        release_gc()
        poll.stop()
        show.stop()
        QApplication.restoreOverrideCursor()
        dialog.hide()
        dialog.deleteLater()
    with lock:
        if not done.is_set():  # only a cancellable run gets here before the end
            cancelled.set()
            stop.set()
            return CANCELLED
    if "cancelled" in state:
        return CANCELLED
    if "error" in state:
        raise state["error"]
    return state["value"]


def write_in_background(
    parent: QWidget | None,
    title: str,
    label: str,
    path: Path,
    write: Callable[[Path], T],
    action: str = "导出",
) -> T:
    """``write(tmp)`` in a worker, then the finished file atomically onto *path*.

    Returns what *write* returned, or `CANCELLED` (nothing written, the temporary file
    removed).  A target that cannot be replaced raises `WriteError` as `atomic_write` does.
    """
    try:  # beside the target when possible: the final copy stays on one disk
        folder = Path(tempfile.mkdtemp(prefix=".goaleditor-", dir=path.parent))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="goaleditor-"))
    tmp = folder / path.name

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    result = run_in_background(parent, title, label, lambda: write(tmp), cleanup=remove)
    if result is CANCELLED:
        return CANCELLED
    try:  # the finished file into place: short, and past the point of 取消
        run_in_background(
            parent,
            title,
            f"正在写入“{path.name}”……",
            lambda: atomic_write(path, lambda target: shutil.copyfile(tmp, target), action=action),
            cancellable=False,
        )
    finally:
        remove()
    return result


def stall_probe() -> Callable[[], float]:
    """Start measuring the event loop's longest stall; call the result to stop and get it
    (seconds).  For the benchmark and tests."""
    longest = [0.0]
    last = [time.perf_counter()]
    timer = QTimer(interval=5)

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last[0])
        last[0] = now

    timer.timeout.connect(tick)
    timer.start()

    def stop() -> float:
        tick()
        timer.stop()
        return longest[0]

    return stop
