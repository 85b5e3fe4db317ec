"""The repeats of a rule, counted out: the daily and weekly rules of nearly every
repeating meeting by adding days, any other by dateutil.

dateutil works out each repeat of a rule anew from its parts, some 5 microseconds each;
a weekly meeting is its start plus a week at a time, a twentieth of that. A rule is
stepped here only when it is a plain one: FREQ=DAILY or WEEKLY, with INTERVAL, COUNT,
BYDAY of weekdays without a number, and WKST; the repeats are those dateutil gives (a
test compares the two on many rules). The rule says no UNTIL: the callers stop at theirs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import dateutil.rrule

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAY = "|".join(_WEEKDAYS)
# The parts of a rule stepped here, as dateutil reads them (any other: dateutil counts).
_STEPPED_PARTS = {
    "FREQ": re.compile(r"DAILY|WEEKLY"),
    "INTERVAL": re.compile(r"[1-9]\d{0,5}"),
    "COUNT": re.compile(r"[1-9]\d{0,8}"),
    "BYDAY": re.compile(rf"(?:{_WEEKDAY})(?:,(?:{_WEEKDAY}))*"),
    "WKST": re.compile(_WEEKDAY),
}
_DAY = dt.timedelta(days=1)


def repeats(rule: str, first: dt.datetime) -> Iterator[dt.datetime]:
    """The repeats of `rule` (its parts, "FREQ=WEEKLY;COUNT=10", without UNTIL) from the
    naive time `first`, in order, as `dateutil.rrule.rrulestr(rule, dtstart=first)`
    gives them; ValueError, as dateutil's, when it cannot be read."""
    parts = _stepped_parts(rule, first)
    if parts is None:
        return iter(dateutil.rrule.rrulestr(rule, dtstart=first))
    return _stepped(parts, first.replace(microsecond=0))


def _stepped_parts(rule: str, first: dt.datetime) -> dict[str, str] | None:
    """The rule's parts when it is one to step here; None for dateutil to count."""
    if first.tzinfo is not None:
        return None
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, _, value = part.partition("=")
        pattern = _STEPPED_PARTS.get(name)
        if pattern is None or name in parts or not pattern.fullmatch(value):
            return None
        parts[name] = value
    return parts if "FREQ" in parts else None


def _stepped(parts: dict[str, str], first: dt.datetime) -> Iterator[dt.datetime]:
    """The repeats as dateutil steps them: period after period (a day, or a week from
    its WKST), each period's days in order that BYDAY allows (by default, for a weekly
    rule, the first day's weekday), none before `first`, at `first`'s time."""
    weekly = parts["FREQ"] == "WEEKLY"
    interval = int(parts.get("INTERVAL", "1"))
    left = int(parts["COUNT"]) if "COUNT" in parts else -1  # -1: no end
    if "BYDAY" in parts:
        allowed = {_WEEKDAYS.index(day) for day in parts["BYDAY"].split(",")}
    else:
        allowed = {first.weekday()} if weekly else set(range(7))
    if weekly:
        week_start = _WEEKDAYS.index(parts.get("WKST", "MO"))
        back = (first.weekday() - week_start) % 7
        period = first - back * _DAY  # the start of the first week, at `first`'s time
        offsets = sorted((day - week_start) % 7 for day in allowed)
        step = dt.timedelta(days=7 * interval)
    else:
        period, offsets, step = first, [0], dt.timedelta(days=interval)
    barren = 0  # periods in a row without a repeat: after 7, none will ever have one
    try:
        while left and barren < 7:
            found = False
            for offset in offsets:
                moment = period + offset * _DAY if offset else period
                if moment < first or moment.weekday() not in allowed:
                    continue
                found = True
                yield moment
                left -= 1
                if not left:
                    return
            barren = 0 if found else barren + 1
            period += step
    except OverflowError:  # past the year 9999, where dateutil stops too
        return
