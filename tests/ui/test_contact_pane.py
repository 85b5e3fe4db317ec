"""The contact pane's tabs: timeline entries, follow-ups, met-through and the profile."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from relate import contacts, followups, tags, timeline
from ui.contact import follow_ups_tab
from ui.dialogs.entry_dialog import EntryDialog
from ui.dialogs.profile_dialog import ProfileDialog
from ui.window.main_window import MainWindow


@pytest.fixture
def window(window: MainWindow, network: dict[str, int]) -> MainWindow:
    """The window with Ann Adams selected."""
    assert window.list_pane.select_contact(network["ann"])
    return window


def entry_row(window: MainWindow, month: int = 0, row: int = 0):
    tab = window.contact_pane.timeline
    return tab.model.index(row, 0, tab.model.index(month, 0))


def test_gave_entries_stand_out_and_notes_unfold(window: MainWindow, network) -> None:
    timeline.log_interaction(
        network["ann"], "gave", sub_kind="referral", summary="Sent her the RFP", notes="Due May"
    )
    window.contact_pane.timeline.refresh()
    item = window.contact_pane.timeline.model.item(0).child(0)
    assert "gave: referral" in item.text()
    assert item.font().bold()
    assert item.child(0).text() == "Due May"


def test_the_timeline_dates_its_months_and_entries_as_every_other_date_reads(
    window: MainWindow, network
) -> None:
    timeline.log_interaction(
        network["ann"], "call", date="2024-03-05", time="09:30", summary="Intro"
    )
    timeline.log_interaction(network["ann"], "email", date="2024-11-20", summary="Slides")
    window.contact_pane.tabs.setCurrentWidget(window.contact_pane.timeline)
    window.contact_pane.timeline.refresh()
    model = window.contact_pane.timeline.model
    assert [model.item(row).text() for row in range(model.rowCount())] == [
        "November 2024",
        "March 2024",
    ]
    assert model.item(0).child(0).text().startswith("Wed 20 Nov   email   Slides")
    assert model.item(1).child(0).text().startswith("Tue 5 Mar, 09:30   call   Intro")


def test_an_entry_is_edited_in_its_dialog_and_deleted_with_del(
    qtbot, window: MainWindow, network, monkeypatch
) -> None:
    entry = timeline.log_interaction(network["ann"], "call", date="2026-01-05", summary="Intro")
    window.contact_pane.timeline.refresh()
    tab = window.contact_pane.timeline
    window.contact_pane.tabs.setCurrentWidget(tab)
    tab.tree.setCurrentIndex(entry_row(window))

    def change(dialog: EntryDialog) -> int:
        dialog.summary.setText("Intro call, 20 minutes")
        dialog.kind.setCurrentText("conversation")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EntryDialog, "exec", change)
    tab.edit_selected()
    assert timeline.get_interaction(entry).summary == "Intro call, 20 minutes"
    assert timeline.get_interaction(entry).kind == "conversation"
    window.menu_actions.undo_action.trigger()
    assert timeline.get_interaction(entry).summary == "Intro"

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.tree.setCurrentIndex(entry_row(window))
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert timeline.interactions_for(network["ann"]) == []
    window.menu_actions.undo_action.trigger()
    assert timeline.get_interaction(entry).summary == "Intro"


def test_follow_ups_added_completed_rescheduled_and_deleted(
    qtbot, window: MainWindow, network, monkeypatch
) -> None:
    tab = window.contact_pane.follow_ups
    qtbot.keyClicks(tab.text, "Send the article")
    qtbot.keyClick(tab.text, Qt.Key.Key_Return)
    (item,) = followups.follow_ups_for(network["ann"])
    assert item.text == "Send the article" and item.due == dt.date.today() + dt.timedelta(days=7)
    tab.tree.setCurrentIndex(tab.model.index(0, 1))
    tab.done_button.click()
    assert not followups.follow_ups_for(network["ann"])[0].is_open
    assert tab.model.item(0, 1).font().strikeOut()
    window.menu_actions.undo_action.trigger()
    assert followups.follow_ups_for(network["ann"])[0].is_open
    tab.tree.setCurrentIndex(tab.model.index(0, 1))
    monkeypatch.setattr(follow_ups_tab, "pick_date", lambda *args: dt.date(2030, 1, 2))
    tab.reschedule()
    assert followups.follow_ups_for(network["ann"])[0].due == dt.date(2030, 1, 2)
    tab.tree.setCurrentIndex(tab.model.index(0, 1))
    tab.delete()
    assert followups.follow_ups_for(network["ann"]) == []
    window.menu_actions.undo_action.trigger()
    assert followups.follow_ups_for(network["ann"])[0].due == dt.date(2030, 1, 2)


def test_overdue_follow_ups_are_marked(window: MainWindow, network) -> None:
    followups.add_follow_up(network["ann"], "Call back", "2020-01-01")
    window.contact_pane.follow_ups.refresh()
    assert window.contact_pane.follow_ups.model.item(0, 1).toolTip() == "Overdue"


def test_met_through_is_picked_by_typing_a_name(qtbot, window: MainWindow, network) -> None:
    picker = window.contact_pane.card.met_through
    picker.setFocus()
    qtbot.keyClicks(picker, "Bob")
    completer = picker.completer()
    assert completer.completionModel().rowCount() == 1
    completer.activated[str].emit(completer.completionModel().index(0, 0).data())
    assert contacts.get_contact(network["ann"]).met_through_id == network["bob"]
    window.menu_actions.undo_action.trigger()
    assert contacts.get_contact(network["ann"]).met_through_id is None


def test_stage_and_rhythm_are_edited_on_the_card(qtbot, window: MainWindow, network) -> None:
    card = window.contact_pane.card
    card.stage.setCurrentText("1-2-1")
    card.stage.activated.emit(card.stage.currentIndex())
    card.cadence.setValue(30)
    card.cadence.editingFinished.emit()
    detail = contacts.get_contact(network["ann"])
    assert (detail.stage, detail.cadence_days) == ("1-2-1", 30)
    assert "next due" in card.rhythm.text() or "due since" in card.rhythm.text()


def test_the_profile_sets_common_ground_on_the_card(qtbot, window: MainWindow, network) -> None:
    assert "jazz" not in window.contact_pane.card.common_ground.text()
    dialog = ProfileDialog(window.stack, window.events, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.editor.input, "jazz")
    qtbot.keyClick(dialog.editor.input, Qt.Key.Key_Return)
    assert [t.name for t in tags.my_interests()] == ["cycling", "jazz"]
    assert "jazz" in window.contact_pane.card.common_ground.text()
    dialog.editor.tag_removed.emit("cycling")
    assert [t.name for t in tags.my_interests()] == ["jazz"]


def test_my_profiles_changes_are_undone_with_ctrl_z_in_the_window(
    qtbot, window: MainWindow, network, monkeypatch
) -> None:
    def change(dialog: ProfileDialog) -> int:
        editor = dialog.editor
        qtbot.keyClicks(editor.input, "sailing")  # (no tag to complete: no popup)
        qtbot.keyClick(editor.input, Qt.Key.Key_Return)
        cycling = next(chip for chip in editor._chips if chip.name == "cycling")
        qtbot.mouseClick(cycling.remove_button, Qt.MouseButton.LeftButton)
        assert editor.tags() == ["sailing"]
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ProfileDialog, "exec", change)
    window.menu_actions.profile_action.trigger()
    assert [t.name for t in tags.my_interests()] == ["sailing"]
    card = window.contact_pane.card
    assert "cycling" not in card.common_ground.text()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.list_pane.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in tags.my_interests()] == ["cycling", "sailing"]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.name for t in tags.my_interests()] == ["cycling"]
    assert "cycling" in card.common_ground.text()
