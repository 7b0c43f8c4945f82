"""The safety net under every slot: an error nobody caught is logged, the work autosaved,
and the clerk told in Chinese — and the editor keeps running.

Without it an exception escaping a Qt slot goes to ``sys.excepthook``, which prints to
stderr — and a windowed program on Windows has none: the clerk sees nothing while the
operation silently stopped half-way.  `SafetyNet.install` replaces ``sys.excepthook``
and ``threading.excepthook``.  The traceback goes to ``<data_dir>/logs/errors.log``
(rotated, the last few kept), never into the message; the folder is the program's
log folder (`applog.log_dir`), beside goaleditor.log.  Errors in other threads are
passed to the GUI thread through a queued signal before anything is shown.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ... import __version__
from ...applog import log_dir
from ..files.autosave import Autosaver

LOG_NAME = "errors.log"
#: Older logs kept beside errors.log (errors.log.1 … .4).
LOG_BACKUPS = 4
LOG_MAX_BYTES = 256 * 1024
#: The same error (type and place) is written out in full this many times per session.
LOG_REPEATS = 3
TITLE = "意外错误"


def _signature(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The error's kind and the line that raised it: what makes two reports "the same"."""
    frames = traceback.extract_tb(tb)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"{exc_type.__module__}.{exc_type.__qualname__}@{where}"


class SafetyNet(QObject):
    """Catches what escaped; `errors` counts them (the smoke run fails on any)."""

    #: An error from another thread, handled in the GUI thread.
    _thread_error = Signal(object, object, object)

    def __init__(
        self,
        interactive: bool = True,
        max_bytes: int = LOG_MAX_BYTES,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        #: False in the smoke run: log and count, show nothing.
        self.interactive = interactive
        self.log_path = log_dir() / LOG_NAME
        self.errors = 0
        self._max_bytes = max_bytes
        self._seen: dict[str, int] = {}
        self._showing = False
        self._previous: tuple | None = None
        self._thread_error.connect(self.handle, Qt.ConnectionType.QueuedConnection)

    # -- hooks --------------------------------------------------------------------------------

    def install(self) -> SafetyNet:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.handle
            threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        if threading.current_thread() is threading.main_thread():
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)
        else:
            self._thread_error.emit(args.exc_type, args.exc_value, args.exc_traceback)

    # -- handling -----------------------------------------------------------------------------

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Log, autosave, tell — and never raise from here."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc or exc_type(), tb)
            return
        self.errors += 1
        with contextlib.suppress(Exception):  # the net itself must never fail the program
            self._handle(exc_type, exc, tb)

    def _handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        signature = _signature(exc_type, tb)
        repeat = self._seen.get(signature, 0)
        self._seen[signature] = repeat + 1
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if sys.stderr is not None:  # a windowed program on Windows has none
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(details)
        logged = self._log(details, repeat)
        saved = self._autosave_all()
        if not self.interactive:
            return
        if repeat or self._showing:
            self._say_again(logged)
        else:
            self._tell(saved, logged)

    def _log(self, details: str, repeat: int) -> str:
        """Append the report to errors.log; '' when it was written, else the reason."""
        if repeat >= LOG_REPEATS:
            return ""
        import platform  # loaded when an error happens, not at every start

        head = (
            f"{time.strftime('%Y-%m-%d %H:%M:%S')} goaleditor {__version__}, "
            f"Python {platform.python_version()}, Qt {qVersion()}, {platform.platform()}"
        )
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._rotate()
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(f"{head}\n{details}\n")
        except OSError as err:
            return err.strerror or type(err).__name__
        return ""

    def _rotate(self) -> None:
        """errors.log → errors.log.1 → … → errors.log.N once it is full; the oldest goes."""
        if not self.log_path.exists() or self.log_path.stat().st_size < self._max_bytes:
            return
        for i in range(LOG_BACKUPS - 1, 0, -1):
            older = self.log_path.with_name(f"{LOG_NAME}.{i}")
            if older.exists():
                older.replace(self.log_path.with_name(f"{LOG_NAME}.{i + 1}"))
        self.log_path.replace(self.log_path.with_name(f"{LOG_NAME}.1"))

    def _autosave_all(self) -> list[str]:
        """Write every window's autosave now; one Chinese line per window."""
        notes: list[str] = []
        for saver in self._savers():
            try:
                if saver.ctx.undo_stack.isClean():
                    notes.append("您的文档没有未保存的修改。")
                elif saver.save_now():
                    notes.append("您的文档已自动保存：即使程序随后退出，下次启动时也可以恢复。")
                else:
                    notes.append(
                        f"自动保存没有成功（{saver.last_error}）。"
                        "请尽快用“文件 → 另存为”把文档保存到别处。"
                    )
            except Exception:  # the document itself may be what fails
                notes.append("自动保存没有成功。请尽快用“文件 → 另存为”把文档保存到别处。")
        return notes

    @staticmethod
    def _savers() -> list[Autosaver]:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return []
        found = []
        for widget in app.topLevelWidgets():
            saver = getattr(widget, "autosaver", None)
            if isinstance(saver, Autosaver):
                found.append(saver)
        return found

    def _tell(self, saved: list[str], log_error: str) -> None:
        if not isinstance(QApplication.instance(), QApplication):
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        if log_error:
            where = f"错误详情没有能记录下来（{log_error}）。"
        else:
            where = (
                f"错误详情已记录在：\n{self.log_path}\n"
                "如果问题反复出现，请把这个文件发给技术支持人员。"
            )
        notes = "".join(f"{line}\n" for line in dict.fromkeys(saved))
        text = (
            "程序遇到意外错误，刚才的操作可能没有完成。\n\n"
            + (f"{notes}\n" if notes else "")
            + "程序可以继续使用。请检查刚才修改的内容，并尽快保存文档。\n\n"
            + where
        )
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            TITLE,
            text,
            QMessageBox.StandardButton.NoButton,
            self._parent_widget(),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        ok = box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        folder = None
        if not log_error:
            folder = box.addButton("打开日志文件夹", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        self._showing = True
        try:
            box.exec()
        finally:
            self._showing = False
        if folder is not None and box.clickedButton() is folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))

    def _say_again(self, log_error: str) -> None:
        """The same error once more (or while the box is up): a line in the status bar."""
        text = "又发生了一次意外错误，" + (
            "详情没有能记录下来。" if log_error else f"详情已记录在 {self.log_path}。"
        )
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                widget.statusBar().showMessage(text, 10000)

    @staticmethod
    def _parent_widget() -> QWidget | None:
        return QApplication.activeModalWidget() or QApplication.activeWindow()
