"""A dialog to edit one timeline entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from relate.records import InteractionRecord
from relate.vocabulary import EXCHANGE_KINDS, EXCHANGE_SUB_KINDS, INTERACTION_KINDS
from ui.widgets.date_fields import date_field, time_field
from ui.widgets.icons import kind_icon


def kind_combo() -> QComboBox:
    """A combo box of the interaction kinds, each with its icon."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for kind in INTERACTION_KINDS:
        combo.addItem(kind_icon(kind), kind)
    return combo


def sub_kind_combo() -> QComboBox:
    """What was given or received ("" for unsaid)."""
    combo = QComboBox()
    combo.addItem("")
    combo.addItems(EXCHANGE_SUB_KINDS)
    return combo


class EntryDialog(QDialog):
    """Change the kind, date, time, summary and notes of an entry."""

    def __init__(self, entry: InteractionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit timeline entry")
        self.kind = kind_combo()
        self.kind.setCurrentText(entry.kind)
        self.sub_kind = sub_kind_combo()
        self.sub_kind.setCurrentText(entry.sub_kind or "")
        self.kind.currentTextChanged.connect(self._on_kind_current_text_changed)
        self.date = date_field(entry.date)
        self.has_time = QCheckBox("at")
        self.time = time_field(entry.time or dt.time(9, 0))
        self.has_time.setChecked(entry.time is not None)
        self.time.setEnabled(entry.time is not None)
        self.has_time.toggled.connect(self.time.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.has_time)
        when.addWidget(self.time)
        when.addStretch(1)
        self.summary = QLineEdit(entry.summary)
        self.notes = QPlainTextEdit(entry.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Kind", self.kind)
        form.addRow("What", self.sub_kind)
        form.addRow("Date", when)
        form.addRow("Summary", self.summary)
        form.addRow("Notes", self.notes)
        form.addRow(buttons)
        self._on_kind_current_text_changed(entry.kind)
        self.resize(460, 360)

    def _on_kind_current_text_changed(self, kind: str) -> None:
        self.sub_kind.setEnabled(kind in EXCHANGE_KINDS)

    def values(self) -> dict[str, Any]:
        """The entry as edited, as `update_interaction` keywords."""
        kind = self.kind.currentText()
        return {
            "kind": kind,
            "sub_kind": (self.sub_kind.currentText() or None) if kind in EXCHANGE_KINDS else None,
            "date": self.date.date().toPython(),
            "time": self.time.time().toPython() if self.has_time.isChecked() else None,
            "summary": self.summary.text(),
            "notes": self.notes.toPlainText(),
        }
