"""Dialogs fit a 1366×768 screen at 150 % (911×512 logical, less the taskbar)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from goaleditor.gui.common import screen_fit
from goaleditor.gui.common.screen_fit import SCREEN_SHARE, fit_to_screen
from goaleditor.gui.dialogs.year_dialogs import ReportPreviewDialog, RolloverOptionsDialog
from goaleditor.gui.output import print_preview
from goaleditor.model import Document
from goaleditor.storage import load

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"

#: 1366×768 at 150 %, less a 30-pixel taskbar.
SMALL = QRect(0, 0, 911, 492)


@pytest.fixture
def small_screen(monkeypatch):
    monkeypatch.setattr(screen_fit, "available_rect", lambda _widget: QRect(SMALL))
    return SMALL


def _within(widget: QWidget, area: QRect) -> None:
    assert widget.width() <= area.width() * SCREEN_SHARE, widget.size()
    assert widget.height() <= area.height() * SCREEN_SHARE, widget.size()


def test_a_large_wish_is_capped_and_a_small_one_kept(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    area = screen_fit.available_rect(widget)
    assert area is not None and not area.isEmpty()
    fit_to_screen(widget, area.width() * 2, 300)
    assert widget.width() == int(area.width() * SCREEN_SHARE)
    assert widget.height() == 300
    widget.setMinimumSize(area.width(), 10)  # a minimum wider than the screen gives way
    fit_to_screen(widget, 5000, 200)
    assert widget.width() == int(area.width() * SCREEN_SHARE)


def test_report_preview_keeps_its_buttons_on_a_small_screen(qtbot, small_screen):
    dialog = ReportPreviewDialog("结转报告", "说明", "\n".join(["一行"] * 200), "打开新年度文档")
    qtbot.addWidget(dialog)
    _within(dialog, small_screen)
    dialog.show()
    qtbot.waitExposed(dialog)
    _within(dialog, small_screen)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.isVisible()
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert bottom <= dialog.height()
    assert dialog.text.height() > 150  # the report still gets the room


def test_rollover_options_fit_a_small_screen(qtbot, small_screen):
    dialog = RolloverOptionsDialog(Document(fiscal_year=2024))
    qtbot.addWidget(dialog)
    _within(dialog, small_screen)
    assert dialog.width() >= 440  # its own minimum still holds where the screen has room


def test_print_preview_fits_the_screen(qtbot, small_screen):
    doc = load(SAMPLES / "hebei_2020.json")
    dialog = print_preview.make_preview_dialog(None, doc, [0])
    qtbot.addWidget(dialog)
    _within(dialog, small_screen)
    assert dialog.width() > dialog.height()  # as wide as the screen allows, not 900×1000
    # a whole A4 page in 440 pixels is unreadable: the page's width is shown instead
    assert dialog.findChild(QAction, "fitWidthAction").isChecked()


def test_print_preview_shows_the_whole_page_on_a_tall_screen(qtbot, monkeypatch):
    monkeypatch.setattr(screen_fit, "available_rect", lambda _widget: QRect(0, 0, 1920, 1040))
    dialog = print_preview.make_preview_dialog(None, load(SAMPLES / "hebei_2020.json"), [0])
    qtbot.addWidget(dialog)
    assert (dialog.width(), dialog.height()) == (900, 936)
    assert dialog.findChild(QAction, "fitPageAction").isChecked()
