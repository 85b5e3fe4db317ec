"""Reminders from the database: timed follow-ups and planned 1-2-1s remind once, across
restarts too; done follow-ups and archived contacts never."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from relate import contacts, followups, meetings, reminder_store
from relate.cli import main
from relate.store.db import close_database, db, open_database, set_read_only

DAY = dt.date(2031, 3, 4)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute))


def test_a_timed_follow_up_reminds_once_even_after_a_restart(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    followups.add_follow_up(ann, "Send the tender", DAY, "14:00")
    assert reminder_store.check(at(13, 59)) == []
    [reminder] = reminder_store.check(at(14))
    assert reminder.body == "Ann Adams at 14:00: Send the tender"
    assert reminder_store.check(at(14, 1)) == []
    close_database()
    open_database(db_path)  # Relate started again
    assert reminder_store.check(at(14, 2)) == []


def test_a_planned_1_2_1_reminds_its_lead_before(db_path: Path) -> None:
    bob = contacts.create_contact("Bob", "Baker")
    meeting_id = meetings.schedule_meeting(bob, "2031-03-04 10:00", agenda="Private plans")
    assert reminder_store.check(at(9, 39), lead=dt.timedelta(minutes=20)) == []
    [reminder] = reminder_store.check(at(9, 40), lead=dt.timedelta(minutes=20))
    assert reminder.meeting_id == meeting_id
    assert "Private plans" not in reminder.title + reminder.body


def test_done_follow_ups_and_archived_contacts_do_not_remind(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    cy = contacts.create_contact("Cy", "Cole")
    done = followups.add_follow_up(ann, "Done already", DAY, "09:00")
    followups.complete_follow_up(done)
    followups.add_follow_up(cy, "Archived", DAY, "09:00")
    contacts.set_archived([cy])
    assert reminder_store.check(at(9)) == []


def test_a_follow_up_moved_to_a_later_time_reminds_again(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    item = followups.add_follow_up(ann, "Call", DAY, "09:00")
    assert len(reminder_store.check(at(9))) == 1
    followups.reschedule_follow_up(item, DAY, "16:30")
    assert reminder_store.check(at(10)) == []
    assert len(reminder_store.check(at(16, 30))) == 1
    # Moving the day keeps the time.
    followups.reschedule_follow_up(item, DAY + dt.timedelta(days=1))
    assert followups.follow_ups_for(ann)[0].due_time == dt.time(16, 30)


def test_a_read_only_database_reminds_without_writing(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    followups.add_follow_up(ann, "Call", DAY, "09:00")
    set_read_only()
    [reminder] = reminder_store.check(at(9))
    assert reminder_store.shown_keys() == set()
    # The caller keeps what it showed.
    assert reminder_store.check(at(9, 1), shown=reminder.keys) == []


def test_old_records_of_shown_reminders_are_swept(db_path: Path) -> None:
    reminder_store.record_shown(["follow-up:1@2031-01-01T09:00"], at(9) - dt.timedelta(days=30))
    reminder_store.record_shown(["follow-up:2@2031-03-04T09:00"], at(9))
    assert reminder_store.shown_keys() == {"follow-up:2@2031-03-04T09:00"}


def test_the_command_line_gives_a_follow_up_its_time(tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.sqlite"
    assert main(["--db", str(path), "add", "Ann", "Adams"]) == 0
    assert (
        main(["--db", str(path), "follow-up", "Ann", "Ring", "--due", "2031-03-04", "--at", "9:05"])
        == 0
    )
    assert main(["--db", str(path), "show", "Ann"]) == 0
    assert "2031-03-04 09:05  [open] Ring" in capsys.readouterr().out
    assert (
        main(
            ["--db", str(path), "follow-up", "Ann", "Ring", "--due", "2031-03-04", "--at", "25:00"]
        )
        == 1
    )
    assert "25:00" in capsys.readouterr().err


def test_an_older_file_gets_follow_ups_without_a_time(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parent / "fixtures" / "relate-v8.sqlite", path)
    open_database(path)
    try:
        assert [f.due_time for f in followups.open_follow_ups()] == [None]
        assert db.execute_sql("SELECT count(*) FROM reminder_shown").fetchone()[0] == 0
    finally:
        close_database()
