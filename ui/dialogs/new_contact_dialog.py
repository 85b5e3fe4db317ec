"""Ctrl+N: a small dialog for a new contact."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from relate.fields import label


class NewContactDialog(QDialog):
    """Name (required), company, position, e-mail and tags."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New contact")
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.company = QLineEdit()
        self.position = QLineEdit()
        self.email = QLineEdit()
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("cycling, mass timber, SMPS")
        # Said only once it helps: a name typed and taken away again, or a save without one.
        self.hint = QLabel("A first or a last name is needed.")
        self.hint.setObjectName("hint")
        self.hint.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for name, edit in (
            ("first_name", self.first_name),
            ("last_name", self.last_name),
            ("company", self.company),
            ("position", self.position),
            ("emails", self.email),
        ):
            form.addRow(label(name), edit)
        form.addRow("Interests", self.tags)
        form.addRow(self.hint)
        form.addRow(self.buttons)
        for edit in (self.first_name, self.last_name):
            edit.textChanged.connect(self._on_name_text_changed)
        self.resize(420, self.sizeHint().height())

    def _named(self) -> bool:
        return bool(self.first_name.text().strip() or self.last_name.text().strip())

    def _on_name_text_changed(self) -> None:
        self.hint.setVisible(not self._named())

    def accept(self) -> None:
        """OK (or Enter): refused with the reason while neither name is given."""
        if not self._named():
            self.hint.show()
            self.first_name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        """The new contact as `create_contact` keywords."""
        return {
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "company": self.company.text(),
            "position": self.position.text(),
            "emails": [self.email.text()] if self.email.text().strip() else [],
            "tag_names": [t.strip() for t in self.tags.text().split(",") if t.strip()],
        }
