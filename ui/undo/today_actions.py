"""What Today's items do, as undoable commands: the Today page's rows and the tray's
menu both act through these, so the two never differ."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ui.undo.commands import (
    EditContactCommand,
    FollowUpCommand,
    LogInteractionCommand,
    run_command,
)
from ui.undo.data_events import DataEvents
from ui.undo.loop_commands import PutOffMoveCommand, SnoozeContactCommand, SnoozeIdeaCommand

# "Done" for a contact who is due: what the user did to be in touch.
DONE_KINDS: tuple[tuple[str, str], ...] = (
    ("call", "Called"),
    ("email", "E-mailed"),
    ("message", "Messaged"),
    ("met", "Met"),
)
# Snoozing something: the choices by how many days it waits (a date is picked apart).
SNOOZE_CHOICES: tuple[tuple[str, int], ...] = (("Until tomorrow", 1), ("For a week", 7))


class TodayActions:
    """Done and Snooze for Today's follow-ups, due contacts and introduction ideas, each
    one undo step."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget) -> None:
        self.stack, self.events, self.parent = stack, events, parent

    def complete_follow_up(self, contact_id: int, follow_up_id: int) -> bool:
        """Mark a follow-up done; whether it was (a refusal is said to the user)."""
        command = FollowUpCommand(self.events, contact_id, "complete", follow_up_id, done=True)
        return run_command(self.stack, command, self.parent)

    def snooze_follow_up(self, contact_id: int, follow_up_id: int, day: dt.date) -> bool:
        """Move a follow-up to `day`."""
        command = FollowUpCommand(self.events, contact_id, "reschedule", follow_up_id, due=day)
        return run_command(self.stack, command, self.parent)

    def kept_in_touch(self, contact_id: int, kind: str) -> bool:
        """Log that the user was in touch (`kind` of DONE_KINDS) with a due contact."""
        command = LogInteractionCommand(self.events, contact_id, kind=kind, summary="Kept in touch")
        return run_command(self.stack, command, self.parent)

    def snooze_contact(self, contact_id: int, day: dt.date) -> bool:
        """A due contact not due again before `day`."""
        command = SnoozeContactCommand(self.events, contact_id, day)
        return run_command(self.stack, command, self.parent)

    def snooze_idea(self, contact_id: int, other_id: int, day: dt.date) -> bool:
        """The idea of introducing these two not shown again before `day`."""
        command = SnoozeIdeaCommand(self.events, contact_id, other_id, day)
        return run_command(self.stack, command, self.parent)

    def move_stage(self, contact_id: int, stage: str, to: str) -> bool:
        """Move a contact from `stage` to `to` (Today's suggestion taken)."""
        command = EditContactCommand(
            self.events, contact_id, {"stage": to}, {"stage": stage}, "Change stage"
        )
        return run_command(self.stack, command, self.parent)

    def put_off_move(self, contact_id: int, day: dt.date) -> bool:
        """The suggestion to move this contact not shown again before `day`."""
        return run_command(self.stack, PutOffMoveCommand(self.events, contact_id, day), self.parent)
