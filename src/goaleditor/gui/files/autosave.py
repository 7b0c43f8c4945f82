"""Autosave: a copy of unsaved work in the user data folder, and recovery after a crash.

Every running window owns one session file ``autosave/<id>.json`` (a normal goaleditor
document, written atomically) with ``<id>.meta.json`` beside it (where the work came
from, when it was written) and holds ``<id>.lock`` while it runs.  A saved or cleanly
closed document removes its files.  Files whose lock nobody holds are what a crash
left behind: the next start offers them for recovery.

The copy is written a few seconds after the clerk stops changing things
(`AUTOSAVE_DELAY_MS`, restarted by every change) and at the latest `AUTOSAVE_MAX_WAIT_MS`
after the first change not yet in it, so steady typing is saved too.  Each change only
restarts a timer: nothing is written on the typing path.  When the timer fires, the
window's thread only takes a snapshot of the document, a few milliseconds at a time
between its other events (`background.SnapshotBuilder`; a change meanwhile drops it, and
the next one is then taken in one go, ~25 ms for 500 projects); a worker thread turns it
into JSON and writes it (atomically, as always).  One write at a time: changes while a write runs get one more
write after it.  A write that fails (disk full) emits `failed` with the reason; the
next one that works emits `recovered`.  Without a data folder (it cannot be created)
there is no autosave: `available` is False.

The meta file also keeps the stamp of the document's file as the window knew it, so a
recovered document asks before overwriting a file that changed on disk since.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from ... import storage
from ...applog import program_fault
from ...errors import WriteError
from ...fileio import atomic_write, json_bytes
from ...filelock import FileStamp
from ...model import Document
from ...paths import data_subdir
from ..common.background import Snapshot, SnapshotBuilder, hold_gc, release_gc
from ..common.context import EditorContext

logger = logging.getLogger(__name__)

#: Quiet time after the last change before the copy is written.
AUTOSAVE_DELAY_MS = 3_000
#: Longest a change waits for the copy while the clerk keeps changing things.
AUTOSAVE_MAX_WAIT_MS = 20_000
_META = ".meta.json"
_LOCK = ".lock"
#: How often the window looks whether the worker's write has ended.
POLL_MS = 20
#: The snapshot is taken this long at a time (seconds), the window running in between.
SLICE_SECONDS = 0.006
#: The stamp of a file whose state the autosave does not know (an autosave of an older
#: version): never equal to a real file, so saving over it asks first.
UNKNOWN_STAMP = FileStamp(-1, -1, "")


def autosave_dir() -> Path:
    return data_subdir("autosave")


@dataclass
class Orphan:
    """An autosave left behind by a session that did not end cleanly."""

    path: Path
    source: str | None
    saved_at: str
    #: 单位名称 and 年度 of the work, so two new documents can be told apart.
    unit_name: str = ""
    fiscal_year: int | None = None
    projects: int | None = None
    #: The source file as the crashed window knew it (`UNKNOWN_STAMP`: not recorded).
    stamp: FileStamp | None = UNKNOWN_STAMP

    @property
    def name(self) -> str:
        """The file the work came from, or what it is when it was never saved."""
        return f"“{Path(self.source).name}”" if self.source else "未保存过的新文档"

    @property
    def details(self) -> str:
        """``某某检察院 · 2024 年度 · 12 个项目`` (what is known of it)."""
        parts = [self.unit_name.strip()] if self.unit_name.strip() else []
        if self.fiscal_year:
            parts.append(f"{self.fiscal_year} 年度")
        if self.projects is not None:
            parts.append(f"{self.projects} 个项目")
        return " · ".join(parts)

    def describe(self) -> str:
        when = self.saved_at or "时间不详"
        details = f"，{self.details}" if self.details else ""
        return f"{self.name}（自动保存于 {when}{details}）"

    def missing(self) -> str:
        """What the clerk must know: edits after the autosave's time are not in it."""
        if not self.saved_at:
            return "自动保存的时间不详；最后一次自动保存之后所做的修改没有保存下来。"
        return f"自动保存于 {self.saved_at}；这个时间之后所做的修改没有保存下来，请恢复后检查。"

    def load(self) -> Document:
        return storage.load(self.path)

    def source_file(self) -> Path | None:
        """The file the work came from, when it is still there."""
        return Path(self.source) if self.source and Path(self.source).is_file() else None

    def discard(self) -> None:
        for extra in (self.path, _meta_path(self.path), _lock_path(self.path)):
            with contextlib.suppress(OSError):
                extra.unlink()


def _meta_path(path: Path) -> Path:
    return path.with_name(path.stem + _META)


def _lock_path(path: Path) -> Path:
    return path.with_name(path.stem + _LOCK)


def write_autosave(
    doc: Document,
    path: Path,
    source: Path | None,
    stamp: FileStamp | None = None,
    saved_at: str = "",
) -> None:
    """The document (atomic) and then its meta file.

    *stamp* is *source* as the window knew it; *saved_at* the time of the snapshot (now
    when not given).
    """
    text = storage.dumps(doc).encode("utf-8")
    atomic_write(path, lambda tmp: tmp.write_bytes(text), action="自动保存")
    meta = {
        "source": str(source) if source else None,
        "saved_at": saved_at or time.strftime("%Y-%m-%d %H:%M:%S"),
        "unit_name": doc.unit_name,
        "fiscal_year": doc.fiscal_year,
        "projects": len(doc.projects),
        "stamp": None if stamp is None else asdict(stamp),
    }
    meta_bytes = json_bytes(meta)  # a source name that is not UTF-8 is written escaped
    atomic_write(_meta_path(path), lambda tmp: tmp.write_bytes(meta_bytes), action="自动保存")


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    """Autosaves whose session is gone (no live lock), newest first."""
    folder = folder if folder is not None else autosave_dir()
    found = []
    for path in folder.glob("*.json"):
        if path.name.endswith(_META):
            continue
        lock = QLockFile(str(_lock_path(path)))
        lock.setStaleLockTime(0)  # a live window's lock never goes stale by age
        if not lock.tryLock(0):
            continue  # another running window owns it
        lock.unlock()
        found.append((path.stat().st_mtime, _read_orphan(path)))
    _remove_stale_locks(folder)
    found.sort(key=lambda item: item[0], reverse=True)
    return [orphan for _mtime, orphan in found]


def _read_orphan(path: Path) -> Orphan:
    """What the meta file says of an autosave (a missing or damaged one says nothing)."""
    meta: dict = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(_meta_path(path).read_text(encoding="utf-8"))
        meta = loaded if isinstance(loaded, dict) else {}

    def get(key: str, kind: type):
        value = meta.get(key)
        return value if isinstance(value, kind) and not isinstance(value, bool) else None

    return Orphan(
        path,
        get("source", str),
        get("saved_at", str) or "",
        get("unit_name", str) or "",
        get("fiscal_year", int),
        get("projects", int),
        _read_stamp(meta),
    )


def _read_stamp(meta: dict) -> FileStamp | None:
    """The meta file's stamp: None when the window had none, `UNKNOWN_STAMP` when the
    meta file does not say (or says nonsense)."""
    if "stamp" not in meta:
        return UNKNOWN_STAMP
    value = meta["stamp"]
    if value is None:
        return None
    try:
        size, mtime_ns, sha256 = value["size"], value["mtime_ns"], value["sha256"]
    except (TypeError, KeyError):
        return UNKNOWN_STAMP
    if not (isinstance(size, int) and isinstance(mtime_ns, int) and isinstance(sha256, str)):
        return UNKNOWN_STAMP
    return FileStamp(size, mtime_ns, sha256)


def _remove_stale_locks(folder: Path) -> None:
    """Locks of sessions that ended without unsaved work (killed while clean)."""
    for lock_file in folder.glob(f"*{_LOCK}"):
        if lock_file.with_name(lock_file.name.removesuffix(_LOCK) + ".json").exists():
            continue
        lock = QLockFile(str(lock_file))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            lock.unlock()  # removes the file


class Autosaver(QObject):
    """Writes the session file a few seconds after changes, while the stack is not clean.

    The timers' write runs in a worker (`save_soon`); `save_now` writes at once and waits
    (the safety net after an error, a recovery, the tests).
    """

    #: An autosave could not be written: the reason (the first of a run of failures).
    failed = Signal(str)
    #: An autosave was written again after `failed`.
    recovered = Signal()

    def __init__(
        self,
        ctx: EditorContext,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        parent: QObject | None = None,
        max_wait_ms: int = AUTOSAVE_MAX_WAIT_MS,
    ):
        super().__init__(parent)
        self.ctx = ctx
        #: The document's file as the window last read or wrote it (kept in the meta file).
        self.stamp_of: Callable[[], FileStamp | None] = lambda: None
        #: The last failure ("" after a write that worked).
        self.last_error: str = ""
        try:
            folder = autosave_dir()
        except OSError as err:
            folder = None
            self.last_error = f"无法创建自动保存文件夹（系统错误 {err.errno}）"
        #: False when there is no data folder to autosave into.
        self.available = folder is not None
        self.path = (folder or Path()) / f"{os.getpid()}-{os.urandom(4).hex()}.json"
        self.lock = QLockFile(str(_lock_path(self.path)))
        self.lock.setStaleLockTime(0)
        if self.available:
            self.lock.tryLock(0)
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.save_soon)
        #: Started by the first change not yet autosaved; fires even during steady typing.
        self.cap = QTimer(self, singleShot=True, interval=max(max_wait_ms, delay_ms))
        self.cap.timeout.connect(self.save_soon)
        #: One thread, so never two writes at once; made when first needed.
        self._writer: ThreadPoolExecutor | None = None
        self._running: Future | None = None
        #: Changes came while a write ran: write once more after it.
        self._again = False
        #: The snapshot being taken in slices, and what its write will record.
        self._building: SnapshotBuilder | None = None
        self._job_of_building: tuple[Path | None, FileStamp | None, str] | None = None
        #: A change dropped the last sliced snapshot: take the next one in one go.
        self._dropped = False
        self._slice = QTimer(self, singleShot=True, interval=0)
        self._slice.timeout.connect(self._next_slice)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._check_write)
        ctx.edited.connect(self.schedule)
        ctx.undo_stack.cleanChanged.connect(self._clean_changed)
        ctx.documentReplaced.connect(self._document_replaced)

    def schedule(self) -> None:
        """A change: restart the quiet-time timer (cheap: the typing path calls it)."""
        if not self.available:
            return
        if self._building is not None:  # changed under the snapshot: it would mix states
            self._drop_building()
            self._dropped = True
        self.timer.start()
        if not self.cap.isActive():
            self.cap.start()

    def _job(self) -> tuple[Path | None, FileStamp | None, str]:
        return self.ctx.file_path, self.stamp_of(), time.strftime("%Y-%m-%d %H:%M:%S")

    def save_soon(self) -> bool:
        """Autosave in the worker: a snapshot now, JSON and file there.  False when there
        is nothing to write; a write already running gets one more after it."""
        self.timer.stop()
        self.cap.stop()
        if not self.available or self.ctx.undo_stack.isClean():
            return False
        if self.writing():
            self._again = True
            return True
        if self._dropped:  # changes keep coming: one short stall rather than no autosave
            self._submit(Snapshot(self.ctx.document), self._job())
            return True
        self._building, self._job_of_building = SnapshotBuilder(self.ctx.document), self._job()
        self._next_slice()
        return True

    def _next_slice(self) -> None:
        if self._building is None or self._job_of_building is None:
            return
        copy = self._building.step(SLICE_SECONDS)
        if copy is None:
            self._slice.start()
            return
        job = self._job_of_building
        self._drop_building()
        self._submit(copy, job)

    def _drop_building(self) -> None:
        self._slice.stop()
        self._building = self._job_of_building = None

    def _submit(self, copy: Snapshot, job: tuple[Path | None, FileStamp | None, str]) -> None:
        """The worker writes *copy*, recording *job* (source, its stamp, the time)."""
        self._dropped = False
        source, stamp, saved_at = job
        if self._writer is None:
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="goaleditor-autosave")
        hold_gc()  # released by `_finish`
        self._running = self._writer.submit(
            lambda: write_autosave(copy.load(), self.path, source, stamp, saved_at)
        )
        self._poll.start()

    def writing(self) -> bool:
        """An autosave is under way (its snapshot being taken, or its write running)."""
        return self._running is not None or self._building is not None

    def _check_write(self) -> None:
        if self._running is not None and self._running.done():
            self._finish()

    def _finish(self) -> bool:
        """The worker's write has ended (waits for it): tell how it went, and clean up."""
        running, self._running = self._running, None
        self._poll.stop()
        if running is None:
            return False
        try:
            try:
                running.result()
            finally:
                release_gc()
            ok = self._succeeded()
        except WriteError as err:
            ok = self._failed(str(err))
        except Exception as err:  # a bug, not the disk: logged, told like a failure
            ok = self._failed(str(program_fault("自动保存", err, logger)))
        if self.ctx.undo_stack.isClean():
            self.remove()  # saved or undone meanwhile: what was just written is not needed
        elif self._again:
            self._again = False
            self.save_soon()
        return ok

    def _succeeded(self) -> bool:
        if self.last_error:
            self.last_error = ""
            self.recovered.emit()
        return True

    def _failed(self, reason: str) -> bool:
        first = not self.last_error
        self.last_error = reason
        if first:
            self.failed.emit(reason)
        return False

    def save_now(self) -> bool:
        """Write the autosave now and wait; True when a file was written."""
        self.timer.stop()
        self.cap.stop()
        self._drop_building()  # this write takes the document as it is now
        if self._running is not None:
            self._again = False
            self._finish()  # never two writes at once: the worker's goes first
        if not self.available or self.ctx.undo_stack.isClean():
            return False
        source, stamp, saved_at = self._job()
        try:
            write_autosave(self.ctx.document, self.path, source, stamp, saved_at)
        except WriteError as err:
            return self._failed(str(err))
        return self._succeeded()

    def remove(self) -> None:
        if not self.available:
            return
        for path in (self.path, _meta_path(self.path)):
            with contextlib.suppress(OSError):
                path.unlink()

    def shutdown(self) -> None:
        """A clean close: the work was saved or deliberately discarded."""
        self.timer.stop()
        self.cap.stop()
        self._again = False
        self._drop_building()
        if self._running is not None:
            with contextlib.suppress(Exception):
                self._running.result()
            self._running = None
            self._poll.stop()
            release_gc()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        if self.available:
            self.remove()
            self.lock.unlock()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.remove()

    def _document_replaced(self) -> None:
        if self.ctx.undo_stack.isClean():
            self.remove()


def recover(
    ctx: EditorContext,
    orphan: Orphan,
    saver: Autosaver | None,
    track: Callable[[Path | None], None] | None = None,
) -> None:
    """Open the orphan as an unsaved document and hand it over to this session.

    The document keeps the file it came from (if that still exists), so 保存 writes
    there — the previous version is kept as ``.bak``.  *track* is called with that file
    (or None) before this session's autosave is written: the window takes the file's
    lock and the orphan's stamp there, as for a file it opened.  Raises
    `FileFormatError` when the autosave cannot be read (it is then kept).
    """
    doc = orphan.load()
    source = orphan.source_file()
    ctx.replace_document(doc, source)
    ctx.undo_stack.resetClean()
    if track is not None:
        track(source)
    if saver is not None:
        saver.save_now()
    orphan.discard()
