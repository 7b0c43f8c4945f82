"""The sheet of paper a form prints on: A4, upright or turned sideways (a layout's
``"page": {"orientation": "landscape"}``).

One small description every writer asks (`page_size`): the PDF sizes its pages and
its tables' room by it, Excel sets the sheet's orientation and scales its columns to
its width, Word sets its section.  No writer keeps its own A4.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Side margins of every writer together (15 mm each side): what the columns get.
SIDE_MARGINS_MM = 30.0
_PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class PageSize:
    """A sheet of paper in millimetres, as it lies when printed on."""

    width_mm: float
    height_mm: float

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm

    @property
    def content_width_mm(self) -> float:
        """The width a form's columns are scaled to by default (180 mm on A4 upright)."""
        return self.width_mm - SIDE_MARGINS_MM

    def points(self) -> tuple[float, float]:
        """(width, height) in points, as reportlab and Word take them."""
        return self.width_mm * _PT_PER_MM, self.height_mm * _PT_PER_MM


A4_PORTRAIT = PageSize(210.0, 297.0)
A4_LANDSCAPE = PageSize(297.0, 210.0)


def page_size(landscape: bool = False) -> PageSize:
    """A4 upright, or turned sideways (``form.landscape``, `LayoutSpec.page_size`)."""
    return A4_LANDSCAPE if landscape else A4_PORTRAIT
