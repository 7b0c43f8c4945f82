"""Benchmarks: goaleditor's figures beside the floors they cannot beat.

    python benchmarks/run.py [--repeat N] [--projects 500] [--indicators 20]
                             [--rows 100000] [--pdf-projects 500,1000,5000]
                             [--only startup,files,export,excel,pdf,import,edit,library]
                             [--frozen DIST_FOLDER]

Measures, on the bundled samples and on a generated large document (500 projects × 20
indicators by default): time from starting ``goaleditor FILE`` to the first paint of its
window (also of a frozen bundle, with --frozen), open and save, all checks, Excel, PDF
and Word export, one cell edit with its live checks in the large document, peak memory,
the PDF of 500, 1,000 and 5,000 projects × 30 indicators, each in a fresh process (time, pages
and peak memory beside the memory of the document loaded: the export is streamed, so both grow
linearly), and the indicator library with 50,000 history entries (`library_bench.py`).  In the same
run it measures the floors — a bare PySide6 window, XlsxWriter writing the same cells
unstyled, reportlab drawing the same tables, python-docx writing the same cells unstyled —
and prints each figure beside its floor as a ratio.  Each figure is the median of
--repeat runs.  ``--only excel`` runs just the Excel export rows (also in ``export``),
with their CPU time beside the wall time (the wall time includes the export's fsync).  Not a test: goals are
read by people (README), not asserted.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from goaleditor import storage  # noqa: E402
from goaleditor.model import Document  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "hebei_2020.json"


def large_document(n_projects: int, n_indicators: int) -> Document:
    """Realistic bulk: the Tianjin and Hebei projects, repeated and renamed."""
    sources = [
        storage.load(ROOT / "resources" / "samples" / name)
        for name in ("tianjin_2023.json", "hebei_2020.json")
    ]
    base = sources[1]
    pool = [p for src in sources for p in src.projects]
    rows = [i for p in pool for i in p.indicators]
    doc = copy.deepcopy(base)
    doc.projects = []
    for n in range(n_projects):
        project = copy.deepcopy(pool[n % len(pool)])
        project.name = f"{project.name}（{n + 1}）"
        project.indicators = [
            copy.deepcopy(rows[(n * n_indicators + k) % len(rows)]) for k in range(n_indicators)
        ]
        for k, ind in enumerate(project.indicators):
            ind.name = f"{ind.name}{k + 1}"
        doc.projects.append(project)
    return doc


def timed(fn, repeat: int, clock=time.perf_counter) -> float:
    """Median seconds of *repeat* calls (wall time; CPU time with ``time.process_time``)."""
    samples = []
    for _ in range(repeat):
        start = clock()
        fn()
        samples.append(clock() - start)
    return statistics.median(samples)


# ------------------------------------------------------------------ start-up

#: The floor: a bare PySide6 window, timed the way the editor is (see `startup_seconds`).
BARE_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, painted)  # once the whole paint is done
            return False

    def painted():
        print("window painted", flush=True)
        app.exit(0)

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.installEventFilter(FirstPaint(window))
    window.show()
    sys.exit(app.exec())
""")

#: What the clerk runs, ``goaleditor FILE``: told by GOALEDITOR_SMOKE_EXIT=painted to say
#: ``window painted`` once its first paint is done (see goaleditor.gui.app).
EDITOR_WINDOW = ["-m", "goaleditor"]


def child_env(tmp: str) -> dict[str, str]:
    """A child's environment: throw-away settings, and modules compiled to bytecode once
    (in *tmp*) as an installed program has them, even where PYTHONDONTWRITEBYTECODE is set."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
    env["GOALEDITOR_CONFIG_DIR"] = str(Path(tmp) / "config")
    env["GOALEDITOR_DATA_DIR"] = str(Path(tmp) / "data")
    return env


def startup_seconds(commands: list[list[str]], repeat: int) -> list[float]:
    """Median time from starting each of *commands* to its ``window painted`` line.

    Every child — the bare window, the editor from source, the frozen editor — is timed
    alike, by this process, from the start of the process to the moment the line arrives;
    each child then closes its window and exits (not part of the figure).  The commands
    take turns, run by run, so a machine that gets busier or quieter during the
    benchmark weighs on the floor and the editor alike.
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(child_env(tmp), GOALEDITOR_SMOKE_EXIT="painted")

        def once(command: list[str]) -> float:
            start = time.perf_counter()
            with subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            ) as child:
                assert child.stdout is not None
                painted = None
                for line in child.stdout:
                    if line.strip() == "window painted":
                        painted = time.perf_counter() - start
                        break
                _out, err = child.communicate()
            if painted is None or child.returncode != 0:
                raise SystemExit(f"{command} failed ({child.returncode}):\n{err[-3000:]}")
            return painted

        for command in commands:
            once(command)  # warm the OS file cache and write the bytecode
        times: list[list[float]] = [[] for _ in commands]
        for _ in range(repeat):
            for command, taken in zip(commands, times, strict=True):
                taken.append(once(command))
        return [statistics.median(taken) for taken in times]


def frozen_program(path: Path) -> Path:
    """The frozen editor: *path* itself, or the goaleditor program in the bundle folder."""
    if path.is_dir():
        path = path / ("goaleditor.exe" if os.name == "nt" else "goaleditor")
    if not path.is_file():
        raise SystemExit(f"--frozen: no frozen goaleditor at {path}")
    return path


# ------------------------------------------------------------------ export floors


def xlsxwriter_floor(doc: Document, path: Path) -> None:
    """The same cells written by XlsxWriter, one sheet per form, no styles, merges or
    print settings (text as strings, amounts as numbers)."""
    from xlsxwriter import Workbook

    from goaleditor.forms import build_forms

    wb = Workbook(str(path), {"in_memory": True})
    for i, form in enumerate(build_forms(doc)):
        ws = wb.add_worksheet(f"S{i}")
        for cell in form.cells:
            if cell.number is not None:
                ws.write_number(cell.row, cell.col, cell.number)
            elif cell.text:
                ws.write_string(cell.row, cell.col, cell.text)
    wb.close()


def xlsxwriter_styled(doc: Document, path: Path) -> None:
    """Not a floor, a reference: XlsxWriter writing the same cells with what Excel needs
    to print them as forms — merged ranges (XlsxWriter fills every covered cell with the
    range's format) and one bordered format — and nothing computed: no row heights,
    labels, page breaks or print settings."""
    from xlsxwriter import Workbook

    from goaleditor.forms import build_forms

    wb = Workbook(str(path), {"in_memory": True})
    bordered = wb.add_format({"border": 1, "text_wrap": True})
    for i, form in enumerate(build_forms(doc)):
        ws = wb.add_worksheet(f"S{i}")
        for cell in form.cells:
            value = cell.number if cell.number is not None else cell.text or None
            last_row, last_col = cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1
            if last_row != cell.row or last_col != cell.col:
                ws.merge_range(cell.row, cell.col, last_row, last_col, value, bordered)
            else:
                ws.write(cell.row, cell.col, value, bordered)
    wb.close()


def reportlab_floor(doc: Document, path: Path) -> None:
    """The same tables drawn by reportlab platypus: same font, cells and spans, plain grid,
    each form from a new page as goaleditor prints them (one long flow of 500 tables makes
    platypus fail on a table that starts low on a page)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    from goaleditor.export.fonts import find_fonts
    from goaleditor.forms import build_forms

    fonts = find_fonts()
    style = ParagraphStyle("c", fontName=fonts.body, fontSize=10.5, leading=14, wordWrap="CJK")
    story = []
    for form in build_forms(doc):
        if story:
            story.append(PageBreak())
        grid = [["" for _ in range(form.n_cols)] for _ in range(form.n_rows)]
        commands = [("GRID", (0, 0), (-1, -1), 0.5, "black")]
        for cell in form.cells:
            grid[cell.row][cell.col] = Paragraph(cell.text.replace("\n", "<br/>"), style)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1)
                commands.append(("SPAN", (cell.col, cell.row), end))
        widths = [w * mm for w in form.col_widths_mm]
        story.append(Table(grid, colWidths=widths, style=TableStyle(commands), splitInRow=1))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def python_docx_floor(doc: Document, path: Path) -> None:
    """The same cells through python-docx's table API: a table per form, each cell's text
    in its top-left grid cell; no merges, widths, fonts, borders or page settings."""
    from docx import Document as WordDocument

    from goaleditor.forms import build_forms

    word = WordDocument()
    for form in build_forms(doc):
        table = word.add_table(rows=form.n_rows, cols=form.n_cols)
        by_row: dict[int, list] = {}
        for cell in form.cells:
            by_row.setdefault(cell.row, []).append(cell)
        for r, row in enumerate(table.rows):
            cells = row.cells
            for cell in by_row.get(r, ()):
                cells[cell.col].text = cell.text
    word.save(str(path))


# ------------------------------------------------------------------ editing

#: For a child script: its process's own peak memory in MB (ru_maxrss may keep the
#: parent's from before exec, so /proc's VmHWM where there is one).
PEAK_MB = textwrap.dedent("""
    import resource
    def peak():
        try:
            return next(int(line.split()[1]) / 1024 for line in open("/proc/self/status")
                        if line.startswith("VmHWM:"))
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
""")

EDIT_CHILD = PEAK_MB + textwrap.dedent("""
    import os, statistics, sys, time
    from PySide6.QtCore import Qt
    from goaleditor.checks import run_checks
    from goaleditor.gui.app import create_application
    from goaleditor.gui.main_window import MainWindow
    app = create_application()
    w = MainWindow(); w.show(); w.start(sys.argv[1]); app.processEvents()
    w.problems.flush(); app.processEvents()
    doc = w.ctx.document
    w.show_node("project", len(doc.projects) // 2); app.processEvents()
    table = w.project_editor.table
    model = table.model
    column = model.column_of("value")
    index = model.index(3, column)
    samples = []
    for k in range(int(sys.argv[2])):
        # every other edit empties the cell: a problem appears in the list and the table
        text = f"≥{90 + k % 9}%" if k % 2 else ""
        start = time.perf_counter()
        model.setData(index, text, Qt.ItemDataRole.EditRole)
        app.processEvents()
        while w.problems.pending() or table.marks_pending():
            app.processEvents()
        app.processEvents()  # the repaint of what the checks changed
        samples.append(time.perf_counter() - start)
        assert bool(model.marks().get((3, "value"))) == (text == "")
        assert w.problems.problems == run_checks(doc)  # the incremental list is the full one
    print(statistics.median(samples), peak(), flush=True)
    os._exit(0)  # closing the window is not part of the figures
""")


STALL_CHILD = textwrap.dedent("""
    import os, statistics, sys, time
    from PySide6.QtCore import QEventLoop, QTimer
    from goaleditor.gui.app import create_application
    from goaleditor.gui.common import messages
    from goaleditor.gui.common.background import stall_probe
    from goaleditor.gui.common.commands import SetFieldCommand
    from goaleditor.gui.main_window import MainWindow
    from goaleditor.gui.output import print_preview
    app = create_application()
    w = MainWindow(); w.show(); w.start(sys.argv[1]); app.processEvents()
    messages.choose = lambda *args, **kwargs: 0  # 继续打印, should 审核 find errors

    def wait(ms):
        loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

    wait(1500)  # the window settles: first paint, the first full 审核, the 指标库 index
    while w.problems.pending():
        wait(50)
    runs = int(sys.argv[2])
    ctx = w.ctx
    autosaves = []
    for run in range(runs):  # one change, then the write as the quiet-time timer starts it
        ctx.undo_stack.push(SetFieldCommand(ctx, ctx.document.projects[0], "name", f"改过{run}"))
        wait(300)
        stop = stall_probe()
        assert w.autosaver.save_soon()
        while w.autosaver.writing():
            wait(10)
        wait(50)
        autosaves.append(stop())
        assert w.autosaver.path.exists()

    def browse(dialog):  # the clerk pages through the preview and scrolls
        dialog.resize(900, 1000); dialog.show()
        view = dialog.view
        wait(200)
        for index in range(0, view.page_count(), max(1, view.page_count() // 50)):
            view.go_to(index); wait(20)
        bar = view.verticalScrollBar()
        for _ in range(50):
            bar.setValue(bar.value() + 60); wait(10)
        dialog.fit_width(); wait(200)
        dialog.reject()
        return 0

    print_preview.PreviewDialog.exec = browse
    previews, took = [], []
    for _run in range(runs):
        stop = stall_probe()
        start = time.perf_counter()
        w.output.print_preview()
        took.append(time.perf_counter() - start)
        previews.append(stop())
    median = statistics.median
    print(median(autosaves), median(previews), median(took), flush=True)
    os._exit(0)
""")


def stall_figures(path: Path, runs: int) -> tuple[float, float, float]:
    """The window's longest stalls (seconds) in an editor holding *path*: while an autosave
    is written, and while 打印预览 opens (PDF in a worker) and is paged through and scrolled;
    and the preview's whole time.  Medians of *runs*."""
    autosave, preview, took = editor_child("stall", STALL_CHILD, path, runs, 3)
    return autosave, preview, took


def run_child(name: str, args: list[str], env: dict[str, str] | None = None) -> str:
    """What ``python ARGS`` prints in a fresh process; stops the benchmark with the end of
    its errors if it fails."""
    child = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    if child.returncode != 0:
        raise SystemExit(f"{name} child failed ({child.returncode}):\n{child.stderr[-3000:]}")
    return child.stdout


def editor_child(name: str, script: str, path: Path, number: int, figures: int) -> list[float]:
    """Run an editor *script* on *path* in a fresh process (its own data and config folders);
    the last *figures* numbers it prints."""
    with tempfile.TemporaryDirectory() as tmp:
        out = run_child(name, ["-c", script, str(path), str(number)], child_env(tmp))
    return [float(value) for value in out.split()[-figures:]]


IMPORTER = textwrap.dedent("""
    import resource, sys, time
    from goaleditor.importers.xlsx import read_workbook
    start = time.perf_counter()
    result = read_workbook(sys.argv[1])
    seconds = time.perf_counter() - start
    assert not result.notes, result.notes[:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(seconds, peak)
""")


def import_seconds_and_memory(path: Path) -> tuple[float, float]:
    """Seconds and peak MB of importing *path* in a fresh process (one project, many rows)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = run_child("import", ["-c", IMPORTER, str(path)], env).split()
    return float(out[0]), float(out[1])


PDF_EXPORTER = PEAK_MB + textwrap.dedent("""
    import sys, time
    from goaleditor import storage
    doc = storage.load(sys.argv[1])
    loaded = peak()
    from goaleditor.export.pdf import write_pdf
    start, cpu = time.perf_counter(), time.process_time()
    info = write_pdf(doc, sys.argv[2])
    print(time.perf_counter() - start, time.process_time() - cpu, info.pages, loaded, peak())
""")


def pdf_at_scale(path: Path, out: Path) -> tuple[float, float, int, float, float]:
    """Export the document at *path* to PDF in a fresh process, as ``goaleditor export
    --pdf`` does: (seconds, CPU seconds, pages, peak MB with the document loaded, peak MB
    after)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    printed = run_child("PDF", ["-c", PDF_EXPORTER, str(path), str(out)], env)
    seconds, cpu, pages, loaded, peak = printed.split()[-5:]
    return float(seconds), float(cpu), int(pages), float(loaded), float(peak)


def cell_edit_and_memory(path: Path, edits: int) -> tuple[float, float]:
    """One 指标值 edit in the middle project of the large document, with its live checks.

    Timed from setData until the table's marks and the problems list are up to date —
    what the clerk waits for after pressing Enter — in a fresh editor process holding the
    large document, whose peak RSS is the memory figure.
    """
    seconds, peak_mb = editor_child("cell-edit", EDIT_CHILD, path, edits, 2)
    return seconds, peak_mb


def export_stall(doc: Document, path: Path) -> tuple[float, float]:
    """The longest the window's event loop waits during a PDF export as 导出 PDF runs it
    (snapshot in the window's thread, the PDF in a worker, the file copied into place),
    and the export's own time; in seconds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from goaleditor.export.pdf import write_pdf
    from goaleditor.gui.common.background import snapshot, stall_probe, write_in_background

    _app = QApplication.instance() or QApplication([])
    stop = stall_probe()
    start = time.perf_counter()
    copy_ = snapshot(doc)
    write_in_background(
        None, "导出 PDF", "正在导出……", path, lambda tmp: write_pdf(copy_.load(), tmp)
    )
    took = time.perf_counter() - start
    return stop(), took


def layout_times(samples: list[Path], tmp: Path) -> list[tuple[str, float, float]]:
    """For each sample: the time from 打开 to the painted project page, and the longest
    time to switch its project layout to each project layout there is and see the project
    page painted again — in one window, as the clerk does it (offscreen); in seconds."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shutil

    from PySide6.QtWidgets import QApplication

    from goaleditor.gui.main_window import MainWindow
    from goaleditor.gui.tree.panel import DOCUMENT, PROJECT

    os.environ["GOALEDITOR_CONFIG_DIR"] = str(tmp / "config")  # not the clerk's own
    os.environ["GOALEDITOR_DATA_DIR"] = str(tmp / "data")
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1366, 740)
    window.show()
    window.start(None)
    app.processEvents()

    def painted(node: int) -> None:
        window.tree.select_node(node, 0) if node == PROJECT else window.tree.select_node(node)
        window.repaint()
        app.processEvents()

    figures = []
    for sample in samples:
        path = tmp / sample.name
        shutil.copyfile(sample, path)
        start = time.perf_counter()
        window.files.open_path(path, ask=False)
        painted(PROJECT)
        opened = time.perf_counter() - start
        combo = window.document_editor.project_form
        switches = []
        for index in [*range(combo.count()), combo.currentIndex()]:
            painted(DOCUMENT)
            start = time.perf_counter()
            combo.setCurrentIndex(index)
            painted(PROJECT)
            switches.append(time.perf_counter() - start)
        window.ctx.undo_stack.setClean()  # closed without the question to save
        figures.append((sample.stem, opened, max(switches)))
    window.ctx.undo_stack.setClean()
    window.close()
    return figures


# ------------------------------------------------------------------ main


#: The parts of a run, for --only.
PARTS = ("startup", "layouts", "files", "export", "excel", "pdf", "import", "edit", "library")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument(
        "--rows", type=int, default=100_000, help="indicator rows of the Excel import benchmark"
    )
    parser.add_argument(
        "--pdf-projects",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[500, 1000, 5000],
        help="projects (× 30 indicators) of the PDF-at-scale part, each exported in a fresh "
        "process (default: 500,1000,5000)",
    )
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts to run, of {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument(
        "--frozen",
        type=Path,
        help="also time the start-up of this frozen bundle (its folder or its goaleditor)",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if not parts <= set(PARTS):
        parser.error(f"--only: unknown part(s) {', '.join(sorted(parts - set(PARTS)))}")

    from goaleditor.checks import run_checks
    from goaleditor.export.docx import write_docx
    from goaleditor.export.pdf import write_pdf
    from goaleditor.export.xlsx import write_xlsx

    def add(
        name: str, value: float, unit: str = "s", floor: float | None = None, goal: str = ""
    ) -> None:
        ratio = f"  ×{value / floor:.2f} of floor {floor:.3f}" if floor else ""
        print(f"{name:<44} {value:10.3f} {unit}{ratio}  {goal}", flush=True)

    if "startup" in parts:
        runs = max(args.repeat, 7)  # a few tenths of a second each: more runs, steadier median
        commands = [
            [sys.executable, "-c", BARE_WINDOW],
            [sys.executable, *EDITOR_WINDOW, str(SAMPLE)],
        ]
        if args.frozen:
            commands.append([str(frozen_program(args.frozen)), str(SAMPLE)])
        bare, editor, *frozen = startup_seconds(commands, runs)
        name = "start-up to painted window (Hebei sample)"
        add(name, editor, floor=bare, goal="goal ≤ 1.5× floor")
        if frozen:
            add("  the same, frozen bundle", frozen[0], floor=bare, goal="goal ≤ 1.5× floor")

    if "layouts" in parts:
        samples = sorted((ROOT / "resources" / "samples").glob("*.json"))
        with tempfile.TemporaryDirectory() as tmp:
            runs = [layout_times(samples, Path(tmp)) for _ in range(args.repeat)]
        for k, (name, *_rest) in enumerate(runs[0]):
            opened = statistics.median(run[k][1] for run in runs)
            switched = statistics.median(run[k][2] for run in runs)
            add(f"open {name} in the editor", opened, goal="goal < 0.1 s")
            add("  switch its project layout (slowest)", switched, goal="goal < 0.1 s")

    big = large_document(args.projects, args.indicators)
    label = f"{args.projects}×{args.indicators}"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big_path = tmp / "large.json"
        storage.save(big, big_path)
        if "files" in parts:
            add(
                f"open {label} ({big_path.stat().st_size / 1e6:.1f} MB)",
                timed(lambda: storage.load(big_path), args.repeat),
            )
            add(f"save {label}", timed(lambda: storage.save(big, big_path), args.repeat))
            add(f"all checks {label}", timed(lambda: run_checks(big), args.repeat))

        exported = (("Hebei sample", storage.load(SAMPLE)), (label, big))
        for name, doc in exported if parts & {"export", "excel"} else ():
            reps = args.repeat if doc is not big else 1
            floor = timed(lambda d=doc: xlsxwriter_floor(d, tmp / "floor.xlsx"), reps)
            value = timed(lambda d=doc: write_xlsx(d, tmp / "out.xlsx"), reps)
            add(f"export Excel, {name}", value, floor=floor, goal="goal ≤ 1.5× floor")
            if "excel" in parts:
                cpu = time.process_time
                floor = timed(lambda d=doc: xlsxwriter_floor(d, tmp / "floor.xlsx"), reps, cpu)
                value = timed(lambda d=doc: write_xlsx(d, tmp / "out.xlsx"), reps, cpu)
                add("  the same, CPU time", value, floor=floor, goal="goal ≤ 1.5× floor")
                styled = timed(lambda d=doc: xlsxwriter_styled(d, tmp / "ref.xlsx"), reps, cpu)
                add("  reference: XlsxWriter, merges + border, CPU", styled, floor=floor)
            if "export" not in parts:
                continue
            floor = timed(lambda d=doc: reportlab_floor(d, tmp / "floor.pdf"), reps)
            value = timed(lambda d=doc: write_pdf(d, tmp / "out.pdf"), reps)
            add(f"export PDF, {name}", value, floor=floor, goal="goal ≤ 1.5× floor")
            floor = timed(lambda d=doc: python_docx_floor(d, tmp / "floor.docx"), reps)
            value = timed(lambda d=doc: write_docx(d, tmp / "out.docx"), reps)
            add(f"export Word, {name}", value, floor=floor, goal="goal ≤ 1.5× floor")
            if doc is big:
                stall, took = export_stall(doc, tmp / "stall.pdf")
                add(f"window's longest stall, PDF {name} ({took:.1f} s)", stall * 1000, "ms",
                    goal="goal < 100 ms")  # fmt: skip

        if "pdf" in parts:
            for projects in args.pdf_projects:
                path = tmp / f"pdf{projects}.json"
                storage.save(large_document(projects, 30), path)
                seconds, cpu, pages, loaded, peak = pdf_at_scale(path, tmp / "scale.pdf")
                path.unlink()
                name = f"export PDF, {projects:,}×30 ({pages:,} pages)"
                add(name, seconds, goal="linear in the pages")
                add("  CPU time, per 1,000 pages", cpu / pages * 1000, goal="the same at any size")
                add(f"peak memory, {name[12:]}", peak, "MB", floor=loaded,
                    goal="goal < 500 MB (floor: the document loaded)")  # fmt: skip

        if "import" in parts:
            rows_doc = large_document(1, args.rows)
            rows_path = tmp / "rows.xlsx"
            write_xlsx(rows_doc, rows_path)
            seconds, peak = import_seconds_and_memory(rows_path)
            size = rows_path.stat().st_size / 1e6
            add(f"import Excel, {args.rows:,} rows ({size:.1f} MB)", seconds, goal="goal < 60 s")
            add(f"peak memory, importing {args.rows:,} rows", peak, "MB", goal="goal < 1 GB")

        if "edit" in parts:
            edit, peak = cell_edit_and_memory(big_path, 10 * args.repeat)
            add(f"cell edit + live checks, {label}", edit * 1000, "ms", goal="goal < 16 ms")
            add(f"peak memory, editor with {label} open", peak, "MB", goal="goal < 300 MB")
            autosave, preview, took = stall_figures(big_path, args.repeat)
            add(f"window's longest stall, autosave {label}", autosave * 1000, "ms",
                goal="goal < 100 ms")  # fmt: skip
            add(f"window's longest stall, 打印预览 {label} ({took:.1f} s)", preview * 1000, "ms",
                goal="goal < 100 ms")  # fmt: skip

    if "library" in parts:
        for name, value, unit in library_figures(args.repeat):
            goal = "goal < 30 ms" if name.startswith("search per keystroke") else ""
            add(name, value, unit, goal=goal)
    return 0


def library_figures(repeat: int) -> list[tuple[str, float, str]]:
    """The indicator library with 50,000 history entries (benchmarks/library_bench.py),
    in its own process."""
    script = Path(__file__).with_name("library_bench.py")
    figures = []
    for line in run_child("library", [str(script), "--repeat", str(repeat)]).splitlines():
        if line.count("\t") == 2:
            name, value, unit = line.split("\t")
            figures.append((name, float(value), unit))
    return figures


if __name__ == "__main__":
    sys.exit(main())
