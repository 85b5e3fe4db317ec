"""Introducing two contacts: the dialog, the entries it writes, and undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from relate import followups, introductions, timeline
from ui.contact.contact_pane import ContactPane
from ui.dialogs.introduce_dialog import IntroduceDialog
from ui.undo.commands import FollowUpCommand, run_command
from ui.undo.data_events import DataEvents
from ui.undo.loop_commands import IntroduceCommand
from ui.widgets.contact_picker import ContactPicker


@pytest.fixture
def pane(qtbot, network: dict[str, int]) -> ContactPane:
    """The contact pane on its own, showing Ann Adams."""
    widget = ContactPane(QUndoStack(), DataEvents())
    qtbot.addWidget(widget)
    widget.show_contact(network["ann"])
    widget.show()
    return widget


def pick(qtbot, picker: ContactPicker, typed: str) -> None:
    """Type part of a name and choose the one suggestion."""
    picker.setFocus()
    qtbot.keyClicks(picker, typed)
    completer = picker.completer()
    assert completer.completionModel().rowCount() == 1
    completer.activated[str].emit(completer.completionModel().index(0, 0).data())


def ok_enabled(dialog: IntroduceDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_introducing_writes_both_timelines_and_a_follow_up_and_undo_removes_all(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    ann, bob = network["ann"], network["bob"]

    def fill(dialog: IntroduceDialog) -> int:
        dialog.show()
        assert dialog.first.text() == "Ann Adams"
        assert not ok_enabled(dialog)
        pick(qtbot, dialog.second, "Bob")
        assert not ok_enabled(dialog)
        assert "Say why" in dialog.recorded.text()
        qtbot.keyClicks(dialog.why, "Both cycle to work and build in timber")
        assert ok_enabled(dialog)
        assert "timelines of Ann Adams and Bob Baker" in dialog.recorded.text()
        assert "ask Ann Adams how it went" in dialog.recorded.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(IntroduceDialog, "exec", fill)
    assert pane.introduce()
    assert pane.tabs.currentWidget() is pane.timeline

    for who, other in ((ann, "Bob Baker"), (bob, "Ann Adams")):
        (entry,) = timeline.interactions_for(who)
        assert (entry.kind, entry.sub_kind) == ("gave", "introduction")
        assert entry.summary == f"Introduced to {other}"
        assert entry.notes == "Both cycle to work and build in timber"
    assert "gave: introduction" in pane.timeline.model.item(0).child(0).text()
    (follow_up,) = followups.follow_ups_for(ann)
    assert follow_up.text == "Ask how the introduction to Bob Baker went"
    assert follow_up.due == dt.date.today() + dt.timedelta(days=14)
    assert pane.follow_ups.model.rowCount() == 1
    assert "Given 1" in pane.card.balance.text()
    assert introductions.were_introduced(ann, bob)

    entry_ids = {who: [e.id for e in timeline.interactions_for(who)] for who in (ann, bob)}
    stack = pane.timeline.stack
    stack.undo()
    assert timeline.interactions_for(ann) == timeline.interactions_for(bob) == []
    assert followups.follow_ups_for(ann) == []
    assert not introductions.were_introduced(ann, bob)
    assert pane.timeline.model.rowCount() == 0 and pane.follow_ups.model.rowCount() == 0
    assert pane.card.balance.isHidden()

    stack.redo()
    for who in (ann, bob):  # the same entries, same ids
        assert [e.id for e in timeline.interactions_for(who)] == entry_ids[who]
    assert followups.follow_ups_for(ann) == [follow_up]  # the same follow-up, same id
    assert introductions.were_introduced(ann, bob)


def test_later_changes_to_the_follow_up_survive_undo_and_redo(
    qtbot, pane: ContactPane, network
) -> None:
    """Redoing an introduction brings back the same ids, so what came after still works."""
    stack, events = pane.timeline.stack, pane.timeline.events
    ann, cy = network["ann"], network["cy"]
    assert run_command(stack, IntroduceCommand(events, ann, cy, "Jazz"), pane)
    (follow_up,) = followups.follow_ups_for(ann)
    assert run_command(stack, FollowUpCommand(events, ann, "complete", follow_up.id), pane)
    stack.undo()
    stack.undo()
    assert followups.follow_ups_for(ann) == []
    stack.redo()
    stack.redo()
    (done,) = followups.follow_ups_for(ann)
    assert done.id == follow_up.id and not done.is_open


def test_the_dialog_wants_two_different_people_and_a_reason(qtbot, network) -> None:
    dialog = IntroduceDialog(None, network["ann"], network["ann"], "Sailing")
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog)
    assert dialog.recorded.text() == "Pick two different people."
    dialog.second.clear()
    dialog.second.editingFinished.emit()
    assert "Pick the two people" in dialog.recorded.text()

    fresh = IntroduceDialog(None, network["bob"], network["cy"])
    qtbot.addWidget(fresh)
    assert not ok_enabled(fresh)
    fresh.why.setPlainText("   ")
    assert not ok_enabled(fresh)
    fresh.why.setPlainText("Both like jazz")
    assert ok_enabled(fresh)
    assert fresh.values() == (network["bob"], network["cy"], "Both like jazz")
    assert fresh.warning.isHidden()


def test_introducing_the_same_two_again_is_pointed_out(qtbot, network) -> None:
    introductions.introduce(network["bob"], network["ann"], "Cycling")
    dialog = IntroduceDialog(None, network["ann"], network["bob"], "Again")
    qtbot.addWidget(dialog)
    assert not dialog.warning.isHidden()
    assert "introduced Ann Adams and Bob Baker before" in dialog.warning.text()
    assert ok_enabled(dialog)
