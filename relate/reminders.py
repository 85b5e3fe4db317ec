"""Reminders at their time: which to show now, from what is due and what was shown.

Pure: no database, no clock, no Qt. The caller (a Qt timer every half minute, see
`relate.reminder_store.check`) hands over the moment, the follow-ups and planned 1-2-1s
around it (`Due`) and the keys of the reminders already shown, then shows what
`reminders_to_show` returns and records its keys, so a restart never repeats one:

    batch = reminders_to_show(now, items, shown, lead=dt.timedelta(minutes=30))
    for reminder in batch: notify(reminder.title, reminder.body); remember(reminder.keys)

- A follow-up with a due time reminds at that time; one without a time only when the
  caller gives `untimed_at` (the morning digest and Today hold the rest).
- A 1-2-1 reminds `lead` before it starts (default 30 minutes), with its brief to
  prepare; one that has ended is no longer worth a reminder.
- What came due while nobody was watching (the computer slept, Relate was closed) for
  more than `GRACE` is shown once, as one summary, never as a burst of notifications;
  so are more than `MOST_AT_ONCE` reminders falling due in the same moment. What came
  due longer ago than `REACH` is left to Today's page.

Times are naive wall-clock times of this machine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Iterable
from typing import Literal

DEFAULT_LEAD = dt.timedelta(minutes=30)
# Later than this after its time, a reminder was missed: it goes into the summary.
GRACE = dt.timedelta(minutes=5)
# How far back a missed reminder is still shown (a weekend asleep shows one day's worth).
REACH = dt.timedelta(hours=24)
MOST_AT_ONCE = 3
# Names in a summary notification; the rest are "and N more".
SUMMARY_LINES = 5

FOLLOW_UP: Literal["follow-up"] = "follow-up"
MEETING: Literal["1-2-1"] = "1-2-1"
DueKind = Literal["follow-up", "1-2-1"]


@dataclasses.dataclass(frozen=True, slots=True)
class Due:
    """A follow-up or a planned 1-2-1 a reminder can be about. `text` is the
    follow-up's own words (empty for a 1-2-1: its agenda stays out of notifications)."""

    kind: DueKind
    id: int
    contact_id: int
    contact_name: str
    day: dt.date
    time: dt.time | None  # a follow-up may have none
    text: str = ""
    minutes: int = 0  # a 1-2-1's length

    @property
    def starts(self) -> dt.datetime | None:
        """When it is due (a 1-2-1 starts); None for a follow-up without a time."""
        return None if self.time is None else dt.datetime.combine(self.day, self.time)

    @property
    def key(self) -> str:
        """What names its reminder among those shown: moved to another day or time, a
        follow-up or a 1-2-1 reminds again (a new lead does not)."""
        when = self.starts.isoformat(timespec="minutes") if self.starts else self.day.isoformat()
        return f"{self.kind}:{self.id}@{when}"

    def line(self) -> str:
        """How it reads in a notification: the name, the time, the follow-up's words."""
        if self.kind == MEETING:
            return f"1-2-1 with {self.contact_name} at {self.time:%H:%M}"
        return follow_up_line(self.contact_name, self.time, self.text)


def follow_up_line(name: str, time: dt.time | None, text: str) -> str:
    """A follow-up in a notification: "Ann Adams at 14:00: Send the article"."""
    when = f" at {time:%H:%M}" if time is not None else ""
    return f"{name}{when}: {text}"


@dataclasses.dataclass(frozen=True, slots=True)
class Reminder:
    """One notification: a single item at its time, or a summary of several (`missed`:
    of what came due while nobody was watching)."""

    items: tuple[Due, ...]
    keys: tuple[str, ...]
    missed: bool = False

    @property
    def is_summary(self) -> bool:
        return self.missed or len(self.items) > 1

    @property
    def title(self) -> str:
        if self.missed:
            count = len(self.items)
            return "Missed reminder" if count == 1 else f"{count} missed reminders"
        if len(self.items) > 1:
            return f"{len(self.items)} reminders"
        item = self.items[0]
        return f"1-2-1 with {item.contact_name}" if item.kind == MEETING else "Follow-up"

    @property
    def body(self) -> str:
        if self.is_summary:
            return "\n".join(lines_with_more([item.line() for item in self.items], SUMMARY_LINES))
        item = self.items[0]
        if item.kind == MEETING:
            return f"Starts at {item.time:%H:%M}. Prepare the brief?"
        return item.line()

    @property
    def meeting_id(self) -> int | None:
        """The 1-2-1 whose brief the notification offers to prepare, if it is about one."""
        item = self.items[0]
        return item.id if not self.is_summary and item.kind == MEETING else None


def lines_with_more(lines: list[str], most: int, total: int | None = None) -> list[str]:
    """`lines` (the first of `total`, default all of them), at most `most` of them: the
    last says how many more there are when not all fit."""
    total = len(lines) if total is None else max(total, len(lines))
    if total <= most and len(lines) == total:
        return lines
    shown = lines[: most - 1]
    return [*shown, f"and {total - len(shown)} more"]


def alert_time(
    item: Due, lead: dt.timedelta = DEFAULT_LEAD, untimed_at: dt.time | None = None
) -> dt.datetime | None:
    """When `item` reminds: a follow-up at its time (or `untimed_at` on its day), a 1-2-1
    `lead` before it starts; None when it does not remind at a time."""
    if item.kind == MEETING:
        starts = item.starts
        return None if starts is None else starts - lead
    if item.time is None:
        return None if untimed_at is None else dt.datetime.combine(item.day, untimed_at)
    return item.starts


def _over(item: Due, now: dt.datetime) -> bool:
    """A 1-2-1 that has ended: nothing left to remind of."""
    starts = item.starts
    return (
        item.kind == MEETING
        and starts is not None
        and (starts + dt.timedelta(minutes=item.minutes) <= now)
    )


def reminders_to_show(
    now: dt.datetime,
    items: Iterable[Due],
    shown: Collection[str],
    lead: dt.timedelta = DEFAULT_LEAD,
    untimed_at: dt.time | None = None,
) -> list[Reminder]:
    """The notifications to show at `now`: each item whose time has come and whose key
    is not in `shown`; on time one by one (up to MOST_AT_ONCE, else together), missed
    ones (past their time by more than GRACE; a 1-2-1 only once it has begun) as one
    summary first. Record every returned `Reminder.keys` as shown."""
    on_time: list[tuple[dt.datetime, Due, str]] = []
    missed: list[tuple[dt.datetime, Due, str]] = []
    for item in items:
        at = alert_time(item, lead, untimed_at)
        if at is None or not now - REACH < at <= now or _over(item, now):
            continue
        key = item.key
        if key in shown:
            continue
        late = now - at > GRACE and (item.kind != MEETING or (item.starts or now) <= now)
        (missed if late else on_time).append((at, item, key))
    reminders = []
    if missed:
        missed.sort(key=lambda entry: (entry[0], entry[1].id))
        reminders.append(_reminder(missed, missed=True))
    on_time.sort(key=lambda entry: (entry[0], entry[1].id))
    if len(on_time) > MOST_AT_ONCE:
        reminders.append(_reminder(on_time))
    else:
        reminders += [_reminder([entry]) for entry in on_time]
    return reminders


def _reminder(entries: list[tuple[dt.datetime, Due, str]], missed: bool = False) -> Reminder:
    return Reminder(
        items=tuple(item for _, item, _ in entries),
        keys=tuple(key for _, _, key in entries),
        missed=missed,
    )
