"""文件 › 以上年文件新建 and 文件 › 导入: the dialogs in front of `rollover` and the importers.

Both return the new document and its report text; the main window opens the document
(unsaved) and keeps the report at hand.  Nothing here changes the open document: the
rollover works on a copy and an import builds a new one.  Each dialog is a class whose
``exec`` a test can patch.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import GoalEditorError
from ...model import Document
from ...rollover import format_report, infer_fiscal_year, rollover
from ..common import messages
from ..common.background import CANCELLED, run_in_background, snapshot
from ..common.screen_fit import fit_hint_to_screen, fit_to_screen

IMPORT_FILTERS = ";;".join(
    [
        "Word 或 Excel 文件 (*.docx *.xlsx *.xlsm)",
        "Word 文档 (*.docx)",
        "Excel 工作簿 (*.xlsx *.xlsm)",
        "所有文件 (*)",
    ]
)


class RolloverOptionsDialog(QDialog):
    """Asks the new year and whether last year's amounts and values are kept."""

    def __init__(self, doc: Document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("以上年文件新建")
        self.setMinimumWidth(440)
        old = doc.fiscal_year or infer_fiscal_year(doc)
        layout = QVBoxLayout(self)
        if old:
            intro = f"以 {old} 年的文件为底稿，生成新年度的文档。原文件不会被改动。"
        else:
            intro = "原文件没有填写预算年度。将以它为底稿生成新年度的文档，原文件不会被改动。"
        info = QLabel(intro, self)
        info.setWordWrap(True)
        layout.addWidget(info)

        form = QFormLayout()
        self.year = QSpinBox(self)
        self.year.setRange((old + 1) if old else 1900, 2200)
        self.year.setValue((old + 1) if old else datetime.date.today().year + 1)
        self.year.setSuffix(" 年")
        self.year.setGroupSeparatorShown(False)
        form.addRow("新预算年度：", self.year)
        layout.addLayout(form)

        self.keep = QRadioButton("保留上年的预算金额和指标值（逐项核对后修改）", self)
        self.clear = QRadioButton("清空预算金额和指标值（重新填写）", self)
        self.keep.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep)
        group.addButton(self.clear)
        layout.addWidget(self.keep)
        layout.addWidget(self.clear)
        note = QLabel(
            "项目名称、绩效目标和指标中表示预算年度的年份会改为新年度；多年期间"
            "（如 2023-2025年）、文件名称中的年份、金额和编码保持不变。"
            "所有项目和指标都会标为“待复核”。",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_hint_to_screen(self)

    @property
    def keep_values(self) -> bool:
        return self.keep.isChecked()


class ReportPreviewDialog(QDialog):
    """The report, read-only, with 打开新文档 / 取消: shown before the new document opens."""

    def __init__(self, title: str, intro: str, text: str, accept_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_to_screen(self, 760, 520)
        layout = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def run_rollover_dialog(parent: QWidget | None, doc: Document) -> tuple[Document, str] | None:
    """Ask year and options, run `rollover`, show its report; None when the clerk cancels."""
    options = RolloverOptionsDialog(doc, parent)
    if options.exec() != QDialog.DialogCode.Accepted:
        return None
    copy = snapshot(doc)  # in a worker, with progress and 取消: 500 projects take a while
    year, keep = options.year.value(), options.keep_values
    try:
        result = run_in_background(
            parent,
            "以上年文件新建",
            "正在生成新年度文档，请稍候……",
            lambda: rollover(copy.load(), year, keep_values=keep),
        )
    except GoalEditorError as err:
        messages.show_error(parent, "以上年文件新建", str(err))
        return None
    if result is CANCELLED:
        return None
    report = format_report(result)
    preview = ReportPreviewDialog(
        "结转报告",
        f"下面列出了生成 {result.to_year} 年文档时改动的每一处。请看过后打开新文档，"
        "保存时会另存为新文件，上年文件保持不变。",
        report,
        "打开新年度文档",
        parent,
    )
    if preview.exec() != QDialog.DialogCode.Accepted:
        return None
    return result.document, report


def run_import_dialog(
    parent: QWidget | None, start_dir: str = ""
) -> tuple[Document, str, Path] | None:
    """Choose a .docx/.xlsx, import it; the report lists what could not be placed."""
    from ...importers.commands import format_import_report, import_file

    name, _ = QFileDialog.getOpenFileName(
        parent, "导入 Word 或 Excel 填报的绩效目标表", start_dir, IMPORT_FILTERS
    )
    if not name:
        return None
    path = Path(name)
    try:  # in a worker thread, with progress and 取消: a big workbook takes a while
        result = run_in_background(
            parent, "导入", f"正在导入“{path.name}”，请稍候……", lambda: import_file(path)
        )
    except GoalEditorError as err:
        messages.show_error(parent, "无法导入", str(err))
        return None
    if result is CANCELLED:
        return None
    return result.document, format_import_report(result, path), path
