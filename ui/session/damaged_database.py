"""Telling the user their database file is damaged, and offering the newest good backup."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from relate.dates import long_moment_text
from relate.store.backups import Backup


def ask_to_restore(parent: QWidget | None, problems: list[str], backup: Backup | None) -> bool:
    """Say that the file is damaged (and that Relate will not change it); True when the
    user chooses to restore `backup`. With no good backup, only says what they can do."""
    found = problems[0] if problems else "it cannot be read"
    text = (
        "Relate checked your database file when it started and found it damaged"
        f" (SQLite says: “{found}”).\n\nSo that nothing more is lost, Relate will not change"
        " that file: it is open read-only, and you can still look at what it can read."
    )
    if backup is None:
        text += (
            "\n\nThere is no good backup to restore. File → Export can save what is still readable."
        )
    else:
        text += (
            f"\n\nYour newest good backup is from {long_moment_text(backup.made_at)}."
            " Restore it now? Anything changed since then is not in it. The damaged file"
            " is kept beside your backups, in case something in it can be recovered."
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Your database file is damaged",
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("damagedDatabaseDialog")
    if backup is None:
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        return False
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Keep it read-only", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore
