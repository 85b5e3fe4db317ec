"""A tag's category and marks, set from its menu in the navigator or on a card's chip;
needs (what people are looking for) shown apart under "Looking for"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListView, QToolButton, QWidget

from relate import contacts, tags
from tests.ui.action_walk import Stubs, request_menu
from ui.contact.tag_chips import TagChipEditor
from ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
MINE = "One of my interests"


@pytest.fixture
def stubs(tmp_path: Path) -> Stubs:
    return Stubs(tmp_path, {})


def listed(view: QListView) -> list[str]:
    """The tag names a navigator list shows, in order."""
    model = view.model()
    return [
        model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) for row in range(model.rowCount())
    ]


def row_of(view: QListView, name: str) -> tuple[int]:
    return (listed(view).index(name),)


def choose(actions, text: str) -> None:
    """Trigger the menu's action with this text, as a click on it does."""
    (action,) = [action for action in actions if action.text() == text]
    action.trigger()


def chip(editor: TagChipEditor, name: str) -> QWidget:
    (button,) = [
        button
        for button in editor.findChildren(QToolButton)
        if button.accessibleName() == f"Remove tag '{name}'" and button.isVisibleTo(editor)
    ]
    return button.parentWidget()


def undo_with_ctrl_z(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.navigator.tag_list, Qt.Key.Key_Z, CTRL)


def open_card(window: MainWindow, contact_id: int) -> None:
    assert window.list_pane.select_contact(contact_id)
    window.contact_pane.tabs.setCurrentWidget(window.contact_pane.card)


def test_a_tag_made_a_need_in_the_navigator_shows_under_looking_for_and_undoes(
    qtbot, window: MainWindow, network: dict[str, int], stubs: Stubs, db_path: Path
) -> None:
    navigator, card = window.navigator, window.contact_pane.card
    open_card(window, network["ann"])
    assert navigator.needs_heading.isHidden() and navigator.need_list.isHidden()

    actions = request_menu(navigator.tag_list, row_of(navigator.tag_list, "jazz"), stubs)
    [need] = [action for action in actions if action.text() == "need"]
    assert need.isCheckable() and not need.isChecked()
    assert [a.text() for a in actions if a.isChecked()] == ["interest"]
    need.trigger()

    assert navigator.needs_heading.text() == "LOOKING FOR" and navigator.needs_heading.isVisible()
    assert listed(navigator.need_list) == ["jazz"]
    assert "jazz" not in listed(navigator.tag_list)
    assert card.need_editor.tags() == ["jazz"] and card.tag_editor.tags() == ["cycling"]
    relate_tags = subprocess.run(
        [sys.executable, "-m", "relate", "--db", str(db_path), "tags"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert next(line for line in relate_tags if "jazz" in line).split()[-1] == "need"

    undo_with_ctrl_z(qtbot, window)
    assert listed(navigator.tag_list) == ["cycling", "jazz"]
    assert navigator.need_list.isHidden()
    assert card.tag_editor.tags() == ["cycling", "jazz"] and card.need_editor.tags() == []
    window.menu_actions.redo_action.trigger()
    assert listed(navigator.need_list) == ["jazz"]


def test_a_chip_made_a_need_on_the_card_moves_to_looking_for_and_undoes(
    qtbot, window: MainWindow, network: dict[str, int], stubs: Stubs
) -> None:
    card = window.contact_pane.card
    open_card(window, network["ann"])
    labels = [label.text() for label in card.findChildren(QLabel)]
    assert "Interests" in labels and "Looking for" in labels

    choose(request_menu(chip(card.tag_editor, "jazz"), None, stubs), "need")
    assert card.tag_editor.tags() == ["cycling"]
    assert card.need_editor.tags() == ["jazz"]
    assert listed(window.navigator.need_list) == ["jazz"]
    assert window.menu_actions.undo_action.text() == "&Undo Category of 'jazz': need"

    # From the need's own chip, back to an interest: each change one step of undo.
    choose(request_menu(chip(card.need_editor, "jazz"), None, stubs), "expertise")
    assert card.tag_editor.tags() == ["cycling", "jazz"] and card.need_editor.tags() == []
    undo_with_ctrl_z(qtbot, window)
    assert card.need_editor.tags() == ["jazz"]
    undo_with_ctrl_z(qtbot, window)
    assert card.tag_editor.tags() == ["cycling", "jazz"] and card.need_editor.tags() == []
    assert [t.category for t in tags.all_tags()] == ["interest", "interest"]


def test_a_chip_s_menu_marks_a_topic_to_avoid_and_removes(
    window: MainWindow, network: dict[str, int], stubs: Stubs
) -> None:
    card = window.contact_pane.card
    open_card(window, network["ann"])
    choose(request_menu(chip(card.tag_editor, "jazz"), None, stubs), "A topic to avoid")
    assert "Steer clear of:</b> jazz" in card.common_ground.text()
    row = listed(window.navigator.tag_list).index("jazz")
    assert "a topic to avoid" in window.navigator.tag_model.item(row).toolTip()
    actions = request_menu(chip(card.tag_editor, "jazz"), None, stubs)
    assert next(a for a in actions if a.text() == "A topic to avoid").isChecked()
    choose(actions, "Remove")
    assert card.tag_editor.tags() == ["cycling"]
    window.menu_actions.undo_action.trigger()
    window.menu_actions.undo_action.trigger()
    assert card.tag_editor.tags() == ["cycling", "jazz"]
    assert "Steer clear" not in card.common_ground.text()


def test_the_navigator_marks_one_of_my_interests(
    window: MainWindow, network: dict[str, int], stubs: Stubs
) -> None:
    navigator = window.navigator
    choose(request_menu(navigator.tag_list, row_of(navigator.tag_list, "jazz"), stubs), MINE)
    assert [t.name for t in tags.my_interests()] == ["cycling", "jazz"]
    open_card(window, network["cy"])
    assert "★ jazz" in window.contact_pane.card.common_ground.text()
    window.menu_actions.undo_action.trigger()
    assert [t.name for t in tags.my_interests()] == ["cycling"]


def test_adding_under_looking_for_makes_a_need_and_an_interest_of_that_name_is_refused(
    qtbot, window: MainWindow, network: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = window.contact_pane.card
    open_card(window, network["bob"])
    assert card.need_editor.input.placeholderText() == "Add what they look for…"
    qtbot.keyClicks(card.need_editor.input, "a structural engineer")
    qtbot.keyClick(card.need_editor.input, Qt.Key.Key_Return)
    assert card.need_editor.tags() == ["a structural engineer"]
    assert card.tag_editor.tags() == ["cycling"]
    assert listed(window.navigator.need_list) == ["a structural engineer"]

    # Ann's need is the same tag: offered while typing, and kept a need.
    open_card(window, network["ann"])
    card.need_editor.completer.setCompletionPrefix("struct")
    model = card.need_editor.completer.completionModel()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["a structural engineer"]
    qtbot.keyClicks(card.need_editor.input, "A structural engineer")
    qtbot.keyClick(card.need_editor.input, Qt.Key.Key_Return)
    assert card.need_editor.tags() == ["a structural engineer"]
    assert window.navigator.need_model.item(0).text() == "a structural engineer  (2)"

    # "jazz" is an interest: typed under Looking for, it is refused, not made a need.
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.undo.commands.show_error", lambda _parent, message: shown.append(message)
    )
    qtbot.keyClicks(card.need_editor.input, "Jazz")
    qtbot.keyClick(card.need_editor.input, Qt.Key.Key_Return)
    assert shown == [
        "'jazz' is already a tag of the category interest: put the need in other words,"
        " or change that tag's category."
    ]
    assert card.need_editor.tags() == ["a structural engineer"]
    assert card.tag_editor.tags() == ["cycling", "jazz"]

    window.menu_actions.undo_action.trigger()
    assert card.need_editor.tags() == []
    assert [t.name for t in contacts.get_contact(network["bob"]).tags] == [
        "a structural engineer",
        "cycling",
    ]


def test_choosing_tags_combines_interests_and_needs_with_ctrl(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    tags.tag_contacts([network["ann"], network["bob"]], "a lender", "need")
    window.events.tags_changed.emit()
    navigator = window.navigator

    def click(view: QListView, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        point = view.visualRect(view.model().index(listed(view).index(name), 0)).center()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, point)

    click(navigator.need_list, "a lender")
    assert navigator.chosen_tags() == ["a lender"]
    assert window.list_pane.model.rowCount() == 2
    click(navigator.tag_list, "jazz", CTRL)
    assert navigator.chosen_tags() == ["jazz", "a lender"]
    assert window.list_pane.model.rowCount() == 1  # Ann: jazz and a lender
    click(navigator.tag_list, "cycling")
    assert navigator.chosen_tags() == ["cycling"]
    assert window.list_pane.model.rowCount() == 2


def test_today_without_ideas_says_how_to_make_a_need(
    qtbot, db_path: Path, settings: QSettings
) -> None:
    contacts.create_contact("Ann", "Adams")
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    texts = [label.text() for label in window.today_page.findChildren(QLabel)]
    (sentence,) = [text for text in texts if text.startswith("No introduction")]
    assert "right-click a tag → Category → need" in sentence
    assert "under Looking for on their card" in sentence
