"""Changes of clocks in a time zone: the wall-clock times that a change skips (spring) or
repeats (autumn), and every change between two instants, from the zoneinfo data.

A wall-clock time carries which of two repeated readings it means in `fold` (PEP 495):
0 the first, 1 the second; iCalendar reads a zoned time as the first (RFC 5545 3.3.5).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo

from relate.dates import day_text, time_text

# Longer than any change of clocks, shorter than the time between two of them.
_STEP = dt.timedelta(hours=3)
_SECOND = dt.timedelta(seconds=1)


def zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA zone of that name ("Europe/Paris"); None if there is none."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def offset_text(offset: dt.timedelta) -> str:
    """ "UTC+02:00", "UTC-05:00", "UTC+10:30"."""
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """The clocks of a zone change at an instant: to another offset, or another name."""

    at: dt.datetime  # the instant, in UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name_to: str
    dst_to: bool

    @property
    def onset(self) -> dt.datetime:
        """The wall-clock time the clocks leave (02:00 when they go forward to 03:00)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def landing(self) -> dt.datetime:
        """The wall-clock time they show next (03:00)."""
        return (self.at + self.offset_to).replace(tzinfo=None)


def _state(zone: dt.tzinfo, instant: dt.datetime) -> tuple[dt.timedelta | None, str | None, bool]:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.tzname(), bool(local.dst())


def _change_after(zone: dt.tzinfo, low: dt.datetime, high: dt.datetime) -> Change:
    """The change between `low` (before it) and `high` (after it), to the second."""
    before = _state(zone, low)
    while high - low > _SECOND:
        middle = low + (high - low) // 2
        middle -= dt.timedelta(microseconds=middle.microsecond)
        if middle <= low:
            middle = low + _SECOND
        if _state(zone, middle) == before:
            low = middle
        else:
            high = middle
    offset_to, name_to, dst_to = _state(zone, high)
    return Change(
        high, before[0] or dt.timedelta(), offset_to or dt.timedelta(), name_to or "", dst_to
    )


def changes_between(zone: dt.tzinfo, start: dt.datetime, end: dt.datetime) -> list[Change]:
    """Every change of the zone's clocks from `start` to `end` (aware instants), in order."""
    found = []
    low = start.astimezone(dt.UTC)
    end = end.astimezone(dt.UTC)
    state = _state(zone, low)
    while low < end:
        high = min(low + _STEP, end)
        if _state(zone, high) != state:
            change = _change_after(zone, low, high)
            found.append(change)
            low = change.at
            state = _state(zone, low)
        else:
            low = high
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class ClockChange:
    """A wall-clock time that a change of clocks skips or repeats in a zone."""

    when: dt.datetime  # the wall-clock time asked about
    zone_name: str
    change: Change
    name_first: str  # the zone's abbreviation before the change ("CEST")

    @property
    def repeated(self) -> bool:
        """True when the time happens twice (the clocks go back); False when it never
        happens (they go forward)."""
        return self.change.offset_to < self.change.offset_from

    def sentence(self) -> str:
        """What happens to that time, in a plain sentence."""
        when = f"{time_text(self.when)} on {day_text(self.when.date(), weekday=True)}"
        going = "back" if self.repeated else "forward"
        clocks = (
            f"the clocks go {going} from {time_text(self.change.onset)}"
            f" to {time_text(self.change.landing)}"
        )
        if self.repeated:
            return f"{when} happens twice in {self.zone_name}: {clocks}."
        return f"There is no {when} in {self.zone_name}: {clocks}."

    def offset(self, fold: int) -> dt.timedelta:
        """The UTC offset of the first (fold 0) or second (fold 1) reading."""
        return self.change.offset_to if fold else self.change.offset_from

    def reading(self, fold: int) -> str:
        """ "the first (CEST, UTC+02:00)" or "the second (CET, UTC+01:00)"."""
        which = "the second" if fold else "the first"
        name = self.change.name_to if fold else self.name_first
        return f"{which} ({name}, {offset_text(self.offset(fold))})"


def clock_change_at(when: dt.datetime, zone: zoneinfo.ZoneInfo) -> ClockChange | None:
    """The change of clocks that skips or repeats the wall-clock time `when` (naive) in
    `zone`; None when that time happens once."""
    first = when.replace(tzinfo=zone, fold=0)
    second = when.replace(tzinfo=zone, fold=1)
    offset_first, offset_second = first.utcoffset(), second.utcoffset()
    if offset_first is None or offset_second is None or offset_first == offset_second:
        return None
    # The change lies between the two instants the two readings would be.
    try:
        instants = sorted(when.replace(fold=0) - offset for offset in (offset_first, offset_second))
    except OverflowError:  # at the very edge of the calendar, where no clocks changed
        return None
    low, high = (instant.replace(tzinfo=dt.UTC) for instant in instants)
    change = _change_after(zone, low, high)
    return ClockChange(when.replace(fold=0), zone.key, change, first.tzname() or "")
