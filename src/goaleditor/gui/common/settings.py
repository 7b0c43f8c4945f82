"""What the window remembers between runs: geometry, splitters, column widths, recent
files, and the clerk's choices in 设置 (the PDF font).

One JSON file, ``settings.json`` in `goaleditor.paths.config_dir()`, written atomically.
A settings file that cannot be read, is not a JSON object or holds values of the wrong
kind is set aside (renamed ``settings.json.bad-<time>``) and the window starts with
defaults; `note` says so once for the status bar (the clerk loses a window size, never
work).  Without a config folder (it cannot be created) the settings live in memory only.  `remember` / `restore` save and restore any window, splitter or header view by
name, so each panel does not need its own code for it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget

from ...errors import WriteError
from ...fileio import atomic_write, json_bytes
from ...paths import config_dir

SETTINGS_FILE = "settings.json"
MAX_RECENT = 10
PDF_FONT = "pdf_font"


#: The kinds of value each known setting must have (others are dropped on load).
_KINDS: dict[str, tuple[type, ...]] = {
    "recent_files": (list,),
    PDF_FONT: (str, type(None)),
}


class Settings:
    """A flat dict of JSON values, loaded once and saved on demand."""

    def __init__(self, path: Path | None = None):
        #: Why the settings file was set aside ("" when it was fine or not there).
        self.note = ""
        if path is None:
            try:
                path = config_dir() / SETTINGS_FILE
            except OSError:
                path = None
                self.note = "无法创建设置文件夹，本次运行的窗口大小等设置不会保存。"
        #: None: no config folder, the settings are not saved.
        self.path = path
        self.values: dict[str, Any] = {}
        if self.path is not None:
            self._load(self.path)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            return
        except ValueError:  # not UTF-8, or not JSON
            self._set_aside(path, "已损坏，无法读取")
            return
        except OSError as err:  # the system's own words are English: its number instead
            self._set_aside(path, f"无法读取（系统错误 {err.errno}）" if err.errno else "无法读取")
            return
        if not isinstance(data, dict):
            self._set_aside(path, "内容不是设置")
            return
        wrong = [
            key for key, kinds in _KINDS.items() if key in data and not isinstance(data[key], kinds)
        ]
        wrong += [
            key
            for key, value in data.items()
            if key.endswith((".geometry", ".state")) and not isinstance(value, str)
        ]
        if wrong:
            self._set_aside(path, "其中有无法识别的内容")
            data = {k: v for k, v in data.items() if k not in wrong}
        self.values = data

    def _set_aside(self, path: Path, why: str) -> None:
        """Keep the odd file for whoever wants to look at it, under another name."""
        aside = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(path, aside)
            where = f"已改名为“{aside.name}”保留"
        except OSError:
            where = "已忽略"
            if path.is_dir():
                self.path = None  # a folder in the way: nothing can be saved there
        self.note = f"设置文件“{path}”{why}，{where}；窗口大小等设置已恢复默认。"

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value

    def save(self) -> None:
        """Write the file; a failure is not worth bothering the clerk about."""
        if self.path is None:
            return
        data = json_bytes(self.values, indent=2)
        with contextlib.suppress(WriteError):
            atomic_write(self.path, lambda tmp: tmp.write_bytes(data))

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
