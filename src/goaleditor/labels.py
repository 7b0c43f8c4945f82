"""Chinese labels of model fields as the printed forms show them.

One place for the header texts that the forms print, the importers look for and the
editor shows as column titles.
"""

from __future__ import annotations

#: Header label of each indicator field; the importers find the columns by these.
INDICATOR_LABELS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "period_value": "实施周期指标值",
    "value": "指标值",
    "basis": "指标值确定依据",
}
