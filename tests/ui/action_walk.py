"""Walking every action and button of a window as Qt triggers them, with the dialogs
they open answered by stubs and closed again.

What a walk finds is whatever reaches the exception hook while an action runs; Qt's
warnings fail the test through pytest-qt (`qt_log_level_fail`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, QObject, QProcess, Qt, QTimer
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMenuBar,
    QMessageBox,
    QToolBar,
    QToolButton,
    QWidget,
)

# How many rows of an item view have their context menu asked for.
CONTEXT_ROWS = 12


@dataclasses.dataclass
class Stubs:
    """What the stubbed dialogs were asked, and the files they hand out."""

    tmp: Path
    open_files: dict[str, Path]  # a file filter's first pattern ("*.csv") -> the file given
    asked: list[str] = dataclasses.field(default_factory=list)
    menus: list[QMenu] = dataclasses.field(default_factory=list)
    saved: int = 0
    folder: Path | None = None  # the folder a folder dialog hands out (None: cancelled)

    def open_folder(self, *args: object, **kwargs: object) -> str:
        self.asked.append("open folder")
        return str(self.folder) if self.folder else ""

    def open_file(self, *args: object, **kwargs: object) -> tuple[str, str]:
        pattern = _first_pattern(_filter_of(args, kwargs))
        self.asked.append(f"open {pattern}")
        path = self.open_files.get(pattern)
        return (str(path), "") if path else ("", "")

    def save_file(self, *args: object, **kwargs: object) -> tuple[str, str]:
        pattern = _first_pattern(_filter_of(args, kwargs))
        self.saved += 1
        self.asked.append(f"save {pattern}")
        suffix = pattern.removeprefix("*") if pattern.startswith("*.") else ".out"
        return str(self.tmp / f"saved-{self.saved}{suffix}"), ""

    def question(self, _parent: object, title: str, *_args: object, **_kwargs: object):
        self.asked.append(f"question {title}")
        return QMessageBox.StandardButton.No

    def message(self, _parent: object, title: str, *_args: object, **_kwargs: object):
        self.asked.append(f"message {title}")
        return QMessageBox.StandardButton.Ok

    def item(self, _parent: object, title: str, *_args: object, **_kwargs: object):
        self.asked.append(f"input {title}")
        return "", False

    def start_process(self, program: str, arguments: list[str], *_args: object):
        self.asked.append(f"start {' '.join(arguments)}")
        return True, 4242

    def catch_menu(self) -> None:
        """Record the next menu that pops up (its actions are walked) and close it,
        ending the `exec()` that showed it."""
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            self.menus.append(popup)
            popup.close()
        elif self._waiting_for_menu:
            QTimer.singleShot(0, self.catch_menu)

    _waiting_for_menu: bool = False


def _filter_of(args: tuple, kwargs: dict) -> str:
    # (parent, caption, dir, filter): Qt's order; Relate passes them by position or name.
    return str(kwargs.get("filter") or (args[3] if len(args) > 3 else ""))


def _first_pattern(file_filter: str) -> str:
    found = re.search(r"\*\.\w+", file_filter)
    return found.group(0).lower() if found else ""


def _exec_and_reject(dialog: QDialog) -> int:
    """A modal dialog shows (its showing code runs), then is cancelled."""
    dialog.show()
    QApplication.processEvents()
    dialog.reject()
    return int(QDialog.DialogCode.Rejected)


def install_stubs(monkeypatch: pytest.MonkeyPatch, stubs: Stubs) -> None:
    """Every question, file dialog and blocking dialog answered without a user."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", stubs.open_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", stubs.save_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", stubs.open_folder)
    monkeypatch.setattr(QMessageBox, "question", stubs.question)
    for name in ("warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, stubs.message)
    monkeypatch.setattr(QInputDialog, "getItem", stubs.item)
    monkeypatch.setattr(QInputDialog, "getText", stubs.item)
    monkeypatch.setattr(QDialog, "exec", _exec_and_reject)
    monkeypatch.setattr(QMessageBox, "exec", _exec_and_reject)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    monkeypatch.setattr(QProcess, "startDetached", stubs.start_process)


def close_dialogs(window: QWidget) -> None:
    """Close whatever an action left open (window-modal dialogs opened with `open()`),
    letting their work finish first."""
    for _ in range(20):
        QApplication.processEvents()
        open_ones = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not window and widget.isVisible() and isinstance(widget, QDialog)
        ]
        if not open_ones:
            return
        for dialog in open_ones:
            dialog.reject()
    raise AssertionError(f"dialogs would not close: {[d.windowTitle() for d in open_ones]}")


def describe(obj: QObject) -> str:
    """Where an action or button sits: its text under the widgets and menus above it,
    each named by its text, its object name or its class of the app's own
    ("MainWindow / TodayPage / todayItem-due / Snooze / For a week")."""
    parts = []
    while obj is not None:
        text = ""
        if isinstance(obj, QMenu):
            text = obj.title()
        elif isinstance(obj, QAction | QAbstractButton):
            text = obj.text()
        if not text and not obj.objectName().startswith("qt_"):
            text = obj.objectName()
        if not text and not type(obj).__module__.startswith("PySide6"):
            text = type(obj).__name__
        if text:
            parts.append(text.replace("&", ""))
        obj = obj.parent()
    return " / ".join(reversed(parts))


def _is_qt_internal(obj: QObject) -> bool:
    """Parts of Qt's own widgets (a calendar popup's month menu), not the app's."""
    while obj is not None:
        if obj.objectName().startswith(("qt_calendar", "_q_")):
            return True
        obj = obj.parent()
    return False


def walkable_actions(window: QWidget) -> list[QAction]:
    """Every action the window owns: its own, its menus' and toolbars', its pages'
    (menus that fill themselves when about to show are asked to, as opening them does)."""
    for menu in window.findChildren(QMenu):
        if not _is_qt_internal(menu):
            menu.aboutToShow.emit()
    return [
        action
        for action in window.findChildren(QAction)
        if not action.isSeparator() and action.menu() is None and not _is_qt_internal(action)
    ]


def walkable_buttons(window: QWidget) -> list[QAbstractButton]:
    """The buttons a user can click on what the window shows now. Buttons that stand for
    an action (tool bars) are walked as actions; buttons that pop a menu are walked
    through the menu's actions."""
    buttons = []
    for button in window.findChildren(QAbstractButton):
        if not (button.isVisible() and button.isEnabled()):
            continue
        if isinstance(button, QToolButton) and (button.menu() or button.defaultAction()):
            continue
        if isinstance(button.parent(), QToolBar | QMenuBar | QLineEdit):
            continue
        if _is_qt_internal(button):
            continue
        buttons.append(button)
    return buttons


def menu_sources(window: QWidget) -> Iterator[tuple[QWidget, tuple[int, ...] | None]]:
    """Where the window offers a context menu now: each visible widget that builds one on
    request, and for a view, each of its first rows (a right-click selects the row)."""
    for widget in window.findChildren(QWidget):
        if widget.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
            continue
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractItemView):
            for path in _row_paths(widget.model(), QModelIndex(), ())[:CONTEXT_ROWS]:
                yield widget, path
        else:
            yield widget, None


def request_menu(widget: QWidget, path: tuple[int, ...] | None, stubs: Stubs) -> list[QAction]:
    """Right-click `widget` (on the row at `path`, row numbers from the top level
    down): the actions of the menu it shows."""
    stubs.menus.clear()
    point = widget.rect().center()
    if isinstance(widget, QAbstractItemView) and path is not None:
        index = QModelIndex()
        for row in path:
            index = widget.model().index(row, 0, index)
        if not index.isValid():
            return []
        widget.setCurrentIndex(index)
        rect = widget.visualRect(index)
        if not rect.isValid():
            return []
        point = rect.center()
    stubs._waiting_for_menu = True
    QTimer.singleShot(0, stubs.catch_menu)
    widget.customContextMenuRequested.emit(point)
    stubs._waiting_for_menu = False
    return [action for menu in stubs.menus for action in _menu_actions(menu)]


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from _menu_actions(action.menu())
        else:
            yield action


def _row_paths(model, parent: QModelIndex, above: tuple[int, ...]) -> list[tuple[int, ...]]:
    found = []
    for row in range(model.rowCount(parent)):
        found.append((*above, row))
        found.extend(_row_paths(model, model.index(row, 0, parent), (*above, row)))
    return found


@dataclasses.dataclass
class Walk:
    """Triggers actions and clicks buttons, each once by where it sits, and keeps what
    went wrong with the name of what was triggered."""

    qtbot: object
    window: QWidget
    stubs: Stubs
    reset: Callable[[], None]
    done: set[str] = dataclasses.field(default_factory=set)
    failures: list[str] = dataclasses.field(default_factory=list)

    def run(self, name: str, trigger: Callable[[], None]) -> None:
        if name in self.done:
            return
        self.done.add(name)
        with self.qtbot.captureExceptions() as exceptions:
            trigger()
            close_dialogs(self.window)
        for _type, value, _tb in exceptions:
            self.failures.append(f"{name}: {type(value).__name__}: {value}")
        if not self.window.isVisible():  # File → Quit
            self.window.show()
        self.reset()

    def actions(self) -> None:
        """Every action of the window, checkable ones in both states."""
        self._each(walkable_actions, lambda action: action.isEnabled(), _trigger)

    def buttons(self) -> None:
        """Every button on show, clicked."""
        self._each(walkable_buttons, lambda button: button.isVisible(), QAbstractButton.click)

    def _each(self, find, ready, trigger) -> None:
        """Trigger each of what `find` gives now, by name, found afresh before each (a
        page rebuilt by the last one holds new objects of the same names)."""
        names = [describe(obj) for obj in find(self.window)]
        for name in dict.fromkeys(names):
            if name in self.done:
                continue
            found = [o for o in find(self.window) if describe(o) == name and ready(o)]
            if found and found[0].isEnabled():
                self.run(name, lambda obj=found[0]: trigger(obj))

    def menus(self) -> None:
        """Every context menu, on each of a view's first rows: each of its actions
        triggered on a menu asked for afresh, as a user right-clicks again."""
        for widget, path in list(menu_sources(self.window)):
            if not shiboken6.isValid(widget):
                continue
            where = describe(widget)
            texts = tuple(a.text() for a in request_menu(widget, path, self.stubs))
            for position, text in enumerate(texts):

                def trigger(widget=widget, where=where, path=path, position=position) -> None:
                    if not shiboken6.isValid(widget):  # replaced by the last action (a chip)
                        widget = self._menu_source(where, path)
                        if widget is None:
                            return
                    actions = request_menu(widget, path, self.stubs)
                    if position < len(actions) and actions[position].isEnabled():
                        actions[position].trigger()

                self.run(f"{where} / menu {texts} / {text}", trigger)

    def _menu_source(self, where: str, path: tuple[int, ...] | None) -> QWidget | None:
        """The widget offering a context menu now that is described as `where`."""
        for widget, its_path in menu_sources(self.window):
            if its_path == path and describe(widget) == where:
                return widget
        return None

    def everything(self) -> None:
        """The page's own buttons and menus first (the window's actions may change
        what the page shows), then every action of the window."""
        self.buttons()
        self.menus()
        self.actions()


def _trigger(action: QAction) -> None:
    """`trigger()` as a menu or a shortcut does; a checkable action both ways."""
    for _ in range(2 if action.isCheckable() else 1):
        if shiboken6.isValid(action) and action.isEnabled():
            action.trigger()
