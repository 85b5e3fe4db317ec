"""1-2-1 meetings: the dialogs to plan and to mark one held, and the steps that run them."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from relate import contacts, meetings
from relate.clock_changes import ClockChange
from relate.dates import day_text, moment_text, time_text
from relate.meetings import MeetingRecord
from ui.undo.commands import run_command
from ui.undo.data_events import DataEvents
from ui.undo.loop_commands import (
    CancelMeetingCommand,
    EditMeetingCommand,
    HoldMeetingCommand,
    ScheduleMeetingCommand,
)
from ui.widgets.date_fields import date_time_field
from ui.widgets.hint import hint_label


def next_working_morning(now: dt.datetime | None = None) -> dt.datetime:
    """Ten o'clock on the next weekday: where a new meeting starts."""
    day = (now or dt.datetime.now()).date() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(10, 0))



def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ScheduleMeetingDialog(QDialog):
    """When, how long, where and what for: a new 1-2-1, or one already planned."""

    def __init__(
        self, contact_name: str, parent: QWidget | None = None, meeting: MeetingRecord | None = None
    ) -> None:
        super().__init__(parent)
        self.meeting = meeting
        # The zone its times are in: a new meeting is planned in the machine's.
        self.time_zone = meeting.time_zone if meeting else meetings.local_zone_name()
        verb = "Plan a 1-2-1" if meeting is None else "Edit the 1-2-1"
        self.setWindowTitle(f"{verb} with {contact_name}")
        start = meeting.starts_at if meeting else next_working_morning()
        self.starts_at = date_time_field(start)
        # Of a time the clocks repeat, which one: asked only then.
        self.which = QComboBox()
        self.which.setPlaceholderText("Which one?")
        self.which_label = QLabel()
        self.minutes = QSpinBox()
        self.minutes.setRange(15, meetings.MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(meeting.minutes if meeting else 60)
        self.ends = QLabel()
        length = QHBoxLayout()
        length.addWidget(self.minutes)
        length.addWidget(self.ends, 1)
        self.place = QLineEdit(meeting.place if meeting else "")
        self.place.setPlaceholderText("A café, their office, a video link…")
        self.agenda = QPlainTextEdit(meeting.agenda if meeting else "")
        self.agenda.setPlaceholderText(
            "What do you want to learn, ask or offer?\n"
            "The first line names the 1-2-1 on the timeline."
        )
        self.agenda.setTabChangesFocus(True)
        self.hint = hint_label()
        self.clash = hint_label()
        self.buttons = _ok_cancel(self)
        form = QFormLayout(self)
        form.addRow("When", self.starts_at)
        form.addRow(self.which_label, self.which)
        form.addRow("Length", length)
        if meeting and meeting.time_zone and meeting.time_zone != meetings.local_zone_name():
            form.addRow("Time zone", QLabel(meeting.time_zone))
        form.addRow("Place", self.place)
        form.addRow("Agenda", self.agenda)
        form.addRow(self.hint)
        form.addRow(self.clash)
        form.addRow(self.buttons)
        self._repeated: dt.datetime | None = None
        self.starts_at.dateTimeChanged.connect(self._update)
        self.minutes.valueChanged.connect(self._update)
        self.which.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(460, 380)

    def _start(self) -> dt.datetime:
        """The start as the fields say it, with which of a repeated time in `fold`."""
        start = self.starts_at.wall_clock()
        return start.replace(fold=1) if self._repeated and self.which.currentIndex() == 1 else start

    def _ask_which(self, start: dt.datetime, change: ClockChange | None) -> None:
        """Offer the two readings of a repeated time (none chosen, unless it is the
        meeting's own time); hide the question for any other time."""
        repeated = start if change is not None and change.repeated else None
        if repeated != self._repeated:
            self._repeated = repeated
            with QSignalBlocker(self.which):
                self.which.clear()
                if change is not None and repeated is not None:
                    readings = (change.reading(fold) for fold in (0, 1))
                    self.which.addItems([text[:1].upper() + text[1:] for text in readings])
                    own = self.meeting is not None and self.meeting.starts_at == start
                    self.which.setCurrentIndex(self.meeting.starts_at.fold if own else -1)
        self.which_label.setText(f"Which {time_text(start)}")
        self.which.setVisible(repeated is not None)
        self.which_label.setVisible(repeated is not None)

    def _update(self, *_args: object) -> None:
        wall = self.starts_at.wall_clock()
        change = meetings.clock_change(wall, self.time_zone)
        self._ask_which(wall, change)
        start = self._start()
        end = meetings.wall_end(start, self.minutes.value(), self.time_zone)
        skipped = change is not None and not change.repeated
        until = f"until {time_text(end)}"
        if end.date() > start.date():
            until += f" on {day_text(end.date(), weekday=True, short=True)}"
        self.ends.setText("" if skipped else until)
        # A new meeting in the past is a slip (a past one is logged on the timeline);
        # an existing one may be moved back to when it really took place.
        past = self.meeting is None and start < dt.datetime.now()
        unchosen = self._repeated is not None and self.which.currentIndex() < 0
        if past:
            hint = (
                "That time has passed: pick a time ahead. (A meeting that already took place "
                "goes on the timeline as a 1-2-1 entry.)"
            )
        elif skipped:
            hint = f"{change.sentence()} Pick another time."
        elif change is not None:
            hint = change.sentence() + (" Say which you mean." if unchosen else "")
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not (past or skipped or unchosen))
        clashes = self._clashes(start, end)
        others = "; ".join(f"{time_text(m.starts_at)} with {m.contact_name}" for m in clashes)
        self.clash.setText(f"At the same time: {others}")
        self.clash.setVisible(bool(clashes))

    def _clashes(self, start: dt.datetime, end: dt.datetime) -> list[MeetingRecord]:
        """Other planned meetings that overlap this one (a warning, not a refusal)."""
        own = self.meeting.id if self.meeting else None
        return [
            m
            for m in meetings.planned_meetings(start.date() - dt.timedelta(days=1), 3)
            if m.id != own and m.starts_at < end and start < m.ends_at
        ]

    def values(self) -> dict[str, Any]:
        """The meeting as `schedule_meeting` / `update_meeting` keywords."""
        return {
            "starts_at": self._start(),
            "minutes": self.minutes.value(),
            "place": self.place.text().strip(),
            "agenda": self.agenda.toPlainText().strip(),
        }

    def changes(self) -> dict[str, Any]:
        """Only what differs from the meeting being edited (all of it for a new one)."""
        values = self.values()
        if self.meeting is None:
            return values
        # Two readings of a repeated time compare equal: `fold` tells them apart.
        return {
            k: v
            for k, v in values.items()
            if getattr(self.meeting, k) != v
            or (k == "starts_at" and self.meeting.starts_at.fold != v.fold)
        }


class HoldMeetingDialog(QDialog):
    """It took place: what was learned (into their story), and whether to move the stage."""

    def __init__(self, meeting: MeetingRecord, stage: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = meeting.contact_name
        self.setWindowTitle(f"1-2-1 with {name} held")
        where = f" at {html.escape(meeting.place)}" if meeting.place else ""
        when = moment_text(meeting.starts_at)
        heading = QLabel(f"1-2-1 with {html.escape(name)}, <b>{when}</b>{where}")
        heading.setWordWrap(True)
        self.learned = QPlainTextEdit()
        self.learned.setPlaceholderText("What they do, want and worry about; what you promised.")
        self.learned.setTabChangesFocus(True)
        where_to = hint_label(
            f"This goes into {name}'s story, dated {day_text(meeting.starts_at.date())}, and into"
            " the notes of the 1-2-1 entry on the timeline."
        )
        self.next_stage = meetings.next_stage_after_meeting(stage)
        self.advance = QCheckBox(f"Move {name} from {stage} to {self.next_stage}")
        self.advance.setChecked(self.next_stage is not None)
        self.advance.setVisible(self.next_stage is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if meeting.agenda:
            agenda = QLabel(f"Agenda: {meeting.agenda}")
            agenda.setWordWrap(True)
            agenda.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(agenda)
        if meeting.starts_at > dt.datetime.now():
            layout.addWidget(
                hint_label(
                    "This meeting is still ahead: the 1-2-1 entry will carry its planned date. "
                    "If it took place at another time, edit the meeting first."
                )
            )
        layout.addWidget(QLabel("What did you learn?"))
        layout.addWidget(self.learned, 1)
        layout.addWidget(where_to)
        layout.addWidget(self.advance)
        layout.addWidget(_ok_cancel(self))
        self.resize(460, 360)

    def values(self) -> tuple[str, bool]:
        """What was learned, and whether the stage moves on."""
        advance = self.next_stage is not None and self.advance.isChecked()
        return self.learned.toPlainText().strip(), advance


# The steps the timeline, the contact pane and the Today page share ------------------


def plan_meeting_with_prompt(
    contact_id: int, stack: QUndoStack, events: DataEvents, parent: QWidget | None
) -> bool:
    """Ask when and where, then plan the 1-2-1 (undoable); whether it was planned."""
    dialog = ScheduleMeetingDialog(contacts.get_contact(contact_id).display_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return run_command(stack, ScheduleMeetingCommand(events, contact_id, **dialog.values()), parent)


def edit_meeting_with_prompt(
    meeting_id: int, stack: QUndoStack, events: DataEvents, parent: QWidget | None
) -> bool:
    """Change a planned meeting in its dialog; whether anything changed."""
    meeting = meetings.get_meeting(meeting_id)
    dialog = ScheduleMeetingDialog(meeting.contact_name, parent, meeting)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.changes():
        return False
    return run_command(stack, EditMeetingCommand(events, meeting_id, **dialog.changes()), parent)


def hold_meeting_with_prompt(
    meeting_id: int, stack: QUndoStack, events: DataEvents, parent: QWidget | None
) -> bool:
    """Ask what was learned (and about the stage), then mark the meeting held."""
    meeting = meetings.get_meeting(meeting_id)
    stage = contacts.get_contact(meeting.contact_id).stage
    dialog = HoldMeetingDialog(meeting, stage, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    learned, advance = dialog.values()
    command = HoldMeetingCommand(events, meeting_id, learned, advance)
    return run_command(stack, command, parent)


def cancel_meeting(
    meeting_id: int, stack: QUndoStack, events: DataEvents, parent: QWidget | None
) -> bool:
    """Call a meeting off (no question asked: Ctrl+Z brings it back)."""
    return run_command(stack, CancelMeetingCommand(events, meeting_id), parent)
