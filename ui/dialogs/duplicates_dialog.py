"""Edit → Find duplicates: likely pairs, and merging one into the other (undoable)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from relate import contacts, merge, queries
from relate.dates import day_text
from relate.duplicates import DuplicatePair, find_duplicates
from relate.fields import FIELDS
from relate.records import ContactDetail
from ui.dialogs.errors import refusal_sentence
from ui.tasks import TaskRunner
from ui.undo.commands import MergeCommand, run_command
from ui.undo.data_events import DataEvents

MAX_PAIRS = 500  # more than anyone merges in a sitting; the rest come back next time

FIELD_LABELS = {field.name: field.label for field in FIELDS}
_BOTH = "both"  # the story choice that keeps both texts (the core's default)


def value_text(field: str, value: Any) -> str:
    """A field's value as the merge choice shows it."""
    if isinstance(value, dt.date):
        return day_text(value)
    if field == "met_through_id":
        return contacts.get_contact(value).display_name
    if field == "cadence_days":
        return f"every {value} days"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _who(contact: ContactDetail) -> str:
    role = " at ".join(part for part in (contact.position, contact.company) if part)
    return f"{contact.display_name} (#{contact.id}{', ' + role if role else ''})"


class MergePanel(QWidget):
    """Two contacts side by side: which one stays, and for each field where they
    disagree, whose value the merged contact keeps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keep: ContactDetail | None = None
        self.drop: ContactDetail | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.swap_button = QPushButton("Keep the other one")
        self.swap_button.clicked.connect(self.swap)
        self.fields_box = QGroupBox("Where they differ, keep:")
        self.grid = QGridLayout(self.fields_box)
        self.kept_note = QLabel(
            "Everything else of both is kept: their timelines, follow-ups, introductions,"
            " tags, e-mails and phones. Edit → Undo separates them again."
        )
        self.kept_note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.swap_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addWidget(self.fields_box)
        layout.addWidget(self.kept_note)
        layout.addStretch(1)

    def show_pair(self, keep_id: int, drop_id: int, reasons: tuple[str, ...] = ()) -> None:
        """Offer merging `drop_id` into `keep_id`."""
        self.keep, self.drop = contacts.get_contact(keep_id), contacts.get_contact(drop_id)
        self.reasons.setText("Why: " + "; ".join(reasons) if reasons else "")
        self._fill()

    def swap(self) -> None:
        """Keep the other contact (its id, and its values by default)."""
        if self.keep is not None:
            self.keep, self.drop = self.drop, self.keep
            self._fill()

    def _fill(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.groups.clear()
        self.title.setText(f"Keep {_who(self.keep)}\nand merge into it {_who(self.drop)}")
        differing = merge.conflicts(self.keep.id, self.drop.id)
        for row, (field, (mine, theirs)) in enumerate(differing.items()):
            group = QButtonGroup(self)
            self.grid.addWidget(QLabel(FIELD_LABELS.get(field, field) + ":"), row, 0)
            options = [("keep", mine), ("drop", theirs)]
            for column, (side, value) in enumerate(options, 1):
                button = QRadioButton(value_text(field, value))
                button.setToolTip(str(value))
                button.setProperty("side", side)
                group.addButton(button)
                self.grid.addWidget(button, row, column)
            if field == "story":
                both = QRadioButton("both, one after the other")
                both.setProperty("side", _BOTH)
                group.addButton(both)
                self.grid.addWidget(both, row, 3)
                both.setChecked(True)
            else:
                group.buttons()[0].setChecked(True)
            self.groups[field] = group
        self.fields_box.setVisible(bool(differing))

    def choices(self) -> dict[str, str]:
        """The user's pick for each differing field ("keep" or "drop")."""
        picked = {
            field: group.checkedButton().property("side") for field, group in self.groups.items()
        }
        return {field: side for field, side in picked.items() if side != _BOTH}


class DuplicatesDialog(QDialog):
    """Likely duplicates, strongest first (found on a worker thread); Merge joins the
    selected pair through the undo stack, so Edit → Undo separates them again."""

    def __init__(
        self,
        stack: QUndoStack,
        events: DataEvents,
        pair: tuple[int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stack, self.events = stack, events
        self.setWindowTitle("Merge contacts" if pair else "Find duplicates")
        self.setObjectName("duplicatesDialog")
        self.pairs: list[DuplicatePair] = []
        self.tasks = TaskRunner(self)

        self.status_label = QLabel()
        self.pair_list = QListWidget()
        self.pair_list.currentRowChanged.connect(self._on_pair_list_current_row_changed)
        self.panel = MergePanel()
        splitter = QSplitter()
        splitter.addWidget(self.pair_list)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.clicked.connect(self.merge_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(900, 460)
        self.panel.setEnabled(False)
        self.merge_button.setEnabled(False)
        if pair is not None:
            self.pair_list.hide()
            self._show_pairs([DuplicatePair(*sorted(pair), (), 0)])
        else:
            self.status_label.setText("Looking for duplicates…")
            self.tasks.run_in_background(
                lambda: find_duplicates(MAX_PAIRS), self._show_pairs, self._on_search_failed
            )

    def _on_search_failed(self, error: BaseException) -> None:
        sentence = refusal_sentence(error)
        if sentence is None:
            raise error  # a bug: the exception hook shows it
        self.status_label.setText(f"Duplicates could not be looked for. {sentence}")

    def _show_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = list(pairs)
        self.pair_list.clear()
        ids = [i for pair in self.pairs for i in (pair.first_id, pair.second_id)]
        names = {summary.id: summary.display_name for summary in queries.summaries(ids)}
        for pair in self.pairs:
            reasons = "; ".join(pair.reasons)
            item = QListWidgetItem(f"{names[pair.first_id]} / {names[pair.second_id]}\n{reasons}")
            item.setToolTip(reasons)
            self.pair_list.addItem(item)
        self._update_status()
        if self.pairs:
            self.pair_list.setCurrentRow(0)
            self._on_pair_list_current_row_changed(0)

    def _update_status(self) -> None:
        if self.pair_list.isHidden():
            self.status_label.setText("Choose what the merged contact keeps.")
        elif self.pairs:
            count = len(self.pairs)
            self.status_label.setText(f"{count} likely duplicate{'s' if count != 1 else ''}.")
        else:
            self.status_label.setText("No likely duplicates: every contact looks like one person.")
        self.panel.setEnabled(bool(self.pairs))
        self.merge_button.setEnabled(bool(self.pairs))

    def _on_pair_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.pairs):
            pair = self.pairs[row]
            self.panel.show_pair(pair.first_id, pair.second_id, pair.reasons)

    def merge_current(self) -> None:
        """Merge the pair on show, as the panel's choices say."""
        keep, drop = self.panel.keep, self.panel.drop
        if keep is None or drop is None:
            return
        command = MergeCommand(
            self.events, keep.id, drop.id, self.panel.choices(), keep.display_name
        )
        if not run_command(self.stack, command, self):
            return
        if self.pair_list.isHidden():
            self.accept()
            return
        # The dropped contact is gone: its other pairs go with it.
        gone = {drop.id}
        row = self.pair_list.currentRow()
        kept = [p for p in self.pairs if not gone & {p.first_id, p.second_id}]
        self._show_pairs(kept)
        if kept:
            self.pair_list.setCurrentRow(min(row, len(kept) - 1))

    def done(self, result: int) -> None:
        self.tasks.wait()
        super().done(result)
