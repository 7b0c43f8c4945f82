"""A line in the main window's status bar from the indicator table (paste, cleared cells).

The table lives inside the project or 部门整体 page; the window that holds it shows the
message, as it shows the file actions' messages (8 seconds).  A table shown on its own
(no main window) has no status bar and says nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

#: How long a message stays, as `MainWindow.show_message` keeps it.
MESSAGE_MS = 8000


def show_status(widget: object, text: str) -> None:
    """Show *text* in the status bar of the main window that holds *widget*."""
    window = widget.window() if isinstance(widget, QWidget) else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, MESSAGE_MS)
