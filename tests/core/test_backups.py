"""Backups: online copies in rotation, the daily one, restore with its checks."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
import time
from pathlib import Path

import pytest

from relate import contacts, queries
from relate.store import backups
from relate.store.db import close_database, open_database

NOON = dt.datetime(2026, 11, 22, 12, 0, 0)


def _names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT first_name FROM contact ORDER BY id")]
    finally:
        connection.close()


def test_a_backup_is_a_whole_private_copy_of_the_open_database(db_path: Path) -> None:
    contacts.create_contact("Ann")
    contacts.create_contact("Bob")  # still in the write-ahead log, not yet in the file
    copy = backups.make_backup(db_path, "manual", now=NOON)
    assert copy == db_path.parent / "backups" / "relate.sqlite-20261122-120000-manual.sqlite"
    assert _names(copy) == ["Ann", "Bob"]
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    [listed] = backups.backups_of(db_path)
    assert (listed.path, listed.made_at, listed.reason) == (copy, NOON, "manual")


def test_the_rotation_keeps_seven_days_and_four_weeks(db_path: Path) -> None:
    for day in range(60):  # two backups a day for 60 days
        for hour in (9, 17):
            when = NOON.replace(hour=hour) - dt.timedelta(days=59 - day)
            backups.make_backup(db_path, "daily", now=when)
    kept = backups.backups_of(db_path)
    days = sorted({b.made_at.date() for b in kept}, reverse=True)
    # The last 7 days, each by its latest copy; then the latest copy of 4 weeks in all.
    assert days[:7] == [NOON.date() - dt.timedelta(days=n) for n in range(7)]
    # Today keeps both of its copies; earlier days their latest.
    assert [b.made_at.hour for b in kept[:2]] == [17, 9]
    assert all(b.made_at.hour == 17 for b in kept[2:])
    weeks = {b.made_at.date().isocalendar()[:2] for b in kept}
    assert len(weeks) == 4 and len(kept) == len(days) + 1 <= 7 + 4 + 1


def test_the_daily_backup_is_made_once_a_day(db_path: Path) -> None:
    contacts.create_contact("Ann")
    first = backups.backup_if_due(db_path, now=NOON)
    assert first is not None and first.name.endswith("-daily.sqlite")
    assert backups.backup_if_due(db_path, now=NOON + dt.timedelta(hours=3)) is None
    assert backups.backup_if_due(db_path, now=NOON + dt.timedelta(days=1)) is not None
    assert backups.last_backup(db_path).made_at == NOON + dt.timedelta(days=1)


def test_restore_puts_a_backup_back_and_keeps_the_current_database(db_path: Path) -> None:
    contacts.create_contact("Ann")
    saved = backups.make_backup(db_path, "manual")
    contacts.create_contact("Bob")
    close_database()
    safety = backups.restore_backup(saved, db_path)
    assert safety is not None and _names(safety) == ["Ann", "Bob"]
    open_database(db_path)
    assert [c.first_name for c in queries.list_contacts()] == ["Ann"]


def test_restore_refuses_what_is_not_a_relate_backup(db_path: Path, tmp_path: Path) -> None:
    contacts.create_contact("Ann")
    close_database()
    before = db_path.read_bytes()
    foreign = tmp_path / "other.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    newer = tmp_path / "newer.sqlite"
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA application_id = 1380273236")
    connection.execute("PRAGMA user_version = 999")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all " * 100)
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    for bad, reason in (
        (foreign, "not a Relate database"),
        (newer, "newer version"),
        (text, "not a Relate database"),
        (empty, "empty"),
        (tmp_path / "missing.sqlite", "no file"),
    ):
        with pytest.raises(backups.BackupError, match=reason):
            backups.restore_backup(bad, db_path)
    assert db_path.read_bytes() == before
    assert backups.backups_of(db_path) == []  # refused before anything was copied


def test_backup_backups_and_restore_on_the_command_line(tmp_path: Path, capsys) -> None:
    from relate.cli import main

    path = tmp_path / "cli.sqlite"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("add", "Ann")[0] == 0
    code, out, _ = run("backup")
    saved = Path(out.strip())
    assert code == 0 and saved.parent == tmp_path / "backups" and _names(saved) == ["Ann"]
    assert run("backup", str(tmp_path / "mine.sqlite"))[0] == 0
    assert _names(tmp_path / "mine.sqlite") == ["Ann"]
    assert run("add", "Bob")[0] == 0
    assert "manual" in run("backups")[1]
    code, out, _ = run("restore", str(saved))
    assert code == 0 and out.startswith(f"Restored {saved}; the database as it was is kept in ")
    assert run("list")[1].count("\n") == 1 and "Ann" in run("list")[1]
    code, _, err = run("restore", str(tmp_path / "nothing.sqlite"))
    assert code == 1 and "no file" in err
    code, _, err = run("backup", str(path))
    assert code == 1 and "cannot overwrite" in err


def _ann_connections(folder: Path) -> Path:
    """A LinkedIn export of one connection, Ann."""
    csv = folder / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Adams,https://www.linkedin.com/in/ann,,Acme,CEO,01 Jan 2026\n",
        encoding="utf-8",
    )
    return csv


def test_an_import_into_a_database_with_contacts_is_backed_up_first(tmp_path: Path, capsys) -> None:
    from relate.cli import main

    path, csv = tmp_path / "cli.sqlite", _ann_connections(tmp_path)
    assert main(["--db", str(path), "import", "linkedin", str(csv)]) == 0
    assert backups.backups_of(path) == []  # an empty database has nothing to lose
    with csv.open("a", encoding="utf-8") as more:
        more.write("Bob,Brown,https://www.linkedin.com/in/bob,,Acme,CTO,02 Jan 2026\n")
    assert main(["--db", str(path), "import", "linkedin", str(csv)]) == 0
    [before] = backups.backups_of(path)
    assert before.reason == "before-import" and _names(before.path) == ["Ann"]
    capsys.readouterr()


def test_an_import_that_changes_nothing_leaves_no_backup(tmp_path: Path, capsys) -> None:
    from relate.cli import main

    path, csv = tmp_path / "cli.sqlite", _ann_connections(tmp_path)
    assert main(["--db", str(path), "import", "linkedin", str(csv)]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "import", "linkedin", str(csv)]) == 0
    assert "(nothing to change)" in capsys.readouterr().out
    assert backups.backups_of(path) == []  # the same file again: no trace at all


def test_a_backup_cut_short_leaves_no_litter_behind(db_path: Path) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir()
    orphan = folder / ".relate-20261120-090000-daily.sqlite.k3j2h1"  # killed mid-copy
    orphan.write_bytes(b"half a copy")
    fresh = folder / ".relate-20261122-115900-manual.sqlite.a1b2c3"  # being written now
    fresh.write_bytes(b"in progress")
    hour_ago = time.time() - 3700
    os.utime(orphan, (hour_ago, hour_ago))
    backups.make_backup(db_path, "manual")
    assert not orphan.exists()
    assert fresh.exists()
