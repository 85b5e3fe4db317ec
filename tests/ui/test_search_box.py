"""The list's search box finds people by e-mail address and by phone digits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from relate import contacts
from ui.window.main_window import MainWindow


@pytest.fixture
def dana(network: dict[str, int]) -> int:
    return contacts.create_contact(
        "Dana", "Diaz", emails=["dana.diaz@gmail.com"], phones=["+1 (415) 555-0100"]
    )


def shown_names(win: MainWindow) -> list[str]:
    model = win.list_pane.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def type_search(qtbot, win: MainWindow, text: str) -> None:
    box = win.list_pane.search_box
    qtbot.keyClick(win.list_pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)


@pytest.mark.parametrize("typed", ["gmail", "dana.diaz@", "+1 415", "1415", "(415) 555"])
def test_typing_an_address_or_a_number_finds_the_person(
    qtbot, dana: int, window: MainWindow, typed: str
) -> None:
    type_search(qtbot, window, typed)
    qtbot.waitUntil(lambda: shown_names(window) == ["Dana Diaz"])
    assert window.list_pane.count_label.text() == "1 contact matches"
