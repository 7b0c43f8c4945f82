"""The characters a PDF prints, gathered form by form while its pages are counted.

`Glyphs` finds the characters the form fonts lack and gives each a fallback font
(listed for the clerk by `missing_glyph_notes`), and counts how often each character
is printed, so that `Glyphs.order_subsets` can hand them to reportlab most frequent
first.  reportlab embeds a TrueType font as subsets of 256 glyphs and gives each
character the next free code in the order characters are first drawn; a text switches
font (``/F1+2 10.5 Tf``) each time its next character lies in another subset, and a
code outside printable ASCII is written as four bytes (``\\123``).  Drawn in document
order, common characters land in every subset at any code; drawn most frequent first,
placed so that the most frequent get the one-byte codes, most text stays in the first
subset and is written one byte a character.  The page streams, which reportlab holds in
memory until it writes the file, are about a third smaller.  Nothing changes on the
page: the same glyphs, and the same text for search and copy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..grid import TITLE, Form
from .fonts import FontSet, covers, find_fallbacks

#: The name of the form XObject that `Glyphs.order_subsets` draws in (never shown).
SUBSET_ORDER_FORM = "goaleditor-subset-order"


class Glyphs:
    """The characters of the forms, by font, found form by form (`add`).

    Each form's characters that its font has no glyph for get a fallback font in
    *fallbacks* (font → character → fallback font) before the form is laid out.  A
    character's fallback does not depend on the others (`fonts.find_fallbacks` takes
    the first font that has it), so finding them form by form gives what one search
    over all the forms would.
    """

    def __init__(self, fonts: FontSet, fallbacks: dict[str, dict[str, str]]) -> None:
        self.fonts = fonts
        self.fallbacks = fallbacks
        self.counts: dict[str, Counter[str]] = {}  # font → characters printed in it
        self._cmaps: dict[str, set[int]] = {}
        self._found: dict[str, str] = {}  # lacking character → fallback font or ""

    def font_of(self, form_font: str) -> str:
        return self.fonts.name_for(TITLE if form_font == TITLE else "body")

    def add(self, form: Form) -> None:
        lacking: dict[str, set[str]] = {}
        for cell in form.cells:
            font = self.font_of(cell.style.font)
            counts = self.counts.setdefault(font, Counter())
            new = [ch for ch in set(cell.text) if ch not in counts]
            counts.update(cell.text)
            if not new:
                continue
            cmap = self._cmaps.get(font)
            if cmap is None:
                cmap = self._cmaps[font] = covers(font)
            gaps = {
                ch for ch in new if ch.isprintable() and not ch.isspace() and ord(ch) not in cmap
            }
            if gaps:
                lacking.setdefault(font, set()).update(gaps)
        if not lacking:
            return
        unknown = set().union(*lacking.values()) - self._found.keys()
        if unknown:
            found = find_fallbacks(unknown, (self.fonts.title_file, self.fonts.body_file))
            self._found.update({ch: found.get(ch, "") for ch in unknown})
        for font, gaps in lacking.items():
            table = self.fallbacks.setdefault(font, {})
            table.update({ch: self._found[ch] for ch in gaps if self._found[ch]})

    def add_text(self, font: str, text: str) -> None:
        """Count *text* printed in *font* outside the forms (the page footers)."""
        self.counts.setdefault(font, Counter()).update(text)

    def missing(self) -> list[tuple[str, str]]:
        """(character, fallback font file or "") for every lacking character, sorted."""
        files = {name: font_label(name) for name in set(self._found.values()) if name}
        return [(ch, files.get(self._found[ch], "")) for ch in sorted(self._found)]

    def order_subsets(self, canvas: Canvas) -> None:
        """Before the first page: draw each font's characters, most frequent first,
        into a form XObject no page uses, so reportlab numbers its subsets so."""
        texts = []
        for font, counts in self.counts.items():
            cmap = self._cmaps.get(font) or covers(font)
            chars = sorted(
                (ch for ch in counts if ch.isprintable() and not ch.isspace() and ord(ch) in cmap),
                key=lambda ch: (-counts[ch], ch),
            )
            if chars:
                texts.append((font, "".join(chars)))
        if not texts:
            return
        canvas.beginForm(SUBSET_ORDER_FORM)
        text = canvas.beginText()
        for font, chars in texts:
            text.setFont(font, 10, leading=0)
            text.textOut(in_code_order(chars))
        canvas.drawText(text)
        canvas.endForm()


#: A subset's codes that reportlab gives out in turn: 0 is the missing glyph and 32 the
#: space in every subset (the fonts are registered without ASCII kept at its codes).
_CODES = [code for code in range(256) if code not in (0, 32)]


def _cost(code: int) -> int:
    """Bytes a code takes in a page stream: printable ASCII as itself, ( ) and \\
    escaped, any other as an octal escape."""
    if 33 <= code <= 126:
        return 2 if chr(code) in "()\\" else 1
    return 4


def in_code_order(chars: str) -> str:
    """*chars* (most frequent first) rearranged so that, drawn in this order, each
    subset gives its most frequent characters the cheapest of the codes it fills."""
    out: list[str] = []
    for start in range(0, len(chars), len(_CODES)):
        part = chars[start : start + len(_CODES)]
        codes = _CODES[: len(part)]  # a last subset is filled from its first code on
        at = dict(zip(sorted(codes, key=lambda code: (_cost(code), code)), part, strict=True))
        out.extend(at[code] for code in codes)
    return "".join(out)


def font_label(name: str) -> str:
    """The file name of a registered font, for notes."""
    path = getattr(pdfmetrics.getFont(name).face, "filename", "") or name
    return Path(str(path)).name


def missing_glyph_notes(missing: Sequence[tuple[str, str]]) -> list[str]:
    """Chinese notes on the characters the form font lacks (see `pdf.render_forms`)."""
    notes = []
    replaced = [(ch, font) for ch, font in missing if font]
    blank = [ch for ch, font in missing if not font]
    if replaced:
        by_font: dict[str, list[str]] = {}
        for ch, font in replaced:
            by_font.setdefault(font, []).append(ch)
        for font, chars in by_font.items():
            notes.append(
                f"PDF 所用字体缺少 {len(chars)} 个字符：{_show(chars)}，已改用字体“{font}”印出，请核对。"
            )
    if blank:
        notes.append(
            f"PDF 所用字体和本机其他字体都没有这 {len(blank)} 个字符，印为空白："
            f"{_show(blank)}。请改用常用字，或在“设置”中选择含有这些字符的字体。"
        )
    return notes


def _show(chars: Sequence[str], limit: int = 20) -> str:
    shown = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars[:limit])
    return shown + (" 等" if len(chars) > limit else "")
