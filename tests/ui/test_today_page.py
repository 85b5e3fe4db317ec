"""The Today page, driven through its buttons in the main window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QWidget

from relate import contacts, followups, meetings, queries, timeline
from ui.pages.today_page import ItemRow, TodayPage
from ui.tasks import TaskRunner
from ui.undo.data_events import DataEvents
from ui.window.main_window import MainWindow

TODAY = dt.date.today()


def _menu_choice(row: ItemRow, button: str, choice: str) -> None:
    tool = row.controls[button]
    assert isinstance(tool, QToolButton)
    tool.menu().aboutToShow.emit()  # as a click opens it: a row's menu fills then
    [action] = [a for a in tool.menu().actions() if a.text() == choice]
    action.trigger()


def _sections(page: TodayPage, section: str) -> set[object]:
    return {key for kind, key in page.rows if kind == section}


def _due_person(name: str, days_ago: int, rhythm: int = 30) -> int:
    who = contacts.create_contact(name, stage="conversation", cadence_days=rhythm)
    timeline.log_interaction(who, "call", date=TODAY - dt.timedelta(days=days_ago))
    return who


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The main window on its Today page."""
    window.navigator.choose_view("today")
    return window


def test_the_window_opens_on_today(qtbot, network, db_path: Path, settings) -> None:
    opened = MainWindow(db_path, settings)
    qtbot.addWidget(opened)
    opened.show()
    assert opened.current_page() == "today"
    assert opened.pages.currentWidget() is opened.today_page
    assert opened.today_page.view is not None and opened.today_page.view.on == TODAY
    assert opened.today_page.heading.text().startswith("Today, ")
    # The list's actions wait for the list; it is read once Today has been painted.
    actions = opened.menu_actions
    assert not actions.tag_action.isEnabled() and not actions.brief_action.isEnabled()
    qtbot.waitUntil(lambda: opened.list_pane.model.rowCount() == 12)


def test_a_follow_up_is_done_snoozed_or_opened(qtbot, window: MainWindow, network) -> None:
    ann = network["ann"]
    first = followups.add_follow_up(ann, "Send the article", TODAY - dt.timedelta(days=2))
    second = followups.add_follow_up(ann, "Call back", TODAY)
    window.today_page.refresh()
    page = window.today_page
    assert _sections(page, "follow-up") == {first, second}
    assert "2 days ago" in page.rows[("follow-up", first)].detail.text()

    page.rows[("follow-up", first)].controls["Done"].click()
    qtbot.waitUntil(lambda: _sections(page, "follow-up") == {second})
    assert not followups.follow_ups_for(ann)[-1].is_open

    _menu_choice(page.rows[("follow-up", second)], "Snooze", "For a week")
    qtbot.waitUntil(lambda: _sections(page, "follow-up") == set())
    assert followups.open_follow_ups()[0].due == TODAY + dt.timedelta(days=7)
    # Undo brings the snoozed one back to today, and the done one too.
    window.stack.undo()
    window.stack.undo()
    qtbot.waitUntil(lambda: _sections(page, "follow-up") == {first, second})

    page.rows[("follow-up", first)].controls["Open"].click()
    assert window.current_page() == "contacts"
    assert window.contact_pane.contact_id == ann == window.list_pane.current_id()


def test_logging_from_today_resets_the_rhythm(qtbot, window: MainWindow) -> None:
    due = _due_person("Dora", 35)
    cold = _due_person("Colin", 80)
    page = window.today_page
    page.refresh()
    assert _sections(page, "due") == {due} and _sections(page, "cold") == {cold}
    assert page.view.due_total == 1 and page.view.going_cold_total == 1

    _menu_choice(page.rows[("cold", cold)], "Done", "Called")
    qtbot.waitUntil(lambda: _sections(page, "cold") == set())
    [entry, _] = timeline.interactions_for(cold)
    assert (entry.kind, entry.date) == ("call", TODAY)
    assert contacts.get_contact(cold).next_due == TODAY + dt.timedelta(days=30)

    _menu_choice(page.rows[("due", due)], "Snooze", "Until tomorrow")
    qtbot.waitUntil(lambda: _sections(page, "due") == set())
    assert contacts.get_contact(due).snoozed_until == TODAY + dt.timedelta(days=1)
    window.stack.undo()
    qtbot.waitUntil(lambda: _sections(page, "due") == {due})


def test_planning_a_1_2_1_takes_someone_off_due_until_it_has_passed(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from PySide6.QtCore import QDateTime

    from ui.dialogs.meeting_dialogs import ScheduleMeetingDialog

    dora = _due_person("Dora", 35)
    page = window.today_page
    page.refresh()
    assert _sections(page, "due") == {dora}

    def thursday(dialog: ScheduleMeetingDialog) -> int:
        soon = dt.datetime.combine(TODAY + dt.timedelta(days=2), dt.time(10))
        dialog.starts_at.setDateTime(QDateTime(soon))
        return ScheduleMeetingDialog.DialogCode.Accepted

    monkeypatch.setattr(ScheduleMeetingDialog, "exec", thursday)
    page.rows[("due", dora)].controls["Open"].click()
    window.menu_actions.meet_action.trigger()  # Network → Plan a 1-2-1…
    window.menu_actions.page_actions[0].trigger()  # View → Today
    qtbot.waitUntil(lambda: _sections(page, "due") == set())
    assert len(_sections(page, "meeting")) == 1
    assert "1 1-2-1 this week" in page.summary.text() and "0 due" in page.summary.text()
    window.menu_actions.undo_action.trigger()  # the 1-2-1 is off again: Dora is due again
    qtbot.waitUntil(lambda: _sections(page, "due") == {dora})


def test_the_list_colours_due_and_going_cold(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    due = _due_person("Dora", 35)
    cold = _due_person("Colin", 80)
    window.navigator.choose_view("due")
    model = window.list_pane.model
    assert set(model.contact_ids()) == {due, cold}
    tints = {
        model.contact_id(row): model.index(row, 5).data(Qt.ItemDataRole.BackgroundRole)
        for row in range(model.rowCount())
    }
    assert tints[due] != tints[cold] and None not in tints.values()
    assert (
        model.index(model.row_of(cold), 5)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("Going cold: next due")
    )


def test_a_week_s_meeting_offers_its_brief(qtbot, window: MainWindow, network, monkeypatch) -> None:
    at = dt.datetime.combine(TODAY + dt.timedelta(days=2), dt.time(10, 0))
    meeting_id = meetings.schedule_meeting(network["ann"], at, place="Phoenix Coffee")
    window.events.meetings_changed.emit()
    page = window.today_page
    qtbot.waitUntil(lambda: _sections(page, "meeting") == {meeting_id})
    row = page.rows[("meeting", meeting_id)]
    assert "Ann Adams" in row.title.text() and "Phoenix Coffee" in row.title.text()
    with qtbot.waitSignal(page.brief_requested) as blocker:
        row.controls["Prepare brief"].click()
    assert blocker.args == [network["ann"]]

    # Its "snooze" is moving it: the meeting's own dialog, a day later.
    from ui.dialogs.meeting_dialogs import ScheduleMeetingDialog

    def later(dialog: ScheduleMeetingDialog) -> int:
        dialog.starts_at.setDateTime(dialog.starts_at.dateTime().addDays(1))
        return ScheduleMeetingDialog.DialogCode.Accepted

    monkeypatch.setattr(ScheduleMeetingDialog, "exec", later)
    row.controls["Move…"].click()
    assert meetings.get_meeting(meeting_id).starts_at == at + dt.timedelta(days=1)
    qtbot.waitUntil(lambda: "Ann Adams" in page.rows[("meeting", meeting_id)].title.text())


def test_changes_elsewhere_refresh_today(qtbot, window: MainWindow, network) -> None:
    page = window.today_page
    assert _sections(page, "follow-up") == set()
    window.navigator.choose_view("all")
    window.list_pane.select_contact(network["bob"])
    window.contact_pane.follow_ups.text.setText("Ask about the race")
    window.contact_pane.follow_ups.due.setDate(TODAY)
    window.contact_pane.follow_ups.add_follow_up()
    window.navigator.choose_view("today")
    qtbot.waitUntil(lambda: len(_sections(page, "follow-up")) == 1)
    assert queries.count_contacts() > 0


def test_the_page_is_set_to_refresh_after_midnight(window: MainWindow) -> None:
    timer = window.today_page.freshness.midnight
    assert timer.isActive() and 0 < timer.remainingTime() <= 24 * 3600 * 1000


def test_today_renders(window: MainWindow, tmp_path: Path, network) -> None:
    followups.add_follow_up(network["ann"], "Send the article", TODAY)
    _due_person("Dora", 35)
    window.today_page.refresh()
    window.resize(1300, 800)
    picture = tmp_path / "today.png"
    assert window.grab().save(str(picture))
    assert picture.stat().st_size > 10_000


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def test_a_narrow_page_puts_the_buttons_under_the_text(qtbot, network) -> None:
    """In a narrow window each row's buttons go under its text, and nothing (not even a
    word longer than the row) makes the page scroll sideways."""
    at = dt.datetime.combine(TODAY + dt.timedelta(days=2), dt.time(9, 30))
    meetings.schedule_meeting(network["ann"], at, place="Phoenix Coffee")
    followups.add_follow_up(network["bob"], "Send " + "x" * 300, TODAY)
    page = TodayPage(QUndoStack(), DataEvents(), TaskRunner())
    qtbot.addWidget(page)
    page.refresh()
    page.show()
    rows = list(page.rows.values())
    assert len(rows) >= 2

    page.resize(460, 700)
    qtbot.waitUntil(lambda: not any(row.buttons_beside() for row in rows))
    QApplication.processEvents()
    assert not page.scroll.horizontalScrollBar().isVisible()
    for row in rows:
        text_bottom = _rect_in(row.detail, row).bottom()
        for button in row.controls.values():
            place = _rect_in(button, row)
            assert place.top() > text_bottom and row.rect().contains(place), button.text()

    page.resize(1100, 700)
    qtbot.waitUntil(lambda: all(row.buttons_beside() for row in rows))
    QApplication.processEvents()
    for row in rows:
        text_right = max(_rect_in(row.title, row).right(), _rect_in(row.detail, row).right())
        for button in row.controls.values():
            assert _rect_in(button, row).left() > text_right, button.text()


def test_the_page_shows_each_section_of_the_day_as_the_command_line_does(
    qtbot, window: MainWindow, network
) -> None:
    from relate.cli.loop_commands import today_text

    page = window.today_page
    page.refresh()
    qtbot.waitUntil(lambda: page.view is not None)
    assert page.view is not None
    shown = [label.text() for label in page.findChildren(QLabel)]
    printed = today_text(page.view)
    for section in page.view.sections:
        if not (section.rows or section.shown_when_empty):
            assert not any(text.startswith(section.title) for text in shown), section.title
            assert f"\n{section.title}" not in printed
            continue
        assert any(text.startswith(section.title) for text in shown), section.title
        assert f"\n{section.title}" in printed
        if not section.rows:  # the same words for an empty list, each with its own how-to
            assert any(text.startswith(section.empty_text) for text in shown)
            assert f"\n  {section.empty_text}" in printed
