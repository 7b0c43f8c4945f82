"""Property-based tests: random and mutated JSON never escape as anything but FileFormatError."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaleditor import storage
from goaleditor.errors import FileFormatError
from test_storage import sample_document

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)

BASE = storage.to_json_data(sample_document())


def _paths(data, prefix=()):
    """Every (container, key) location in a JSON tree."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


ALL_PATHS = list(_paths(BASE))


def _loads_or_app_error(data) -> None:
    try:
        storage.from_json_data(data)
    except FileFormatError as err:
        assert err.message and "Traceback" not in err.message


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json_documents(value):
    _loads_or_app_error(value)
    _loads_or_app_error({"format": "goaleditor", "version": 1, "document": value})


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), json_values, st.booleans())
def test_mutated_documents(path, replacement, delete):
    data = json.loads(json.dumps(BASE))
    target = data
    for key in path[:-1]:
        target = target[key]
    if delete and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = replacement
    _loads_or_app_error(data)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_random_bytes(raw):
    with contextlib.suppress(FileFormatError):
        storage.loads(raw)


@settings(max_examples=100)
@given(st.integers(min_value=0, max_value=200), st.binary(min_size=1, max_size=8))
def test_truncated_and_corrupted_files(cut, junk):
    raw = storage.dumps(sample_document()).encode("utf-8")
    for candidate in (raw[:cut], raw[:cut] + junk + raw[cut:]):
        with contextlib.suppress(FileFormatError):
            storage.loads(candidate)
