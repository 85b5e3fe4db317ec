"""Pronouns on the card: typed in, saved, shown, and undone like every edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from relate import contacts
from ui.window.main_window import MainWindow


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


def test_merge_asks_which_pronouns_to_keep(qtbot, window: MainWindow, network) -> None:
    robert = contacts.create_contact("Robert", "Smith", company="Acme", pronouns="he/him")
    bob = contacts.create_contact("Bob", "Smith", company="Acme", pronouns="he/they")
    dialog = window.handlers.find_duplicates()
    qtbot.waitUntil(lambda: dialog.pair_list.count() > 0, timeout=10_000)
    panel = dialog.panel
    assert "pronouns" in panel.groups
    widgets = [panel.grid.itemAt(i).widget() for i in range(panel.grid.count())]
    labels = [w.text() for w in widgets if isinstance(w, QLabel)]
    assert "Pronouns:" in labels
    kept = panel.keep.id
    other = bob if kept == robert else robert
    theirs = next(b for b in panel.groups["pronouns"].buttons() if b.property("side") == "drop")
    theirs.click()
    dialog.merge_button.click()
    dialog.reject()
    assert contacts.get_contact(kept).pronouns == ("he/they" if other == bob else "he/him")
