"""The clerk's history: every indicator of every document opened, saved or imported.

Kept in the user data folder (``library/history.json``), one entry per line so a damaged
file can be read line by line::

    {"format": "goaleditor-library-history", "version": 1,
     "fields": ["name", "level1", …],
     "entries": [
    ["服务对象满意度", "满意度指标", …],
    …
    ]}

Beside it, ``library/documents.txt`` lists the documents the history was learnt from
(one path a line), so a lost history can be rebuilt from them.  Both are written
atomically (`fileio.atomic_write`).  A file that cannot be read is set aside as
``history.damaged-YYYYMMDD-HHMMSS.json`` with a note beside it; every entry still
readable in it is kept, and `rebuild` reads the documents again.  A file written by a
newer goaleditor is never overwritten (the history is then read-only).

Entries are de-duplicated by `LibraryEntry.history_key` (year, unit, project, 一级,
二级, 三级): reading a document again replaces what it said before.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from ..errors import GoalEditorError
from ..fileio import atomic_write, describe_read_error
from ..model import Document
from .builtin import classify_project
from .entries import (
    FIELD_NAMES,
    HISTORY,
    LibraryEntry,
    dedupe_history,
    entries_from_document,
)

HISTORY_FORMAT = "goaleditor-library-history"
HISTORY_VERSION = 1
HISTORY_FILE = "history.json"
DOCUMENTS_FILE = "documents.txt"


def library_folder() -> Path:
    """``<user data folder>/library`` (created when missing)."""
    from ..paths import data_subdir

    return data_subdir("library")


class History:
    """The history entries in memory, read from and written to *folder*."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else library_folder()
        self.entries: list[LibraryEntry] = []
        #: Documents learnt from, in the order first seen.
        self.documents: list[str] = []
        #: A Chinese note for the clerk when the file was damaged or is read-only, else "".
        self.note = ""
        #: True when the file was written by a newer goaleditor: never overwrite it.
        self.read_only = False
        self._pool: dict[str, str] = {}

    @property
    def path(self) -> Path:
        return self.folder / HISTORY_FILE

    @property
    def documents_path(self) -> Path:
        return self.folder / DOCUMENTS_FILE

    # ------------------------------------------------------------ reading

    @classmethod
    def load(cls, folder: Path | None = None) -> History:
        """The history on disk (empty when there is none); never raises for a damaged file."""
        history = cls(folder)
        history._read_documents()
        try:
            raw = history.path.read_bytes()
        except FileNotFoundError:
            return history
        except OSError as err:
            history.read_only = True
            what = "指标库历史文件"
            history.note = describe_read_error(err, history.path, what) + "本次不会修改它。"
            return history
        try:
            history._parse(raw)
        except _Newer as err:
            history.read_only = True
            history.note = str(err)
        except (ValueError, TypeError, KeyError) as err:
            history._set_aside(raw, err)
        return history

    def _parse(self, raw: bytes) -> None:
        data = json.loads(raw.decode("utf-8-sig"))
        if not isinstance(data, dict) or data.get("format") != HISTORY_FORMAT:
            raise ValueError("不是 goaleditor 指标库历史文件")
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise ValueError("版本号有误")
        if version > HISTORY_VERSION:
            raise _Newer(
                f"指标库历史文件“{self.path}”由更新版本的 goaleditor 写入，"
                "本版本只读取、不修改它。请升级 goaleditor。"
            )
        columns = data["fields"]
        rows = data["entries"]
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise ValueError("内容结构有误")
        bad = 0
        entries = []
        read = self._row_reader(columns)
        for row in rows:
            entry = read(row)
            if entry is None:
                bad += 1
            else:
                entries.append(entry)
        self.entries = dedupe_history(entries)
        if bad:
            self.note = f"指标库历史文件中有 {bad} 条记录无法读取，已跳过。"

    def _row_reader(self, columns: list):
        """A function reading one row written with *columns* (fields this version does not
        know are ignored; missing ones are blank)."""
        if not all(isinstance(c, str) for c in columns):
            raise ValueError("字段名有误")
        width = len(columns)
        where = {key: columns.index(key) for key in FIELD_NAMES if key in columns}
        if "name" not in where:
            raise ValueError("缺少名称字段")
        year_at = where.pop("year", None)
        where.pop("origin", None)
        texts = list(where.items())
        share = self._pool.setdefault

        def read(row) -> LibraryEntry | None:
            if type(row) is not list or len(row) != width:
                return None
            year = row[year_at] if year_at is not None else None
            if year is not None and (type(year) is not int or not 1900 <= year <= 2200):
                return None
            values = {}
            for key, at in texts:
                value = row[at]
                if type(value) is not str:
                    return None
                values[key] = share(value, value)
            if not values["name"].strip():
                return None
            return LibraryEntry(origin=HISTORY, year=year, **values)

        return read

    def _set_aside(self, raw: bytes, err: Exception) -> None:
        """Move a damaged file out of the way, keep every line still readable, say so."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.folder / f"history.damaged-{stamp}.json"
        try:
            os.replace(self.path, aside)
            note_text = (
                f"这是 {datetime.now():%Y-%m-%d %H:%M} 发现已损坏的指标库历史文件（{err}）。\n"
                "goaleditor 已从中恢复能读取的记录，并新建了历史文件。\n"
                "可在指标库面板点“从文档重建”，或运行 goaleditor library rebuild，"
                "从记录过的文档重新读取全部指标。确认无用后可删除本文件。\n"
            )
            aside.with_suffix(".txt").write_text(note_text, encoding="utf-8")
        except OSError:
            self.read_only = True
            self.note = f"指标库历史文件“{self.path}”已损坏，且无法移走；本次不会修改它。"
            return
        salvaged = self._salvage(raw)
        self.entries = dedupe_history(salvaged)
        self.note = (
            f"指标库历史文件已损坏，已移到“{aside.name}”（同一文件夹），"
            f"从中恢复了 {len(self.entries)} 条指标。"
            "可用“从文档重建”（goaleditor library rebuild）从记录过的文档重新读取。"
        )
        for entry in self.entries:
            self._remember(entry.source)
        try:
            self.save()
        except GoalEditorError as write_err:
            self.note += f"\n{write_err}"

    def _salvage(self, raw: bytes) -> list[LibraryEntry]:
        """The rows of a damaged file that still read, line by line."""
        text = raw.decode("utf-8", errors="replace")
        read = self._row_reader(list(FIELD_NAMES))
        entries = []
        for line in text.splitlines():
            line = line.strip().rstrip(",")
            if line.startswith('"fields"'):
                with contextlib.suppress(ValueError, TypeError, AttributeError):
                    read = self._row_reader(json.loads(line.split(":", 1)[1].strip()))
                continue
            if not line.startswith("["):
                continue
            try:
                row = json.loads(line)
            except ValueError:
                continue
            entry = read(row)
            if entry is not None:
                entries.append(entry)
        return entries

    def _read_documents(self) -> None:
        try:
            text = self.documents_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        for line in text.splitlines():
            self._remember(line.strip())

    # ------------------------------------------------------------ changing

    def _remember(self, path: str) -> None:
        if path and path not in self.documents:
            self.documents.append(path)

    def add_document(self, doc: Document, path: str | os.PathLike) -> int:
        """Learn every indicator of *doc* (read from or saved to *path*); how many it has."""
        source, new = document_entries(doc, path)
        self.add_entries(new)
        self._remember(source)
        return len(new)

    def add_entries(self, entries: Iterable[LibraryEntry]) -> None:
        """Add entries; each replaces the entry with its key (`LibraryEntry.history_key`)."""
        self.entries = dedupe_history([*self.entries, *entries])

    def clear(self) -> None:
        self.entries = []

    def save(self) -> None:
        """Write both files atomically; `WriteError` (Chinese) if that fails."""
        if self.read_only:
            raise GoalEditorError("指标库历史文件本次只读（原因见上），没有修改它。")
        atomic_write(self.path, self._write_history, action="保存指标库")
        atomic_write(self.documents_path, self._write_documents, action="保存指标库")

    def _write_history(self, tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("{")
            fh.write(f'"format": "{HISTORY_FORMAT}", "version": {HISTORY_VERSION},\n')
            fh.write(f'"fields": {json.dumps(list(FIELD_NAMES))},\n')
            fh.write('"entries": [\n')
            last = len(self.entries) - 1
            for i, entry in enumerate(self.entries):
                row = [getattr(entry, key) for key in FIELD_NAMES]
                fh.write(json.dumps(row, ensure_ascii=False))
                fh.write(",\n" if i < last else "\n")
            fh.write("]}\n")

    def _write_documents(self, tmp: Path) -> None:
        tmp.write_text("".join(f"{p}\n" for p in self.documents), encoding="utf-8")


def read_document(path: str | os.PathLike) -> Document:
    """A goaleditor document, or a Word/Excel file read by the importers (by extension)."""
    from ..importers.commands import EXCEL_SUFFIXES, WORD_SUFFIXES, import_file
    from ..storage import load

    if Path(path).suffix.lower() in (*WORD_SUFFIXES, *EXCEL_SUFFIXES):
        return import_file(path).document
    return load(path)


class _Newer(ValueError):
    """The file is from a newer goaleditor."""


def record_documents(pairs: Iterable[tuple[Document, str | os.PathLike]]) -> History:
    """Add documents to the history on disk (read fresh, so another window's additions
    stay) and save it; returns the saved history.  `GoalEditorError` when it cannot be written.
    """
    history = History.load()
    for doc, path in pairs:
        history.add_document(doc, path)
    history.save()
    return history


def document_entries(doc: Document, path: str | os.PathLike) -> tuple[str, list[LibraryEntry]]:
    """The entries *doc* gives the history and the source they carry (its resolved path);
    quick, so the editor takes them before handing the writing to a worker thread."""
    source = str(Path(path).resolve())
    return source, list(entries_from_document(doc, source, classify=classify_project))


def record_entries(source: str, entries: list[LibraryEntry]) -> History:
    """Like `record_documents`, for entries taken with `document_entries`."""
    history = History.load()
    history.add_entries(entries)
    history._remember(source)
    history.save()
    return history


def rebuild(history: History, extra: Iterable[str | os.PathLike] = ()) -> tuple[int, list[str]]:
    """Read every known document (and *extra* ones) again, replacing the history's entries
    learnt from documents; returns (documents read, Chinese notes for those that could not be).
    Entries shared from other libraries (``import``) whose source is not a document here are kept.
    """
    for path in extra:
        history._remember(str(Path(path).resolve()))
    read, notes = 0, []
    fresh: list[LibraryEntry] = []
    readable: set[str] = set()
    for path in history.documents:
        try:
            doc = read_document(path)
        except GoalEditorError as err:
            notes.append(f"{path}：{err}")
            continue
        readable.add(path)
        fresh.extend(
            entries_from_document(doc, path, classify=classify_project, pool=history._pool)
        )
        read += 1
    kept = [e for e in history.entries if e.source not in readable]
    history.entries = dedupe_history([*kept, *fresh])
    return read, notes
