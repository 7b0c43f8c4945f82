"""The toolbar as the clerk hovers it: tooltips name the action and its keys, without
the menu's mnemonic; 撤销/重做 keep a fixed label so the buttons never shift."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SAMPLES
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


def test_word_export_sits_beside_excel_and_pdf(make_window):
    window = make_window()
    acts = window.actions_
    shown = [a for a in acts.toolbar.actions() if not a.isSeparator()]
    at = shown.index(acts.export_xlsx)
    assert shown[at : at + 4] == [acts.export_xlsx, acts.export_pdf, acts.export_docx, acts.print_]
    assert acts.export_docx.iconText() == "导出 Word"
    assert acts.export_docx.toolTip() == "导出 Word"
    assert not acts.export_docx.icon().isNull()
    assert _button(window, acts.export_docx) is not None


#: In its own process (QT_SCALE_FACTOR must be set before Qt starts): the real window with
#: a sample on the screen the environment gives; which toolbar buttons are wholly in sight,
#: and whether the toolbar's » button (the rest, in a menu) shows.
TOOLBAR_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from goaleditor.gui.app import create_application

    app = create_application(sys.argv[:1])
    from PySide6.QtWidgets import QToolButton
    from goaleditor.gui.main_window import MainWindow

    def settle():
        end = time.monotonic() + 0.3
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    window = MainWindow()
    window.show()
    window.start(sys.argv[1])
    if len(sys.argv) > 3:  # a window the clerk made narrow
        window.resize(int(sys.argv[3]), window.height())
    settle()
    bar = window.actions_.toolbar
    sight = {}
    for act in bar.actions():
        if not act.isSeparator():
            button = bar.widgetForAction(act)
            sight[act.iconText()] = bool(
                button.isVisible() and bar.rect().contains(button.geometry())
            )
    more = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    window.grab().save(sys.argv[2])
    print(json.dumps({"sight": sight, "more": bool(more and more.isVisible())}))
    window.ctx.undo_stack.setClean()
    window.close()
    """
)


def _toolbar_on_laptop(tmp_path: Path, scale: str, width: int | None = None) -> dict:
    screen = tmp_path / "screen.json"
    taskbar = {"1": 40, "1.25": 50, "1.5": 60}[scale]
    screen.write_text(
        json.dumps(
            {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
                          "height": 768 - taskbar, "logicalDpi": 96, "logicalBaseDpi": 96,
                          "dpr": 1}]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    folder = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path)
    shot = folder / f"toolbar_{scale}{'_' + str(width) if width else ''}.png"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=scale,
        GOALEDITOR_CONFIG_DIR=str(tmp_path / "config"),
        GOALEDITOR_DATA_DIR=str(tmp_path / "data"),
    )
    args = [str(SAMPLES / "hebei_2020.json"), str(shot), *([str(width)] if width else [])]
    done = subprocess.run(
        [sys.executable, "-c", TOOLBAR_CHILD, *args],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert shot.is_file()
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_the_whole_toolbar_fits_a_1366x768_laptop(tmp_path, scale):
    result = _toolbar_on_laptop(tmp_path, scale)
    assert result["sight"]["导出 Word"] and all(result["sight"].values()), result
    assert not result["more"], result


def test_a_narrow_window_keeps_the_rest_of_the_toolbar_behind_its_button(tmp_path):
    result = _toolbar_on_laptop(tmp_path, "1", width=520)
    hidden = [name for name, seen in result["sight"].items() if not seen]
    assert hidden and result["more"], result  # reachable through », not cut off
    assert result["sight"]["新建"], result  # the first buttons stay
