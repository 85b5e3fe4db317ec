"""A line edit for choosing one contact by typing part of a name."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from relate import queries

_SUGGESTIONS = 15


class ContactPicker(QLineEdit):
    """Type a few letters, pick a person from the suggestions.

    Signals:
        contact_picked(int): the chosen contact's id, or 0 when the field was cleared.
    """

    contact_picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Type a name…")
        self.setClearButtonEnabled(True)
        self._choices: dict[str, int] = {}
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)
        self._current_name = ""

    def set_contact(self, contact_id: int | None, name: str | None) -> None:
        """Show the current choice without announcing it."""
        self._current_name = name or ""
        self.setText(self._current_name)

    def _on_text_edited(self, text: str) -> None:
        page = queries.search_page(text, limit=_SUGGESTIONS, archived=None)
        self._choices = {}
        for row in queries.summaries(page.ids):
            label = f"{row.display_name} — {row.company}" if row.company else row.display_name
            self._choices[label] = row.id
        self._model.setStringList(list(self._choices))

    def _on_completer_activated(self, label: str) -> None:
        contact_id = self._choices.get(label)
        if contact_id is not None:
            self._current_name = label.split(" — ")[0]
            self.setText(self._current_name)
            self.contact_picked.emit(contact_id)

    def _on_editing_finished(self) -> None:
        if not self.text().strip() and self._current_name:
            self._current_name = ""
            self.contact_picked.emit(0)
        elif self.text() != self._current_name:
            self.setText(self._current_name)  # typed but not picked: keep the old choice
