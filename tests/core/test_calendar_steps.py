"""Daily and weekly rules stepped by adding days give the repeats dateutil gives."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import dateutil.rrule

from relate.history import calendar_steps
from relate.history.calendar_steps import repeats

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _rule(rng: random.Random) -> str:
    """A random daily or weekly rule (but none whose days never come: dateutil would
    look for them until the year 9999)."""
    freq = rng.choice(("DAILY", "WEEKLY"))
    parts = [f"FREQ={freq}"]
    if rng.random() < 0.5:
        intervals = (1, 2, 3, 5, 6, 8, 9) if freq == "DAILY" else range(1, 10)
        parts.append(f"INTERVAL={rng.choice(intervals)}")
    if rng.random() < 0.5:
        parts.append(f"COUNT={rng.randint(1, 40)}")
    if rng.random() < 0.6:
        parts.append("BYDAY=" + ",".join(rng.sample(_DAYS, rng.randint(1, 7))))
    if rng.random() < 0.4:
        parts.append(f"WKST={rng.choice(_DAYS)}")
    rng.shuffle(parts)
    return ";".join(parts)


def test_stepped_rules_repeat_as_dateutil_has_them() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        rule = _rule(rng)
        first = dt.datetime(2020, 1, 1, rng.randrange(24), rng.randrange(60)) + dt.timedelta(
            days=rng.randrange(800)
        )
        expected = list(itertools.islice(dateutil.rrule.rrulestr(rule, dtstart=first), 60))
        assert list(itertools.islice(repeats(rule, first), 60)) == expected, (rule, first)


def test_the_end_of_time_ends_the_repeats_as_dateutil_does() -> None:
    first = dt.datetime(9999, 12, 1, 9, 30)
    for rule in ("FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,FR", "FREQ=DAILY;BYDAY=SU"):
        expected = list(dateutil.rrule.rrulestr(rule, dtstart=first))
        assert list(repeats(rule, first)) == expected


def test_days_that_never_come_end_the_repeats() -> None:
    # Every 7 days from a Wednesday is never a Monday (dateutil would look until 9999).
    assert list(repeats("FREQ=DAILY;INTERVAL=7;BYDAY=MO", dt.datetime(2024, 1, 3))) == []


def test_other_rules_are_left_to_dateutil(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stepped: list[str] = []
    real = calendar_steps._stepped
    monkeypatch.setattr(
        calendar_steps, "_stepped", lambda parts, first: stepped.append(parts) or real(parts, first)
    )
    first = dt.datetime(2024, 1, 31, 10)
    for rule in (
        "FREQ=MONTHLY;COUNT=5",
        "FREQ=WEEKLY;BYDAY=1MO;COUNT=3",
        "freq=weekly;count=3",
        "FREQ=DAILY;BYMONTH=2;COUNT=3",
        "FREQ=WEEKLY;COUNT=2;COUNT=3",
    ):
        expected = list(dateutil.rrule.rrulestr(rule, dtstart=first))
        assert list(repeats(rule, first)) == expected, rule
    assert stepped == []
    aware = first.replace(tzinfo=dt.UTC)
    assert list(repeats("FREQ=DAILY;COUNT=2", aware)) == [aware, aware + dt.timedelta(days=1)]
    assert stepped == []
