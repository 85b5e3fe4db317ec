"""Pronouns on the card: typed in, saved, shown, and undone like every edit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from relate import contacts
from ui.main_window import MainWindow


def test_pronouns_are_typed_on_the_card_and_undone(qtbot, window: MainWindow, network) -> None:
    assert window.list_pane.select_contact(network["ann"])
    card = window.contact_pane.card
    edit = card.lines["pronouns"]
    edit.setFocus()
    qtbot.keyClicks(edit, "she/her")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert contacts.get_contact(network["ann"]).pronouns == "she/her"
    assert window.menu_actions.undo_action.text() == "&Undo Edit pronouns"
    window.menu_actions.undo_action.trigger()
    assert contacts.get_contact(network["ann"]).pronouns == ""
    assert edit.text() == ""
    window.menu_actions.redo_action.trigger()
    assert contacts.get_contact(network["ann"]).pronouns == "she/her"
    assert edit.text() == "she/her"
