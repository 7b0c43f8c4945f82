"""Atomic file writing shared by the document storage and the exporters.

A write goes to a temporary file beside the target and is then swapped in with
``os.replace``: at every moment the target is either the old file or the new one.
A target held open by Excel/WPS (Windows refuses the swap), a read-only folder or a
full disk raise `WriteError` with a Chinese message, and the old file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import WriteError

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


def backup_path(path: str | os.PathLike) -> Path:
    """Where the previous version of *path* is kept (``name.json.bak``)."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


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
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as err:
        raise WriteError(_describe_os_error(err, path, action)) from err
    tmp = Path(tmp_name)
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
