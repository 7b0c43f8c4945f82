"""The editor of the tree's root node: unit, year, money unit, layout and signature line.

The layout choices decide which parts of the forms the other editors show and the
exporters print (项目编码, 资金支出计划, 依据 column, department form, national form).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...amounts import AmountTooLarge
from ...labels import DOCUMENT_LABELS, SIGNATURE_LABELS
from ...model import DepartmentGoals, Document
from ...money_unit import converted_changes
from ..common import messages
from ..common.bound_widgets import BoundLineEdit, exact_amount
from ..common.commands import SetFieldCommand, set_fields
from ..common.context import EditorContext

DEPARTMENT_FORM_NAMES = [
    ("", "无部门整体表"),
    ("text", "文字版（总体目标、分项目标、保障措施）"),
    ("guangzhou", "部门整体预算绩效目标申报表（广州样式）"),
    ("chengdu", "部门整体支出绩效目标表（成都样式）"),
]
PROJECT_FORM_NAMES = [
    ("standard", "项目绩效目标表（省级通用）"),
    ("national", "项目支出绩效目标申报表（含中长期目标、实施周期指标值）"),
]
NUMBER_STYLE_NAMES = [("、", "1、2、3、"), (".", "1. 2. 3.")]


class DocumentEditor(QScrollArea):
    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._binders: list[Callable[[], None]] = []
        #: The text fields by model field name (unit_name, preparer …), for `focus_field`.
        self.fields: dict[str, QWidget] = {}
        self._loading = False
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop that shows nothing
        body = QWidget(self)
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 10, 12, 10)

        doc_ = lambda: self.ctx.document  # noqa: E731
        lay_ = lambda: self.ctx.document.layout  # noqa: E731
        sig_ = lambda: self.ctx.document.signature  # noqa: E731

        unit = self._group(layout, "填报单位")
        self.unit_code = self._line(
            unit, DOCUMENT_LABELS["unit_code"], doc_, "unit_code", "如 151002"
        )
        self.unit_name = self._line(
            unit, DOCUMENT_LABELS["unit_name"], doc_, "unit_name", "如 某某市人民检察院"
        )
        self.year = QSpinBox(self)
        self.year.setRange(1999, 2200)
        self.year.setSpecialValueText("（未填）")
        self.year.setMaximumWidth(120)
        self.year.valueChanged.connect(
            lambda v: self._set(doc_(), "fiscal_year", None if v == 1999 else v)
        )
        self._binders.append(lambda: self._show_year())
        unit.addRow("预算年度", self.year)
        self.fields["fiscal_year"] = self.year
        self.money_unit = self._combo(
            unit, "金额单位", doc_, "money_unit", [("元", "元"), ("万元", "万元")],
            self._set_money_unit,
        )  # fmt: skip
        self.title = self._line(unit, "文档标题", doc_, "title", "可不填；部门整体表的标题")

        forms = self._group(layout, "表格版式")
        self.department_form = self._combo(
            forms, "部门整体表", lay_, "department_form", DEPARTMENT_FORM_NAMES, self._set_dept_form
        )
        self.project_form = self._combo(forms, "项目表", lay_, "project_form", PROJECT_FORM_NAMES)
        self.show_code = self._check(forms, "显示项目编码", lay_, "show_code")
        self.show_plan = self._check(forms, "显示资金支出计划（%）", lay_, "show_spending_plan")
        self.show_basis = self._check(forms, "显示“指标值确定依据”列", lay_, "show_basis")
        self.number_style = self._combo(forms, "编号样式", lay_, "number_style", NUMBER_STYLE_NAMES)

        sign = self._group(layout, "签字栏（打印在表格下方）")
        self._check(sign, "打印签字栏", sig_, "enabled")
        for name, label in SIGNATURE_LABELS.items():
            hint = "如 2023年1月10日" if name == "date" else ""
            self._line(sign, label, sig_, name, hint)
        layout.addStretch(1)

        ctx.fieldChanged.connect(self._field_changed)
        ctx.documentReplaced.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------ building

    def _group(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title, self.widget())
        box.setMaximumWidth(760)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addWidget(box)
        return form

    def _line(self, form: QFormLayout, label: str, obj, name: str, hint: str = "") -> BoundLineEdit:
        edit = BoundLineEdit(self.ctx, obj(), name, label, self)
        edit.setPlaceholderText(hint)
        self._binders.append(lambda: edit.bind(obj()))  # a new document: new objects
        form.addRow(label, edit)
        self.fields[name] = edit
        return edit

    def _combo(self, form, label, obj, name, choices, setter=None) -> QComboBox:
        combo = QComboBox(self)
        for value, text in choices:
            combo.addItem(text, value)
        setter = setter or (lambda value: self._set(obj(), name, value))
        combo.currentIndexChanged.connect(lambda _i: setter(combo.currentData()))

        def show() -> None:
            i = combo.findData(getattr(obj(), name))
            if i >= 0 and i != combo.currentIndex():
                combo.setCurrentIndex(i)

        self._binders.append(show)
        row = QHBoxLayout()
        row.addWidget(combo)
        row.addStretch(1)
        form.addRow(label, row)
        return combo

    def _check(self, form: QFormLayout, text: str, obj, name: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.toggled.connect(lambda on: self._set(obj(), name, on))
        self._binders.append(lambda: box.setChecked(bool(getattr(obj(), name))))
        form.addRow("", box)
        return box

    # ------------------------------------------------------------- syncing

    def reload(self) -> None:
        self._loading = True
        try:
            for show in self._binders:
                show()
        finally:
            self._loading = False

    def _show_year(self) -> None:
        year = self.ctx.document.fiscal_year
        self.year.setValue(year if year is not None else 1999)

    def _field_changed(self, obj: object, _name: str) -> None:
        doc: Document = self.ctx.document
        if obj is doc or obj is doc.layout or obj is doc.signature:
            self.reload()

    def focus_field(self, field: str) -> None:
        widget = self.fields.get(field)
        if widget is None:  # a setting (money unit, layout): the page is enough
            return
        self.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set(self, obj: object, name: str, value) -> None:
        if self._loading or getattr(obj, name) == value:
            return
        self.ctx.undo_stack.push(SetFieldCommand(self.ctx, obj, name, value, "修改文档信息"))

    def _set_money_unit(self, unit: str) -> None:
        """元 ↔ 万元: convert every amount (one undo step), change only the unit, or not."""
        doc = self.ctx.document
        if self._loading or doc.money_unit == unit:
            return
        try:
            changes = converted_changes(doc, unit)
        except AmountTooLarge as err:  # an amount would outgrow the file: nothing changes
            messages.show_warning(self.window(), "无法换算金额", str(err))
            self.reload()
            return
        command = SetFieldCommand(self.ctx, doc, "money_unit", unit, "修改金额单位")
        if not changes:
            self.ctx.undo_stack.push(command)
            return
        old = doc.money_unit
        sign = "÷" if unit == "万元" else "×"
        obj, name, value = changes[0]
        example = f"{exact_amount(getattr(obj, name))} {old} → {exact_amount(value)} {unit}"
        choice = messages.choose(
            self.window(),
            "更改金额单位",
            f"金额单位由“{old}”改为“{unit}”。\n\n"
            f"文档中已填的 {len(changes)} 个金额（项目预算、部门预算、重点工作任务的资金）"
            f"要换算成{unit}吗？例如 {example}。\n"
            "“只改单位”则数字不变，只把单位改为" + f"“{unit}”。\n\n"
            "指标值中写的金额（如“≤9.5万元”）按原样保留，请自行核对。",
            [f"换算所有金额（{sign}10000）", "只改单位"],
        )
        if choice is None:
            self.reload()  # the dropdown shows the unit the document still has
        elif choice == 1:
            self.ctx.undo_stack.push(command)
        else:
            set_fields(
                self.ctx,
                [(doc, "money_unit", unit), *changes],
                f"金额单位改为{unit}并换算金额",
            )

    def _set_dept_form(self, value: str) -> None:
        """Choosing a department form creates the (empty) department section if needed."""
        doc = self.ctx.document
        if self._loading or doc.layout.department_form == value:
            return
        stack = self.ctx.undo_stack
        stack.beginMacro("修改部门整体表")
        if value and doc.department is None:
            stack.push(SetFieldCommand(self.ctx, doc, "department", DepartmentGoals()))
        stack.push(SetFieldCommand(self.ctx, doc.layout, "department_form", value))
        stack.endMacro()
