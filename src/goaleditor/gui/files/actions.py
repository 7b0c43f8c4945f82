"""新建 / 打开 / 保存 / 另存为 / 最近文件, and the question before unsaved work is dropped.

A file that cannot be read or written is reported in a Chinese message box and the
document in the window stays as it was.  Saving goes through `goaleditor.storage.save`
(atomic, keeps ``.bak``) and marks the undo stack clean.

A document open for editing holds a lock (`goaleditor.filelock`): opening it in a
second window (or on another computer) says who has it and offers 只读打开 / 仍然打开 /
取消.  A document opened read-only is saved only with 另存为.  Saving over a file that
changed on disk since this window read or wrote it asks 覆盖 / 另存为… / 取消.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QWidget

from ... import filelock, storage
from ...errors import FileFormatError, WriteError
from ...fileio import same_file
from ...model import Document, Layout
from ..common import messages
from ..common.context import EditorContext
from ..common.settings import Settings

ALL_FILES = "所有文件 (*)"

FILE_FILTER = f"绩效目标文档 (*.json);;{ALL_FILES}"
SUFFIX = ".json"


def display_name(ctx: EditorContext) -> str:
    return ctx.file_path.name if ctx.file_path else "未命名"


def safe_file_name(text: str) -> str:
    """*text* without the characters Windows forbids in file names (and line breaks)."""
    return "".join(c for c in text if c not in '\\/:*?"<>|' and c >= " ").strip(" .")


def suggested_name(doc: Document) -> str:
    """``某某单位2024年绩效目标.json`` for a document that was never saved."""
    unit = safe_file_name(doc.unit_name)
    year = f"{doc.fiscal_year}年" if doc.fiscal_year else ""
    return f"{unit}{year}绩效目标{SUFFIX}" if unit or year else f"绩效目标{SUFFIX}"


class DocumentFiles(QObject):
    """The file side of the window; *commit* flushes fields still being typed in."""

    #: A status-bar message for the clerk.
    message = Signal(str)
    #: The document became read-only (opened so) or editable again (saved elsewhere).
    readOnlyChanged = Signal(bool)
    #: ``(document, path)``: a document was read from or written to *path* (the 指标库
    #: history learns it).
    stored = Signal(object, object)

    def __init__(
        self,
        window: QWidget,
        ctx: EditorContext,
        settings: Settings,
        commit: Callable[[], None] = lambda: None,
    ):
        super().__init__(window)
        self.window, self.ctx, self.settings, self.commit = window, ctx, settings, commit
        #: This window's lock on its file (None: no file, or opened read-only).
        self.lock: filelock.DocumentLock | None = None
        #: The file as this window last read or wrote it (None: nothing to compare).
        self.stamp: filelock.FileStamp | None = None
        #: Opened read-only because another window has it: 保存 becomes 另存为.
        self.read_only = False

    # ------------------------------------------------------------ closing

    def maybe_save(self, before: str = messages.BEFORE_CLOSE) -> bool:
        """True when the current document may be dropped (saved, discarded or clean).

        *before* is what drops it (see `messages.ask_save_changes`).
        """
        self.commit()
        if self.ctx.undo_stack.isClean():
            return True
        answer = messages.ask_save_changes(self.window, display_name(self.ctx), before)
        if answer == messages.SAVE:
            return self.save()
        return answer == messages.DISCARD

    # ------------------------------------------------------------ new/open

    def new(self) -> bool:
        if not self.maybe_save(messages.BEFORE_NEW):
            return False
        year = time.localtime().tm_year + 1
        doc = Document(fiscal_year=year, layout=Layout(show_spending_plan=False))
        self.ctx.replace_document(doc, None)
        self.track(None)
        self.message.emit("已新建空白文档。请先在“单位、年度和版式”中填写单位名称和年度。")
        return True

    def open(self) -> bool:
        if not self.maybe_save(messages.BEFORE_OPEN):
            return False
        from PySide6.QtWidgets import QFileDialog  # Qt's class loads when first used

        path, _filter = QFileDialog.getOpenFileName(
            self.window, "打开绩效目标文档", self.start_dir(), FILE_FILTER
        )
        return bool(path) and self.open_path(path, ask=False)

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Load *path*; on failure say why and keep the current document."""
        if ask and not self.maybe_save(messages.BEFORE_OPEN):
            return False
        path = Path(path)
        if not path.is_file() and path.parent.is_dir():
            recent = str(path.resolve()) in self.settings.recent_files()
            self.settings.remove_recent(path)
            messages.show_error(
                self.window,
                "找不到文件",
                f"找不到“{path.name}”（在“{path.parent}”中）。"
                "它可能已被移动、改名或删除。"
                + ("\n\n已把它从“最近文件”列表中移除。" if recent else ""),
            )
            return False
        read_only = self.ask_if_open_elsewhere(path)
        if read_only is None:
            return False
        known = filelock.stamp(path)  # before reading: a change in between is seen later
        try:
            doc = storage.load(path)
        except FileFormatError as err:
            messages.show_error(self.window, "无法打开文件", f"无法打开“{path.name}”。\n\n{err}")
            return False
        self.opened(doc, path, read_only, known)
        return True

    def ask_if_open_elsewhere(self, path: Path) -> bool | None:
        """Another window has *path* open: 只读打开 (True) / 仍然打开 (False) / 取消 (None).
        False straight away when nobody has it."""
        own = self.lock.token if self.lock is not None else ""
        other = filelock.holder(path, own)
        if other is None:
            return False
        choice = messages.choose(
            self.window,
            "文件已被打开",
            f"“{path.name}”已经在{other.describe()}中打开。\n\n"
            "两处同时修改并保存，先保存的修改会被后保存的覆盖。\n"
            "选择“只读打开”只查看（要保存时另存为新文件）；"
            "确定另一处已不再使用时，才选择“仍然打开”。",
            ["只读打开", "仍然打开"],
        )
        return None if choice is None else choice == 0

    def opened(
        self,
        doc: Document,
        path: Path,
        read_only: bool = False,
        known: filelock.FileStamp | None = None,
    ) -> None:
        """Show *doc*, just read from *path*, as the window's document and latest file."""
        self.ctx.replace_document(doc, path.resolve())
        self.track(path, read_only, known if known is not None else filelock.stamp(path))
        self.settings.add_recent(path)
        self.message.emit(f"已打开 {path}" + ("（只读）" if read_only else ""))
        self.stored.emit(doc, path)

    def track(
        self,
        path: Path | None,
        read_only: bool = False,
        known: filelock.FileStamp | None = None,
    ) -> None:
        """The window's document is now *path* (None: no file): hold its lock unless
        read-only, and remember its stamp."""
        if self.lock is not None and (path is None or read_only or self.lock.doc_path != path):
            self.lock.release()
            self.lock = None
        if path is not None and not read_only and self.lock is None:
            self.lock = filelock.DocumentLock(path)
            self.lock.acquire()
        self.stamp = known
        if read_only != self.read_only:
            self.read_only = read_only
            self.readOnlyChanged.emit(read_only)

    def release(self) -> None:
        """The window closes: its lock goes."""
        self.track(None)

    def open_unsaved(self, doc: Document, before: str = messages.BEFORE_OPEN) -> bool:
        """Show a document made elsewhere (rollover, import) as new unsaved work."""
        if not self.maybe_save(before):
            return False
        self.ctx.replace_document(doc, None)
        self.track(None)
        self.ctx.undo_stack.resetClean()
        return True

    # --------------------------------------------------------------- save

    def save(self) -> bool:
        if self.ctx.file_path is None:
            return self.save_as()
        if self.read_only:
            self.message.emit("这个文档是只读打开的，请另存为一个新文件。")
            return self.save_as()
        return self._save_to(self.ctx.file_path)

    def save_as(self) -> bool:
        self.commit()
        if self.ctx.file_path is not None:
            start = str(self.ctx.file_path)
        else:
            start = str(Path(self.start_dir()) / suggested_name(self.ctx.document))
        path = self._ask_target(start)
        return path is not None and self._save_to(path)

    def _ask_target(self, start: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(self.window, "另存为", start, FILE_FILTER)
        if not path:
            return None
        path = Path(path)
        # "2024年v1.2" has a suffix too: only "所有文件" keeps a name without .json
        if path.suffix.lower() != SUFFIX and (not path.suffix or chosen != ALL_FILES):
            path = path.with_name(path.name + SUFFIX)
        return path

    def _save_to(self, path: Path) -> bool:
        """Save to *path*; when that fails the clerk retries, picks another place or gives up
        (False: nothing saved, the document is still in the window)."""
        self.commit()
        while True:
            answer = self._ask_if_changed_on_disk(path)
            if answer == messages.RETRY:  # 覆盖
                try:
                    storage.save(self.ctx.document, path)
                    break
                except WriteError as err:
                    answer = messages.ask_save_failed(self.window, str(err))
            if answer == messages.ELSEWHERE:
                chosen = self._ask_target(str(path))
                if chosen is None:
                    return False
                path = chosen
            elif answer != messages.RETRY:
                return False
        if self.ctx.file_path is None or self.ctx.file_path.resolve() != path.resolve():
            self.ctx.set_file_path(path.resolve())
        self.track(path, False, filelock.stamp(path))
        self.ctx.undo_stack.setClean()
        self.settings.add_recent(path)
        self.message.emit(f"已保存到 {path}")
        self.stored.emit(self.ctx.document, path)
        return True

    def _ask_if_changed_on_disk(self, path: Path) -> str:
        """Before writing *path*: RETRY (go on, 覆盖), ELSEWHERE (另存为…) or CANCEL.

        Asks when *path* is the window's own file and it changed on disk since this
        window read or wrote it, or when another window holds it open.
        """
        own = self.ctx.file_path is not None and same_file(self.ctx.file_path, path)
        changed = own and filelock.changed_since(path, self.stamp)
        other = filelock.holder(path, self.lock.token if self.lock is not None else "")
        if not changed and other is None:
            return messages.RETRY
        reasons = []
        if changed:
            reasons.append(
                f"“{path.name}”在本窗口打开（或上次保存）之后已在磁盘上被修改"
                "（可能是另一个窗口或其他程序）。"
            )
        if other is not None:
            reasons.append(f"“{path.name}”正在{other.describe()}中打开。")
        choice = messages.choose(
            self.window,
            "文件已在别处修改",
            "\n".join(reasons)
            + "\n\n选择“覆盖”，别处所做的修改将丢失；选择“另存为…”把本窗口的内容保存为另一个文件。",
            ["覆盖", "另存为…"],
        )
        return {0: messages.RETRY, 1: messages.ELSEWHERE}.get(choice, messages.CANCEL)

    # ------------------------------------------------------------- recent

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Rebuild 最近文件 (called when the menu is about to show).

        A file that is gone from a folder that is still there was moved or deleted: it
        leaves the list, and the status bar says so.  A file on a drive that is not
        there now (a USB stick, a network drive) stays, greyed out, for when it is back.
        """
        menu.clear()
        files, gone = [], []
        for name in self.settings.recent_files():
            path = Path(name)
            (gone if not path.is_file() and path.parent.is_dir() else files).append(name)
        if gone:
            self.settings.set("recent_files", files)
            self.settings.save()
            names = "、".join(f"“{Path(g).name}”" for g in gone)
            self.message.emit(f"已从“最近文件”中移除不存在的文件：{names}")
        for i, name in enumerate(files, start=1):
            action = menu.addAction(f"&{i % 10}  {name}")
            action.setToolTip(name)
            if not Path(name).is_file():
                action.setEnabled(False)
                action.setToolTip(f"{name}\n现在找不到这个文件（U 盘或网络驱动器没有连接？）")
            action.triggered.connect(lambda _=False, p=name: self.open_path(p))
        if not files:
            menu.addAction("（无）").setEnabled(False)
            return
        menu.addSeparator()
        menu.addAction("清除列表", self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.set("recent_files", [])
        self.settings.save()

    def start_dir(self) -> str:
        """Where file dialogs open: the document's folder, the last one used, or 文档."""
        if self.ctx.file_path is not None:
            return str(self.ctx.file_path.parent)
        for recent in self.settings.recent_files():
            if Path(recent).parent.is_dir():
                return str(Path(recent).parent)
        from PySide6.QtCore import QStandardPaths

        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return documents if documents and Path(documents).is_dir() else str(Path.home())
