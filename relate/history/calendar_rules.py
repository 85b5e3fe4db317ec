"""How far an event's repeat rules can be worked out, before recurring-ical-events is
asked to: a rule that repeats without end every second would have it work out millions
of occurrences from the event's first day, and one whose days never come (the 30th of
February) would have dateutil look for them up to the year 9999.

Each rule is counted out lazily first: it is expanded only as far as REPEAT_BUDGET
repeats from its start reach, and no further than MAX_OCCURRENCES occurrences into the
span asked for, plus one (the first left out, which the reader says).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from relate.history.calendar_lines import Block, Line
from relate.history.calendar_steps import repeats
from relate.history.calendar_times import aware, parse_moment

# A weekly meeting for a century is 5,200 occurrences; a daily one for 13 years, 5,000.
MAX_OCCURRENCES = 5_000
# Repeats counted from an event's first day: a daily event since 1890, an hourly one for
# five years. Counting and expanding them costs well under a second.
REPEAT_BUDGET = 50_000
# Repeats counted in one file, all events together: some 30 s of counting, where a real
# calendar (hundreds of repeating meetings, a few thousand repeats each) counts well under
# a million. A file of many runaway rules gets that far and its other rules are cut short.
FILE_BUDGET = 3_000_000
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_STEPS = {"DAILY": 1, "HOURLY": 1 / 24, "MINUTELY": 1 / 1440, "SECONDLY": 1 / 86400}
_CYCLE_DAYS = 146_097  # the Gregorian calendar repeats every 400 years


def _naive_in(moment: dt.datetime, like: dt.datetime) -> dt.datetime:
    """`moment` on the wall clock of `like`'s zone, naive (as a rule counts)."""
    return moment.astimezone(like.tzinfo).replace(tzinfo=None)


def _parts(value: str) -> dict[str, str]:
    parts = (part.partition("=") for part in value.split(";") if part)
    return {name.strip().upper(): text.strip() for name, _, text in parts}


def _numbers(text: str) -> set[int]:
    return {int(number) for number in text.split(",") if number.strip()} if text else set()


def _until(parts: dict[str, str], when: dt.datetime) -> dt.datetime | None:
    """A rule's UNTIL on the wall clock of the event's start (naive), if it has one."""
    text = parts.get("UNTIL", "")
    moment = parse_moment(Line("UNTIL", {}, text, text)) if text else None
    if isinstance(moment, dt.datetime):
        return _naive_in(aware(moment, when.tzinfo or dt.UTC), when)
    if moment is not None:
        return dt.datetime.combine(moment, dt.time.max)
    return None


def _days_come(parts: dict[str, str], first: dt.date) -> bool:
    """Whether a rule that steps a day or less at a time ever reaches a day its BYMONTH,
    BYMONTHDAY, BYYEARDAY and BYDAY allow (within 400 years: they repeat after that).
    BYWEEKNO is taken to allow any day, so a rule is never refused for it."""
    step = _DAY_STEPS.get(parts.get("FREQ", "").upper())
    if step is None:
        return True  # weeks, months and years: dateutil gives up within a million steps
    months = _numbers(parts.get("BYMONTH", ""))
    month_days = _numbers(parts.get("BYMONTHDAY", ""))
    year_days = _numbers(parts.get("BYYEARDAY", ""))
    weekdays = {
        _WEEKDAYS.index(day[-2:].upper())
        for day in parts.get("BYDAY", "").split(",")
        if day[-2:].upper() in _WEEKDAYS
    }
    if not (months or month_days or year_days or weekdays):
        return True
    interval = max(int(parts.get("INTERVAL", "1") or 1), 1)
    days = max(round(step * interval), 1)
    for offset in range(0, _CYCLE_DAYS, days):
        try:
            day = first + dt.timedelta(days=offset)
        except OverflowError:
            return False
        length = calendar.monthrange(day.year, day.month)[1]
        year_length = 366 if calendar.isleap(day.year) else 365
        year_day = day.timetuple().tm_yday
        if (
            (not months or day.month in months)
            and (not month_days or {day.day, day.day - length - 1} & month_days)
            and (not year_days or {year_day, year_day - year_length - 1} & year_days)
            and (not weekdays or day.weekday() in weekdays)
        ):
            return True
    return False


@dataclasses.dataclass(slots=True)
class Budget:
    """How many repeats are left to count in one file."""

    left: int = dataclasses.field(default_factory=lambda: FILE_BUDGET)


def repeats_cut(
    block: Block, when: dt.datetime, start: dt.datetime, end: dt.datetime, budget: Budget
) -> dt.datetime | None:
    """Where to stop expanding the event's rules, when before `end`: past REPEAT_BUDGET
    repeats from its start (`when`; fewer when the file's `budget` is nearly spent), or
    just past MAX_OCCURRENCES + 1 from `start`. ValueError when a rule cannot be read,
    or its days never come."""
    first = when.replace(tzinfo=None)
    cut: dt.datetime | None = None
    for line in block.all("RRULE"):
        allowed = min(REPEAT_BUDGET, budget.left)
        if allowed <= 0:
            return start
        value = "".join(line.value.split())  # Exchange writes "BYDAY=MO, TU"
        parts = _parts(value)
        if int(parts.get("INTERVAL", "1") or 1) < 1:  # dateutil would count for ever
            raise ValueError(f"{line.value} does not move on")
        if not _days_come(parts, first.date()):
            raise ValueError(f"the days of {line.value} never come")
        until = _until(parts, when)
        stop = _naive_in(end, when) if until is None else min(_naive_in(end, when), until)
        begin = _naive_in(start, when)
        # UNTIL is left to the library, which mends its forms that dateutil refuses.
        counted = ";".join(f"{name}={text}" for name, text in parts.items() if name != "UNTIL")
        inside = 0
        for count, moment in enumerate(repeats(counted, first)):
            if moment >= stop:
                break
            inside += moment >= begin
            if count == allowed or inside > MAX_OCCURRENCES:
                reached = (moment + dt.timedelta(microseconds=1)).replace(tzinfo=when.tzinfo)
                cut = reached if cut is None else min(cut, reached)
                break
        budget.left -= count
    return cut
