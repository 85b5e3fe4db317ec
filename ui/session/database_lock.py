"""One window per database file: the question when another Relate holds its lock
(`relate.store.database_lock`)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from relate.store.database_lock import DatabaseLock


def ask_already_open(lock: DatabaseLock, parent: QWidget | None = None) -> bool:
    """Tell the user the database is open in another Relate window; True when they
    choose to open it read-only anyway, False to quit."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Relate is already open",
        "This database is already open in another Relate window"
        f" ({lock.holder()}).\n\nTwo windows changing one file could lose each other's"
        " changes, so this one can open it read-only: you can look, search and print"
        " briefs, but not change anything.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("alreadyOpenDialog")
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only
