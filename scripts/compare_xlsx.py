"""Compare the workbooks two versions of goaleditor write, as openpyxl reads them.

    python scripts/compare_xlsx.py OLD_REF [DOCUMENT.json …] [--new-ref REF] [--keep DIR] [--limit N]

Writes every sample in ``resources/samples/*.json`` and each DOCUMENT given
(``goaleditor export --xlsx``) and
the fill-in template (``goaleditor template``) with the code of git revision OLD_REF and
with the code of this checkout (or of --new-ref), then reads both with openpyxl and
lists every difference in: sheet names, order and state; defined names; each cell's
value, type, number format, font (name, size, bold, colour), alignment (wrap,
horizontal, vertical) and borders; merges; row heights; column widths; data
validations (type, operator, formulas, ranges, input and error messages); print
settings (paper, orientation, fit to page, centring, margins, print titles, print
area, header and footer, grid lines) and document properties.  Exit status 1 when
anything differs.  Used to check the port of the Excel writers to XlsxWriter
(README, "How the XlsxWriter port was checked").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from goaleditor.export.xlsx_meta import META_SHEET, read_meta  # noqa: E402

#: Run with the source tree of one version: writes every sample and the template.
WRITE = """
import sys
from pathlib import Path
from goaleditor import storage
from goaleditor.export.xlsx import write_xlsx
from goaleditor.export.template import write_template
out = Path(sys.argv[1])
for sample in sys.argv[2:]:
    write_xlsx(storage.load(sample), out / (Path(sample).stem + ".xlsx"))
write_template(out / "template.xlsx")
"""


def write_all(src: Path, out: Path, samples: list[Path]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-c", WRITE, str(out), *map(str, samples)]
    subprocess.run(cmd, check=True, env=env)


def checkout(ref: str, where: Path) -> Path:
    """The ``src`` folder of *ref*, exported from git into *where*."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where / "src"


def _rgb(color) -> str | None:
    rgb = getattr(color, "rgb", None)
    return rgb[-6:] if isinstance(rgb, str) else None


def _side(side) -> tuple:
    return (side.style, _rgb(side.color) if side.style else None)


def cell_facts(cell) -> dict:
    font, al, b = cell.font, cell.alignment, cell.border
    return {
        "value": cell.value,
        "type": cell.data_type,
        "number format": cell.number_format,
        "font": (font.name, float(font.sz or 0), bool(font.b), _rgb(font.color)),
        "alignment": (bool(al.wrap_text), al.horizontal, al.vertical),
        "border": tuple(_side(s) for s in (b.left, b.right, b.top, b.bottom)),
    }


def sheet_facts(ws) -> dict[str, object]:
    facts: dict[str, object] = {}
    facts["state"] = ws.sheet_state
    for row in ws.iter_rows():
        for cell in row:
            for key, value in cell_facts(cell).items():
                facts[f"{cell.coordinate} {key}"] = value
    facts["merges"] = sorted(str(r) for r in ws.merged_cells.ranges)
    for r in range(1, ws.max_row + 1):
        dim = ws.row_dimensions[r]
        facts[f"row {r} height"] = None if dim.height is None else round(dim.height, 2)
    widths: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        if dim.customWidth and dim.min is not None:
            for c in range(dim.min, (dim.max or dim.min) + 1):
                widths[c] = round(dim.width, 2)  # a <col> element may cover several columns
    for c in range(1, max([ws.max_column + 2, *widths]) + 1):
        facts[f"column {get_column_letter(c)} width"] = widths.get(c)
    facts["data validations"] = sorted(
        (
            (
                dv.type,
                dv.operator,
                dv.formula1,
                dv.formula2,
                " ".join(sorted(str(dv.sqref).split())),
                dv.allow_blank,
                dv.showInputMessage,
                dv.promptTitle,
                dv.prompt,
                dv.showErrorMessage,
                dv.errorStyle,
                dv.errorTitle,
                dv.error,
            )
            for dv in ws.data_validations.dataValidation
        ),
        key=repr,
    )
    ps, m = ws.page_setup, ws.page_margins
    facts["paper"] = ps.paperSize
    facts["orientation"] = ps.orientation
    facts["fit to"] = (
        ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
        1 if ps.fitToWidth is None else ps.fitToWidth,  # 1 is the schema's default
        1 if ps.fitToHeight is None else ps.fitToHeight,
    )
    facts["centred"] = (ws.print_options.horizontalCentered, ws.print_options.verticalCentered)
    facts["print grid lines"] = ws.print_options.gridLines
    facts["margins"] = tuple(
        round(x or 0, 3) for x in (m.left, m.right, m.top, m.bottom, m.header, m.footer)
    )
    facts["print titles"] = (ws.print_title_rows, ws.print_title_cols)
    facts["print area"] = ws.print_area
    for name in ("oddHeader", "oddFooter"):
        hf = getattr(ws, name)
        for part in ("left", "center", "right"):
            p = getattr(hf, part)
            facts[f"{name} {part}"] = (p.text, p.font, p.size) if p.text else None
    facts["screen grid lines"] = ws.sheet_view.showGridLines
    return facts


def book_facts(path: Path) -> dict[str, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(path)
    facts: dict[str, object] = {
        "sheets": wb.sheetnames,
        "active sheet": wb.active.title if wb.active is not None else None,
        "title": wb.properties.title,
        "creator": wb.properties.creator,
        "defined names": sorted((n, d.attr_text) for n, d in wb.defined_names.items()),
    }
    for ws in wb.worksheets:
        if ws.title == META_SHEET:
            # Its layout changed (version 2); what it says is compared instead.
            facts[f"{ws.title}!state"] = ws.sheet_state
            facts[f"{ws.title}!content"] = read_meta(ws)
            continue
        for key, value in sheet_facts(ws).items():
            facts[f"{ws.title}!{key}"] = value
    return facts


def compare(old: Path, new: Path) -> list[tuple[str, object, object]]:
    a, b = book_facts(old), book_facts(new)
    return [(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


def kind(key: str) -> str:
    """The kind of fact a key names ("font", "row height" …), to count differences."""
    words = key.split("!", 1)[-1].split(" ")
    if words[0] in ("row", "column"):
        return f"{words[0]} {words[-1]}"
    if len(words) > 1 and any(ch.isdigit() for ch in words[0]):
        return " ".join(words[1:])
    return " ".join(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_ref", help="git revision whose writer is compared against")
    parser.add_argument("documents", nargs="*", type=Path, help="more documents to export")
    parser.add_argument("--new-ref", help="git revision of the new writer (default: this tree)")
    parser.add_argument("--keep", type=Path, help="write the workbooks into this folder")
    parser.add_argument("--limit", type=int, default=20, help="differences shown per file")
    args = parser.parse_args(argv)
    samples = sorted((ROOT / "resources" / "samples").glob("*.json"))
    samples += [p.resolve() for p in args.documents]
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        trees = Path(tmp) / "trees"
        (trees / "old").mkdir(parents=True)
        write_all(checkout(args.old_ref, trees / "old"), base / "old", samples)
        if args.new_ref:
            (trees / "new").mkdir(parents=True)
            new_src = checkout(args.new_ref, trees / "new")
        else:
            new_src = ROOT / "src"
        write_all(new_src, base / "new", samples)
        total = 0
        for name in [s.stem + ".xlsx" for s in samples] + ["template.xlsx"]:
            diffs = compare(base / "old" / name, base / "new" / name)
            total += len(diffs)
            counts = Counter(kind(k) for k, _, _ in diffs)
            summary = ", ".join(f"{k} {n}" for k, n in counts.most_common()) or "no differences"
            print(f"{name}: {summary}")
            for key, old, new in diffs[: args.limit]:
                print(f"    {key}: {old!r} -> {new!r}")
    print(f"{total} differences")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
