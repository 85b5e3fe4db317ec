"""Telling the user something went wrong, in a plain sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from relate.db import database_refusal

# What to say when the database refuses a change (see `relate.db.database_refusal`).
REFUSALS = {
    "read-only": "This database is open read-only, so that change was not saved.",
    "busy": "The database is busy (another program is writing to it). Try again in a moment.",
    "damaged": "The database file is damaged, so that could not be done. File → Restore from"
    " a backup puts a good copy in its place.",
    "disk": "Relate could not write to the disk (is it full?). That change was not saved.",
}


def refusal_sentence(exc: BaseException) -> str | None:
    """The plain sentence for a database refusing a change, or None for anything else."""
    refusal = database_refusal(exc)
    return REFUSALS[refusal] if refusal else None


def show_error(parent: QWidget | None, message: str, title: str = "That did not work") -> None:
    """A modal message box with one plain sentence (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok)
    box.setObjectName("errorDialog")
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    box.exec()
