"""File → Back up now and Restore from a backup, and the About box's last backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from relate import contacts, queries
from relate.store import backups
from ui.window.main_window import MainWindow


def test_back_up_now_then_restore_puts_the_list_back(qtbot, window: MainWindow, network) -> None:
    window.menu_actions.backup_action.trigger()
    # The status bar tells when the copy is written (at once, by the inline runner).
    assert window.statusBar().currentMessage().startswith("Backed up to ")
    saved = Path(window.statusBar().currentMessage().removeprefix("Backed up to "))
    assert saved.exists() and saved.parent == backups.backup_folder(window.db_path)

    added = contacts.create_contact("Zoe", "Later")
    window.events.contacts_added.emit([added])
    assert window.list_pane.model.row_of(added) >= 0
    assert window.session.care.restore_from(saved)
    assert window.list_pane.model.row_of(added) < 0
    assert queries.count_contacts() == 12
    assert not window.stack.canUndo()
    assert "Restored" in window.statusBar().currentMessage()


def test_a_file_that_is_not_a_backup_is_refused(
    qtbot, window: MainWindow, network, tmp_path: Path, monkeypatch
) -> None:
    shown = []
    monkeypatch.setattr(
        "ui.session.database_care.show_error", lambda parent, text: shown.append(text)
    )
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello " * 200)
    assert not window.session.care.restore_from(junk)
    assert "not a Relate database" in shown[0]
    assert queries.count_contacts() == 12  # still open, untouched


def test_the_about_box_tells_the_last_backup(window: MainWindow, monkeypatch) -> None:
    texts = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: texts.append(text))
    window.handlers.about()
    assert "No backup yet" in texts[-1]
    backups.make_backup(window.db_path, "manual")
    window.handlers.about()
    assert "Last backup:" in texts[-1] and "(manual)" in texts[-1]
