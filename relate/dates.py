"""Dates and times as Relate shows them, in one style everywhere: the list, the card,
Today, dialogs, the brief and the command line's sentences.

A day is "2 Nov 2026", and "2 Nov" where the year goes without saying (this year's
days in a list of what is coming up or just past); a weekday comes first where it
helps to plan ("Mon 2 Nov"); a time is "14:30". Headings spell it out ("Monday 2
November 2026"). Machine-readable output (CSV, JSON, `relate list`) keeps ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re

# English names, whatever the process's locale: the app's words are English, and Qt sets
# the C library's locale to the user's on start (strftime's %b would follow it).
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The same style for Qt's date fields ("2 Nov 2026"): QDateEdit.setDisplayFormat.
DATE_EDIT_FORMAT = "d MMM yyyy"
TIME_EDIT_FORMAT = "HH:mm"
DATE_TIME_EDIT_FORMAT = f"ddd {DATE_EDIT_FORMAT}  {TIME_EDIT_FORMAT}"


def day_text(
    day: dt.date, *, weekday: bool = False, short: bool = False, today: dt.date | None = None
) -> str:
    """ "2 Nov 2026"; `short` leaves out this year's year ("2 Nov"); `weekday` puts the
    day of the week first ("Mon 2 Nov 2026")."""
    today = today or dt.date.today()
    text = f"{day.day} {month_abbr(day)}"
    if not short or day.year != today.year:
        text += f" {day.year}"
    return f"{WEEKDAYS[day.weekday()][:3]} {text}" if weekday else text


def time_text(moment: dt.time | dt.datetime) -> str:
    """ "14:30"."""
    return f"{moment:%H:%M}"


def moment_text(
    moment: dt.datetime, *, weekday: bool = True, short: bool = False, today: dt.date | None = None
) -> str:
    """ "Mon 2 Nov 2026, 14:30" (see `day_text` for `short` and `weekday`)."""
    return (
        f"{day_text(moment.date(), weekday=weekday, short=short, today=today)}, {time_text(moment)}"
    )


def long_day_text(day: dt.date) -> str:
    """A heading's day: "Monday 2 November 2026"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def long_moment_text(moment: dt.datetime) -> str:
    """ "Monday 2 November 2026, 14:30"."""
    return f"{long_day_text(moment.date())}, {time_text(moment)}"


def month_abbr(day: dt.date) -> str:
    """ "Nov", for a chart's axis."""
    return MONTHS[day.month - 1][:3]


def month_text(day: dt.date) -> str:
    """ "November 2026"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


_DAY_TEXT = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE)


def parse_day_text(text: str) -> dt.date | None:
    """The day a text in this style names ("2 Nov 2026", "Mon 2 November 2026"), or None
    when it is not one (or names no real day)."""
    found = _DAY_TEXT.match(text.strip())
    if found is None:
        return None
    day, month_name, year = found.groups()
    months = [
        i for i, name in enumerate(MONTHS, 1) if name.casefold().startswith(month_name.casefold())
    ]
    if len(month_name) < 3 or len(months) != 1:
        return None
    try:
        return dt.date(int(year), months[0], int(day))
    except ValueError:
        return None
