"""The program's log, and how a fault of the program is told apart from a bad file.

`setup_logging` (called by the command line and by the editor at start) sends the
records of every ``goaleditor.*`` logger to ``<data_dir>/logs/goaleditor.log``, a
`logging.handlers.RotatingFileHandler` log (`LOG_MAX_BYTES`, `LOG_BACKUPS` older files
kept).  Core modules log through ``logging.getLogger(__name__)``.  The editor's safety
net keeps writing what escaped a slot to ``errors.log`` beside it, as before.

**Program faults.**  An importer or exporter meeting an error nobody foresaw (a bug,
not a bad file: a file that cannot be read as a form has its own Chinese message) logs
it with its traceback and raises `ProgramFault`, whose message says plainly that the
program failed — not the clerk's file — and where the log is.  `faults_reported` does
both around a piece of work.  The command line exits with `EXIT_FAULT` (3) for it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

from .errors import GoalEditorError
from .paths import data_dir

LOG_NAME = "goaleditor.log"
LOG_MAX_BYTES = 512 * 1024
#: Older logs kept beside goaleditor.log (goaleditor.log.1 … .3).
LOG_BACKUPS = 3
#: The command line's exit code for a `ProgramFault` (2 is bad input or a file problem).
EXIT_FAULT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

logger = logging.getLogger(__name__)


def log_dir() -> Path:
    """The folder of the program's logs (goaleditor.log, and the editor's errors.log)."""
    return data_dir(create=False) / "logs"  # made when the first record is written


def log_path() -> Path:
    return log_dir() / LOG_NAME


class ProgramFault(GoalEditorError):
    """The program itself failed (a bug), not the clerk's file; the message says where
    the details were logged."""


def setup_logging() -> Path | None:
    """Send the ``goaleditor`` loggers' records (INFO and above) to the rotating log.

    Safe to call again: the handler is added once, and moved when the data folder
    changed (tests, portable use).  Returns the log's path, or None when the folder
    cannot be written (the program then runs without a log file).
    """
    import logging.handlers  # here: the editor sets its log up after the window's first paint

    root = logging.getLogger("goaleditor")
    root.setLevel(logging.INFO)
    path = log_path()
    for handler in list(root.handlers):
        if getattr(handler, "goaleditor_log", False):
            if Path(handler.baseFilename) == path:  # type: ignore[attr-defined]
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.goaleditor_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    return path


def fault_message(action: str, logged: Path | None) -> str:
    """What the clerk is told when *action* (``导入“a.docx”``) failed by a program fault."""
    where = (
        f"错误详情已记录在：\n{logged}\n请把这个文件发给技术支持人员。"
        if logged is not None
        else "错误详情没有能记录下来（日志文件夹无法写入）。"
    )
    return (
        f"程序错误：{action}时程序出现了意外错误，没有完成。"
        f"这是本程序的问题，不是您的文件损坏。\n{where}"
    )


def program_fault(action: str, err: BaseException, log: logging.Logger = logger) -> ProgramFault:
    """Log *err* with its traceback on *log* and return the `ProgramFault` to raise."""
    logged = setup_logging()
    log.error("%s时程序出错", action, exc_info=(type(err), err, err.__traceback__))
    return ProgramFault(fault_message(action, logged))


@contextlib.contextmanager
def faults_reported(action: str, log: logging.Logger = logger) -> Iterator[None]:
    """Run a piece of work; an unforeseen exception becomes a logged `ProgramFault`.

    The program's own errors (`GoalEditorError`: a bad file, a locked target) and
    Ctrl+C pass through unchanged.
    """
    try:
        yield
    except GoalEditorError:
        raise
    except Exception as err:
        raise program_fault(action, err, log) from err
