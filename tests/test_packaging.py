"""The wheel and the frozen bundle carry every package and every resource."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_the_wheel():
    """pyproject lists packages explicitly (resources/ is mapped in); none may be missing."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    src = REPO / "src"
    found = {".".join(init.parent.relative_to(src).parts) for init in src.rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"
    assert "goaleditor._resources" in listed


def test_spec_version_comes_from_the_package():
    spec = (REPO / "packaging" / "goaleditor.spec").read_text(encoding="utf-8")
    assert "__version__" in spec
    init = (REPO / "src" / "goaleditor" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'__version__ = "([^"]+)"', init).group(1)
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["version"] == version, "pyproject and __init__ disagree"
