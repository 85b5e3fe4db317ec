"""Today's suggestions to move a connection along, driven through their buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from relate import contacts, timeline
from ui.window.main_window import MainWindow

TODAY = dt.date.today()


def _in_touch(name: str, days: int) -> int:
    who = contacts.create_contact(name, "Lee")
    for n in range(days):
        timeline.log_interaction(who, "email", date=TODAY - dt.timedelta(days=10 + n))
    return who


def _shown(window: MainWindow) -> list[int]:
    return [key for kind, key in window.today_page.rows if kind == "stage"]


def test_moving_a_suggestion_along_makes_room_for_the_next_and_says_how_many_are_shown(
    qtbot, window: MainWindow
) -> None:
    people = [_in_touch(f"P{n}", 10 - n) for n in range(7)]  # the busiest first
    window.navigator.choose_view("today")
    page = window.today_page
    page.refresh()
    assert _shown(window) == people[:5]
    texts = [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
    assert "In touch more than their stage says  ·  7" in texts
    assert "showing the first 5" in texts

    page.rows[("stage", people[0])].controls["Move to conversation"].click()
    qtbot.waitUntil(lambda: _shown(window) == people[1:6])
    assert contacts.get_contact(people[0]).stage == "conversation"
    window.stack.undo()
    qtbot.waitUntil(lambda: _shown(window) == people[:5])
    assert contacts.get_contact(people[0]).stage == "connection"


def test_all_suggestions_shown_say_no_more(qtbot, window: MainWindow) -> None:
    _in_touch("Ana", 3)
    window.navigator.choose_view("today")
    window.today_page.refresh()
    texts = [label.text() for label in window.today_page.findChildren(QLabel)]
    assert "In touch more than their stage says  ·  1" in texts
    assert not any(text.startswith("showing the first") for text in texts)
