"""Regression guard: PySide6-Essentials 6.12.0 lost a reference to None on every void call.

On CPython before 3.12 that ends in "Fatal Python error: none_dealloc" after a few
thousand clicks — the editor would die with the clerk's unsaved work.  pyproject.toml
excludes that release; this test fails if a PySide6 with the bug is installed.
"""

import sys

from PySide6.QtWidgets import QWidget


def test_void_and_bool_calls_keep_singleton_refcounts(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):
        widget.setEnabled(True)
        widget.update()
        widget.isEnabled()
        widget.isHidden()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert all(abs(a - b) < 100 for a, b in zip(after, before, strict=True)), (before, after)
