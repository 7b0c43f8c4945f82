"""Fuzz both importers: flipped bits, truncations and repacked parts of real exports.

A fixed seed makes every run try the same files; a time budget keeps CI short
(``GOALEDITOR_FUZZ_SECONDS`` per importer, 10 s by default).  Every damaged file must
either import or be refused with `ImportProblem` (a Chinese message): nothing else may
escape, and no single file may take long.
"""

from __future__ import annotations

import io
import os
import random
import time
import zipfile
from collections.abc import Callable

import pytest

import docxbuild
import hostile
from goaleditor import storage
from goaleditor.errors import ImportProblem
from goaleditor.export.xlsx import write_xlsx
from goaleditor.importers.commands import import_file
from test_forms import SAMPLES

BUDGET = float(os.environ.get("GOALEDITOR_FUZZ_SECONDS", "10"))
SEED = 13
HEBEI = next(p for p in SAMPLES if p.stem.startswith("hebei"))


def _flip_bits(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 8)):
        data = hostile.flip_bit(data, rng.randrange(len(data) * 8))
    return data


def _flip_in_part(rng: random.Random, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        part = rng.choice([i.filename for i in zf.infolist() if i.compress_size > 8])
    start, end = hostile.compressed_span(data, part)
    return hostile.flip_bit(data, rng.randrange(start * 8, end * 8))


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def _cut_part(rng: random.Random, data: bytes) -> bytes:
    """One XML part cut short (unclosed tags), the package itself sound."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        part = rng.choice([n for n in zf.namelist() if n.endswith(".xml")])
    return hostile.repack(
        data, lambda name, raw: raw[: rng.randrange(len(raw) + 1)] if name == part else raw
    )


def _drop_part(rng: random.Random, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        part = rng.choice(zf.namelist())
    return hostile.repack(data, lambda name, raw: None if name == part else raw)


def _swap_parts(rng: random.Random, data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        a, b = rng.sample(zf.namelist(), 2)
        contents = {a: zf.read(b), b: zf.read(a)}
    return hostile.repack(data, lambda name, raw: contents.get(name, raw))


def _garble_xml(rng: random.Random, data: bytes) -> bytes:
    """Random bytes or odd values written into the middle of an XML part."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        part = rng.choice([n for n in zf.namelist() if n.endswith(".xml")])
    junk = rng.choice(
        [
            rng.randbytes(rng.randint(1, 40)),
            b'"-1"',
            b'"999999999"',
            b"&#0;",
            b"<x/>",
            b'"A1:XFD1048576"',
        ]
    )

    def change(name: str, raw: bytes) -> bytes:
        if name != part or not raw:
            return raw
        at = rng.randrange(len(raw))
        return raw[:at] + junk + raw[at + rng.randint(0, 8) :]

    return hostile.repack(data, change)


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    _flip_bits,
    _flip_in_part,
    _truncate,
    _cut_part,
    _drop_part,
    _swap_parts,
    _garble_xml,
]


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    xlsx = folder / "hebei.xlsx"
    write_xlsx(storage.load(HEBEI), xlsx)
    docx = docxbuild.build_from_seed(
        docxbuild.HEBEI_SEED, folder / "hebei.docx", docxbuild.Options()
    )
    return {".xlsx": xlsx.read_bytes(), ".docx": docx.read_bytes()}


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_damaged_files_import_or_are_refused_in_chinese(originals, tmp_path, suffix):
    rng = random.Random(f"{SEED}{suffix}")
    good = originals[suffix]
    deadline = time.monotonic() + BUDGET
    tried = refused = 0
    while time.monotonic() < deadline or tried < 20:
        mutate = MUTATIONS[tried % len(MUTATIONS)]
        data = mutate(rng, good)
        path = tmp_path / f"坏{tried}{suffix}"
        path.write_bytes(data)
        start = time.perf_counter()
        try:
            import_file(path)
        except ImportProblem as err:
            refused += 1
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err)), (mutate.__name__, str(err))
        except Exception as err:  # pragma: no cover - the failure this test exists to catch
            kept = tmp_path.parent / f"fuzz-failure-{tried}{suffix}"
            kept.write_bytes(data)
            raise AssertionError(
                f"{mutate.__name__}: {type(err).__name__}: {err} ({kept})"
            ) from err
        assert time.perf_counter() - start < 10, mutate.__name__
        path.unlink()
        tried += 1
    assert refused > 0
