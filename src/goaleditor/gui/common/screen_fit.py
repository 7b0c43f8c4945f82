"""Window sizes that fit the clerk's screen.

An office PC with 1366×768 at 150 % has a logical screen of 911×512 (less the taskbar):
a dialog made 760×520 or 900×1000 there puts its buttons below the screen's edge.
Every dialog asks for the size it would like and gets at most `SCREEN_SHARE` of the
available screen of its parent (or of its own screen when it has none).
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: The most of the screen's available width and height a dialog takes.
SCREEN_SHARE = 0.9


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen *widget* shows on: its parent's (a dialog opens over its window)."""
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    return screen or QGuiApplication.primaryScreen()


def available_rect(widget: QWidget) -> QRect | None:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else None


def screen_limit(widget: QWidget, share: float = SCREEN_SHARE) -> tuple[int, int] | None:
    """The largest ``(width, height)`` *widget* may take: *share* of the available screen."""
    area = available_rect(widget)
    if area is None or area.isEmpty():
        return None
    return int(area.width() * share), int(area.height() * share)


def fit_to_screen(widget: QWidget, width: int, height: int, share: float = SCREEN_SHARE) -> None:
    """Resize *widget* to ``width × height``, or less where the screen is smaller.

    A minimum size larger than the screen is lowered too (it would otherwise win over
    the resize); the contents scroll or wrap instead.
    """
    limit = screen_limit(widget, share)
    if limit is not None:
        minimum = widget.minimumSize()
        if minimum.width() > limit[0] or minimum.height() > limit[1]:
            widget.setMinimumSize(min(minimum.width(), limit[0]), min(minimum.height(), limit[1]))
        width, height = min(width, limit[0]), min(height, limit[1])
    widget.resize(width, height)


def fit_hint_to_screen(widget: QWidget, share: float = SCREEN_SHARE) -> None:
    """Size a dialog to its layout's wish (``sizeHint``, at least its minimum), capped
    to the screen."""
    hint = widget.sizeHint().expandedTo(widget.minimumSizeHint()).expandedTo(widget.minimumSize())
    fit_to_screen(widget, hint.width(), hint.height(), share)
