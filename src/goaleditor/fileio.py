"""Atomic file writing shared by the document storage and the exporters.

A write goes to a temporary file beside the target and is then swapped in with
``os.replace``: at every moment the target is either the old file or the new one.
A target held open by Excel/WPS (Windows refuses the swap), a read-only folder or a
full disk raise `WriteError` with a Chinese message, and the old file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import GoalEditorError, WriteError

logger = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bak"

#: Windows: antivirus and indexers hold a just-written file for a moment; retry briefly.
_REPLACE_RETRIES = 5
_REPLACE_DELAY = 0.1


def json_bytes(value: object, indent: int | None = None) -> bytes:
    """*value* as UTF-8 JSON; a file name that is not UTF-8 (kept by Python as lone
    surrogates) is written escaped (``\\udcba``), and reads back as the same name."""
    import json

    try:
        return json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=True).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, indent=indent, sort_keys=True).encode("ascii")


#: The longest file name most file systems take, in bytes (UTF-8).
NAME_MAX = 255
#: What `tempfile.mkstemp` adds to the prefix: eight random characters.
_RANDOM = 8
_TEMP_SUFFIX = ".tmp"


def _cut_bytes(text: str, limit: int) -> str:
    """*text* cut at a character boundary to at most *limit* bytes of UTF-8."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def backup_path(path: str | os.PathLike) -> Path:
    """Where the previous version of *path* is kept (``name.json.bak``).

    A name too long for ``.bak`` to be added (a legal 252-byte name) gets a shortened
    one, the same every time: its start, ``~`` and a short hash of the whole name.
    """
    path = Path(path)
    name = path.name + BACKUP_SUFFIX
    if len(name.encode("utf-8", "surrogatepass")) <= NAME_MAX:
        return path.with_name(name)
    digest = hashlib.sha1(path.name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    tail = f"~{digest}{BACKUP_SUFFIX}"
    return path.with_name(_cut_bytes(path.name, NAME_MAX - len(tail)) + tail)


def _temp_prefix(path: Path) -> str:
    """``.stem.`` for the temp files of *path*, short enough for any legal name."""
    return "." + _cut_bytes(path.stem, NAME_MAX - 2 - _RANDOM - len(_TEMP_SUFFIX)) + "."


#: Temp files of writes under way in this process (a backup is written while its
#: file's own temp file waits; with a long name both may share one prefix).
_LIVE_TEMPS: set[str] = set()


def _clean_stale_temps(path: Path) -> None:
    """Remove temp files a killed write to *path* left (``.stem.XXXXXXXX.tmp``)."""
    prefix = _temp_prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if (
            name.startswith(prefix)
            and name.endswith(_TEMP_SUFFIX)
            and len(name) == len(prefix) + _RANDOM + len(_TEMP_SUFFIX)
            and os.path.abspath(entry.path) not in _LIVE_TEMPS
        ):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file (also when spelled differently, or not there yet)."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _describe_os_error(err: OSError, path: Path, action: str) -> str:
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM):
        program = "Word" if path.suffix.lower() in (".docx", ".doc") else "Excel"
        return (
            f"无法{action}“{path.name}”：文件正被其他程序（如 {program}、WPS）打开，或没有写入权限。"
            "请关闭占用该文件的程序，或另选一个位置后重试。"
        )
    if err.errno == errno.ENOSPC:
        return f"无法{action}“{path.name}”：磁盘空间已满。请清理磁盘或另选一个位置后重试。"
    if err.errno == errno.ENOENT:
        return f"无法{action}“{path.name}”：文件夹“{path.parent}”不存在。请另选一个位置。"
    if err.errno == errno.EROFS:
        return f"无法{action}“{path.name}”：该位置是只读的。请另选一个位置。"
    if isinstance(err, IsADirectoryError) or err.errno == errno.EISDIR:
        return f"无法{action}“{path.name}”：已有同名的文件夹。请换一个文件名。"
    if err.errno == errno.ENAMETOOLONG:
        return f"无法{action}“{path.name}”：文件名或路径太长。请换一个短一些的名称或位置。"
    if err.errno in (errno.EINVAL, errno.EILSEQ) or getattr(err, "winerror", None) == 123:
        return f"无法{action}“{path.name}”：文件名中有不允许的字符。请换一个文件名。"
    if err.errno == errno.EDQUOT:
        return f"无法{action}“{path.name}”：磁盘配额已用完。请清理后或另选一个位置后重试。"
    # The system's own words are English (or the system's language): give its number instead.
    code = getattr(err, "winerror", None) or err.errno
    detail = f"（系统错误 {code}）" if code else ""
    return f"无法{action}“{path.name}”：写入时出错{detail}。请另选一个位置后重试。"


def describe_read_error(err: OSError, path: Path, what: str = "文件") -> str:
    """The Chinese message for a file that cannot be read (*what*: the kind expected,
    e.g. "Word 文件")."""
    if isinstance(err, FileNotFoundError):
        backup = backup_path(path)
        if backup.is_file():
            return (
                f"找不到文件“{path}”。同一文件夹中有它的备份“{backup.name}”"
                "（上一次保存前的版本）：可以打开这个备份，核对后另存为原来的文件名。"
            )
        return f"找不到文件“{path}”。"
    if isinstance(err, IsADirectoryError):
        return f"“{path}”是一个文件夹，不是{what}。"
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM):
        return (
            f"无法读取文件“{path.name}”：没有读取权限，或文件正被其他程序独占。"
            "请关闭占用该文件的程序后重试。"
        )
    code = getattr(err, "winerror", None) or err.errno
    detail = f"（系统错误 {code}）" if code else ""
    return (
        f"无法读取文件“{path.name}”{detail}。请确认文件没有被其他程序独占，或复制到本机后再打开。"
    )


def read_limited(
    path: str | os.PathLike,
    limit: int,
    what: str = "文件",
    error: type[GoalEditorError] = GoalEditorError,
) -> bytes:
    """The bytes of *path*, refused at once (*error*, Chinese) when it cannot be a document.

    A device (``/dev/zero``), a pipe (a FIFO named ``.docx`` would block forever), a
    socket or a folder is refused before it is opened; a file over *limit* bytes before
    it is read, and a file that grows past *limit* while being read is refused too.
    """
    path = Path(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise error(
                f"“{path}”不是普通文件（是设备、管道或其他特殊文件），不能打开。"
                "请选择保存在磁盘上的文件。"
            )
        if info.st_size > limit:
            raise error(_too_large(path, info.st_size, limit, what))
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as err:
        raise error(describe_read_error(err, path, what)) from err
    if len(data) > limit:
        raise error(_too_large(path, len(data), limit, what))
    return data


def _too_large(path: Path, size: int, limit: int, what: str) -> str:
    return (
        f"文件“{path.name}”太大（{size_text(size)}），超过了{what}的上限 {size_text(limit)}，"
        "不能打开。请确认选对了文件。"
    )


def size_text(size: int) -> str:
    """``50 MB``, ``300 字节``: a size for a message."""
    mb = 1024 * 1024
    return f"{size / mb:.0f} MB" if size >= mb else f"{size} 字节"


def atomic_write(
    path: str | os.PathLike,
    write: Callable[[Path], None],
    *,
    keep_backup: bool = False,
    action: str = "保存",
) -> None:
    """Write *path* atomically: ``write(tmp)`` fills a temp file that then replaces *path*.

    With *keep_backup*, the file that was there is first copied to ``name.bak``.
    Any OSError becomes a `WriteError`; the temp file never stays behind.
    """
    path = Path(path)
    _clean_stale_temps(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=_temp_prefix(path), suffix=_TEMP_SUFFIX, dir=path.parent
        )
        os.close(fd)
    except OSError as err:
        raise WriteError(_describe_os_error(err, path, action)) from err
    tmp = Path(tmp_name)
    _LIVE_TEMPS.add(os.path.abspath(tmp_name))
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            _check_replaceable(path, action)
            if keep_backup:
                _write_backup(path, action)
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        _replace(tmp, path)
    except OSError as err:
        logger.warning("%s %s failed: %r", action, path, err)
        raise WriteError(_describe_os_error(err, path, action)) from err
    finally:
        _LIVE_TEMPS.discard(os.path.abspath(tmp_name))
        with contextlib.suppress(OSError):
            tmp.unlink()


def _write_backup(path: Path, action: str) -> None:
    """Copy *path* to its backup the way every file is written (temp copy, fsync, swap),
    so a killed save never leaves a torn ``.bak``."""

    def copy(tmp: Path) -> None:
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst)

    atomic_write(backup_path(path), copy, action=action)


def _umask() -> int:
    """The process umask (mkstemp creates 0600 files; a saved document should not be)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_replaceable(path: Path, action: str) -> None:
    """Fail early, before any backup is written, when the target cannot be replaced."""
    if not os.access(path, os.W_OK):
        raise WriteError(
            f"无法{action}“{path.name}”：该文件是只读的。请去掉只读属性，或另存为其他文件。"
        )
    if os.name == "nt":
        # Excel/WPS open files without FILE_SHARE_DELETE: opening for append fails too.
        try:
            with open(path, "ab"):
                pass
        except PermissionError as err:
            raise WriteError(_describe_os_error(err, path, action)) from err


def _replace(tmp: Path, path: Path) -> None:
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == _REPLACE_RETRIES - 1:
                raise
            time.sleep(_REPLACE_DELAY)
