"""The occurrences of one event (all the VEVENTs of its UID) in a span of time.

A repeating event is expanded by recurring-ical-events (RRULE, RDATE, EXDATE, and the
occurrences moved or cancelled by a RECURRENCE-ID), from its date and repeat lines only.
A rule that repeats too often is expanded only as far as `calendar_rules` allows; the
first occurrence left out is said, skipped as "too many repeats", so that the preview
counts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]  # ships no types

from relate.history.calendar_lines import WHEN_NAMES, Block
from relate.history.calendar_plain import Start, plain_starts
from relate.history.calendar_rules import MAX_OCCURRENCES, Budget, repeats_cut
from relate.history.calendar_times import FileZones, Moment, aware, parse_moment

NO_START = "no start"
BAD_REPEAT = "unreadable repeat rule"
TOO_MANY = "too many repeats"
# The library keeps an event that overlaps the span, and compares a floating time with
# it as if in UTC: the span is widened by this, and the occurrences kept are those whose
# own start is in it.
_MARGIN = dt.timedelta(days=2)


class Occurrence(NamedTuple):
    """One occurrence: the VEVENT that says it, when it starts, and when the series
    planned it (its RECURRENCE-ID, in UTC; the day of an all-day one), which names it.
    (A named tuple: a calendar has some 100,000, made at a third of a dataclass's cost.)"""

    block: Block
    when: dt.datetime
    planned: str
    skip: str = ""


def _start_of(block: Block, zones: FileZones) -> tuple[Moment, dt.datetime] | None:
    line = block.first("DTSTART")
    moment = parse_moment(line) if line else None
    if line is None or moment is None:
        return None
    return moment, aware(moment, zones.zone(line.params.get("TZID", "")))


def planned_name(moment: Moment, when: dt.datetime) -> str:
    """How an occurrence is named: a day as it is, a time in UTC."""
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    return when.astimezone(dt.UTC).isoformat()


def _single(
    block: Block, zones: FileZones, start: dt.datetime, end: dt.datetime
) -> Iterator[Occurrence]:
    found = _start_of(block, zones)
    if found is None:
        yield Occurrence(block, start, "", NO_START)
        return
    moment, when = found
    if start <= when < end:
        # One occurrence of a series sent alone (an invitation to it) keeps its name.
        planned = _planned(block, zones)
        yield Occurrence(block, when, planned[1] if planned else planned_name(moment, when))


def _components(blocks: list[Block], zones: FileZones) -> icalendar.Calendar:
    """The events' date and repeat lines, under one UID."""
    text = ["BEGIN:VCALENDAR"]
    for block in blocks:
        text.append("BEGIN:VEVENT")
        for line in block.lines:
            if line.name == "RRULE":  # Exchange writes "BYDAY=MO, TU", which icalendar refuses
                text.append("RRULE:" + "".join(line.value.split()))
            elif line.name in WHEN_NAMES:
                text.append(zones.rewritten(line.raw))
        text += ["UID:series", "END:VEVENT"]
    text.append("END:VCALENDAR")
    return icalendar.Calendar.from_ical("\r\n".join(text) + "\r\n")


def _planned(block: Block, zones: FileZones) -> tuple[dt.datetime | dt.date, str] | None:
    """A moved or cancelled occurrence's RECURRENCE-ID as the library keys it (UTC,
    naive; a day at its midnight), and as it names the occurrence."""
    line = block.first("RECURRENCE-ID")
    moment = parse_moment(line) if line else None
    if line is None or moment is None:
        return None
    when = aware(moment, zones.zone(line.params.get("TZID", "")))
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time()), moment.isoformat()
    if moment.tzinfo is None and not line.params.get("TZID"):
        return moment, planned_name(moment, when)
    return when.astimezone(dt.UTC).replace(tzinfo=None), planned_name(moment, when)


def _library_starts(
    blocks: list[Block], zones: FileZones, start: dt.datetime, stop: dt.datetime, cut: bool
) -> list[Start]:
    """The occurrences recurring-ical-events finds about [start, stop) (`cut`: stop is
    where the rules must stop, not widened)."""
    query = recurring_ical_events.CalendarQuery(_components(blocks, zones))
    return [
        (occurrence.id.recurrence_id, occurrence.start)
        for each in query.series
        for occurrence in each.between(start - _MARGIN, stop if cut else stop + _MARGIN)
    ]


def _expanded(
    blocks: list[Block], zones: FileZones, start: dt.datetime, stop: dt.datetime, cut: bool
) -> list[Occurrence]:
    """Every occurrence that starts in [start, stop), in order (`cut`: stop is where
    the rules must stop, not widened)."""
    series = next((block for block in blocks if not block.first("RECURRENCE-ID")), blocks[0])
    others = [block for block in blocks if block is not series]
    moved: dict[dt.date | None, tuple[Block, str]] = {}
    for block in others:
        if planned := _planned(block, zones):
            moved[planned[0]] = (block, planned[1])

    clocks: dict[int, dt.tzinfo] = {}  # each VEVENT's zone, by id(block)

    def found_in(starts: list[Start]) -> list[Occurrence]:
        found = []
        unmoved = (series, "")
        for recurrence_id, moment in starts:
            block, name = moved.get(recurrence_id, unmoved) if moved else unmoved
            zone = clocks.get(id(block))
            if zone is None:
                line = block.first("DTSTART")
                zone = zones.zone(line.params.get("TZID", "")) if line else zones.floating
                clocks[id(block)] = zone
            when = aware(moment, zone)
            if start <= when < stop:
                found.append(Occurrence(block, when, name or planned_name(moment, when)))
        found.sort(key=lambda occurrence: occurrence.when)
        return found

    if not cut and all(block.first("RECURRENCE-ID") for block in others):
        plain = plain_starts(series, others, zones, stop)
        found = found_in(plain) if plain is not None else []
        # (Two at one moment: which comes first is the library's to say.)
        if plain is not None and len({each.when for each in found}) == len(found):
            return found
    return found_in(_library_starts(blocks, zones, start, stop, cut))


def occurrences(
    blocks: list[Block], zones: FileZones, start: dt.datetime, end: dt.datetime, budget: Budget
) -> Iterator[Occurrence]:
    """The occurrences of one event (its VEVENTs) that start in [start, end), in order;
    one skipped occurrence when it cannot be read (at its start, or at `start`)."""
    if len(blocks) == 1 and not blocks[0].first("RRULE") and not blocks[0].first("RDATE"):
        yield from _single(blocks[0], zones, start, end)
        return
    series = next((block for block in blocks if not block.first("RECURRENCE-ID")), None)
    found = _start_of(series, zones) if series else None
    if series is not None and found is None:
        yield Occurrence(series, start, "", NO_START)
        return
    try:
        cut = repeats_cut(series, found[1], start, end, budget) if series and found else None
        stop = end if cut is None else min(cut, end)
        expanded = _expanded(blocks, zones, start, stop, stop != end)
    except Exception:  # one event the libraries cannot expand never ends the file
        when = max(found[1], start) if found else start
        if when < end:
            yield Occurrence(series or blocks[0], when, "", BAD_REPEAT)
        return
    yield from expanded[:MAX_OCCURRENCES]
    if len(expanded) > MAX_OCCURRENCES:
        left_out = expanded[MAX_OCCURRENCES]
        yield left_out._replace(skip=TOO_MANY)
    elif cut is not None and cut < end:
        yield Occurrence(series or blocks[0], max(cut, start), "", TOO_MANY)
