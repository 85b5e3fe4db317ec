"""The window on a bad day: an uncaught error, a read-only or damaged database, a
second window on the same file."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from relate import contacts, logs
from relate.store import backups, integrity
from relate.store.database_lock import DatabaseLock
from relate.store.db import close_database, open_database
from tests.core.test_integrity import damage
from ui import app as app_module
from ui.dialogs.crash_dialog import BUG_SENTENCE, CrashDialog, ExceptionHook
from ui.dialogs.errors import REFUSALS
from ui.session.startup_checks import StartupChecks
from ui.window.main_window import MainWindow

SECRET = "Priya's divorce is final next month"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def hook(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(logs.LOG_ENV_VAR, str(tmp_path / "logs"))
    hook = ExceptionHook()
    yield hook
    if hook.dialog is not None:
        hook.dialog.close()


def _raise(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as raised:  # noqa: BLE001 - returned with its traceback
        return raised


def test_an_uncaught_error_is_told_plainly_logged_and_copyable(
    qtbot, hook: ExceptionHook, tmp_path: Path
) -> None:
    hook.report(_raise(ValueError(SECRET)))
    dialog = hook.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    assert dialog.sentence.text() == BUG_SENTENCE
    assert "Traceback" not in dialog.sentence.text()
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "Traceback" in copied and SECRET in copied and "Relate " in copied
    logged = (tmp_path / "logs" / "relate.log").read_text(encoding="utf-8")
    assert "ValueError (message withheld" in logged and SECRET not in logged
    # The same error again (say, in every paint) does not pile up dialogs.
    hook.report(_raise(ValueError("again")))
    assert hook.dialog is dialog and hook.reported == 2
    dialog.reject()
    qtbot.waitUntil(lambda: hook.dialog is None)


def test_the_hook_catches_errors_in_slots_and_the_app_carries_on(
    qtbot, hook: ExceptionHook, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window.handlers, "about", lambda: 1 / 0)
    hook.install()
    try:
        QTimer.singleShot(0, lambda: window.handlers.about())
        qtbot.waitUntil(lambda: hook.dialog is not None)
        hook.dialog.reject()
    finally:
        hook.uninstall()
    window.navigator.choose_view("today")
    assert window.isVisible()


def test_a_refused_change_is_a_sentence_not_a_bug(qtbot, hook: ExceptionHook, tmp_path) -> None:
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA query_only = 1")
    with pytest.raises(sqlite3.OperationalError) as refused:  # SQLite's own, with its code
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    hook.report(refused.value)
    assert hook.dialog.sentence.text() == REFUSALS["read-only"]
    assert not (tmp_path / "logs" / "relate.log").exists()
    hook.dialog.reject()


def test_a_read_only_window_changes_nothing(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path, answer_message_box
) -> None:
    window.open_contact(network["ann"])
    window.session.care.set_read_only("This database is open in another Relate window.")
    close_database()  # flush the log into the file, then compare bytes from here on
    open_database(db_path, read_only=True)
    before = _digest(db_path)
    assert window.session.care.bar.isVisible()
    assert "another Relate window" in window.session.care.bar.text()
    assert window.windowTitle() == "Relate (read-only)"
    actions = window.menu_actions
    for action in (actions.new_action, actions.import_action, actions.tag_action):
        assert not action.isEnabled()
    assert not window.menu_actions.restore_backup_action.isEnabled()
    card = window.contact_pane.card
    assert all(edit.isReadOnly() for edit in card.findChildren(QLineEdit))
    assert all(edit.isReadOnly() for edit in card.findChildren(QPlainTextEdit))
    # A change that reaches the core anyway is refused with a sentence.
    from ui.undo.commands import CreateContactCommand, run_command

    answer_message_box("OK")
    assert not run_command(
        window.stack, CreateContactCommand(window.events, first_name="Z"), window
    )
    assert window.stack.count() == 0
    window.session.upkeep.wait_for_idle()
    assert not window.session.upkeep.is_busy()
    assert _digest(db_path) == before


@pytest.fixture
def damaged_window(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path
) -> tuple[MainWindow, Path]:
    """The window over a file that is damaged after a good backup was made."""
    good = backups.make_backup(db_path, "daily")
    contacts.create_contact("Only", "InTheDamagedFile")
    window.session.upkeep.finish()
    close_database()
    damage(db_path)
    open_database(db_path)
    return window, good


def test_damage_found_at_start_makes_the_window_read_only_and_can_restore(
    qtbot, damaged_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, good = damaged_window
    checks = StartupChecks(db_path, window)
    heard: list[tuple] = []
    checks.damaged.connect(lambda problems, backup: heard.append((problems, backup)))
    monkeypatch.setattr("ui.session.damaged_database.QMessageBox.exec", lambda box: 0)
    checks.start()  # (the inline runner: the verdict is in when `start` returns)
    [(problems, backup)] = heard
    assert problems and backup.path == good
    assert backups.last_backup(db_path).path == good  # no daily copy of a damaged file
    damaged_bytes = _digest(db_path)
    # The user keeps it read-only: nothing is written to it.
    monkeypatch.setattr(
        "ui.session.database_care.DatabaseCare.restore_from", lambda *a: pytest.fail()
    )
    monkeypatch.setattr("ui.session.damaged_database.ask_to_restore", lambda *a: False)
    assert not window.session.care.on_database_damaged(problems, backup)
    assert window.session.care.bar.isVisible() and "damaged" in window.session.care.bar.text()
    assert window.menu_actions.restore_backup_action.isEnabled()
    assert _digest(db_path) == damaged_bytes


def test_restoring_the_offered_backup_brings_the_window_back(
    qtbot, damaged_window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, good = damaged_window
    monkeypatch.setattr("ui.session.damaged_database.ask_to_restore", lambda *a: True)
    backup = integrity.newest_good_backup(db_path)
    assert backup is not None and backup.path == good
    problems = ["Page 3: btreeInitPage() returns error code 11"]
    assert window.session.care.on_database_damaged(problems, backup)
    assert not window.session.care.bar.isVisible()
    assert window.windowTitle() == "Relate"
    assert window.menu_actions.new_action.isEnabled()
    assert [b.reason for b in backups.backups_of(db_path)].count("damaged") == 1
    contacts.create_contact("Writable", "Again")


def test_a_lock_held_by_a_live_process_is_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from relate.store.database_lock import DatabaseLock;"
            f"lock = DatabaseLock({str(path)!r});"
            "print(lock.acquire(), flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout.readline().strip() == "True"
            lock = DatabaseLock(path)
            assert not lock.acquire()
            assert f"process {holder.pid}" in lock.holder()
            if sys.platform != "win32":
                holder.send_signal(signal.SIGKILL)
                holder.wait()
                # A crashed window's lock is taken over.
                assert lock.acquire()
                lock.release()
        finally:
            holder.kill()


def test_a_second_window_on_the_same_file_opens_read_only_or_quits(
    start_app, network: dict[str, int], db_path: Path, monkeypatch
) -> None:
    first = DatabaseLock(db_path)
    assert first.acquire()
    try:
        monkeypatch.setattr(app_module, "ask_already_open", lambda lock: False)
        assert start_app(db_path) is None
        monkeypatch.setattr(app_module, "ask_already_open", lambda lock: True)
        second = start_app(db_path)
        assert second.session.care.reason and "another Relate window" in second.session.care.reason
        assert f"process {os.getpid()}" in second.session.care.reason
    finally:
        first.release()
