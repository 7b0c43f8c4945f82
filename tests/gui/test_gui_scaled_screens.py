"""The real window on a 1366×768 laptop at 125 % and 150 % (QT_SCALE_FACTOR, set before Qt
starts, so each case runs in its own process): the project page keeps 8 indicator rows in
sight and the department page 5 rows of each table, also when the window opens with a
layout remembered from a bigger screen.

The screen is what Windows leaves a window: 768 pixels less the taskbar.  The screenshots
go to ``GOALEDITOR_SHOT_DIR`` when it is set (look at them), else to the test's folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES
from goaleditor.gui.common.column_fit import LONG_MIN, SHORT_LIMITS

HERE = Path(__file__).resolve().parent
#: Scale → the taskbar's height in screen pixels (40 logical pixels on Windows 10).
SCALES = {"1.25": 50, "1.5": 60}


def _run(tmp_path: Path, scale: str, sample: str, page: str, *extra: str) -> dict:
    screen = tmp_path / "screen.json"
    height = 768 - SCALES[scale]
    screen.write_text(
        json.dumps(
            {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": height,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    folder = Path(os.environ.get("GOALEDITOR_SHOT_DIR") or tmp_path)
    shot = folder / f"scaled_{page}_{Path(sample).stem}_{scale}{'_'.join(('', *extra))}.png"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=scale,
        GOALEDITOR_CONFIG_DIR=str(tmp_path / "config"),
        GOALEDITOR_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=os.pathsep.join([str(HERE.parents[1] / "src"), env.get("PYTHONPATH", "")]),
    )
    done = subprocess.run(
        [sys.executable, str(HERE / "scaled_window.py"), str(SAMPLES / sample), page, str(shot),
         *extra],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert shot.is_file()
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("remembered", [False, True])
def test_project_page_keeps_eight_indicator_rows(tmp_path, scale, remembered):
    extra = ("--remembered",) if remembered else ()
    result = _run(tmp_path, scale, "tianjin_2023.json", "project", *extra)
    # the sideways scroll bar takes a row's room at 150 %, where the form is folded already
    assert result["rows"] >= (8 if scale == "1.25" else 7), result
    # in the header the header opens, and the table still shows a few rows
    assert result["header_open"] and result["rows_in_header"] >= 3, result
    assert result["goals_in_sight"], result


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("sample", ["guangzhou_yuexiu.json", "chengdu_2022.json"])
@pytest.mark.parametrize("remembered", [False, True])
def test_department_page_keeps_five_rows_of_each_table(tmp_path, scale, sample, remembered):
    extra = ("--remembered",) if remembered else ()
    result = _run(tmp_path, scale, sample, "department", *extra)
    assert result["rows"] >= 5 and result["task_rows"] >= 5, result
    assert result["tasks_in_sight"] and result["toolbar_in_sight"] > 0, result


@pytest.mark.parametrize("scale", SCALES)
def test_the_101_core_layouts_columns_share_the_width(tmp_path, scale):
    """权重 … 数据来源 are columns too.  Ten columns are more than a laptop's pane holds:
    the short ones give up room down to their limits, the long ones (三级, 指标解释,
    评分标准, 依据) keep a readable width, the table scrolls sideways, and the rows stay
    in sight (at 150 % one fewer: the scroll bar takes a row's room)."""
    result = _run(tmp_path, scale, "tianjin_2023.json", "project", "--layout=mof101-core")
    widths = dict(result["columns"])
    assert {"weight", "explanation", "scoring", "basis_type", "basis", "source"} <= set(widths)
    assert "description" not in widths  # the 101号 form prints no 描述
    long = [widths[f] for f in ("name", "explanation", "scoring", "basis")]
    assert min(long) >= LONG_MIN, result
    if sum(widths.values()) > result["viewport"]:
        assert result["hscroll"] and max(long) == LONG_MIN, result
        assert all(widths[f] == SHORT_LIMITS[f][0] for f in SHORT_LIMITS if f in widths)
    # the sideways scroll bar takes a row's room at 150 %, where the form is folded already
    assert result["rows"] >= (8 if scale == "1.25" else 7), result
