"""A full disk or a folder that cannot be written is said as such: never "not a Relate
database", never a reason to call the file damaged and offer a backup in its place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from relate.store import integrity
from relate.store.db import close_database, open_database
from relate.store.migrations import SchemaError, check_file
from relate.store.sqlite_errors import DatabaseUnavailableError
from tests.core.corners import fill, relate, small_disk


def _network(path: Path) -> None:
    from relate import contacts

    open_database(path)
    contacts.create_contact("Ann", "Adams")
    close_database()  # the log folded into the file: no -wal, no -shm left


@pytest.mark.slow
def test_a_read_only_folder_is_said_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "relate.sqlite"
    _network(path)
    folder.chmod(0o555)  # the user may read the file, not make its -shm beside it
    try:
        status, out, err = relate("--db", str(path), "list", modes_hold=True)
    finally:
        folder.chmod(0o755)
    assert status == 1
    assert "not a Relate database" not in err and "a bug" not in err
    assert "cannot use" in err and "its folder cannot be" in err


@pytest.mark.slow
def test_a_full_disk_is_said_as_such_and_is_no_damage(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 2048) as disk:
        path = disk / "relate.sqlite"
        _network(path)
        fill(disk)
        assert shutil.disk_usage(disk).free < 4096
        status, out, err = relate("--db", str(path), "add", "Bob")
        assert status == 1 and "Traceback" not in err
        assert "not a Relate database" not in err and "a bug" not in err
        assert "no room left" in err and "nothing was changed" in err
        # Reading goes on where the disk allows it, and the file is not called damaged.
        status, out, err = relate("--db", str(path), "list")
        assert (status, "Ann Adams" in out) == (0, True) or "no room left" in err
        try:
            assert integrity.problems_in(path) == []
        except DatabaseUnavailableError:
            pass  # unreadable until there is room: still no damage, no restore offered
        (disk / "filler").unlink()
        status, out, err = relate("--db", str(path), "add", "Bob")
        assert status == 0, err


def test_a_file_that_is_not_a_database_is_still_called_so(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"hello " * 1000)
    with pytest.raises(SchemaError, match="not a Relate database"):
        check_file(junk)
    assert integrity.problems_in(junk)  # damage (or foreign): the restore may be offered
