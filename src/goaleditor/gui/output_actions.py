"""导出 Excel / PDF, 打印, and the year dialogs (以上年文件新建, 导入) with their reports.

The exporters and dialogs live in other modules and are imported when first used,
so the window opens fast and does not load openpyxl or reportlab until needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import GoalEditorError
from . import messages
from .context import EditorContext
from .file_actions import DocumentFiles, suggested_name

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"


class ReportDialog(QDialog):
    """A read-only report (what the rollover changed, what the import could not place).

    Not modal: the clerk keeps it open beside the window while checking the projects.
    """

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("请逐条核对下面的说明；标为“待复核”的项目在左侧列表中有标记。", self)
        )
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class OutputActions(QObject):
    """*selected* returns the selected project rows (empty: none selected)."""

    message = Signal(str)
    #: The report text changed (so 查看报告 can be enabled).
    reportChanged = Signal(str)

    def __init__(
        self,
        window: QWidget,
        ctx: EditorContext,
        files: DocumentFiles,
        selected: Callable[[], list[int]],
    ):
        super().__init__(window)
        self.window, self.ctx, self.files, self.selected = window, ctx, files, selected
        self.report_title = ""
        self.report_text = ""
        self.report_dialog: ReportDialog | None = None

    # ------------------------------------------------------------- scope

    def _scope(self, what: str) -> tuple[bool, list[int] | None]:
        """Whole document or the selected projects: ``(go on, projects or None)``."""
        rows = self.selected()
        count = len(self.ctx.document.projects)
        if not rows or len(rows) == count:
            return True, None
        choice = messages.choose(
            self.window,
            what,
            f"要{what}整个文档，还是只{what}左侧选中的 {len(rows)} 个项目？",
            ["整个文档", f"选中的 {len(rows)} 个项目"],
        )
        if choice is None:
            return False, None
        return True, None if choice == 0 else rows

    def _target(self, title: str, suffix: str, file_filter: str) -> Path | None:
        self.files.commit()
        base = self.ctx.file_path
        if base is not None:
            start = str(base.with_suffix(suffix))
        else:
            start = str(
                Path(self.files.start_dir())
                / Path(suggested_name(self.ctx.document)).with_suffix(suffix)
            )
        path, _ = QFileDialog.getSaveFileName(self.window, title, start, file_filter)
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    # ------------------------------------------------------------ exports

    def export_xlsx(self) -> bool:
        go, projects = self._scope("导出")
        path = self._target("导出 Excel", ".xlsx", XLSX_FILTER) if go else None
        if path is None:
            return False
        from ..export.xlsx import write_xlsx

        return self._run(lambda: write_xlsx(self.ctx.document, path, projects), path, "Excel")

    def export_pdf(self) -> bool:
        go, projects = self._scope("导出")
        path = self._target("导出 PDF", ".pdf", PDF_FILTER) if go else None
        if path is None:
            return False
        from ..export.pdf import write_pdf

        return self._run(lambda: write_pdf(self.ctx.document, path, projects), path, "PDF")

    def _run(self, write: Callable[[], object], path: Path, kind: str) -> bool:
        try:
            write()
        except GoalEditorError as err:
            messages.show_error(self.window, "导出失败", f"没有导出 {kind} 文件。\n\n{err}")
            return False
        self.message.emit(f"已导出 {kind}：{path}")
        return True

    def print_preview(self) -> None:
        go, projects = self._scope("打印")
        if not go:
            return
        self.files.commit()
        from .print_preview import show_print_preview

        show_print_preview(self.window, self.ctx.document, projects)

    # -------------------------------------------------------- year dialogs

    def rollover(self) -> bool:
        """以上年文件新建: the dialog shows its report before the new document opens."""
        from .year_dialogs import run_rollover_dialog

        self.files.commit()
        result = run_rollover_dialog(self.window, self.ctx.document)
        if result is None:
            return False
        doc, report = result
        if not self.files.open_unsaved(doc):
            return False
        self._set_report("结转报告", report)
        self.message.emit("已生成新年度文档（尚未保存）。结转报告可在“帮助”菜单中再次查看。")
        return True

    def import_file(self) -> bool:
        """导入: the new document opens unsaved and its report is shown once."""
        from .year_dialogs import run_import_dialog

        result = run_import_dialog(self.window, self.files.start_dir())
        if result is None:
            return False
        doc, report, source = result
        if not self.files.open_unsaved(doc):
            return False
        self._set_report(f"导入报告：{Path(source).name}", report)
        self.show_report()
        self.message.emit("已导入（尚未保存）。导入报告可在“帮助”菜单中再次查看。")
        return True

    def _set_report(self, title: str, text: str) -> None:
        self.report_title = title
        self.report_text = text or "没有需要说明的内容。"
        self.reportChanged.emit(self.report_text)

    def show_report(self) -> None:
        if not self.report_text:
            messages.show_info(self.window, "导入/结转报告", "本次运行还没有导入或结转过文件。")
            return
        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = ReportDialog(self.report_title, self.report_text, self.window)
        self.report_dialog.show()
