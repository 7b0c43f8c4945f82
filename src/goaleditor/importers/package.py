"""Bounds on an Office file (.docx, .xlsx) before any library unpacks it.

A .docx or .xlsx is a zip package of XML parts.  A small package can unpack to
gigabytes (a zip bomb), claim a sheet of 17 billion cells, or use a compression Office
never writes.  `read_package` checks all of that first, with our own bounded reading:

* the file is a regular file (no device, pipe or folder) of at most `MAX_FILE_BYTES`;
* an encrypted file (Word and Excel wrap it in an OLE container) is named as such;
* every part is stored or deflated (what Office writes), not encrypted, and unpacks to
  at most `MAX_PART_BYTES` (XML that libraries parse: `MAX_XML_BYTES`), all together at
  most `MAX_TOTAL_BYTES` — the sizes are counted while unpacking, not taken from the
  headers, and every part's checksum is verified;
* a worksheet has at most `MAX_ROWS` rows, `MAX_COLUMNS` columns and `MAX_CELLS`
  cells, counting its merged ranges, and a Word body at most `MAX_ROWS` table rows and
  `MAX_CELLS` table cells.

Only then do openpyxl or python-docx see the bytes (already in memory, so the file is
read once).  Every refusal is an `ImportProblem` whose Chinese message names the limit.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..errors import ImportProblem
from ..fileio import read_limited

MB = 1024 * 1024
#: The file itself.
MAX_FILE_BYTES = 50 * MB
#: One part unpacked (pictures and other parts no library parses).
MAX_PART_BYTES = 100 * MB
#: One XML part unpacked (the body, a worksheet, the shared strings, styles …).
MAX_XML_BYTES = 64 * MB
#: All parts together.
MAX_TOTAL_BYTES = 200 * MB
MAX_PARTS = 5000
#: A worksheet (or the tables of a Word body): rows, columns and cells (merged ones counted).
MAX_ROWS = 200_000
MAX_COLUMNS = 1000
MAX_CELLS = 4_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_METHOD_NAMES = {
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "LZMA",
    9: "Deflate64",
    1: "Shrink",
    6: "Implode",
    93: "Zstandard",
}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Kind:
    """What the package should be, for messages."""

    name: str  # "Word 文件"
    suffix: str  # ".docx"
    app: str  # "Word"
    #: The XML part the reader needs; its absence means "not this kind of file".
    main_part: str
    #: What a file that is no zip package is told it is not.
    not_this: str


WORD = Kind("Word 文档", ".docx", "Word", "word/document.xml", "不是 Word 文档（.docx）")
EXCEL = Kind(
    "Excel 工作簿", ".xlsx", "Excel", "xl/workbook.xml", "不是有效的 Excel 工作簿（.xlsx）"
)


@dataclass
class SheetFacts:
    """What the checks learned of one worksheet part, for the reader."""

    #: Merged ranges as 0-based (top, left, bottom, right).
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: 0-based (row, column) of the cells holding a formula → the formula ("" when shared).
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Package:
    """A checked package: its bytes, and for a workbook the facts of each worksheet part."""

    data: bytes
    sheets: dict[str, SheetFacts] = field(default_factory=dict)


def read_package(path: Path, kind: Kind) -> Package:
    """The package in *path* after every check above; `ImportProblem` otherwise."""
    data = read_limited(path, MAX_FILE_BYTES, kind.name, ImportProblem)
    name = path.name
    if data.startswith(_OLE_MAGIC):
        if looks_encrypted(data):
            raise ImportProblem(
                f"“{name}”设置了打开密码，无法读取。请在 {kind.app} 中打开它，"
                "在“文件 › 信息 › 保护”中取消密码后另存，再导入。"
            )
        old = ".doc" if kind is WORD else ".xls"
        raise ImportProblem(
            f"“{name}”是旧版 {kind.app} 文件（{old}）格式。请在 {kind.app} 或 WPS 中打开，"
            f"另存为 {kind.suffix} 后再导入。"
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as err:  # BadZipFile, NotImplementedError (zip version), ValueError …
        raise ImportProblem(
            f"“{name}”{kind.not_this}，也可能已损坏。"
            f"请确认选择的是 {kind.app} 文件，或在 {kind.app} 中打开后另存为 {kind.suffix} 再导入。"
        ) from err
    package = Package(data)
    with zf:
        _check_parts(zf, name, kind, package)
    return package


def looks_encrypted(data: bytes) -> bool:
    """An encrypted Office file is an OLE file holding ``EncryptionInfo`` / ``EncryptedPackage``."""
    return "EncryptedPackage".encode("utf-16-le") in data[: 4 * MB]


def _damaged(name: str, kind: Kind, detail: str = "") -> ImportProblem:
    return ImportProblem(
        f"“{name}”已损坏，无法读取{detail}。可以在 {kind.app} 中打开并修复后另存，再导入。"
    )


def _too_big(name: str, what: str, limit: str) -> ImportProblem:
    return ImportProblem(
        f"“{name}”{what}，超过了导入的上限（{limit}）。"
        "这不像是一份绩效目标表；如确实需要，请把内容分成几个文件后再导入。"
    )


def _check_parts(zf: zipfile.ZipFile, name: str, kind: Kind, package: Package) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise _too_big(name, f"包含 {len(infos)} 个部件", f"{MAX_PARTS} 个")
    names = zf.namelist()
    if kind.main_part not in names:
        other = next((k for k in (WORD, EXCEL) if k is not kind and k.main_part in names), None)
        if other is not None:  # a workbook named .docx, a Word file named .xlsx
            raise ImportProblem(
                f"“{name}”其实是 {other.name}，扩展名却是 {Path(name).suffix}。"
                f"请把扩展名改为 {other.suffix} 后再导入。"
            )
        raise ImportProblem(
            f"“{name}”是压缩文件，但不是 {kind.name}（缺少“{kind.main_part}”部分）。"
            f"请确认选择的是 {kind.app} 文件（{kind.suffix}）。"
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportProblem(
                f"“{name}”中的部件“{info.filename}”被加密，无法读取。"
                f"请在 {kind.app} 中取消密码后另存，再导入。"
            )
        if info.compress_type not in _METHODS:
            method = _METHOD_NAMES.get(info.compress_type, f"编号 {info.compress_type}")
            raise ImportProblem(
                f"“{name}”使用了 {kind.app} 不使用的压缩方式（{method}），无法读取。"
                f"请在 {kind.app} 或 WPS 中打开后另存为 {kind.suffix}，再导入。"
            )
    total = 0
    for info in infos:
        xml = info.filename.endswith((".xml", ".rels"))
        limit = MAX_XML_BYTES if xml else MAX_PART_BYTES
        if info.file_size > limit:
            raise _too_big(name, f"中的“{info.filename}”解压后有 {_mb(info.file_size)}", _mb(limit))
        raw = _read_part(zf, info, limit, name, kind)
        total += len(raw)
        if total > MAX_TOTAL_BYTES:
            raise _too_big(name, f"解压后超过 {_mb(MAX_TOTAL_BYTES)}", _mb(MAX_TOTAL_BYTES))
        if kind is EXCEL and re.match(r"xl/worksheets/[^/]+\.xml$", info.filename):
            package.sheets[info.filename] = _check_sheet(raw, name, info.filename)
        elif kind is WORD and info.filename == WORD.main_part:
            _check_body(raw, name)


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str, kind: Kind):
    """The part unpacked, read in chunks and stopped past *limit* whatever the header says."""
    parts: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_big(
                        name, f"中的“{info.filename}”解压后超过 {_mb(limit)}", _mb(limit)
                    )
                parts.append(chunk)
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
        raise _damaged(name, kind, f"（“{info.filename}”部分的数据有误）") from err
    except (NotImplementedError, RuntimeError) as err:  # unknown method, encryption
        raise _damaged(name, kind, f"（“{info.filename}”部分无法解压）") from err
    return b"".join(parts)


_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,4})([0-9]{1,8})\"")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]{1,8})\"")
_MERGE_REF = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,4})([0-9]{1,8}):([A-Z]{1,4})([0-9]{1,8})\""
)
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")


def column_number(letters: bytes | str) -> int:
    """``A`` → 1, ``XFD`` → 16384."""
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n


def _box(c1: bytes, r1: bytes, c2: bytes, r2: bytes) -> tuple[int, int, int, int]:
    top, bottom = sorted((int(r1), int(r2)))
    left, right = sorted((column_number(c1), column_number(c2)))
    return top - 1, left - 1, bottom - 1, right - 1


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>([^<]*)<)")
_NEGATIVE_STRING = re.compile(rb"<(?:\w+:)?c\b[^>]*?\bt=\"s\"[^>]*>\s*<(?:\w+:)?v>\s*-", re.DOTALL)


def _check_sheet(xml: bytes, name: str, part: str) -> SheetFacts:
    """Rows, columns and cells of one worksheet, counted in its XML before openpyxl parses it."""
    sheet = f"中的工作表（{part.rsplit('/', 1)[-1]}）"
    cells = len(_CELL_TAG.findall(xml))
    rows = len(_ROW_TAG.findall(xml))
    max_row = max((int(m) for m in _ROW_REF.findall(xml)), default=rows)
    max_col = 0
    for letters, number in _CELL_REF.findall(xml):
        max_row = max(max_row, int(number))
        max_col = max(max_col, column_number(letters))
    merges = [_box(*m) for m in _MERGE_REF.findall(xml)]
    merged = 0
    for top, left, bottom, right in merges:
        max_row, max_col = max(max_row, bottom + 1), max(max_col, right + 1)
        merged += (bottom - top + 1) * (right - left + 1)
    if max_row > MAX_ROWS:
        raise _too_big(name, f"{sheet}用到第 {max_row} 行", f"{MAX_ROWS} 行")
    if max_col > MAX_COLUMNS:
        raise _too_big(name, f"{sheet}用到第 {max_col} 列", f"{MAX_COLUMNS} 列")
    if cells > MAX_CELLS or merged > MAX_CELLS or max_row * max_col > MAX_CELLS:
        count = max(cells, merged, max_row * max_col)
        raise _too_big(name, f"{sheet}有约 {count} 个单元格", f"{MAX_CELLS} 个单元格")
    if _NEGATIVE_STRING.search(xml):
        raise ImportProblem(
            f"“{name}”已损坏，无法读取（{sheet}引用了编号为负数的共享文本）。"
            "可以在 Excel 中打开并修复后另存，再导入。"
        )
    formulas = {}
    for m in _FORMULA_TAG.finditer(xml):
        # The cell holding the formula: the last cell start tag before it.
        window = xml[max(0, m.start() - 400) : m.start()]
        found = list(_CELL_REF.finditer(window))
        if found:
            letters, number = found[-1].groups()
            text = html.unescape((m.group(1) or b"").decode("utf-8", "replace"))
            formulas[(int(number) - 1, column_number(letters) - 1)] = text
    return SheetFacts(merges, formulas)


def sheet_parts(data: bytes) -> dict[str, str]:
    """Worksheet title → its part (``xl/worksheets/sheet1.xml``), read from the workbook part."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        workbook = ElementTree.fromstring(zf.read(EXCEL.main_part))
        try:
            rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = posixpath.normpath(target)
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        rid = sheet.get(f"{{{_REL_NS}}}id")
        if rid in targets:
            parts[sheet.get("name", "")] = targets[rid]
    return parts


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


_TR_TAG = re.compile(rb"<w:tr[\s>]")
_TC_TAG = re.compile(rb"<w:tc[\s>]")


def _check_body(xml: bytes, name: str) -> None:
    rows = len(_TR_TAG.findall(xml))
    if rows > MAX_ROWS:
        raise _too_big(name, f"的表格共有 {rows} 行", f"{MAX_ROWS} 行")
    cells = len(_TC_TAG.findall(xml))
    if cells > MAX_CELLS:
        raise _too_big(name, f"的表格共有 {cells} 个单元格", f"{MAX_CELLS} 个单元格")


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB"
