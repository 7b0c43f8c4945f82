"""Several crashed sessions: each autosave is offered on its own, only what the clerk gives
up is deleted, the rest waits for the next start or 文件 → 恢复自动保存…."""
# ruff: noqa: F811  (pytest fixtures imported from gui_helpers)

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from goaleditor import storage
from goaleditor.gui.files.autosave import autosave_dir, find_orphans, write_autosave
from goaleditor.gui.files.recovery_dialog import RecoveryDialog
from gui_helpers import (  # noqa: F401  (fixtures are used by name)
    answers,
    file_dialogs,
    make_window,
    sample_copy,
    small_document,
)


def _leave_autosave(name: str, doc, source: Path | None, age_s: int) -> Path:
    """What a crashed window leaves behind, written *age_s* seconds ago."""
    path = autosave_dir() / f"{name}.json"
    write_autosave(doc, path, source)
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def crashed(tmp_path) -> dict[str, Path]:
    """A Hebei and a Tianjin document, each changed in a window that crashed."""
    left = {}
    for age, name in enumerate(("tianjin_2023.json", "hebei_2020.json")):
        source = sample_copy(tmp_path, name)
        doc = storage.load(source)
        doc.projects[0].name = f"{name} 崩溃前改过"
        left[name] = _leave_autosave(f"77{age}-feed", doc, source, age * 60)
    return left


class DialogScript:
    """Plays the clerk in the list dialog: clicks 恢复/放弃 of rows named by source file,
    or 以后再说; records what the dialog listed."""

    def __init__(self):
        self.steps: list[tuple[str, str]] = []
        self.listed: list[list[str]] = []

    def then(self, action: str, name: str = "") -> DialogScript:
        self.steps.append((action, name))
        return self

    def __call__(self, dialog: RecoveryDialog) -> int:
        self.listed.append([dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())])
        while self.steps:
            action, name = self.steps.pop(0)
            if action == "later":
                dialog.later_button.click()
                break
            key = next(o for o in dialog.orphans if o.source and Path(o.source).name == name)
            buttons = dialog.recover_buttons if action == "recover" else dialog.discard_buttons
            buttons[str(key.path)].click()
            if dialog.result() == RecoveryDialog.DialogCode.Accepted:
                break
        return dialog.result()


@pytest.fixture
def dialog(monkeypatch) -> DialogScript:
    script = DialogScript()
    monkeypatch.setattr(RecoveryDialog, "exec", lambda self: script(self))
    return script


def _names(window) -> str:
    return window.ctx.document.projects[0].name


def test_recovering_one_of_two_keeps_the_other(make_window, crashed, dialog):
    dialog.then("recover", "tianjin_2023.json")
    window = make_window()
    assert dialog.listed == [["“tianjin_2023.json”", "“hebei_2020.json”"]]  # newest first
    assert _names(window) == "tianjin_2023.json 崩溃前改过"
    assert not crashed["tianjin_2023.json"].exists()
    assert crashed["hebei_2020.json"].exists(), "the other crashed window's work is kept"
    message = window.statusBar().currentMessage()
    assert "另有 1 份自动保存，将在下次启动时再询问" in message
    assert "恢复自动保存" in message

    # the next start offers the Hebei work again
    window.ctx.undo_stack.setClean()
    window.close()
    offered_next = [Path(o.source).name for o in find_orphans() if o.source]
    assert offered_next == ["hebei_2020.json"]


def test_three_orphans_give_up_one_recover_one_keep_one(make_window, crashed, dialog, answers):
    third = _leave_autosave("779-beef", small_document(), None, 600)
    answers.expect("放弃")  # the confirmation of 放弃 for the Hebei row
    dialog.then("discard", "hebei_2020.json").then("recover", "tianjin_2023.json")
    window = make_window()
    assert len(dialog.listed[0]) == 3 and dialog.listed[0][2] == "未保存过的新文档"
    assert "hebei_2020.json" in answers.shown[0] and "不能找回" in answers.shown[0]
    assert not crashed["hebei_2020.json"].exists()
    assert not crashed["tianjin_2023.json"].exists()
    assert third.exists()
    assert _names(window) == "tianjin_2023.json 崩溃前改过"
    assert "另有 1 份" in window.statusBar().currentMessage()


def test_giving_up_needs_a_second_yes(make_window, crashed, dialog, answers):
    answers.expect("取消")
    dialog.then("discard", "hebei_2020.json").then("later")
    window = make_window()
    assert all(path.exists() for path in crashed.values())
    assert window.ctx.document.projects == []
    assert "2 份自动保存已保留，将在下次启动时再询问" in window.statusBar().currentMessage()


def test_later_keeps_all_and_the_file_menu_offers_them_again(make_window, crashed, dialog):
    third = _leave_autosave("779-beef", small_document(), None, 600)
    dialog.then("later")
    window = make_window()
    assert all(path.exists() for path in (*crashed.values(), third))
    assert window.ctx.document.projects == []
    assert "3 份自动保存已保留" in window.statusBar().currentMessage()
    assert window.actions_.recover in window.actions_.recent_menu.parentWidget().actions()

    dialog.then("recover", "hebei_2020.json")
    window.actions_.recover.trigger()
    assert len(dialog.listed) == 2 and len(dialog.listed[1]) == 3
    assert _names(window) == "hebei_2020.json 崩溃前改过"
    assert window.isWindowModified()
    assert crashed["tianjin_2023.json"].exists() and third.exists()
    assert "另有 2 份" in window.statusBar().currentMessage()


def test_giving_up_every_row_closes_the_list(make_window, crashed, dialog, answers):
    answers.expect("放弃", "放弃")
    dialog.then("discard", "hebei_2020.json").then("discard", "tianjin_2023.json")
    window = make_window()
    assert dialog.steps == []
    assert find_orphans() == []
    assert window.ctx.document.projects == []


def test_recovery_from_the_menu_asks_to_save_the_open_work_first(
    make_window, crashed, dialog, answers, tmp_path
):
    dialog.then("later")
    (tmp_path / "current").mkdir()
    window = make_window(sample_copy(tmp_path / "current"))
    window.tree.select_projects([0])
    window.tree.duplicate_action.trigger()
    assert window.isWindowModified()
    answers.expect("取消")
    dialog.then("recover", "hebei_2020.json")
    assert not window.offer_recovery(asked=True)
    assert "恢复自动保存前是否保存" in answers.shown[-1]
    assert crashed["hebei_2020.json"].exists(), "kept when the clerk cancels"
    assert "2 份自动保存已保留" in window.statusBar().currentMessage()


def test_menu_says_when_there_is_nothing_to_recover(make_window, answers):
    window = make_window()
    answers.expect("确定")
    window.actions_.recover.trigger()
    assert "没有需要恢复的自动保存" in answers.shown[-1]


def test_one_orphan_can_wait_for_later(make_window, answers):
    left = _leave_autosave("778-cafe", small_document(), None, 0)
    answers.expect("以后再说")
    window = make_window()
    assert "某某县人民检察院" in answers.shown[0] and "2024 年度" in answers.shown[0]
    assert left.exists()
    assert window.ctx.document.projects == []
    assert "1 份自动保存已保留" in window.statusBar().currentMessage()


def test_the_list_tells_new_documents_apart(qtbot, tmp_path):
    hebei = storage.load(sample_copy(tmp_path, "hebei_2020.json"))
    tianjin = storage.load(sample_copy(tmp_path, "tianjin_2023.json"))
    _leave_autosave("771-a", hebei, None, 0)
    _leave_autosave("772-b", tianjin, None, 60)
    dialog = RecoveryDialog(find_orphans())
    qtbot.addWidget(dialog)
    details = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert details == [
        f"{hebei.unit_name} · 2020 年度 · {len(hebei.projects)} 个项目",
        f"{tianjin.unit_name} · 2023 年度 · {len(tianjin.projects)} 个项目",
    ]


def test_an_autosave_another_window_took_meanwhile_is_said(
    make_window, crashed, answers, monkeypatch
):
    def taken_elsewhere(self):
        crashed["hebei_2020.json"].unlink()  # the other window recovered it meanwhile
        self.chosen = next(o for o in self.orphans if o.path == crashed["hebei_2020.json"])
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", taken_elsewhere)
    answers.expect("确定")
    window = make_window()
    assert "已经不在了" in answers.shown[0]
    assert window.ctx.document.projects == []
    assert crashed["tianjin_2023.json"].exists()
