"""Meetings as .ics: read back by icalendar and by vobject with dates and zones intact."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from relate import contacts, meetings
from relate.cli.calendar_commands import CALENDAR_COMMANDS, add_calendar_parser
from relate.cli.errors import UserError
from relate.exporters import calendar_export
from relate.exporters.calendar_export import ics_file_name, meetings_calendar, write_ics

NEW_YORK, PARIS = ZoneInfo("America/New_York"), ZoneInfo("Europe/Paris")
AWKWARD = "Agenda: budget, hiring; the café\nSecond line ✓ Zoë 日本"


@pytest.fixture
def ann(db_path: Path) -> int:
    return contacts.create_contact("Ann", "Adams")


@pytest.fixture
def two_zones(ann: int) -> tuple[int, int]:
    """A meeting in New York, and one in Paris that starts before the clocks go forward
    (2026-03-29 02:00) and ends after."""
    new_york = meetings.schedule_meeting(
        ann, "2026-12-01 09:30", minutes=45, place="Blue Bottle", time_zone="America/New_York"
    )
    paris = meetings.schedule_meeting(
        ann, "2026-03-29 01:30", minutes=60, agenda=AWKWARD, time_zone="Europe/Paris"
    )
    return new_york, paris


def _export(path: Path, *meeting_ids: int) -> bytes:
    write_ics(path, [meetings.get_meeting(meeting_id) for meeting_id in meeting_ids])
    return path.read_bytes()


def _events_by_uid(data: bytes) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(data).events}


def test_icalendar_reads_back_each_meeting_at_the_same_instant_in_its_zone(
    tmp_path: Path, two_zones: tuple[int, int]
) -> None:
    new_york, paris = two_zones
    calendar = icalendar.Calendar.from_ical(_export(tmp_path / "m.ics", new_york, paris))
    events = {str(event["UID"]): event for event in calendar.events}
    ny_event = events[calendar_export.meeting_uid(new_york)]
    paris_event = events[calendar_export.meeting_uid(paris)]

    assert ny_event["DTSTART"].dt == dt.datetime(2026, 12, 1, 9, 30, tzinfo=NEW_YORK)
    assert ny_event["DTEND"].dt == dt.datetime(2026, 12, 1, 10, 15, tzinfo=NEW_YORK)
    assert ny_event["DTSTART"].params["TZID"] == "America/New_York"
    assert ny_event["DTEND"].params["TZID"] == "America/New_York"
    start, end = paris_event["DTSTART"].dt, paris_event["DTEND"].dt
    assert paris_event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert start == dt.datetime(2026, 3, 29, 1, 30, tzinfo=PARIS)
    # One hour of real time, but 03:30 on the clock: the clocks went forward at 02:00.
    assert end == dt.datetime(2026, 3, 29, 3, 30, tzinfo=PARIS)
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=1)
    assert {zone.tz_name for zone in calendar.timezones} == {"America/New_York", "Europe/Paris"}
    assert calendar.get_missing_tzids() == set()


def test_vobject_reads_back_the_same_times_with_offsets_from_our_vtimezones(
    tmp_path: Path, two_zones: tuple[int, int]
) -> None:
    new_york, paris = two_zones
    parsed = vobject.readOne(_export(tmp_path / "m.ics", new_york, paris).decode("utf-8"))
    assert {zone.tzid.value for zone in parsed.vtimezone_list} == {
        "America/New_York",
        "Europe/Paris",
    }
    events = {event.uid.value: event for event in parsed.vevent_list}
    ny_event = events[calendar_export.meeting_uid(new_york)]
    paris_event = events[calendar_export.meeting_uid(paris)]
    # vobject moves the TZID parameter into the value's zone as it reads it.
    assert ny_event.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == ["America/New_York"]
    assert paris_event.dtend.params["X-VOBJ-ORIGINAL-TZID"] == ["Europe/Paris"]
    assert ny_event.dtstart.value == dt.datetime(2026, 12, 1, 9, 30, tzinfo=NEW_YORK)
    assert ny_event.dtend.value == dt.datetime(2026, 12, 1, 10, 15, tzinfo=NEW_YORK)
    # vobject builds its zones from the file's VTIMEZONEs: right offsets mean right rules.
    assert ny_event.dtstart.value.utcoffset() == dt.timedelta(hours=-5)
    assert paris_event.dtstart.value == dt.datetime(2026, 3, 29, 1, 30, tzinfo=PARIS)
    assert paris_event.dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert paris_event.dtend.value == dt.datetime(2026, 3, 29, 3, 30, tzinfo=PARIS)
    assert paris_event.dtend.value.utcoffset() == dt.timedelta(hours=2)


def test_calendar_headers_name_relate_and_publish(tmp_path: Path, two_zones) -> None:
    calendar = icalendar.Calendar.from_ical(_export(tmp_path / "m.ics", *two_zones))
    assert str(calendar["PRODID"]) == f"-//Relate//Relate {calendar_export.__version__}//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"


def test_text_with_commas_semicolons_newlines_and_unicode_survives_both_parsers(
    tmp_path: Path, ann: int
) -> None:
    contacts.update_contact(ann, first_name="Zoë", last_name="Ünal, Jr; 日本")
    place = "Café de Flore, 172 bd Saint-Germain; Paris"
    meeting_id = meetings.schedule_meeting(
        ann, "2026-06-02 15:00", place=place, agenda=AWKWARD, time_zone="Europe/Paris"
    )
    data = _export(tmp_path / "m.ics", meeting_id)
    event = _events_by_uid(data)[calendar_export.meeting_uid(meeting_id)]
    assert str(event["SUMMARY"]) == "1-2-1 with Zoë Ünal, Jr; 日本"
    assert str(event["LOCATION"]) == place
    assert str(event["DESCRIPTION"]) == AWKWARD
    read = vobject.readOne(data.decode("utf-8")).vevent
    assert (read.summary.value, read.location.value) == ("1-2-1 with Zoë Ünal, Jr; 日本", place)
    assert read.description.value == AWKWARD


def test_empty_place_and_agenda_are_left_out(tmp_path: Path, ann: int) -> None:
    meeting_id = meetings.schedule_meeting(ann, "2026-06-02 15:00", time_zone="Europe/Paris")
    event = _events_by_uid(_export(tmp_path / "m.ics", meeting_id))[
        calendar_export.meeting_uid(meeting_id)
    ]
    assert "LOCATION" not in event and "DESCRIPTION" not in event


def test_uid_is_the_same_in_every_export_and_differs_between_meetings(
    tmp_path: Path, two_zones: tuple[int, int]
) -> None:
    first = _events_by_uid(_export(tmp_path / "first.ics", *two_zones))
    meetings.update_meeting(two_zones[0], place="Elsewhere")
    second = _events_by_uid(_export(tmp_path / "second.ics", *two_zones))
    assert set(first) == set(second)
    assert len(first) == 2
    uid = calendar_export.meeting_uid(two_zones[0])
    assert str(second[uid]["LOCATION"]) == "Elsewhere"
    stamp = second[uid]["DTSTAMP"].dt
    assert stamp.utcoffset() == dt.timedelta(0)


def test_a_cancelled_meeting_is_cancelled_and_has_no_alarm(tmp_path: Path, ann: int) -> None:
    planned = meetings.schedule_meeting(ann, "2026-06-02 15:00", time_zone="Europe/Paris")
    cancelled = meetings.schedule_meeting(ann, "2026-06-03 15:00", time_zone="Europe/Paris")
    meetings.cancel_meeting(cancelled)
    events = _events_by_uid(_export(tmp_path / "m.ics", planned, cancelled))
    kept, called_off = (events[calendar_export.meeting_uid(i)] for i in (planned, cancelled))
    assert str(kept["STATUS"]) == "CONFIRMED"
    assert str(called_off["STATUS"]) == "CANCELLED"
    assert called_off.walk("VALARM") == []
    [alarm] = kept.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == dt.timedelta(minutes=-30)


def test_a_meeting_without_a_zone_uses_the_machines_zone(
    tmp_path: Path, ann: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meetings, "local_zone_name", lambda: "Asia/Tokyo")
    meeting_id = meetings.schedule_meeting(ann, "2026-06-02 15:00", time_zone="")
    calendar = icalendar.Calendar.from_ical(_export(tmp_path / "m.ics", meeting_id))
    [event] = calendar.events
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event["DTSTART"].dt == dt.datetime(2026, 6, 2, 15, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert [zone.tz_name for zone in calendar.timezones] == ["Asia/Tokyo"]


def test_without_any_known_zone_the_time_floats(
    tmp_path: Path, ann: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meetings, "local_zone_name", lambda: "")
    meeting_id = meetings.schedule_meeting(ann, "2026-06-02 15:00", time_zone="")
    data = _export(tmp_path / "m.ics", meeting_id)
    calendar = icalendar.Calendar.from_ical(data)
    [event] = calendar.events
    assert event["DTSTART"].dt == dt.datetime(2026, 6, 2, 15)
    assert event["DTEND"].dt == dt.datetime(2026, 6, 2, 16)
    assert "TZID" not in event["DTSTART"].params and calendar.timezones == []
    assert vobject.readOne(data.decode("utf-8")).vevent.dtstart.value == dt.datetime(2026, 6, 2, 15)


def test_write_ics_counts_the_events_and_an_empty_calendar_is_still_valid(
    tmp_path: Path, two_zones: tuple[int, int]
) -> None:
    records = [meetings.get_meeting(meeting_id) for meeting_id in two_zones]
    assert write_ics(tmp_path / "two.ics", records) == 2
    assert write_ics(tmp_path / "none.ics", []) == 0
    empty = icalendar.Calendar.from_ical((tmp_path / "none.ics").read_bytes())
    assert empty.events == [] and str(empty["VERSION"]) == "2.0"
    assert len(meetings_calendar(records).events) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_readable_by_the_user_only(tmp_path: Path, two_zones) -> None:
    _export(tmp_path / "m.ics", *two_zones)
    assert os.stat(tmp_path / "m.ics").st_mode & 0o777 == 0o600


def test_file_name_names_the_person_and_day_for_one_meeting(two_zones) -> None:
    one = [meetings.get_meeting(two_zones[0])]
    both = [meetings.get_meeting(meeting_id) for meeting_id in two_zones]
    today = dt.date(2026, 11, 20)
    assert ics_file_name(one, today) == "1-2-1-ann-adams-2026-12-01.ics"
    assert ics_file_name(both, today) == "relate-meetings-2026-11-20.ics"
    assert ics_file_name([], today) == "relate-meetings-2026-11-20.ics"


# The command line ---------------------------------------------------------------------------


def _run_ics(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_calendar_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["ics", *argv])
    return CALENDAR_COMMANDS[args.command](args)


def _at(days: int, hour: int = 10) -> str:
    return f"{dt.date.today() + dt.timedelta(days=days)} {hour:02}:00"


def test_cli_writes_the_planned_and_cancelled_meetings_in_the_window(
    tmp_path: Path, ann: int, capsys: pytest.CaptureFixture[str]
) -> None:
    bob = contacts.create_contact("Bob", "Baker")
    inside = [
        meetings.schedule_meeting(ann, _at(1), time_zone="Europe/Paris"),
        meetings.schedule_meeting(bob, _at(13, 18), time_zone="America/New_York"),
    ]
    past = meetings.schedule_meeting(ann, _at(-1), time_zone="Europe/Paris")
    later = meetings.schedule_meeting(ann, _at(14), time_zone="Europe/Paris")
    cancelled = meetings.schedule_meeting(bob, _at(2), time_zone="Europe/Paris")
    meetings.cancel_meeting(cancelled)
    cancelled_later = meetings.schedule_meeting(bob, _at(15), time_zone="Europe/Paris")
    meetings.cancel_meeting(cancelled_later)
    held = meetings.schedule_meeting(bob, _at(3), time_zone="Europe/Paris")
    meetings.hold_meeting(held)
    assert {past, later} and _run_ics(str(tmp_path / "two-weeks.ics"), "--days", "14") == 0
    assert capsys.readouterr().out == (
        f"Wrote 2 meetings and 1 cancellation to {tmp_path / 'two-weeks.ics'}\n"
    )
    events = _events_by_uid((tmp_path / "two-weeks.ics").read_bytes())
    assert set(events) == {calendar_export.meeting_uid(i) for i in (*inside, cancelled)}
    # A calendar that has the cancelled meeting from an earlier file drops it.
    called_off = events[calendar_export.meeting_uid(cancelled)]
    assert str(called_off["STATUS"]) == "CANCELLED"
    assert called_off["DTSTART"].dt.replace(tzinfo=None) == dt.datetime.fromisoformat(_at(2))


def test_importing_again_moves_and_cancels_what_the_calendar_has(tmp_path: Path, ann: int) -> None:
    """The second file is newer for each event (SEQUENCE), and still holds the one that
    was cancelled in between, as cancelled: what `relate ics --help` promises."""
    moved = meetings.schedule_meeting(ann, _at(1), time_zone="Europe/Paris")
    dropped = meetings.schedule_meeting(ann, _at(2), time_zone="Europe/Paris")
    _run_ics(str(tmp_path / "first.ics"))
    meetings.update_meeting(moved, starts_at=_at(1, 15))
    meetings.cancel_meeting(dropped)
    write_ics(
        tmp_path / "second.ics",
        meetings.calendar_meetings(dt.date.today(), 30),
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1),
    )
    first = _events_by_uid((tmp_path / "first.ics").read_bytes())
    second = _events_by_uid((tmp_path / "second.ics").read_bytes())
    assert set(first) == set(second)
    for uid, event in second.items():
        assert int(event["SEQUENCE"]) > int(first[uid]["SEQUENCE"])
    assert str(second[calendar_export.meeting_uid(dropped)]["STATUS"]) == "CANCELLED"
    assert second[calendar_export.meeting_uid(moved)]["DTSTART"].dt.hour == 15


def test_cli_help_says_importing_again_updates_and_cancels(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser(prog="relate")
    add_calendar_parser(parser.add_subparsers(dest="command"))
    with pytest.raises(SystemExit):
        parser.parse_args(["ics", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Importing it again updates the meetings already in the calendar" in text
    assert "a cancelled one is cancelled" in text


def test_cli_defaults_to_30_days(tmp_path: Path, ann: int, capsys) -> None:
    meetings.schedule_meeting(ann, _at(29), time_zone="Europe/Paris")
    meetings.schedule_meeting(ann, _at(30), time_zone="Europe/Paris")
    _run_ics(str(tmp_path / "m.ics"))
    assert capsys.readouterr().out.startswith("Wrote 1 meeting to ")


def test_cli_with_nothing_planned_still_writes_an_empty_calendar(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_ics(str(tmp_path / "none.ics")) == 0
    assert capsys.readouterr().out == f"Wrote 0 meetings to {tmp_path / 'none.ics'}\n"
    assert icalendar.Calendar.from_ical((tmp_path / "none.ics").read_bytes()).events == []


def test_cli_rejects_fewer_than_one_day(tmp_path: Path, db_path: Path) -> None:
    with pytest.raises(UserError, match="--days must be 1 or more"):
        _run_ics(str(tmp_path / "m.ics"), "--days", "0")
    assert not (tmp_path / "m.ics").exists()


def test_cli_reports_a_file_it_cannot_write_as_a_user_error(tmp_path: Path, db_path) -> None:
    with pytest.raises(UserError, match="cannot write"):
        _run_ics(str(tmp_path / "no-such-folder" / "m.ics"))
