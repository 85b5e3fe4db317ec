"""A plain repeating event is worked out without recurring-ical-events, to the same
occurrences, at the same moments, with the same names: compared event by event."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re

import pytest

from relate.history import calendar_repeats
from relate.history.calendar_lines import read_calendar_text
from relate.history.calendar_plain import plain_starts
from relate.history.calendar_rules import Budget
from relate.history.calendar_times import file_zones

_STARTS = (  # DTSTART, and how another time of the series is written (+ days)
    ("DTSTART;TZID=Europe/London:20250106T090000", "TZID=Europe/London:{}T090000"),
    ("DTSTART;TZID=Europe/London:20250302T013000", "TZID=Europe/London:{}T013000"),
    ("DTSTART;TZID=America/New_York:20250915T233000", "TZID=America/New_York:{}T233000"),
    ("DTSTART;TZID=Asia/Tokyo:20250107T080000", "TZID=Asia/Tokyo:{}T080000"),
    ("DTSTART:20250108T170000Z", ":{}T170000Z"),
    ("DTSTART;VALUE=DATE:20250110", "VALUE=DATE:{}"),
    ("DTSTART;VALUE=DATE:20250110", "TZID=Europe/London:{}T000000"),  # Google's, left out
    ("DTSTART;VALUE=DATE:20250111", "TZID=Asia/Tokyo:{}T080000"),
    ("DTSTART;TZID=Europe/Berlin:20251019T023000", "TZID=Europe/Berlin:{}T023000"),
)
_RULES = (
    "FREQ=WEEKLY;COUNT=52",
    "FREQ=DAILY;INTERVAL=3;COUNT=40",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20250901T000000Z",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=-1FR;COUNT=20",
    "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,MO",
    "FREQ=DAILY;UNTIL=20240101T000000Z",
    "FREQ=WEEKLY;UNTIL=20250310",
    "FREQ=WEEKLY;COUNT=10;BYSETPOS=1",
)
_SPANS = (
    (dt.datetime(2025, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 6, 1, tzinfo=dt.UTC)),
    (dt.datetime(2025, 3, 20, 9, tzinfo=dt.UTC), dt.datetime(2025, 8, 5, 8, 59, tzinfo=dt.UTC)),
)


def _day(start: str, days: int) -> str:
    """The day `days` after the series' first, as written."""
    first = dt.datetime.strptime(re.findall(r"\d{8}", start)[0], "%Y%m%d")
    return (first + dt.timedelta(days=days)).strftime("%Y%m%d")


def _event(rng: random.Random, start: str, other: str, rule: str) -> str:
    lines = ["BEGIN:VEVENT", "UID:one", start, f"RRULE:{rule}"]
    if "DATE" not in start and rng.random() < 0.7:
        lines.append(start.replace("DTSTART", "DTEND").replace("T0", "T1", 1))
    for _ in range(rng.choice((0, 1, 2))):
        written = other.format(_day(start, 7 * rng.randrange(1, 12)))
        if rng.random() < 0.2:
            written = rng.choice(("VALUE=DATE:", ":", "TZID=Europe/Paris:"))
            written += _day(start, 14) + ("" if "DATE" in written else "T090000")
            written += "Z" if written.startswith(":") else ""
        lines.append("EXDATE" + ("" if written.startswith(":") else ";") + written)
    lines.append("END:VEVENT")
    for _ in range(rng.choice((0, 1, 1, 2))):
        planned = other.format(_day(start, 7 * rng.randrange(0, 15)))
        moved_by = rng.choice((1, 7, 400, 0))  # 7: onto the next one's moment
        moved = other.format(_day(start, 7 * rng.randrange(0, 15) + moved_by))
        sep = "" if planned.startswith(":") else ";"
        lines += ["BEGIN:VEVENT", "UID:one", f"RECURRENCE-ID{sep}{planned}"]
        lines += [f"DTSTART{sep}{moved}", "SUMMARY:moved", "END:VEVENT"]
    return "\r\n".join(lines)


def _read(text: str, start: dt.datetime, end: dt.datetime) -> list[tuple[object, ...]]:
    calendar = read_calendar_text(f"BEGIN:VCALENDAR\r\n{text}\r\nEND:VCALENDAR\r\n".encode())
    zones = file_zones(calendar.zones, calendar.wr_timezone)
    (blocks,) = calendar.events.values()
    found = calendar_repeats.occurrences(blocks, zones, start, end, Budget())
    return [
        (blocks.index(each.block), each.when, each.when.utcoffset(), each.planned, each.skip)
        for each in found
    ]


def test_plain_events_are_worked_out_as_the_library_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(7)
    cases = [
        (_event(rng, start, other, rule), span)
        for (start, other), rule, span in itertools.product(_STARTS, _RULES, _SPANS)
        for _ in range(4)
    ]
    plain_ones = 0
    original = calendar_repeats.plain_starts
    for text, (start, end) in cases:
        taken: list[bool] = []

        def counted(*args: object, taken: list[bool] = taken) -> object:
            found = original(*args)  # type: ignore[arg-type]
            taken.append(found is not None)
            return found

        monkeypatch.setattr(calendar_repeats, "plain_starts", counted)
        ours = _read(text, start, end)
        monkeypatch.setattr(calendar_repeats, "plain_starts", lambda *args: None)
        assert ours == _read(text, start, end), text
        plain_ones += any(taken)
    assert plain_ones > len(cases) // 2


def test_what_is_not_plain_is_left_to_the_library() -> None:
    def starts(text: str) -> object:
        calendar = read_calendar_text(f"BEGIN:VCALENDAR\r\n{text}\r\nEND:VCALENDAR\r\n".encode())
        zones = file_zones(calendar.zones, calendar.wr_timezone)
        (blocks,) = calendar.events.values()
        return plain_starts(blocks[0], blocks[1:], zones, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))

    event = "BEGIN:VEVENT\r\nUID:a\r\n{}\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT"
    assert starts(event.format("DTSTART;TZID=Europe/London:20250106T090000"))
    for start in (
        "DTSTART:20250106T090000",  # floating
        "DTSTART;TZID=W. Europe Standard Time:20250106T090000",  # Windows' name
        "DTSTART;TZID=Europe/London:20250106T090000\r\nDURATION:PT1H",
        "DTSTART;TZID=Europe/London:20250106T090000\r\nRDATE:20250301T090000Z",
        "DTSTART;TZID=Europe/London:20250106T090000\r\nDTEND;TZID=Europe/London:20250105T090000",
        "DTSTART;TZID=Europe/London:20250106T090000\r\nRRULE:FREQ=DAILY;COUNT=2",
    ):
        assert starts(event.format(start)) is None, start
    moved = "BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID:20250113T090000Z\r\n{}\r\nEND:VEVENT"
    assert starts(moved.format("DTSTART:20250114T090000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2")) is None
