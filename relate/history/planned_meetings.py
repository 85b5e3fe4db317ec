"""The 1-2-1s still to come that a calendar shows, planned in Relate when the user asks
(each then has its brief, its reminder and its place on Today)."""

from __future__ import annotations

from collections.abc import Sequence

from relate import meetings
from relate.history.planner import PlannedMeeting
from relate.store.db import execute, transaction


def plan_meetings(planned: Sequence[PlannedMeeting]) -> int:
    """Plan these 1-2-1s, leaving out any the contact has planned at that minute
    already (a calendar read twice); how many were planned."""
    added = 0
    with transaction():
        for meeting in planned:
            minute = meeting.when.strftime("%Y-%m-%d %H:%M")
            if execute(
                "SELECT 1 FROM meeting WHERE contact_id = ? AND status = 'planned'"
                " AND substr(starts_at, 1, 16) = ?",
                (meeting.contact_id, minute),
            ).fetchone():
                continue
            meetings.schedule_meeting(
                meeting.contact_id, meeting.when, place=meeting.place, agenda=meeting.title
            )
            added += 1
    return added
