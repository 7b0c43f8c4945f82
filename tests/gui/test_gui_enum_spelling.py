"""The table models answer data() and flags() tens of thousands of times while a table
sizes its rows; PySide6 resolves short enum spellings (``Qt.DisplayRole``) through a
compatibility path about ten times slower than ``Qt.ItemDataRole.DisplayRole``.  Opening
a sample and switching its layout stayed over 100 ms with the short spellings."""

import re
from pathlib import Path

import goaleditor.gui

SHORT = re.compile(
    r"\bQt\.(DisplayRole|EditRole|ToolTipRole|TextAlignmentRole|BackgroundRole|"
    r"ForegroundRole|DecorationRole|UserRole|ItemIs\w+|NoItemFlags|Align(?!mentFlag)\w+|"
    r"Horizontal|Vertical)\b"
)


def test_the_gui_spells_roles_flags_and_alignments_in_full():
    root = Path(goaleditor.gui.__file__).parent
    found = [
        f"{path.relative_to(root)}:{n}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SHORT.search(line)
    ]
    assert found == []
