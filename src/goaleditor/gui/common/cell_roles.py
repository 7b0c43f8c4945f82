"""The alignments and flags the table models return for every cell, computed once.

A model's ``data`` and ``flags`` run tens of thousands of times while a table sizes its
rows; combining Qt's flags there costs a few microseconds a call in PySide6.  (The
models also spell enums in full, ``Qt.ItemDataRole.DisplayRole``: PySide6 resolves the
short spelling (without ``ItemDataRole``) through a compatibility path about ten times slower.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt

EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
CENTRE = int(Qt.AlignmentFlag.AlignCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
