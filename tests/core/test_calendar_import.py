"""`relate import calendar`: past meetings with contacts into the timeline (a 1-2-1 with
one, "met" with more), repeats expanded, declined and cancelled left out, what is still
to come offered as planned 1-2-1s."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, meetings, timeline
from relate.cli import main
from relate.store.db import close_database, open_database

ME = "ORGANIZER;CN=Pat Doe:mailto:pat@mine.example"


def _event(uid: str, start: str, summary: str, *lines: str) -> str:
    return "\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART:{start}", "DURATION:PT1H",
         f"SUMMARY:{summary}", ME, *lines, "END:VEVENT"]
    )  # fmt: skip


ANA = "ATTENDEE;CN=Ana Lima;PARTSTAT=ACCEPTED:mailto:ana@example.org"
BO = "ATTENDEE;CN=Bo Berg;PARTSTAT=ACCEPTED:mailto:BO@example.org"


def _calendar(path: Path) -> Path:
    events = [
        _event("one@x", "20260105T090000Z", "Coffee", ANA, "LOCATION:Café Rio"),
        _event("group@x", "20260107T140000Z", "Board", ANA, BO),
        _event("weekly@x", "20260112T080000Z", "Weekly sync", BO, "RRULE:FREQ=WEEKLY;COUNT=3"),
        _event("gone@x", "20260110T090000Z", "Cancelled", ANA, "STATUS:CANCELLED"),
        _event("no@x", "20260111T090000Z", "Declined", ANA,
               "ATTENDEE;PARTSTAT=DECLINED:mailto:pat@mine.example"),
        _event("next@x", "20270105T090000Z", "Next coffee", ANA),
    ]  # fmt: skip
    text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\n"
    path.write_text(text + "\n".join(events) + "\nEND:VCALENDAR\n", encoding="utf-8")
    return path


def _contacts(db: Path, *names: tuple[str, str]) -> list[int]:
    """A database at `db` with these (first, last) people, each at first@example.org."""
    open_database(db)
    ids = [
        contacts.create_contact(first, last, emails=[f"{first.lower()}@example.org"])
        for first, last in names
    ]
    close_database()
    return ids


def test_meetings_become_1_2_1s_and_meetings_and_the_future_is_offered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.sqlite"
    ana, bo = _contacts(db, ("Ana", "Lima"), ("Bo", "Berg"))
    path = _calendar(tmp_path / "pat@mine.example.ics")
    main(["--db", str(db), "me", "--email", "pat@mine.example"])
    args = ["--db", str(db), "import", "calendar", str(path), "--since", "2025-12-01",
            "--until", "2027-12-01", "--verbose"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1-2-1s in the calendar still to come: 1" in out and "Next coffee" in out
    assert "skipped: 1 cancelled" in out and "skipped: 1 declined by you" in out
    open_database(db)
    assert [(e.kind, e.date, e.summary) for e in timeline.interactions_for(ana)] == [
        ("met", dt.date(2026, 1, 7), "Board"),
        ("1-2-1", dt.date(2026, 1, 5), "Coffee (Café Rio)"),
    ]
    assert [(e.kind, e.date) for e in timeline.interactions_for(bo)] == [
        ("1-2-1", dt.date(2026, 1, 26)),
        ("1-2-1", dt.date(2026, 1, 19)),
        ("1-2-1", dt.date(2026, 1, 12)),
        ("met", dt.date(2026, 1, 7)),
    ]
    close_database()
    assert main([*args, "--plan-meetings"]) == 0
    out = capsys.readouterr().out
    assert "(nothing to add to the timeline)" in out and "Planned 1 1-2-1 still to come" in out
    assert main([*args, "--plan-meetings"]) == 0
    assert "Planned 0 1-2-1s still to come" in capsys.readouterr().out
    open_database(db)
    (planned,) = meetings.planned_meetings(dt.datetime(2026, 12, 1), 400)
    assert (planned.contact_id, planned.agenda) == (ana, "Next coffee")
    close_database()


def test_the_same_calendar_changed_adds_only_what_is_new(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.sqlite"
    ana, bo, cy = _contacts(db, ("Ana", "Lima"), ("Bo", "Berg"), ("Cy", "Ng"))
    cy_line = "ATTENDEE;CN=Cy Ng;PARTSTAT=ACCEPTED:mailto:cy@example.org"
    weekly = [
        "BEGIN:VEVENT", "UID:weekly@x", "DTSTART;TZID=Europe/London:20260112T080000",
        "DTEND;TZID=Europe/London:20260112T090000", "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE;TZID=Europe/London:20260119T080000", "SUMMARY:Weekly sync", ME, BO,
    ]  # fmt: skip
    moved = [
        "BEGIN:VEVENT", "UID:weekly@x", "RECURRENCE-ID;TZID=Europe/London:20260126T080000",
        "DTSTART;TZID=Europe/London:20260127T080000", "SUMMARY:Weekly sync", ME, BO, "END:VEVENT",
    ]  # fmt: skip

    def write(coffee_day: str, *events: list[str]) -> Path:
        path = tmp_path / "pat@mine.example.ics"
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
        lines.append(_event("one@x", f"202601{coffee_day}T090000Z", "Coffee", ANA))
        lines += [line for event in events for line in event] + ["END:VCALENDAR", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    main(["--db", str(db), "me", "--email", "pat@mine.example"])
    args = ["--db", str(db), "import", "calendar", "--since", "2025-12-01", "--until", "2026-12-01"]
    assert main([*args, str(write("05", [*weekly, "END:VEVENT"]))]) == 0
    assert main([*args, str(write("05", [*weekly, "END:VEVENT"]))]) == 0
    assert "(nothing to add to the timeline)" in capsys.readouterr().out
    # The coffee a day later, Cy asked to the weekly one, its third week moved a day.
    assert main([*args, str(write("06", [*weekly, cy_line, "END:VEVENT"], moved))]) == 0
    out = capsys.readouterr().out
    assert "4 timeline entries for 3 contacts, 2 already in the timeline" in out
    open_database(db)
    days = {
        who: sorted(e.date.day for e in timeline.interactions_for(who)) for who in (ana, bo, cy)
    }
    assert days == {ana: [5, 6], bo: [2, 12, 26, 27], cy: [2, 12]}  # (2: February)
