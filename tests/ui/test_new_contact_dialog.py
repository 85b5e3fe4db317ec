"""Ctrl+N: the new-contact dialog asks for a name only when the user needs telling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from relate import queries
from ui.dialogs.new_contact_dialog import NewContactDialog
from ui.window.main_window import MainWindow

NAME_NEEDED = "A first or a last name is needed."


def shown_dialog(qtbot) -> NewContactDialog:
    dialog = NewContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_nothing_is_said_until_a_name_is_typed_and_cleared(qtbot, db_path) -> None:
    dialog = shown_dialog(qtbot)
    assert not dialog.hint.isVisible()
    qtbot.keyClicks(dialog.company, "Delta")
    assert not dialog.hint.isVisible()
    qtbot.keyClicks(dialog.first_name, "D")
    qtbot.keyClick(dialog.first_name, Qt.Key.Key_Backspace)
    assert dialog.hint.isVisible() and dialog.hint.text() == NAME_NEEDED
    qtbot.keyClicks(dialog.last_name, "Diaz")
    assert not dialog.hint.isVisible()


def test_saving_without_a_name_is_refused_with_the_sentence_then_a_name_saves(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    seen: list[tuple[bool, bool, bool]] = []

    def fill(dialog: NewContactDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        assert not dialog.hint.isVisible()
        qtbot.keyClicks(dialog.company, "Delta")
        qtbot.keyClick(dialog.company, Qt.Key.Key_Return)  # Enter: OK, too early
        seen.append((dialog.isVisible(), dialog.hint.isVisible(), dialog.first_name.hasFocus()))
        qtbot.keyClicks(dialog.first_name, "Dana")
        assert not dialog.hint.isVisible()
        qtbot.keyClick(dialog.first_name, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(NewContactDialog, "exec", fill)
    before = queries.count_contacts()
    window.menu_actions.new_action.trigger()
    assert seen == [(True, True, True)]  # still open, saying why, at the first name
    assert queries.count_contacts() == before + 1
    assert window.contact_pane.name.text() == "Dana"
