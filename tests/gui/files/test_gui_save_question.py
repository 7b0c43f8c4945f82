"""The question before unsaved work is dropped names what drops it (打开, 新建, 导入 …)."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from goaleditor import storage
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    small_document,
)


def _edited_window(make_window, tmp_path):
    path = tmp_path / "x.json"
    storage.save(small_document(), path)
    window = make_window(path)
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    assert window.isWindowModified()
    return window


def test_each_action_asks_in_its_own_words(make_window, tmp_path, answers, monkeypatch):
    from goaleditor.gui.dialogs import year_dialogs

    window = _edited_window(make_window, tmp_path)
    answers.expect("取消", "取消", "取消", "取消", "取消")
    window.actions_.open.trigger()
    window.actions_.new.trigger()
    window.files.open_path(tmp_path / "x.json")  # 最近文件
    monkeypatch.setattr(year_dialogs, "run_rollover_dialog", lambda *a: (small_document(), "报告"))
    monkeypatch.setattr(
        year_dialogs, "run_import_dialog", lambda *a: (small_document(), "报告", "a.xlsx")
    )
    window.actions_.rollover.trigger()
    window.actions_.import_.trigger()
    assert answers.shown == [
        "“x.json”有尚未保存的修改。\n打开其他文件前是否保存对“x.json”的修改？",
        "“x.json”有尚未保存的修改。\n新建文档前是否保存对“x.json”的修改？",
        "“x.json”有尚未保存的修改。\n打开其他文件前是否保存对“x.json”的修改？",
        "“x.json”有尚未保存的修改。\n以上年文件新建前是否保存对“x.json”的修改？",
        "“x.json”有尚未保存的修改。\n导入前是否保存对“x.json”的修改？",
    ]
    assert window.isWindowModified()  # every 取消 kept the document
    answers.expect("取消")
    assert not window.close()
    assert answers.shown[-1].endswith("关闭前是否保存对“x.json”的修改？")
