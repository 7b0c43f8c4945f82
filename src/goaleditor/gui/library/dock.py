"""The 指标库 dock of the main window, and what ties the library to the editor.

The dock is added with the window (closed on first start, so the table keeps its width on
small screens; the toolbar's 指标库 button or F8 opens it and the window remembers it);
its panel and the index are built after the first paint (`build`).  Each indicator table
joins (`join`): it takes drops from the panel, follows the 上年 switch, and tells the
panel the 二级 of its current row.  插入 goes to the table on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from .service import LibraryService

if TYPE_CHECKING:
    from ..indicators.table import IndicatorTable
    from .panel import LibraryPanel

#: Width of the dock when it first opens.
DOCK_WIDTH = 320


class LibraryDock(QDockWidget):
    def __init__(self, window: QMainWindow, show_message):
        super().__init__("指标库", window)
        self.window_ = window
        self.show_message = show_message
        self.service = LibraryService(self)
        window.ctx.library = self.service
        self._panel: LibraryPanel | None = None
        self._tables: list[IndicatorTable] = []
        self._last_year = False
        self.setObjectName("libraryDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.toggleViewAction().setText("指标库(&L)")
        self.toggleViewAction().setStatusTip("显示或隐藏指标库面板")
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        window.resizeDocks([self], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.hide()

    @property
    def panel(self) -> LibraryPanel:
        """The panel, built now if the first paint has not built it yet."""
        self.build()
        assert self._panel is not None
        return self._panel

    def build(self) -> None:
        """The panel in the dock, wired, and the index started (after the first paint)."""
        if self._panel is not None:
            return
        from .panel import LibraryPanel

        panel = LibraryPanel(self)
        self._panel = panel
        self.setWidget(panel)
        self.service.indexReady.connect(self._index_ready)
        self.service.noteChanged.connect(panel.set_note)
        panel.insertRequested.connect(self.insert)
        panel.lastYearToggled.connect(self._show_last_year)
        panel.rebuildRequested.connect(self._rebuild)
        panel.exportRequested.connect(self.export_list)
        panel.importRequested.connect(self.import_list)
        self.service.start()

    def _index_ready(self) -> None:
        if self._panel is not None and self.service.index is not None:
            self._panel.set_note(self.service.note)
            self._panel.set_index(self.service.index)
        for table in self._tables:
            table.model.refresh_last_year()

    def _rebuild(self) -> None:
        self.panel.set_note("正在从文档重建指标库……")
        self.service.rebuild()

    def _show_last_year(self, on: bool) -> None:
        self._last_year = on
        for table in self._tables:
            table.model.set_show_last_year(on)

    # ------------------------------------------------------------ sharing

    def export_list(self) -> bool:
        """导出为 Excel: the history as one list (goaleditor library export)."""
        from PySide6.QtWidgets import QFileDialog

        from ...errors import WriteError
        from ...library.history import History
        from ...library.sharing import export_xlsx
        from ..common import messages

        history = History.load()
        if not history.entries:
            messages.show_info(
                self.window_,
                "导出指标库",
                "历史中还没有指标。打开或保存文档后，其中的指标会记入历史。",
            )
            return False
        start = str(self._start_dir() / "指标库.xlsx")
        path, _f = QFileDialog.getSaveFileName(
            self.window_, "导出指标库", start, "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return False
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        try:
            count = export_xlsx(history.entries, target)
        except WriteError as err:
            messages.show_error(self.window_, "无法导出指标库", str(err))
            return False
        self.show_message(f"已导出 {count} 条指标到 {target}")
        return True

    def import_list(self) -> bool:
        """从 Excel 导入: a colleague's list into the history (goaleditor library import)."""
        from PySide6.QtWidgets import QFileDialog

        from ...errors import ImportProblem
        from ...library.sharing import import_xlsx
        from ..common import messages

        path, _f = QFileDialog.getOpenFileName(
            self.window_, "导入指标库", str(self._start_dir()), "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return False
        try:
            shared = import_xlsx(path)
        except ImportProblem as err:
            messages.show_error(self.window_, "无法导入指标库", str(err))
            return False
        if not shared.entries:
            messages.show_info(
                self.window_, "导入指标库", f"“{Path(path).name}”中没有可导入的指标。"
            )
            return False
        self.service.share(shared.entries)
        notes = f"（{'；'.join(shared.notes)}）" if shared.notes else ""
        self.show_message(f"已导入 {len(shared.entries)} 条指标{notes}")
        return True

    def _start_dir(self) -> Path:
        path = self.window_.ctx.file_path
        return path.parent if path is not None else Path.home()

    # ------------------------------------------------------------ tables

    def join(self, table: IndicatorTable) -> None:
        """A new indicator table takes drops from the library, follows the 上年 switch,
        and tells the panel the 二级 of its current row (ranked first)."""
        from .transfer import LibraryDrop

        self._tables.append(table)
        LibraryDrop(table, self._said_inserted)
        table.model.set_show_last_year(self._last_year)

        def current_changed(current, _previous) -> None:
            if self._panel is not None and current.isValid():
                self._panel.set_context_level2(table.model.indicator(current.row()).level2.strip())

        table.view.selectionModel().currentRowChanged.connect(current_changed)

    def visible_table(self) -> IndicatorTable | None:
        """The indicator table on screen with a project (or 部门整体) in it, if any."""
        page = self.window_.pages.currentWidget()
        for table in self._tables:
            if table.owner is not None and page is not None and page.isAncestorOf(table):
                return table
        return None

    def insert(self, entries: list) -> None:
        """插入: the entries go into the indicator table on screen, one undo step."""
        from .transfer import insert_entries

        table = self.visible_table()
        if table is None:
            self.show_message(
                "请先在左侧选择一个项目（或有指标表的部门整体），再从指标库插入指标。"
            )
            return
        self._said_inserted(insert_entries(table, entries))
        table.view.setFocus()

    def _said_inserted(self, count: int) -> None:
        if count:
            self.show_message(f"已从指标库插入 {count} 个指标（可撤销）。")
