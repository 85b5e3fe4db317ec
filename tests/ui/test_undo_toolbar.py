"""The toolbar's Undo says Undo whatever it undoes: the menu and the tip say what."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QToolBar, QToolButton


def test_the_toolbar_keeps_its_undo_short_and_the_menu_says_what(qtbot, window) -> None:
    window.stack.push(QUndoCommand("Change stage"))
    actions = window.menu_actions
    toolbar = window.findChild(QToolBar)
    button = next(
        b for b in toolbar.findChildren(QToolButton) if b.defaultAction() is actions.undo_action
    )
    assert button.text() == "Undo"
    assert actions.undo_action.text() == "&Undo Change stage"
    assert actions.undo_action.toolTip() == "Undo Change stage"
