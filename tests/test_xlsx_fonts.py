"""Row heights hold with whatever CJK font prints 宋体: rendered through LibreOffice with its
default fonts (no SimSun on the machine), no row of any sample is too short for its text and
every character of the forms is on the printed pages.

LibreOffice is asked through its own Python (Debian's python3-uno), which `.ci/run` installs;
the test is skipped only where LibreOffice or that bridge is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from goaleditor.export.xlsx import write_xlsx
from goaleditor.forms import build_forms
from goaleditor.storage import load

HERE = Path(__file__).resolve().parent
SAMPLES = sorted((HERE.parent / "resources" / "samples").glob("*.json"))
LO_PYTHON = "/usr/bin/python3"


def _have_libreoffice() -> bool:
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        return False
    try:
        done = subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


pytestmark = pytest.mark.skipif(not _have_libreoffice(), reason="LibreOffice (python3-uno) missing")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Every sample exported, measured and printed by LibreOffice in one session."""
    folder = tmp_path_factory.mktemp("lo")
    books = {}
    for sample in SAMPLES:
        book = folder / f"{sample.stem}.xlsx"
        write_xlsx(load(sample), book)
        books[sample] = book
    report = folder / "report.json"
    subprocess.run(
        [LO_PYTHON, str(HERE / "lo_calc.py"), str(report), *map(str, books.values())],
        check=True, timeout=300,
    )  # fmt: skip
    return books, json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_row_is_too_short_for_its_text_in_libreoffice(printed, sample):
    books, report = printed
    short = [row for row in report[str(books[sample])] if row[3] > row[2] + 0.5]
    assert not short, short[:10]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_character_of_the_forms_is_on_the_printed_pages(printed, sample):
    books, _report = printed
    pdf = Path(str(books[sample]) + ".pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed_chars = Counter(ch for ch in text if not ch.isspace())
    wanted = Counter(
        ch
        for form in build_forms(load(sample))
        for cell in form.cells
        for ch in cell.text
        if not ch.isspace()
    )
    missing = {ch: n - printed_chars[ch] for ch, n in wanted.items() if printed_chars[ch] < n}
    assert not missing, dict(list(missing.items())[:20])
