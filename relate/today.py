"""The Today view's data: what to do today, from a handful of bounded SQL queries.

Follow-ups due and overdue, contacts whose rhythm says it is time, 1-2-1s in the next
seven days, people going cold (most valuable first), and introductions the user could
make. Each list is cut at `limit` with its full count kept, so the view stays quick at
100,000 contacts however far behind the user is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from relate import introduction_ideas, meetings
from relate.cadence import BOOKED_DAYS, not_booked_sql
from relate.introduction_ideas import IntroductionIdea
from relate.meetings import MeetingRecord
from relate.queries import to_date
from relate.records import display_name
from relate.stage_suggestions import StageSuggestion, stage_suggestions
from relate.store.db import execute, fetch_int
from relate.validation import parse_time
from relate.vocabulary import STAGES

MEETING_DAYS = BOOKED_DAYS


@dataclasses.dataclass(frozen=True, slots=True)
class DueFollowUp:
    id: int
    contact_id: int
    contact_name: str
    text: str
    due: dt.date
    days_overdue: int
    due_time: dt.time | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class DueContact:
    """A contact whose rhythm says it is time (or past time) to be in touch."""

    contact_id: int
    name: str
    company: str
    position: str
    stage: str
    last_contacted: dt.date | None
    next_due: dt.date
    rhythm_days: int
    # Gave and received entries: how much has passed between the user and them.
    exchanges: int


@dataclasses.dataclass(frozen=True, slots=True)
class TodayView:
    on: dt.date
    follow_ups: tuple[DueFollowUp, ...]
    follow_ups_total: int
    meetings: tuple[MeetingRecord, ...]
    due: tuple[DueContact, ...]
    due_total: int
    going_cold: tuple[DueContact, ...]
    going_cold_total: int
    ideas: tuple[IntroductionIdea, ...]
    # People in touch more than their stage says (a history imported, say).
    moves: tuple[StageSuggestion, ...] = ()
    moves_total: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.follow_ups
            or self.meetings
            or self.due
            or self.going_cold
            or self.ideas
            or self.moves
        )

    @property
    def sections(self) -> tuple[TodaySection, ...]:
        """The day's lists in the order they are shown, with their titles and what each
        says when empty: the one description the window and the command line render.
        On a day nobody is due or going cold (the first, after a history is imported),
        the people to move along come before those two empty lists."""
        moves_first = bool(self.moves) and not (self.due or self.going_cold)
        follow_ups = TodaySection(
            "follow-up",
            "Follow-ups due",
            self.follow_ups,
            self.follow_ups_total,
            "Nothing promised for today.",
        )
        meetings = TodaySection(
            "meeting",
            f"1-2-1s in the next {MEETING_DAYS} days",
            self.meetings,
            len(self.meetings),
            "No 1-2-1 planned this week. Who would you like to meet?",
        )
        due = TodaySection(
            "due",
            "Due to be in touch",
            self.due,
            self.due_total,
            "Nobody is due yet: moved along, the people above keep their stage's rhythm."
            if moves_first
            else "Nobody is due: every rhythm is kept.",
            list_view="due",
        )
        cold = TodaySection(
            "cold",
            "Going cold",
            self.going_cold,
            self.going_cold_total,
            "Nobody is going cold.",
            list_view="going-cold",
        )
        moves = TodaySection(
            "stage",
            "In touch more than their stage says",
            self.moves,
            self.moves_total,
            "",
            shown_when_empty=False,
        )
        ideas = TodaySection(
            "idea",
            "Someone you could help",
            self.ideas,
            len(self.ideas),
            "No introduction to suggest yet: say what people are looking for (a need)"
            " and tag what they are good at.",
        )
        if moves_first:
            return (follow_ups, meetings, moves, due, cold, ideas)
        return (follow_ups, meetings, due, cold, moves, ideas)


@dataclasses.dataclass(frozen=True, slots=True)
class TodaySection:
    """One of the day's lists: its rows (the first `total`), its title, and what it says
    when it has none."""

    key: str  # what its rows are: "follow-up", "meeting", "due", "cold" or "idea"
    title: str
    rows: tuple[Any, ...]
    total: int
    empty_text: str
    list_view: str | None = None  # the list's saved view that holds them all
    shown_when_empty: bool = True  # False: left out on a day it has nothing


_STAGE_RANK_SQL = (
    "CASE c.stage " + " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(STAGES)) + " END"
)
# Due: from next_due on; going cold: overdue by more than half a rhythm again (the rule
# of cadence.cadence_status and of the list's saved views).
_COLD_SQL = "date(c.next_due, '+' || (c.rhythm_days / 2) || ' days') < :on"
# Someone with a 1-2-1 planned this week is being kept in touch with: not due.
_BOOKED = not_booked_sql(":on")
_DUE_WHERE = f"c.archived = 0 AND c.next_due <= :on AND NOT ({_COLD_SQL}) AND {_BOOKED}"
_COLD_WHERE = f"c.archived = 0 AND c.next_due < :on AND {_COLD_SQL} AND {_BOOKED}"
_CONTACT_COLUMNS = (
    "c.id, c.first_name, c.last_name, c.company, c.position, c.stage, c.last_contacted,"
    " c.next_due, c.rhythm_days, (SELECT count(*) FROM interaction i"
    " WHERE i.contact_id = c.id AND i.kind IN ('gave', 'received')) AS exchanges"
)


def _contacts(where: str, order: str, on: dt.date, limit: int) -> tuple[DueContact, ...]:
    rows = execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contact c WHERE {where} ORDER BY {order} LIMIT :limit",
        {"on": on.isoformat(), "limit": limit},
    )
    return tuple(
        DueContact(
            contact_id=row[0],
            name=display_name(row[1], row[2]),
            company=row[3],
            position=row[4],
            stage=row[5],
            last_contacted=to_date(row[6]),
            next_due=to_date(row[7]),
            rhythm_days=row[8],
            exchanges=row[9],
        )
        for row in rows
    )


def _count(where: str, on: dt.date) -> int:
    sql = f"SELECT count(*) FROM contact c WHERE {where}"
    return fetch_int(sql, {"on": on.isoformat()})


def _follow_ups(on: dt.date, limit: int) -> tuple[tuple[DueFollowUp, ...], int]:
    # Archived contacts through their (small) partial index: a test on c.archived would
    # lead SQLite to walk every contact first when it has no statistics to go by.
    where = (
        "f.done_at IS NULL AND f.due <= :on"
        " AND f.contact_id NOT IN (SELECT id FROM contact WHERE archived = 1)"
    )
    params = {"on": on.isoformat(), "limit": limit}
    rows = execute(
        "SELECT f.id, f.contact_id, c.first_name, c.last_name, f.text, f.due, f.due_time"
        f" FROM follow_up f JOIN contact c ON c.id = f.contact_id WHERE {where}"
        " ORDER BY f.due, f.id LIMIT :limit",
        params,
    )
    items = tuple(
        DueFollowUp(
            row[0],
            row[1],
            display_name(row[2], row[3]),
            row[4],
            to_date(row[5]),
            (on - to_date(row[5])).days,
            parse_time(row[6]),
        )
        for row in rows
    )
    total = execute(
        f"SELECT count(*) FROM follow_up f JOIN contact c ON c.id = f.contact_id WHERE {where}",
        params,
    ).fetchone()[0]
    return items, total


def today_view(on: dt.date | None = None, limit: int = 20, ideas: int = 5) -> TodayView:
    """What to do on the day `on` (default today), each list cut at `limit`."""
    on = on or dt.date.today()
    follow_ups, follow_ups_total = _follow_ups(on, limit)
    moves, moves_total = stage_suggestions(on, limit=ideas)
    start = dt.datetime.combine(on, dt.time())
    return TodayView(
        on=on,
        follow_ups=follow_ups,
        follow_ups_total=follow_ups_total,
        meetings=tuple(meetings.planned_meetings(start, MEETING_DAYS)),
        # Longest waiting first.
        due=_contacts(_DUE_WHERE, "c.next_due, c.name_key", on, limit),
        due_total=_count(_DUE_WHERE, on),
        # Most valuable first: furthest along, then the most given and received.
        going_cold=_contacts(
            _COLD_WHERE, f"{_STAGE_RANK_SQL} DESC, exchanges DESC, c.next_due", on, limit
        ),
        going_cold_total=_count(_COLD_WHERE, on),
        ideas=tuple(introduction_ideas.introduction_ideas(on, limit=ideas)) if ideas else (),
        moves=moves,
        moves_total=moves_total,
    )
