"""A damaged file is found, never written, and set aside when a good backup replaces it;
the database is private to its user; a read-only database refuses every change."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from relate import contacts, queries, timeline
from relate.demo import fill_demo
from relate.store import backups, integrity
from relate.store.db import close_database, database_refusal, is_read_only, open_database
from relate.store.migrations import APPLICATION_ID, SchemaError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def damage(path: Path) -> None:
    """Scribble over the header of the page of the imports' changes, as a failing disk or
    a half-copied file would: the file still opens (its schema is whole), and the
    integrity check finds the damage."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'import_change'"
        ).fetchone()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\x07" * 16)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A closed database with the demo network in it, checkpointed into the file."""
    path = tmp_path / "relate.sqlite"
    open_database(path)
    fill_demo(today=dt.date(2026, 11, 22))
    close_database()
    return path


def test_a_whole_file_has_no_problems(demo_file: Path) -> None:
    assert integrity.problems_in(demo_file) == []


def test_a_damaged_page_is_found(demo_file: Path) -> None:
    damage(demo_file)
    problems = integrity.problems_in(demo_file)
    assert problems and any("Page" in p or "malformed" in p for p in problems)
    assert not any(p.startswith("*** in database") for p in problems)


def test_a_file_that_is_no_database_is_one_problem(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 200)
    assert integrity.problems_in(junk) == ["file is not a database"]


def test_the_newest_good_backup_skips_damaged_ones(demo_file: Path) -> None:
    good = backups.make_backup(demo_file, "daily", now=dt.datetime(2026, 11, 20, 9))
    bad = backups.make_backup(demo_file, "daily", now=dt.datetime(2026, 11, 21, 9))
    damage(bad)
    assert integrity.newest_good_backup(demo_file).path == good
    damage(good)
    assert integrity.newest_good_backup(demo_file) is None


def test_restoring_over_a_damaged_file_sets_it_aside_byte_for_byte(demo_file: Path) -> None:
    good = backups.make_backup(demo_file, "daily", now=dt.datetime(2026, 11, 20, 9))
    damage(demo_file)
    damaged_digest = digest(demo_file)
    aside = backups.restore_backup(good, demo_file, damaged=True)
    assert aside is not None and aside.name.endswith("-damaged.sqlite")
    assert digest(aside) == damaged_digest
    assert integrity.problems_in(demo_file) == []
    # Out of the rotation: a week of daily backups later it is still there.
    for day in range(1, 9):
        backups.make_backup(demo_file, "daily", now=dt.datetime(2026, 12, day, 9))
    assert aside.exists()
    assert integrity.newest_good_backup(demo_file).reason == "daily"


@posix_only
def test_a_new_database_is_readable_by_its_user_only(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(path)
    contacts.create_contact("Ann", story="private")
    close_database()
    for file in [path, *tmp_path.glob("new.sqlite-*")]:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


@posix_only
def test_an_older_database_left_readable_by_others_is_made_private(demo_file: Path) -> None:
    os.chmod(demo_file, 0o644)
    open_database(demo_file)
    close_database()
    assert stat.S_IMODE(demo_file.stat().st_mode) == 0o600


def test_a_read_only_database_refuses_every_change_and_keeps_its_bytes(demo_file: Path) -> None:
    before = digest(demo_file)
    open_database(demo_file, read_only=True)
    try:
        assert is_read_only()
        someone = queries.list_contacts()[0].id
        assert queries.count_contacts() > 0  # reading works
        for change in (
            lambda: contacts.create_contact("Zoe"),
            lambda: contacts.update_contact(someone, story="new"),
            lambda: timeline.log_interaction(someone, kind="call", summary="hello"),
        ):
            with pytest.raises(Exception) as refused:
                change()
            assert database_refusal(refused.value) == "read-only"
    finally:
        close_database()
    assert digest(demo_file) == before


def test_a_database_needing_migration_is_not_opened_read_only(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    connection = sqlite3.connect(old)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 1")
    connection.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY)")
    connection.close()
    with pytest.raises(SchemaError, match="read-only"):
        open_database(old, read_only=True)
