"""The project editor: the header of the project form, laid out as printed, over its indicators.

Every field writes straight into the `Project` through an undo command as the clerk
types (consecutive keystrokes in one field merge into one undo step); a change that
comes from elsewhere (undo, another panel) is shown without disturbing the field the
clerk is typing in.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..model import SPENDING_MILESTONES, Project
from .bound_widgets import format_amount, parse_amount
from .commands import SetFieldCommand
from .context import EditorContext
from .indicator_table import IndicatorTable

#: Fields of the indicator table (the rest are header fields).
INDICATOR_FIELDS = frozenset(
    {"level1", "level2", "name", "description", "value", "period_value", "basis", "number"}
)

_GOAL_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[、.．]|[（(]\d{1,3}[)）])\s*")


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


def goals_from_text(text: str) -> list[str]:
    """One goal per non-blank line, without a number the clerk typed or pasted."""
    goals = []
    for line in text.splitlines():
        goal = _GOAL_NUMBER.sub("", line, count=1).strip()
        if goal:
            goals.append(goal)
    return goals


class _DocumentUndoFilter(QObject):
    """Ctrl+Z / Ctrl+Y in a header field undo the document, not just the field's text."""

    def __init__(self, ctx: EditorContext, parent: QObject):
        super().__init__(parent)
        self.ctx = ctx

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        if event.type() == QEvent.Type.KeyPress:  # no enabled window action took it
            self.ctx.undo_stack.undo() if undo else self.ctx.undo_stack.redo()
        return True  # a ShortcutOverride left unaccepted goes to the window's action


class _SetListCommand(SetFieldCommand):
    """Like SetFieldCommand, but consecutive edits of one list field merge too (goals)."""

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetListCommand):
            return False
        if other.obj is not self.obj or other.name != self.name:
            return False
        self.new = other.new
        return True


class AmountEdit(QLineEdit):
    """A money amount with two decimals, right-aligned, thousands separated when shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        pattern = QRegularExpression(r"^-?[0-9,，]{0,18}(\.[0-9]{0,2})?$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setPlaceholderText("0.00")

    def value(self) -> Decimal | None:
        try:
            return parse_amount(self.text())
        except ValueError:
            return None

    def set_value(self, value: Decimal | None) -> None:
        text = format_amount(value)
        if text != self.text():
            self.setText(text)


class PercentEdit(AmountEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        pattern = QRegularExpression(r"^[0-9]{0,3}(\.[0-9]{0,2})?$")
        self.setValidator(QRegularExpressionValidator(pattern, self))
        self.setPlaceholderText("")

    def set_value(self, value: Decimal | None) -> None:
        text = format_percent(value)
        if self.value() != value or (value is None and self.text()):
            self.setText(text)


class TextBox(QPlainTextEdit):
    """A paragraph field that asks for *lines* lines and may grow a little beyond them.

    Its size hint is its minimum, so the header stays compact and the indicator table
    below gets the room.
    """

    def __init__(self, placeholder: str, lines: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * lines + 10)
        self.setMaximumHeight(line * (lines + 3) + 10)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("formLabel")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class ProjectHeader(QFrame):
    """The header rows of the project form (项目编码 … 绩效目标)."""

    #: The 待复核 banner's button: the window runs its 确认复核 action.
    reviewRequested = Signal()

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.project: Project | None = None
        self._pushing = False
        self.setObjectName("projectHeader")
        self.setStyleSheet(
            "#projectHeader QLabel#formLabel { color: #333; }"
            "#projectHeader QLabel#title { font-size: 12pt; font-weight: bold; }"
            "#reviewBanner { background: #fff4cc; border: 1px solid #e0c060; border-radius: 3px; }"
        )

        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.unit_label = QLabel(self)
        self.unit_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)

        self.banner = QFrame(self)
        self.banner.setObjectName("reviewBanner")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 4, 4)
        banner_row.addWidget(
            QLabel("此项目由上年结转，内容尚待复核。核对无误后请点“确认复核”。", self.banner), 1
        )
        review_button = QPushButton("确认复核", self.banner)
        review_button.clicked.connect(self.reviewRequested)
        banner_row.addWidget(review_button)

        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.department = QLineEdit(self)
        self.implementer = QLineEdit(self)
        self.attribute = QComboBox(self)
        self.attribute.setEditable(True)
        self.attribute.addItems(["", "新增", "延续"])
        self.period = QLineEdit(self)
        self.period.setPlaceholderText("如 2023年1月-2023年12月")
        self.total = AmountEdit(self)
        self.fiscal = AmountEdit(self)
        self.other = AmountEdit(self)
        self.money_units = [QLabel(self) for _ in range(3)]
        self.sum_check = QLabel(self)
        self.purpose = TextBox("资金用于……", 2, self)
        self.plan = [PercentEdit(self) for _ in SPENDING_MILESTONES]
        self.long_term_goals = TextBox("每行一条中长期目标", 2, self)
        self.goals = TextBox("每行一条目标，不用写编号（打印时自动编号）", 3, self)

        self._build_grid()
        self._connect()
        undo_filter = _DocumentUndoFilter(ctx, self)
        for edit in (
            self.code, self.name, self.department, self.implementer, self.period,
            self.total, self.fiscal, self.other, self.purpose, self.goals,
            self.long_term_goals, self.attribute, *self.plan,
        ):  # fmt: skip
            edit.installEventFilter(undo_filter)

    # ------------------------------------------------------------- layout

    def _build_grid(self) -> None:
        grid = self.grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(5)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)
        self._rows: dict[str, list[QWidget]] = {}

        def row(key: str, r: int, *cells: tuple[QWidget, int, int]) -> None:
            self._rows[key] = []
            for widget, col, span in cells:
                grid.addWidget(widget, r, col, 1, span)
                self._rows[key].append(widget)

        L = lambda text: _label(text, self)  # noqa: E731
        self.code_label = L("项目编码")
        self.name_label = L("项目名称")
        row("code", 0, (self.code_label, 0, 1), (self.code, 1, 1))
        row("name", 0, (self.name_label, 2, 1), (self.name, 3, 3))
        row(
            "national1", 1,
            (L("主管部门及代码"), 0, 1), (self.department, 1, 1),
            (L("实施单位"), 2, 1), (self.implementer, 3, 3),
        )  # fmt: skip
        row(
            "national2", 2,
            (L("项目属性"), 0, 1), (self.attribute, 1, 1),
            (L("项目期"), 2, 1), (self.period, 3, 3),
        )  # fmt: skip
        amounts = [
            (self.total, "预算数"),
            (self.fiscal, "其中：财政资金"),
            (self.other, "其他资金"),
        ]
        cells = []
        for i, (edit, text) in enumerate(amounts):
            holder = QWidget(self)
            box = QHBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(4)
            box.addWidget(edit, 1)
            box.addWidget(self.money_units[i])
            cells += [(L(text), 2 * i, 1), (holder, 2 * i + 1, 1)]
        row("budget", 3, *cells)
        row("sum", 4, (self.sum_check, 1, 5))
        row("purpose", 5, (L("资金用途"), 0, 1), (self.purpose, 1, 5))
        self.purpose_label = self._rows["purpose"][0]

        plan_box = QWidget(self)
        plan_row = QHBoxLayout(plan_box)
        plan_row.setContentsMargins(0, 0, 0, 0)
        for milestone, edit in zip(SPENDING_MILESTONES, self.plan, strict=True):
            plan_row.addWidget(QLabel(milestone, plan_box))
            plan_row.addWidget(edit, 1)
            plan_row.addWidget(QLabel("%", plan_box))
            plan_row.addSpacing(12)
        row("plan", 6, (L("资金支出计划"), 0, 1), (plan_box, 1, 5))
        row("long_term", 7, (L("中长期目标"), 0, 1), (self.long_term_goals, 1, 5))
        self.goals_label = L("绩效目标")
        self.goals_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.purpose_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._rows["long_term"][0].setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        row("goals", 8, (self.goals_label, 0, 1), (self.goals, 1, 5))

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.unit_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _connect(self) -> None:
        text_fields = {
            self.code: "code",
            self.name: "name",
            self.department: "department",
            self.implementer: "implementer",
            self.period: "period",
        }
        for edit, name in text_fields.items():
            edit.textEdited.connect(lambda text, n=name: self._set(self.project, n, text))
        self.attribute.currentTextChanged.connect(
            lambda text: self._set(self.project, "attribute", text)
        )
        for name in ("total", "fiscal", "other"):
            edit: AmountEdit = getattr(self, name)
            edit.textEdited.connect(self._update_sum)
            edit.editingFinished.connect(lambda n=name: self._commit_amount(n))
        for i, edit in enumerate(self.plan):
            edit.editingFinished.connect(lambda i=i: self._commit_plan(i))
        self.purpose.textChanged.connect(
            lambda: self._set(self.project, "purpose", self.purpose.toPlainText())
        )
        self.goals.textChanged.connect(lambda: self._set_goals("goals", self.goals))
        self.long_term_goals.textChanged.connect(
            lambda: self._set_goals("long_term_goals", self.long_term_goals)
        )
        self.ctx.fieldChanged.connect(self._field_changed)

    # ----------------------------------------------------------- showing

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        """Show the project and the parts the document's layout uses."""
        project, layout = self.project, self.ctx.document.layout
        if project is None:
            return
        national = layout.project_form == "national"
        self._place_name(layout.show_code)
        for key, visible in (
            ("code", layout.show_code),
            ("national1", national),
            ("national2", national),
            ("plan", layout.show_spending_plan),
            ("long_term", national),
        ):
            for widget in self._rows[key]:
                widget.setVisible(visible)
        self.goals_label.setText("年度目标" if national else "绩效目标")
        self.goals.setPlaceholderText(
            "每行一条目标，不用写编号（打印时自动编号）" if not national else "每行一条年度目标"
        )
        for label in self.money_units:
            label.setText(self.ctx.document.money_unit)
        self.unit_label.setText(f"单位：{self.ctx.document.money_unit}")
        self._show_title()
        self.banner.setVisible(project.needs_review)

        self._show_text(self.code, project.code)
        self._show_text(self.name, project.name)
        self._show_text(self.department, project.department)
        self._show_text(self.implementer, project.implementer)
        self._show_text(self.period, project.period)
        if self.attribute.currentText() != project.attribute:
            self.attribute.blockSignals(True)
            self.attribute.setCurrentText(project.attribute)
            self.attribute.blockSignals(False)
        for name in ("total", "fiscal", "other"):
            getattr(self, name).set_value(getattr(project.budget, name))
        plan = project.spending_plan or [None] * len(SPENDING_MILESTONES)
        for edit, value in zip(self.plan, plan, strict=False):
            edit.set_value(value)
        self._show_plain(self.purpose, project.purpose, lambda t: t)
        self._show_plain(self.goals, "\n".join(project.goals), goals_from_text)
        self._show_plain(self.long_term_goals, "\n".join(project.long_term_goals), goals_from_text)
        self._update_sum()

    def _place_name(self, beside_code: bool) -> None:
        """项目名称 sits beside 项目编码, or spans the row when the layout has no code."""
        column, span = (2, 1) if beside_code else (0, 1)
        if self.grid.getItemPosition(self.grid.indexOf(self.name_label))[1] == column:
            return
        for widget in (self.name_label, self.name):
            self.grid.removeWidget(widget)
        self.grid.addWidget(self.name_label, 0, column, 1, span)
        self.grid.addWidget(self.name, 0, column + 1, 1, 5 - column)

    def _show_title(self) -> None:
        project, doc = self.project, self.ctx.document
        if project is None:
            return
        row = next((i for i, p in enumerate(doc.projects) if p is project), -1)
        name = project.name.strip() or "（未命名项目）"
        self.title.setText(f"{row + 1}. {name}绩效目标表" if row >= 0 else name)

    @staticmethod
    def _show_text(edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)

    def _show_plain(self, box: QPlainTextEdit, text: str, parse) -> None:
        """Replace the box's text only when it means something else (keeps the cursor)."""
        if parse(box.toPlainText()) == parse(text):
            return
        self._pushing = True
        try:
            box.setPlainText(text)
        finally:
            self._pushing = False

    def _field_changed(self, obj: object, name: str) -> None:
        if self._pushing or self.project is None:
            return
        doc = self.ctx.document
        watched = (self.project, self.project.budget, doc.layout)
        if any(obj is w for w in watched) or (obj is doc and name == "money_unit"):
            self.refresh()

    # ----------------------------------------------------------- editing

    def _set(self, obj: object, name: str, value, command=SetFieldCommand) -> None:
        if self._pushing or obj is None or getattr(obj, name) == value:
            return
        self._pushing = True
        try:
            self.ctx.undo_stack.push(command(self.ctx, obj, name, value, "修改项目"))
        finally:
            self._pushing = False
        if name == "name":
            self._show_title()
        if name == "needs_review":
            self.banner.setVisible(bool(value))

    def _set_goals(self, name: str, box: QPlainTextEdit) -> None:
        self._set(self.project, name, goals_from_text(box.toPlainText()), _SetListCommand)

    def _commit_amount(self, name: str) -> None:
        edit: AmountEdit = getattr(self, name)
        if self.project is None or not edit.isModified():
            return  # only what the clerk typed; a shown value is never rewritten
        edit.setModified(False)
        try:
            value = parse_amount(edit.text())
        except ValueError:
            value = getattr(self.project.budget, name)
        self._set(self.project.budget, name, value)
        edit.set_value(value)
        self._update_sum()

    def _commit_plan(self, i: int) -> None:
        if self.project is None or not self.plan[i].isModified():
            return
        self.plan[i].setModified(False)
        plan = list(self.project.spending_plan) or [None] * len(SPENDING_MILESTONES)
        plan[i] = self.plan[i].value()
        if all(v is None for v in plan) and not self.project.spending_plan:
            return
        self._set(self.project, "spending_plan", plan)

    def commit_pending(self) -> None:
        """Write what is still being typed in an amount field (before save, export …)."""
        for name in ("total", "fiscal", "other"):
            self._commit_amount(name)
        for i in range(len(self.plan)):
            self._commit_plan(i)

    def _update_sum(self) -> None:
        """Live check 财政资金 + 其他资金 = 预算数 on what is typed, saved or not."""
        total, fiscal, other = self.total.value(), self.fiscal.value(), self.other.value()
        unit = self.ctx.document.money_unit
        if fiscal is None and other is None:
            self.sum_check.setText("")
            return
        parts = (fiscal or Decimal(0)) + (other or Decimal(0))
        if total is not None and parts == total:
            text, color = "✔ 财政资金 + 其他资金 = 预算数", "#2e7d32"
        elif total is None:
            text, color = (
                f"财政资金 + 其他资金 = {format_amount(parts)} {unit}，预算数未填",
                "#b35c00",
            )
        else:
            diff = total - parts
            more = "少" if diff > 0 else "多"
            text = (
                f"✘ 财政资金 + 其他资金 = {format_amount(parts)} {unit}，"
                f"比预算数 {format_amount(total)} {unit} {more} {format_amount(abs(diff))} {unit}"
            )
            color = "#c62828"
        self.sum_check.setText(text)
        self.sum_check.setStyleSheet(f"color: {color};")

    def focus_field(self, field: str) -> bool:
        """Put the cursor into the header field a problem points at."""
        field = field.split(".")[-1] if field.startswith("budget.") else field
        widgets = {
            "code": self.code,
            "name": self.name,
            "budget": self.total,
            "total": self.total,
            "fiscal": self.fiscal,
            "other": self.other,
            "purpose": self.purpose,
            "spending_plan": self.plan[0],
            "goals": self.goals,
            "long_term_goals": self.long_term_goals,
            "department": self.department,
            "implementer": self.implementer,
            "attribute": self.attribute,
            "period": self.period,
        }
        widget = widgets.get(field)
        if widget is None or not widget.isVisibleTo(self):
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class ProjectEditor(QWidget):
    """Header (scrollable) above the indicator table, in a splitter the window remembers."""

    reviewRequested = Signal()

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.header = ProjectHeader(ctx, self)
        self.header.reviewRequested.connect(self.reviewRequested)
        scroll = QScrollArea(self)
        scroll.setWidget(self.header)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.table = IndicatorTable(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([295, 505])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    @property
    def project(self) -> Project | None:
        return self.header.project

    def set_project(self, project: Project | None) -> None:
        self.header.set_project(project)
        self.table.set_owner(project)

    def commit_pending(self) -> None:
        self.header.commit_pending()

    def focus_field(self, field: str, row: int | None = None) -> None:
        """Jump to a header field, or to a cell of the indicator table."""
        if row is not None:
            self.table.select_cell(row, field if field in INDICATOR_FIELDS else "name")
        else:
            self.header.focus_field(field)
