"""文件 → 导入版式…: add a province's layout file to the list of layouts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ...errors import GoalEditorError
from ...layouts import LayoutSpec, install_layout
from ..common import messages

TITLE = "导入版式"


def choose_layout_file(parent: QWidget | None) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent, "选择版式文件", "", "版式文件 (*.json);;所有文件 (*)"
    )
    return path


def import_layout(parent: QWidget | None, path: str | None = None) -> LayoutSpec | None:
    """Check the chosen layout file and copy it into the clerk's layouts folder.

    A broken file is named with the key at fault and nothing is copied.  Returns the
    layout, or None when nothing was imported.
    """
    path = path if path is not None else choose_layout_file(parent)
    if not path:
        return None
    try:
        spec, replaced = install_layout(Path(path))
    except GoalEditorError as err:
        messages.show_error(parent, TITLE, str(err))
        return None
    again = "（替换了同一编号的原有版式）" if replaced else ""
    messages.show_info(
        parent,
        TITLE,
        f"已导入版式“{spec.name}”（{spec.kind_name}，编号 {spec.id}）{again}。"
        "可在“文档”页的“表格版式”中选用。",
    )
    return spec
