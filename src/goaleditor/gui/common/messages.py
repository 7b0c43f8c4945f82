"""The few message boxes the window asks, with Chinese buttons.

Every box is a `QMessageBox` instance run with ``exec()`` and read back through
``clickedButton()``, so a test patches one method (``QMessageBox.exec``) and answers
each question by clicking a button of the box it is shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

APP_TITLE = "预算绩效目标编辑器"
#: After a note about a replaced PDF font: where the clerk chooses one.
FONT_HINT = "\n\n可以在“文件 → 设置”中选择 PDF 字体。"

#: How long a status-bar message stays (ms).
STATUS_MS = 8000

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
RETRY, ELSEWHERE = "retry", "elsewhere"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title or APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(box.textFormat().PlainText)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, QMessageBox.Icon.Critical, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, QMessageBox.Icon.Information, title, text)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    """Done, but with something the clerk should know (a font was replaced …)."""
    _show(parent, QMessageBox.Icon.Warning, title, text)


def _show(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    box = _box(parent, icon, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    box.exec()


#: What the window is about to do when it asks to save (the question names it).
BEFORE_CLOSE = "关闭"
BEFORE_OPEN = "打开其他文件"
BEFORE_NEW = "新建文档"
BEFORE_IMPORT = "导入"
BEFORE_ROLLOVER = "以上年文件新建"


def ask_save_changes(parent: QWidget | None, name: str, before: str = BEFORE_CLOSE) -> str:
    """保存 / 不保存 / 取消 before the document is closed or replaced.

    *before* names what replaces it (打开其他文件, 新建文档 …), so the clerk who chose
    打开 is not asked about closing.
    """
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        APP_TITLE,
        f"“{name}”有尚未保存的修改。\n{before}前是否保存对“{name}”的修改？",
    )
    sb = QMessageBox.StandardButton
    box.setStandardButtons(sb.Save | sb.Discard | sb.Cancel)
    box.button(sb.Save).setText("保存")
    box.button(sb.Discard).setText("不保存")
    box.button(sb.Cancel).setText("取消")
    box.setDefaultButton(sb.Save)
    box.setEscapeButton(sb.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is box.button(sb.Save):
        return SAVE
    if clicked is box.button(sb.Discard):
        return DISCARD
    return CANCEL


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str = "取消") -> bool:
    """A yes/no question whose yes-button says what will happen (删除, 恢复 …)."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    sb = QMessageBox.StandardButton
    box.setStandardButtons(sb.Yes | sb.No)
    box.button(sb.Yes).setText(yes)
    box.button(sb.No).setText(no)
    box.setDefaultButton(sb.Yes)
    box.setEscapeButton(sb.No)
    box.exec()
    return box.clickedButton() is box.button(sb.Yes)


def choose(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """One of several labelled buttons (plus 取消); the chosen index, or None."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def ask_file_in_use(parent: QWidget | None, title: str, name: str, program: str = "Excel") -> str:
    """The target is held open (by *program* or WPS, most likely): 重试 / 另存为… / 取消."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        title,
        f"“{name}”正被其他程序占用，多半是在 {program} 或 WPS 中打开着，所以没有写入。\n\n"
        f"请先在 {program}/WPS 中关闭这个文件，再点“重试”；或点“另存为…”换一个文件名。",
    )
    return _ask_retry_elsewhere(box)


def ask_save_failed(parent: QWidget | None, reason: str) -> str:
    """Saving failed: 重试 / 另存为… / 取消 — the document stays in the window either way."""
    box = _box(
        parent,
        QMessageBox.Icon.Critical,
        "保存失败",
        f"文档没有保存，窗口中的内容仍然保留。\n\n{reason}\n\n"
        "可以处理后点“重试”，或点“另存为…”保存到其他位置。",
    )
    return _ask_retry_elsewhere(box)


def _ask_retry_elsewhere(box: QMessageBox) -> str:
    """重试 / 另存为… / 取消 under *box*'s text: RETRY, ELSEWHERE or CANCEL."""
    retry = box.addButton("重试", QMessageBox.ButtonRole.AcceptRole)
    elsewhere = box.addButton("另存为…", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else ELSEWHERE if clicked is elsewhere else CANCEL


def show_status(widget: object, text: str) -> None:
    """Show *text* in the status bar of the main window that holds *widget* (a table inside
    a page); a widget shown on its own has no status bar and says nothing."""
    window = widget.window() if isinstance(widget, QWidget) else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
