"""VTIMEZONEs as yearly rules: read by dateutil (as vobject reads them) and by icalendar,
they give zoneinfo's offset at every instant of their years, in the zones with odd rules
too; and the changes of clocks they come from."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import tz

from relate.clock_changes import changes_between, clock_change_at, offset_text
from relate.exporters.calendar_zones import vtimezone

# Zones with the plain rules and the odd ones: half-hour and 45-minute offsets, a
# half-hour change (Lord Howe), negative summer time (Dublin), changes at 24:00 or on a
# Friday before a Sunday (Cairo, Jerusalem, Gaza), changes around Ramadan (Casablanca),
# summer time abolished (Sao Paulo 2019, Apia 2021, Tehran 2022) or brought back (Cairo
# 2023), a rule moved (Nuuk 2023), none at all (Kolkata).
ZONES = [
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "UTC",
    "Europe/Dublin",
    "Africa/Cairo",
    "Asia/Jerusalem",
    "Asia/Gaza",
    "Africa/Casablanca",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Asia/Tehran",
    "America/Nuuk",
    "America/Santiago",
    "Pacific/Chatham",
    "America/St_Johns",
    "Antarctica/Troll",
]
YEARS = [(2017, 2021), (2021, 2025), (2026, 2029)]


def _readers(zone: icalendar.Timezone) -> dict[str, dt.tzinfo]:
    text = zone.to_ical().decode()
    calendar = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{text}END:VCALENDAR\r\n"
    return {
        "dateutil": tz.tzical(io.StringIO(calendar)).get(),
        "icalendar": icalendar.Calendar.from_ical(calendar).timezones[0].to_tz(),
    }


@pytest.mark.parametrize("years", YEARS, ids=lambda years: f"{years[0]}-{years[1]}")
@pytest.mark.parametrize("name", ZONES)
def test_each_reader_gets_zoneinfos_offset_at_every_instant(name: str, years) -> None:
    zone = ZoneInfo(name)
    first, last = years
    built = vtimezone(zone, first, last)
    assert "RDATE" not in built.to_ical().decode()
    # The meetings lie from a year after the first to a year before the last.
    start = dt.datetime(first + 1, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(last, 1, 1, tzinfo=dt.UTC)
    instants = [start + dt.timedelta(hours=11 * n) for n in range((end - start).days * 24 // 11)]
    for change in changes_between(zone, start, end):
        instants += [change.at + dt.timedelta(minutes=m) for m in (-61, -31, -1, 0, 1, 29, 59)]
    for reader, other in _readers(built).items():
        for instant in instants:
            wall = instant.astimezone(zone)
            read = wall.replace(tzinfo=None).replace(tzinfo=other, fold=wall.fold)
            assert read.utcoffset() == wall.utcoffset(), (reader, name, wall)


def test_a_rule_that_ended_has_an_until_and_the_zone_then_stands_still() -> None:
    text = vtimezone(ZoneInfo("America/Sao_Paulo"), 2017, 2021).to_ical().decode()
    # Summer time last ended on the third Sunday of February 2019, and began no more.
    standard = re.search(r"BEGIN:STANDARD\r\n(.*?)END:STANDARD", text, re.DOTALL)[1]
    assert standard.startswith(
        "DTSTART:20170219T000000\r\nRRULE:FREQ=YEARLY;UNTIL=20190218T020000Z;BYDAY=3SU;"
        "BYMONTH=2\r\n"
    )
    assert max(re.findall(r"DTSTART:(\d{8})", text)) == "20181104"


def test_a_rule_by_weekday_on_or_after_a_day_is_written_as_rfc_5545_says_it() -> None:
    """Jerusalem: the Friday on or after 23 March."""
    text = vtimezone(ZoneInfo("Asia/Jerusalem"), 2017, 2021).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29;BYMONTH=3\r\n" in text


def test_changes_with_no_yearly_rule_are_one_component_each() -> None:
    text = vtimezone(ZoneInfo("Africa/Casablanca"), 2025, 2028).to_ical().decode()
    assert "RRULE" not in text and "RDATE" not in text
    assert text.count("BEGIN:STANDARD") + text.count("BEGIN:DAYLIGHT") >= 8


def test_the_same_zone_and_years_give_the_same_bytes_with_components_in_order() -> None:
    first = vtimezone(ZoneInfo("America/New_York"), 2025, 2029).to_ical()
    assert first == vtimezone(ZoneInfo("America/New_York"), 2025, 2029).to_ical()
    starts = re.findall(rb"DTSTART:(\d{8}T\d{6})", first)
    assert starts == sorted(starts)


def test_clock_changes_skipped_and_repeated_times() -> None:
    paris = ZoneInfo("Europe/Paris")
    assert clock_change_at(dt.datetime(2027, 3, 28, 1, 59), paris) is None
    assert clock_change_at(dt.datetime(2027, 3, 28, 3, 0), paris) is None
    skipped = clock_change_at(dt.datetime(2027, 3, 28, 2, 0), paris)
    assert skipped is not None and not skipped.repeated
    assert (skipped.change.onset, skipped.change.landing) == (
        dt.datetime(2027, 3, 28, 2),
        dt.datetime(2027, 3, 28, 3),
    )
    repeated = clock_change_at(dt.datetime(2027, 10, 31, 2, 59), paris)
    assert repeated is not None and repeated.repeated
    assert repeated.change.at == dt.datetime(2027, 10, 31, 1, tzinfo=dt.UTC)
    assert repeated.reading(0) == "the first (CEST, UTC+02:00)"
    assert repeated.reading(1) == "the second (CET, UTC+01:00)"
    assert clock_change_at(dt.datetime(2027, 10, 31, 3, 0), paris) is None
    lord_howe = clock_change_at(dt.datetime(2027, 4, 4, 1, 30), ZoneInfo("Australia/Lord_Howe"))
    assert lord_howe is not None and lord_howe.repeated
    assert lord_howe.sentence() == (
        "01:30 on Sun 4 Apr 2027 happens twice in Australia/Lord_Howe: the clocks go back"
        " from 02:00 to 01:30."
    )
    assert clock_change_at(dt.datetime(2027, 3, 28, 2, 30), ZoneInfo("Asia/Kolkata")) is None
    assert [offset_text(dt.timedelta(minutes=m)) for m in (0, -300, 630, -210)] == [
        "UTC+00:00",
        "UTC-05:00",
        "UTC+10:30",
        "UTC-03:30",
    ]
