"""The window and the command line on one file: what `relate` writes while the window
is open appears in it, without a restart, and never over what the user is typing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt

from relate import contacts, timeline
from relate.store.database_lock import DatabaseLock
from relate.store.db import close_database, open_database
from ui.window.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def relate(db_path: Path, *argv: str) -> str:
    """Run the real command line on the window's file, in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "relate", "--db", str(db_path), *argv],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_what_the_command_line_writes_appears_in_the_open_window(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path
) -> None:
    window.session.external_changes.timer.setInterval(20)  # the user would wait two seconds
    window.list_pane.select_contact(network["bob"])
    assert window.count_label.text() == "12 contacts"

    relate(db_path, "add", "Dana", "Dunn", "--company", "Delta")
    qtbot.waitUntil(lambda: window.count_label.text() == "13 contacts", timeout=5000)
    dana = contacts.find_contacts("Dana Dunn")[0]
    assert window.list_pane.model.row_of(dana) >= 0
    assert "outside this window" in window.statusBar().currentMessage()

    # What is on show is read again: the contact's timeline, and its card.
    relate(db_path, "log", "Bob Baker", "call", "--summary", "Rang about the tender")
    shown = window.contact_pane.timeline
    qtbot.waitUntil(lambda: "Rang about the tender" in _timeline_text(shown), timeout=5000)
    relate(db_path, "edit", "Bob Baker", "--company", "Brick & Stone")
    card = window.contact_pane.card
    qtbot.waitUntil(lambda: card.lines["company"].text() == "Brick & Stone", timeout=5000)
    assert window.contact_pane.contact_id == network["bob"]  # still the one on show


def test_the_field_the_user_is_typing_in_keeps_their_words(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path
) -> None:
    window.session.external_changes.timer.stop()
    window.list_pane.select_contact(network["bob"])
    card = window.contact_pane.card
    window.activateWindow()
    card.lines["position"].setFocus()
    qtbot.keyClicks(card.lines["position"], "Head of sales")
    relate(db_path, "edit", "Bob Baker", "--company", "Brick & Stone")

    assert window.session.external_changes.check()
    assert card.lines["company"].text() == "Brick & Stone"  # what was written elsewhere
    assert card.lines["position"].text() == "Head of sales"  # and what is being typed
    qtbot.keyClick(card.lines["position"], Qt.Key.Key_Return)
    bob = contacts.get_contact(network["bob"])
    assert (bob.company, bob.position) == ("Brick & Stone", "Head of sales")


def test_a_change_from_elsewhere_reads_the_card_on_show_once(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path, monkeypatch
) -> None:
    # Every pane rereads after another program's change; the card is told twice (its
    # contact and its tags may have changed), which at 100,000 contacts cost 2 x 40 ms.
    window.session.external_changes.timer.stop()
    window.list_pane.select_contact(network["bob"])
    card = window.contact_pane.card
    reads = []
    refresh = card.refresh
    monkeypatch.setattr(card, "refresh", lambda: (reads.append(1), refresh())[1])
    relate(db_path, "edit", "Bob Baker", "--company", "Brick & Stone")

    assert window.session.external_changes.check()
    assert card.lines["company"].text() == "Brick & Stone"
    assert len(reads) == 1


def test_the_windows_own_changes_are_not_taken_for_another_programs(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    window.session.external_changes.timer.stop()
    window.list_pane.select_contact(network["cy"])
    window.menu_actions.log_action.trigger()
    quick = window.contact_pane.timeline
    quick.summary.setText("Coffee at the station")
    qtbot.keyClick(quick.summary, Qt.Key.Key_Return)
    assert [e.summary for e in timeline.interactions_for(network["cy"])] == [
        "Coffee at the station"
    ]
    assert not window.session.external_changes.check()


def _timeline_text(tab) -> str:
    """Every entry the timeline shows, under its months."""
    model = tab.model
    months = [model.item(row) for row in range(model.rowCount())]
    return " ".join(month.child(row).text() for month in months for row in range(month.rowCount()))


def test_restore_is_refused_while_a_window_has_the_file_open(
    network: dict[str, int], db_path: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "before.sqlite"
    relate(db_path, "backup", str(backup))
    relate(db_path, "add", "Dana", "Dunn")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
        PYTHONPATH=str(REPO),
    )
    lock = DatabaseLock(db_path)
    with subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", "--db", str(db_path)], cwd=REPO, env=env
    ) as app:
        try:
            # Until the window has the file: its lock names it (taking the lock here to
            # see would make the window, starting just then, open read-only).
            deadline = time.monotonic() + 120
            while not _names(lock, app.pid):
                assert app.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
            refused = subprocess.run(
                [sys.executable, "-m", "relate", "--db", str(db_path), "restore", str(backup)],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert refused.returncode == 1
            assert f"open in a Relate window (process {app.pid}" in refused.stderr
            assert "Nothing was restored" in refused.stderr
            assert contacts.find_contacts("Dana Dunn")  # the file was left alone
        finally:
            app.terminate()
            app.wait(timeout=30)
    # With the window closed, the same restore goes ahead.
    assert "Restored" in relate(db_path, "restore", str(backup))
    close_database()  # this test's own connection still reads the file that was replaced
    open_database(db_path)
    assert not contacts.find_contacts("Dana Dunn")


def _names(lock: DatabaseLock, pid: int) -> bool:
    """Whether the lock file says process `pid` holds it."""
    try:
        return lock.path.read_text().startswith(f"{pid}\n")
    except FileNotFoundError:
        return False
