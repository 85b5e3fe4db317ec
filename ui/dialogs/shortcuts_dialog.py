"""Help → Keyboard shortcuts: every shortcut of the window, read from its actions."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

# Shortcuts that belong to a pane rather than a menu (a QShortcut with its what's-this).
ELSEWHERE = "In the panes"


def keys_text(keys: list[QKeySequence]) -> str:
    """ "Ctrl+Shift+Z, Ctrl+Y", as the platform writes keys."""
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)


def _menu_actions(menu: QMenu, path: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        submenu = action.menu()
        if submenu is not None:
            yield from _menu_actions(submenu, f"{path} → {submenu.title().replace('&', '')}")
        elif not action.isSeparator():
            yield path, action


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(group, what, keys) for every action of the window's menus that has keys, then
    for each pane's own shortcuts, in menu order."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None:
            continue
        for path, action in _menu_actions(menu, menu.title().replace("&", "")):
            if action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                what = action.text().replace("&", "").removesuffix("…")
                rows.append((path, what, keys_text(action.shortcuts())))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and not shortcut.key().isEmpty():
            rows.append((ELSEWHERE, shortcut.whatsThis(), keys_text([shortcut.key()])))
    return rows


class ShortcutsDialog(QDialog):
    """The window's shortcuts, grouped by menu."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        groups: dict[str, QTreeWidgetItem] = {}
        for group, what, keys in shortcut_rows(window):
            if group not in groups:
                groups[group] = QTreeWidgetItem(self.tree, [group])
                font = groups[group].font(0)
                font.setBold(True)
                groups[group].setFont(0, font)
                groups[group].setFirstColumnSpanned(True)
            QTreeWidgetItem(groups[group], [what, keys])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(540, 560)
