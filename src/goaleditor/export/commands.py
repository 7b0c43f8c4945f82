"""``goaleditor export`` and ``goaleditor template``: thin wrappers that print where files went."""

from __future__ import annotations

import argparse
import copy
import logging
import sys
from pathlib import Path

from ..applog import faults_reported
from ..errors import GoalEditorError
from ..fileio import same_file
from ..storage import load

logger = logging.getLogger(__name__)


def check_target(path: str, suffix: str, source: str | None = None) -> None:
    """Refuse a target that would destroy something: the input itself, or a non-*suffix* name."""
    target = Path(path)
    if source is not None and same_file(source, target):
        raise GoalEditorError(
            f"导出文件“{target.name}”就是要导出的文档本身，不能覆盖它。请另选一个文件名。"
        )
    if target.suffix.lower() != suffix:
        raise GoalEditorError(
            f"导出文件“{target.name}”的扩展名应为 {suffix}（例如 {target.stem}{suffix}），"
            "以免覆盖其他类型的文件。"
        )


def export_command(args: argparse.Namespace) -> int:
    """Export FILE to --xlsx, --pdf and/or --docx; errors (`GoalEditorError`) reach cli.main (exit 2)."""
    targets = [(args.xlsx, ".xlsx"), (args.pdf, ".pdf"), (args.docx, ".docx")]
    if not any(path for path, _suffix in targets):
        print(
            "goaleditor：请用 --xlsx OUT.xlsx、--pdf OUT.pdf 或 --docx OUT.docx 指定导出文件。",
            file=sys.stderr,
        )
        return 2
    for path, suffix in targets:
        if path:
            check_target(path, suffix, args.file)
    given = [path for path, _suffix in targets if path]
    for n, path in enumerate(given):
        if any(same_file(path, other) for other in given[n + 1 :]):
            raise GoalEditorError("Excel、PDF 和 Word 不能导出到同一个文件。")
    doc = load(args.file)
    if args.layout:
        from ..forms import use_layout

        use_layout(doc, args.layout)
    if args.xlsx:
        from .xlsx import write_xlsx

        with faults_reported("导出 Excel 文件", logger):
            write_xlsx(doc, args.xlsx)
        print(f"已导出 Excel：{Path(args.xlsx).resolve()}")
    if args.pdf:
        from .pdf import write_pdf

        with faults_reported("导出 PDF 文件", logger):
            info = write_pdf(doc, args.pdf, font_path=args.font)
        print(f"已导出 PDF：{Path(args.pdf).resolve()}")
        for note in info.notes:
            print(f"注意：{note}")
    if args.docx:
        from .docx import write_docx

        with faults_reported("导出 Word 文件", logger):
            write_docx(doc, args.docx)
        print(f"已导出 Word：{Path(args.docx).resolve()}")
    return 0


def _template_layout(layout, layout_id: str):
    """The template's layout with the project forms (or the department form) in *layout_id*."""
    from ..forms import store_layout
    from ..layouts import registry
    from ..model import Layout

    layout = copy.deepcopy(layout) if layout else Layout()
    store_layout(layout, registry().get(layout_id))  # a department layout: a 部门整体 sheet first
    return layout


def template_command(args: argparse.Namespace) -> int:
    from .template import write_template

    check_target(args.xlsx, ".xlsx", args.like)
    layout = load(args.like).layout if args.like else None
    if args.layout:
        layout = _template_layout(layout, args.layout)
    with faults_reported("生成填报模板", logger):
        write_template(args.xlsx, layout)
    print(f"已生成填报模板：{Path(args.xlsx).resolve()}")
    return 0
