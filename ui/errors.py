"""Telling the user something went wrong, in a plain sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str, title: str = "That did not work") -> None:
    """A modal message box with one plain sentence (never a traceback)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok)
    box.setObjectName("errorDialog")
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    box.exec()
