"""Undo commands: every change the clerk makes is one of these, pushed on the undo stack.

They work on plain model objects (a field of an object, or a list attribute of an
owner), so the same few commands serve projects, indicators, goals and tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from .context import EditorContext

#: Id for merging consecutive edits of the same field (typing into one cell).
_MERGE_ID = 1001


class SetFieldCommand(QUndoCommand):
    """``setattr(obj, name, value)``; consecutive edits of the same field merge.

    Editing a project or indicator that rollover marked 待复核 counts as reviewing it:
    the mark goes with the edit, and comes back with its undo.
    """

    def __init__(self, ctx: EditorContext, obj: object, name: str, value: Any, text: str = "修改"):
        super().__init__(text)
        self.ctx, self.obj, self.name = ctx, obj, name
        self.old = getattr(obj, name)
        self.new = value
        self.reviews = name != "needs_review" and getattr(obj, "needs_review", False) is True

    def redo(self) -> None:
        setattr(self.obj, self.name, self.new)
        if self.reviews:
            self.obj.needs_review = False  # type: ignore[attr-defined]
            self.ctx.fieldChanged.emit(self.obj, "needs_review")
        self.ctx.notify_field(self.obj, self.name)

    def undo(self) -> None:
        setattr(self.obj, self.name, self.old)
        if self.reviews:
            self.obj.needs_review = True  # type: ignore[attr-defined]
            self.ctx.fieldChanged.emit(self.obj, "needs_review")
        self.ctx.notify_field(self.obj, self.name)

    def id(self) -> int:
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand):
            return False
        if other.obj is not self.obj or other.name != self.name:
            return False
        if not isinstance(self.new, str):
            return False
        self.new = other.new
        return True


def set_fields(ctx: EditorContext, changes: Sequence[tuple[object, str, Any]], text: str) -> None:
    """Push several field changes as one undo step (a paste, a fill-down …)."""
    changes = [(o, n, v) for o, n, v in changes if getattr(o, n) != v]
    if not changes:
        return
    ctx.undo_stack.beginMacro(text)
    for obj, name, value in changes:
        cmd = SetFieldCommand(ctx, obj, name, value, text)
        cmd.id = lambda: -1  # never merge inside a macro  # type: ignore[method-assign]
        ctx.undo_stack.push(cmd)
    ctx.undo_stack.endMacro()


class InsertItemsCommand(QUndoCommand):
    """Insert *items* into ``owner.<name>`` at *index*."""

    def __init__(
        self,
        ctx: EditorContext,
        owner: object,
        name: str,
        index: int,
        items: Sequence[Any],
        text: str = "插入",
    ):
        super().__init__(text)
        self.ctx, self.owner, self.name = ctx, owner, name
        self.index, self.items = index, list(items)

    def redo(self) -> None:
        lst = getattr(self.owner, self.name)
        lst[self.index : self.index] = self.items
        self.ctx.notify_list(self.owner, self.name)

    def undo(self) -> None:
        lst = getattr(self.owner, self.name)
        del lst[self.index : self.index + len(self.items)]
        self.ctx.notify_list(self.owner, self.name)


class RemoveItemsCommand(QUndoCommand):
    """Remove the items at *indexes* (any order) from ``owner.<name>``."""

    def __init__(
        self,
        ctx: EditorContext,
        owner: object,
        name: str,
        indexes: Sequence[int],
        text: str = "删除",
    ):
        super().__init__(text)
        self.ctx, self.owner, self.name = ctx, owner, name
        lst = getattr(owner, name)
        self.removed = [(i, lst[i]) for i in sorted(set(indexes))]

    def redo(self) -> None:
        lst = getattr(self.owner, self.name)
        for i, _item in reversed(self.removed):
            del lst[i]
        self.ctx.notify_list(self.owner, self.name)

    def undo(self) -> None:
        lst = getattr(self.owner, self.name)
        for i, item in self.removed:
            lst.insert(i, item)
        self.ctx.notify_list(self.owner, self.name)


class MoveItemsCommand(QUndoCommand):
    """Move the contiguous block ``[start, start + count)`` of ``owner.<name>`` to *dest*.

    *dest* is the index the block's first item has after the move.
    """

    def __init__(
        self,
        ctx: EditorContext,
        owner: object,
        name: str,
        start: int,
        count: int,
        dest: int,
        text: str = "移动",
    ):
        super().__init__(text)
        self.ctx, self.owner, self.name = ctx, owner, name
        self.start, self.count, self.dest = start, count, dest

    def _move(self, src: int, dst: int) -> None:
        lst = getattr(self.owner, self.name)
        block = lst[src : src + self.count]
        del lst[src : src + self.count]
        lst[dst:dst] = block
        self.ctx.notify_list(self.owner, self.name)

    def redo(self) -> None:
        self._move(self.start, self.dest)

    def undo(self) -> None:
        self._move(self.dest, self.start)
