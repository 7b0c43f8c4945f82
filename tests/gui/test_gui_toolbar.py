"""The toolbar as the clerk hovers it: tooltips name the action and its keys, without
the menu's mnemonic; 撤销/重做 keep a fixed label so the buttons never shift."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from goaleditor import storage
from goaleditor.gui.tree.panel import PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    small_document,
)


def _button(window, action):
    return window.actions_.toolbar.widgetForAction(action)


def test_tooltips_show_the_keys_not_the_mnemonic(make_window):
    window = make_window()
    acts = window.actions_
    assert acts.new.toolTip() == f"新建 ({acts.new.shortcut().toString()})"
    assert acts.export_xlsx.toolTip() == "导出 Excel (Ctrl+E)"
    assert acts.open.toolTip().startswith("打开 (")
    assert acts.check.toolTip() == "审核 (F7)"
    for action in window.actions_.toolbar.actions():
        if action.isSeparator():
            continue
        assert "(&" not in action.toolTip() and "(N)" not in action.toolTip(), action.toolTip()
        assert "..." not in action.toolTip()
    assert acts.open.iconText() == "打开" and acts.export_pdf.iconText() == "导出 PDF"
    assert window.tree.add_action.toolTip() == "新增项目 (Ctrl+Shift+N)"


def test_undo_button_keeps_its_label_and_tells_more_in_the_tooltip(make_window, tmp_path):
    path = tmp_path / "doc.json"
    storage.save(small_document(), path)
    window = make_window(path)
    acts = window.actions_
    undo_button = _button(window, acts.undo)
    width = undo_button.sizeHint().width()
    window.tree.select_node(PROJECT, 0)
    window.tree.duplicate_action.trigger()
    assert acts.undo.text() == "撤销 复制项目"  # the 编辑 menu says what it undoes
    assert acts.undo.iconText() == "撤销" and undo_button.text() == "撤销"
    assert acts.undo.toolTip().startswith("撤销：复制项目 (")
    assert undo_button.sizeHint().width() == width
    acts.undo.trigger()
    assert acts.redo.iconText() == "重做" and acts.redo.toolTip().startswith("重做：复制项目")
    assert acts.undo.toolTip().startswith("撤销 (")
