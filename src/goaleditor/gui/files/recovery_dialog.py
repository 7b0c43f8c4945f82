"""Asking what to do with the work crashed sessions left behind (自动保存).

One autosave is one question (恢复 / 放弃 / 以后再说).  Several — two windows that
crashed, a Hebei and a Tianjin document — are listed one row each, with 恢复 and
放弃 per row: the window can hold one of them, and nothing the clerk did not give
up on purpose is deleted; what is left is offered again at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..common import messages
from .autosave import Orphan

TITLE = "恢复未保存的工作"
#: Where the clerk finds the kept autosaves again.
MENU_PATH = "“文件 → 恢复自动保存…”"

RECOVER, DISCARD, LATER = "recover", "discard", "later"


def ask_about_one(parent: QWidget | None, orphan: Orphan) -> str:
    """恢复 / 放弃 / 以后再说 for a single autosave; RECOVER, DISCARD or LATER."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        TITLE,
        f"上次退出时有未保存的工作：{orphan.describe()}。\n{orphan.missing()}\n\n"
        "选择“恢复”打开这份自动保存的内容（之后请记得保存）；"
        "选择“放弃”将删除它；选择“以后再说”保留它，下次启动时再询问。",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    recover = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("以后再说", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return RECOVER if clicked is recover else DISCARD if clicked is discard else LATER


class RecoveryDialog(QDialog):
    """One row per autosave: 文档 · 单位和年度 · 自动保存时间 · 恢复 / 放弃.

    恢复 closes the dialog with `chosen` set; 放弃 asks once more and deletes that
    autosave only; 以后再说 (or Esc) keeps everything.
    """

    def __init__(self, orphans: list[Orphan], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.orphans = list(orphans)
        #: The autosave to open in the window, once the clerk clicked its 恢复.
        self.chosen: Orphan | None = None
        #: The autosaves deleted on the clerk's word.
        self.discarded: list[Orphan] = []
        self.recover_buttons: dict[str, QPushButton] = {}
        self.discard_buttons: dict[str, QPushButton] = {}

        intro = QLabel(
            f"程序上次没有正常退出，留下了 {len(orphans)} 份尚未保存的工作（自动保存）。\n"
            "每一份只含到它的自动保存时间为止的修改，这个时间之后所做的修改没有保存下来。\n"
            "请逐份处理：“恢复”在本窗口中打开这一份（一次只能打开一份）；"
            "“放弃”删除这一份，不能找回。\n"
            f"没有处理的自动保存会保留下来，下次启动时再询问，也可以随时从{MENU_PATH}打开。",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.table = QTableWidget(len(orphans), 4, self)
        self.table.setHorizontalHeaderLabels(["文档", "单位和年度", "自动保存时间", "处理"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        for row, orphan in enumerate(orphans):
            self._fill_row(row, orphan)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        wanted = header.length()  # every column as wide as its text
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox(self)
        self.later_button = buttons.addButton("以后再说", QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setToolTip("全部保留，下次启动时再询问")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        rows = sum(self.table.rowHeight(r) for r in range(len(orphans)))
        table_height = rows + header.sizeHint().height() + 2 * self.table.frameWidth() + 4
        self.table.setMinimumHeight(min(table_height, 320))
        self.resize(min(max(640, wanted + 50), 1000), self.minimumSizeHint().height())

    def _fill_row(self, row: int, orphan: Orphan) -> None:
        for column, text in enumerate((orphan.name, orphan.details, orphan.saved_at or "时间不详")):
            item = QTableWidgetItem(text)
            item.setToolTip(orphan.source or text if column == 0 else text)
            self.table.setItem(row, column, item)
        cell = QWidget(self.table)
        box = QHBoxLayout(cell)
        box.setContentsMargins(4, 2, 4, 2)
        recover = QPushButton("恢复", cell)
        recover.setToolTip("在本窗口中打开这份自动保存的内容")
        discard = QPushButton("放弃", cell)
        discard.setToolTip("删除这份自动保存（不能找回）")
        recover.clicked.connect(lambda _=False, o=orphan: self._recover(o))
        discard.clicked.connect(lambda _=False, o=orphan: self._discard(o))
        box.addWidget(recover)
        box.addWidget(discard)
        self.table.setCellWidget(row, 3, cell)
        self.recover_buttons[str(orphan.path)] = recover
        self.discard_buttons[str(orphan.path)] = discard

    def remaining(self) -> list[Orphan]:
        """The autosaves neither recovered nor given up: kept for the next start."""
        gone = {str(o.path) for o in self.discarded}
        if self.chosen is not None:
            gone.add(str(self.chosen.path))
        return [o for o in self.orphans if str(o.path) not in gone]

    def _recover(self, orphan: Orphan) -> None:
        self.chosen = orphan
        self.accept()

    def _discard(self, orphan: Orphan) -> None:
        if not confirm_discard(self, orphan):
            return
        orphan.discard()
        self.discarded.append(orphan)
        key = str(orphan.path)
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 3) is self.recover_buttons[key].parentWidget():
                self.table.removeRow(row)
                break
        del self.recover_buttons[key], self.discard_buttons[key]
        if not self.remaining():
            self.accept()


def confirm_discard(parent: QWidget | None, orphan: Orphan) -> bool:
    """放弃 deletes work for good: ask once more."""
    text = f"放弃后，{orphan.describe()}将被删除，不能找回。\n\n确定放弃这一份未保存的工作吗？"
    return messages.confirm(parent, "放弃自动保存", text, "放弃", "取消")


def choose_orphan(parent: QWidget | None, orphans: list[Orphan]) -> tuple[Orphan | None, int]:
    """Ask about *orphans*; the one to recover (or None) and how many are kept on disk.

    Deletes only what the clerk gives up (放弃).
    """
    if len(orphans) == 1:
        answer = ask_about_one(parent, orphans[0])
        if answer == DISCARD and confirm_discard(parent, orphans[0]):
            orphans[0].discard()
            return None, 0
        if answer == DISCARD:
            return None, 1  # thought better of it: kept for later
        return (orphans[0], 0) if answer == RECOVER else (None, 1)
    dialog = RecoveryDialog(orphans, parent)
    dialog.exec()
    return dialog.chosen, len(dialog.remaining())
