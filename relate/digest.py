"""The morning digest: today's follow-ups, 1-2-1s and the people most worth not losing.

Read from Today's own lists (`relate.today.today_view`: the same follow-ups, meetings
and going-cold order as the Today page), and said in words fit for a notification:
names, times and the follow-ups' own words, nothing else the user wrote (no agendas,
places, stories or notes). Each list is cut with "and N more".
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.dates import long_day_text
from relate.meetings import MeetingRecord
from relate.reminders import follow_up_line, lines_with_more
from relate.today import DueContact, DueFollowUp, today_view

# Lines per list in the notification (the last says "and N more" when there are more).
MOST_FOLLOW_UPS = 5
MOST_MEETINGS = 4
GOING_COLD = 3


@dataclasses.dataclass(frozen=True, slots=True)
class Digest:
    on: dt.date
    follow_ups: tuple[DueFollowUp, ...]
    follow_ups_total: int
    meetings: tuple[MeetingRecord, ...]
    going_cold: tuple[DueContact, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.follow_ups or self.meetings or self.going_cold)

    @property
    def title(self) -> str:
        """ "Today: 3 follow-ups, 1 1-2-1", or that nothing is due."""
        parts = []
        if self.follow_ups_total:
            parts.append(_count(self.follow_ups_total, "follow-up"))
        if self.meetings:
            parts.append(_count(len(self.meetings), "1-2-1"))
        if not parts:
            return "Relate: nothing due today"
        return "Today: " + ", ".join(parts)

    @property
    def body(self) -> str:
        """The digest's lines: what each list holds, cut to fit a notification."""
        if self.is_empty:
            return "No follow-ups or 1-2-1s today, and nobody is going cold."
        lines: list[str] = []
        if self.follow_ups:
            items = [_follow_up_line(item) for item in self.follow_ups]
            total = self.follow_ups_total
            lines += ["Follow-ups:", *lines_with_more(items, MOST_FOLLOW_UPS, total)]
        if self.meetings:
            items = [f"{m.starts_at:%H:%M} {m.contact_name}" for m in self.meetings]
            lines += ["1-2-1s:", *lines_with_more(items, MOST_MEETINGS)]
        if self.going_cold:
            lines += ["Going cold:", ", ".join(who.name for who in self.going_cold)]
        return "\n".join(lines)

    def text(self) -> str:
        """The digest for a terminal: its day, title and lines."""
        return f"{long_day_text(self.on)}\n{self.title}\n\n{self.body}"


def _count(number: int, what: str) -> str:
    return f"{number} {what}" if number == 1 else f"{number} {what}s"


def _follow_up_line(item: DueFollowUp) -> str:
    late = f" ({_count(item.days_overdue, 'day')} late)" if item.days_overdue > 0 else ""
    return follow_up_line(item.contact_name, item.due_time, item.text) + late


def morning_digest(on: dt.date | None = None) -> Digest:
    """The digest of the day `on` (default today) from the open database."""
    view = today_view(on, limit=MOST_FOLLOW_UPS, ideas=0)
    return Digest(
        on=view.on,
        follow_ups=view.follow_ups,
        follow_ups_total=view.follow_ups_total,
        meetings=tuple(m for m in view.meetings if m.starts_at.date() == view.on),
        # Today lists them most valuable first: furthest along, most exchanged.
        going_cold=view.going_cold[:GOING_COLD],
    )
