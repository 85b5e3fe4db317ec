"""Introduction ideas on the Today page: Snooze is one undo step, and a read-only
window refuses it, as every other change from the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QToolButton

from relate import contacts, introduction_ideas, tags
from relate.store.db import close_database, open_database
from ui.dialogs.errors import REFUSALS
from ui.pages.today_page import ItemRow
from ui.window.main_window import MainWindow

TOMORROW = dt.date.today() + dt.timedelta(days=1)


def _snooze(row: ItemRow, choice: str) -> None:
    tool = row.controls["Snooze"]
    assert isinstance(tool, QToolButton)
    tool.menu().aboutToShow.emit()  # as a click opens it: a row's menu fills then
    [action] = [a for a in tool.menu().actions() if a.text() == choice]
    action.trigger()


@pytest.fixture
def idea(window: MainWindow, network: dict[str, int]) -> tuple[int, int]:
    """Ann is looking for a structural engineer, and Dee is one: Today suggests
    introducing them. The window shows Today."""
    ann = network["ann"]
    tags.tag_contacts([ann], "a structural engineer", "need")
    dee = contacts.create_contact(
        "Dee", "Dunn", company="Hartwell", position="Structural Engineer", stage="1-2-1"
    )
    window.navigator.choose_view("today")
    window.today_page.refresh()
    assert ("idea", (ann, dee)) in window.today_page.rows
    return ann, dee


def _ideas(window: MainWindow) -> set[object]:
    return {key for kind, key in window.today_page.rows if kind == "idea"}


def test_snoozing_an_idea_is_undone_by_ctrl_z(
    qtbot, window: MainWindow, idea: tuple[int, int]
) -> None:
    page = window.today_page
    _snooze(page.rows[("idea", idea)], "Until tomorrow")
    qtbot.waitUntil(lambda: idea not in _ideas(window))
    assert idea not in {(i.contact_id, i.other_id) for i in introduction_ideas.introduction_ideas()}
    assert window.stack.undoText() == "Snooze introduction idea"
    # Tomorrow it is back.
    tomorrow = introduction_ideas.introduction_ideas(TOMORROW)
    assert idea in {(i.contact_id, i.other_id) for i in tomorrow}

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: idea in _ideas(window))
    assert window.stack.count() == 1 and window.stack.index() == 0  # redo is there
    window.menu_actions.redo_action.trigger()
    qtbot.waitUntil(lambda: idea not in _ideas(window))


def test_a_read_only_window_refuses_to_snooze_an_idea(
    qtbot, window: MainWindow, idea: tuple[int, int], db_path: Path
) -> None:
    window.session.care.set_read_only("This database is open in another Relate window.")
    close_database()
    open_database(db_path, read_only=True)
    page = window.today_page
    said: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        said.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_box)
    _snooze(page.rows[("idea", idea)], "For a week")
    assert said == [REFUSALS["read-only"]]
    assert window.stack.count() == 0
    assert idea in {(i.contact_id, i.other_id) for i in introduction_ideas.introduction_ideas()}
    qtbot.wait(10)  # nothing changed, so nothing is read again: the idea is still on show
    assert idea in _ideas(window)
