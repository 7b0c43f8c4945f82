"""新建 / 打开 / 保存 / 另存为 / 最近文件, and the question before unsaved work is dropped.

A file that cannot be read or written is reported in a Chinese message box and the
document in the window stays as it was.  Saving goes through `goaleditor.storage.save`
(atomic, keeps ``.bak``) and marks the undo stack clean.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from .. import storage
from ..errors import FileFormatError, WriteError
from ..model import Document, Layout
from . import messages
from .context import EditorContext
from .settings import Settings

FILE_FILTER = "绩效目标文档 (*.json);;所有文件 (*)"
SUFFIX = ".json"


def display_name(ctx: EditorContext) -> str:
    return ctx.file_path.name if ctx.file_path else "未命名"


def suggested_name(doc: Document) -> str:
    """``某某单位2024年绩效目标.json`` for a document that was never saved."""
    unit = "".join(c for c in doc.unit_name if c not in '\\/:*?"<>|').strip()
    year = f"{doc.fiscal_year}年" if doc.fiscal_year else ""
    return f"{unit}{year}绩效目标{SUFFIX}" if unit or year else f"绩效目标{SUFFIX}"


class DocumentFiles(QObject):
    """The file side of the window; *commit* flushes fields still being typed in."""

    #: A status-bar message for the clerk.
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        ctx: EditorContext,
        settings: Settings,
        commit: Callable[[], None] = lambda: None,
    ):
        super().__init__(window)
        self.window, self.ctx, self.settings, self.commit = window, ctx, settings, commit

    # ------------------------------------------------------------ closing

    def maybe_save(self) -> bool:
        """True when the current document may be dropped (saved, discarded or clean)."""
        self.commit()
        if self.ctx.undo_stack.isClean():
            return True
        answer = messages.ask_save_changes(self.window, display_name(self.ctx))
        if answer == messages.SAVE:
            return self.save()
        return answer == messages.DISCARD

    # ------------------------------------------------------------ new/open

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        year = datetime.date.today().year + 1
        doc = Document(fiscal_year=year, layout=Layout(show_spending_plan=False))
        self.ctx.replace_document(doc, None)
        self.message.emit("已新建空白文档。请先在“单位、年度和版式”中填写单位名称和年度。")
        return True

    def open(self) -> bool:
        if not self.maybe_save():
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self.window, "打开绩效目标文档", self.start_dir(), FILE_FILTER
        )
        return bool(path) and self.open_path(path, ask=False)

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Load *path*; on failure say why and keep the current document."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            doc = storage.load(path)
        except FileFormatError as err:
            messages.show_error(self.window, "无法打开文件", f"无法打开“{path.name}”。\n\n{err}")
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        self.ctx.replace_document(doc, path.resolve())
        self.settings.add_recent(path)
        self.message.emit(f"已打开 {path}")
        return True

    def open_unsaved(self, doc: Document) -> bool:
        """Show a document made elsewhere (rollover, import) as new unsaved work."""
        if not self.maybe_save():
            return False
        self.ctx.replace_document(doc, None)
        self.ctx.undo_stack.resetClean()
        return True

    # --------------------------------------------------------------- save

    def save(self) -> bool:
        if self.ctx.file_path is None:
            return self.save_as()
        return self._save_to(self.ctx.file_path)

    def save_as(self) -> bool:
        self.commit()
        if self.ctx.file_path is not None:
            start = str(self.ctx.file_path)
        else:
            start = str(Path(self.start_dir()) / suggested_name(self.ctx.document))
        path, _filter = QFileDialog.getSaveFileName(self.window, "另存为", start, FILE_FILTER)
        if not path:
            return False
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        self.commit()
        try:
            storage.save(self.ctx.document, path)
        except WriteError as err:
            messages.show_error(self.window, "保存失败", f"文档没有保存。\n\n{err}")
            return False
        if self.ctx.file_path is None or self.ctx.file_path.resolve() != path.resolve():
            self.ctx.set_file_path(path.resolve())
        self.ctx.undo_stack.setClean()
        self.settings.add_recent(path)
        self.message.emit(f"已保存到 {path}")
        return True

    # ------------------------------------------------------------- recent

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Rebuild 最近文件 (called when the menu is about to show)."""
        menu.clear()
        files = self.settings.recent_files()
        for i, name in enumerate(files, start=1):
            action = menu.addAction(f"&{i % 10}  {name}")
            action.setToolTip(name)
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
        if self.ctx.file_path is not None:
            return str(self.ctx.file_path.parent)
        for recent in self.settings.recent_files():
            if Path(recent).parent.is_dir():
                return str(Path(recent).parent)
        return str(Path.home())
