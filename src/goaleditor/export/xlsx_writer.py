"""Save a workbook whose form sheets get their cells from `xlsx_sheetdata`.

openpyxl still writes the package and everything around the cells — workbook,
styles, column widths, sheet view, print settings, print titles and area, the
hidden metadata sheet — from ordinary worksheets that hold no cells.  Only when a
form's sheet is written are its rows and merges put in, from the `grid.Form`.
"""

from __future__ import annotations

import datetime
import os
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import Element

from ..grid import Form
from .xlsx_rows import RowLayout, row_layout
from .xlsx_sheet import set_up_sheet, styles_of
from .xlsx_sheetdata import SheetData, sheet_data

#: Stand-ins openpyxl writes where the rows and the merges go, replaced by them.
_ROWS = "goaleditor-rows"
_MERGES = "goaleditor-merges"


class FormWorkbook:
    """An openpyxl workbook plus the forms its form sheets show.

    Its form sheets are empty until `save` writes them: read the result back with
    `openpyxl.load_workbook`, never ``workbook.save``.
    """

    def __init__(self) -> None:
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        self._forms: dict[Worksheet, tuple[Form, RowLayout]] = {}

    def add_form(self, form: Form) -> Worksheet:
        """A sheet for *form*: widths and print settings now, cells when saved."""
        ws = self.workbook.create_sheet(form.sheet_name)
        layout = row_layout(form)
        set_up_sheet(ws, form, layout)
        styles_of(ws)  # the default font, before anything else registers a font
        self._forms[ws] = (form, layout)
        return ws

    def save(self, path: str | os.PathLike) -> None:
        wb = self.workbook
        wb.properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            _Writer(wb, archive, self._forms).save()


class _Writer(ExcelWriter):
    def __init__(
        self, workbook: Workbook, archive: ZipFile, forms: dict[Worksheet, tuple[Form, RowLayout]]
    ):
        super().__init__(workbook, archive)
        self._forms = forms

    def write_worksheet(self, ws):
        found = self._forms.get(ws)
        if found is None:
            super().write_worksheet(ws)
            return
        form, layout = found
        # What ExcelWriter.write_worksheet does, with the sheet's XML kept in memory.
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        styles = styles_of(ws)
        data = sheet_data(form, layout, lambda s, f: styles.xf_id(ws, s, f))
        writer = _FormSheetWriter(ws, data)
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.xml())
        self.manifest.append(ws)


class _FormSheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, with the form's rows and merges in place of its cells."""

    def __init__(self, ws: Worksheet, data: SheetData):
        self._data = data
        super().__init__(ws, out=BytesIO())

    def write_dimensions(self):
        self.xf.send(SheetDimension(self._data.dimension).to_tree())

    def write_rows(self):
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            xf.write(_ROWS)
        self.xf.send(None)

    def write_merged_cells(self):
        if self._data.merge_cells:
            stand_in = Element("mergeCells")
            stand_in.text = _MERGES
            self.xf.send(stand_in)

    def xml(self) -> bytes:
        """The sheet's XML: openpyxl's, with the stand-ins replaced."""
        xml = self.out.getvalue()
        merges = f"<mergeCells>{_MERGES}</mergeCells>".encode()
        xml = xml.replace(merges, self._data.merge_cells.encode())
        head, tail = xml.split(_ROWS.encode())  # exactly one: openpyxl wrote no other text
        return b"".join((head, self._data.rows.encode(), tail))
