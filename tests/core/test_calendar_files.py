"""Calendar files read as meetings: what a user's Google, Outlook and Apple exports say,
occurrence by occurrence, and the files Relate refuses before reading anything."""

from __future__ import annotations

import datetime as dt
import os
import time
import zoneinfo
from pathlib import Path

import pytest

from relate.history import calendar_times
from relate.history.calendar_files import read_calendar
from relate.history.exchanges import Exchange, HistoryFileError, Medium, Party

UTC = dt.UTC
START = dt.datetime(2025, 1, 1, tzinfo=UTC)
END = dt.datetime(2027, 1, 1, tzinfo=UTC)
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "calendar"


@pytest.fixture(autouse=True)
def _machine_in_tokyo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's clock, whatever the test runner's: Tokyo."""
    monkeypatch.setattr(calendar_times, "local_zone", lambda: TOKYO)


def ics(tmp_path: Path, body: str, name: str = "calendar.ics", head: str = "") -> Path:
    """A calendar file around these lines, with CRLF line ends as exports have."""
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//EN\n{head}{body}END:VCALENDAR\n"
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def event(uid: str, start: str, *lines: str, people: bool = True) -> str:
    who = ["ORGANIZER;CN=Ann Lee:mailto:Ann@Example.com", "ATTENDEE:mailto:bob@example.com"]
    return "\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", start, *(who if people else []), *lines, "END:VEVENT", ""]
    )


def read(path: Path, start: dt.datetime = START, end: dt.datetime = END) -> list[Exchange]:
    return list(read_calendar(path, start=start, end=end))


GOOGLE = """X-WR-CALNAME:ann@example.com
X-WR-TIMEZONE:Europe/London
BEGIN:VTIMEZONE
TZID:America/New_York
X-LIC-LOCATION:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20250310T093000
DTEND;TZID=America/New_York:20250310T103000
DTSTAMP:20250301T120000Z
ORGANIZER;CN=Ann Lee:mailto:ann@example.com
UID:7kukuqrfedlm2f9t6vbt3hb5kf@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ann Lee;
 X-NUM-GUESTS=0:mailto:ann@example.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN="Bob O'Neil,
  Jr.";X-NUM-GUESTS=0:mailto:Bob.ONeil@Example.COM
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=carol
 @example.com;X-NUM-GUESTS=0:mailto:carol@example.com
ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 4 (8)
 :mailto:c_188@resource.calendar.google.com
DESCRIPTION:Quarterly review\\, with numbers.\\nSecond line of a long descripti
 on that goes on.
LOCATION:Room 4\\, 2nd floor
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Q1 review\\; budget
TRANSP:OPAQUE
BEGIN:VALARM
ACTION:EMAIL
ATTENDEE:mailto:someone-else@example.com
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H30M0S
END:VALARM
END:VEVENT
"""


def test_a_google_export_gives_the_meeting_with_its_people_zone_title_and_place(
    tmp_path: Path,
) -> None:
    (meeting,) = read(ics(tmp_path, GOOGLE))
    new_york = zoneinfo.ZoneInfo("America/New_York")
    assert meeting.medium == Medium.MEETING
    assert meeting.when == dt.datetime(2025, 3, 10, 9, 30, tzinfo=new_york)
    assert meeting.when.utcoffset() == dt.timedelta(hours=-4)  # the clocks went forward
    assert meeting.thread == "7kukuqrfedlm2f9t6vbt3hb5kf@google.com"
    assert meeting.key == "7kukuqrfedlm2f9t6vbt3hb5kf@google.com/2025-03-10T13:30:00+00:00"
    assert meeting.sender == Party(email="ann@example.com", name="Ann Lee")
    # The meeting room is not a person; the alarm's address is not a guest.
    assert meeting.recipients == (
        Party(email="ann@example.com", name="Ann Lee"),
        Party(email="bob.oneil@example.com", name="Bob O'Neil, Jr.", declined=True),
        Party(email="carol@example.com"),
    )
    assert (meeting.subject, meeting.place) == ("Q1 review; budget", "Room 4, 2nd floor")
    assert meeting.skip == "" and meeting.body == ""


OUTLOOK_ZONES = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0530
TZOFFSETTO:+0530
END:STANDARD
END:VTIMEZONE
"""


def outlook_event(uid: str, start: str) -> str:
    return event(
        uid,
        start,
        "SUMMARY;LANGUAGE=en-gb:Supplier call",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        people=True,
    )


def test_outlook_windows_zone_names_and_its_own_zones_are_read(tmp_path: Path) -> None:
    body = (
        outlook_event(
            "040000008200E00074C5B7101A82E0080000000001",
            'DTSTART;TZID="W. Europe Standard Time":20250704T140000',
        )
        + outlook_event(
            "040000008200E00074C5B7101A82E0080000000002",
            "DTSTART;TZID=Pacific Standard Time:20250115T090000",
        )
        + outlook_event(
            "040000008200E00074C5B7101A82E0080000000003",
            'DTSTART;TZID="Customized Time Zone":20250220T100000',
        )
    )
    berlin, pacific, custom = read(ics(tmp_path, body, head="METHOD:PUBLISH\n" + OUTLOOK_ZONES))
    assert berlin.when.astimezone(UTC) == dt.datetime(2025, 7, 4, 12, tzinfo=UTC)
    assert pacific.when.astimezone(UTC) == dt.datetime(2025, 1, 15, 17, tzinfo=UTC)
    assert custom.when.astimezone(UTC) == dt.datetime(2025, 2, 20, 4, 30, tzinfo=UTC)
    assert berlin.subject == "Supplier call"


def test_two_files_zones_of_one_name_are_each_read_as_its_file_defines_it(
    tmp_path: Path,
) -> None:
    first = ics(
        tmp_path,
        outlook_event("a", 'DTSTART;TZID="Customized Time Zone":20250220T100000'),
        "one.ics",
        OUTLOOK_ZONES,
    )
    other_zones = OUTLOOK_ZONES.replace("+0530", "+0300")
    second = ics(
        tmp_path,
        outlook_event("b", 'DTSTART;TZID="Customized Time Zone":20250220T100000'),
        "two.ics",
        other_zones,
    )
    (one,) = read(first)
    (two,) = read(second)
    assert one.when.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert two.when.utcoffset() == dt.timedelta(hours=3)


APPLE = """CALSCALE:GREGORIAN
BEGIN:VEVENT
CREATED:20250102T101010Z
UID:5D3A8A0E-6B5C-4C4F-9E1A-2B3C4D5E6F70
DTEND;TZID=Europe/London:20250605T110000
TRANSP:OPAQUE
X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC
SUMMARY:Coffee with Dana
DTSTART;TZID=Europe/London:20250605T100000
DTSTAMP:20250102T101010Z
SEQUENCE:1
ORGANIZER;CN="Ann Lee";EMAIL="ann@example.com":mailto:ann@example.com
ATTENDEE;CN="Dana Ó Súilleabháin";CUTYPE=INDIVIDUAL;EMAIL="dana@example.ie";PARTSTA
 T=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:dana@example.ie
X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=Caf\u00e9 Nero:geo:51.5,-0.12
LOCATION:Café Nero
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-PT15M
END:VALARM
END:VEVENT
"""


def test_an_apple_export_gives_names_in_any_script(tmp_path: Path) -> None:
    (meeting,) = read(ics(tmp_path, APPLE))
    assert meeting.when == dt.datetime(2025, 6, 5, 10, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert meeting.recipients == (Party(email="dana@example.ie", name="Dana Ó Súilleabháin"),)
    assert (meeting.subject, meeting.place) == ("Coffee with Dana", "Café Nero")


WEEKLY = """BEGIN:VEVENT
UID:weekly-1
DTSTART;TZID=Europe/Paris:20250106T100000
DTEND;TZID=Europe/Paris:20250106T103000
RRULE:FREQ=WEEKLY;UNTIL=20250210T090000Z
EXDATE;TZID=Europe/Paris:20250113T100000
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
SUMMARY:Weekly 1-2-1
END:VEVENT
BEGIN:VEVENT
UID:weekly-1
RECURRENCE-ID;TZID=Europe/Paris:20250120T100000
DTSTART;TZID=Europe/Paris:20250122T150000
DTEND;TZID=Europe/Paris:20250122T153000
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
ATTENDEE:mailto:carol@example.com
SUMMARY:Weekly 1-2-1 (moved)
SEQUENCE:1
END:VEVENT
BEGIN:VEVENT
UID:weekly-1
RECURRENCE-ID;TZID=Europe/Paris:20250127T100000
DTSTART;TZID=Europe/Paris:20250127T100000
STATUS:CANCELLED
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
SUMMARY:Weekly 1-2-1
SEQUENCE:1
END:VEVENT
"""


def test_a_weekly_event_gives_each_occurrence_with_its_exceptions(tmp_path: Path) -> None:
    found = read(ics(tmp_path, WEEKLY))
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    assert [(exchange.when, exchange.subject, exchange.skip) for exchange in found] == [
        (dt.datetime(2025, 1, 6, 10, tzinfo=paris), "Weekly 1-2-1", ""),
        # the 13th is left out (EXDATE); the 20th was moved to the 22nd with one more guest
        (dt.datetime(2025, 1, 22, 15, tzinfo=paris), "Weekly 1-2-1 (moved)", ""),
        (dt.datetime(2025, 1, 27, 10, tzinfo=paris), "Weekly 1-2-1", "cancelled"),
        (dt.datetime(2025, 2, 3, 10, tzinfo=paris), "Weekly 1-2-1", ""),
        (dt.datetime(2025, 2, 10, 10, tzinfo=paris), "Weekly 1-2-1", ""),
    ]
    assert len(found[1].recipients) == 2
    # A moved occurrence keeps the name of the one it replaces, so a later export of it
    # moved again is the same meeting; every occurrence has its own.
    assert found[1].key == "weekly-1/2025-01-20T09:00:00+00:00"
    assert len({exchange.key for exchange in found}) == 5
    assert {exchange.thread for exchange in found} == {"weekly-1"}
    assert [exchange.key for exchange in read(tmp_path / "calendar.ics")] == [
        exchange.key for exchange in found
    ]


def test_one_occurrence_sent_alone_keeps_the_name_it_has_in_its_series(
    tmp_path: Path,
) -> None:
    alone = WEEKLY.split("BEGIN:VEVENT")[2]
    (meeting,) = read(ics(tmp_path, "BEGIN:VEVENT" + alone))
    assert meeting.key == "weekly-1/2025-01-20T09:00:00+00:00"
    assert meeting.when == dt.datetime(2025, 1, 22, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))


def test_only_occurrences_that_start_in_the_span_are_given(tmp_path: Path) -> None:
    path = ics(
        tmp_path,
        event("daily", "DTSTART:20241230T090000Z", "RRULE:FREQ=DAILY;COUNT=10")
        + event("at-end", "DTSTART:20250105T090000Z"),
    )
    start = dt.datetime(2025, 1, 1, 9, tzinfo=UTC)
    end = dt.datetime(2025, 1, 5, 9, tzinfo=UTC)
    found = read(path, start, end)
    assert [exchange.when.day for exchange in found] == [1, 2, 3, 4]
    # The caller asks into the future for the meetings planned ahead.
    assert len(read(path, start, dt.datetime(2030, 1, 1, tzinfo=UTC))) == 9


def test_all_day_floating_and_utc_times(tmp_path: Path) -> None:
    body = (
        event("all-day", "DTSTART;VALUE=DATE:20250314", "DTEND;VALUE=DATE:20250315")
        + event("floating", "DTSTART:20250314T090000")
        + event("utc", "DTSTART:20250314T090000Z")
        + event("unknown-zone", "DTSTART;TZID=Mars/Olympus:20250314T090000")
    )
    all_day, floating, utc, unknown = read(ics(tmp_path, body))
    assert all_day.when == dt.datetime(2025, 3, 14, tzinfo=TOKYO)
    assert all_day.key == "all-day/2025-03-14"
    assert floating.when == dt.datetime(2025, 3, 14, 9, tzinfo=TOKYO)
    assert utc.when == dt.datetime(2025, 3, 14, 9, tzinfo=UTC)
    assert unknown.when == dt.datetime(2025, 3, 14, 9, tzinfo=TOKYO)


def test_repeating_all_day_and_floating_events_are_on_the_machines_clock(
    tmp_path: Path,
) -> None:
    body = event(
        "birthday", "DTSTART;VALUE=DATE:20240229", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    ) + event("standup", "DTSTART:20250303T093000", "RRULE:FREQ=DAILY;COUNT=2")
    found = read(ics(tmp_path, body))
    assert [(exchange.key, exchange.when) for exchange in found] == [
        ("birthday/2025-02-28", dt.datetime(2025, 2, 28, tzinfo=TOKYO)),
        ("birthday/2026-02-28", dt.datetime(2026, 2, 28, tzinfo=TOKYO)),
        ("standup/2025-03-03T00:30:00+00:00", dt.datetime(2025, 3, 3, 9, 30, tzinfo=TOKYO)),
        ("standup/2025-03-04T00:30:00+00:00", dt.datetime(2025, 3, 4, 9, 30, tzinfo=TOKYO)),
    ]


def test_floating_times_are_in_the_calendars_own_zone_when_it_names_one(
    tmp_path: Path,
) -> None:
    path = ics(tmp_path, event("f", "DTSTART:20250314T090000"), head="X-WR-TIMEZONE:Europe/Rome\n")
    (meeting,) = read(path)
    assert meeting.when == dt.datetime(2025, 3, 14, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Rome"))


def test_events_that_do_not_count_are_given_with_the_reason(tmp_path: Path) -> None:
    body = (
        event("alone", "DTSTART:20250314T090000Z", people=False)
        + event(
            "self",
            "DTSTART:20250315T090000Z",
            "ORGANIZER:mailto:me@example.com",
            "ATTENDEE;PARTSTAT=ACCEPTED:MAILTO:Me@Example.com",
            people=False,
        )
        + event("off", "DTSTART:20250316T090000Z", "STATUS:CANCELLED")
        + event("declined", "DTSTART:20250317T090000Z", "ATTENDEE;PARTSTAT=DECLINED:mailto:x@y.z")
    )
    assert [(exchange.thread, exchange.skip) for exchange in read(ics(tmp_path, body))] == [
        ("alone", "no one else"),
        ("self", "no one else"),
        ("off", "cancelled"),
        ("declined", ""),  # the planner knows whose "declined" it is
    ]


def test_a_broken_event_is_skipped_and_the_others_read(tmp_path: Path) -> None:
    body = (
        event("good-1", "DTSTART:20250314T090000Z")
        + event("no-start", "SUMMARY:Somewhere, some time")
        + event("bad-start", "DTSTART:2025-03-14 nine")
        + event("bad-rule", "DTSTART:20250314T090000Z", "RRULE:FREQ=SOMETIMES;COUNT=x")
        + event("no-days", "DTSTART:20250314T090000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
        + event("stuck", "DTSTART:20250314T090000Z", "RRULE:FREQ=DAILY;INTERVAL=0")
        + "BEGIN:VEVENT\nUID:cut-short\n"  # a file cut off in the middle of an event
        + event("good-2", "DTSTART:20250315T090000Z")
    )
    found = read(ics(tmp_path, body))
    assert [(exchange.thread, exchange.skip) for exchange in found] == [
        ("good-1", ""),
        ("no-start", "no start"),
        ("bad-start", "no start"),
        ("bad-rule", "unreadable repeat rule"),
        ("no-days", "unreadable repeat rule"),
        ("stuck", "unreadable repeat rule"),
        ("cut-short", "no start"),
        ("good-2", ""),
    ]


def test_an_event_repeating_every_second_is_cut_short_at_once(tmp_path: Path) -> None:
    body = event("bomb", "DTSTART:20250601T000000Z", "RRULE:FREQ=SECONDLY") + event(
        "old-bomb", "DTSTART:20150601T000000Z", "RRULE:FREQ=SECONDLY"
    )
    began = time.monotonic()
    found = read(ics(tmp_path, body))
    assert time.monotonic() - began < 10
    bomb = [exchange for exchange in found if exchange.thread == "bomb"]
    assert len(bomb) == 5_001
    assert {exchange.skip for exchange in bomb[:5_000]} == {""}
    assert bomb[-1].skip == "too many repeats"
    assert [exchange.skip for exchange in found if exchange.thread == "old-bomb"] == [
        "too many repeats"
    ]


def test_a_file_of_many_long_rules_counts_only_so_many_repeats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relate.history import calendar_rules

    monkeypatch.setattr(calendar_rules, "FILE_BUDGET", 60_000)
    daily = "RRULE:FREQ=DAILY"  # since 1900: some 45,600 repeats before 2025
    body = "".join(event(uid, "DTSTART:19000101T090000Z", daily) for uid in ("a", "b", "c"))
    found = read(ics(tmp_path, body), START, dt.datetime(2025, 1, 3, tzinfo=UTC))
    assert [(exchange.thread, exchange.skip) for exchange in found] == [
        ("a", ""),
        ("a", ""),
        ("b", "too many repeats"),
        ("c", "too many repeats"),
    ]


def test_a_folder_is_read_file_by_file_in_the_order_of_their_names(tmp_path: Path) -> None:
    ics(tmp_path, event("b", "DTSTART:20250102T090000Z"), "work/2024.ics")
    ics(tmp_path, event("a", "DTSTART:20250101T090000Z"), "home.ICS")
    ics(tmp_path, event("c", "DTSTART:20250103T090000Z"), "work/old.ical")
    (tmp_path / "notes.txt").write_text("not a calendar")
    told: list[tuple[int, int]] = []
    found = list(
        read_calendar(tmp_path, start=START, end=END, progress=lambda *at: told.append(at))
    )
    assert [exchange.thread for exchange in found] == ["a", "b", "c"]
    total = sum(file.stat().st_size for file in tmp_path.rglob("*.[iI][cC]*"))
    assert told[-1] == (total, total)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("contacts.csv", b"First Name,Last Name\r\nAnn,Lee\r\n", "is not a calendar file"),
        ("contacts.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n", "is not a"),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is not a calendar file"),
        ("empty.ics", b"", "is empty"),
        ("blank.ics", b"\r\n  \r\n", "is empty"),
        ("event.ics", b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "is not a calendar file"),
    ],
)
def test_other_files_are_refused_with_a_sentence(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(HistoryFileError, match=says):
        read(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_and_a_device_are_refused_without_reading(tmp_path: Path) -> None:
    pipe = tmp_path / "calendar.ics"
    os.mkfifo(pipe)
    with pytest.raises(HistoryFileError, match="is a pipe"):
        read(pipe)
    with pytest.raises(HistoryFileError, match="is a device"):
        read(Path("/dev/zero"))


def test_a_folder_without_calendars_or_with_a_bad_one_is_refused_before_anything(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("hello")
    with pytest.raises(HistoryFileError, match="no calendar files"):
        read(tmp_path / "empty")
    ics(tmp_path, event("a", "DTSTART:20250101T090000Z"), "mixed/a.ics")
    (tmp_path / "mixed" / "b.ics").write_text("Subject,Start Date\r\nLunch,2025-01-01\r\n")
    reading = read_calendar(tmp_path / "mixed", start=START, end=END)
    with pytest.raises(HistoryFileError, match="b.ics is not a calendar file"):
        next(reading)


def test_a_file_over_the_size_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relate.history import calendar_files

    monkeypatch.setattr(calendar_files, "MAX_CALENDAR_BYTES", 100)
    path = ics(tmp_path, event("a", "DTSTART:20250101T090000Z"))
    with pytest.raises(HistoryFileError, match="Relate reads calendar files of up to"):
        read(path)


def test_real_exports_of_exchange_outlook_and_google_are_read() -> None:
    start, end = dt.datetime(2015, 1, 1, tzinfo=UTC), END
    found = read(FIXTURES, start, end)
    standups = [exchange for exchange in found if exchange.subject == "Sprint 25 Daily Standup"]
    # Weekdays from Friday 3 July 2015 to Wednesday 22 July, at 10:00 in the file's zone.
    assert [standup.when.day for standup in standups] == [
        3,
        6,
        7,
        8,
        9,
        10,
        13,
        14,
        15,
        16,
        17,
        20,
        21,
        22,
    ]
    assert {standup.when.utcoffset() for standup in standups} == {dt.timedelta(hours=2)}
    (eastern,) = [exchange for exchange in found if exchange.subject.startswith("Anonymous")]
    assert eastern.when.astimezone(UTC) == dt.datetime(2024, 10, 28, 21, tzinfo=UTC)
    (google,) = [exchange for exchange in found if exchange.subject == "event with alarms"]
    assert google.recipients == ()  # the address an alarm mails is not a guest
    assert {exchange.skip for exchange in found} == {"no one else"}  # none has guests
