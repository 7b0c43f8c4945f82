"""The project editor: the header of the project form, laid out as printed, over its indicators.

The header fields are the bound widgets of `bound_widgets` (one implementation of
text, paragraph, list and amount fields for every editor), re-bound to the project the
tree selects: they write through undo commands as the clerk types, and show a change
that comes from elsewhere (undo, another panel) without disturbing the field the clerk
is typing in.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...amounts import add, agree, figures, parse_percent
from ...labels import BUDGET_ROW_LABELS, PROJECT_LABELS
from ...model import SPENDING_MILESTONES, Project
from ..common.bound_widgets import (
    BoundAmountEdit,
    BoundLineEdit,
    BoundLinesEdit,
    BoundTextEdit,
    GlobalUndoMixin,
    UndoKeyFilter,
)
from ..common.commands import SetFieldCommand
from ..common.context import EditorContext
from ..common.extra_fields import ExtraFields
from ..common.page_split import TopPaneFitter
from ..indicators.table import IndicatorTable

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


class GoalsEdit(BoundLinesEdit):
    """绩效目标 / 中长期目标: one goal per line; numbers the clerk typed are dropped."""

    def value_from_text(self, text: str) -> list[str]:
        return goals_from_text(text)


class PercentEdit(GlobalUndoMixin, QLineEdit):
    """One share of the 资金支出计划 (a percentage, two decimals at most)."""

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        pattern = QRegularExpression(r"^[0-9]{0,3}(\.[0-9]{0,2})?$")
        self.setValidator(QRegularExpressionValidator(pattern, self))

    def value(self) -> Decimal | None:
        try:
            return parse_percent(self.text())
        except ValueError:
            return None

    def set_value(self, value: Decimal | None) -> None:
        if self.value() != value or (value is None and self.text()):
            self.setText(format_percent(value))


def review_banner_text(project: Project) -> str:
    """``本项目还有 7 项待复核的内容（项目信息 1 项、指标 6 条）…``: the check's words and count."""
    indicators = project.review_count() - int(project.needs_review)
    parts = (["项目信息 1 项"] if project.needs_review else []) + (
        [f"指标 {indicators} 条"] if indicators else []
    )
    return (
        f"本项目还有 {project.review_count()} 项待复核的内容（{'、'.join(parts)}），"
        "由上年结转而来，尚未修改或确认。"
    )


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
        self.setObjectName("projectHeader")
        self.setStyleSheet(
            "#projectHeader QLabel#formLabel { color: #333; }"
            "#projectHeader QLabel#title { font-size: 12pt; font-weight: bold; }"
        )

        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.unit_label = QLabel(self)
        self.unit_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)

        # shown by ProjectEditor above the scrolling header, so it never pushes the
        # fields out of sight
        self.banner = QFrame(self)
        self.banner.setObjectName("reviewBanner")
        self.banner.setStyleSheet(
            "#reviewBanner { background: #fff4cc; border: 1px solid #e0c060; border-radius: 3px; }"
        )
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 4, 4, 4)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        banner_row.addWidget(self.banner_text, 1)
        self.review_button = QPushButton("确认复核", self.banner)
        self.review_button.clicked.connect(self.reviewRequested)
        banner_row.addWidget(self.review_button)
        #: The project whose 待复核 banner is showing (it stays, marked done, once reviewed).
        self._banner_for: Project | None = None

        line = lambda field, label: BoundLineEdit(ctx, None, field, label, self)  # noqa: E731
        amount = lambda field, label: BoundAmountEdit(ctx, None, field, label, self)  # noqa: E731
        self.code = line("code", PROJECT_LABELS["code"])
        self.name = line("name", PROJECT_LABELS["name"])
        self.department = line("department", "主管部门")
        self.implementer = line("implementer", "实施单位")
        self.attribute = QComboBox(self)
        self.attribute.setEditable(True)
        self.attribute.addItems(["", "新增", "延续"])
        self.attribute.installEventFilter(UndoKeyFilter(ctx, self))
        self.period = line("period", "项目期")
        self.period.setPlaceholderText("如 2023年1月-2023年12月")
        self.total, self.fiscal, self.other = (
            amount(name, PROJECT_LABELS[f"budget.{name}"]) for name in ("total", "fiscal", "other")
        )
        self.money_units = [QLabel(self) for _ in range(3)]
        self.sum_check = QLabel(self)
        self.purpose = BoundTextEdit(
            ctx, None, "purpose", "资金用途", self, lines=2, max_lines=6, compact=True
        )
        self.purpose.setPlaceholderText("资金用于……")
        self.plan = [PercentEdit(ctx, self) for _ in SPENDING_MILESTONES]
        self.long_term_goals = GoalsEdit(
            ctx, None, "long_term_goals", "中长期目标", self, lines=2, max_lines=6, compact=True
        )
        self.long_term_goals.setPlaceholderText("每行一条中长期目标")
        self.goals = GoalsEdit(
            ctx, None, "goals", "绩效目标", self, lines=3, max_lines=8, compact=True
        )
        self._build_grid()
        self._connect()

    def _project_fields(self) -> list:
        """The bound fields of the project itself (the amounts are bound to its budget)."""
        return [
            self.code, self.name, self.department, self.implementer, self.period,
            self.purpose, self.goals, self.long_term_goals,
        ]  # fmt: skip

    def _budget_fields(self) -> list[BoundAmountEdit]:
        return [self.total, self.fiscal, self.other]

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
        self.code_label = L(PROJECT_LABELS["code"])
        self.name_label = L(PROJECT_LABELS["name"])
        row("code", 0, (self.code_label, 0, 1), (self.code, 1, 1))
        row("name", 0, (self.name_label, 2, 1), (self.name, 3, 3))
        row(
            "national1", 1,
            (L(PROJECT_LABELS["department"]), 0, 1), (self.department, 1, 1),
            (L(PROJECT_LABELS["implementer"]), 2, 1), (self.implementer, 3, 3),
        )  # fmt: skip
        row(
            "national2", 2,
            (L(PROJECT_LABELS["attribute"]), 0, 1), (self.attribute, 1, 1),
            (L(PROJECT_LABELS["period"]), 2, 1), (self.period, 3, 3),
        )  # fmt: skip
        amounts = list(zip((self.total, self.fiscal, self.other), BUDGET_ROW_LABELS, strict=True))
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
        row(
            "long_term",
            7,
            (L(PROJECT_LABELS["long_term_goals"]), 0, 1),
            (self.long_term_goals, 1, 5),
        )
        self.goals_label = L("绩效目标")
        self.goals_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.purpose_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._rows["long_term"][0].setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        row("goals", 8, (self.goals_label, 0, 1), (self.goals, 1, 5))
        # The project layout's own fields (转移支付资金, 立项依据 …), when it has any.
        self.extra_fields = ExtraFields(self.ctx, self)
        row("extra", 9, (self.extra_fields, 0, 6))

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.unit_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.attribute.currentTextChanged.connect(
            lambda text: self._set(self.project, "attribute", text)
        )
        for edit in self._budget_fields():
            edit.textEdited.connect(self._update_sum)
        for i, edit in enumerate(self.plan):
            edit.editingFinished.connect(lambda i=i: self._commit_plan(i))
        self.ctx.fieldChanged.connect(self._field_changed)
        self.ctx.listChanged.connect(self._list_changed)

    # ----------------------------------------------------------- showing

    def set_project(self, project: Project | None) -> None:
        self.project = project
        for edit in self._project_fields():
            edit.bind(project)
        for edit in self._budget_fields():
            edit.bind(project.budget if project is not None else None)
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
        self._show_review()
        self._show_extra()
        self._show_attribute()
        self._show_plan()
        self._update_sum()

    def _show_extra(self) -> None:
        """The fields the project layout declares of its own (none for a missing layout)."""
        from ...forms import project_layout
        from ...layouts import LayoutError

        try:
            spec = project_layout(self.ctx.document)
        except LayoutError:
            fields = []
        else:
            fields = [f for f in spec.fields if f.on == "project"]
        self.extra_fields.show_fields(self.project, fields)

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

    def _show_review(self) -> None:
        """The 待复核 banner says what is still unreviewed; editing reviews (commands.py).

        Its count is `Project.review_count`, worded as the 审核 reminder words it, so the
        banner and the problems list never disagree.
        """
        project = self.project
        if project is None:
            return
        total = project.review_count()
        self.banner_text.setToolTip("修改过的内容自动算作已复核；其余核对无误后请点“确认复核”。")
        if total:
            if self._banner_for is not project:
                self.banner.setMinimumHeight(0)
            self._banner_for = project
            self.review_button.setVisible(True)
            self.banner.setVisible(True)
            self.banner_text.setText(review_banner_text(project))
        elif self._banner_for is project and not self.banner.isHidden():
            # closing it now would move every field up under the clerk's next click:
            # it says so, as tall as it was, until another project is shown
            self.banner.setMinimumHeight(self.banner.height())
            self.review_button.setVisible(False)
            self.banner_text.setText("✔ 本项目已全部复核。")
            self.banner_text.setToolTip("")
        else:
            self._banner_for = None
            self.banner.setMinimumHeight(0)
            self.banner.setVisible(False)
            self.banner_text.setText("")

    def _show_attribute(self) -> None:
        if self.project is not None and self.attribute.currentText() != self.project.attribute:
            self.attribute.blockSignals(True)
            self.attribute.setCurrentText(self.project.attribute)
            self.attribute.blockSignals(False)

    def _show_plan(self) -> None:
        if self.project is None:
            return
        plan = self.project.spending_plan or [None] * len(SPENDING_MILESTONES)
        for edit, value in zip(self.plan, plan, strict=False):
            edit.set_value(value)

    def _field_changed(self, obj: object, name: str) -> None:
        project, doc = self.project, self.ctx.document
        if project is None:
            return
        if obj is doc.layout or (obj is doc and name == "money_unit"):
            self.refresh()
        elif obj is project.budget:
            self._update_sum()
        elif name == "needs_review" and (
            obj is project or any(obj is ind for ind in project.indicators)
        ):
            self._show_review()
        elif obj is project:
            {
                "name": self._show_title,
                "attribute": self._show_attribute,
                "spending_plan": self._show_plan,
            }.get(name, lambda: None)()

    def _list_changed(self, owner: object, name: str) -> None:
        """Projects moved (the title's number) or indicators removed (the banner's count)."""
        if owner is self.ctx.document and name == "projects":
            self._show_title()
        elif owner is self.project and name == "indicators":
            self._show_review()

    # ----------------------------------------------------------- editing

    def _set(self, obj: object, name: str, value) -> None:
        if obj is None or getattr(obj, name) == value:
            return
        self.ctx.undo_stack.push(SetFieldCommand(self.ctx, obj, name, value, "修改项目"))

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
        for edit in self._budget_fields():
            edit.commit()
        for i in range(len(self.plan)):
            self._commit_plan(i)

    def _update_sum(self) -> None:
        """Live check 财政资金 + 其他资金 = 预算数 on what is typed, saved or not.

        "Equal" is `amounts.agree`, the rule 审核 applies (checks/forms.py), and the
        figures are as exact as the difference needs, so the line and 审核 never
        disagree and a difference is never shown as 1.23 ≠ 1.23.
        """
        total, fiscal, other = self.total.value(), self.fiscal.value(), self.other.value()
        unit = self.ctx.document.money_unit
        parts = add(fiscal, other)
        if parts is None:
            self.sum_check.setText("")
            return
        if total is not None and agree(parts, total, unit):
            text, color = "✔ 财政资金 + 其他资金 = 预算数", "#2e7d32"
        elif total is None:
            text, color = (
                f"财政资金 + 其他资金 = {figures(parts)[0]} {unit}，预算数未填",
                "#b35c00",
            )
        else:
            diff = total - parts
            more = "少" if diff > 0 else "多"
            shown_parts, shown_total, shown_diff = figures(parts, total, abs(diff))
            text = (
                f"✘ 财政资金 + 其他资金 = {shown_parts} {unit}，"
                f"比预算数 {shown_total} {unit} {more} {shown_diff} {unit}"
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
    """Header (scrollable) above the indicator table, in a vertical splitter.

    The table gets the room (`TopPaneFitter`): the header is given what its fields need,
    but never more than `HEADER_SHARE` of the page (it scrolls beyond that) unless the
    clerk drags the splitter.  Outside the header the table keeps room for
    `IndicatorView.ROWS_SHOWN` rows: on a small screen (1366×768 at 125–150 %) the header
    shrinks as the clerk moves into the table, down to a "▸ 表头" button in the table's
    toolbar; in the header the table keeps `ROWS_WHILE_IN_HEADER` rows.
    """

    reviewRequested = Signal()

    #: The most of the page's height the header takes by itself.
    HEADER_SHARE = 0.42
    #: Indicator rows kept in sight while the clerk is in the header.
    ROWS_WHILE_IN_HEADER = 3

    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.header = ProjectHeader(ctx, self)
        self.header.reviewRequested.connect(self.reviewRequested)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.header)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a Tab stop that shows nothing: Tab goes from 绩效目标 straight to the table
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table = IndicatorTable(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.fitter = TopPaneFitter(
            self.splitter,
            self.scroll,
            self.HEADER_SHARE,
            self.table,
            self.ROWS_WHILE_IN_HEADER,
            "▸ 表头",
            "屏幕较小，为显示更多指标行，表头（项目名称、金额、绩效目标等）暂时收起；点此展开",
        )
        self.fitter.foldedChanged.connect(self._folded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.banner_row = QWidget(self)
        banner_box = QHBoxLayout(self.banner_row)
        banner_box.setContentsMargins(10, 4, 10, 0)
        banner_box.addWidget(self.header.banner)
        layout.addWidget(self.banner_row)
        layout.addWidget(self.splitter)
        ctx.fieldChanged.connect(self._review_changed)

    def header_height(self) -> int:
        """What the header needs to show every field without scrolling."""
        return self.fitter.needed()

    def _folded(self, folded: bool) -> None:
        """A folded header takes the 待复核 banner with it (the button says it is there)."""
        self.banner_row.setVisible(not folded)
        self._show_unfold_text()

    def _show_unfold_text(self) -> None:
        project = self.header.project
        count = project.review_count() if project is not None else 0
        unfold = self.fitter.unfold
        if unfold is not None:
            unfold.setText(f"▸ 表头（{count} 项待复核）" if count else "▸ 表头")

    def _review_changed(self, _obj: object, name: str) -> None:
        if name == "needs_review":
            self._show_unfold_text()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitter.schedule()

    @property
    def project(self) -> Project | None:
        return self.header.project

    def set_project(self, project: Project | None) -> None:
        self.header.set_project(project)
        self.table.set_owner(project)
        self.scroll.verticalScrollBar().setValue(0)
        self._show_unfold_text()
        self.fitter.schedule()

    def commit_pending(self) -> None:
        self.header.commit_pending()

    def focus_field(self, field: str, row: int | None = None) -> None:
        """Jump to a header field, or to a cell of the indicator table."""
        if row is not None:
            self.table.select_cell(row, field if field in INDICATOR_FIELDS else "name")
        else:
            self.header.focus_field(field)
