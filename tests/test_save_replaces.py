"""A save replaces the file, never rewrites it in place: at every moment the name holds
the whole old file or the whole new one, and a reader that has the old file open keeps
reading the old file, complete."""

from __future__ import annotations

import os

import pytest

from goaleditor import fileio, storage
from goaleditor.model import Document, Project


def _doc(name: str, projects: int = 50) -> Document:
    return Document(unit_name=name, projects=[Project(name=f"{name}{i}") for i in range(projects)])


def _save_document(path, text: bytes) -> None:
    storage.save(storage.loads(text.decode("utf-8")), path)


def _write_export(path, text: bytes) -> None:
    fileio.atomic_write(path, lambda tmp: tmp.write_bytes(text), action="导出")


@pytest.mark.skipif(os.name == "nt", reason="inode numbers are POSIX")
@pytest.mark.parametrize("write", [_save_document, _write_export], ids=["save", "export"])
def test_a_save_replaces_the_file_and_never_truncates_it(tmp_path, monkeypatch, write):
    path = tmp_path / "doc.json"
    old = storage.dumps(_doc("旧")).encode("utf-8")
    path.write_bytes(old)
    before = os.stat(path)
    new = storage.dumps(_doc("新", projects=3)).encode("utf-8")  # shorter than the old one
    with open(path, "rb") as reader:  # someone (a viewer, a sync tool) has it open
        seen_during_write: list[bytes] = []
        real_fsync = os.fsync

        def fsync_and_look(fd):  # the new text is complete in the temp file by now
            seen_during_write.append(path.read_bytes())
            return real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync_and_look)
        write(path, new)
        monkeypatch.undo()
        assert reader.read() == old, "the old file was rewritten in place"
    after = os.stat(path)
    assert after.st_ino != before.st_ino, "the file was not replaced"
    assert path.read_bytes() == new
    assert seen_during_write and all(text == old for text in seen_during_write)
