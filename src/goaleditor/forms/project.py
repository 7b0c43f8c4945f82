"""Helpers of the project form that other parts of the program print the same way.

The form itself is data: ``resources/layouts/standard.json`` and ``national.json``.
"""

from __future__ import annotations

from ..model import Indicator

#: The label column of the project layouts (项目名称, 预算规模及资金用途, 一级指标 and
#: 满意度指标 below it) is at least 22 mm: five characters a line at 10.5 pt, so no
#: label breaks inside a word.  Column 3 (其中：财政资金) is 22 mm where it is not wide
#: enough for the whole label: at 24 mm Excel and LibreOffice print 其中：财政资/金.
LABEL_COLUMN_MM = 22


def indicator_name(ind: Indicator) -> str:
    """三级 as printed: the Chengdu task number prefixes the name (``2-3.名称``)."""
    return f"{ind.number}.{ind.name}" if ind.number else ind.name
