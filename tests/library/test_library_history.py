"""The clerk's history file: learnt from documents, de-duplicated, atomic, surviving damage."""

from __future__ import annotations

import copy
import json

import pytest

from goaleditor import storage
from goaleditor.errors import GoalEditorError, WriteError
from goaleditor.library.history import History, library_folder, rebuild, record_documents
from goaleditor.paths import data_dir
from goaleditor.resources import resource_path

SAMPLES = resource_path("samples")


@pytest.fixture
def hebei():
    return storage.load(SAMPLES / "hebei_2020.json")


def test_the_history_lives_in_the_user_data_folder(hebei):
    record_documents([(hebei, SAMPLES / "hebei_2020.json")])
    assert library_folder() == data_dir() / "library"
    assert (data_dir() / "library" / "history.json").is_file()
    assert (data_dir() / "library" / "documents.txt").read_text(encoding="utf-8").strip() == str(
        SAMPLES / "hebei_2020.json"
    )


def test_every_indicator_with_its_year_unit_and_project(hebei):
    history = History.load()
    count = history.add_document(hebei, SAMPLES / "hebei_2020.json")
    assert count == 37 == len(history.entries)
    history.save()
    again = History.load()
    assert again.entries == history.entries
    first = again.entries[0]
    assert first.year == 2020
    assert first.unit_name == hebei.unit_name
    assert first.source == str(SAMPLES / "hebei_2020.json")
    projects = {e.project for e in again.entries}
    assert projects == {p.name for p in hebei.projects if p.indicators}


def test_department_indicators_are_recorded_without_a_project():
    chengdu = storage.load(SAMPLES / "chengdu_2022.json")
    history = History.load()
    history.add_document(chengdu, SAMPLES / "chengdu_2022.json")
    assert {e.project for e in history.entries} == {""}
    assert history.entries[0].project_label == "部门整体"


def test_reading_a_document_again_replaces_what_it_said(hebei, tmp_path):
    history = History.load()
    history.add_document(hebei, tmp_path / "a.json")
    history.add_document(hebei, tmp_path / "a.json")
    assert len(history.entries) == 37
    changed = copy.deepcopy(hebei)
    changed.projects[0].indicators[0].value = "≥999次"
    history.add_document(changed, tmp_path / "a.json")
    assert len(history.entries) == 37
    values = [e.value for e in history.entries if e.name == hebei.projects[0].indicators[0].name]
    assert "≥999次" in values
    # Another year of the same document is another fact.
    changed.fiscal_year = 2021
    history.add_document(changed, tmp_path / "b.json")
    assert len(history.entries) == 74


def test_a_truncated_file_is_set_aside_and_its_readable_rows_kept(hebei):
    record_documents([(hebei, SAMPLES / "hebei_2020.json")])
    path = library_folder() / "history.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    history = History.load()
    aside = sorted(library_folder().glob("history.damaged-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == text[: len(text) // 2]
    assert aside[0].with_suffix(".txt").read_text(encoding="utf-8").startswith("这是")
    assert "已损坏" in history.note and aside[0].name in history.note
    assert 10 < len(history.entries) < 37
    # The new file is whole again, and rebuilding from the documents restores everything.
    assert len(History.load().entries) == len(history.entries)
    read, notes = rebuild(history)
    assert (read, notes) == (1, [])
    assert len(history.entries) == 37


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage", b'{"format": "other"}', b"[]"])
def test_any_unreadable_file_is_set_aside_with_a_note(content):
    folder = library_folder()
    (folder / "history.json").write_bytes(content)
    history = History.load()
    assert history.entries == [] and "已损坏" in history.note and not history.read_only
    assert len(list(folder.glob("history.damaged-*.json"))) == 1
    assert json.loads((folder / "history.json").read_text(encoding="utf-8"))["entries"] == []


def test_rows_that_do_not_read_are_skipped_with_a_note(hebei):
    record_documents([(hebei, SAMPLES / "hebei_2020.json")])
    path = library_folder() / "history.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0] = ["only one field"]
    data["entries"][1][data["fields"].index("year")] = "2020"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    history = History.load()
    assert len(history.entries) == 35 and "2 条记录无法读取" in history.note


def test_a_file_from_a_newer_version_is_read_but_never_overwritten(hebei):
    path = library_folder() / "history.json"
    raw = json.dumps(
        {"format": "goaleditor-library-history", "version": 99, "fields": [], "entries": []}
    )
    path.write_text(raw, encoding="utf-8")
    history = History.load()
    assert history.read_only and "更新版本" in history.note
    history.add_document(hebei, "x.json")
    with pytest.raises(GoalEditorError):
        history.save()
    assert path.read_text(encoding="utf-8") == raw


def test_a_failed_write_leaves_the_old_file(hebei, monkeypatch):
    record_documents([(hebei, SAMPLES / "hebei_2020.json")])
    path = library_folder() / "history.json"
    before = path.read_bytes()

    def failing(self, tmp):
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(History, "_write_history", failing)
    history = History.load()
    history.clear()
    with pytest.raises(WriteError, match="磁盘空间已满"):
        history.save()
    assert path.read_bytes() == before
    assert [p.name for p in library_folder().iterdir() if p.suffix == ".tmp"] == []


def test_record_keeps_what_another_window_added(hebei):
    tianjin = storage.load(SAMPLES / "tianjin_2023.json")
    mine = History.load()  # an editor window's copy, read before the other window wrote
    record_documents([(tianjin, SAMPLES / "tianjin_2023.json")])
    assert len(mine.entries) == 0
    saved = record_documents([(hebei, SAMPLES / "hebei_2020.json")])
    assert len(saved.entries) == 37 + 172


def test_rebuild_notes_documents_that_are_gone_and_keeps_their_entries(hebei, tmp_path):
    doc_path = tmp_path / "h.json"
    storage.save(hebei, doc_path)
    history = record_documents([(hebei, doc_path)])
    doc_path.unlink()
    read, notes = rebuild(history)
    assert read == 0 and len(notes) == 1 and "找不到文件" in notes[0]
    assert len(history.entries) == 37
