"""Who else has a document open, and whether it changed on disk since it was read.

Two editor windows on one file would overwrite each other's work without a word; so
would a window and any other program.  Two guards, both without Qt:

- A **lock file** says that a window has the document open for editing: beside the
  document (``.~lock.名称.json#``, as office programs do) or, where that folder cannot
  be written (a read-only share), in the user data folder under a name made from the
  document's path.  It holds the process id, the computer, the user and the time.  A
  lock whose process is gone (same computer, no such process) was left by a crash and
  counts for nothing; one from another computer is believed.
- A **stamp** (size, modification time and SHA-256 of the bytes) taken when the file
  is read and after every save: if the file on disk no longer matches it, someone else
  wrote it, and saving over it asks first.

File names may be in any encoding: paths go to the system as they came (a name that
is not UTF-8 keeps its bytes through ``surrogateescape``) and never into the lock's text.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import data_dir

LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
#: Tokens of the locks this process holds (two windows of one process tell each other apart).
_HELD: set[str] = set()


def _host() -> str:
    return socket.gethostname() or "?"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def lock_paths(doc_path: str | os.PathLike) -> list[Path]:
    """Where a lock of *doc_path* may be: beside it, then in the user data folder (when
    there is one)."""
    doc_path = Path(os.path.abspath(doc_path))
    places = [doc_path.with_name(f"{LOCK_PREFIX}{doc_path.name}{LOCK_SUFFIX}")]
    key = hashlib.sha256(os.fsencode(os.path.normcase(str(doc_path)))).hexdigest()[:32]
    with contextlib.suppress(OSError):
        places.append(data_dir() / "locks" / f"{key}.lock")
    return places


@dataclass(frozen=True)
class LockInfo:
    """What a lock file says of the window that holds the document."""

    pid: int
    host: str
    user: str = ""
    since: str = ""
    token: str = ""

    def describe(self) -> str:
        """``本机的另一个窗口（进程 1234，自 2026-12-06 09:30 起）`` and the like."""
        since = f"，自 {self.since} 起" if self.since else ""
        if self.host == _host():
            return f"本机的另一个编辑器窗口（进程 {self.pid}{since}）"
        user = f"用户“{self.user}”" if self.user else "另一位用户"
        return f"计算机“{self.host}”上的{user}（进程 {self.pid}{since}）"


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(ok) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def _read(lock: Path) -> LockInfo | None:
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("pid"), int):
        return None

    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    return LockInfo(data["pid"], text("host"), text("user"), text("since"), text("token"))


def _alive(info: LockInfo) -> bool:
    if info.host != _host():
        return True  # cannot look at another computer's processes: believe it
    if info.pid == os.getpid():
        return info.token in _HELD
    return process_alive(info.pid)


def holder(doc_path: str | os.PathLike, own_token: str = "") -> LockInfo | None:
    """The live window (other than the one holding *own_token*) that has *doc_path* open.

    Locks left by crashed editors and unreadable lock files count for nothing.
    """
    for lock in lock_paths(doc_path):
        info = _read(lock)
        if info is not None and (not own_token or info.token != own_token) and _alive(info):
            return info
    return None


class DocumentLock:
    """This window's lock on one document; `release` removes it (only if still its own)."""

    def __init__(self, doc_path: str | os.PathLike):
        self.doc_path = Path(doc_path)
        self.token = os.urandom(8).hex()
        self.path: Path | None = None

    def acquire(self) -> bool:
        """Write the lock (beside the document, else in the data folder); False when
        neither place can be written (the document still opens, unguarded)."""
        info = {
            "pid": os.getpid(),
            "host": _host(),
            "user": _user(),
            "since": time.strftime("%Y-%m-%d %H:%M"),
            "token": self.token,
        }
        text = json.dumps(info, ensure_ascii=False)
        for lock in lock_paths(self.doc_path):
            tmp = lock.with_name(lock.name + f".{self.token}.tmp")
            try:
                lock.parent.mkdir(parents=True, exist_ok=True)
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, lock)
            except OSError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                continue
            _hide(lock)
            self.path = lock
            _HELD.add(self.token)
            return True
        return False

    def release(self) -> None:
        _HELD.discard(self.token)
        if self.path is None:
            return
        info = _read(self.path)
        if info is not None and info.token == self.token:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.path = None


def _hide(path: Path) -> None:
    """Windows shows dot-files: mark the lock hidden, as office programs do."""
    if os.name == "nt":
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x02)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ stamps


@dataclass(frozen=True)
class FileStamp:
    """The size, modification time and content hash of a file as this window knows it."""

    size: int
    mtime_ns: int
    sha256: str


def stamp(path: str | os.PathLike) -> FileStamp | None:
    """The file's stamp now (None: it cannot be read or is not there)."""
    path = Path(path)
    try:
        before = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return FileStamp(before.st_size, before.st_mtime_ns, digest)


def changed_since(path: str | os.PathLike, known: FileStamp | None) -> bool:
    """Whether *path* on disk is no longer the file *known* describes.

    A file that is gone has nothing to overwrite (False); one touched but with the same
    bytes is unchanged.  Size and time decide cheaply; the hash only when they differ.
    """
    if known is None:
        return False
    try:
        now = Path(path).stat()
    except OSError:
        return False
    if now.st_size == known.size and now.st_mtime_ns == known.mtime_ns:
        return False
    current = stamp(path)
    return current is not None and current.sha256 != known.sha256
