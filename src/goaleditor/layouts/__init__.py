"""Official layouts (版式) as data: layout files, their checks and the list of layouts.

No Qt and no grid here: `forms` renders a `LayoutSpec` into `grid.Form`s.
"""

from __future__ import annotations

from .page import PageSize, page_size
from .registry import (
    Registry,
    builtin_dir,
    builtin_layout,
    install_layout,
    registry,
    user_layout_dir,
)
from .spec import KIND_NAMES, LayoutError, LayoutField, LayoutSpec, load_layout, parse_layout

__all__ = [
    "KIND_NAMES",
    "LayoutError",
    "LayoutField",
    "LayoutSpec",
    "PageSize",
    "Registry",
    "builtin_dir",
    "builtin_layout",
    "install_layout",
    "load_layout",
    "page_size",
    "parse_layout",
    "registry",
    "user_layout_dir",
]
