"""Is the database file whole? SQLite's own checks, read-only, and the newest good backup.

The check runs on a connection of its own, opened read-only, so it can run on a worker
thread while the window starts, and so a damaged file is never written by checking it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from relate.store.backups import Backup, backups_of
from relate.store.sqlite_errors import DatabaseUnavailableError, unavailable

MAX_PROBLEMS = 20  # what SQLite lists before it stops; a few say enough


def problems_in(path: str | Path) -> list[str]:
    """What SQLite's `quick_check` finds wrong in the file at `path`: nothing for a
    whole file. A file SQLite calls corrupt or not a database is one problem.

    Raises `DatabaseUnavailableError` when the file cannot be read for another reason (a
    full disk, a folder that cannot be written): no damage, so no restore to offer."""
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(f"PRAGMA quick_check({MAX_PROBLEMS})").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        cannot_use = unavailable(path, exc)
        if cannot_use is not None:
            raise cannot_use from exc
        return [str(exc)]
    found = [line for row in rows for line in str(row[0]).splitlines()]
    if found == ["ok"]:
        return []
    return [line for line in found if not line.startswith("*** in database")][:MAX_PROBLEMS]


def newest_good_backup(db_path: Path) -> Backup | None:
    """The newest backup of the database at `db_path` that passes the quick check."""
    for backup in backups_of(db_path):
        try:
            if not problems_in(backup.path):
                return backup
        except DatabaseUnavailableError:
            continue  # unreadable now, so no good to restore now
    return None
