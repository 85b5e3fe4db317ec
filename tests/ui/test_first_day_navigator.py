"""A first-day database has no tags: the navigator says what goes there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from relate import contacts
from ui.window.main_window import MainWindow


def test_with_no_tags_the_interests_say_what_goes_there(
    qtbot, settings: QSettings, db_path: Path
) -> None:
    contacts.create_contact("Ann", "Lee")
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    navigator = window.navigator
    assert navigator.no_tags_hint.isVisible() and not navigator.tag_list.isVisible()
    assert "Ctrl+T" in navigator.no_tags_hint.text()


def test_with_tags_the_list_shows_them(window: MainWindow) -> None:
    assert window.navigator.tag_list.isVisible()
    assert not window.navigator.no_tags_hint.isVisible()
