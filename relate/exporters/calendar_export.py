"""1-2-1 meetings as an iCalendar (.ics) file, for the user's own calendar program."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections.abc import Sequence
from pathlib import Path

import icalendar

from relate import __version__
from relate.exporters.calendar_zones import vtimezone
from relate.files import private_file
from relate.meetings import CANCELLED, MeetingRecord, meeting_instants

PRODID = f"-//Relate//Relate {__version__}//EN"
# Not a real domain: the meeting's id is what makes the UID unique, and a fixed suffix
# keeps it the same on every machine, so importing again updates the event in place.
UID_DOMAIN = "relate.invalid"
ALARM_BEFORE = dt.timedelta(minutes=30)


def meeting_uid(meeting_id: int) -> str:
    """The event's UID: the same for a meeting in every export."""
    return f"relate-meeting-{meeting_id}@{UID_DOMAIN}"


# No column counts a meeting's changes yet, so the export's own moment stands in for its
# SEQUENCE: seconds since this epoch only ever grow, so a meeting moved or cancelled
# before an export is newer than in every file written before it (and a calendar that
# compares SEQUENCE updates it). Whole seconds fit RFC 5545's integer until 2092.
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def sequence_at(stamp: dt.datetime) -> int:
    """The SEQUENCE of every event in a file written at `stamp`."""
    return max(0, int((stamp - SEQUENCE_EPOCH).total_seconds()))


def _written(moment: dt.datetime) -> dt.datetime:
    """A time as the file says it: in its zone (TZID), except the second of a repeated
    hour, which a zoned time cannot say (RFC 5545 reads it as the first): in UTC."""
    return moment.astimezone(dt.UTC) if moment.tzinfo and moment.fold else moment


def _event(meeting: MeetingRecord, stamp: dt.datetime) -> icalendar.Event:
    start, end = meeting_instants(meeting.starts_at, meeting.minutes, meeting.time_zone)
    summary = f"1-2-1 with {meeting.contact_name}"
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting.id))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence_at(stamp))
    event.add("dtstart", _written(start))
    event.add("dtend", _written(end))
    event.add("summary", summary)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    cancelled = meeting.status == CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if not cancelled:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
    return event


def _zone_years(records: Sequence[MeetingRecord]) -> dict[str, tuple[int, int]]:
    """Each zone the meetings use, with the first and last year they need it in."""
    years: dict[str, tuple[int, int]] = {}
    for meeting in records:
        start, end = meeting_instants(meeting.starts_at, meeting.minutes, meeting.time_zone)
        if isinstance(start.tzinfo, zoneinfo.ZoneInfo):
            first, last = years.get(start.tzinfo.key, (start.year, end.year))
            years[start.tzinfo.key] = (min(first, start.year), max(last, end.year))
    return years


def meetings_calendar(
    records: Sequence[MeetingRecord], stamp: dt.datetime | None = None
) -> icalendar.Calendar:
    """A calendar with one event per meeting (in the order given) and the time zones
    they use, by name; the same bytes for the same meetings and `stamp` (default now)."""
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for meeting in records:
        calendar.add_component(_event(meeting, stamp))
    # A year either side of the meetings: a calendar program needs the rules in force
    # then, and the change of clocks before the first of them.
    years = _zone_years(records)
    zones = [
        vtimezone(zoneinfo.ZoneInfo(tzid), years[tzid][0] - 1, years[tzid][1] + 1)
        for tzid in sorted(calendar.get_missing_tzids())
    ]
    calendar.subcomponents[:0] = zones
    return calendar


def ics_file_name(records: Sequence[MeetingRecord], today: dt.date) -> str:
    """`1-2-1-<name>-<day>.ics` for one meeting, else `relate-meetings-<today>.ics`."""
    if len(records) != 1:
        return f"relate-meetings-{today.isoformat()}.ics"
    meeting = records[0]
    ascii_name = unicodedata.normalize("NFKD", meeting.contact_name)
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return f"1-2-1-{slug or f'contact-{meeting.contact_id}'}-{meeting.starts_at.date()}.ics"


def write_ics(
    path: Path, records: Sequence[MeetingRecord], stamp: dt.datetime | None = None
) -> int:
    """Write the meetings to an .ics file (whole or not at all); how many were written."""
    data = meetings_calendar(records, stamp).to_ical()
    with private_file(path, "wb") as stream:
        stream.write(data)
    return len(records)
