"""``goaleditor import IN.xlsx|IN.docx -o OUT.json``, and the dispatch the editor shares.

The file's extension chooses the reader: .docx → `importers.docx.read_docx`, .xlsx →
`importers.xlsx.read_workbook`.  Other extensions (.doc, .xls, .wps, .et, .pdf …) get a
Chinese message saying how to turn them into something readable.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..errors import GoalEditorError, ImportProblem
from ..fileio import same_file
from .result import ImportResult

WORD_SUFFIXES = (".docx",)
EXCEL_SUFFIXES = (".xlsx", ".xlsm")

_CONVERT = {
    ".doc": "旧版 Word 文档（.doc）不能直接导入。请在 Word 或 WPS 中打开，另存为“Word 文档（*.docx）”后再导入。",
    ".wps": "WPS 文字文档（.wps）不能直接导入。请在 WPS 中打开，另存为“Word 文档（*.docx）”后再导入。",
    ".xls": "旧版 Excel 工作簿（.xls）不能直接导入。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。",
    ".et": "WPS 表格（.et）不能直接导入。请在 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。",
    ".pdf": "PDF 文件不能导入。请找到生成这份 PDF 的 Word 或 Excel 文件再导入。",
    ".json": "这是 goaleditor 文档，不需要导入，请直接用“文件 › 打开”打开它。",
}


def import_file(path: str | os.PathLike) -> ImportResult:
    """Read a Word or Excel file of forms; `ImportProblem` with a Chinese message otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        from .docx import read_docx

        return read_docx(path)
    if suffix in EXCEL_SUFFIXES:
        from .xlsx import read_workbook

        return read_workbook(path)
    if suffix == ".json":
        _refuse_json(path)
    if suffix in _CONVERT:
        raise ImportProblem(f"“{path.name}”：{_CONVERT[suffix]}")
    shown = suffix or "（没有扩展名）"
    raise ImportProblem(
        f"不能导入“{path.name}”：只支持 Word 文档（.docx）和 Excel 工作簿（.xlsx），"
        f"这个文件的类型是 {shown}。"
    )


def _refuse_json(path: Path) -> None:
    """A ``.json`` is not imported: a goaleditor document is opened, anything else gets
    the loader's own message (empty, a PDF renamed, another program's JSON …)."""
    from .. import storage

    try:
        storage.load(path)
    except GoalEditorError as err:
        raise ImportProblem(str(err)) from None


def format_import_report(result: ImportResult, source: str | os.PathLike) -> str:
    """What came in and what could not be placed, in Chinese."""
    doc = result.document
    indicators = sum(1 for _ in doc.all_indicators())
    lines = [f"已从“{Path(source).name}”导入 {len(doc.projects)} 个项目、{indicators} 个指标。"]
    if doc.department is not None:
        lines.append("包含部门整体绩效目标。")
    if doc.fiscal_year:
        lines.append(f"预算年度：{doc.fiscal_year} 年；金额单位：{doc.money_unit}。")
    empty = not doc.projects and doc.department is None
    if empty:
        lines.append(
            "注意：文件中没有填写任何项目或部门整体内容（可能是空白模板），导入结果是空文档。"
        )
    if result.normalized:
        before, after = result.normalized[0]
        lines.append(
            f"统一了 {len(result.normalized)} 个指标值的写法，如 “{before}” → “{after}”"
            "（只改比较符号和空格，数值不变）。"
        )
    if result.notes:
        lines.append("")
        lines.append(f"有 {len(result.notes)} 处需要核对（未导入或需要确认的内容）：")
        lines.extend(f"  {note.format_line()}" for note in result.notes)
    elif not empty:
        lines.append("所有内容都已导入，没有需要核对的地方。")
    return "\n".join(lines) + "\n"


def import_command(args: argparse.Namespace) -> int:
    """Import, print the report, save atomically with `storage.save`."""
    from .. import storage

    source, target = Path(args.file), Path(args.output)
    if same_file(source, target):
        raise GoalEditorError(
            f"输出文件“{target}”就是要导入的文件，不能覆盖它。请用 -o 指定一个 .json 文件。"
        )
    storage.check_document_name(target)
    result = import_file(source)
    print(format_import_report(result, source), end="")
    storage.save(result.document, target)
    print(f"已保存：{target}")
    return 0
