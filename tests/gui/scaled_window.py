"""Run by test_gui_scaled_screens.py in its own process (QT_SCALE_FACTOR must be set before
Qt starts): open a sample in the real main window on the screen the environment gives,
go to a page, put the cursor in its table, save a screenshot, print what is in sight.

    python scaled_window.py SAMPLE.json project|department SHOT.png [--remembered] [--layout=ID]

``--remembered`` first stores a window and splitter state from a big screen in the
settings, as a clerk who moved from a desktop to the laptop has.
"""

from __future__ import annotations

import json
import sys
import time


def _settle(app, seconds: float = 0.2) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def full_rows(view) -> int:
    """Rows wholly in sight (the last column: 一级/二级 cells span several rows)."""
    model, port = view.model(), view.viewport().rect()
    col = model.columnCount() - 1
    rects = [view.visualRect(model.index(r, col)) for r in range(model.rowCount())]
    return sum(1 for r in rects if r.isValid() and r.top() >= 0 and r.bottom() <= port.bottom())


def main() -> int:
    sample, page, shot = sys.argv[1:4]
    remembered = "--remembered" in sys.argv
    from goaleditor.gui.app import create_application
    from goaleditor.gui.common.settings import Settings

    app = create_application(sys.argv[:1])
    from PySide6.QtCore import Qt

    from goaleditor.gui.common.settings import remember
    from goaleditor.gui.main_window import MainWindow

    if remembered:
        # a window closed with a tall problems list, and a header given most of the page
        first = MainWindow()
        first.show()
        _settle(app, 0.1)
        first.resizeDocks([first.problems_dock], [first.height() // 2], Qt.Vertical)
        _settle(app, 0.1)
        settings = Settings()
        remember(settings, "mainWindow", first)
        settings.set("projectSplitter.sizes", [700, 120])
        settings.set("departmentSplitter.sizes", [700, 120])
        settings.set("mainSplitter.sizes", [300, 1500])
        settings.save()
        first.close()

    window = MainWindow()
    window.show()
    window.activateWindow()
    window.start(sample)
    _settle(app)
    result: dict = {"window": [window.width(), window.height()]}
    result["dock"] = window.problems_dock.height()
    doc = window.ctx.document
    layout = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--layout=")), "")
    if layout:  # print the projects in another layout: the table gets its columns
        from goaleditor.forms import use_layout

        use_layout(doc, layout)
    if page == "project":
        row = max(range(len(doc.projects)), key=lambda i: len(doc.projects[i].indicators))
        window.tree.select_node("project", row)
        _settle(app)
        editor = window.project_editor
        editor.table.select_cell(0, "name")
        _settle(app)
        result["rows"] = full_rows(editor.table.view)
        result["folded"] = editor.fitter.folded()
        view = editor.table.view
        header = view.horizontalHeader()
        result["columns"] = [
            [editor.table.model.field(c), header.sectionSize(c)] for c in range(header.count())
        ]
        result["viewport"] = view.viewport().width()
        result["hscroll"] = view.horizontalScrollBar().isVisible()
        editor.header.name.setFocus()
        _settle(app)
        result["rows_in_header"] = full_rows(editor.table.view)
        result["header_open"] = editor.splitter.sizes()[0] > 0
        goals = editor.header.goals  # 绩效目标: whole in sight, no second scrollbar to find
        goals.setFocus()
        _settle(app)
        top = goals.mapTo(editor.scroll.viewport(), goals.rect().topLeft()).y()
        result["goals_in_sight"] = top >= 0 and (
            top + goals.height() <= editor.scroll.viewport().height()
        )
        editor.table.select_cell(0, "name")
        _settle(app)
    else:
        window.tree.select_node("department")
        _settle(app)
        editor = window.department_editor
        tasks = editor.form.tasks
        tasks.select_row(0, 1)
        tasks.view.setFocus()
        _settle(app)
        result["task_rows"] = full_rows(tasks.view)
        top = tasks.mapTo(editor.scroll.viewport(), tasks.rect().topLeft()).y()
        result["tasks_at"] = [top, tasks.height(), editor.scroll.viewport().height()]
        result["tasks_in_sight"] = top >= 0 and (
            top + tasks.height() <= editor.scroll.viewport().height()
        )
        editor.table.select_cell(0, "name")
        _settle(app)
        result["rows"] = full_rows(editor.table.view)
        result["toolbar_in_sight"] = editor.table.toolbar.visibleRegion().boundingRect().height()
    if not window.grab().save(shot):
        return 1
    print(json.dumps(result))
    window.ctx.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
