"""Find the Chinese fonts the PDF is set in, and register them with reportlab.

The order: a font the clerk chose in the settings, then 宋体/黑体 on
Windows, then other CJK TrueType fonts on the computer, then WenQuanYi Micro Hei shipped
in ``resources/fonts/``.  reportlab embeds TrueType outlines only, so CFF fonts (``.otf``,
Noto/Source Han ``.ttc``) are skipped, as are fonts without Chinese glyphs or whose
licence forbids embedding.  Every PDF therefore carries its font and prints the same on
every machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import WriteError
from ..resources import resource_path

#: Characters a font must have to set a form (common hanzi and full-width punctuation).
_REQUIRED_CHARS = "中国绩效目标，。（）"

#: Well-known CJK TrueType files, best first, by role.  Lower-case file names.
BODY_FILES = (
    "simsun.ttc",
    "simsun.ttf",
    "nsimsun.ttf",
    "msyh.ttc",
    "msyh.ttf",
    "simkai.ttf",
    "simfang.ttf",
    "uming.ttc",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "droidsansfallbackfull.ttf",
    "droidsansfallback.ttf",
)
TITLE_FILES = (
    "simhei.ttf",
    "msyh.ttc",
    "msyh.ttf",
    "wqy-zenhei.ttc",
    "wqy-microhei.ttc",
    "droidsansfallbackfull.ttf",
    "droidsansfallback.ttf",
    *BODY_FILES,
)
#: Other files worth trying: names that hint at a Chinese font.
_CJK_NAME_HINT = re.compile(
    r"(cjk|song|sung|hei|kai|ming|fang|fallback|wqy|gb|simp|chinese|zh|sc\b|sc-|cn)", re.I
)
_FONT_SUFFIXES = (".ttf", ".ttc")

SHIPPED_FONT = ("fonts", "wqy-microhei.ttc")


class FontUnavailableError(WriteError):
    """No Chinese TrueType font could be used for the PDF."""


@dataclass(frozen=True)
class FontFile:
    """A font file and the face inside it (``.ttc`` collections hold several)."""

    path: Path
    subfont: int = 0

    @property
    def label(self) -> str:
        return self.path.name if not self.subfont else f"{self.path.name}#{self.subfont}"


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names for the two roles of the forms (grid.BODY/TITLE)."""

    body: str
    title: str
    body_file: FontFile
    title_file: FontFile
    #: Chinese notes for the clerk (e.g. the chosen font could not be used).
    notes: tuple[str, ...] = field(default=())

    def name_for(self, role: str) -> str:
        return self.title if role == "title" else self.body


# --- where fonts live (functions, so tests can point them at fake folders) -------------


def windows_font_dir() -> Path | None:
    """``%WINDIR%\\Fonts`` on Windows, else None."""
    if sys.platform != "win32":
        return None
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def system_font_dirs() -> list[Path]:
    """Folders where this operating system keeps installed fonts."""
    home = Path.home()
    if sys.platform == "win32":
        dirs = [windows_font_dir() or Path(r"C:\Windows\Fonts")]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [
        data_home / "fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]


def shipped_font() -> Path:
    return resource_path(*SHIPPED_FONT)


# --- checking a font -------------------------------------------------------------------


def outline_problem(font: FontFile) -> str | None:
    """Why *font* cannot be embedded by reportlab (a Chinese phrase), or None if it can.

    Reads only the file header: cheap enough to run on every candidate.
    """
    try:
        with open(font.path, "rb") as fh:
            head = fh.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if font.subfont >= count:
                    return "字体集中没有所需的字体"
                fh.seek(12 + 4 * font.subfont)
                (offset,) = struct.unpack(">I", fh.read(4))
                fh.seek(offset)
                head = fh.read(4)
            elif font.subfont:
                return "不是字体集（.ttc）"
    except (OSError, struct.error):
        return "无法读取该文件"
    tag = head[:4]
    if tag == b"OTTO":
        return "是 CFF 轮廓字体（OpenType .otf），无法嵌入 PDF"
    if tag not in (b"\x00\x01\x00\x00", b"true"):
        return "不是 TrueType 字体"
    return None


_registered: dict[tuple[str, int, int], str] = {}


def _key_and_name(font: FontFile, prefix: str) -> tuple[tuple[str, int, int], str]:
    """The cache key of *font* (path, face, modification time) and a reportlab name for it."""
    path = font.path.resolve()
    key = (str(path), font.subfont, path.stat().st_mtime_ns)
    digest = hashlib.sha1(f"{key}".encode()).hexdigest()[:8]
    stem = re.sub(r"[^A-Za-z0-9]", "", path.stem) or "font"
    return key, f"{prefix}-{stem}-{font.subfont}-{digest}"


def register(font: FontFile) -> str:
    """Register *font* with reportlab and return its name; raise `TTFError`/`OSError`.

    Checks that the font is TrueType, may be embedded and has Chinese glyphs.
    """
    problem = outline_problem(font)
    if problem:
        raise TTFError(problem)
    key, name = _key_and_name(font, "GE")
    if key in _registered:
        return _registered[key]
    # Not ASCII-readable: the PDF numbers every character of a subset in the order it
    # is first drawn (`pdf_glyphs` draws the frequent ones first), ASCII included.
    ttf = TTFont(name, str(font.path.resolve()), subfontIndex=font.subfont, asciiReadable=False)
    missing = [ch for ch in _REQUIRED_CHARS if ord(ch) not in ttf.face.charToGlyph]
    if missing:
        raise TTFError("没有中文字形")
    pdfmetrics.registerFont(ttf)
    _registered[key] = name
    return name


def _try_register(font: FontFile) -> tuple[str | None, str]:
    try:
        return register(font), ""
    except TTFError as err:
        reason = str(err)
        if "embed" in reason.lower():
            reason = "字体授权不允许嵌入 PDF"
        elif not re.search(r"[\u4e00-\u9fff]", reason):
            reason = "字体文件无法识别"
        return None, reason
    except (OSError, ValueError, KeyError, IndexError, struct.error):
        return None, "字体文件无法读取或已损坏"


# --- candidates ------------------------------------------------------------------------


def _font_files(dirs: Iterable[Path]) -> dict[str, list[Path]]:
    """Every .ttf/.ttc under *dirs*, by lower-case file name."""
    found: dict[str, list[Path]] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for root, _subdirs, files in os.walk(base):
            for name in files:
                if name.lower().endswith(_FONT_SUFFIXES):
                    found.setdefault(name.lower(), []).append(Path(root) / name)
    return found


def _system_candidates(preferred: tuple[str, ...]) -> Iterator[FontFile]:
    files = _font_files(system_font_dirs())
    for name in preferred:
        for path in files.get(name, ()):
            yield FontFile(path)
    for name in sorted(files):
        if name not in preferred and _CJK_NAME_HINT.search(Path(name).stem):
            for path in files[name]:
                yield FontFile(path)


def _role_candidates(windows_file: str) -> Iterator[FontFile]:
    win = windows_font_dir()
    if win is not None:
        path = win / windows_file
        if path.is_file():
            yield FontFile(path)
    yield from _system_candidates(TITLE_FILES if windows_file == "simhei.ttf" else BODY_FILES)
    yield FontFile(shipped_font())


def _first_usable(candidates: Iterable[FontFile]) -> tuple[str, FontFile] | None:
    seen: set[FontFile] = set()
    for font in candidates:
        if font in seen:
            continue
        seen.add(font)
        name, _reason = _try_register(font)
        if name:
            return name, font
    return None


def find_fonts(chosen: str | os.PathLike | None = None) -> FontSet:
    """The fonts to set the forms in, registered with reportlab.

    *chosen* (the font file picked in the settings) is used for body and title when it
    can be embedded; otherwise it is skipped with a note and discovery goes on.
    Raises `FontUnavailableError` when no usable font is found anywhere.
    """
    notes: list[str] = []
    if chosen:
        font = FontFile(Path(chosen))
        if not font.path.is_file():
            name, reason = None, "文件不存在"
        else:
            name, reason = _try_register(font)
        if name:
            return FontSet(name, name, font, font)
        notes.append(f"所选字体“{font.path.name}”无法使用（{reason}），已改用其他字体。")
    body = _first_usable(_role_candidates("simsun.ttc"))
    title = _first_usable(_role_candidates("simhei.ttf"))
    if body is None or title is None:
        raise FontUnavailableError(
            "找不到可用于 PDF 的中文字体：本机没有宋体、黑体或其他 TrueType 中文字体，"
            f"自带字体“{SHIPPED_FONT[-1]}”也缺失或已损坏。"
            "请在“设置”中选择一个 TrueType 中文字体文件（.ttf 或 .ttc，例如 simsun.ttc），"
            "或重新安装本软件。"
        )
    return FontSet(body[0], title[0], body[1], title[1], tuple(notes))


# --- characters a font lacks -------------------------------------------------------------

#: Font files most likely to hold what a CJK text font lacks (rare CJK, symbols), tried first.
_FALLBACK_HINT = re.compile(
    r"noto|dejavu|symbol|unifont|hana|sun-?ext|simsun|mingliu|seguisym", re.I
)
_STYLED = re.compile(r"bold|italic|oblique|light|thin|black|heavy", re.I)
#: At most this many font files are opened to look for missing characters.
MAX_FALLBACK_FILES = 40


def covers(name: str) -> set[int]:
    """Code points the registered font *name* has glyphs for."""
    return set(pdfmetrics.getFont(name).face.charToGlyph)


def _fallback_candidates(preferred: Iterable[FontFile]) -> Iterator[FontFile]:
    yield from preferred
    files = _font_files(system_font_dirs())
    names = sorted(
        files,
        key=lambda n: (not _FALLBACK_HINT.search(n), bool(_STYLED.search(n)), n),
    )
    for name in names:
        for path in files[name]:
            yield FontFile(path)
    yield FontFile(shipped_font())


def find_fallbacks(missing: set[str], preferred: Iterable[FontFile] = ()) -> dict[str, str]:
    """For each character in *missing*, a registered font that has it (where one is found).

    Tries *preferred* first, then system fonts (at most `MAX_FALLBACK_FILES` files).
    """
    found: dict[str, str] = {}
    left = set(missing)
    seen: set[FontFile] = set()
    tried = 0
    for font in _fallback_candidates(preferred):
        if not left or tried >= MAX_FALLBACK_FILES:
            break
        if font in seen or outline_problem(font):
            continue
        seen.add(font)
        tried += 1
        name = _register_any(font)
        if name is None:
            continue
        cmap = covers(name)
        for ch in [ch for ch in left if ord(ch) in cmap]:
            found[ch] = name
            left.discard(ch)
    return found


_fallback_registered: dict[tuple[str, int, int], str] = {}


def _register_any(font: FontFile) -> str | None:
    """Register *font* whatever script it covers (a fallback need not be Chinese; kept
    apart from `register`'s cache, which only holds fonts checked for Chinese)."""
    try:
        key, name = _key_and_name(font, "GE-fallback")
        if key in _fallback_registered:
            return _fallback_registered[key]
        pdfmetrics.registerFont(TTFont(name, str(font.path.resolve()), subfontIndex=font.subfont))
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error):
        return None
    _fallback_registered[key] = name
    return name
