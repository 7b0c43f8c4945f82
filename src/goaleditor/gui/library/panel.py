"""The 指标库 panel: search as the clerk types, results grouped by 一级/二级, insert.

The search box takes Chinese, parts of words, pinyin initials or full pinyin
(``fwdxmyd``, ``manyidu``); the filters narrow to a 一级, a 二级 or a project class.
Results are a tree — one branch per 一级 › 二级, in the order of its best match — with
the value and where it comes from; below, the chosen indicator's description, basis,
unit and comparison, and where it was used (year, unit, project, value).  插入 (or a
double-click, Enter, or dragging onto the table) adds the chosen indicators to the table
on screen in one undo step; ↓ in the search box goes to the results.  更多: export the
history as an Excel list, import a colleague's, rebuild from the documents.  A search runs on the next turn of the event loop, so fast
typing searches once for the last keystroke.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...library.entries import LibraryEntry
from ...library.search import LibraryIndex, LibraryMatch, group_matches
from .transfer import MIME_TYPE, entries_mime

#: Results shown at most (the best ones); the count line says when there are more.
SHOWN = 200
#: Uses listed under the chosen indicator at most.
USES_SHOWN = 30

ALL_LEVEL1 = "全部一级指标"
ALL_LEVEL2 = "全部二级指标"
ALL_CLASSES = "全部项目类别"

_MATCH = Qt.ItemDataRole.UserRole


class ResultTree(QTreeWidget):
    """The results; dragging chosen rows carries their entries (`transfer.entries_mime`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["三级指标", "指标值", "来源"])
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        # the group titles span the row: sizing to contents would make room for them
        metrics = self.fontMetrics()
        for column, sample in ((1, "≥1000百分比"), (2, "2024年")):
            header.setSectionResizeMode(column, QHeaderView.Interactive)
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)

    def chosen(self) -> list[LibraryMatch]:
        """The selected results in tree order; a selected group stands for all its rows."""
        found: list[LibraryMatch] = []
        for g in range(self.topLevelItemCount()):
            group = self.topLevelItem(g)
            for r in range(group.childCount()):
                item = group.child(r)
                if item.isSelected() or group.isSelected():
                    found.append(item.data(0, _MATCH))
        return found

    def mimeData(self, items):
        return entries_mime([m.entry for m in self.chosen()])

    def mimeTypes(self):
        return [MIME_TYPE, "text/plain"]


class LibraryPanel(QWidget):
    #: Insert these entries into the table on screen.
    insertRequested = Signal(list)
    #: The indicator table should (not) show last year's values.
    lastYearToggled = Signal(bool)
    #: Read every recorded document again (从文档重建).
    rebuildRequested = Signal()
    #: Export the history to an Excel list / import such a list.
    exportRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.index: LibraryIndex | None = None
        #: The 二级 of the table's current row: its items rank first.
        self.context_level2 = ""
        self.matches: list[LibraryMatch] = []
        self._note = ""

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("名称、拼音或首字母，如 满意度、manyidu、fwdxmyd")
        self.search_box.setClearButtonEnabled(True)
        self.level1_box = QComboBox(self)
        self.level2_box = QComboBox(self)
        self.class_box = QComboBox(self)
        for box, tip in (
            (self.level1_box, "只看这个一级指标"),
            (self.level2_box, "只看这个二级指标"),
            (self.class_box, "只看这一类项目的常用指标和用过的指标"),
        ):
            box.setToolTip(tip)
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        self.tree = ResultTree(self)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.insert_button = QPushButton("插入到指标表", self)
        self.insert_button.setToolTip(
            "把选中的指标加入当前项目的指标表（可撤销；也可双击或拖到表中）"
        )
        self.last_year_box = QCheckBox("指标表显示上年指标值", self)
        self.last_year_box.setToolTip(
            "在指标值下显示上一年度同一项目、同一指标的指标值（来自历史）"
        )
        self.more_button = QToolButton(self)
        self.more_button.setText("更多")
        self.more_button.setPopupMode(QToolButton.InstantPopup)
        more = QMenu(self.more_button)
        self.export_action = more.addAction("导出为 Excel…")
        self.export_action.setToolTip("把历史中的指标导出为一个 Excel 列表，供单位内同事导入")
        self.import_action = more.addAction("从 Excel 导入…")
        self.import_action.setToolTip("导入同事导出的指标库列表（Excel）")
        more.addSeparator()
        self.rebuild_action = more.addAction("从文档重建")
        self.rebuild_action.setToolTip(
            "重新读取历史中记录过的全部文档（历史文件损坏或文档改动后使用）"
        )
        more.setToolTipsVisible(True)
        self.more_button.setMenu(more)

        filters = QHBoxLayout()
        filters.setSpacing(4)
        for box in (self.level1_box, self.level2_box, self.class_box):
            filters.addWidget(box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.more_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.last_year_box)

        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.level1_box.currentIndexChanged.connect(self._level1_chosen)
        self.level2_box.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.class_box.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.tree.currentItemChanged.connect(lambda item, _old: self._show_details(item))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._double_clicked(item))
        self.insert_button.clicked.connect(self.insert_chosen)
        self.last_year_box.toggled.connect(self.lastYearToggled)
        self.export_action.triggered.connect(self.exportRequested)
        self.import_action.triggered.connect(self.importRequested)
        self.rebuild_action.triggered.connect(self.rebuildRequested)
        self.search_box.installEventFilter(self)
        self.tree.installEventFilter(self)
        self._fill_filters()
        self.set_note("正在建立指标库索引……")
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:
        """↓ in the search box goes to the results; Enter on a result inserts the chosen."""
        if event.type() == QEvent.KeyPress:
            key = event.key()
            if watched is self.search_box and key == Qt.Key_Down and self.tree.topLevelItemCount():
                self.tree.setFocus()
                return True
            if watched is self.tree and key in (Qt.Key_Return, Qt.Key_Enter):
                self.insert_chosen()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ index and filters

    def set_index(self, index: LibraryIndex) -> None:
        self.index = index
        self._fill_filters()
        self.search()

    def set_note(self, note: str) -> None:
        self._note = note
        self._show_count()

    def set_context_level2(self, level2: str) -> None:
        if level2 != self.context_level2:
            self.context_level2 = level2
            if self.search_box.text().strip():
                self._timer.start()

    def _fill_filters(self) -> None:
        from ...library.builtin import class_names

        index = self.index
        self._refill(self.level1_box, ALL_LEVEL1, index.level1_names() if index else [])
        self._refill_level2()
        self._refill(self.class_box, ALL_CLASSES, class_names())

    def _refill_level2(self) -> None:
        index = self.index
        names = index.level2_names(self.level1()) if index else []
        self._refill(self.level2_box, ALL_LEVEL2, names)

    @staticmethod
    def _refill(box: QComboBox, everything: str, names: list[str]) -> None:
        keep = box.currentText()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, "")
        for name in names:
            box.addItem(name, name)
        at = box.findData(keep) if keep != everything else 0
        box.setCurrentIndex(max(at, 0))
        box.blockSignals(False)

    def _level1_chosen(self, _i: int) -> None:
        self._refill_level2()
        self._timer.start()

    def level1(self) -> str:
        return self.level1_box.currentData() or ""

    def level2(self) -> str:
        return self.level2_box.currentData() or ""

    def project_class(self) -> str:
        return self.class_box.currentData() or ""

    # ------------------------------------------------------------ searching

    def search(self) -> None:
        """Search for the text in the box with the filters; show the results grouped."""
        self._timer.stop()
        if self.index is None:
            return
        self.matches = self.index.search(
            self.search_box.text(),
            level1=self.level1(),
            level2=self.level2(),
            project_class=self.project_class(),
            context_level2=self.context_level2,
            limit=SHOWN + 1,
        )
        shown = self.matches[:SHOWN]
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        for level1, level2, group in group_matches(shown):
            title = f"{level1 or '（无一级）'} › {level2 or '（无二级）'}（{len(group)}）"
            top = QTreeWidgetItem([title])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for match in group:
                entry = match.entry
                row = QTreeWidgetItem([entry.name, entry.value, _source_text(entry)])
                row.setData(0, _MATCH, match)
                row.setToolTip(0, entry.name)
                row.setToolTip(2, _source_tip(entry))
                top.addChild(row)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            top.setExpanded(True)
        self.tree.setUpdatesEnabled(True)
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        else:
            self._show_details(None)
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        parts = []
        if self.index is not None:
            more = "（只列出最相关的 200 条）" if len(self.matches) > SHOWN else ""
            parts.append(f"找到 {min(len(self.matches), SHOWN)} 个指标{more}")
        if self._note:
            parts.append(self._note)
        self.count_label.setText("\n".join(parts))

    # ------------------------------------------------------------ details and insert

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        match = item.data(0, _MATCH) if item is not None else None
        if match is None:
            self.details.clear()
            return
        self.details.setHtml(details_html(match))

    def _update_buttons(self) -> None:
        self.insert_button.setEnabled(bool(self.tree.chosen()))

    def _double_clicked(self, item: QTreeWidgetItem) -> None:
        if item.data(0, _MATCH) is not None:
            self.insertRequested.emit([item.data(0, _MATCH).entry])

    def insert_chosen(self) -> None:
        chosen = self.tree.chosen()
        if chosen:
            self.insertRequested.emit([m.entry for m in chosen])


def _source_text(entry: LibraryEntry) -> str:
    """The 来源 column, short: the year of the clerk's own use, 内置 for built-in ones (the
    tooltip and the details below say the rest)."""
    if entry.builtin:
        return "内置"
    return f"{entry.year}年" if entry.year else "历史"


def _source_tip(entry: LibraryEntry) -> str:
    if entry.builtin:
        return entry.source_label()
    where = " · ".join(x for x in (entry.unit_name, entry.project_label) if x)
    return f"{where}\n{entry.source}"


def details_html(match: LibraryMatch) -> str:
    """The chosen indicator: its texts, unit and comparison, and where it was used."""
    entry = match.entry
    rows = [
        ("指标", f"{entry.level1} › {entry.level2} › {entry.name}"),
        ("指标值", entry.value),
        (
            "来源",
            entry.source_label() if entry.builtin else _source_tip(entry).replace("\n", " · "),
        ),
        ("计量单位", entry.unit or "（无）"),
        ("指标性质", entry.comparison or "定性或未写比较符号"),
        ("绩效指标描述", entry.description),
        ("指标值确定依据", entry.basis),
        ("项目类别", entry.project_class),
    ]
    html = ["<table cellspacing=2>"]
    html += [
        f"<tr><td style='color:#555'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in rows
        if v
    ]
    html.append("</table>")
    uses = match.item.uses()
    if uses:
        html.append(f"<p><b>用过 {len(uses)} 次</b>（最近的在前）：</p><ul>")
        for use in uses[:USES_SHOWN]:
            where = " · ".join(
                x for x in (str(use.year or ""), use.unit_name, use.project_label) if x
            )
            html.append(f"<li>{escape(where)}：{escape(use.value or '（空）')}</li>")
        html.append("</ul>")
        if len(uses) > USES_SHOWN:
            html.append(f"<p>……另有 {len(uses) - USES_SHOWN} 次</p>")
    else:
        html.append(f"<p>来源：{escape(entry.source_label())}（还没有在自己的文档中用过）</p>")
    return "".join(html)
