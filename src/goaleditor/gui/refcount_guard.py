"""Work around a PySide6 6.12 reference-count bug on Python 3.11.

PySide6/shiboken6 6.12 returns ``None`` (from every void C++ method) and ``True`` /
``False`` (from some bool ones) without taking a new reference.  From Python 3.12
on those objects are immortal and nothing happens; on 3.11 each call takes one
reference away, and after enough calls — a few thousand clicks, or a test run —
the interpreter aborts with "Fatal Python error: none_dealloc: deallocating None"
and the clerk's unsaved work is lost.  Giving the three singletons a huge extra
count (they are never freed anyway) makes the lost references harmless.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA = 1 << 40


def pin_singletons() -> bool:
    """Give None/True/False a reference count no missing decref can exhaust.

    Only on CPython before 3.12 (immortal objects made this unnecessary), and once.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if getattr(sys, "_goaleditor_pinned", False):
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject in release builds
        ctypes.c_ssize_t.from_address(id(obj)).value += _EXTRA
    sys._goaleditor_pinned = True  # type: ignore[attr-defined]
    return True
