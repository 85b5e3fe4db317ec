"""Introduce A to B: pick two people, say why; and the step that records it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from relate import introductions, queries
from relate.dates import day_text
from ui.undo.commands import run_command
from ui.undo.data_events import DataEvents
from ui.undo.loop_commands import IntroduceCommand
from ui.widgets.contact_picker import ContactPicker


class IntroduceDialog(QDialog):
    """Two contacts and the reason they should meet; says what will be recorded."""

    def __init__(
        self,
        parent: QWidget | None = None,
        first_id: int | None = None,
        second_id: int | None = None,
        why: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Introduce two people")
        self.ids: list[int | None] = [first_id, second_id]
        self.names: list[str] = ["", ""]
        known = {row.id: row.display_name for row in queries.summaries([i for i in self.ids if i])}
        self.pickers = (ContactPicker(), ContactPicker())
        for side, picker in enumerate(self.pickers):
            chosen = self.ids[side]
            if chosen is not None and chosen in known:
                self.names[side] = known[chosen]
                picker.set_contact(chosen, known[chosen])
            else:
                self.ids[side] = None
            picker.contact_picked.connect(lambda chosen, side=side: self._picked(side, chosen))
        self.first, self.second = self.pickers
        self.why = QPlainTextEdit(why)
        self.why.setPlaceholderText("What they have in common, what one can do for the other…")
        self.why.setTabChangesFocus(True)
        self.why.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.why.textChanged.connect(self._update)
        self.recorded = QLabel()
        self.recorded.setObjectName("hint")
        self.recorded.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("hint")
        self.warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Introduce")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Introduce", self.first)
        form.addRow("to", self.second)
        form.addRow("Why", self.why)
        form.addRow(self.warning)
        form.addRow(self.recorded)
        form.addRow(self.buttons)
        self._update()
        (self.second if self.ids[0] is not None else self.first).setFocus()
        self.resize(480, self.sizeHint().height())

    def _picked(self, side: int, contact_id: int) -> None:
        self.ids[side] = contact_id or None
        self.names[side] = self.pickers[side].text() if contact_id else ""
        self._update()

    def _problem(self) -> str:
        """Why the introduction cannot be made yet ("" when it can)."""
        first, second = self.ids
        if first is None or second is None:
            return "Pick the two people: type a name and choose from the suggestions."
        if first == second:
            return "Pick two different people."
        if not self.why.toPlainText().strip():
            return "Say why they should meet: it goes with the introduction."
        return ""

    def _update(self) -> None:
        problem = self._problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        first, second = self.ids
        ask_on = day_text(dt.date.today() + introductions.ASK_HOW_IT_WENT_AFTER, weekday=True)
        a = self.names[0] or "the first person"
        b = self.names[1] or "the second"
        self.recorded.setText(
            problem
            or f"Relate will add a “gave: introduction” entry to the timelines of {a} and {b}, "
            f"and a follow-up on {ask_on} to ask {a} how it went."
        )
        again = (
            first is not None
            and second is not None
            and first != second
            and introductions.were_introduced(first, second)
        )
        self.warning.setText(f"You have introduced {a} and {b} before." if again else "")
        self.warning.setVisible(again)

    def values(self) -> tuple[int, int, str]:
        """The first person, the second, and why."""
        first, second = self.ids
        assert first is not None and second is not None
        return first, second, self.why.toPlainText().strip()


def introduce_with_prompt(
    stack: QUndoStack,
    events: DataEvents,
    parent: QWidget | None,
    first_id: int | None = None,
    second_id: int | None = None,
    why: str = "",
) -> bool:
    """Ask who and why, then record the introduction (undoable); whether it was made."""
    dialog = IntroduceDialog(parent, first_id, second_id, why)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    command = IntroduceCommand(events, *dialog.values())
    return run_command(stack, command, parent)
