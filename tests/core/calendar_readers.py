"""Read an .ics file as calendar programs do: each event's start and end as instants.

Four readers: icalendar (which knows a zone by its name), icalendar made to build every
zone from the file's own VTIMEZONEs, vobject (which always does), and vobject blind to
RDATE lines, as some calendar programs are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable

import icalendar
import vobject

Instants = dict[str, tuple[dt.datetime, dt.datetime]]


def _instant(moment: dt.datetime) -> dt.datetime:
    """UTC for a zoned time; a floating time as it is."""
    return moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment


def _unfolded(data: bytes) -> str:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")


def by_icalendar(data: bytes) -> Instants:
    calendar = icalendar.Calendar.from_ical(data)
    return {
        str(event["UID"]): (_instant(event["DTSTART"].dt), _instant(event["DTEND"].dt))
        for event in calendar.events
    }


def _own_zone_names(text: str) -> str:
    """The file with each TZID renamed after its VTIMEZONE's text: icalendar and vobject
    keep the zones they built by name for the life of the process, so one file's
    "America/New_York" of 1970 would otherwise be read with another's of 2027."""
    for zone in re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, re.DOTALL):
        name = re.search(r"TZID:(.*)\r\n", zone)[1]
        unknown = f"Relate Test Zone {hashlib.sha256(zone.encode()).hexdigest()[:16]}"
        text = text.replace(f"TZID:{name}\r\n", f"TZID:{unknown}\r\n")
        text = text.replace(f"TZID={name}:", f"TZID={unknown}:")
    return text


def by_icalendar_from_vtimezones(data: bytes) -> Instants:
    """icalendar with every TZID renamed to one it cannot know: it reads the VTIMEZONEs."""
    found = by_icalendar(_own_zone_names(_unfolded(data)).encode("utf-8"))
    for start, _ in found.values():
        assert getattr(start.tzinfo, "key", None) is None, "icalendar used its own zone"
    return found


def by_vobject(data: bytes) -> Instants:
    return _vobject(_own_zone_names(_unfolded(data)))


def by_vobject_without_rdate(data: bytes) -> Instants:
    """A reader that ignores RDATE (a VTIMEZONE made of them then stops changing)."""
    lines = _own_zone_names(_unfolded(data)).split("\r\n")
    return _vobject("\r\n".join(line for line in lines if not line.startswith("RDATE")))


def _vobject(text: str) -> Instants:
    calendar = vobject.readOne(text)
    return {
        event.uid.value: (_instant(event.dtstart.value), _instant(event.dtend.value))
        for event in getattr(calendar, "vevent_list", [])
    }


READERS: dict[str, Callable[[bytes], Instants]] = {
    "icalendar": by_icalendar,
    "icalendar from the file's VTIMEZONEs": by_icalendar_from_vtimezones,
    "vobject": by_vobject,
    "vobject ignoring RDATE": by_vobject_without_rdate,
}
