"""The first run: an empty database opens on the welcome page, which asks for the
user's interests and offers the three ways to begin."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from relate import contacts, queries, tags
from tests.ui.test_import_dialog import connections
from ui.window import demo_launch
from ui.window.main_window import MainWindow


@pytest.fixture
def start(start_app):
    """The app started on a database; the window it opened."""

    def run(path: Path, demo: bool = False) -> MainWindow:
        window = start_app(path, demo)
        assert window is not None
        return window

    return run


def test_an_empty_database_opens_on_the_welcome_page(start, tmp_path: Path) -> None:
    window = start(tmp_path / "new.sqlite")
    assert window.welcome_page is not None
    assert window.pages.currentWidget() is window.welcome_page
    assert "archive" in window.welcome_page.import_button.text()


def test_a_database_with_people_opens_on_today(start, db_path: Path) -> None:
    contacts.create_contact("Ann", "Adams")
    window = start(db_path)
    assert window.welcome_page is None
    assert window.pages.currentWidget() is window.today_page


def test_the_interests_typed_there_are_the_users_own(qtbot, start, tmp_path: Path) -> None:
    window = start(tmp_path / "new.sqlite")
    editor = window.welcome_page.interests
    for name in ("cycling", "Cleveland"):
        qtbot.keyClicks(editor.input, name)
        qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert sorted(tag.name for tag in tags.my_interests()) == ["Cleveland", "cycling"]
    model = window.navigator.tag_model
    shown = {model.item(row).text().split("  ")[0] for row in range(model.rowCount())}
    assert {"cycling", "Cleveland"} <= shown  # the navigator's interests list follows


def test_an_interest_typed_there_is_undone_with_ctrl_z(qtbot, start, tmp_path: Path) -> None:
    window = start(tmp_path / "new.sqlite")
    editor = window.welcome_page.interests
    qtbot.keyClicks(editor.input, "cycling")
    qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert editor.tags() == ["cycling"]
    assert window.menu_actions.undo_action.text() == "&Undo Add 'cycling' to your interests"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.welcome_page.import_button.setFocus()  # (in the box, Ctrl+Z undoes typing)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tags.my_interests() == []
    assert editor.tags() == []
    window.menu_actions.redo_action.trigger()
    assert [tag.name for tag in tags.my_interests()] == ["cycling"] == editor.tags()


def test_start_empty_goes_to_today(start, tmp_path: Path) -> None:
    window = start(tmp_path / "new.sqlite")
    window.welcome_page.empty_button.click()
    assert window.pages.currentWidget() is window.today_page
    assert window.navigator.current_view() == "today"


def test_importing_linkedin_from_there_fills_the_list(
    qtbot, start, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start(tmp_path / "new.sqlite")
    csv = connections(tmp_path / "Connections.csv", 4)
    monkeypatch.setattr("ui.dialogs.import_dialog.choose_import_file", lambda parent, start="": csv)
    window.welcome_page.import_button.click()
    dialog = QApplication.activeModalWidget()
    assert dialog.plan is not None  # read as it opened (the inline runner)
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    assert queries.count_contacts() == 4
    assert window.pages.currentWidget() is window.contacts_splitter
    assert window.navigator.current_view() == "all"


def test_the_demo_opens_in_a_window_of_its_own_beside_the_database(
    start, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        demo_launch.QProcess,
        "startDetached",
        lambda program, arguments: (started.append((program, arguments)) or True, 4242),
    )
    window = start(tmp_path / "new.sqlite")
    window.welcome_page.demo_button.click()
    [(program, arguments)] = started
    assert program == sys.executable
    assert arguments == ["-m", "ui.launcher", "--db", str(tmp_path / "demo.sqlite"), "--demo"]
    assert queries.count_contacts(archived=None) == 0  # the user's own file stays empty
    assert window.pages.currentWidget() is window.welcome_page


def test_a_frozen_app_starts_itself_for_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    program, arguments = demo_launch.demo_command(Path("/data/relate.sqlite"))
    assert program == sys.executable
    assert arguments == ["--db", str(Path("/data/demo.sqlite")), "--demo"]


def test_the_demo_database_opens_filled_and_without_the_welcome(start, tmp_path: Path) -> None:
    window = start(tmp_path / "demo.sqlite", demo=True)
    assert window.welcome_page is None
    assert queries.count_contacts() > 100
