"""A fault of the program (a bug) is logged with its traceback in the rotating log and
told plainly as 程序错误 with where the log is — never passed off as a damaged file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from goaleditor import applog, storage
from goaleditor.applog import EXIT_FAULT, ProgramFault, log_path, setup_logging
from goaleditor.cli import main
from goaleditor.export.template import write_template
from goaleditor.importers import docx as docx_importer
from goaleditor.importers import xlsx as xlsx_importer
from goaleditor.importers.docx import read_docx
from goaleditor.importers.xlsx import read_workbook
from goaleditor.model import Document, Project

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def _boom(*_args, **_kwargs):
    raise ZeroDivisionError("a bug in the reader")


def _assert_fault_told_and_logged(message: str) -> None:
    assert message.startswith("程序错误") or "程序错误" in message
    assert "不是您的文件损坏" in message and "损坏，无法" not in message
    assert str(log_path()) in message
    log = log_path().read_text("utf-8")
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError: a bug in the reader" in log


def test_excel_importer_fault(tmp_path, monkeypatch):
    path = tmp_path / "filled.xlsx"
    write_template(path)
    monkeypatch.setattr(xlsx_importer, "read_layout_project", _boom)
    with pytest.raises(ProgramFault) as err:
        read_workbook(path)
    _assert_fault_told_and_logged(str(err.value))
    assert "导入“filled.xlsx”" in str(err.value)


def test_word_importer_fault(tmp_path, monkeypatch):
    import docxbuild
    from goaleditor.forms import build_forms

    doc = Document(unit_name="测试单位", projects=[Project(name="项目")])
    path = docxbuild.build_forms_docx(build_forms(doc), tmp_path / "form.docx")
    monkeypatch.setattr(docx_importer._FormReader, "read", _boom)
    with pytest.raises(ProgramFault) as err:
        read_docx(path)
    _assert_fault_told_and_logged(str(err.value))


def test_a_damaged_file_is_still_called_damaged(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(Exception) as err:
        read_workbook(path)
    assert not isinstance(err.value, ProgramFault) and "损坏" in str(err.value)


@pytest.mark.parametrize(
    ("module", "name", "command"),
    [
        ("goaleditor.export.xlsx", "write_xlsx", ["--xlsx", "out.xlsx"]),
        ("goaleditor.export.pdf", "write_pdf", ["--pdf", "out.pdf"]),
        ("goaleditor.export.docx", "write_docx", ["--docx", "out.docx"]),
    ],
)
def test_exporter_fault_exits_3_and_logs(tmp_path, monkeypatch, capsys, module, name, command):
    import importlib

    source = tmp_path / "doc.json"
    storage.save(storage.load(SAMPLES / "tianjin_2023.json"), source)
    monkeypatch.setattr(importlib.import_module(module), name, _boom)
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(source), *command]) == EXIT_FAULT == 3
    err = capsys.readouterr().err
    _assert_fault_told_and_logged(err)
    assert "导出" in err and "Traceback" not in err  # the traceback is in the log only


def test_any_other_bug_in_a_command_exits_3_and_logs(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("goaleditor.checks.run_checks", _boom)
    source = tmp_path / "doc.json"
    storage.save(Document(projects=[Project(name="项目")]), source)
    assert main(["check", str(source)]) == EXIT_FAULT
    _assert_fault_told_and_logged(capsys.readouterr().err)


def test_bad_input_still_exits_2(tmp_path, capsys):
    assert main(["export", str(tmp_path / "missing.json"), "--xlsx", str(tmp_path / "o.xlsx")]) == 2
    assert "程序错误" not in capsys.readouterr().err


def test_the_log_rotates_and_module_loggers_reach_it(monkeypatch):
    monkeypatch.setattr(applog, "LOG_MAX_BYTES", 2000)
    path = setup_logging()
    assert path == log_path() and path.parent.name == "logs"
    handler = next(h for h in logging.getLogger("goaleditor").handlers if hasattr(h, "maxBytes"))
    handler.maxBytes = 2000
    for i in range(100):
        logging.getLogger("goaleditor.importers.xlsx").warning("line %d %s", i, "x" * 50)
    handler.flush()
    rotated = sorted(p.name for p in path.parent.iterdir())
    assert rotated[:2] == ["goaleditor.log", "goaleditor.log.1"]
    assert len(rotated) <= 1 + applog.LOG_BACKUPS
    assert "line 99" in path.read_text("utf-8")
    assert setup_logging() == path  # once: no second handler
    assert sum(hasattr(h, "maxBytes") for h in logging.getLogger("goaleditor").handlers) == 1
