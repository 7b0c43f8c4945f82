"""Values written the way the printed forms have them, for every importer.

Typing and pasting turn ``>= 90%`` into ``≥90%`` (`values.normalize_typed`); a value
read from Excel or Word gets the same, so what prints does not depend on where it was
typed.  The importer reports how many values changed.
"""

from __future__ import annotations

from ..model import Document
from ..values import normalize_typed

#: Indicator fields that hold a 指标值.
VALUE_FIELDS = ("value", "period_value")


def normalize_values(doc: Document) -> list[tuple[str, str]]:
    """Rewrite each 指标值/实施周期指标值 of *doc*; (before, after) of each one changed."""
    changed = []
    for _owner, _row, indicator in doc.all_indicators():
        for name in VALUE_FIELDS:
            before = getattr(indicator, name)
            after = normalize_typed(before)
            if after != before:
                setattr(indicator, name, after)
                changed.append((before, after))
    return changed
