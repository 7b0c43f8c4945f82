"""After 以上年文件新建: the rows still 待复核 are marked in the indicator table and clear one
by one (edited or confirmed); the 结转报告 is saved beside the new file and can be opened and
printed later."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from goaleditor.gui.tree.panel import PROJECT
from goaleditor.rollover import report_path
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
)


def _rolled_over(make_window, tmp_path, monkeypatch):
    from goaleditor.gui.dialogs import year_dialogs

    monkeypatch.setattr(year_dialogs.RolloverOptionsDialog, "exec", lambda self: 1)
    monkeypatch.setattr(year_dialogs.ReportPreviewDialog, "exec", lambda self: 1)
    window = make_window(sample_copy(tmp_path))
    window.actions_.rollover.trigger()
    return window


def _row_marks(model) -> list[str]:
    return [model.headerData(r, Qt.Vertical) for r in range(model.rowCount())]


def test_review_rows_are_marked_and_clear_one_by_one(make_window, tmp_path, monkeypatch):
    window = _rolled_over(make_window, tmp_path, monkeypatch)
    window.tree.select_node(PROJECT, 0)
    table = window.project_editor.table
    model = table.model
    assert _row_marks(model) == ["1 待", "2 待", "3 待"]
    assert model.headerData(0, Qt.Vertical, Qt.ToolTipRole).startswith("待复核")
    assert model.headerData(0, Qt.Vertical, Qt.ForegroundRole) is not None
    assert table.act_review.isVisible()

    model.setData(model.index(1, model.column_of("value")), "≥95%")  # editing reviews a row
    assert _row_marks(model) == ["1 待", "2", "3 待"]
    assert model.headerData(1, Qt.Vertical, Qt.ToolTipRole) is None

    table.select_cell(2, "name")  # 确认复核 of the selected row only
    assert table.act_review.isEnabled()
    table.act_review.trigger()
    assert _row_marks(model) == ["1 待", "2", "3"]
    assert window.ctx.undo_stack.undoText() == "确认复核"
    table.select_cell(1, "name")
    assert not table.act_review.isEnabled()  # nothing to confirm on a reviewed row
    window.replay(undo=True)
    assert _row_marks(model) == ["1 待", "2", "3 待"]

    table.select_cell(0, "name")
    table.act_review.trigger()
    table.select_cell(2, "name")
    table.act_review.trigger()
    assert not table.act_review.isVisible()  # none left in this project


def test_report_is_saved_beside_the_new_file_and_opens_later(
    make_window, tmp_path, monkeypatch, file_dialogs
):
    window = _rolled_over(make_window, tmp_path, monkeypatch)
    report = window.output.report_text
    target = tmp_path / "新年度" / "2021年绩效目标.json"
    target.parent.mkdir()
    file_dialogs.save_paths.append(str(target))
    assert window.files.save_as()
    kept = report_path(target)
    assert kept.name == "2021年绩效目标.结转报告.txt"
    assert kept.read_bytes().startswith(b"\xef\xbb\xbf")  # Notepad reads the Chinese
    assert kept.read_text(encoding="utf-8-sig").replace("\r\n", "\n") == report
    kept.unlink()
    assert window.files.save()  # saved once is enough: no second copy written
    assert not kept.exists()

    # next day, a new window on the saved file: 帮助 → 导入/结转报告 finds the report
    from goaleditor.rollover import save_report

    save_report(target, report)
    window.close()  # the next day: the first window is closed (else it holds the file)
    later = make_window(target)
    later.actions_.report.trigger()
    dialog = later.output.report_dialog
    assert dialog.isVisible() and dialog.text.toPlainText() == report
    assert dialog.print_button.text().startswith("打印")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "report.pdf"))
    dialog.paint(printer)  # what 打印 sends to the printer
    assert (tmp_path / "report.pdf").stat().st_size > 1000
    dialog.close()


def test_another_document_opened_before_saving_gets_no_report(
    make_window, tmp_path, monkeypatch, file_dialogs, answers
):
    window = _rolled_over(make_window, tmp_path, monkeypatch)
    other = sample_copy(tmp_path, "tianjin_2023.json")
    answers.expect("不保存")
    window.files.open_path(other)
    assert window.ctx.file_path == other.resolve()
    assert not report_path(other).exists()
