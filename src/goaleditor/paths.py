"""Per-user folders (settings, autosaves), from platformdirs.

``GOALEDITOR_CONFIG_DIR`` / ``GOALEDITOR_DATA_DIR`` override them (tests, portable use).
A folder that cannot be created raises `OSError`: the editor then runs without what
lives there (autosave, remembered settings) and says so, rather than not starting.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "goaleditor"


def config_dir(create: bool = True) -> Path:
    override = os.environ.get("GOALEDITOR_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir(create: bool = True) -> Path:
    override = os.environ.get("GOALEDITOR_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def data_subdir(name: str) -> Path:
    """A folder of the user data folder (``autosave``, ``library`` …), created when missing."""
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
