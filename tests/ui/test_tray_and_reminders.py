"""Relate beyond its window: reminders at their time (a fake clock), the tray icon's
menu driven as a user drives it, and closing the window into the tray."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMenu

from relate import contacts, followups, meetings, timeline
from relate.desktop.notifier_loop import THREAD_NAME
from tests.conftest import NotificationService
from ui.desktop import presence as presence_module
from ui.desktop.presence import KEEP_IN_TRAY_KEY
from ui.desktop.reminder_clock import LEAD_KEY
from ui.dialogs.brief_dialog import BriefDialog
from ui.window.main_window import MainWindow

TODAY = dt.date.today()
# A fake "now" on today's date: what is due then is what the tests planned.
MORNING = dt.datetime.combine(TODAY, dt.time(9, 0))


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.moment = now

    def __call__(self) -> dt.datetime:
        return self.moment


class Messages:
    """What the tray icon showed as messages (offscreen shows none)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def __call__(self, title: str, body: str, *_args: object) -> None:
        self.shown.append((title, body))


def _open_window(qtbot, db_path: Path, settings: QSettings, clock: FakeClock) -> MainWindow:
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.presence.clock.now = clock
    # Time passes quickly: a tick every few milliseconds.
    window.presence.clock.timer.setInterval(5)
    window.presence.clock._first.setInterval(1)
    window.show()
    return window


@pytest.fixture
def with_tray(monkeypatch: pytest.MonkeyPatch, qapp) -> list[int]:
    """A desktop with a tray (offscreen has none: the icon is made anyway); the app's
    end recorded, not made."""
    ended: list[int] = []
    monkeypatch.setattr(presence_module, "tray_available", lambda: True)
    monkeypatch.setattr(QApplication, "exit", lambda code=0: ended.append(code))
    yield ended
    QApplication.setQuitOnLastWindowClosed(True)


def _tray_messages(window: MainWindow) -> Messages:
    messages = Messages()
    assert window.presence.tray is not None
    window.presence.tray.icon.showMessage = messages  # as the desktop would show them
    return messages


def _submenu(menu: QMenu, title: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and action.text() == title:
            return action.menu()
    raise AssertionError(f"no {title!r} in {[a.text() for a in menu.actions()]}")


def _action(menu: QMenu, text: str):  # noqa: ANN202 - a QAction
    for action in menu.actions():
        if action.text() == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def test_a_follow_up_reminds_at_its_time_once_as_a_desktop_notification(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, notifications
) -> None:
    followups.add_follow_up(network["ann"], "Send the article", TODAY, dt.time(9, 30))
    clock = FakeClock(MORNING)
    window = _open_window(qtbot, db_path, settings, clock)
    assert window.presence.tray is None  # offscreen: no tray, so notifications
    window.presence.start()
    qtbot.wait(50)
    assert notifications == []  # not yet its time
    clock.moment = MORNING.replace(minute=30)
    qtbot.waitUntil(lambda: len(notifications) == 1)
    assert notifications == [("Follow-up", "Ann Adams at 09:30: Send the article")]
    clock.moment += dt.timedelta(minutes=1)
    qtbot.wait(50)
    assert len(notifications) == 1  # once, however many ticks come after


def test_what_came_due_in_a_sleep_shows_once_as_one_summary_on_waking(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, notifications
) -> None:
    for hour, text in ((10, "Call back"), (11, "Send the deck")):
        followups.add_follow_up(network["bob"], text, TODAY, dt.time(hour, 0))
    clock = FakeClock(MORNING)
    window = _open_window(qtbot, db_path, settings, clock)
    moved_on: list[bool] = []
    window.presence.clock.moved_on.connect(lambda: moved_on.append(True))
    window.presence.start()
    qtbot.wait(30)
    clock.moment = MORNING.replace(hour=15)  # the lid was shut from nine to three
    qtbot.waitUntil(lambda: bool(notifications))
    qtbot.wait(30)
    assert notifications == [
        ("2 missed reminders", "Bob Baker at 10:00: Call back\nBob Baker at 11:00: Send the deck")
    ]
    assert moved_on  # the wake was noticed: today's lists are read again


def test_a_1_2_1_reminds_its_lead_before_and_the_message_opens_its_brief(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    meetings.schedule_meeting(network["cy"], dt.datetime.combine(TODAY, dt.time(10, 0)))
    settings.setValue(LEAD_KEY, 45)
    clock = FakeClock(MORNING)
    window = _open_window(qtbot, db_path, settings, clock)
    messages = _tray_messages(window)
    window.presence.start()
    qtbot.wait(30)
    assert messages.shown == []  # 09:00 is an hour before: not yet
    clock.moment = MORNING.replace(minute=15)  # 45 minutes before
    qtbot.waitUntil(lambda: bool(messages.shown))
    assert messages.shown == [("1-2-1 with Cy Cole", "Starts at 10:00. Prepare the brief?")]
    window.hide()
    window.presence.tray.icon.messageClicked.emit()  # the user clicks the message
    briefs = window.findChildren(BriefDialog)
    assert [brief.contact_id for brief in briefs] == [network["cy"]]
    assert window.isVisible()
    briefs[0].close()


def test_the_tray_shows_what_is_due_and_its_menu_does_what_today_does(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    follow_up = followups.add_follow_up(network["ann"], "Send the article", TODAY)
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    tray = window.presence.tray
    assert tray.icon.toolTip().startswith("Relate: 1 follow-up due")
    menu = tray.icon.contextMenu()
    item = _submenu(menu, "Ann Adams: Send the article")
    _action(item, "Done").trigger()
    assert followups.follow_ups_for(network["ann"])[0].done_at is not None
    qtbot.waitUntil(lambda: "Ann Adams: Send the article" not in [a.text() for a in menu.actions()])
    assert tray.icon.toolTip().startswith("Relate: 0 follow-ups due")
    window.menu_actions.undo_action.trigger()  # one undo step, as on the Today page
    assert followups.follow_ups_for(network["ann"])[0].done_at is None
    qtbot.waitUntil(lambda: "Ann Adams: Send the article" in [a.text() for a in menu.actions()])

    item = _submenu(menu, "Ann Adams: Send the article")
    _action(_submenu(item, "Snooze"), "Until tomorrow").trigger()
    due = [f for f in followups.follow_ups_for(network["ann"]) if f.id == follow_up][0].due
    assert due == TODAY + dt.timedelta(days=1)

    window.hide()
    _action(menu, "Open Relate").trigger()
    assert window.isVisible()


def test_a_due_contact_is_done_or_opened_from_the_tray(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    dora = contacts.create_contact("Dora", "Dale", stage="conversation", cadence_days=30)
    timeline.log_interaction(dora, "call", date=TODAY - dt.timedelta(days=35))
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    menu = window.presence.tray.icon.contextMenu()
    item = _submenu(menu, "Dora Dale")
    window.hide()
    _action(item, "Open").trigger()
    assert window.isVisible() and window.contact_pane.contact_id == dora
    _action(_submenu(item, "Done"), "Called").trigger()
    entries = timeline.interactions_for(dora)
    assert (entries[0].kind, entries[0].summary, entries[0].date) == (
        "call",
        "Kept in touch",
        TODAY,
    )


def test_closing_keeps_relate_in_the_tray_when_asked_and_quit_really_quits(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    messages = _tray_messages(window)
    assert window.close()  # off by default: closing closes
    assert with_tray == [0]
    window.show()
    with_tray.clear()
    window.presence.clock.start()

    settings.setValue(KEEP_IN_TRAY_KEY, True)
    assert not window.close()
    assert not window.isVisible() and with_tray == []
    assert [title for title, _ in messages.shown] == ["Relate is in the tray"]
    menu = window.presence.tray.icon.contextMenu()
    _action(menu, "Open Relate").trigger()
    assert not window.close()
    assert len(messages.shown) == 1  # said once
    _action(menu, "Quit").trigger()
    assert not window.isVisible() and with_tray == [0]
    assert not window.presence.clock.timer.isActive()


def test_file_quit_quits_even_when_closing_keeps_relate_in_the_tray(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    settings.setValue(KEEP_IN_TRAY_KEY, True)
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    window.menu_actions.quit_action.trigger()
    assert not window.isVisible() and with_tray == [0]


def test_log_an_interaction_from_the_tray_asks_who_when_nobody_is_on_show(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    window.hide()
    _action(window.presence.tray.icon.contextMenu(), "Log an interaction…").trigger()
    assert window.isVisible()
    assert window.current_page() == "contacts"
    assert "Ctrl+L" in window.statusBar().currentMessage()


def test_reminders_due_together_make_one_tray_message(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray
) -> None:
    followups.add_follow_up(network["ann"], "Send the article", TODAY, dt.time(9, 30))
    meetings.schedule_meeting(network["cy"], dt.datetime.combine(TODAY, dt.time(10, 0)))
    clock = FakeClock(MORNING.replace(minute=30))
    window = _open_window(qtbot, db_path, settings, clock)
    messages = _tray_messages(window)
    window.presence.start()
    qtbot.waitUntil(lambda: bool(messages.shown))
    qtbot.wait(30)
    assert messages.shown == [
        ("2 reminders", "Ann Adams at 09:30: Send the article\n1-2-1 with Cy Cole at 10:00")
    ]
    window.hide()
    window.presence.tray.icon.messageClicked.emit()
    assert window.isVisible() and window.current_page() == "today"


def test_a_reminder_no_notification_could_show_is_said_in_the_window(
    qtbot,
    network: dict[str, int],
    db_path: Path,
    settings: QSettings,
    no_notification_service: None,
) -> None:
    followups.add_follow_up(network["ann"], "Send the article", TODAY, dt.time(9, 0))
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    qtbot.waitUntil(lambda: "Send the article" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "Follow-up: Ann Adams at 09:00: Send the article"
    )
    window.close()
    assert not _notifier_threads()


def _notifier_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == THREAD_NAME]


def _sent(window: MainWindow, service: NotificationService) -> list[dict]:
    """What the window's notifications showed, once they have reached the service."""
    window.presence.notices.notifier.settle()
    return service.sent()


def test_a_1_2_1_notification_prepares_its_brief_and_a_click_opens_the_contact(
    qtbot,
    network: dict[str, int],
    db_path: Path,
    settings: QSettings,
    notification_service: NotificationService,
) -> None:
    meetings.schedule_meeting(network["cy"], dt.datetime.combine(TODAY, dt.time(10, 0)))
    followups.add_follow_up(network["ann"], "Send the article", TODAY, dt.time(10, 30))
    clock = FakeClock(MORNING.replace(minute=30))
    window = _open_window(qtbot, db_path, settings, clock)
    assert window.presence.tray is None  # offscreen: no tray, so desktop notifications
    window.presence.start()
    qtbot.waitUntil(lambda: window.presence.notices.notifier.running)
    [meeting] = _sent(window, notification_service)
    assert (meeting["app"], meeting["summary"], meeting["body"]) == (
        "Relate",
        "1-2-1 with Cy Cole",
        "Starts at 10:00. Prepare the brief?",
    )
    keys = dict(zip(meeting["actions"][1::2], meeting["actions"][::2], strict=True))
    assert list(keys) == ["", "Prepare brief"]  # the body's click, and the button
    window.hide()
    notification_service.click(meeting["id"], keys["Prepare brief"])
    qtbot.waitUntil(lambda: bool(window.findChildren(BriefDialog)))
    [brief] = window.findChildren(BriefDialog)
    assert brief.contact_id == network["cy"] and window.isVisible()
    brief.close()

    clock.moment = MORNING.replace(hour=10, minute=30)
    qtbot.waitUntil(lambda: len(notification_service.sent()) == 2)
    follow_up = _sent(window, notification_service)[1]
    assert follow_up["summary"] == "Follow-up"
    assert follow_up["actions"] == ["default", ""]  # no brief for a follow-up
    notification_service.click(follow_up["id"])
    qtbot.waitUntil(
        lambda: (
            window.current_page() == "contacts" and window.contact_pane.contact_id == network["ann"]
        )
    )

    assert _notifier_threads()
    window.close()
    assert not _notifier_threads()  # closing the window ends the notifier's thread


def test_clicking_a_summary_notification_opens_today(
    qtbot,
    network: dict[str, int],
    db_path: Path,
    settings: QSettings,
    notification_service: NotificationService,
) -> None:
    for hour, text in ((6, "Call back"), (7, "Send the deck")):
        followups.add_follow_up(network["bob"], text, TODAY, dt.time(hour, 0))
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    qtbot.waitUntil(lambda: window.presence.notices.notifier.running)
    [summary] = _sent(window, notification_service)
    assert summary["summary"] == "2 missed reminders"
    window.navigator.choose_view("all")
    window.hide()
    notification_service.click(summary["id"])
    qtbot.waitUntil(lambda: window.current_page() == "today")
    assert window.isVisible()
    window.close()


def test_a_long_follow_up_or_a_name_with_an_ampersand_reads_as_written_in_the_tray(
    qtbot, db_path: Path, settings: QSettings, with_tray
) -> None:
    who = contacts.create_contact("Ann", "Smith & Jones")
    followups.add_follow_up(who, "Send the notes " + "and the slides " * 10, TODAY)
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    texts = [a.text() for a in window.presence.tray.icon.contextMenu().actions()]
    [item] = [text for text in texts if text.startswith("Ann Smith")]
    assert item.startswith("Ann Smith && Jones: Send the notes and the slides")
    assert item.endswith("…") and len(item) <= 61


@pytest.fixture
def today_reads(monkeypatch: pytest.MonkeyPatch) -> list[dt.date | None]:
    """Each read of Today's lists, as it happens."""
    from relate import today

    reads: list[dt.date | None] = []
    read = today.today_view

    def counted(on: dt.date | None = None, **kwargs: object) -> today.TodayView:
        reads.append(on)
        return read(on, **kwargs)

    monkeypatch.setattr(today, "today_view", counted)
    return reads


def test_one_change_is_one_read_of_today_for_the_page_and_the_tray(
    qtbot, network: dict[str, int], db_path: Path, settings: QSettings, with_tray, today_reads
) -> None:
    followups.add_follow_up(network["ann"], "Send the article", TODAY)
    window = _open_window(qtbot, db_path, settings, FakeClock(MORNING))
    window.presence.start()
    page, menu = window.today_page, window.presence.tray.icon.contextMenu()
    assert window.current_page() == "today" and len(today_reads) == 1  # one, at start
    today_reads.clear()
    item = _submenu(menu, "Ann Adams: Send the article")
    _action(item, "Done").trigger()
    qtbot.waitUntil(lambda: "Ann Adams: Send the article" not in [a.text() for a in menu.actions()])
    assert not page.view.follow_ups and "0 follow-ups due" in page.summary.text()
    qtbot.wait(50)
    assert len(today_reads) == 1

    # With the page hidden the tray still follows each change, and the page shows the
    # same read when it is shown again.
    window.navigator.choose_view("all")
    today_reads.clear()
    window.menu_actions.undo_action.trigger()
    qtbot.waitUntil(lambda: "Ann Adams: Send the article" in [a.text() for a in menu.actions()])
    window.navigator.choose_view("today")
    assert "1 follow-up due" in page.summary.text()
    qtbot.wait(50)
    assert len(today_reads) == 1
