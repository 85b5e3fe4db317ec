"""Amounts and dates as people say them: "1 contact", "today", "3 weeks ago", "in 2
months"."""

from __future__ import annotations

import datetime as dt


def counted(count: int, one: str, many: str | None = None) -> str:
    """ "1 contact", "1,200 contacts": `many` where the plural is not `one` + "s"."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _amount(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 60:
        return f"{days // 7} weeks"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


def relative_date(day: dt.date, today: dt.date | None = None) -> str:
    """How far `day` is from today, in words."""
    today = today or dt.date.today()
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    return f"in {_amount(delta)}" if delta > 0 else f"{_amount(-delta)} ago"
