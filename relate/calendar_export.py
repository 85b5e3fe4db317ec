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
from relate.files import private_file
from relate.meetings import CANCELLED, MeetingRecord, local_zone_name

PRODID = f"-//Relate//Relate {__version__}//EN"
# Not a real domain: the meeting's id is what makes the UID unique, and a fixed suffix
# keeps it the same on every machine, so importing again updates the event in place.
UID_DOMAIN = "relate.invalid"
ALARM_BEFORE = dt.timedelta(minutes=30)


def meeting_uid(meeting_id: int) -> str:
    """The event's UID: the same for a meeting in every export."""
    return f"relate-meeting-{meeting_id}@{UID_DOMAIN}"


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The meeting's zone, else the machine's; None (floating time) if neither is known."""
    for candidate in (name, local_zone_name()):
        if candidate:
            try:
                return zoneinfo.ZoneInfo(candidate)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
    return None


def _start_and_end(meeting: MeetingRecord) -> tuple[dt.datetime, dt.datetime]:
    zone = _zone(meeting.time_zone)
    if zone is None:
        return meeting.starts_at, meeting.ends_at
    start = meeting.starts_at.replace(tzinfo=zone)
    # Through UTC so that a meeting across a change of clocks still lasts its minutes.
    end = (start.astimezone(dt.UTC) + dt.timedelta(minutes=meeting.minutes)).astimezone(zone)
    return start, end


def _event(meeting: MeetingRecord, stamp: dt.datetime) -> icalendar.Event:
    start, end = _start_and_end(meeting)
    summary = f"1-2-1 with {meeting.contact_name}"
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
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


def meetings_calendar(records: Sequence[MeetingRecord]) -> icalendar.Calendar:
    """A calendar with one event per meeting and the time zones they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for meeting in records:
        calendar.add_component(_event(meeting, stamp))
    if records:
        # A few years around the meetings, not icalendar's default 1970-2038: that is
        # enough for a calendar program and keeps each VTIMEZONE a few lines long.
        first = max(dt.MINYEAR, min(meeting.starts_at for meeting in records).year - 1)
        last = min(dt.MAXYEAR, max(meeting.ends_at for meeting in records).year + 2)
        calendar.add_missing_timezones(dt.date(first, 1, 1), dt.date(last, 1, 1))
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


def write_ics(path: Path, records: Sequence[MeetingRecord]) -> int:
    """Write the meetings to an .ics file (whole or not at all); how many were written."""
    data = meetings_calendar(records).to_ical()
    with private_file(path, "wb") as stream:
        stream.write(data)
    return len(records)
