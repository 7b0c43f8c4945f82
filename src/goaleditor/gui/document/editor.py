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
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...amounts import AmountTooLarge
from ...errors import GoalEditorError
from ...labels import DOCUMENT_LABELS, SIGNATURE_LABELS
from ...layouts import registry
from ...model import DepartmentGoals, Document
from ...money_unit import converted_changes
from ..common import messages
from ..common.bound_widgets import BoundLineEdit, exact_amount
from ..common.commands import SetFieldCommand, set_fields
from ..common.context import EditorContext

NO_DEPARTMENT = "无部门整体表"
NUMBER_STYLE_NAMES = [("、", "1、2、3、"), (".", "1. 2. 3.")]


class DocumentEditor(QScrollArea):
    def __init__(self, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._binders: list[Callable[[], None]] = []
        self._fillers: list[Callable[[], None]] = []
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
        self.department_form = self._layout_combo(
            forms, "部门整体表", ("department",), self._set_dept_layout, department=True
        )
        self.project_form = self._layout_combo(
            forms, "项目表", ("project", "list"), self._set_project_layout
        )
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

    def _layout_combo(self, form, label, kinds, setter, department=False) -> QComboBox:
        """A dropdown of the layouts of *kinds* by name, with a preview of the blank form."""
        combo = QComboBox(self)
        combo.setObjectName(f"layouts_{label}")
        combo.currentIndexChanged.connect(lambda _i: setter(combo.currentData()))
        preview = QPushButton("预览空白表…", self)
        preview.setToolTip("打印预览所选版式的空白表")
        preview.clicked.connect(lambda: self._preview(combo.currentData()))
        preview.setEnabled(False)
        combo.currentIndexChanged.connect(lambda _i: preview.setEnabled(bool(combo.currentData())))

        def fill() -> None:
            combo.blockSignals(True)
            combo.clear()
            if department:
                combo.addItem(NO_DEPARTMENT, "")
            for spec in registry().layouts.values():
                if spec.kind in kinds:
                    combo.addItem(spec.name, spec.id)
                    combo.setItemData(
                        combo.count() - 1, _layout_tip(spec), Qt.ItemDataRole.ToolTipRole
                    )
            combo.blockSignals(False)
            show()

        def show() -> None:
            lay = self.ctx.document.layout
            current = lay.department_layout_id if department else lay.project_layout_id
            i = combo.findData(current)
            if i < 0 and current:  # a layout this computer does not have
                combo.blockSignals(True)
                combo.addItem(f"（缺少版式“{current}”）", current)
                combo.blockSignals(False)
                i = combo.count() - 1
            if i >= 0 and i != combo.currentIndex():
                combo.setCurrentIndex(i)
            preview.setEnabled(bool(combo.currentData()))

        self._fillers.append(fill)
        self._binders.append(show)
        fill()
        row = QHBoxLayout()
        row.addWidget(combo, 1)
        row.addWidget(preview)
        form.addRow(label, row)
        return combo

    def refresh_layouts(self) -> None:
        """Re-read the list of layouts (after 导入版式…)."""
        self._loading = True
        try:
            for fill in self._fillers:
                fill()
        finally:
            self._loading = False

    def _preview(self, layout_id: str) -> None:
        from ...forms import preview_document
        from ..output.print_preview import show_print_preview

        try:
            doc = preview_document(layout_id)
        except GoalEditorError as err:
            messages.show_error(self.window(), "预览空白表", str(err))
            return
        show_print_preview(self.window(), doc)

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

    def _set_dept_layout(self, layout_id: str) -> None:
        """Choosing a department layout sets the editor's form kind and the printed layout,
        and creates the (empty) department section if needed: one undo step."""
        doc = self.ctx.document
        lay = doc.layout
        if self._loading or lay.department_layout_id == layout_id:
            return
        from ...forms import layout_choice  # the forms load when a layout is chosen

        form, printed = layout_choice(layout_id, lay.department_form)
        stack = self.ctx.undo_stack
        stack.beginMacro("修改部门整体表")
        if layout_id and doc.department is None:
            stack.push(SetFieldCommand(self.ctx, doc, "department", DepartmentGoals()))
        if lay.department_form != form:
            stack.push(SetFieldCommand(self.ctx, lay, "department_form", form))
        if lay.department_layout != printed:
            stack.push(SetFieldCommand(self.ctx, lay, "department_layout", printed))
        stack.endMacro()

    def _set_project_layout(self, layout_id: str) -> None:
        lay = self.ctx.document.layout
        if self._loading or not layout_id or lay.project_layout_id == layout_id:
            return
        from ...forms import layout_choice

        form, printed = layout_choice(layout_id, lay.project_form)
        changes = [(lay, "project_form", form), (lay, "project_layout", printed)]
        set_fields(self.ctx, [c for c in changes if getattr(c[0], c[1]) != c[2]], "修改项目表版式")


def _layout_tip(spec) -> str:
    where = "内置版式" if spec.builtin else f"自有版式：{spec.source_name}"
    own = "、".join(f.label for f in spec.fields)
    return f"{spec.name}\n{spec.kind_name}，{where}" + (f"\n本版式自有字段：{own}" if own else "")
