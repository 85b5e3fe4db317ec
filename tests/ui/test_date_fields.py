"""Date and time fields in every form: Tab and Shift+Tab go to the next and previous
field (not the next section of the date), the arrow keys still reach the sections, and
the days read as everywhere else ("Mon 2 Nov 2026  10:00")."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from relate import timeline
from relate.dates import day_text, time_text
from ui.contact.follow_ups_tab import FollowUpsTab
from ui.contact.timeline_tab import TimelineTab
from ui.dialogs.brief_dialog import BriefDialog
from ui.dialogs.entry_dialog import EntryDialog
from ui.dialogs.meeting_dialogs import ScheduleMeetingDialog, next_working_morning
from ui.undo.data_events import DataEvents

SHIFT = Qt.KeyboardModifier.ShiftModifier


def shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def tab_from(qtbot, field: QWidget, backwards: bool = False) -> QWidget:
    """Focus `field`, press Tab (Shift+Tab): where the focus went."""
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    assert QApplication.focusWidget() is field
    qtbot.keyClick(field, Qt.Key.Key_Tab, SHIFT if backwards else Qt.KeyboardModifier.NoModifier)
    return QApplication.focusWidget()


def test_tab_leaves_the_meeting_time_for_the_length_then_the_place(qtbot, network) -> None:
    dialog = shown(qtbot, ScheduleMeetingDialog("Ann Adams"))
    assert tab_from(qtbot, dialog.starts_at) is dialog.minutes
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.place
    assert tab_from(qtbot, dialog.minutes, backwards=True) is dialog.starts_at
    # Shift+Tab from the time goes back too (here: round to the dialog's last field).
    assert tab_from(qtbot, dialog.starts_at, backwards=True) is not dialog.starts_at
    qtbot.keyClick(dialog.starts_at, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not dialog.starts_at


def test_the_arrow_keys_still_move_between_the_sections_of_a_date(qtbot, network) -> None:
    dialog = shown(qtbot, ScheduleMeetingDialog("Ann Adams"))
    start = next_working_morning()
    assert dialog.starts_at.text() == f"{day_text(start.date(), weekday=True)}  10:00"
    dialog.starts_at.setFocus()
    field = dialog.starts_at
    field.setCurrentSectionIndex(0)
    for _ in range(4):  # weekday, day, month, year: then the hour
        qtbot.keyClick(field, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert dialog.values()["starts_at"] == start + dt.timedelta(hours=1)
    assert QApplication.focusWidget() is field


def test_tab_leaves_an_entrys_date_and_time(qtbot, network) -> None:
    entry_id = timeline.log_interaction(
        network["ann"], "call", date="2026-03-02", time="14:30", summary="Intro"
    )
    dialog = shown(qtbot, EntryDialog(timeline.get_interaction(entry_id)))
    assert dialog.date.text() == day_text(dt.date(2026, 3, 2))
    assert dialog.time.text() == time_text(dt.time(14, 30))
    assert tab_from(qtbot, dialog.date) is dialog.has_time
    assert tab_from(qtbot, dialog.time) is dialog.summary
    assert tab_from(qtbot, dialog.time, backwards=True) is dialog.has_time
    assert tab_from(qtbot, dialog.date, backwards=True) is dialog.kind  # (What: off for a call)


@pytest.fixture
def pane_tabs(qtbot, network) -> tuple[QWidget, TimelineTab, FollowUpsTab]:
    stack, events = QUndoStack(), DataEvents()
    holder = QWidget()
    timeline_tab = TimelineTab(stack, events, holder)
    follow_ups_tab = FollowUpsTab(stack, events, holder)
    timeline_tab.show_contact(network["ann"])
    follow_ups_tab.show_contact(network["ann"])
    shown(qtbot, holder)
    return holder, timeline_tab, follow_ups_tab


def test_tab_leaves_the_quick_entrys_date_and_a_follow_ups_due_date(qtbot, pane_tabs) -> None:
    _holder, timeline_tab, follow_ups_tab = pane_tabs
    assert timeline_tab.date.text() == day_text(dt.date.today())
    assert tab_from(qtbot, timeline_tab.date) is timeline_tab.summary
    assert tab_from(qtbot, timeline_tab.date, backwards=True) is timeline_tab.kind
    week = dt.date.today() + dt.timedelta(days=7)
    assert follow_ups_tab.due.text() == day_text(week)
    assert tab_from(qtbot, follow_ups_tab.due, backwards=True) is follow_ups_tab.text


def test_tab_leaves_the_briefs_day(qtbot, window, network) -> None:
    assert window.list_pane.select_contact(network["ann"])
    window.menu_actions.brief_action.trigger()
    dialog = window.findChild(BriefDialog)
    assert dialog.save_button.isEnabled()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    after = tab_from(qtbot, dialog.date_edit)
    assert after is not dialog.date_edit and dialog.isAncestorOf(after)
    # Leaving the day builds the brief again (the inline runner: at once).
    assert dialog.save_button.isEnabled()
    assert tab_from(qtbot, dialog.page_combo, backwards=True) is dialog.date_edit
    dialog.page_combo.setFocus()  # (closing while it builds again is another matter)
    assert dialog.save_button.isEnabled()
    dialog.reject()
