""".ics files across time zones and changes of clocks: every reader reads back the same
instants, an end is never before its start, the zones are yearly rules in a stable order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from relate.exporters import calendar_export
from relate.exporters.calendar_export import meeting_uid, meetings_calendar
from relate.meetings import CANCELLED, PLANNED, MeetingRecord
from tests.core.calendar_readers import READERS, by_vobject_without_rdate

STAMP = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
W = dt.datetime

# (zone, wall-clock start, minutes, fold): around both changes of clocks of 2027 in each
# zone, and ordinary days a year apart (a VTIMEZONE must keep giving the summer offset).
CASES = [
    ("Europe/Paris", W(2027, 3, 28, 1, 30), 60, 0),  # across the spring gap
    ("Europe/Paris", W(2027, 10, 31, 2, 30), 45, 0),  # in the repeated hour, the first
    ("Europe/Paris", W(2027, 10, 31, 2, 30), 45, 1),  # the second
    ("Europe/Paris", W(2027, 10, 31, 1, 45), 90, 0),  # into the repeated hour
    ("Europe/Paris", W(2027, 1, 12, 9, 0), 60, 0),
    ("Europe/Paris", W(2027, 7, 1, 10, 0), 60, 0),
    ("Europe/Paris", W(2028, 8, 15, 9, 0), 30, 0),
    ("America/New_York", W(2027, 3, 14, 1, 30), 60, 0),
    ("America/New_York", W(2027, 11, 7, 1, 30), 45, 0),
    ("America/New_York", W(2027, 11, 7, 1, 30), 45, 1),
    ("America/New_York", W(2028, 7, 4, 12, 0), 60, 0),
    ("America/New_York", W(2027, 12, 1, 9, 30), 45, 0),
    # Lord Howe moves its clocks by half an hour: 02:00 to 02:30 in October, 02:00 back
    # to 01:30 in April.
    ("Australia/Lord_Howe", W(2027, 10, 3, 1, 45), 30, 0),
    ("Australia/Lord_Howe", W(2027, 4, 4, 1, 40), 15, 0),
    ("Australia/Lord_Howe", W(2027, 4, 4, 1, 40), 15, 1),
    ("Australia/Lord_Howe", W(2027, 6, 1, 10, 0), 60, 0),
    ("Australia/Lord_Howe", W(2028, 1, 10, 10, 0), 60, 0),
    ("Asia/Kolkata", W(2027, 3, 28, 2, 30), 60, 0),
    ("Asia/Kolkata", W(2027, 10, 31, 2, 30), 45, 0),
    ("UTC", W(2027, 3, 28, 1, 30), 60, 0),
    ("UTC", W(2027, 10, 31, 2, 30), 45, 0),
]


def _record(number: int, zone: str, start: dt.datetime, minutes: int, fold: int) -> MeetingRecord:
    return MeetingRecord(
        id=number,
        contact_id=1,
        contact_name="Ann Adams",
        starts_at=start.replace(fold=fold),
        minutes=minutes,
        time_zone=zone,
        place="",
        agenda="",
        status=PLANNED,
        interaction_id=None,
    )


RECORDS = [_record(number, *case) for number, case in enumerate(CASES, 1)]


def _expected(record: MeetingRecord) -> tuple[dt.datetime, dt.datetime]:
    start = record.starts_at.replace(tzinfo=ZoneInfo(record.time_zone)).astimezone(dt.UTC)
    return start, start + dt.timedelta(minutes=record.minutes)


@pytest.fixture(scope="module")
def exported() -> bytes:
    return meetings_calendar(RECORDS, STAMP).to_ical()


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_reads_back_each_meeting_at_its_instants(exported: bytes, reader) -> None:
    read = READERS[reader](exported)
    for record in RECORDS:
        start, end = read[meeting_uid(record.id)]
        assert (start, end) == _expected(record), (record.time_zone, record.starts_at)
        assert end > start


def test_a_45_minute_meeting_in_the_repeated_autumn_hour_ends_45_minutes_after_it_starts(
    exported: bytes,
) -> None:
    [record] = [
        r
        for r in RECORDS
        if r.time_zone == "Europe/Paris"
        and r.starts_at == W(2027, 10, 31, 2, 30)
        and not r.starts_at.fold
    ]
    for reader in READERS.values():
        start, end = reader(exported)[meeting_uid(record.id)]
        assert end - start == dt.timedelta(minutes=45)


def test_each_file_read_alone_gives_the_same_instants(tmp_path: Path) -> None:
    """One meeting per file: its VTIMEZONE covers its own years, nothing borrowed."""
    for record in RECORDS:
        data = meetings_calendar([record], STAMP).to_ical()
        for name, reader in READERS.items():
            assert reader(data)[meeting_uid(record.id)] == _expected(record), name


def _vtimezones(data: bytes) -> list[str]:
    return re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", data.decode(), re.DOTALL)


def test_zones_are_yearly_rules_without_rdate_lists(exported: bytes) -> None:
    zones = {re.search(r"TZID:(.*)\r\n", zone)[1]: zone for zone in _vtimezones(exported)}
    # UTC needs none: its times are written with Z.
    assert sorted(zones) == [
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "Europe/Paris",
    ]
    assert "RDATE" not in exported.decode()
    paris = zones["Europe/Paris"]
    assert (
        "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        in paris
    )
    assert (
        "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        in paris
    )
    new_york = zones["America/New_York"]
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in new_york
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in new_york
    assert "TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100" in zones["Australia/Lord_Howe"]
    kolkata = zones["Asia/Kolkata"]
    assert kolkata.count("BEGIN:STANDARD") == 1 and "DAYLIGHT" not in kolkata
    assert "RRULE" not in kolkata and "TZOFFSETTO:+0530" in kolkata


def test_a_reader_blind_to_rdate_reads_every_summer_right(tmp_path: Path) -> None:
    """Summers a year and two after the first: a VTIMEZONE of RDATE lists gave such a
    reader the winter offset for them, an hour late."""
    summers = [
        _record(1, "Europe/Paris", W(2026, 7, 1, 10, 0), 60, 0),
        _record(2, "Europe/Paris", W(2027, 7, 1, 10, 0), 60, 0),
        _record(3, "Europe/Paris", W(2028, 7, 1, 10, 0), 60, 0),
        _record(4, "America/New_York", W(2028, 7, 4, 12, 0), 60, 0),
    ]
    read = by_vobject_without_rdate(meetings_calendar(summers, STAMP).to_ical())
    for record in summers:
        assert read[meeting_uid(record.id)] == _expected(record)


def test_zones_come_in_a_stable_order_the_same_bytes_in_every_run() -> None:
    """The same meetings give the same file, whatever order Python's sets take."""
    script = (
        "import datetime as dt, sys\n"
        "from relate.exporters.calendar_export import meetings_calendar\n"
        "from tests.core.test_calendar_clocks import RECORDS, STAMP\n"
        "sys.stdout.buffer.write(meetings_calendar(RECORDS[::-1], STAMP).to_ical())\n"
    )
    runs = set()
    for seed in ("1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, env=env, check=True
        )
        runs.add(done.stdout)
    assert len(runs) == 1
    [data] = runs
    tzids = re.findall(rb"TZID:(.*)\r\n", data)
    assert tzids == sorted(tzids)


def test_sequence_grows_with_every_export_so_a_moved_meeting_is_newer() -> None:
    [record] = RECORDS[:1]
    first = icalendar.Calendar.from_ical(meetings_calendar([record], STAMP).to_ical())
    moved = _record(record.id, "Europe/Paris", W(2027, 3, 29, 9, 0), 60, 0)
    later = STAMP + dt.timedelta(seconds=1)
    second = icalendar.Calendar.from_ical(meetings_calendar([moved], later).to_ical())
    [before], [after] = first.events, second.events
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"]) > 0
    # An hour on, a day on, years on: it only ever grows.
    stamps = [STAMP + dt.timedelta(hours=h) for h in (0, 1, 24, 24 * 365 * 60)]
    sequences = [calendar_export.sequence_at(stamp) for stamp in stamps]
    assert sequences == sorted(set(sequences)) and sequences[-1] < 2**31


def test_a_cancelled_meeting_keeps_its_instants_and_says_cancelled() -> None:
    second = _record(99, "Europe/Paris", W(2027, 10, 31, 2, 30), 45, 1)
    cancelled = dataclasses.replace(second, status=CANCELLED)
    data = meetings_calendar([cancelled], STAMP).to_ical()
    for reader in READERS.values():
        assert reader(data)[meeting_uid(99)] == _expected(cancelled)
    [event] = icalendar.Calendar.from_ical(data).events
    assert str(event["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/New_York", "Australia/Lord_Howe"])
@pytest.mark.parametrize("start", [W(1, 1, 1, 0, 0), W(9999, 12, 31, 23, 0)])
def test_a_meeting_at_the_edge_of_the_calendar_is_still_written(zone: str, start) -> None:
    """No instant exists before year 1 or after 9999: such a time floats, unbroken."""
    record = _record(1, zone, start, 90, 0)
    assert record.ends_at > record.starts_at
    data = meetings_calendar([record], STAMP).to_ical()
    read = {name: reader(data)[meeting_uid(1)] for name, reader in READERS.items()}
    assert len(set(read.values())) == 1
    [(read_start, read_end)] = set(read.values())
    assert read_end > read_start
