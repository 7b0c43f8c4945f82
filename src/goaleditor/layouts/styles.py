"""The cell styles every layout can name (``"style": "label"``); a layout may add its own.

One table for the built-in forms and layout files alike; `forms.common` takes its
style constants from here.
"""

from __future__ import annotations

from ..grid import BODY, TITLE, Style

STYLES: dict[str, Style] = {
    #: Labels and centred values (项目名称, 一级指标 …).
    "label": Style(),
    "label_bold": Style(bold=True),
    "center": Style(),
    #: Text in a bordered cell, left-aligned (项目名称's value, 资金用途 …).
    "text": Style(align="left"),
    "text_top": Style(align="left", valign="top"),
    "amount": Style(align="right"),
    #: Column headers (一级指标 · 二级指标 …).
    "header": Style(bold=True),
    "title": Style(font=TITLE, size=16, border=False),
    "subtitle": Style(font=TITLE, size=14, border=False),
    #: 第一部分 / 第二部分 headings.
    "part": Style(font=TITLE, size=16, border=False),
    "plain_left": Style(align="left", border=False),
    "plain_right": Style(align="right", border=False),
    "plain_center": Style(border=False),
    #: Borderless paragraphs of a text form.
    "paragraph": Style(align="left", valign="top", border=False),
    #: 一、总体绩效目标 and the like.
    "heading": Style(font=TITLE, size=12, align="left", border=False),
    "signature": Style(font=BODY, align="left", border=False),
}
