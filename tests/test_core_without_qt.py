"""The core works without Qt: every module outside ``goaleditor.gui`` imports with PySide6 blocked.

The command line, the importers and the exporters run on machines (and in tests) where Qt
cannot load; a stray ``import PySide6`` in the core would break them all.  The check runs in a
fresh interpreter, where an import hook refuses PySide6 and shiboken6 outright.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

SCRIPT = r"""
import importlib, importlib.abc, pkgutil, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"Qt is blocked: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import goaleditor

names = ["goaleditor"]
for info in pkgutil.walk_packages(goaleditor.__path__, "goaleditor."):
    if info.name == "goaleditor.gui" or info.name.startswith("goaleditor.gui."):
        continue
    if info.name == "goaleditor.__main__":  # runs the program when imported
        continue
    names.append(info.name)
for name in names:
    importlib.import_module(name)
assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
print(len(names))
"""


def run_blocked(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )


def test_every_core_module_imports_with_qt_blocked():
    done = run_blocked(SCRIPT)
    assert done.returncode == 0, done.stderr
    # The walk found the whole core, the modules moved out of gui/ included.
    assert int(done.stdout.strip()) >= 55


def test_the_block_is_real():
    """The same hook makes a GUI module fail to import, so the test above can fail."""
    done = run_blocked(
        SCRIPT.split("import goaleditor\n")[0] + "import goaleditor.gui.common.context\n"
    )
    assert done.returncode != 0
    assert "Qt is blocked" in done.stderr
