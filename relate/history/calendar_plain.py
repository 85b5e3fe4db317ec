"""The starts of a plain repeating event worked out with dateutil alone, as
recurring-ical-events would give them.

Plain is what calendars write for nearly every repeating meeting: one RRULE (a frequency,
an interval, a count or an UTC end, the days it falls on), EXDATEs, and occurrences moved
by a RECURRENCE-ID, every time in a zone of the tz database (or UTC), or all-day. The
library reads any event, at some 2 ms each (its icalendar parse and its span checks):
a tenth of a 20,000-event export repeating costs it 4 s. Anything else (RDATE, DURATION,
a floating or home-made zone, RANGE, an end before the start, a rule part not listed
here) is left to it: `plain_starts` says None. A test compares the two on many events.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from relate.history.calendar_lines import Block, Line
from relate.history.calendar_steps import repeats
from relate.history.calendar_times import FileZones, Moment, known_zone

# What a moved occurrence is known by (its RECURRENCE-ID in UTC, naive; a day at its
# midnight; None for the others) and when it starts (a day for an all-day event): what
# the library's occurrences say.
Start = tuple[dt.datetime | None, Moment]

_VALUE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_WEEKDAY = r"(?:[+-]?\d{1,2})?(?:MO|TU|WE|TH|FR|SA|SU)"
# The rule parts read alike by dateutil and by icalendar (which the library asks).
_PARTS = {
    "FREQ": re.compile(r"DAILY|WEEKLY|MONTHLY|YEARLY"),
    "INTERVAL": re.compile(r"[1-9]\d{0,3}"),
    "COUNT": re.compile(r"[1-9]\d{0,5}"),
    "UNTIL": re.compile(r"\d{8}T\d{6}Z"),
    "BYDAY": re.compile(rf"{_WEEKDAY}(?:,{_WEEKDAY})*"),
    "BYMONTHDAY": re.compile(r"-?\d{1,2}(?:,-?\d{1,2})*"),
    "BYMONTH": re.compile(r"\d{1,2}(?:,\d{1,2})*"),
    "WKST": re.compile(r"MO|TU|WE|TH|FR|SA|SU"),
}
_SLACK = dt.timedelta(days=3)  # past the span's end, on the event's clock


class _NotPlainError(Exception):
    """The event is for the library to expand."""


def _zone(line: Line, zones: FileZones) -> dt.tzinfo | None:
    """The tz database zone of a line's TZID; None when it has none."""
    written = line.params.get("TZID")
    if written is None:
        return None
    tzid = zones.tzid(written)
    zone = known_zone(tzid) if tzid else None
    if not isinstance(zone, zoneinfo.ZoneInfo) or zone.key != tzid:
        raise _NotPlainError  # floating, a Windows name, or the file's own definition
    return zone


def _values(line: Line, zones: FileZones) -> list[Moment]:
    """The line's days or times: days, or aware times."""
    zone = _zone(line, zones)
    is_day = line.params.get("VALUE", "").upper() == "DATE"
    found: list[Moment] = []
    for text in line.value.strip().split(","):
        match = _VALUE.fullmatch(text)
        if match is None or is_day != (match[4] is None) or (is_day and zone is not None):
            raise _NotPlainError
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            if is_day:
                found.append(day)
                continue
            moment = dt.datetime.combine(day, dt.time(int(match[4]), int(match[5]), int(match[6])))
        except ValueError:
            raise _NotPlainError from None
        if bool(match[7]) == (zone is not None):
            raise _NotPlainError  # a UTC time with a TZID, or a floating one
        found.append(moment.replace(tzinfo=zone or dt.UTC))
    return found


def _one(block: Block, name: str, zones: FileZones) -> Moment | None:
    lines = block.all(name)
    if not lines:
        return None
    values = _values(lines[0], zones)
    if len(lines) > 1 or len(values) > 1:
        raise _NotPlainError
    return values[0]


def _span(block: Block, zones: FileZones, all_day: bool) -> Moment:
    """The event's start, when its start and end are of the kind asked for and its end
    is not before its start (the library would swap them)."""
    start = _one(block, "DTSTART", zones)
    end = _one(block, "DTEND", zones)
    if block.all("RDATE") or block.all("DURATION") or start is None:
        raise _NotPlainError
    for moment in (start, end):
        if moment is not None and isinstance(moment, dt.datetime) == all_day:
            raise _NotPlainError
    if end is not None and end < start:  # (of one kind)
        raise _NotPlainError
    return start


def ids(moment: Moment) -> tuple[dt.datetime, ...]:
    """What the library knows a start by: UTC and its own clock, naive (a day: its
    midnight), the first being its name."""
    if not isinstance(moment, dt.datetime):
        return (dt.datetime(moment.year, moment.month, moment.day),)
    if moment.tzinfo is None:
        return (moment,)
    return (moment.astimezone(dt.UTC).replace(tzinfo=None), moment.replace(tzinfo=None))


def _rule(series: Block) -> tuple[str, dt.datetime | None]:
    """The rule without its UNTIL, and its UNTIL (in UTC)."""
    lines = series.all("RRULE")
    if len(lines) != 1:
        raise _NotPlainError
    parts: dict[str, str] = {}
    for part in "".join(lines[0].value.split()).upper().split(";"):
        name, _, value = part.partition("=")
        if name not in _PARTS or name in parts or not _PARTS[name].fullmatch(value):
            raise _NotPlainError
        parts[name] = value
    if "FREQ" not in parts or ("COUNT" in parts and "UNTIL" in parts):
        raise _NotPlainError
    until = None
    if "UNTIL" in parts:
        text = parts.pop("UNTIL")
        until = dt.datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    return ";".join(f"{name}={value}" for name, value in parts.items()), until


def plain_starts(
    series: Block, moved: list[Block], zones: FileZones, stop: dt.datetime
) -> list[Start] | None:
    """The starts of the event that the library would give up to `stop` (some days past
    it too), each with what it is known by, in its order; None when it is not plain."""
    try:
        return _starts(series, moved, zones, stop)
    except _NotPlainError:
        return None


def _starts(series: Block, moved: list[Block], zones: FileZones, stop: dt.datetime) -> list[Start]:
    if series.first("RECURRENCE-ID"):
        raise _NotPlainError  # only moved occurrences, of a series not in the file
    first = _one(series, "DTSTART", zones)
    all_day = not isinstance(first, dt.datetime)
    start = _span(series, zones, all_day)
    rule, until = _rule(series)
    if all_day and until is not None:
        raise _NotPlainError
    exdates = [value for line in series.all("EXDATE") for value in _values(line, zones)]
    clocks = {value.tzinfo for value in exdates if isinstance(value, dt.datetime)}
    if all_day and len(clocks) > 1:
        raise _NotPlainError  # the library would count in the zone of any one of them
    left_out_days = {value for value in exdates if not isinstance(value, dt.datetime)}
    left_out = {key for value in exdates for key in ids(value)}
    by_id: dict[dt.datetime, tuple[dt.datetime, Moment]] = {}
    for block in moved:
        if block.all("RRULE") or block.all("EXDATE"):
            raise _NotPlainError
        line = block.first("RECURRENCE-ID")
        planned = _one(block, "RECURRENCE-ID", zones)
        if line is None or "RANGE" in line.params or planned is None:
            raise _NotPlainError
        keys = ids(planned)
        if left_out & set(keys) or any(key in by_id for key in keys):
            raise _NotPlainError  # a moved one left out, or two for one occurrence
        if not isinstance(planned, dt.datetime) and planned in left_out_days:
            raise _NotPlainError
        if isinstance(planned, dt.datetime) and planned.date() in left_out_days:
            raise _NotPlainError
        # (A moved one may be of the other kind: a day's meeting moved to a time.)
        moved_to = _span(block, zones, not isinstance(_one(block, "DTSTART", zones), dt.datetime))
        for key in keys:
            by_id[key] = (keys[0], moved_to)
    zone = start.tzinfo if isinstance(start, dt.datetime) else None
    # The zone the library counts in: the start's; for an all-day event, that of the
    # times it leaves out, if any (its days are then known by their midnight there).
    clock = zone or next(iter(clocks), None)
    naive = (
        start.replace(tzinfo=None)
        if isinstance(start, dt.datetime)
        else dt.datetime(start.year, start.month, start.day)
    )
    last = (stop.astimezone(zone) if zone else stop).replace(tzinfo=None) + _SLACK
    moments = [naive] if until is None or naive.replace(tzinfo=zone) <= until else []
    for moment in repeats(rule, naive):
        if until is not None and moment.replace(tzinfo=zone) > until:
            break
        if moment > last:
            break
        moments.append(moment)
    found: list[Start] = []
    seen: set[dt.datetime] = set()
    taken: set[dt.datetime] = set()
    for moment in moments:
        if moment in seen or (left_out_days and moment.date() in left_out_days):
            continue
        on_clock = moment.replace(tzinfo=clock) if clock else moment
        # What the library knows it by, when anything is left out or moved.
        keys = ids(on_clock) if left_out or by_id else ()
        if left_out and not left_out.isdisjoint(keys):
            continue
        match = next((by_id[key] for key in keys if key in by_id), None) if by_id else None
        when: Moment = on_clock if zone else moment.date()  # (its clock is the start's)
        if match is None:
            seen.add(moment)
            found.append((None, when))
        elif match[0] not in taken:
            taken.add(match[0])
            found.append(match)
    found.extend(value for key, value in by_id.items() if key == value[0] and key not in taken)
    return found
