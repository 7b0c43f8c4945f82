"""The repository explains itself: its docs exist, the README points to them, and no file
refers to a document outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Names of working notes that live outside the repository, and paths that lead out of it.
OUTSIDE = re.compile(r"\b(?:FORMS|DESIGN|STYLE)\.md\b|\.\./shared\b|/work/shared\b")


def tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    files = []
    for name in filter(None, names):
        path = REPO / name
        if path.suffix in {".py", ".md", ".toml", ".json", ".sh", ".spec", ".iss", ".txt", ""}:
            files.append(path)
    return files


def test_no_file_refers_outside_the_repository():
    offenders = []
    for path in tracked_text_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line) and path.name != "test_docs.py":
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_docs_describe_the_forms_and_the_architecture():
    forms = (REPO / "docs" / "forms.md").read_text(encoding="utf-8")
    for heading in (
        "The project form",
        "The department forms",
        "Indicator categories",
        "指标值",
        "审核",
    ):
        assert heading in forms
    architecture = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for folder in ("tree/", "indicators/", "department/", "problems/", "files/", "output/"):
        assert folder in architecture
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/forms.md" in readme and "docs/architecture.md" in readme


def test_every_gui_folder_is_in_the_architecture_doc():
    architecture = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    gui = REPO / "src" / "goaleditor" / "gui"
    for folder in sorted(p for p in gui.iterdir() if (p / "__init__.py").exists()):
        assert f"`{folder.name}/`" in architecture, folder.name
