"""Help → Keyboard shortcuts: read from the window's actions, so it never goes stale."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidgetItem

from ui.dialogs.shortcuts_dialog import ShortcutsDialog
from ui.window.main_window import MainWindow


def _rows(dialog: ShortcutsDialog) -> dict[str, dict[str, str]]:
    """{group: {action: keys}} as the dialog shows them."""
    shown: dict[str, dict[str, str]] = {}
    for i in range(dialog.tree.topLevelItemCount()):
        group: QTreeWidgetItem = dialog.tree.topLevelItem(i)
        shown[group.text(0)] = {
            group.child(j).text(0): group.child(j).text(1) for j in range(group.childCount())
        }
    return shown


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_help_lists_every_shortcut_of_the_menus(qtbot, window: MainWindow) -> None:
    window.menu_actions.shortcuts_action.trigger()
    dialog = QApplication.activeModalWidget() or window.findChild(ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    shown = _rows(dialog)
    assert shown["File"]["Import"] == _native("Ctrl+Shift+I")
    assert shown["Edit"]["Log an interaction"] == _native("Ctrl+L")
    assert shown["Edit"]["Redo"] == f"{_native('Ctrl+Shift+Z')}, {_native('Ctrl+Y')}"
    assert shown["Network"]["Plan a 1-2-1"] == _native("Ctrl+Shift+M")
    assert shown["View"]["Who do you know who"] == _native("Ctrl+3")
    # Every action of the menus with keys is there, and nothing without keys.
    listed = {what for group in shown.values() for what in group}
    for action in window.findChildren(QAction):
        name = action.text().replace("&", "").removesuffix("…")
        in_a_menu = any(isinstance(o, QMenu) for o in action.associatedObjects())
        if action.shortcuts() and in_a_menu:
            assert name in listed, name
    assert "Back up now" not in listed
    # A pane's own keys, with what they do.
    assert shown["In the panes"]["Delete the timeline entry selected"] == _native("Del")
    dialog.close()


def test_a_new_action_shows_without_touching_the_dialog(qtbot, window: MainWindow) -> None:
    action = window.menuBar().actions()[0].menu().addAction("Reticulate splines")
    action.setShortcut(QKeySequence("Ctrl+Alt+R"))
    dialog = window.handlers.show_shortcuts()
    assert _rows(dialog)["File"]["Reticulate splines"] == _native("Ctrl+Alt+R")
    dialog.close()
