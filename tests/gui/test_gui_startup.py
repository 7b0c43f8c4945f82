"""What the editor's first paint loads: only what that paint shows.

The start-up benchmark times ``goaleditor FILE`` to its first painted window.  The
exporters and importers (reportlab, XlsxWriter, openpyxl, python-docx, pypdfium2), the
指标库's index (pypinyin), the checks and the pages not on screen load after that paint
or when first used; this test pins it in a fresh process, as the clerk starts it.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from gui_helpers import run_editor

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "hebei_2020.json"

#: Modules (and packages, with everything under them) the first paint must not load.
NOT_BEFORE_THE_FIRST_PAINT = (
    "reportlab",
    "xlsxwriter",
    "openpyxl",
    "docx",
    "pypinyin",
    "pypdfium2",
    "logging.handlers",  # the log file is set up after the paint
    "goaleditor.export",
    "goaleditor.importers",
    "goaleditor.checks",  # the first checks run after the paint
    "goaleditor.forms",
    "goaleditor.library.search",  # the 指标库 index is built after the paint
    "goaleditor.library.history",
    "goaleditor.gui.problems.panel",
    "goaleditor.gui.library.panel",
    "goaleditor.gui.project.editor",
    "goaleditor.gui.department.editor",
    "goaleditor.gui.find.dialog",
    "goaleditor.gui.output.print_preview",
)

#: Run as the clerk runs it (``goaleditor FILE``); at ``window painted`` print the
#: modules loaded and whether the layout schema checker was ever built.
CHILD = textwrap.dedent(
    """
    import json, sys
    import goaleditor.gui.app as app

    said = app._say

    def say(stream, text):
        if text == "window painted":
            from goaleditor.layouts import spec

            loaded = {"modules": sorted(sys.modules),
                      "schema_checks": spec._validator.cache_info().currsize}
            print(json.dumps(loaded), flush=True)
        said(stream, text)

    app._say = say
    from goaleditor.cli import main

    sys.exit(main(sys.argv[1:]))
    """
)


def _loaded_at_first_paint(tmp_path: Path) -> dict:
    result = run_editor(["-c", CHILD], str(SAMPLE), tmp_path=tmp_path, mode="painted")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "window painted"
    return json.loads(lines[0])


def test_the_first_paint_loads_no_exporter_importer_index_or_hidden_page(tmp_path):
    loaded = _loaded_at_first_paint(tmp_path)
    early = [
        name
        for name in loaded["modules"]
        for heavy in NOT_BEFORE_THE_FIRST_PAINT
        if name == heavy or name.startswith(heavy + ".")
    ]
    assert early == []
    # the built-in layouts are read without the schema and model checks (the test suite
    # runs them: tests/test_layouts.py)
    assert loaded["schema_checks"] == 0
    # ... and what the paint shows is there: the window, its document page, the file
    assert "goaleditor.gui.document.editor" in loaded["modules"]
    assert "goaleditor.storage" in loaded["modules"]
