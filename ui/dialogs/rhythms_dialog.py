"""Edit → Follow-up rhythms: the default rhythm of each stage and of chosen tags."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relate import cadence, tags
from relate.changes import Changes
from relate.validation import MAX_CADENCE_DAYS
from relate.vocabulary import STAGES
from ui.undo.commands import CoreCommand, run_command
from ui.undo.data_events import DataEvents

Rhythms = tuple[dict[str, int], dict[str, int]]  # (stage -> days, tag -> days)


def days_box(days: int | None) -> QSpinBox:
    """A number of days, where 0 reads "no rhythm"."""
    box = QSpinBox()
    box.setRange(0, MAX_CADENCE_DAYS)
    box.setSpecialValueText("no rhythm")
    box.setSuffix(" days")
    box.setValue(days or 0)
    return box


class StageRhythmsBox(QGroupBox):
    """A days box per stage (Edit → Follow-up rhythms, and Settings)."""

    def __init__(self, title: str, days: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.boxes: dict[str, QSpinBox] = {}
        for stage in STAGES:
            self.boxes[stage] = days_box(days.get(stage))
            self.boxes[stage].setObjectName(f"stageRhythm:{stage}")
            form.addRow(stage, self.boxes[stage])

    def values(self) -> dict[str, int]:
        """The stages given a rhythm: stage -> days."""
        return {stage: box.value() for stage, box in self.boxes.items() if box.value()}

    def set_values(self, days: dict[str, int]) -> None:
        for stage, box in self.boxes.items():
            box.setValue(days.get(stage) or 0)


class RhythmsCommand(CoreCommand):
    """Set the stage and tag rhythms (undo puts the old ones back)."""

    def __init__(self, events: DataEvents, before: Rhythms, after: Rhythms) -> None:
        super().__init__(events, "Change follow-up rhythms")
        self.before, self.after = before, after

    def _set(self, rhythms: Rhythms) -> Changes:
        stages, tag_days = rhythms
        for stage in STAGES:
            cadence.set_stage_cadence(stage, stages.get(stage))
        for name in set(self.before[1]) | set(self.after[1]):
            cadence.set_tag_cadence(name, tag_days.get(name))
        # Next-due dates moved for whole stages: every list row may have changed.
        return Changes(every_contact=True)

    def apply(self) -> Changes:
        return self._set(self.after)

    def revert(self) -> Changes:
        return self._set(self.before)


class RhythmsDialog(QDialog):
    """How often to be in touch by default: per stage, and per tag (a tag's rhythm wins
    over the stage's; a contact's own rhythm wins over both)."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Follow-up rhythms")
        self.stack, self.events = stack, events
        self.before: Rhythms = (cadence.stage_cadences(), cadence.tag_cadences())

        self.stages = StageRhythmsBox("By stage", self.before[0])
        self.stage_boxes = self.stages.boxes

        tags_box = QGroupBox("By tag (wins over the stage; the shortest of several wins)")
        self.tag_table = QTableWidget(0, 2)
        self.tag_table.setHorizontalHeaderLabels(["Tag", "Rhythm"])
        self.tag_table.horizontalHeader().setStretchLastSection(True)
        self.tag_table.verticalHeader().hide()
        for name, days in self.before[1].items():
            self._add_tag_row(name, days)
        self.tag_choice = QComboBox()
        self.tag_choice.addItems(tags.tag_names())
        self.tag_choice.setEditable(False)
        add = QPushButton("Add")
        add.clicked.connect(lambda: self._add_tag_row(self.tag_choice.currentText(), 30))
        add.setEnabled(self.tag_choice.count() > 0)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_tag_row)
        row = QHBoxLayout()
        row.addWidget(self.tag_choice, 1)
        row.addWidget(add)
        row.addWidget(remove)
        tag_layout = QVBoxLayout(tags_box)
        tag_layout.addWidget(self.tag_table)
        tag_layout.addLayout(row)

        note = QLabel(
            "A contact's own rhythm (on their card) wins over these. Logging any interaction"
            " starts the count again."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stages)
        layout.addWidget(tags_box, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _add_tag_row(self, name: str, days: int) -> None:
        if not name or name in self._tag_rows():
            return
        row = self.tag_table.rowCount()
        self.tag_table.insertRow(row)
        item = QTableWidgetItem(name)
        self.tag_table.setItem(row, 0, item)
        self.tag_table.setCellWidget(row, 1, days_box(days))

    def _remove_tag_row(self) -> None:
        row = self.tag_table.currentRow()
        if row >= 0:
            self.tag_table.removeRow(row)

    def _tag_rows(self) -> dict[str, int]:
        rows = {}
        for row in range(self.tag_table.rowCount()):
            box = self.tag_table.cellWidget(row, 1)
            assert isinstance(box, QSpinBox)
            if box.value():
                rows[self.tag_table.item(row, 0).text()] = box.value()
        return rows

    def values(self) -> Rhythms:
        return self.stages.values(), self._tag_rows()

    def accept(self) -> None:
        after = self.values()
        if after != self.before:
            command = RhythmsCommand(self.events, self.before, after)
            if not run_command(self.stack, command, self):
                return
        super().accept()
