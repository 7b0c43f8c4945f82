"""Dump the printed grids of every sample in every layout variant, to prove a change exact.

Every cell of every `grid.Form` (text, position, spans, style, number, key, repeat flag;
in row and column order, the order the writers place them in),
the column widths, repeated rows and keep-with-next rows, for each sample in
``resources/samples/`` as saved and in each variant the samples can print in: both
project forms with every combination of their switches, every department form, the
other number style, no signature block, no year.

    python scripts/dump_grids.py OUT.json           # the whole dump, to diff by eye
    python scripts/dump_grids.py --digests OUT.json # one SHA-256 per variant

``tests/files/grids.sha256.json`` holds the digests of the output as it is meant to be;
``tests/test_layouts_exact.py`` compares against it.  After a deliberate change of the
printed output, regenerate it with ``--digests`` and say why in the commit.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import hashlib
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from goaleditor import storage  # noqa: E402
from goaleditor.forms import build_forms  # noqa: E402
from goaleditor.grid import Form  # noqa: E402
from goaleditor.model import DepartmentGoals, Document  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"


def form_data(form: Form) -> dict:
    cells = [
        [
            c.row,
            c.col,
            c.text,
            c.rowspan,
            c.colspan,
            list(dataclasses.astuple(c.style)),
            None if c.number is None else str(c.number),
            c.key,
            c.repeat_on_split,
        ]
        for c in sorted(form.cells, key=lambda c: (c.row, c.col))
    ]
    return {
        "sheet_name": form.sheet_name,
        "bookmark": form.bookmark,
        "col_widths_mm": form.col_widths_mm,
        "n_rows": form.n_rows,
        "repeat_rows": list(form.repeat_rows) if form.repeat_rows else None,
        "keep_with_next": sorted(form.keep_with_next),
        "headers": [list(h) for h in getattr(form, "headers", [])],
        "cells": cells,
    }


def variants(name: str, doc: Document):
    """(label, document) for every way the sample can print."""
    yield name, doc
    for national, code, plan, basis in itertools.product((False, True), repeat=4):
        d = copy.deepcopy(doc)
        d.department = None
        d.layout.project_form = "national" if national else "standard"
        d.layout.show_code, d.layout.show_spending_plan, d.layout.show_basis = code, plan, basis
        label = f"{name}/project/{d.layout.project_form}-c{int(code)}p{int(plan)}b{int(basis)}"
        yield label, d
    for kind in ("text", "guangzhou", "chengdu"):
        d = copy.deepcopy(doc)
        d.layout.department_form = kind
        if d.department is None:
            d.department = DepartmentGoals()
        yield f"{name}/department/{kind}", d
        d = copy.deepcopy(d)
        d.layout.number_style = "." if d.layout.number_style == "、" else "、"
        d.signature.enabled = not d.signature.enabled
        d.fiscal_year = None if d.fiscal_year else 2024
        d.title = "" if d.title else "自定标题"
        yield f"{name}/department/{kind}-other", d
    d = copy.deepcopy(doc)
    yield f"{name}/selected", d


def dump() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for path in sorted(SAMPLES.glob("*.json")):
        doc = storage.load(path)
        for label, d in variants(path.stem, doc):
            if label.endswith("/selected"):
                forms = build_forms(d, list(range(len(d.projects)))[::-1])
            else:
                forms = build_forms(d)
            out[label] = [form_data(f) for f in forms]
    return out


def digests(data: dict[str, list[dict]]) -> dict[str, str]:
    return {
        label: hashlib.sha256(
            json.dumps(forms, ensure_ascii=False, sort_keys=True).encode("utf-8")
        ).hexdigest()
        for label, forms in data.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="output JSON file")
    parser.add_argument("--digests", action="store_true", help="one SHA-256 per variant")
    args = parser.parse_args()
    data = dump()
    result = digests(data) if args.digests else data
    text = json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{len(data)} variants, {sum(len(f) for f in data.values())} forms → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
