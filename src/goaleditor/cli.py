"""The command line (the names are fixed: other tools rely on them).

``goaleditor [FILE]`` opens the editor; the sub-commands work without Qt.  Every
command prints Chinese messages, writes nothing partial and exits non-zero with a
one-line reason on bad input: 2 for bad input or a file that cannot be used, 3
(`applog.EXIT_FAULT`) for a fault of the program itself, logged with its traceback in
``<data_dir>/logs/goaleditor.log``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .applog import EXIT_FAULT, ProgramFault, program_fault, setup_logging
from .errors import GoalEditorError

COMMANDS = ("check", "export", "template", "rollover", "import", "library", "layouts")


#: argparse's English error messages, and how the clerk reads them.
_ERRORS = (
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"argument (\S+): invalid int value: '(.*)'", r"参数 \1 的值“\2”不是整数"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (
        r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)",
        r"“\2”不是可用的命令，可用：\3",
    ),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"one of the arguments (.*) is required", r"需要以下参数之一：\1"),
)


class _ChineseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        return super().add_usage(usage, actions, groups, "用法：")


class _ChineseParser(argparse.ArgumentParser):
    """argparse with Chinese help and usage errors (exit 2, one line)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _ChineseFormatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        # argparse's own section headings, in Chinese (its public API has no setter).
        text = super().format_help()
        text = re.sub(r"^positional arguments:$", "参数:", text, flags=re.M)
        return re.sub(r"^(options|optional arguments):$", "选项:", text, flags=re.M)

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, chinese in _ERRORS:
            message = re.sub(pattern, chinese, message)
        self.exit(2, f"goaleditor：参数有误：{message}\n用法见 {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(
        prog="goaleditor",
        description="预算绩效目标表编辑器。不带命令时打开编辑窗口。",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument(
        "--version", action="version", version=f"goaleditor {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_ChineseParser)

    p = sub.add_parser(
        "check",
        help="审核文档，逐行列出问题",
        add_help=False,
        epilog="退出码：0 没有错误（可能列出提醒）；1 发现错误；2 文件无法读取或参数有误。",
    )
    p.add_argument("file", metavar="FILE", help="goaleditor 文档（.json）")

    p = sub.add_parser("export", help="按正式版式导出 Excel、PDF 或 Word", add_help=False)
    p.add_argument("file", metavar="FILE", help="goaleditor 文档（.json）")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="导出的 Excel 工作簿")
    p.add_argument("--pdf", metavar="OUT.pdf", help="导出的 PDF")
    p.add_argument("--docx", metavar="OUT.docx", help="导出的 Word 文档")
    p.add_argument("--font", metavar="FONT.ttf", help="PDF 使用的中文字体文件（.ttf 或 .ttc）")
    p.add_argument("--layout", metavar="ID", help="按此版式导出（编号见 goaleditor layouts）")

    p = sub.add_parser("template", help="生成空白填报模板（Excel）", add_help=False)
    p.add_argument("--xlsx", metavar="OUT.xlsx", required=True, help="生成的模板工作簿")
    p.add_argument(
        "--like", metavar="FILE", help="按此文档的版式生成（如含资金支出计划、不含项目编码）"
    )
    p.add_argument("--layout", metavar="ID", help="项目表按此版式生成（编号见 goaleditor layouts）")

    p = sub.add_parser("rollover", help="由上年文件生成新年度文档", add_help=False)
    p.add_argument("file", metavar="FILE", help="上年的 goaleditor 文档（不会被改动）")
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="新的预算年度")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="新年度文档（.json）")
    p.add_argument("--clear-values", action="store_true", help="清空预算金额和指标值")

    p = sub.add_parser("import", help="导入 Word 或 Excel 填报的表", add_help=False)
    p.add_argument("file", metavar="IN.xlsx|IN.docx", help="Word 文档或 Excel 工作簿")
    p.add_argument("-o", "--output", required=True, metavar="OUT.json", help="导入结果（.json）")

    from .library.commands import add_parser as add_library_parser

    add_library_parser(sub)
    sub.add_parser("layouts", help="列出可用的版式：编号、名称、表的类别", add_help=False)
    for name, subparser in sub.choices.items():
        subparser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        subparser.prog = f"goaleditor {name}"
    return parser


def _run_check(args: argparse.Namespace) -> int:
    from .checks import ERROR, run_checks
    from .errors import FileFormatError
    from .storage import load

    try:
        doc = load(args.file)
    except FileFormatError as err:
        print(f"无法读取：{err}", file=sys.stderr)
        return 2
    problems = run_checks(doc)
    for problem in problems:
        print(problem.format_line())
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    if not problems:
        print("审核通过：没有发现问题。")
    else:
        print(f"共 {errors} 个错误，{warnings} 个提醒。")
    return 1 if errors else 0


def _handler(command: str):
    if command == "check":
        return _run_check
    if command == "export":
        from .export.commands import export_command

        return export_command
    if command == "template":
        from .export.commands import template_command

        return template_command
    if command == "rollover":
        from .rollover import rollover_command

        return rollover_command
    if command == "layouts":
        from .layouts.commands import layouts_command

        return layouts_command
    if command == "import":
        from .importers.commands import import_command

        return import_command
    if command == "library":
        from .library.commands import library_command

        return library_command
    raise AssertionError(command)


def _editor_argument_error(argv: list[str]) -> str | None:
    """Why ``goaleditor ARG…`` (no command) cannot open the editor, or None when it can.

    A word that is no file (``chek``) is a misspelt command, not a document to create;
    the editor opens one file.
    """
    first = argv[0]
    path = Path(first)
    if not path.exists() and not path.suffix and not any(sep in first for sep in "/\\"):
        return f"“{first}”不是可用的命令，可用：{'、'.join(COMMANDS)}（要打开文件请写出文件名，如 {first}.json）"
    if len(argv) > 1:
        return f"编辑器一次只能打开一个文件，收到了 {len(argv)} 个：{' '.join(argv)}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_console()
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        problem = _editor_argument_error(argv) if argv else None
        if problem is not None:
            print(f"goaleditor：参数有误：{problem}\n用法见 goaleditor --help", file=sys.stderr)
            return 2
        from .gui.app import run

        return run(argv[0] if argv else None)
    args = build_parser().parse_args(argv)
    if args.command is None:
        from .gui.app import run

        return run(None)
    setup_logging()
    try:
        return _handler(args.command)(args)
    except ProgramFault as err:
        print(f"goaleditor：{err}", file=sys.stderr)
        return EXIT_FAULT
    except GoalEditorError as err:
        print(f"goaleditor：{err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("goaleditor：已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` or similar that stopped reading: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as err:  # a bug: logged with its traceback, said in one line
        print(
            f"goaleditor：{program_fault(f'执行 goaleditor {args.command}', err)}", file=sys.stderr
        )
        return EXIT_FAULT


def _utf8_console() -> None:
    """Chinese output that survives Windows code pages.

    A console gets the text through the console API; redirected to a file or a pipe,
    the output is UTF-8 (a GBK code page cannot hold every character, e.g. ›).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
