import threading

import pytest

from goaleditor.cancel import Cancelled, cancelling, checkpoint


def test_checkpoint_outside_a_cancelling_block_never_raises():
    checkpoint()


def test_checkpoint_raises_once_the_event_is_set_and_only_in_its_thread():
    event = threading.Event()
    seen = []
    with cancelling(event):
        checkpoint()
        event.set()
        other = threading.Thread(target=lambda: (checkpoint(), seen.append("ran")))
        other.start()
        other.join()
        with pytest.raises(Cancelled):
            checkpoint()
    assert seen == ["ran"]
    checkpoint()  # the block ended: no longer cancelled


def test_nested_blocks_restore_the_outer_event():
    outer, inner = threading.Event(), threading.Event()
    outer.set()
    with cancelling(outer):
        with cancelling(inner):
            checkpoint()
        with pytest.raises(Cancelled):
            checkpoint()
