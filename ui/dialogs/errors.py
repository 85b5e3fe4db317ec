"""Telling the user something went wrong, in a plain sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from relate.store.db import database_refusal

# What to say when the database refuses a change (see `relate.store.db.database_refusal`).
REFUSALS = {
    "read-only": "This database is open read-only, so that change was not saved.",
    "busy": "The database is busy (another program is writing to it). Try again in a moment.",
    "damaged": "The database file is damaged, so that could not be done. File → Restore from"
    " a backup puts a good copy in its place.",
    "full": "There is no room left on the disk, so that change was not saved. Free some space"
    " and try again.",
    "disk": "The disk could not read or write the database (an input/output error), so that"
    " change was not saved.",
    "cannot-open": "The database file or its folder cannot be opened for writing, so that"
    " change was not saved.",
}


def refusal_sentence(exc: BaseException) -> str | None:
    """The plain sentence for a database refusing a change, or None for anything else."""
    refusal = database_refusal(exc)
    return REFUSALS[refusal] if refusal else None


def ask_to_retry(parent: QWidget | None, message: str) -> bool:
    """A plain sentence with Retry and Cancel; whether the user chose Retry."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "The database is busy",
        message,
        QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel,
    )
    box.setObjectName("busyDialog")
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    return box.exec() == QMessageBox.StandardButton.Retry


def show_error(parent: QWidget | None, message: str, title: str = "That did not work") -> None:
    """A modal message box with one plain sentence (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok)
    box.setObjectName("errorDialog")
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    box.exec()
