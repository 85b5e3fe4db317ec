"""The moments LinkedIn's export writes: messages in UTC ("2023-04-22 08:18:59 UTC"),
invitations and older messages in the month-first US style with no zone ("10/16/18,
8:36 AM")."""

from __future__ import annotations

import datetime as dt
import re

from relate.importers.csv_text import date_from_parts

# What an exchange with no readable moment carries: its `skip` says "no date", so no
# entry is ever made on this day.
UNDATED = dt.datetime(1, 1, 1, tzinfo=dt.UTC)

_ISO = re.compile(
    r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})[ T]"
    r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?(?: ?(UTC|GMT|Z|\+00:?00))?"
)
_US = re.compile(
    r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2}),? "
    r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?: ?([AaPp])\.? ?[Mm]\.?)?"
)


def parse_moment(text: str) -> dt.datetime | None:
    """The moment in `text`: aware (UTC) when the file says UTC, naive when it names no
    zone (LinkedIn's US-style dates: the export does not say which zone they are in);
    None when empty or unreadable."""
    if len(text) == 23 and text.endswith(" UTC"):  # today's messages.csv: the most rows
        try:
            return dt.datetime.fromisoformat(text[:19] + "+00:00")
        except ValueError:
            pass  # read the long way below
    # split() also takes the narrow no-break space some writers put before "PM".
    text = " ".join(text.split())
    try:
        if match := _ISO.fullmatch(text):
            year, month, day, hour, minute, second, zone = match.groups()
            moment = dt.datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
            return moment.replace(tzinfo=dt.UTC) if zone else moment
        if match := _US.fullmatch(text):
            month, day, year, hour, minute, second, half = match.groups()
            hours = int(hour)
            if half:  # 12 AM is midnight, 12 PM noon
                if not 1 <= hours <= 12:
                    return None
                hours = hours % 12 + (12 if half in "Pp" else 0)
            day_of = date_from_parts(year, month, day)
            return dt.datetime.combine(day_of, dt.time(hours, int(minute), int(second or 0)))
    except ValueError:
        return None  # numbers that make no day or time
    return None
