"""Take the README screenshot: the real main window with a bundled sample open.

    python scripts/screenshot.py [SAMPLE.json] [-o docs/screenshot.png] [--project N]
                                 [--library QUERY [--library-output docs/library.png]]

Runs offscreen (no display needed) with a CJK font, in throw-away settings folders so
the clerk's own window sizes and recent files are neither used nor changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot of the main window")
    parser.add_argument(
        "sample", nargs="?", default=str(REPO / "resources/samples/hebei_2020.json")
    )
    parser.add_argument("-o", "--output", default=str(REPO / "docs/screenshot.png"))
    parser.add_argument("--project", type=int, default=2, help="1-based project to select")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--library", metavar="QUERY", help="open the 指标库 panel searching QUERY")
    parser.add_argument("--library-output", default=str(REPO / "docs/library.png"))
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="goaleditor-shot-")
    os.environ["GOALEDITOR_CONFIG_DIR"] = str(Path(scratch, "config"))
    os.environ["GOALEDITOR_DATA_DIR"] = str(Path(scratch, "data"))

    from goaleditor.gui.app import SYSTEM_WQY, create_application

    app = create_application(sys.argv[:1])
    if "Micro Hei" not in app.font().family() and os.environ["QT_QPA_PLATFORM"] == "offscreen":
        # the offscreen platform has no font fallback: use the CJK font for everything
        from PySide6.QtGui import QFont, QFontDatabase

        font_id = QFontDatabase.addApplicationFont(str(SYSTEM_WQY))
        if font_id >= 0:
            app.setFont(QFont(QFontDatabase.applicationFontFamilies(font_id)[0], 9))

    from goaleditor.gui.main_window import MainWindow

    window = MainWindow()
    width, height = (int(v) for v in args.size.lower().split("x"))
    window.resize(width, height)
    window.show()
    # open a copy in a folder named as a clerk would name it (Chinese, with a space)
    folder = Path(scratch, "财务科 2020年预算")
    folder.mkdir()
    document = folder / Path(args.sample).name
    shutil.copyfile(args.sample, document)
    window.start(document)
    window.tree.select_node("project", args.project - 1)
    window.problems.run_now()
    if args.library:
        _search_library(app, window, args.library)
    for _ in range(10):
        app.processEvents()
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(output)):
        print(f"无法写入截图：{output}", file=sys.stderr)
        return 1
    print(f"截图已保存：{output}")
    if args.library:
        panel_output = Path(args.library_output)
        if not window.library_panel.grab().save(str(panel_output)):
            print(f"无法写入截图：{panel_output}", file=sys.stderr)
            return 1
        print(f"指标库截图已保存：{panel_output}")
    window.ctx.undo_stack.setClean()
    window.close()
    return 0


def _search_library(app, window, query: str) -> None:
    """Open the 指标库 panel, wait for its index, search *query* and choose the first result."""
    import time

    window.actions_.library.trigger()
    panel = window.library_panel
    deadline = time.monotonic() + 60
    while not (window.library.index is not None and window.library.idle()):
        if time.monotonic() > deadline:
            raise SystemExit("指标库索引没有在 60 秒内建好。")
        app.processEvents()
        time.sleep(0.02)
    panel.search_box.setText(query)
    panel.search()


if __name__ == "__main__":
    sys.exit(main())
