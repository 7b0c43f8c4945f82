"""Paragraph boxes (资金用途 …) wrap at their visible width and open at the text's start."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from goaleditor import storage
from goaleditor.gui.tree.panel import PROJECT
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    SAMPLES,
    answers,
    file_dialogs,
    make_window,
)

LONG = (
    "本指标用于衡量检察机关在办理各类刑事、民事、行政及公益诉讼案件过程中，依法履行法律监督职责、"
    "提升办案质量和效率的情况，具体包括案件受理、审查、起诉、出庭支持公诉、诉讼监督等环节，"
) * 2
ADDRESS = "用于 http://www.example.com/" + "a" * 160 + " 的维护"


def test_long_purpose_wraps_inside_the_box_and_starts_at_its_beginning(
    make_window, tmp_path, qtbot
):
    doc = storage.load(SAMPLES / "hebei_2020.json")
    doc.projects[0].purpose = LONG
    doc.projects[1].purpose = ADDRESS
    path = tmp_path / "长 文本.json"
    storage.save(doc, path)
    window = make_window()
    # The clerk's font: CJK glyphs from WenQuanYi, whose lines are taller than the
    # widget font's, so the boxes change height (and scrollbars come and go) on opening.
    window.setFont(QFont(QApplication.font().family(), 9))
    window.resize(1366, 768)
    QApplication.processEvents()
    window.files.open_path(path, ask=False)
    for row in (0, 1):
        window.tree.select_node(PROJECT, row)
        box = window.project_editor.header.purpose
        qtbot.waitUntil(lambda box=box: _lines_fit(box), timeout=2000)
        assert not box.horizontalScrollBar().isVisible()
        assert box.verticalScrollBar().value() == 0, "the box shows the text's beginning"
        assert box.firstVisibleBlock().blockNumber() == 0
    QApplication.processEvents()


def _lines_fit(box) -> bool:
    """Every laid-out line ends inside the viewport (none hides under the scrollbar)."""
    layout = box.document().firstBlock().layout()
    room = box.viewport().width() - 2 * box.document().documentMargin()
    widths = [layout.lineAt(k).naturalTextWidth() for k in range(layout.lineCount())]
    return layout.lineCount() > 1 and all(w <= room + 0.5 for w in widths)
