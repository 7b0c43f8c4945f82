"""Excel import: formula cells, shared-string indexes, and time that grows with the rows."""

from __future__ import annotations

import copy
import io
import re
import time
import zipfile

import pytest
from openpyxl import load_workbook

import hostile
from goaleditor import storage
from goaleditor.errors import ImportProblem
from goaleditor.export.xlsx import write_xlsx
from goaleditor.importers.xlsx import read_workbook
from goaleditor.model import Document, Indicator, Project
from test_forms import SAMPLES

HEBEI = next(p for p in SAMPLES if p.stem.startswith("hebei"))


@pytest.fixture(scope="module")
def hebei(tmp_path_factory):
    path = tmp_path_factory.mktemp("cells") / "hebei.xlsx"
    doc = storage.load(HEBEI)
    write_xlsx(doc, path)
    return path, doc


def _cell_of(path, sheet_index: int, value: str) -> tuple[str, str]:
    """(part name, coordinate) of the first cell showing *value* on a sheet."""
    wb = load_workbook(path)
    ws = wb.worksheets[sheet_index]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == value)
    return f"xl/worksheets/sheet{sheet_index + 1}.xml", cell.coordinate


def _rewrite_cell(data: bytes, part: str, coord: str, new: str) -> bytes:
    """*data* with the text cell at *coord* of *part* replaced by *new* (``\\1``, ``\\2``:
    its other attributes)."""
    pattern = re.compile(
        rf'<c r="{coord}"([^>]*?) t="(?:s|inlineStr)"([^>]*)>.*?</c>'.encode(), re.DOTALL
    )

    def change(name: str, raw: bytes) -> bytes:
        if name != part:
            return raw
        patched, count = pattern.subn(new.encode(), raw)
        assert count == 1
        return patched

    return hostile.repack(data, change)


def test_a_formula_cell_imports_its_shown_value_with_a_note(hebei, tmp_path):
    path, doc = hebei
    project = doc.projects[0]
    value = project.indicators[0].value
    part, coord = _cell_of(path, 1, value)
    formula = f'<c r="{coord}"\\1 t="str"\\2><f>HYPERLINK("http://example.org","{value}")</f><v>{value}</v></c>'
    target = tmp_path / "公式.xlsx"
    target.write_bytes(_rewrite_cell(path.read_bytes(), part, coord, formula))
    result = read_workbook(target)
    assert result.document.projects[0].indicators[0].value == value
    notes = [n.format_line() for n in result.notes]
    assert len(notes) == 1 and "公式" in notes[0] and value in notes[0]


def test_a_negative_shared_string_index_is_damage_not_the_last_string(hebei, tmp_path):
    path, doc = hebei
    part, coord = _cell_of(path, 1, doc.projects[0].indicators[0].value)
    target = tmp_path / "负数.xlsx"
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        first = re.search(rb"<t[^>]*>([^<]*)</t>", zf.read("xl/sharedStrings.xml")).group(1)
    good = tmp_path / "正数.xlsx"
    good.write_bytes(_rewrite_cell(data, part, coord, f'<c r="{coord}"\\1 t="s"\\2><v>0</v></c>'))
    assert read_workbook(good).document.projects[0].indicators[0].value == first.decode()
    target = tmp_path / "负数.xlsx"
    target.write_bytes(
        _rewrite_cell(data, part, coord, f'<c r="{coord}"\\1 t="s"\\2><v>-1</v></c>')
    )
    with pytest.raises(ImportProblem, match="负数"):
        read_workbook(target)


def _rows_document(n: int) -> Document:
    base = storage.load(HEBEI).projects[0]
    rows = [i for p in storage.load(HEBEI).projects for i in p.indicators]
    project = Project(name="大项目", goals=list(base.goals), budget=copy.deepcopy(base.budget))
    project.indicators = [
        Indicator(
            rows[k % len(rows)].level1,
            rows[k % len(rows)].level2,
            f"指标{k}",
            f"描述{k}",
            rows[k % len(rows)].value,
        )
        for k in range(n)
    ]
    return Document(fiscal_year=2020, money_unit="元", projects=[project])


def _import_seconds(tmp_path, n: int) -> float:
    path = tmp_path / f"{n}.xlsx"
    write_xlsx(_rows_document(n), path)
    start = time.perf_counter()
    result = read_workbook(path)
    elapsed = time.perf_counter() - start
    assert len(result.document.projects[0].indicators) == n
    return elapsed


def test_import_time_grows_with_the_rows_not_their_square(tmp_path):
    small = min(_import_seconds(tmp_path, 1000) for _ in range(2))
    large = _import_seconds(tmp_path, 8000)
    # Linear: 8× the rows in about 8× the time (quadratic was 64×); slack for a busy machine.
    assert large < 20 * small + 1.0, (small, large)
    assert large < 30


def test_blanks_and_carriage_returns_in_goals_survive_a_round_trip(tmp_path):
    goals = ["  前后空格  ", "a\rb", "\t制表开头", "末尾\r"]
    project = Project(name="项目", goals=list(goals), long_term_goals=["  长期 "])
    doc = Document(fiscal_year=2024, unit_name="某院", projects=[project])
    for form in ("standard", "national"):
        doc.layout.project_form = form
        path = tmp_path / f"{form}.xlsx"
        write_xlsx(doc, path)
        back = read_workbook(path).document.projects[0]
        assert back.goals == goals
        if form == "national":
            assert back.long_term_goals == ["  长期 "]


def test_the_clerks_texts_are_text_cells_in_an_export(hebei):
    """Typed over in Excel, `90%` or `2020年12月` stays text: the export's field cells are
    text-formatted (labels and amounts are not)."""
    path, doc = hebei
    ws = load_workbook(path).worksheets[1]
    value = doc.projects[0].indicators[0].value
    cell = next(c for row in ws.iter_rows() for c in row if c.value == value)
    assert cell.number_format == "@"
    label = next(c for row in ws.iter_rows() for c in row if c.value == "三级指标")
    assert label.number_format != "@"


@pytest.mark.parametrize(
    ("stored", "fmt", "read"),
    [
        (0.9, "0%", "0.9"),  # typed 90% in a number cell
        (1, "0%", "1"),  # typed 100%
        (__import__("datetime").datetime(2020, 12, 1), 'yyyy"年"m"月"', "2020年12月1日"),
    ],
)
def test_a_number_or_date_in_a_text_field_is_listed_for_checking(
    hebei, tmp_path, stored, fmt, read
):
    path, doc = hebei
    wb = load_workbook(path)
    ws = wb.worksheets[1]
    value = doc.projects[0].indicators[0].value
    cell = next(c for row in ws.iter_rows() for c in row if c.value == value)
    cell.value, cell.number_format = stored, fmt
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    result = read_workbook(changed)
    assert result.document.projects[0].indicators[0].value == read
    notes = [n for n in result.notes if "数字或日期" in n.message]
    assert len(notes) == 1 and read in notes[0].message and "指标值" in notes[0].message
