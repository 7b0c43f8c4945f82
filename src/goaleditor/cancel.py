"""Cooperative cancelling of long work running in a worker thread.

The window's 取消 sets an `Event`; the worker runs its work inside
``with cancelling(event):`` and the long loops of the exporters and importers call
`checkpoint()` once per page, sheet or block of rows.  `checkpoint` raises `Cancelled`
once the event is set, so the work stops within one step instead of running to its
end.  Outside a `cancelling` block (the command line, tests) `checkpoint` costs one
attribute look-up and never raises.  Qt-free: the flag is a `threading.Event`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Cancelled(BaseException):
    """The clerk pressed 取消; the work stopped at a checkpoint and wrote nothing.

    A `BaseException`, like `KeyboardInterrupt`: the ``except Exception`` of an importer
    (a damaged file) or of `applog.faults_reported` (a program fault) must not turn a
    cancel into an error message."""


_local = threading.local()


def checkpoint() -> None:
    """Raise `Cancelled` if this thread's work was cancelled."""
    event = getattr(_local, "event", None)
    if event is not None and event.is_set():
        raise Cancelled


@contextmanager
def cancelling(event: threading.Event) -> Iterator[None]:
    """Let `checkpoint` in this thread answer to *event* while the block runs."""
    previous = getattr(_local, "event", None)
    _local.event = event
    try:
        yield
    finally:
        _local.event = previous
