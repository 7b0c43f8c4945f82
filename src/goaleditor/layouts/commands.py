"""``goaleditor layouts``: the layouts there are, one line each (id, name, kind of form)."""

from __future__ import annotations

import argparse
import sys

from .registry import registry


def layouts_command(args: argparse.Namespace) -> int:
    """Built-in layouts first, then the clerk's own; a file left out is named on stderr."""
    reg = registry()
    for spec in reg.layouts.values():
        print(f"{spec.id}\t{spec.name}\t{spec.kind_name}")
    for problem in reg.problems:
        print(f"注意：{problem}", file=sys.stderr)
    return 0
