"""The contact pane with nothing to show says so and what to do next, and the buttons
that could not act are off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from relate import followups
from ui.contact.contact_pane import ContactPane
from ui.window.main_window import MainWindow

NO_FOLLOW_UPS = "No follow-ups yet. Add one above: what you promised and when."
NO_ENTRIES = (
    "Nothing on their timeline yet. Write what happened above and press Enter, "
    "or plan a 1-2-1 below."
)
NOBODY = "Nobody selected. Pick someone in the list, or press Ctrl+N to add someone."


def sentences(widget) -> list[str]:  # noqa: ANN001 - any widget
    """The empty-state sentences a user sees in `widget` now."""
    return [
        label.text() for label in widget.findChildren(QLabel, "emptyState") if label.isVisible()
    ]


def test_no_follow_ups_says_how_to_add_one_and_only_buttons_that_act_are_on(
    qtbot, pane: ContactPane
) -> None:
    tab = pane.follow_ups
    pane.tabs.setCurrentWidget(tab)
    assert sentences(pane) == [NO_FOLLOW_UPS]
    assert not tab.tree.isVisible()
    buttons = (tab.done_button, tab.reschedule_button, tab.delete_button)
    assert not any(button.isEnabled() for button in (tab.add_button, *buttons))

    qtbot.keyClicks(tab.text, "Send the article")
    assert tab.add_button.isEnabled()
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert sentences(pane) == [] and tab.tree.isVisible()
    assert tab.model.item(0, 1).text() == "Send the article"
    assert not tab.add_button.isEnabled()  # the box is empty again
    assert not any(button.isEnabled() for button in buttons)  # nothing selected yet

    tab.tree.setCurrentIndex(tab.model.index(0, 1))
    assert all(button.isEnabled() for button in buttons)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert sentences(pane) == [NO_FOLLOW_UPS]
    assert not any(button.isEnabled() for button in buttons)
    qtbot.keyClick(tab.text, Qt.Key.Key_Return)  # Enter in the empty box: nothing, quietly
    assert sentences(pane) == [NO_FOLLOW_UPS]


def test_an_empty_timeline_says_how_to_begin_it(qtbot, pane: ContactPane, network) -> None:
    tab = pane.timeline
    pane.tabs.setCurrentWidget(tab)
    assert sentences(pane) == [NO_ENTRIES]
    assert not tab.tree.isVisible()
    qtbot.keyClicks(tab.summary, "Met at the SMPS lunch")
    qtbot.keyClick(tab.summary, Qt.Key.Key_Return)
    assert sentences(pane) == [] and tab.tree.isVisible()
    assert "Met at the SMPS lunch" in tab.model.item(0).child(0).text()
    pane.timeline.stack.undo()
    assert sentences(pane) == [NO_ENTRIES]


def test_a_view_with_nobody_in_it_says_how_to_pick_or_add_someone(
    qtbot, window: MainWindow, network
) -> None:
    assert window.list_pane.select_contact(network["ann"])
    assert sentences(window.contact_pane) == []
    assert window.contact_pane.tabs.isVisible()
    window.navigator.choose_view("archived")  # nobody is archived
    assert sentences(window.contact_pane) == [NOBODY]
    assert not window.contact_pane.tabs.isVisible()
    window.navigator.choose_view("all")
    assert window.list_pane.select_contact(network["bob"])
    assert sentences(window.contact_pane) == []
    assert window.contact_pane.name.text() == "Bob Baker"


def test_leaving_read_only_keeps_buttons_without_a_selection_off(
    qtbot, pane: ContactPane, network
) -> None:
    followups.add_follow_up(network["ann"], "Call back", "2030-01-01")
    tab = pane.follow_ups
    tab.refresh()
    pane.tabs.setCurrentWidget(tab)
    pane.set_read_only(True)
    tab.tree.setCurrentIndex(tab.model.index(0, 1))
    assert not tab.done_button.isEnabled()  # a selection does not turn it on
    pane.set_read_only(False)
    assert tab.done_button.isEnabled()
    tab.tree.setCurrentIndex(tab.model.index(-1, -1))
    pane.set_read_only(True)
    pane.set_read_only(False)
    assert not tab.done_button.isEnabled()  # nothing selected: still off
