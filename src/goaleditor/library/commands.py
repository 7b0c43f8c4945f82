"""``goaleditor library search|add|export|import|rebuild``: the library on the command line.

``search`` prints one match per line — 三级 · 一级/二级 · 指标值 · source, tab-separated —
and exits 1 when nothing matches (like grep).  ``add`` reads every file first and
changes the history only when all of them could be read.  Errors are `GoalEditorError`
with a Chinese message, which `cli.main` prints (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import GoalEditorError


def add_parser(sub) -> None:
    """Add ``library`` and its own sub-commands to the main parser's *sub*."""
    p = sub.add_parser("library", help="指标库：查找、加入文档、导出和导入", add_help=False)
    inner = p.add_subparsers(dest="library_command", metavar="命令", required=True)

    q = inner.add_parser("search", help="查找指标（中文、拼音或拼音首字母）", add_help=False)
    q.add_argument("text", metavar="TEXT", help="要找的文字，如 满意度、fwdxmyd、manyidu")
    q.add_argument("--limit", type=int, default=20, metavar="N", help="最多列出几条（默认 20）")
    q.add_argument("--level1", default="", metavar="一级", help="只看这个一级指标")
    q.add_argument("--level2", default="", metavar="二级", help="只看这个二级指标")
    q.add_argument(
        "--class",
        dest="project_class",
        default="",
        metavar="类别",
        help="只看这一类项目的指标，如 会议培训",
    )

    a = inner.add_parser("add", help="把文档中的指标加入历史", add_help=False)
    a.add_argument(
        "files", nargs="+", metavar="FILE", help="goaleditor 文档（.json），或 Word/Excel 表"
    )

    e = inner.add_parser("export", help="把历史指标导出为 Excel，供单位内共享", add_help=False)
    e.add_argument("output", metavar="OUT.xlsx", help="导出的工作簿")

    i = inner.add_parser("import", help="导入同事导出的指标库（Excel）", add_help=False)
    i.add_argument("input", metavar="IN.xlsx", help="goaleditor library export 生成的工作簿")

    r = inner.add_parser("rebuild", help="从记录过的文档重新生成历史", add_help=False)
    r.add_argument("files", nargs="*", metavar="FILE", help="另外要读取的文档")

    for name, parser in inner.choices.items():
        parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        parser.prog = f"goaleditor library {name}"


def library_command(args: argparse.Namespace) -> int:
    return {
        "search": _search,
        "add": _add,
        "export": _export,
        "import": _import,
        "rebuild": _rebuild,
    }[args.library_command](args)


def _load_history():
    from .history import History

    history = History.load()
    if history.note:
        print(f"注意：{history.note}", file=sys.stderr)
    return history


def _search(args: argparse.Namespace) -> int:
    from .builtin import class_names
    from .search import default_index

    if args.limit < 1:
        raise GoalEditorError(f"--limit 应为正整数（现在是 {args.limit}）。")
    if args.project_class and args.project_class not in class_names():
        raise GoalEditorError(
            f"没有“{args.project_class}”这一项目类别。可用：{'、'.join(class_names())}。"
        )
    index = default_index(_load_history().entries)
    matches = index.search(
        args.text,
        level1=args.level1.strip(),
        level2=args.level2.strip(),
        project_class=args.project_class,
        limit=args.limit,
    )
    for match in matches:
        entry = match.entry
        fields = (entry.name, f"{entry.level1}/{entry.level2}", entry.value, entry.source_label())
        print("\t".join(_one_line(f) for f in fields))
    if not matches:
        print(f"没有找到与“{args.text}”匹配的指标。", file=sys.stderr)
        return 1
    return 0


def _one_line(text: str) -> str:
    """A field as one cell of a tab-separated line."""
    return " ".join(text.split())


def _add(args: argparse.Namespace) -> int:
    from .history import read_document

    documents, failed = [], []
    for name in args.files:
        try:
            documents.append((read_document(name), name))
        except GoalEditorError as err:
            failed.append(f"“{name}”：{err}")
    if failed:
        raise GoalEditorError(
            "以下文件无法读取，历史没有改动：\n" + "\n".join(f"  {line}" for line in failed)
        )
    history = _load_history()
    for doc, name in documents:
        count = history.add_document(doc, name)
        year = f"{doc.fiscal_year} 年，" if doc.fiscal_year else ""
        print(f"已加入：{Path(name).name}（{year}{count} 个指标）")
    history.save()
    print(f"指标库历史共 {len(history.entries)} 条。")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..export.commands import check_target
    from .sharing import export_xlsx

    check_target(args.output, ".xlsx")
    history = _load_history()
    if not history.entries:
        raise GoalEditorError(
            "指标库历史中还没有指标，没有可导出的内容。"
            "请先在编辑器中打开或保存文档，或用 goaleditor library add 加入文档。"
        )
    count = export_xlsx(history.entries, args.output)
    print(f"已导出 {count} 条指标：{Path(args.output).resolve()}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .sharing import import_xlsx

    shared = import_xlsx(args.input)
    for note in shared.notes:
        print(f"注意：{note}", file=sys.stderr)
    if not shared.entries:
        raise GoalEditorError(f"“{Path(args.input).name}”中没有可导入的指标。")
    history = _load_history()
    before = len(history.entries)
    history.add_entries(shared.entries)
    history.save()
    added = len(history.entries) - before
    print(
        f"已导入 {len(shared.entries)} 条指标（新增 {added} 条，其余更新了已有的记录）；"
        f"指标库历史共 {len(history.entries)} 条。"
    )
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    from .history import rebuild

    history = _load_history()
    read, notes = rebuild(history, args.files)
    for note in notes:
        print(f"无法读取（其指标保留不变）：{note}", file=sys.stderr)
    history.save()
    print(f"已从 {read} 个文档重新读取指标；指标库历史共 {len(history.entries)} 条。")
    return 0
