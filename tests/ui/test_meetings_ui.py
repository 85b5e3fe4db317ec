"""1-2-1s on the contact pane: plan, edit, cancel, mark held; the card's rhythm and balance."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMenu, QToolButton

from relate import cadence, contacts, meetings, timeline
from relate.dates import day_text, moment_text
from ui.contact.contact_pane import ContactPane
from ui.dialogs.meeting_dialogs import (
    HoldMeetingDialog,
    ScheduleMeetingDialog,
    next_working_morning,
)

SOON = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(10, 30))


def planned_items(pane: ContactPane) -> list[str]:
    """The texts under the timeline's "Planned" header (empty when there is none)."""
    header = pane.timeline.model.item(0)
    if header is None or not header.text().startswith("Planned"):
        return []
    return [header.child(row).text() for row in range(header.rowCount())]


def select_first_meeting(pane: ContactPane) -> None:
    tab = pane.timeline
    pane.tabs.setCurrentWidget(tab)
    tab.tree.setCurrentIndex(tab.model.index(0, 0, tab.model.index(0, 0)))
    assert tab.selected_meeting_id() is not None


def meeting_buttons(pane: ContactPane, row: int = 0) -> dict[str, QToolButton]:
    """The buttons on a planned meeting's row of the timeline, by their text (none: the
    row is not there)."""
    tab = pane.timeline
    pane.tabs.setCurrentWidget(tab)
    header = tab.model.index(0, 0)
    if not (header.data() or "").startswith("Planned"):
        return {}
    box = tab.tree.indexWidget(tab.model.index(row, 0, header))
    return {button.text(): button for button in box.findChildren(QToolButton)} if box else {}


def click_on_row(qtbot, pane: ContactPane, text: str, row: int = 0) -> None:
    """Click a planned meeting's button, as a user does: without selecting the row."""
    button = meeting_buttons(pane, row)[text]
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok_button(dialog: QDialog):  # noqa: ANN201 - a QPushButton
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_a_meeting_planned_in_the_dialog_shows_as_planned_and_ctrl_z_removes_it(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    def fill(dialog: ScheduleMeetingDialog) -> int:
        assert dialog.windowTitle() == "Plan a 1-2-1 with Ann Adams"
        assert dialog.minutes.value() == 60
        dialog.starts_at.setDateTime(QDateTime(SOON))
        dialog.minutes.setValue(45)
        qtbot.keyClicks(dialog.place, "Cafe Luna")  # (QTest types ASCII only)
        dialog.agenda.setPlainText("Her move to Lisbon\nAsk about the timber project")
        assert dialog.ends.text() == "until 11:15"
        assert ok_button(dialog).isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ScheduleMeetingDialog, "exec", fill)
    pane.tabs.setCurrentWidget(pane.card)
    qtbot.mouseClick(pane.timeline.plan_button, Qt.MouseButton.LeftButton)

    (meeting,) = meetings.meetings_for(network["ann"])
    assert (meeting.starts_at, meeting.minutes, meeting.place) == (SOON, 45, "Cafe Luna")
    assert meeting.is_planned
    assert pane.timeline.model.item(0).text() == "Planned (1)"
    (text,) = planned_items(pane)
    assert text == f"{moment_text(SOON, short=True)}–11:15 at Cafe Luna"
    agenda = pane.timeline.model.item(0).child(0).child(0)
    assert agenda.text().startswith("Her move to Lisbon") and agenda.font().italic()

    pane.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane)
    qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert meetings.meetings_for(network["ann"]) == []
    assert planned_items(pane) == []
    pane.timeline.stack.redo()
    assert meetings.meetings_for(network["ann"]) == [meeting]  # the same id again
    assert len(planned_items(pane)) == 1


def test_a_new_meeting_cannot_be_planned_in_the_past_but_an_old_one_can_be_moved(
    qtbot, network
) -> None:
    dialog = ScheduleMeetingDialog("Ann Adams")
    qtbot.addWidget(dialog)
    assert dialog._start() == next_working_morning()
    assert dialog._start().weekday() < 5 and dialog._start().time() == dt.time(10)
    assert ok_button(dialog).isEnabled() and dialog.hint.isHidden()
    dialog.starts_at.setDateTime(QDateTime(dt.datetime(2020, 3, 2, 9, 0)))
    assert not ok_button(dialog).isEnabled()
    assert "passed" in dialog.hint.text() and not dialog.hint.isHidden()

    meeting_id = meetings.schedule_meeting(network["ann"], "2020-03-02 09:00", place="Bar")
    edit = ScheduleMeetingDialog("Ann Adams", None, meetings.get_meeting(meeting_id))
    qtbot.addWidget(edit)
    assert edit.windowTitle() == "Edit the 1-2-1 with Ann Adams"
    assert ok_button(edit).isEnabled()
    assert edit.changes() == {}
    edit.minutes.setValue(90)
    assert edit.changes() == {"minutes": 90}


def test_a_clash_with_another_planned_meeting_is_pointed_out(qtbot, network) -> None:
    meetings.schedule_meeting(network["bob"], SOON, minutes=60)
    dialog = ScheduleMeetingDialog("Ann Adams")
    qtbot.addWidget(dialog)
    dialog.starts_at.setDateTime(QDateTime(SOON + dt.timedelta(minutes=30)))
    assert dialog.clash.text() == "At the same time: 10:30 with Bob Baker"
    assert ok_button(dialog).isEnabled()  # a warning, not a refusal
    dialog.starts_at.setDateTime(QDateTime(SOON + dt.timedelta(hours=1)))
    assert dialog.clash.isHidden()


def test_marking_held_logs_a_1_2_1_fills_the_story_and_moves_the_stage_undo_puts_back(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    ann = network["ann"]
    meeting_id = meetings.schedule_meeting(ann, SOON, place="Café Luna", agenda="Timber")
    pane.timeline.refresh()

    def answer(dialog: HoldMeetingDialog) -> int:
        assert dialog.advance.text() == "Move Ann Adams from connection to 1-2-1"
        assert dialog.advance.isChecked()
        qtbot.keyClicks(dialog.learned, "She wants to move into mass timber")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(HoldMeetingDialog, "exec", answer)
    click_on_row(qtbot, pane, "Mark held…")

    (entry,) = timeline.interactions_for(ann)
    assert (entry.kind, entry.summary, entry.date) == ("1-2-1", "Timber", SOON.date())
    assert entry.notes == "She wants to move into mass timber"
    detail = contacts.get_contact(ann)
    assert detail.stage == "1-2-1"
    learned = f"{day_text(SOON.date())}: She wants to move into mass timber"
    assert detail.story == f"Loves sailing\n\n{learned}"
    assert meetings.get_meeting(meeting_id).status == meetings.HELD
    assert planned_items(pane) == []
    assert "1-2-1" in pane.timeline.model.item(0).child(0).text()
    assert pane.card.stage.currentText() == "1-2-1"
    assert pane.card.story.toPlainText() == detail.story

    pane.timeline.stack.undo()
    assert timeline.interactions_for(ann) == []
    detail = contacts.get_contact(ann)
    assert (detail.stage, detail.story) == ("connection", "Loves sailing")
    assert meetings.get_meeting(meeting_id).is_planned
    assert len(planned_items(pane)) == 1
    assert pane.card.stage.currentText() == "connection"

    pane.timeline.stack.redo()
    assert timeline.interactions_for(ann) == [entry]  # the same entry, same id
    assert contacts.get_contact(ann).stage == "1-2-1"
    assert meetings.get_meeting(meeting_id).interaction_id == entry.id


def test_held_without_moving_the_stage_and_without_notes(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    contacts.update_contact(network["ann"], stage="advocate")
    meetings.schedule_meeting(network["ann"], "2020-01-06 12:00")
    pane.show_contact(network["ann"])
    assert "past: was it held?" in planned_items(pane)[0]

    def answer(dialog: HoldMeetingDialog) -> int:
        assert dialog.advance.isHidden()  # no stage after advocate
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(HoldMeetingDialog, "exec", answer)
    click_on_row(qtbot, pane, "Mark held…")
    (entry,) = timeline.interactions_for(network["ann"])
    assert (entry.summary, entry.notes) == ("1-2-1", "")
    detail = contacts.get_contact(network["ann"])
    assert (detail.stage, detail.story) == ("advocate", "Loves sailing")


def test_a_planned_meeting_is_edited_and_cancelled_from_the_timeline(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    meeting_id = meetings.schedule_meeting(network["ann"], SOON, place="Café Luna")
    pane.timeline.refresh()

    def move(dialog: ScheduleMeetingDialog) -> int:
        dialog.place.setText("Her office")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ScheduleMeetingDialog, "exec", move)
    click_on_row(qtbot, pane, "Edit…")
    assert meetings.get_meeting(meeting_id).place == "Her office"
    assert "at Her office" in planned_items(pane)[0]
    pane.timeline.stack.undo()
    assert meetings.get_meeting(meeting_id).place == "Café Luna"

    click_on_row(qtbot, pane, "Cancel")
    assert meetings.get_meeting(meeting_id).status == meetings.CANCELLED
    assert planned_items(pane) == []
    assert meeting_buttons(pane) == {}
    pane.timeline.stack.undo()
    assert meetings.get_meeting(meeting_id).is_planned
    assert len(planned_items(pane)) == 1


def test_meeting_commands_announce_meetings_changed(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    monkeypatch.setattr(ScheduleMeetingDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(pane.timeline.events.meetings_changed, timeout=0):
        assert pane.plan_meeting()
    assert pane.tabs.currentWidget() is pane.timeline


def test_the_card_shows_the_rhythm_where_it_comes_from_and_a_snooze(
    qtbot, pane: ContactPane, network
) -> None:
    cadence.set_stage_cadence("connection", 30)
    pane.card.refresh()
    assert "Rhythm: every month (from the connection stage)." in pane.card.rhythm.text()
    assert pane.card.cadence.text() == "Default: every month"  # none of her own
    cadence.set_tag_cadence("jazz", 14)
    pane.card.refresh()
    assert "every 2 weeks (from the tag jazz)" in pane.card.rhythm.text()
    contacts.update_contact(network["ann"], cadence_days=90)
    pane.card.refresh()
    assert "Rhythm: every quarter." in pane.card.rhythm.text()

    pane.card.snooze_for(14)
    until = dt.date.today() + dt.timedelta(days=14)
    assert contacts.get_contact(network["ann"]).snoozed_until == until
    assert f"Snoozed until {until:%a} {until.day} {until:%b %Y}." in pane.card.rhythm.text()
    assert pane.card.end_snooze_action.isEnabled()
    pane.card.stack.undo()
    assert contacts.get_contact(network["ann"]).snoozed_until is None
    assert "Snoozed" not in pane.card.rhythm.text()


def test_the_card_counts_given_and_received_as_the_timeline_changes(
    qtbot, pane: ContactPane, network
) -> None:
    card = pane.card
    assert card.balance.isHidden()
    timeline.log_interaction(network["ann"], "received", sub_kind="advice", summary="CV tips")
    pane.timeline.events.timeline_changed.emit(network["ann"])
    assert "Given 0" in card.balance.text() and "Received 1" in card.balance.text()
    assert "only received so far" in card.balance.text()
    pane.timeline.kind.setCurrentText("gave")
    qtbot.keyClicks(pane.timeline.summary, "Sent the RFP")
    qtbot.keyClick(pane.timeline.summary, Qt.Key.Key_Return)
    assert "Given 1" in card.balance.text() and "Received 1" in card.balance.text()
    assert "only received" not in card.balance.text()


def test_a_planned_meeting_goes_to_the_calendar_as_an_ics_file(
    qtbot, pane: ContactPane, network, monkeypatch, tmp_path
) -> None:
    import icalendar
    from PySide6.QtGui import QDesktopServices

    import ui.dialogs.calendar_export

    meeting_id = meetings.schedule_meeting(network["ann"], SOON, place="Café Luna")
    pane.timeline.refresh()
    target = tmp_path / "ann.ics"
    opened = []
    monkeypatch.setattr(ui.dialogs.calendar_export, "ask_ics_path", lambda *args: target)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click_on_row(qtbot, pane, "To calendar…")
    [event] = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event["SUMMARY"] == "1-2-1 with Ann Adams" and event["LOCATION"] == "Café Luna"
    assert event.decoded("DTSTART").replace(tzinfo=None) == SOON
    assert str(meeting_id) in str(event["UID"])
    assert [url.toLocalFile() for url in opened] == [str(target)]


def test_each_planned_meeting_shows_its_steps_on_its_row_without_selecting_it(
    qtbot, pane: ContactPane, network
) -> None:
    meetings.schedule_meeting(network["ann"], SOON, place="Café Luna")
    meetings.schedule_meeting(network["ann"], SOON + dt.timedelta(days=7))
    pane.timeline.refresh()
    assert not pane.timeline.tree.currentIndex().isValid()
    for row in (0, 1):
        buttons = meeting_buttons(pane, row)
        assert list(buttons) == ["Mark held…", "Edit…", "Cancel", "To calendar…"]
        assert all(button.isVisible() and button.isEnabled() for button in buttons.values())
    # The row's text stays readable above its buttons.
    first = pane.timeline.model.index(0, 0, pane.timeline.model.index(0, 0))
    text_line = pane.timeline.tree.visualRect(first)
    button = meeting_buttons(pane)["Mark held…"]
    assert button.mapTo(pane.timeline.tree.viewport(), button.rect().topLeft()).y() > (
        text_line.top() + pane.timeline.tree.fontMetrics().height()
    )
    pane.set_read_only(True)
    assert not any(button.isEnabled() for button in meeting_buttons(pane).values())
    pane.set_read_only(False)
    assert all(button.isEnabled() for button in meeting_buttons(pane).values())


def test_the_right_click_menu_of_a_planned_meeting_offers_the_same_steps(
    qtbot, pane: ContactPane, network
) -> None:
    meeting_id = meetings.schedule_meeting(network["ann"], SOON)
    pane.timeline.refresh()
    shown: list[list[str]] = []

    def choose_cancel() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, choose_cancel)
            return
        shown.append([action.text() for action in menu.actions()])
        menu.close()
        next(action for action in menu.actions() if action.text() == "Cancel").trigger()

    tree = pane.timeline.tree
    select_first_meeting(pane)
    QTimer.singleShot(0, choose_cancel)
    tree.customContextMenuRequested.emit(tree.visualRect(tree.currentIndex()).center())
    assert shown == [["Mark held…", "Edit…", "Cancel", "To calendar…"]]
    assert meetings.get_meeting(meeting_id).status == meetings.CANCELLED


# Times the clocks skip or repeat ---------------------------------------------------------

SPRING_GAP = dt.datetime(2027, 3, 28, 2, 30)  # Europe/Paris: 02:00 becomes 03:00
AUTUMN_TWICE = dt.datetime(2027, 10, 31, 2, 30)  # Europe/Paris: 03:00 becomes 02:00


def test_the_dialog_refuses_a_time_the_clocks_skip_and_says_why(
    qtbot, network, monkeypatch
) -> None:
    monkeypatch.setattr(meetings, "local_zone_name", lambda: "Europe/Paris")
    dialog = ScheduleMeetingDialog("Ann Adams")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.starts_at.setDateTime(QDateTime(SPRING_GAP))
    assert dialog.starts_at.text() == "Sun 28 Mar 2027  02:30"  # shown as typed, not moved
    assert dialog.hint.text() == (
        "There is no 02:30 on Sun 28 Mar 2027 in Europe/Paris: the clocks go forward from"
        " 02:00 to 03:00. Pick another time."
    )
    assert dialog.hint.isVisible() and not ok_button(dialog).isEnabled()
    assert not dialog.which.isVisible() and dialog.ends.text() == ""
    dialog.starts_at.setDateTime(QDateTime(SPRING_GAP + dt.timedelta(minutes=30)))
    assert dialog.hint.isHidden() and ok_button(dialog).isEnabled()


def test_the_dialog_asks_which_of_a_repeated_time_and_keeps_the_answer(
    qtbot, pane: ContactPane, network, monkeypatch
) -> None:
    monkeypatch.setattr(meetings, "local_zone_name", lambda: "Europe/Paris")

    def second(dialog: ScheduleMeetingDialog) -> int:
        dialog.show()
        assert not dialog.which.isVisible()
        dialog.starts_at.setDateTime(QDateTime(AUTUMN_TWICE))
        assert dialog.hint.text() == (
            "02:30 on Sun 31 Oct 2027 happens twice in Europe/Paris: the clocks go back from"
            " 03:00 to 02:00. Say which you mean."
        )
        assert dialog.which.isVisible() and dialog.which.currentIndex() == -1
        assert dialog.which_label.text() == "Which 02:30"
        assert [dialog.which.itemText(i) for i in range(dialog.which.count())] == [
            "The first (CEST, UTC+02:00)",
            "The second (CET, UTC+01:00)",
        ]
        assert not ok_button(dialog).isEnabled()  # until the user says which
        dialog.which.setCurrentIndex(0)
        assert dialog.ends.text() == "until 02:30"  # an hour on: the second 02:30
        dialog.which.setCurrentIndex(1)
        assert dialog.ends.text() == "until 03:30"
        assert ok_button(dialog).isEnabled() and dialog.hint.text().endswith("to 02:00.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ScheduleMeetingDialog, "exec", second)
    qtbot.mouseClick(pane.timeline.plan_button, Qt.MouseButton.LeftButton)
    (meeting,) = meetings.meetings_for(network["ann"])
    assert meeting.starts_at == AUTUMN_TWICE and meeting.starts_at.fold == 1

    edit = ScheduleMeetingDialog("Ann Adams", None, meeting)
    qtbot.addWidget(edit)
    edit.show()
    assert edit.which.currentText() == "The second (CET, UTC+01:00)"
    assert edit.changes() == {} and ok_button(edit).isEnabled()
    edit.which.setCurrentIndex(0)
    [(name, value)] = edit.changes().items()
    assert (name, value, value.fold) == ("starts_at", AUTUMN_TWICE, 0)
