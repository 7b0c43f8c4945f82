"""The built-in layouts print exactly what the Python forms printed before they became data.

``tests/files/grids.sha256.json`` was written by ``scripts/dump_grids.py --digests``
from the forms as they were; every variant of every sample must still give the same
grid, cell for cell.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _dump_module():
    spec = importlib.util.spec_from_file_location("dump_grids", ROOT / "scripts" / "dump_grids.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_sample_prints_exactly_as_before():
    dump = _dump_module()
    expected = json.loads((ROOT / "tests" / "files" / "grids.sha256.json").read_text("utf-8"))
    actual = dump.digests(dump.dump())
    assert actual.keys() == expected.keys()
    changed = [label for label in expected if actual[label] != expected[label]]
    assert not changed, f"printed grids changed: {changed}"
