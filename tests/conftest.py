"""Test setup: offscreen Qt, and every config/data path redirected to a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "resources" / "samples"
SEEDS = REPO / "tests" / "files" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Settings, autosaves and recent files never touch the real user profile."""
    home = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("GOALEDITOR_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("GOALEDITOR_DATA_DIR", str(home / "data"))
    yield
