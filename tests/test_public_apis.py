"""goaleditor uses only the public API of the libraries it builds on.

No import of a library's private module (``openpyxl.worksheet._writer``), and no
private attribute (``wb._fonts``, ``ws._cells``) read or written on anything but
goaleditor's own objects: a private name may only be used where goaleditor itself
defines it (a method, or an attribute it assigns).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "goaleditor"


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_private_module_of_a_library_is_imported():
    found = []
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] != "goaleditor" and any(_private(p) for p in parts):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}")
    assert found == []


def test_private_attributes_are_only_goaleditors_own():
    trees = _trees()
    own: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: .{node.attr}")
    assert found == []


def test_the_check_catches_what_the_old_excel_writer_did(tmp_path, monkeypatch):
    """The scan itself: a private module and a private attribute of a library are found."""
    bad = tmp_path / "goaleditor"
    bad.mkdir()
    (bad / "m.py").write_text(
        "from openpyxl.worksheet._writer import WorksheetWriter\nfonts = wb._fonts\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__), "SRC", bad)
    for test in (
        test_no_private_module_of_a_library_is_imported,
        test_private_attributes_are_only_goaleditors_own,
    ):
        try:
            test()
        except AssertionError:
            continue
        raise AssertionError(f"{test.__name__} missed a private use")
