"""Reading one form's sheet: amounts by the core's rules, the indicator rows under a
header, the signature block, and notes that name the sheet row.

Where each field stands is the layout's business (`xlsx_layout` finds the cells by
the layout file); this module reads what stands there, so a clerk may insert or
delete indicator rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..amounts import imported_amount
from ..forms.common import BLANK_LINE
from ..labels import INDICATOR_FIELD_LABELS, SIGNATURE_FIELDS, SIGNATURE_LABELS, STAMP_WORDS
from ..model import Indicator, Signature
from .result import ImportNote
from .xlsx_remarks import (
    BLANK,
    INDICATOR,
    LONE,
    OUTSIDE,
    REMARK,
    SPANNING,
    RowKind,
    is_remark,
    is_signature_line,
    settle,
)
from .xlsx_sheet import SheetView
from .xlsx_stray import form_end, form_width

_TASK_NUMBER = re.compile(r"^(\d+-\d+)[.．](.*)$", re.S)


#: Why a row under the indicator header is no indicator, as the note says it.
_WHY = {
    SPANNING: "合并成一格的整行不是指标",
    REMARK: "备注或说明，不是指标",
    OUTSIDE: "不在任何指标栏内",
}

#: Default of `FormReader.amount`: read the cell right of the label.
_RIGHT_OF = object()


class FormReader:
    """Shared state of reading one sheet: the view, where notes go, the source kind."""

    def __init__(self, view: SheetView, notes: list[ImportNote], fill_down: bool, unit: str = "元"):
        self.view = view
        self.notes = notes
        #: The document's 金额单位: amounts written in the other one are converted.
        self.unit = unit
        #: Templates are filled without merges: a blank 一级/二级 repeats the row above.
        self.fill_down = fill_down

    def note(self, r: int, message: str) -> None:
        self.notes.append(
            ImportNote(f"工作表“{self.view.title}”第 {self.view.sheet_row(r)} 行", message)
        )

    def amount(self, pos: tuple[int, int] | None, what: str, raw=_RIGHT_OF, percent=False):
        """The amount right of the label at *pos* (or *raw*) by the core's rules
        (`amounts.imported_amount`); a note when it is none or was converted."""
        if pos is None:
            return None
        value = self.view.right_of(pos) if raw is _RIGHT_OF else raw
        amount, said = imported_amount(value, self.unit, what, percent=percent)
        if said:
            self.note(pos[0], said)
        return amount

    # ------------------------------------------------------------ indicators

    def indicators(
        self,
        header: tuple[int, int],
        columns: dict[str, int],
        make: Callable[[dict[str, str]], Indicator],
    ) -> list[Indicator]:
        """The indicators below the header cell at *header*, read from *columns* (field →
        column) and made by *make* from their texts by field."""
        view = self.view
        hr = header[0]
        rows: list[RowKind] = []
        read: dict[int, Indicator] = {}
        first_column = min(columns.values(), default=0)
        #: Text right of the form is noted by `xlsx_stray`, not here.
        width = form_width(view)
        for r in range(hr + 1, view.n_rows):
            if self.is_signature_row(r):
                self._note_inside_signature(r)
                break
            if view.find(view.text(*header), r) == (r, header[1]):
                continue  # a header repeated by hand further down
            across = self._spanning_text(r, columns)
            if across is not None:
                rows.append(RowKind(r, SPANNING if across.strip() else BLANK, across.strip()))
                continue
            own = [
                (c, text.strip())
                for c, text in view.row_cells(r)
                if text.strip() and (width is None or c <= width)
            ]
            texts = {}
            for field, c in columns.items():
                text = self._field_text(r, c, columns)
                texts[field] = text.strip() if field in ("level1", "level2") else text
            ind = make(texts)
            if own and own[0][0] <= first_column and is_remark(own[0][1]):
                rows.append(RowKind(r, REMARK, " ".join(text for _c, text in own)))
            elif not any(texts.values()):
                shown = " ".join(text for _c, text in own)
                rows.append(RowKind(r, OUTSIDE if own else BLANK, shown))
            elif len(own) == 1 and own[0][0] == first_column == columns.get("level1"):
                rows.append(RowKind(r, LONE, own[0][1]))
                read[r] = ind
            else:
                rows.append(RowKind(r, INDICATOR))
                read[r] = ind
        settle(rows)
        result: list[Indicator] = []
        last_row = max((e.row for e in rows if e.kind == INDICATOR), default=hr)
        for entry in rows:
            if entry.kind == INDICATOR:
                result.append(self._finished(read[entry.row], result))
            elif entry.kind != BLANK:
                where = "表格下方" if entry.row > last_row else "指标表中间"
                self.note(entry.row, f"{where}的文字未导入：“{entry.text}”（{_WHY[entry.kind]}）。")
        return result

    def _finished(self, ind: Indicator, before: list[Indicator]) -> Indicator:
        """*ind* with a template's blank 一级/二级 filled from the row above, its number split off."""
        if self.fill_down and before:
            ind.level1 = ind.level1 or before[-1].level1
            if not ind.level2 and ind.level1 == before[-1].level1:
                ind.level2 = before[-1].level2
        match = _TASK_NUMBER.match(ind.name)
        if match:
            ind.number, ind.name = match.group(1), match.group(2)
        return ind

    def _note_inside_signature(self, start: int) -> None:
        """Text between the first signature line and the form's end that is no signature
        line (the signature itself is read by `signature` or kept in the hidden sheet)."""
        end, width = form_end(self.view), form_width(self.view)
        last = end if end is not None and end >= start else self.view.n_rows - 1
        for r in range(start, last + 1):
            texts = [
                text.strip()
                for c, text in self.view.row_cells(r)
                if text.strip() and (width is None or c <= width)
            ]
            if texts and not all(is_signature_line(text) for text in texts):
                shown = " ".join(texts)
                self.note(
                    r, f"签字栏中的文字未导入：“{shown}”。如需保留，请在编辑器中填到相应栏目。"
                )

    def _field_text(self, r: int, c: int, columns: dict[str, int]) -> str:
        """The text of column *c* in row *r*; a merged cell counts once, in its first column.

        A cell merged down (一级 over five rows) reads the same on each of its rows; a
        cell merged across belongs to the leftmost indicator column it covers.
        """
        box = self.view.ranges.get((r, c))
        if box is not None and any(box[1] <= other < c for other in columns.values()):
            return ""
        raw = self.view.raw(r, c)
        text = self.view.text(r, c)
        if isinstance(raw, (int, float, date)) and not isinstance(raw, bool):
            # Excel turned what was typed into a number or a date (90% → 0.9,
            # 2020年12月 → a date): the cell's format is not read, so say so.
            field = next((f for f, col in columns.items() if col == c), "")
            label = INDICATOR_FIELD_LABELS.get(field, "指标")
            self.note(
                r,
                f"“{label}”单元格存的是数字或日期，已按“{text}”读入；"
                "Excel 可能把 90%、2020年12月 等写法存成了数字或日期，请核对。",
            )
        return text

    def _spanning_text(self, r: int, columns: dict[str, int]) -> str | None:
        """The text of a row that is one merged cell across all indicator columns, else None.

        "" for such a row that is blank, or that continues a merged cell of the row above.
        """
        view = self.view
        first, last = min(columns.values()), max(columns.values())
        box = view.ranges.get((r, first))
        if box is None or box[1] > first or box[3] < last:
            return None
        for c in range(view.n_cols):
            if box[1] <= c <= box[3]:
                continue
            other_row, _col = view.origin(r, c)
            if other_row == r and view.text(r, c).strip():
                return None  # other text on the row: read it as an indicator
        return view.text(r, first) if box[0] == r else ""

    def is_signature_row(self, r: int) -> bool:
        cells = [text.strip() for _c, text in self.view.row_cells(r) if text.strip()]
        return bool(cells) and (
            is_signature_line(cells[0])
            or any(t.startswith((SIGNATURE_LABELS["preparer"], STAMP_WORDS)) for t in cells)
        )

    def signature(self, into: Signature) -> bool:
        """Fill *into* from a printed signature block (blank lines leave it as it is).

        Returns False when the sheet has no signature block.
        """
        found = False
        for _r, field, value, _text in self._signature_lines():
            found = True
            if value:
                setattr(into, field, value)
        return found

    def signature_changes(self, kept: Signature) -> None:
        """Note each signature line of an export that says other than *kept*.

        An export's signature comes back from the hidden sheet, so a line the clerk
        typed or changed on the sheet (``填报人：李四``) is not placed: it is noted.
        """
        for r, field, value, text in self._signature_lines():
            now = getattr(kept, field) if kept.enabled else ""
            if value and value != now:
                shown = f"“{now}”" if now else "空白"
                self.note(
                    r,
                    f"签字栏的“{text}”未导入：导出文件的签字栏以文档设置为准（现为{shown}），"
                    "如需修改，请在编辑器中修改签字栏。",
                )

    def _signature_lines(self):
        """(row, field, value or "" for a blank line, text) of each ``填报人：…`` cell."""
        for (r, c), value in sorted(self.view.values.items()):
            if not isinstance(value, str) or self.view.origin(r, c) != (r, c):
                continue
            label, sep, rest = value.partition("：")
            field = SIGNATURE_FIELDS.get(label.strip())
            if sep and field:
                rest = rest.strip()
                blank = not rest or set(rest) <= {"_"} or rest == BLANK_LINE
                yield r, field, "" if blank else rest, value.strip()
