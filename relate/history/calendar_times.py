"""When an event in an .ics file happens: its zones, as the file names or defines them.

A TZID is kept when it names a zone of the tz database or one of Windows (Outlook's
"W. Europe Standard Time", which icalendar maps to Europe/Berlin). Any other name
("Customized Time Zone") is read from the file's own VTIMEZONE, under a name made from
that definition: icalendar keeps a zone it has read for the life of the process, so two
files' different zones of one name would otherwise be read as the first. A time in a
zone the file neither names nor defines is read as a floating time.

Floating times are in the calendar's X-WR-TIMEZONE (Google's) when it names a zone, else
in the machine's; an all-day event starts at midnight of its day on the machine's clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import zoneinfo

import icalendar
import tzlocal
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from relate.history.calendar_lines import Line, line_name, parse_line

_MOMENT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
_TZID_PARAM = re.compile(r';TZID=("[^"]*"|[^;:]*)', re.IGNORECASE)

Moment = dt.datetime | dt.date


@functools.cache
def known_zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The tz database zone of this name or Windows name, if there is one."""
    name = WINDOWS_TO_OLSON.get(name, name)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def local_zone() -> dt.tzinfo:
    """The machine's zone (UTC when it cannot be told)."""
    try:
        return tzlocal.get_localzone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, LookupError):
        return dt.UTC


@dataclasses.dataclass(frozen=True, slots=True)
class FileZones:
    """The zones one file's times are in: `names` maps each TZID it names to the one
    icalendar is to read ("" for none: floating); `floating` is the zone of floating
    times."""

    names: dict[str, str]
    floating: dt.tzinfo

    def tzid(self, written: str) -> str:
        """The TZID to read for the one written ("" when floating)."""
        return self.names.get(written, written if known_zone(written) else "")

    def rewritten(self, raw: str) -> str:
        """A content line with its TZID replaced by the one to read (or dropped)."""
        if ";" not in raw:
            return raw

        def replace(match: re.Match[str]) -> str:
            tzid = self.tzid(match[1].strip('"'))
            return f";TZID={tzid}" if tzid else ""

        return _TZID_PARAM.sub(replace, raw)

    def zone(self, written: str) -> dt.tzinfo:
        """The zone of a time written with this TZID ("" or unknown: floating)."""
        tzid = self.tzid(written) if written else ""
        found = known_zone(tzid) if tzid else None
        if found is None and tzid:
            found = tzp.timezone(tzid)
        return found or self.floating


def file_zones(vtimezones: list[str], wr_timezone: str) -> FileZones:
    """The zones of a file with these VTIMEZONE blocks; each it defines but icalendar
    does not know is read from the file, under a name of its own."""
    names: dict[str, str] = {}
    defined: list[str] = []
    for block in vtimezones:
        tzid_line = next(
            (
                line
                for raw in block.split("\r\n")
                if line_name(raw) == "TZID" and (line := parse_line(raw))
            ),
            None,
        )
        if tzid_line is None or known_zone(tzid := tzid_line.value.strip()):
            continue
        digest = hashlib.sha256(block.encode("utf-8", "replace")).hexdigest()[:20]
        names[tzid] = f"relate-file-zone-{digest}"
        defined.append(block.replace(tzid_line.raw, f"TZID:{names[tzid]}", 1))
    if defined:
        try:  # parsing them is what makes icalendar know them, by their new names
            icalendar.Calendar.from_ical(
                "BEGIN:VCALENDAR\r\n" + "\r\n".join(defined) + "\r\nEND:VCALENDAR\r\n"
            )
        except Exception:  # a broken definition: their times read as floating
            names = {}
    floating = known_zone(wr_timezone) if wr_timezone else None
    return FileZones(names, floating or local_zone())


def parse_moment(line: Line) -> Moment | None:
    """The date or date-time the line says (naive, or in UTC for a `Z` time); None when
    it says neither."""
    match = _MOMENT.fullmatch(line.value.strip())
    if match is None:
        return None
    try:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
        if match[4] is None or line.params.get("VALUE", "").upper() == "DATE":
            return dt.date(year, month, day)
        second = min(int(match[6]), 59)  # a leap second is read as the second before
        moment = dt.datetime(year, month, day, int(match[4]), int(match[5]), second)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if match[7] else moment


def aware(moment: Moment, zone: dt.tzinfo) -> dt.datetime:
    """A moment as an aware date-time: a naive one in `zone`, a day at its midnight on
    the machine's clock."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime(moment.year, moment.month, moment.day, tzinfo=local_zone())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
