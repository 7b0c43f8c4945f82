"""设置: the PDF font the forms are set in (export, print and preview).

Font discovery (`goaleditor.export.fonts.find_fonts`) starts with the font chosen here
and falls back to 宋体/黑体, other Chinese TrueType fonts and the shipped font.  The
dialog shows which fonts a PDF would use right now, so the clerk sees the effect of a
choice before printing; a font that cannot be embedded is refused when chosen.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import GoalEditorError
from ...export.fonts import FontSet, find_fonts, windows_font_dir
from ..common import messages
from ..common.settings import Settings

FONT_FILTER = "TrueType 字体 (*.ttf *.ttc);;所有文件 (*)"
_AUTOMATIC = "（自动）"


def describe_fonts(fonts: FontSet) -> str:
    """``正文 simsun.ttc，标题 simhei.ttf`` (one name when both roles use one face)."""
    if fonts.body_file == fonts.title_file:
        return f"正文和标题都用 {fonts.body_file.label}"
    return f"正文 {fonts.body_file.label}，标题 {fonts.title_file.label}"


def _reason(note: str) -> str:
    """The reason inside a font note's brackets (文件不存在 …), or the whole note."""
    match = re.search(r"（([^）]+)）", note)
    return match.group(1) if match else note


class SettingsDialog(QDialog):
    """Edits a copy of the choice; 确定 stores it in *settings*."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.chosen: str | None = settings.pdf_font()
        self.setWindowTitle("设置")
        self.setMinimumWidth(620)

        box = QGroupBox("PDF 字体（导出 PDF、打印和打印预览）", self)
        grid = QGridLayout(box)
        intro = QLabel(
            "默认自动选择：Windows 上用宋体（正文）和黑体（标题）；没有时用本机其他中文字体，"
            "或本软件自带的文泉驿微米黑。需要时可以指定一个 TrueType 中文字体文件。",
            box,
        )
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 2)
        grid.addWidget(QLabel("指定字体文件：", box), 1, 0)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(box)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_AUTOMATIC)
        row.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton("选择字体文件…", box)
        self.choose_button.clicked.connect(self.choose_font)
        row.addWidget(self.choose_button)
        self.default_button = QPushButton("恢复默认", box)
        self.default_button.clicked.connect(self.reset_font)
        row.addWidget(self.default_button)
        grid.addLayout(row, 1, 1)
        grid.addWidget(QLabel("现在使用：", box), 2, 0, Qt.AlignmentFlag.AlignTop)
        self.current = QLabel(box)
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.current, 2, 1)
        grid.setColumnStretch(1, 1)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._show_choice()

    # -------------------------------------------------------------- choice

    def _show_choice(self) -> None:
        self.path_edit.setText(self.chosen or "")
        self.path_edit.setToolTip(self.chosen or "")
        self.default_button.setEnabled(self.chosen is not None)
        try:
            fonts = find_fonts(self.chosen)
        except GoalEditorError as err:
            self._show_current(str(err), problem=True)
            return
        text = describe_fonts(fonts)
        if fonts.notes:
            self._show_current("\n".join((*fonts.notes, text)), problem=True)
        else:
            self._show_current(text, problem=False)
        self.current.setToolTip(f"{fonts.body_file.path}\n{fonts.title_file.path}")

    def _show_current(self, text: str, problem: bool) -> None:
        self.current.setText(text)
        self.current.setStyleSheet("color: #c62828;" if problem else "")

    def _start_dir(self) -> str:
        if self.chosen and Path(self.chosen).parent.is_dir():
            return str(Path(self.chosen).parent)
        fonts = windows_font_dir()
        return str(fonts) if fonts is not None and fonts.is_dir() else str(Path.home())

    def choose_font(self) -> bool:
        """Ask for a font file; take it only when a PDF can embed it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, "选择 PDF 字体", self._start_dir(), FONT_FILTER
        )
        if not path:
            return False
        try:
            notes = find_fonts(path).notes
            problem = _reason(notes[0]) if notes else ""
        except GoalEditorError:  # the chosen font failed, and so did every fallback
            problem = "字体文件无法使用"
        if problem:
            messages.show_error(
                self,
                "无法使用这个字体",
                f"“{Path(path).name}”不能用于 PDF：{problem}。\n\n"
                "请选择一个 TrueType 中文字体文件（.ttf 或 .ttc），"
                "例如 Windows 字体文件夹中的 simsun.ttc（宋体）。",
            )
            return False
        self.chosen = str(Path(path))
        self._show_choice()
        return True

    def reset_font(self) -> None:
        """恢复默认: automatic discovery again."""
        self.chosen = None
        self._show_choice()

    def accept(self) -> None:
        if self.chosen != self.settings.pdf_font():
            self.settings.set_pdf_font(self.chosen)
        super().accept()


def run_settings_dialog(parent: QWidget | None, settings: Settings) -> bool:
    """Show 设置 modally; True when the clerk pressed 确定."""
    dialog = SettingsDialog(settings, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
