"""The database side of reminders: what is due around a moment, and what was shown.

A Qt timer in the window or the tray calls `check` every half minute or so:

    for reminder in reminder_store.check(dt.datetime.now(), lead=lead):
        notify(reminder.title, reminder.body)   # reminder.meeting_id: offer its brief

`check` reads the follow-ups and 1-2-1s that can remind now (`due_around`), asks
`relate.reminders` which to show, and records them as shown (in `reminder_shown`,
migration 9), so neither a restart nor a second call shows one twice. On a database
open read-only nothing is recorded: the caller keeps the keys it showed for itself
(`shown` adds them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from relate import meetings
from relate.queries import to_date
from relate.records import display_name
from relate.reminders import (
    DEFAULT_LEAD,
    FOLLOW_UP,
    MEETING,
    REACH,
    Due,
    Reminder,
    reminders_to_show,
)
from relate.store.db import execute, is_read_only, transaction
from relate.store.models import ReminderShown
from relate.validation import parse_time


def _local(moment: dt.datetime) -> dt.datetime:
    """A moment as this machine's naive wall-clock time (an aware one converted)."""
    return moment if moment.tzinfo is None else moment.astimezone().replace(tzinfo=None)


def _follow_ups(first: dt.date, last: dt.date) -> list[Due]:
    # Archived contacts are left out as Today leaves them out (through their index).
    rows = execute(
        "SELECT f.id, f.contact_id, c.first_name, c.last_name, f.due, f.due_time, f.text"
        " FROM follow_up f JOIN contact c ON c.id = f.contact_id"
        " WHERE f.done_at IS NULL AND f.due BETWEEN ? AND ?"
        " AND f.contact_id NOT IN (SELECT id FROM contact WHERE archived = 1)"
        " ORDER BY f.due, f.id",
        (first.isoformat(), last.isoformat()),
    )
    return [
        Due(
            kind=FOLLOW_UP,
            id=row[0],
            contact_id=row[1],
            contact_name=display_name(row[2], row[3]),
            day=to_date(row[4]),
            time=parse_time(row[5]),
            text=row[6],
        )
        for row in rows
    ]


def _meeting(record: meetings.MeetingRecord) -> Due:
    # Its start on this machine's clock, whatever zone it was planned in.
    start = meetings.meeting_instants(record.starts_at, record.minutes, record.time_zone)[0]
    local = _local(start)
    return Due(
        kind=MEETING,
        id=record.id,
        contact_id=record.contact_id,
        contact_name=record.contact_name,
        day=local.date(),
        time=local.time(),
        minutes=record.minutes,
    )


def due_around(now: dt.datetime, lead: dt.timedelta = DEFAULT_LEAD) -> list[Due]:
    """Open follow-ups due from a day before `now` to its day, and 1-2-1s planned to
    start from a day before `now` until `lead` after it (a day either way more, for
    meetings planned in another time zone): all that can remind at `now`."""
    earliest = now - REACH
    follow_ups = _follow_ups(earliest.date(), now.date())
    window = dt.timedelta(days=1)
    first = earliest - window
    days = (now + lead + window).date().toordinal() - first.date().toordinal() + 1
    planned = [_meeting(record) for record in meetings.planned_meetings(first, days)]
    return follow_ups + planned


def shown_keys() -> set[str]:
    """The keys of the reminders recorded as shown."""
    return {row[0] for row in execute("SELECT key FROM reminder_shown")}


def record_shown(keys: Iterable[str], at: dt.datetime) -> None:
    """Record reminders as shown at `at`, and forget those too old to come back."""
    rows = [{"key": key, "shown_at": at} for key in keys]
    with transaction():
        # Shown longer ago than the reach (and its lead), a reminder cannot be due again.
        forget = at - REACH - dt.timedelta(days=2)
        ReminderShown.delete().where(ReminderShown.shown_at < forget).execute()
        if rows:
            ReminderShown.insert_many(rows).on_conflict_ignore().execute()


def check(
    now: dt.datetime,
    lead: dt.timedelta = DEFAULT_LEAD,
    untimed_at: dt.time | None = None,
    shown: Collection[str] = (),
) -> list[Reminder]:
    """The reminders to show at `now` (see `relate.reminders.reminders_to_show`),
    recorded as shown unless the database is open read-only; `shown` adds keys the
    caller has shown itself."""
    now = _local(now).replace(microsecond=0)
    seen = shown_keys() | set(shown)
    reminders = reminders_to_show(now, due_around(now, lead), seen, lead, untimed_at)
    if reminders and not is_read_only():
        record_shown([key for reminder in reminders for key in reminder.keys], now)
    return reminders
