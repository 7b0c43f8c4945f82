"""``goaleditor export`` and ``goaleditor template``: thin wrappers that print where files went."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..storage import load


def export_command(args: argparse.Namespace) -> int:
    """Export FILE to --xlsx and/or --pdf; errors (`GoalEditorError`) reach cli.main (exit 2)."""
    if not args.xlsx and not args.pdf:
        print("goaleditor：请用 --xlsx OUT.xlsx 或 --pdf OUT.pdf 指定导出文件。", file=sys.stderr)
        return 2
    doc = load(args.file)
    if args.xlsx:
        from .xlsx import write_xlsx

        write_xlsx(doc, args.xlsx)
        print(f"已导出 Excel：{Path(args.xlsx).resolve()}")
    if args.pdf:
        from .pdf import write_pdf

        info = write_pdf(doc, args.pdf, font_path=args.font)
        print(f"已导出 PDF：{Path(args.pdf).resolve()}")
        for note in info.notes:
            print(f"注意：{note}")
    return 0


def template_command(args: argparse.Namespace) -> int:
    from .template import write_template

    write_template(args.xlsx)
    print(f"已生成填报模板：{Path(args.xlsx).resolve()}")
    return 0
