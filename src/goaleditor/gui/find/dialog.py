"""The 查找/替换 dialog: a non-modal window over the editor, as in Excel/WPS.

The search runs over the model (`goaleditor.search`), not over the widgets, so it finds
text in every project and in the department form, shown or not.  查找下一个 / 查找上一个
select the tree node and put the cursor on the field or table cell, with the match
selected; 替换 replaces the match shown (one undo step), 全部替换 every match (one undo
step).  Edits made while the dialog is open are searched too: the matches are found again
before each step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...indicator_cells import CellError
from ...model import Indicator
from ...search import Found, find_all, replace_all, replaced, still_there
from ..common.commands import set_fields

if TYPE_CHECKING:
    from ..main_window import MainWindow


def _quoted(text: str, limit: int = 20) -> str:
    return f"“{text if len(text) <= limit else text[:limit] + '…'}”"


class FindDialog(QDialog):
    """查找 (Ctrl+F) and 替换 (Ctrl+H) in one dialog; the replace row shows for 替换."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.ctx = window.ctx
        self.setWindowTitle("查找和替换")
        self.setModal(False)
        self.found: list[Found] = []
        #: ``Found.order`` of the match shown last (None: start from the top).
        self.position: tuple[int, int] | None = None
        self._stale = True

        self.needle = QLineEdit(self)
        self.needle.setPlaceholderText("要查找的文字")
        self.replacement = QLineEdit(self)
        self.replacement.setPlaceholderText("替换成的文字（可以为空）")
        self.replace_label = QLabel("替换为(&E)：", self)
        self.replace_label.setBuddy(self.replacement)
        find_label = QLabel("查找内容(&N)：", self)
        find_label.setBuddy(self.needle)
        self.whole_cell = QCheckBox("单元格完全匹配(&O)", self)
        self.whole_cell.setToolTip("只找整个内容就是这段文字的字段或单元格")
        self.match_case = QCheckBox("区分大小写(&C)", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.previous_button = QPushButton("查找上一个(&P)", self)
        self.next_button = QPushButton("查找下一个(&F)", self)
        self.replace_button = QPushButton("替换(&R)", self)
        self.replace_all_button = QPushButton("全部替换(&A)", self)
        close = QPushButton("关闭", self)
        self.next_button.setDefault(True)

        grid = QGridLayout()
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.needle, 0, 1)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replacement, 1, 1)
        options = QHBoxLayout()
        options.addWidget(self.whole_cell)
        options.addWidget(self.match_case)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.replace_all_button, self.replace_button,
            self.previous_button, self.next_button, close,
        ):  # fmt: skip
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.next_button.clicked.connect(lambda: self.find_next())
        self.previous_button.clicked.connect(lambda: self.find_previous())
        self.replace_button.clicked.connect(lambda: self.replace_one())
        self.replace_all_button.clicked.connect(lambda: self.replace_every())
        close.clicked.connect(self.close)
        for box in (self.whole_cell, self.match_case):
            box.toggled.connect(self._options_changed)
        self.needle.textChanged.connect(self._options_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, self.find_previous)
        self.ctx.fieldChanged.connect(self._document_changed)
        self.ctx.listChanged.connect(self._document_changed)
        self.ctx.documentReplaced.connect(self._document_replaced)

    # -- showing ----------------------------------------------------------------------------

    def open_for(self, replace: bool) -> None:
        """Show as 查找 or 替换, with the focused field's selected text as what to find."""
        self.set_replace_mode(replace)
        selected = _selected_text(self.window_.focusWidget())
        if selected and "\n" not in selected:
            self.needle.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        self.needle.setFocus()
        self.needle.selectAll()

    def set_replace_mode(self, replace: bool) -> None:
        self.setWindowTitle("替换" if replace else "查找")
        for widget in (self.replace_label, self.replacement, self.replace_button,
                       self.replace_all_button):  # fmt: skip
            widget.setVisible(replace)
        self.adjustSize()

    # -- searching --------------------------------------------------------------------------

    def _options(self) -> tuple[str, bool, bool]:
        return self.needle.text(), self.whole_cell.isChecked(), self.match_case.isChecked()

    def _options_changed(self) -> None:
        self._stale = True
        self.status.setText("")

    def _document_changed(self, *_args) -> None:
        self._stale = True

    def _document_replaced(self) -> None:
        self._stale = True
        self.position = None

    def refresh(self) -> list[Found]:
        """The matches in the document as it is now (text being typed is written first)."""
        if self._stale:
            self.window_.commit_pending()
            self.found = find_all(self.ctx.document, *self._options())
            self._stale = False
        return self.found

    def find_next(self) -> Found | None:
        return self._step(forward=True)

    def find_previous(self) -> Found | None:
        return self._step(forward=False)

    def _step(self, forward: bool) -> Found | None:
        needle = self.needle.text()
        if not needle:
            self.status.setText("请输入要查找的文字。")
            return None
        found = self.refresh()
        if not found:
            self.status.setText(f"找不到{_quoted(needle)}。")
            return None
        pos, wrapped = self.position, False
        if forward:
            index = next((i for i, f in enumerate(found) if pos is None or f.order > pos), None)
            if index is None:
                index, wrapped = 0, True
        else:
            before = [i for i, f in enumerate(found) if pos is None or f.order < pos]
            index = before[-1] if before else len(found) - 1
            wrapped = not before and pos is not None
        return self._show(index, "已到文档末尾，从头继续。" if wrapped and forward
                          else "已到文档开头，从末尾继续。" if wrapped else "")  # fmt: skip

    def _show(self, index: int, note: str = "") -> Found:
        match = self.found[index]
        self.position = match.order
        show_found(self.window_, match)
        where = match.text.where(self.ctx.document)
        self.status.setText(f"第 {index + 1} 处，共 {len(self.found)} 处：{where}。{note}")
        return match

    def current(self) -> Found | None:
        """The match shown last, if it is still in the document as it was found."""
        if self.position is None:
            return None
        found = self.refresh()
        match = next((f for f in found if f.order == self.position), None)
        if match is None or not still_there(match, *self._options()):
            return None
        return match

    # -- replacing --------------------------------------------------------------------------

    def replace_one(self) -> Found | None:
        """Replace the match shown (one undo step), then show the next one, as Excel does;
        with no match shown yet, only find the next."""
        match = self.current()
        if match is None:
            return self.find_next()
        needle, replacement = self.needle.text(), self.replacement.text()
        try:
            change = replaced(match, replacement)
        except CellError as err:  # 权重 no longer a number …: the field keeps its value
            where = match.text.where(self.ctx.document)
            self.status.setText(f"没有替换{where}：{err}")
            return None
        set_fields(self.ctx, [change], f"替换{_quoted(needle, 10)}为{_quoted(replacement, 10)}")
        self._stale = True
        # go on after the text just put in
        number, start = match.order
        self.position = (number, start + len(replacement) - 1)
        following = self.find_next()
        if following is None:
            self.status.setText(f"已替换 1 处；没有更多{_quoted(needle)}。")
        return following

    def replace_every(self) -> int:
        """全部替换: every match in the document, as one undo step."""
        needle, whole, case = self._options()
        if not needle:
            self.status.setText("请输入要查找的文字。")
            return 0
        self.window_.commit_pending()
        replacement = self.replacement.text()
        changes, count, left = replace_all(self.ctx.document, needle, replacement, whole, case)
        # what a field could not take (权重 no longer a number, an amount) stays as it was
        kept = f"另有 {len(left)} 处没有替换，如{left[0]}" if left else ""
        if not count:
            self.status.setText(kept or f"找不到{_quoted(needle)}。")
            return 0
        set_fields(
            self.ctx,
            changes,
            f"全部替换{_quoted(needle, 10)}为{_quoted(replacement, 10)}（{count} 处）",
        )
        self._stale = True
        self.position = None
        text = f"已全部替换：{count} 处。可以用“撤销”一步恢复。"
        self.status.setText(f"{text}{kept}")
        self.window_.show_message(text)
        return count


def show_found(window: MainWindow, match: Found) -> None:
    """Select the match's tree node, put the cursor on its field or cell, select the text."""
    text = match.text
    window.show_place(text.place)
    if text.column:  # a department table cell (任务 / 分项目标)
        form = window.department_editor.form
        table = getattr(form, text.place.field, None) if form is not None else None
        if table is not None:
            fields = [c.field for c in table.model.columns]
            table.select_row(text.place.row or 0, fields.index(text.column))
            table.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    if isinstance(text.obj, Indicator) and text.place.row is not None:
        # the indicator table's own cell (权重, 指标解释, a layout's own column …)
        page = window.pages.currentWidget()
        table = getattr(page, "table", None)
        if table is not None and table.model.column_of(text.place.field) >= 0:
            table.select_cell(text.place.row, text.place.field)
        return
    if isinstance(text.item, str):  # a field the layout declares of its own
        edit = window.pages.currentWidget().findChild(QLineEdit, f"extra_{text.item}")
        if edit is not None and edit.isVisibleTo(window):
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
    focus = window.focusWidget()
    if isinstance(focus, QLineEdit) and focus.text() == text.value:
        focus.setSelection(match.start, match.end - match.start)
    elif isinstance(focus, QPlainTextEdit):
        items = getattr(text.obj, text.name)
        offset = sum(len(line) + 1 for line in items[: text.item]) if text.item is not None else 0
        if (
            focus.toPlainText()[offset + match.start : offset + match.end]
            == text.value[match.start : match.end]
        ):
            cursor = focus.textCursor()
            cursor.setPosition(offset + match.start)
            cursor.setPosition(offset + match.end, QTextCursor.MoveMode.KeepAnchor)
            focus.setTextCursor(cursor)
            focus.ensureCursorVisible()


def _selected_text(widget: QWidget | None) -> str:
    if isinstance(widget, QLineEdit):
        return widget.selectedText()
    if isinstance(widget, QPlainTextEdit):
        return widget.textCursor().selectedText()
    return ""
