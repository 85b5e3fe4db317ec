"""Undoable changes of the networking loop: meetings, introductions, snoozes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from relate import (
    cadence,
    contacts,
    followups,
    introduction_ideas,
    introductions,
    meetings,
    stage_suggestions,
    timeline,
)
from relate.changes import Changes
from relate.meetings import MeetingRecord
from relate.records import FollowUpRecord, InteractionRecord
from ui.undo.commands import CoreCommand, follow_up_record
from ui.undo.data_events import DataEvents


class MeetingCommand(CoreCommand):
    """A change to one contact's 1-2-1s: their timeline and every list of meetings
    follow it."""

    def __init__(self, events: DataEvents, contact_id: int, text: str) -> None:
        super().__init__(events, text)
        self.contact_id = contact_id

    def _changes(self, contact_changed: bool = False) -> Changes:
        contact = (self.contact_id,) if contact_changed else ()
        return Changes(contacts=contact, timelines=(self.contact_id,), meetings=True)


class ScheduleMeetingCommand(MeetingCommand):
    """Plan a 1-2-1 (`schedule_meeting` keywords); undo removes it."""

    def __init__(self, events: DataEvents, contact_id: int, **values: Any) -> None:
        super().__init__(events, contact_id, "Plan a 1-2-1")
        self.values = values
        self.record: MeetingRecord | None = None

    def apply(self) -> Changes:
        if self.record is None:
            self.record = meetings.get_meeting(
                meetings.schedule_meeting(self.contact_id, **self.values)
            )
        else:
            meetings.restore_meeting(self.record)
        return self._changes()

    def revert(self) -> Changes:
        assert self.record is not None
        meetings.delete_meeting(self.record.id)
        return self._changes()


class EditMeetingCommand(MeetingCommand):
    """Change a meeting's time, length, place or agenda (`update_meeting` keywords)."""

    def __init__(self, events: DataEvents, meeting_id: int, **changes: Any) -> None:
        self.before = meetings.get_meeting(meeting_id)
        super().__init__(events, self.before.contact_id, "Edit 1-2-1")
        self.changes = changes
        self.old = {name: getattr(self.before, name) for name in changes}

    def apply(self) -> Changes:
        meetings.update_meeting(self.before.id, **self.changes)
        return self._changes()

    def revert(self) -> Changes:
        meetings.update_meeting(self.before.id, **self.old)
        return self._changes()


class CancelMeetingCommand(MeetingCommand):
    """Call a planned meeting off (or, with cancelled=False, plan it again)."""

    def __init__(self, events: DataEvents, meeting_id: int, cancelled: bool = True) -> None:
        self.meeting = meetings.get_meeting(meeting_id)
        text = "Cancel 1-2-1" if cancelled else "Plan 1-2-1 again"
        super().__init__(events, self.meeting.contact_id, text)
        self.cancelled = cancelled

    def apply(self) -> Changes:
        meetings.cancel_meeting(self.meeting.id, self.cancelled)
        return self._changes()

    def revert(self) -> Changes:
        meetings.cancel_meeting(self.meeting.id, not self.cancelled)
        return self._changes()


class HoldMeetingCommand(MeetingCommand):
    """Mark a meeting held: a 1-2-1 entry, what was learned in the story, maybe the next
    stage. Undo plans it again and puts the story and stage back."""

    def __init__(
        self, events: DataEvents, meeting_id: int, learned: str = "", advance_stage: bool = False
    ) -> None:
        self.meeting = meetings.get_meeting(meeting_id)
        super().__init__(events, self.meeting.contact_id, "Mark 1-2-1 held")
        self.learned, self.advance_stage = learned, advance_stage
        before = contacts.get_contact(self.contact_id)
        self.before = {"story": before.story, "stage": before.stage}
        self.after: dict[str, Any] = {}
        self.held: MeetingRecord | None = None
        self.entry: InteractionRecord | None = None

    def apply(self) -> Changes:
        if self.held is None:
            entry_id = meetings.hold_meeting(
                self.meeting.id, learned=self.learned, advance_stage=self.advance_stage
            )
            self.entry = timeline.get_interaction(entry_id)
            self.held = meetings.get_meeting(self.meeting.id)
            after = contacts.get_contact(self.contact_id)
            self.after = {"story": after.story, "stage": after.stage}
        else:
            # Put back the very entry (same id), so later commands that name it still work.
            assert self.entry is not None
            timeline.restore_interaction(self.entry)
            meetings.delete_meeting(self.meeting.id)
            meetings.restore_meeting(self.held)
            contacts.update_contact(self.contact_id, **self.after)
        return self._changes(contact_changed=True)

    def revert(self) -> Changes:
        meetings.unhold_meeting(self.meeting.id)
        contacts.update_contact(self.contact_id, **self.before)
        return self._changes(contact_changed=True)


class IntroduceCommand(CoreCommand):
    """Introduce A to B: the introduction, an entry on both timelines, a follow-up."""

    def __init__(
        self,
        events: DataEvents,
        first_id: int,
        second_id: int,
        why: str,
        date: dt.date | None = None,
    ) -> None:
        super().__init__(events, "Introduce")
        self.first_id, self.second_id = first_id, second_id
        self.why, self.date = why, date
        self.made: introductions.IntroductionMade | None = None
        self.entries: list[InteractionRecord] = []
        self.follow_up: FollowUpRecord | None = None

    def _changes(self) -> Changes:
        ids = (self.first_id, self.second_id)
        return Changes(contacts=ids, timelines=ids, meetings=True, ideas=True)

    def apply(self) -> Changes:
        if self.made is None:
            made = introductions.introduce(self.first_id, self.second_id, self.why, date=self.date)
            self.entries = [timeline.get_interaction(i) for i in made.interaction_ids]
            self.follow_up = follow_up_record(self.first_id, made.follow_up_id)
        else:
            # The entries and the follow-up come back with their ids (later commands may
            # name them); the introduction itself is named by nothing else.
            assert self.follow_up is not None
            entry = self.entries[0]
            introduction_id = introductions.add_introduction(
                self.first_id, self.second_id, date=entry.date, note=entry.notes
            )
            for record in self.entries:
                timeline.restore_interaction(record)
            followups.restore_follow_up(self.follow_up)
            made = introductions.IntroductionMade(
                introduction_id, self.made.interaction_ids, self.follow_up.id
            )
        self.made = made
        return self._changes()

    def revert(self) -> Changes:
        assert self.made is not None
        introductions.undo_introduce(self.made)
        return self._changes()


class SnoozeContactCommand(CoreCommand):
    """Not due before a day (None: wake them up again)."""

    def __init__(self, events: DataEvents, contact_id: int, until: dt.date | None) -> None:
        super().__init__(events, "Snooze contact" if until else "End snooze")
        self.contact_id, self.until = contact_id, until
        self.before = contacts.get_contact(contact_id).snoozed_until

    def apply(self) -> Changes:
        cadence.snooze_contact(self.contact_id, self.until)
        return Changes(contacts=(self.contact_id,))

    def revert(self) -> Changes:
        cadence.snooze_contact(self.contact_id, self.before)
        return Changes(contacts=(self.contact_id,))


class SnoozeIdeaCommand(CoreCommand):
    """Put off the idea of introducing two people until a day; undo brings it back
    (an earlier snooze of the same pair is not kept: it had ended, or the idea would
    not have been on show)."""

    def __init__(self, events: DataEvents, contact_id: int, other_id: int, until: dt.date):
        super().__init__(events, "Snooze introduction idea")
        self.contact_id, self.other_id, self.until = contact_id, other_id, until

    def apply(self) -> Changes:
        introduction_ideas.snooze_idea(self.contact_id, self.other_id, self.until)
        return Changes(ideas=True)

    def revert(self) -> Changes:
        introduction_ideas.unsnooze_idea(self.contact_id, self.other_id)
        return Changes(ideas=True)


class PutOffMoveCommand(CoreCommand):
    """Put off Today's suggestion to move a contact to another stage until a day; undo
    brings it back."""

    def __init__(self, events: DataEvents, contact_id: int, until: dt.date):
        super().__init__(events, "Put off a stage suggestion")
        self.contact_id, self.until = contact_id, until

    def apply(self) -> Changes:
        stage_suggestions.put_off(self.contact_id, self.until)
        return Changes(ideas=True)

    def revert(self) -> Changes:
        stage_suggestions.bring_back(self.contact_id)
        return Changes(ideas=True)
