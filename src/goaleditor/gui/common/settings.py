"""What the window remembers between runs: geometry, splitters, column widths, recent
files, and the clerk's choices in 设置 (the PDF font).

One JSON file, ``settings.json`` in `goaleditor.paths.config_dir()`, written atomically.
A damaged or foreign settings file is ignored (the clerk loses a window size, never
work).  `remember` / `restore` save and restore any window, splitter or header view by
name, so each panel does not need its own code for it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from ...errors import WriteError
from ...fileio import atomic_write
from ...paths import config_dir

SETTINGS_FILE = "settings.json"
MAX_RECENT = 10
PDF_FONT = "pdf_font"


class Settings:
    """A flat dict of JSON values, loaded once and saved on demand."""

    def __init__(self, path: Path | None = None):
        self.path = path if path is not None else config_dir() / SETTINGS_FILE
        self.values: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.values = data

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value

    def save(self) -> None:
        """Write the file; a failure is not worth bothering the clerk about."""
        text = json.dumps(self.values, ensure_ascii=False, indent=2, sort_keys=True)
        with contextlib.suppress(WriteError):
            atomic_write(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    # ------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        files = self.get("recent_files", [])
        if not isinstance(files, list):
            return []
        return [f for f in files if isinstance(f, str)][:MAX_RECENT]

    def add_recent(self, path: str | Path) -> None:
        """*path* first in 最近文件; the file is written only when the list changed (the
        clerk reopening the latest file, as at most starts, costs no write)."""
        path = str(Path(path).resolve())
        files = [f for f in self.recent_files() if not _same_path(f, path)]
        recent = [path, *files][:MAX_RECENT]
        if recent != self.get("recent_files"):
            self.set("recent_files", recent)
            self.save()

    def remove_recent(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        self.set("recent_files", [f for f in self.recent_files() if not _same_path(f, path)])
        self.save()

    # ---------------------------------------------------------------- PDF font

    def pdf_font(self) -> str | None:
        """The font file chosen in 设置 for PDF export, print and preview (None: automatic)."""
        value = self.get(PDF_FONT)
        return value if isinstance(value, str) and value.strip() else None

    def set_pdf_font(self, path: str | Path | None) -> None:
        self.set(PDF_FONT, str(path) if path else None)
        self.save()


def _encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _decode(text: Any) -> QByteArray | None:
    if not isinstance(text, str):
        return None
    try:
        return QByteArray(base64.b64decode(text, validate=True))
    except ValueError:
        return None


def remember(settings: Settings, name: str, widget: QWidget) -> None:
    """Store the geometry/state of a main window, splitter, header view or any widget."""
    if isinstance(widget, QMainWindow):
        settings.set(f"{name}.geometry", _encode(widget.saveGeometry()))
        settings.set(f"{name}.state", _encode(widget.saveState()))
    elif isinstance(widget, QSplitter):
        settings.set(f"{name}.sizes", widget.sizes())
    elif isinstance(widget, QHeaderView):
        widths = [widget.sectionSize(i) for i in range(widget.count())]
        settings.set(f"{name}.widths.{len(widths)}", widths)
    else:
        settings.set(f"{name}.geometry", _encode(widget.saveGeometry()))


def restore(settings: Settings, name: str, widget: QWidget) -> bool:
    """Apply what `remember` stored; False when nothing (usable) was stored."""
    if isinstance(widget, QMainWindow):
        geometry = _decode(settings.get(f"{name}.geometry"))
        state = _decode(settings.get(f"{name}.state"))
        ok = geometry is not None and widget.restoreGeometry(geometry)
        if state is not None:
            widget.restoreState(state)
        return bool(ok)
    if isinstance(widget, QSplitter):
        sizes = settings.get(f"{name}.sizes")
        if _int_list(sizes, widget.count()):
            widget.setSizes(sizes)
            return True
        return False
    if isinstance(widget, QHeaderView):
        widths = settings.get(f"{name}.widths.{widget.count()}")
        if not _int_list(widths, widget.count()):
            return False
        for i, width in enumerate(widths):
            if width > 0 and widget.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive:
                widget.resizeSection(i, width)
        return True
    geometry = _decode(settings.get(f"{name}.geometry"))
    return geometry is not None and widget.restoreGeometry(geometry)


def _int_list(value: Any, count: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == count
        and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 100_000 for v in value)
    )


def _same_path(a: str, b: str) -> bool:
    """Paths compare as Windows does: ``D:\\预算\\A.json`` is ``d:\\预算\\a.json``."""
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))
