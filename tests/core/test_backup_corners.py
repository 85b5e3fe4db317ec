"""Backups that cannot hurt: they fit the disk or are not made (said before a byte is
written), never overwrite one another, keep apart databases of one folder, keep today's
to a few, and leave nothing behind when cut short."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from relate import contacts, queries
from relate.cli import main
from relate.store import backups
from relate.store.db import close_database, open_database
from tests.core.corners import fill, small_disk

NOON = dt.datetime(2026, 11, 22, 12, 0, 0)
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_two_backups_in_one_second_are_two_files(db_path: Path) -> None:
    contacts.create_contact("Ann")
    first = backups.make_backup(db_path, "before-import", now=NOON)
    second = backups.make_backup(db_path, "before-import", now=NOON)
    assert first != second and first.exists() and second.exists()
    assert second.name == "relate.sqlite-20261122-120000-2-before-import.sqlite"
    assert [b.path for b in backups.backups_of(db_path)] == [second, first]  # newest first


def test_databases_of_one_stem_in_one_folder_keep_their_backups_apart(tmp_path: Path) -> None:
    work, other = tmp_path / "work.sqlite", tmp_path / "work.db"
    for path, name in ((work, "Ann"), (other, "Bob")):
        open_database(path)
        contacts.create_contact(name)
        backups.make_backup(path, "manual", now=NOON)
        close_database()
    [of_work], [of_other] = backups.backups_of(work), backups.backups_of(other)
    assert of_work.path != of_other.path
    backups.restore_backup(of_other.path, other)
    open_database(other)
    assert [c.first_name for c in queries.list_contacts()] == ["Bob"]
    close_database()


def test_today_keeps_its_newest_few(db_path: Path) -> None:
    contacts.create_contact("Ann")
    made = [
        backups.make_backup(db_path, "before-import", now=NOON + dt.timedelta(minutes=n))
        for n in range(backups.TODAY_KEPT + 4)
    ]
    backups.prune_backups(db_path, NOON.date())
    kept = [b.path for b in backups.backups_of(db_path)]
    assert kept == list(reversed(made))[: backups.TODAY_KEPT]


def test_what_a_killed_restore_left_is_swept_at_start(db_path: Path, capsys) -> None:
    contacts.create_contact("Ann")
    close_database()
    leftover = db_path.parent / f".{db_path.name}.x7Yq_2"  # a full-size copy, never moved
    leftover.write_bytes(db_path.read_bytes())
    hour_ago = time.time() - 3700
    os.utime(leftover, (hour_ago, hour_ago))
    assert main(["--db", str(db_path), "list"]) == 0
    assert not leftover.exists()
    capsys.readouterr()


@pytest.mark.slow
def test_an_import_with_no_room_for_its_backup_says_so_and_writes_nothing(
    tmp_path: Path, capsys
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        CONNECTIONS + "Cy,Cole,https://www.linkedin.com/in/cy,,Crane,CTO,01 Feb 2026\n",
        encoding="utf-8",
    )
    with small_disk(tmp_path / "disk", 12 * 1024) as disk:
        path = disk / "relate.sqlite"
        open_database(path)
        contacts.create_contact("Ann", "Adams")
        close_database()
        filler = disk / "filler"
        fill(disk)
        # Room for the import itself, not for a backup and its margin.
        os.truncate(filler, filler.stat().st_size - 3 * 1024 * 1024)
        capsys.readouterr()
        status = main(["--db", str(path), "import", "linkedin", str(export)])
        err = capsys.readouterr().err
        assert status == 1, err
        assert "no room on the disk for a backup" in err and "--no-backup" in err
        assert "a bug" not in err and "rollback" not in err
        assert not list((disk / "backups").glob("*")) if (disk / "backups").exists() else True
        assert main(["--db", str(path), "list"]) == 0
        assert "Cy Cole" not in capsys.readouterr().out  # nothing was imported
        # The way through, asked for.
        assert main(["--db", str(path), "import", "linkedin", str(export), "--no-backup"]) == 0
        assert main(["--db", str(path), "list"]) == 0
        assert "Cy Cole" in capsys.readouterr().out
