"""The department editor (部门整体绩效目标) in the form the layout names.

- ``text`` (Hebei): 总体绩效目标, 分项绩效目标 table, 工作保障措施 and its items.
- ``guangzhou``: 部门名称, 基本信息, 预算整体情况, 总体绩效目标, 年度重点工作任务,
  其他需完成的任务, and indicators with 实施周期指标值 + 年度指标值.
- ``chengdu``: 部门名称, 年度主要任务, 资金总额 · 财政拨款 · 其他资金, 年度总体目标,
  and indicators numbered by task (编号 ``2-3``).

The form is rebuilt on `reload` (another document, another form); every field edits
the model through undo commands, exactly like the project editor.  Like the project
page, the form (scrolling) gets what it needs up to half the page and the indicator
table the rest; its boxes and task tables are as tall as their text and rows, so an
empty one takes one line (a 1366×768 screen at 150 % leaves the page under 300 pixels).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...amounts import add, agree, figures
from ...labels import DEPARTMENT_AMOUNT_LABELS
from ...layouts.spec import walk_blocks
from ...model import DepartmentGoals, DutyGoal, Task
from ..common.bound_widgets import BoundAmountEdit, BoundLineEdit, BoundLinesEdit, BoundTextEdit
from ..common.commands import SetFieldCommand
from ..common.context import EditorContext
from ..common.extra_fields import ExtraFields
from ..common.page_split import TopPaneFitter
from ..indicators.model import COLUMN_TITLES
from ..indicators.table import IndicatorTable
from .task_table import Column, ListTable

#: Tallest a task table gets before it scrolls inside the form.
TASK_TABLE_CAP = 260

FORM_TITLES = {
    "text": "部门整体绩效目标",
    "guangzhou": "部门整体预算绩效目标申报表",
    "chengdu": "部门整体支出绩效目标表",
}

#: Fields of an indicator row, as the problems panel names them.
INDICATOR_FIELDS = frozenset(COLUMN_TITLES)

_STYLE = (
    "#departmentForm QLabel#formLabel { color: #333; }"
    "#departmentForm QLabel#title { font-size: 12pt; font-weight: bold; }"
    "#departmentForm QLabel#section { font-weight: bold; color: #1f3b63;"
    " border-bottom: 1px solid #c5cbd3; padding-top: 6px; padding-bottom: 2px; }"
    "#departmentForm QLabel#sumCheck { color: #666; }"
)


def _label(text: str, parent: QWidget, name: str = "formLabel") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    if name == "formLabel":
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setContentsMargins(0, 4, 0, 0)
    return label


class DepartmentForm(QFrame):
    """The header part of one department form (everything but the indicator table)."""

    def __init__(
        self, ctx: EditorContext, dept: DepartmentGoals, form: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx, self.dept, self.form = ctx, dept, form
        self.setObjectName("departmentForm")
        self.setStyleSheet(_STYLE)
        #: Widgets by model field (``"name"``, ``"budget.total"`` …) for `focus_field`.
        self.fields: dict[str, QWidget] = {}
        self.tasks: ListTable | None = None
        self.duty_goals: ListTable | None = None
        self.sum_check: QLabel | None = None
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self._row = 0
        unit = ctx.document.money_unit or "元"
        title = _label(FORM_TITLES.get(form, "部门整体绩效目标"), self, "title")
        unit_line = QLabel(f"{ctx.document.unit_line}　　单位：{unit}", self)
        unit_line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.grid.addWidget(title, 0, 0, 1, 2)
        self.grid.addWidget(unit_line, 0, 2, 1, 2)
        self._row = 1
        getattr(self, f"_build_{form}")(unit)
        self._own_fields()
        self.grid.setRowStretch(self._row, 1)

    # -- building blocks ----------------------------------------------------------------

    def _section(self, text: str) -> None:
        self.grid.addWidget(_label(text, self, "section"), self._row, 0, 1, 4)
        self._row += 1

    def _wide(self, label: str | None, widget: QWidget, field: str) -> None:
        """A full-width field; without a label it takes the label column too (under a section)."""
        if label is None:
            self.grid.addWidget(widget, self._row, 0, 1, 4)
        else:
            self.grid.addWidget(_label(label, self), self._row, 0)
            self.grid.addWidget(widget, self._row, 1, 1, 3)
        self.fields[field] = widget
        self._row += 1

    def _paragraph(self, field: str, label: str, lines: int) -> BoundTextEdit:
        """A box as tall as its text: up to *lines* lines, more while typed in."""
        return BoundTextEdit(
            self.ctx, self.dept, field, label, self, lines, max(12, 2 * lines), compact=True
        )

    def _line(self, label: str, field: str, obj=None, placeholder: str = "") -> BoundLineEdit:
        edit = BoundLineEdit(self.ctx, obj or self.dept, field.split(".")[-1], label, self)
        edit.setPlaceholderText(placeholder)
        self.fields[field] = edit
        return edit

    def _amount(self, label: str, field: str) -> BoundAmountEdit:
        edit = BoundAmountEdit(self.ctx, self.dept.budget, field.split(".")[-1], label, self)
        self.fields[field] = edit
        return edit

    def _amount_pairs(self, pairs: list[tuple[str, str]]) -> None:
        """Rows of two budget amounts side by side, named as the forms name them."""
        for pair in pairs:
            for col, name in zip((0, 2), pair, strict=True):
                label = DEPARTMENT_AMOUNT_LABELS[name]
                self.grid.addWidget(_label(label, self), self._row, col)
                self.grid.addWidget(self._amount(label, f"budget.{name}"), self._row, col + 1)
            self._row += 1

    def _sum_line(self) -> None:
        self.sum_check = _label("", self, "sumCheck")
        self.sum_check.setWordWrap(True)
        self.grid.addWidget(self.sum_check, self._row, 1, 1, 3)
        self._row += 1
        self.ctx.fieldChanged.connect(self._on_budget_changed)
        self.update_sum_check()

    def _on_budget_changed(self, obj: object, _name: str) -> None:
        if obj is self.dept.budget:
            self.update_sum_check()

    def update_sum_check(self) -> None:
        """Live totals so the clerk sees at once when the parts do not add up.

        The comparison is `amounts.agree`, as 审核 makes it (checks/forms.py): Chengdu's
        资金总额 against 财政拨款 + 其他资金, Guangzhou's 基本支出 + 项目支出 against
        them; the figures as exact as the difference needs.
        """
        if self.sum_check is None:
            return
        b = self.dept.budget
        unit = self.ctx.document.money_unit
        sources = add(b.fiscal, b.other)
        if self.form == "chengdu":
            total, total_name = b.total, DEPARTMENT_AMOUNT_LABELS["total"]
        else:
            total, total_name = add(b.basic, b.project), "基本支出 + 项目支出"
        if total is None and sources is None:
            self.sum_check.setText("")
            return
        ok = total is not None and sources is not None and agree(sources, total, unit)
        shown_sources, shown_total = figures(sources, total)
        halves = [
            "财政拨款 + 其他资金 " + ("未填" if sources is None else f"= {shown_sources}"),
            total_name + (" 未填" if total is None else f" = {shown_total}"),
        ]
        text = "；".join(halves)
        if total is not None and sources is not None:
            text += "　✔ 相符" if ok else "　⚠ 两者不一致，请核对"
        self.sum_check.setText(text)
        self.sum_check.setStyleSheet(f"color: {'#2e7d32' if ok else '#b25a00'};")

    def _own_fields(self) -> None:
        """The fields the department layout declares on the form itself, if any."""
        from ...forms import department_layout
        from ...layouts import LayoutError

        try:
            spec = department_layout(self.ctx.document)
        except LayoutError:
            return
        fields = [f for f in spec.fields if f.on == "department"] if spec else []
        if fields:
            self._section("本版式自有字段")
            self.extra_fields = ExtraFields(self.ctx, self)
            self.extra_fields.show_fields(self.dept, fields)
            self._wide(None, self.extra_fields, "extra")

    def _layout_task_columns(self, unit: str) -> list[Column]:
        """Task columns the department layout adds: its own task fields (the 88号 form's
        财政拨款 · 其他资金) and 拟投入的资金 where it prints it."""
        from ...forms import department_layout
        from ...layouts import LayoutError

        try:
            spec = department_layout(self.ctx.document)
        except LayoutError:
            return []
        if spec is None:
            return []
        printed = {
            cell.get("field")
            for block in walk_blocks(spec.data["rows"])
            for cell in block.get("cells", [])
        }
        columns = []
        if "item.amount" in printed:
            columns.append(Column("amount", f"预算申请总额（{unit}）", "amount", 120))
        for field in spec.fields:
            if field.on == "task":
                kind = "amount" if field.type == "amount" else "text"
                title = f"{field.label}（{unit}）" if kind == "amount" else field.label
                columns.append(Column(f"extra.{field.id}", title, kind, 120))
        return columns

    # -- the three forms ----------------------------------------------------------------------

    def _build_text(self, _unit: str) -> None:
        self._section("一、总体绩效目标")
        self._wide(
            None,
            self._paragraph("overall_goal", "总体绩效目标", 5),
            "overall_goal",
        )
        self._section("二、分项绩效目标")
        self.duty_goals = ListTable(
            self.ctx, self.dept, "duty_goals",
            [Column("duty", "职责", "text", 150), Column("responsibilities", "主要职责", "long", 330),
             Column("goal", "绩效目标", "long", 330)],
            DutyGoal, "分项目标", self,
        )  # fmt: skip
        self.duty_goals.set_height_cap(TASK_TABLE_CAP)
        self._wide(None, self.duty_goals, "duty_goals")
        self._section("三、工作保障措施")
        self._wide(
            "总述",
            self._paragraph("safeguards", "工作保障措施", 3),
            "safeguards",
        )
        items = BoundLinesEdit(
            self.ctx, self.dept, "safeguard_items", "保障措施", self, 5, 12, compact=True
        )
        items.setPlaceholderText("每行一条措施，打印时自动编号")
        self._wide("分条措施", items, "safeguard_items")

    def _build_guangzhou(self, unit: str) -> None:
        self._wide("部门名称", self._line("部门名称", "name"), "name")
        self._section("基本信息")
        self.grid.addWidget(_label("财政供养人员数", self), self._row, 0)
        self.grid.addWidget(self._line("财政供养人员数", "staff_count"), self._row, 1)
        self.grid.addWidget(_label("下属二级单位数", self), self._row, 2)
        self.grid.addWidget(self._line("下属二级单位数", "subunit_count"), self._row, 3)
        self._row += 1
        self._section(f"预算整体情况（预算金额：{unit}）")
        self._amount_pairs([
            ("basic", "fiscal"),
            ("project", "other"),
            ("special", "own_level"),
            ("other_development", "transfer"),
        ])  # fmt: skip
        self._sum_line()
        self._section("总体绩效目标")
        self._wide(
            None,
            self._paragraph("overall_goal", "总体绩效目标", 4),
            "overall_goal",
        )
        self._section("年度重点工作任务")
        self.tasks = ListTable(
            self.ctx, self.dept, "tasks",
            [Column("name", "名称", "text", 170), Column("content", "主要实施内容", "long", 300),
             Column("amount", f"拟投入的资金({unit})", "amount", 120),
             Column("expected", "期望达到的目标(概述)", "long", 300)],
            Task, "任务", self,
        )  # fmt: skip
        self.tasks.set_height_cap(TASK_TABLE_CAP)
        self._wide(None, self.tasks, "tasks")
        other = self._paragraph("other_tasks", "其他需完成的任务", 3)
        self._wide("其他需完成的任务\n(可选填)", other, "other_tasks")

    def _build_chengdu(self, unit: str) -> None:
        self._wide("部门名称", self._line("部门名称", "name"), "name")
        self._section("年度主要任务")
        self.tasks = ListTable(
            self.ctx, self.dept, "tasks",
            [Column("name", "任务名称", "text", 220), Column("content", "主要内容", "long", 520),
             *self._layout_task_columns(unit)],
            Task, "任务", self,
        )  # fmt: skip
        self.tasks.set_height_cap(TASK_TABLE_CAP)
        self._wide(None, self.tasks, "tasks")
        self._section(f"年度部门整体支出预算（{unit}）")
        total = DEPARTMENT_AMOUNT_LABELS["total"]
        self.grid.addWidget(_label(total, self), self._row, 0)
        self.grid.addWidget(self._amount(total, "budget.total"), self._row, 1)
        self._row += 1
        self._amount_pairs([("fiscal", "other")])
        self._sum_line()
        self._section("年度总体目标")
        self._wide(
            None,
            self._paragraph("overall_goal", "年度总体目标", 4),
            "overall_goal",
        )


class DepartmentEditor(QWidget):
    """Edits ``ctx.document.department`` in ``ctx.document.layout.department_form``."""

    #: The most of the page's height the form takes by itself (the indicators get the rest).
    FORM_SHARE = 0.5
    #: Rows each table of the page keeps in sight on any screen (the form gives way).
    ROWS_SHOWN = 5
    #: Indicator rows kept while the clerk is in the form (its task table needs the room).
    ROWS_WHILE_IN_FORM = 0

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.form: DepartmentForm | None = None
        self.table = IndicatorTable(ctx, self, self.ROWS_SHOWN)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.NoFocus)  # no Tab stop that shows nothing
        self.indicator_box = QWidget(self)
        box = QVBoxLayout(self.indicator_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(2)
        # the title heads the table's own toolbar: one line less on a small screen
        self.indicator_title = QLabel("年度绩效指标", self.indicator_box)
        self.indicator_title.setStyleSheet(
            "font-weight: bold; color: #1f3b63; padding-left: 4px; padding-right: 8px;"
        )
        first = self.table.toolbar.actions()[0]
        self.table.toolbar.insertWidget(first, self.indicator_title)
        self.table.toolbar.insertSeparator(first)
        box.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.indicator_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 380])
        # outside the form the indicators keep their rows; the form folds away on a small
        # screen (one scroll bar, never a page scrolling around a scrolling form)
        self.fitter = TopPaneFitter(
            self.splitter, self.scroll, self.FORM_SHARE, self.table, self.ROWS_WHILE_IN_FORM,
            "▸ 表单", "屏幕较小，为显示更多指标行，上方的表单暂时收起；点此展开",
        )  # fmt: skip
        self.hidden_note = QLabel(
            "“部门整体表”设为“无”：这里的内容仍保留，但不打印、不导出。"
            "要打印时，请在“单位、年度和版式”中选择部门整体表的样式。",
            self,
        )
        self.hidden_note.setWordWrap(True)
        self.hidden_note.setStyleSheet(
            "background: #fff4cc; border: 1px solid #e0c060; border-radius: 3px; padding: 4px;"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hidden_note)
        layout.addWidget(self.splitter)
        ctx.documentReplaced.connect(self.reload)
        ctx.fieldChanged.connect(self._on_field_changed)
        self.scroll.viewport().installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.reload()

    def _small_tables(self) -> list[ListTable]:
        form = self.form
        tables = [form.tasks, form.duty_goals] if form is not None else []
        return [t for t in tables if t is not None]

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched in self._small_tables():
            QTimer.singleShot(0, self, self._show_focused_table)  # it grew as rows fitted
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            # a task table fits the form's visible height, so all its rows show at once
            room = max(self.scroll.viewport().height(), ListTable.ROWS_SHOWN * 26)
            for table in self._small_tables():
                table.set_height_cap(min(TASK_TABLE_CAP, room))
            QTimer.singleShot(0, self, self._show_focused_table)
        return super().eventFilter(watched, event)

    def _focus_changed(self, _old, _new) -> None:
        QTimer.singleShot(0, self, self._show_focused_table)

    def _show_focused_table(self) -> None:
        """In a task table the form scrolls to show the whole table (once laid out)."""
        focus = QApplication.focusWidget()
        for table in self._small_tables():
            if focus is not None and table.isAncestorOf(focus):
                # the table just grew: lay out the form and the scroll range first
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                self.scroll.ensureWidgetVisible(table, 0, 0)

    @property
    def department(self) -> DepartmentGoals | None:
        return self.ctx.document.department

    def _form_kind(self) -> str:
        form = self.ctx.document.layout.department_form
        return form if form in FORM_TITLES else "text"

    def reload(self) -> None:
        """Rebuild for the current document's department and form."""
        dept = self.department
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.form = None
        self.hidden_note.setVisible(
            dept is not None and not self.ctx.document.layout.department_form
        )
        if dept is None:
            self.scroll.setWidget(self._empty_page())
            self.table.set_owner(None)
            self.indicator_box.hide()
            return
        kind = self._form_kind()
        self.form = DepartmentForm(self.ctx, dept, kind, self.scroll)
        self.scroll.setWidget(self.form)
        self.fitter.watch(self.form)
        for table in self._small_tables():
            table.installEventFilter(self)
        has_indicators = kind in ("guangzhou", "chengdu")
        self.indicator_box.setVisible(has_indicators)
        self.table.set_owner(dept if has_indicators else None)

    def _empty_page(self) -> QWidget:
        """No department form yet: offer to add one in the form the clerk picks."""
        page = QWidget(self.scroll)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("本文件还没有部门整体绩效目标。", page))
        row = QHBoxLayout()
        row.addWidget(QLabel("表样：", page))
        combo = QComboBox(page)
        for kind, title in FORM_TITLES.items():
            combo.addItem(
                f"{title}（{ {'text': '文字式', 'guangzhou': '广州式', 'chengdu': '成都式'}[kind] }）",
                kind,
            )
        row.addWidget(combo)
        button = QPushButton("添加部门整体绩效目标", page)
        button.clicked.connect(lambda: self.add_department(combo.currentData()))
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def add_department(self, form: str) -> None:
        """Add an empty department form (one undo step)."""
        doc = self.ctx.document
        self.ctx.undo_stack.beginMacro("添加部门整体绩效目标")
        self.ctx.undo_stack.push(SetFieldCommand(self.ctx, doc.layout, "department_form", form))
        self.ctx.undo_stack.push(SetFieldCommand(self.ctx, doc, "department", DepartmentGoals()))
        self.ctx.undo_stack.endMacro()

    def _on_field_changed(self, obj: object, name: str) -> None:
        doc = self.ctx.document
        if (obj is doc and name in ("department", "money_unit")) or (
            obj is doc.layout and name in ("department_form", "department_layout")
        ):
            self.reload()  # the form's titles name the money unit

    def focus_field(self, field: str, row: int | None = None) -> None:
        """Jump to a field (from the problems panel): an indicator cell, a task row or a box."""
        if self.form is None:
            return
        if row is not None and field in INDICATOR_FIELDS and self.indicator_box.isVisible():
            self.table.select_cell(row, field)
            return
        if field in ("tasks", "duty_goals") or (row is not None and field not in self.form.fields):
            table = self.form.tasks if field != "duty_goals" else self.form.duty_goals
            if table is not None:
                self.scroll.ensureWidgetVisible(table)
                if row is not None:
                    table.select_row(row)
                table.view.setFocus()
            return
        if field == "indicators" and self.indicator_box.isVisible():
            self.table.view.setFocus()
            return
        widget = self.form.fields.get(field)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus(Qt.OtherFocusReason)
