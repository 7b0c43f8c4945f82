"""Find files under ``resources/`` in a source checkout, an installed wheel and a frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resource_root() -> Path:
    """The ``resources/`` folder.

    Frozen (PyInstaller): ``<bundle>/resources``.  Source checkout or editable install:
    the repository's ``resources/``.  Wheel: the ``goaleditor._resources`` package that
    pyproject.toml maps ``resources/`` onto.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    repo = Path(__file__).resolve().parents[2] / "resources"
    if repo.is_dir():
        return repo
    import goaleditor._resources as packaged  # type: ignore[import-not-found]

    return Path(next(iter(packaged.__path__)))


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``, e.g. ``resource_path("samples", "x.json")``."""
    return resource_root().joinpath(*parts)
