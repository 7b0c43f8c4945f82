"""The document page offers layouts by name, previews the blank form; 文件 → 导入版式…."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from goaleditor.forms import build_forms, preview_document
from goaleditor.gui.tree.panel import DOCUMENT, PROJECT
from goaleditor.layouts import builtin_dir, registry, user_layout_dir
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _choose(combo, layout_id: str) -> None:
    combo.setCurrentIndex(combo.findData(layout_id))


def test_the_layout_lists_name_every_layout_and_choosing_one_is_one_undo_step(
    make_window, tmp_path
):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    window.tree.select_node(DOCUMENT)
    editor = window.document_editor
    projects = [editor.project_form.itemText(i) for i in range(editor.project_form.count())]
    assert "项目支出核心绩效指标表（财预〔2021〕101号）" in projects
    assert "项目绩效指标清单（预算系统导入）" in projects
    departments = [
        editor.department_form.itemData(i) for i in range(editor.department_form.count())
    ]
    assert departments[0] == "" and "mof88-department" in departments
    lay = window.ctx.document.layout
    assert editor.project_form.currentData() == lay.project_form == "standard"
    _choose(editor.project_form, "mof88-project")
    assert (lay.project_form, lay.project_layout) == ("national", "mof88-project")
    assert "中期资金总额" in {c.text for c in build_forms(window.ctx.document)[0].cells}
    window.ctx.undo_stack.undo()
    assert (lay.project_form, lay.project_layout) == ("standard", "")
    assert editor.project_form.currentData() == "standard"
    _choose(editor.project_form, "national")  # a built-in named like its form: no layout id
    assert (lay.project_form, lay.project_layout) == ("national", "")


def test_choosing_a_department_layout_creates_the_department_form(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    window.tree.select_node(DOCUMENT)
    doc = window.ctx.document
    assert doc.department is None
    _choose(window.document_editor.department_form, "mof88-department")
    assert doc.department is not None
    assert (doc.layout.department_form, doc.layout.department_layout) == (
        "chengdu",
        "mof88-department",
    )
    window.ctx.undo_stack.undo()
    assert doc.department is None and doc.layout.department_layout == ""


def test_every_layout_has_a_blank_preview_document():
    for layout_id, spec in registry().layouts.items():
        forms = build_forms(preview_document(layout_id))
        assert forms and all(f.cells for f in forms), layout_id
        assert len(forms) == 1 or spec.kind == "department"


def test_the_preview_button_opens_the_print_preview(make_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "goaleditor.gui.output.print_preview.show_print_preview",
        lambda parent, doc, *a, **k: shown.append(doc),
    )
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    editor = window.document_editor
    _choose(editor.project_form, "mof101-core")
    editor._preview(editor.project_form.currentData())
    (doc,) = shown
    assert doc.layout.project_layout == "mof101-core" and doc.projects[0].indicators


def _own_layout(tmp_path, **changes):
    data = json.loads((builtin_dir() / "standard.json").read_text(encoding="utf-8"))
    data.update({"id": "hubei", "name": "湖北省项目支出绩效目标表", **changes})
    path = tmp_path / "湖北.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_layout_adds_it_to_the_list(make_window, tmp_path, answers):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    path = _own_layout(tmp_path)
    answers.expect("确定")
    window.import_layout(str(path))
    assert "已导入版式“湖北省项目支出绩效目标表”" in answers.shown[-1]
    assert (user_layout_dir() / "hubei.json").exists()
    combo = window.document_editor.project_form
    assert combo.findData("hubei") >= 0
    # Importing it again replaces it and says so.
    answers.expect("确定")
    window.import_layout(str(path))
    assert "替换了同一编号的原有版式" in answers.shown[-1]


def test_a_broken_layout_is_not_imported_and_named(make_window, tmp_path, answers):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    path = _own_layout(tmp_path, kind="spreadsheet")
    answers.expect("确定")
    window.import_layout(str(path))
    assert "“湖北.json”有误" in answers.shown[-1] and "kind" in answers.shown[-1]
    assert not (user_layout_dir() / "hubei.json").exists()
    clash = _own_layout(tmp_path, id="standard")
    answers.expect("确定")
    window.import_layout(str(clash))
    assert "与内置版式相同，未导入" in answers.shown[-1]


def test_a_document_whose_layout_is_missing_still_opens(make_window, tmp_path):
    from goaleditor import storage

    path = sample_copy(tmp_path, "tianjin_2023.json")
    doc = storage.load(path)
    doc.layout.project_layout = "gone"
    storage.save(doc, path)
    window = make_window(path)
    combo = window.document_editor.project_form
    assert combo.currentText() == "（缺少版式“gone”）"


def test_the_project_page_shows_the_layouts_own_fields(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    doc = window.ctx.document
    _choose(window.document_editor.project_form, "mof88-project")
    window.tree.select_node(PROJECT, 0)
    extra = _extra_widget(window)
    assert extra.isVisibleTo(window) and set(extra.edits) == {
        "period_total", "period_fiscal", "period_other",
    }  # fmt: skip
    edit = extra.edits["period_total"]
    edit.setText("300")
    edit.editingFinished.emit()
    assert doc.projects[0].extra == {"period_total": "300"}
    window.ctx.undo_stack.undo()
    assert doc.projects[0].extra == {} and edit.text() == ""
    _choose(window.document_editor.project_form, "standard")
    assert not extra.isVisibleTo(window)


def _extra_widget(window):
    from goaleditor.gui.common.extra_fields import ExtraFields

    (widget,) = window.findChildren(ExtraFields)
    return widget


def test_the_indicator_table_shows_the_attributes_the_layout_prints(make_window, tmp_path):
    window = make_window(sample_copy(tmp_path, "tianjin_2023.json"))
    window.tree.select_node(PROJECT, 0)
    model = window.project_editor.table.model
    assert "scoring" not in model.columns
    _choose(window.document_editor.project_form, "mof101-core")
    window.tree.select_node(PROJECT, 0)
    assert {"explanation", "scoring", "basis_type", "source"} <= set(model.columns)
    col = model.column_of("scoring")
    assert model.headerData(col, Qt.Horizontal) == "评（扣）分标准"
    model.setData(model.index(0, col), "每低1%扣1分")
    assert window.ctx.document.projects[0].indicators[0].scoring == "每低1%扣1分"


def test_the_blank_preview_renders_pages(qtbot):
    from goaleditor.gui.output.print_preview import make_preview_dialog

    for layout_id in ("mof101-core", "mof88-department", "upload-list"):
        dialog = make_preview_dialog(None, preview_document(layout_id))
        assert len(dialog.pages) >= 1
        dialog.shutdown()
        dialog.deleteLater()


def test_the_88_department_form_adds_its_task_amount_columns(make_window, tmp_path):
    from decimal import Decimal

    from goaleditor.gui.tree.panel import DEPARTMENT

    window = make_window(sample_copy(tmp_path, "chengdu_2022.json"))
    doc = window.ctx.document
    _choose(window.document_editor.department_form, "mof88-department")
    window.tree.select_node(DEPARTMENT)
    model = window.department_editor.form.tasks.model
    titles = [c.title for c in model.columns]
    assert titles[2:] == ["预算申请总额（万元）", "财政拨款（万元）", "其他资金（万元）"]
    model.setData(model.index(0, 3), "8.5")
    assert doc.department.tasks[0].extra == {"fiscal": "8.50"}
    assert model.data(model.index(0, 3), Qt.DisplayRole) == "8.50"
    model.setData(model.index(0, 2), "10")
    assert doc.department.tasks[0].amount == Decimal("10")
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.undo()
    assert doc.department.tasks[0].extra == {} and doc.department.tasks[0].amount is None
    _choose(window.document_editor.department_form, "chengdu")
    window.tree.select_node(DEPARTMENT)
    assert len(window.department_editor.form.tasks.model.columns) == 2


def test_the_department_page_shows_fields_a_department_layout_declares(make_window, tmp_path):
    from goaleditor.gui.tree.panel import DEPARTMENT

    data = json.loads((builtin_dir() / "chengdu.json").read_text(encoding="utf-8"))
    data.update(
        id="sichuan",
        name="四川省部门整体支出绩效目标表",
        fields=[{"id": "duty", "on": "department", "label": "部门职能概述"}],
    )
    data["rows"].insert(
        4, {"cells": [{"text": "部门职能概述"}, {"field": "department.extra.duty", "span": "rest"}]}
    )
    user_layout_dir().mkdir(parents=True, exist_ok=True)
    (user_layout_dir() / "sichuan.json").write_text(json.dumps(data), encoding="utf-8")
    window = make_window(sample_copy(tmp_path, "chengdu_2022.json"))
    window.document_editor.refresh_layouts()
    _choose(window.document_editor.department_form, "sichuan")
    window.tree.select_node(DEPARTMENT)
    extra = window.department_editor.form.extra_fields
    edit = extra.edits["duty"]
    edit.setText("法律监督")
    edit.editingFinished.emit()
    doc = window.ctx.document
    assert doc.department.extra == {"duty": "法律监督"}
    assert "法律监督" in {c.text for c in build_forms(doc)[0].cells}
