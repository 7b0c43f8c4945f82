"""The report of a rollover or an import, beside the window (loaded when first shown)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..common.screen_fit import fit_to_screen


class ReportDialog(QDialog):
    """A read-only report (what the rollover changed, what the import could not place).

    Not modal: the clerk keeps it open beside the window while checking the projects.
    """

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 720, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("请逐条核对下面的说明；“待复核”的项目在左侧列表中、指标在行号旁有标记。", self)
        )
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        self.print_button = buttons.addButton("打印(&P)...", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_report)
        layout.addWidget(buttons)

    def print_report(self) -> None:
        """打印预览 of the report, whose 打印 button asks for a printer."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(f"打印预览 - {self.windowTitle()}")
        preview.paintRequested.connect(self.paint)
        fit_to_screen(preview, 900, 1000)
        preview.exec()

    def paint(self, printer) -> None:
        document = self.text.document().clone(self)
        document.setDefaultFont(self.text.font())
        document.print_(printer)
