"""Fixtures for the window tests: a small network, and settings in a temporary file."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from relate import contacts, tags
from relate.store import bulk
from ui.tasks import TaskRunner
from ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def inline_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Background work (reads, imports, exports, briefs, backups, checks) runs at once,
    in order, and answers before `run_in_background` returns: a test sees its result
    without waiting on a signal. `threaded_tasks` puts it back on the worker threads."""
    monkeypatch.setattr(TaskRunner, "inline", True)


@pytest.fixture
def threaded_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real runner: work on the shared pool, answers by signal (tests/ui/test_tasks.py)."""
    monkeypatch.setattr(TaskRunner, "inline", False)


@pytest.fixture(autouse=True)
def notifications(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> list[tuple[str, str]]:
    """No real desktop notification from a test: what would have been shown (unless
    the test sends them for real, to a stand-in service or to none)."""
    from relate.desktop.notifier_loop import NotifierLoop

    shown: list[tuple[str, str]] = []
    if {"notification_service", "no_notification_service"} & set(request.fixturenames):
        return shown

    def record(_self: NotifierLoop, title: str, body: str, *_args: object) -> None:
        shown.append((title, body))

    monkeypatch.setattr(NotifierLoop, "send", record)
    return shown


@pytest.fixture
def network(db_path: Path) -> dict[str, int]:
    """A dozen people with tags; names sort Adams < Baker < … in the list."""
    people = {
        "ann": contacts.create_contact(
            "Ann", "Adams", company="Acme", tag_names=["cycling", "jazz"], story="Loves sailing"
        ),
        "bob": contacts.create_contact("Bob", "Baker", company="Brick", tag_names=["cycling"]),
        "cy": contacts.create_contact("Cy", "Cole", company="Crane", tag_names=["jazz"]),
    }
    ids = bulk.insert_contacts(
        [bulk.NewContact(f"Person{n}", f"Zed{n:02}", company="Zeta") for n in range(9)]
    )
    people["first_zed"] = ids[0]
    tags.set_my_interest("cycling")
    return people


@pytest.fixture
def pane(qtbot, network: dict[str, int]):  # noqa: ANN201 - a ContactPane
    """The contact pane on its own, showing Ann Adams (no entries, no follow-ups yet),
    with Ctrl+Z wired to its undo stack."""
    from PySide6.QtGui import QKeySequence, QUndoStack

    from ui.contact.contact_pane import ContactPane
    from ui.undo.data_events import DataEvents

    stack = QUndoStack()
    widget = ContactPane(stack, DataEvents())
    stack.setParent(widget)
    undo = stack.createUndoAction(widget)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    widget.addAction(undo)
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show_contact(network["ann"])
    widget.show()
    return widget


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, network: dict[str, int], settings: QSettings, db_path: Path) -> MainWindow:
    """The main window over the network, shown, on its contacts page (it opens on
    Today)."""
    win = MainWindow(db_path, settings)
    qtbot.addWidget(win)
    win.show()
    win.navigator.choose_view("all")
    return win


@pytest.fixture
def start_app(qtbot, qapp, settings: QSettings, monkeypatch: pytest.MonkeyPatch):
    """Start the app on a database as `relate` does, without entering the event loop:
    `start_app(path, demo=False)` returns the window it opened, or None (it quit)."""
    from relate.store.database_lock import DatabaseLock
    from ui import app as app_module

    made: list[MainWindow] = []

    def make_window(path: Path) -> MainWindow:
        made.append(MainWindow(path, settings))
        qtbot.addWidget(made[-1])
        return made[-1]

    monkeypatch.setattr(app_module, "MainWindow", make_window)
    monkeypatch.setattr(qapp, "exec", lambda: 0)

    def start(path: Path, demo: bool = False) -> MainWindow | None:
        made.clear()
        args = argparse.Namespace(demo=demo, db=str(path), quit_after_load=False)
        lock = DatabaseLock(path)
        try:
            assert app_module._run_window(qapp, args, path, lock) == 0
        finally:
            lock.release()
        return made[-1] if made else None

    return start


@pytest.fixture
def answer_message_box() -> Callable[..., None]:
    """Arrange for the next message boxes to be answered, one by one, by clicking the
    named buttons."""

    def arrange(button_text: str, *then: str) -> None:
        def click() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, click)
                return
            for button in box.findChildren(QPushButton):
                if button.text().replace("&", "") == button_text:
                    button.click()  # the box is hidden now: the next one is another
                    if then:
                        arrange(*then)
                    return
            raise AssertionError(f"no button {button_text!r} in {box.text()!r}")

        QTimer.singleShot(0, click)

    return arrange


@pytest.fixture(autouse=True)
def no_forgotten_dialogs(qapp):  # noqa: ANN001 - pytest-qt's QApplication
    """A modal dialog no test answers would hang the run: close it and fail instead."""
    stuck: list[str] = []
    seen: dict[int, int] = {}

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            seen.clear()
            return
        seen[id(dialog)] = seen.get(id(dialog), 0) + 1
        if seen[id(dialog)] >= 10:  # about five seconds
            stuck.append(dialog.windowTitle() or type(dialog).__name__)
            dialog.close()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(500)
    yield
    timer.stop()
    assert not stuck, f"a dialog was left open: {stuck}"
