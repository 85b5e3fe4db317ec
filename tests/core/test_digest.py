"""The morning digest: its words on an empty, a typical and an overloaded day, shown as a
notification where there is a service, printed (saying why) where there is none, and
read without waiting more than a second for a busy file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relate import contacts, digest_days, followups, meetings, timeline
from relate.cli import main, remind_commands
from relate.desktop import notify
from relate.digest import morning_digest
from relate.reminders import lines_with_more
from tests.conftest import NotificationService

TODAY = dt.date.today()


def _days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def _cold(first: str, stage: str, gives: int = 0) -> int:
    """Someone a rhythm says is long overdue: going cold."""
    who = contacts.create_contact(first, "Cold", stage=stage)
    timeline.log_interaction(who, "call", date=_days(-400).isoformat())
    for _ in range(gives):
        timeline.log_interaction(who, "gave", date=_days(-400).isoformat(), sub_kind="advice")
    return who


def test_an_empty_day_says_there_is_nothing(db_path: Path) -> None:
    digest = morning_digest(TODAY)
    assert digest.title == "Relate: nothing due today"
    assert digest.body == "No follow-ups or 1-2-1s today, and nobody is going cold."


def test_a_typical_day_names_people_and_the_follow_ups_own_words(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    bob = contacts.create_contact("Bob", "Baker")
    followups.add_follow_up(ann, "Send the mass timber article", TODAY, "14:00")
    followups.add_follow_up(bob, "Ask how the move went", _days(-2))
    followups.add_follow_up(bob, "Not yet", _days(3))
    meetings.schedule_meeting(
        ann, f"{TODAY} 10:30", place="Secret Café", agenda="Her confidential bid"
    )
    meetings.schedule_meeting(bob, f"{_days(2)} 09:00")
    _cold("Dora", "connection")
    _cold("Eve", "advocate", gives=2)
    _cold("Fay", "relationship")
    _cold("Gus", "advocate")
    digest = morning_digest(TODAY)
    assert digest.title == "Today: 2 follow-ups, 1 1-2-1"
    assert digest.body.splitlines() == [
        "Follow-ups:",
        "Bob Baker: Ask how the move went (2 days late)",
        "Ann Adams at 14:00: Send the mass timber article",
        "1-2-1s:",
        "10:30 Ann Adams",
        "Going cold:",
        # Today's order: furthest along first, then most given and received.
        "Eve Cold, Gus Cold, Fay Cold",
    ]
    assert "Secret" not in digest.text() and "confidential" not in digest.text()


def test_an_overloaded_day_is_cut_with_and_n_more(db_path: Path) -> None:
    for n in range(12):
        who = contacts.create_contact(f"P{n:02}", "Busy")
        followups.add_follow_up(who, f"Task {n}", _days(-1))
        if n < 6:
            meetings.schedule_meeting(who, f"{TODAY} {8 + n:02}:00")
    digest = morning_digest(TODAY)
    assert digest.title == "Today: 12 follow-ups, 6 1-2-1s"
    lines = digest.body.splitlines()
    assert lines[:6] == [
        "Follow-ups:",
        "P00 Busy: Task 0 (1 day late)",
        "P01 Busy: Task 1 (1 day late)",
        "P02 Busy: Task 2 (1 day late)",
        "P03 Busy: Task 3 (1 day late)",
        "and 8 more",
    ]
    assert lines[6:] == [
        "1-2-1s:",
        "08:00 P00 Busy",
        "09:00 P01 Busy",
        "10:00 P02 Busy",
        "and 3 more",
    ]


def test_lines_with_more_counts_what_was_not_read() -> None:
    assert lines_with_more(["a", "b"], 5) == ["a", "b"]
    assert lines_with_more(["a", "b"], 5, total=9) == ["a", "b", "and 7 more"]
    assert lines_with_more(list("abcdef"), 5) == ["a", "b", "c", "d", "and 2 more"]


def _demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "r.sqlite"
    assert main(["--db", str(path), "add", "Ann", "Adams"]) == 0
    assert (
        main(
            ["--db", str(path), "follow-up", "Ann", "Ring & <confirm>", "--due", TODAY.isoformat()]
        )
        == 0
    )
    return path


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def test_without_a_notification_service_it_prints_and_says_why(
    tmp_path: Path, capsys, state_home: Path, no_notification_service: None
) -> None:
    path = _demo_db(tmp_path)
    capsys.readouterr()
    assert main(["--db", str(path), "remind", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "Today: 1 follow-up" in out and "Ann Adams: Ring & <confirm>" in out
    assert "could not be shown as a notification" in err
    # A digest not shown is not marked shown: the next run tries again.
    assert not digest_days.shown_on(path, TODAY)


def test_a_shown_digest_prints_too_unless_quiet(
    tmp_path: Path, monkeypatch, capsys, state_home: Path
) -> None:
    path = _demo_db(tmp_path)
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(notify, "notify", lambda title, body: sent.append((title, body)))
    capsys.readouterr()
    assert main(["--db", str(path), "remind"]) == 0
    assert "Ann Adams: Ring & <confirm>" in capsys.readouterr().out
    assert sent == [("Today: 1 follow-up", "Follow-ups:\nAnn Adams: Ring & <confirm>")]
    assert main(["--db", str(path), "remind", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_at_a_morning_time_it_shows_once_a_day_and_not_before(
    tmp_path: Path, monkeypatch, capsys, state_home: Path
) -> None:
    path = _demo_db(tmp_path)
    sent: list[str] = []
    monkeypatch.setattr(notify, "notify", lambda title, body: sent.append(title))
    clock = [dt.datetime.combine(TODAY, dt.time(7, 59))]
    monkeypatch.setattr(remind_commands, "_clock", lambda: clock[0])
    argv = ["--db", str(path), "remind", "--at", "08:00", "--quiet"]
    assert main(argv) == 0 and sent == []  # the login entry, before the morning time
    clock[0] = dt.datetime.combine(TODAY, dt.time(8, 0))
    assert main(argv) == 0 and sent == ["Today: 1 follow-up"]  # the timer
    clock[0] = dt.datetime.combine(TODAY, dt.time(9, 30))
    assert main(argv) == 0 and len(sent) == 1  # the login entry, later that day
    assert main([*argv[:-1]]) == 0 and "shown already" in capsys.readouterr().out
    clock[0] = dt.datetime.combine(_days(1), dt.time(8, 5))
    assert main(argv) == 0 and len(sent) == 2  # the next morning
    assert main(["--db", str(path), "remind", "--at", "7 o'clock"]) == 1
    assert "7 o'clock" in capsys.readouterr().err


def test_the_digest_never_writes_to_the_database(
    tmp_path: Path, monkeypatch, state_home: Path
) -> None:
    path = _demo_db(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(notify, "notify", lambda title, body: None)
    assert main(["--db", str(path), "remind", "--quiet"]) == 0
    assert path.read_bytes() == before
    assert not (path.parent / "backups").exists()


def test_no_database_yet_means_nothing_to_remind(tmp_path: Path, capsys, state_home) -> None:
    path = tmp_path / "none.sqlite"
    assert main(["--db", str(path), "remind"]) == 0
    assert "nothing to remind you of" in capsys.readouterr().out
    assert not path.exists()


# Another process takes the file for itself (an exclusive lock, which even WAL readers
# wait for), says so, and keeps it.
HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode = EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("UPDATE contact SET updated_at = updated_at")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


@pytest.mark.slow
def test_a_busy_file_is_waited_for_a_second_at_most(
    tmp_path: Path, monkeypatch, capsys, state_home: Path
) -> None:
    path = _demo_db(tmp_path)
    monkeypatch.setattr(notify, "notify", lambda title, body: None)
    capsys.readouterr()
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), "4"], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        status = main(["--db", str(path), "remind"])
        waited = time.monotonic() - started
        holder.kill()
    err = capsys.readouterr().err
    assert status == 1 and "busy" in err and str(path) in err
    assert remind_commands.BUSY_MS / 1000 * 0.8 <= waited < 1.6


def test_the_digest_is_one_notification_on_the_desktop(
    tmp_path: Path, capsys, state_home: Path, notification_service: NotificationService
) -> None:
    path = _demo_db(tmp_path)
    capsys.readouterr()
    assert main(["--db", str(path), "remind", "--quiet", "--at", "00:00"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    [sent] = notification_service.sent()
    # Servers read the body as markup: what the user wrote shows as written.
    assert (sent["app"], sent["summary"], sent["body"]) == (
        "Relate",
        "Today: 1 follow-up",
        "Follow-ups:\nAnn Adams: Ring &amp; &lt;confirm&gt;",
    )
    assert digest_days.shown_on(path, dt.date.today())


def test_the_login_entry_and_the_timer_starting_together_show_it_once(
    tmp_path: Path, state_home: Path, notification_service: NotificationService
) -> None:
    path = _demo_db(tmp_path)
    argv = [sys.executable, "-m", "relate", "--db", str(path), "remind", "--at", "00:00"]
    runs = [subprocess.Popen([*argv, "--quiet"], stdout=subprocess.PIPE) for _ in range(3)]
    for run in runs:
        run.communicate(timeout=60)
        assert run.returncode == 0
    assert len(notification_service.sent()) == 1
