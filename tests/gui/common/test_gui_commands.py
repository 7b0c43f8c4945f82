"""The shared undo commands, on plain model objects."""

from goaleditor.gui.common.commands import (
    InsertItemsCommand,
    MoveItemsCommand,
    RemoveItemsCommand,
    SetFieldCommand,
    set_fields,
)
from goaleditor.gui.common.context import EditorContext
from goaleditor.model import Document, Indicator, Project


def _ctx():
    doc = Document(projects=[Project(name=n) for n in "ABCD"])
    return EditorContext(doc)


def test_set_field_merges_typing_and_undoes(qtbot):
    ctx = _ctx()
    seen = []
    ctx.fieldChanged.connect(lambda obj, name: seen.append(name))
    p = ctx.document.projects[0]
    ctx.undo_stack.push(SetFieldCommand(ctx, p, "name", "A1"))
    ctx.undo_stack.push(SetFieldCommand(ctx, p, "name", "A12"))
    assert p.name == "A12" and ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert p.name == "A" and seen == ["name", "name", "name"]


def test_list_commands_round_trip(qtbot):
    ctx = _ctx()
    doc = ctx.document
    names = lambda: "".join(p.name for p in doc.projects)  # noqa: E731
    ctx.undo_stack.push(InsertItemsCommand(ctx, doc, "projects", 1, [Project(name="X")]))
    assert names() == "AXBCD"
    ctx.undo_stack.push(RemoveItemsCommand(ctx, doc, "projects", [4, 0]))
    assert names() == "XBC"
    ctx.undo_stack.push(MoveItemsCommand(ctx, doc, "projects", 0, 2, 1))
    assert names() == "CXB"
    for expected in ("XBC", "AXBCD", "ABCD"):
        ctx.undo_stack.undo()
        assert names() == expected
    ctx.undo_stack.redo()
    assert names() == "AXBCD"


def test_set_fields_is_one_step(qtbot):
    ctx = _ctx()
    a, b = Indicator(), Indicator()
    set_fields(ctx, [(a, "value", "≥95%"), (b, "value", "100%"), (b, "name", "")], "粘贴")
    assert (a.value, b.value) == ("≥95%", "100%") and ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert (a.value, b.value) == ("", "")


def test_editing_a_carried_item_reviews_it_and_undo_brings_the_mark_back(qtbot):
    ctx = _ctx()
    row = Indicator(name="发放时限", value="2024年内", needs_review=True)
    ctx.undo_stack.push(SetFieldCommand(ctx, row, "value", "2024年底前"))
    assert row.needs_review is False
    ctx.undo_stack.undo()
    assert row.needs_review is True and row.value == "2024年内"
    ctx.undo_stack.push(SetFieldCommand(ctx, row, "needs_review", False, "确认复核"))
    ctx.undo_stack.undo()
    assert row.needs_review is True


def test_edits_of_different_objects_are_separate_undo_steps(qtbot):
    """Typing merges only into the same field of the same object: renaming project 1
    and then project 2 are two steps, and one undo gives back only project 2's name."""
    ctx = _ctx()
    first, second = ctx.document.projects[:2]
    ctx.undo_stack.push(SetFieldCommand(ctx, first, "name", "甲"))
    ctx.undo_stack.push(SetFieldCommand(ctx, second, "name", "乙"))
    assert ctx.undo_stack.count() == 2
    ctx.undo_stack.undo()
    assert (first.name, second.name) == ("甲", "B")
    ctx.undo_stack.undo()
    assert (first.name, second.name) == ("A", "B")


def test_edits_of_different_fields_of_one_object_are_separate_undo_steps(qtbot):
    ctx = _ctx()
    project = ctx.document.projects[0]
    ctx.undo_stack.push(SetFieldCommand(ctx, project, "name", "甲"))
    ctx.undo_stack.push(SetFieldCommand(ctx, project, "code", "151-01"))
    assert ctx.undo_stack.count() == 2
    ctx.undo_stack.undo()
    assert (project.name, project.code) == ("甲", "")
