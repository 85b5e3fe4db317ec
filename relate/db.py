"""The database handle: one SQLite file, opened once, migrated on open."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import platformdirs
from peewee import SqliteDatabase

APP_NAME = "Relate"
DB_FILENAME = "relate.sqlite"
ENV_VAR = "RELATE_DB"

# Models bind to this handle; `open_database` points it at a file.
db = SqliteDatabase(None)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


def default_db_path() -> Path:
    """The database file in the platform's user data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH` wins, then the RELATE_DB variable, then the default location."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def open_database(path: str | os.PathLike[str]) -> Path:
    """Open (creating if needed) the database at `path` and bring its schema up to date.

    Raises `relate.migrations.SchemaError` for a file that is not a Relate database or
    was written by a newer version.
    """
    from relate import migrations

    path = Path(path)
    if not db.is_closed():
        db.close()
    migrations.check_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.init(str(path), pragmas=PRAGMAS)
    db.connect()
    try:
        migrations.migrate(db, path)
    except Exception:
        db.close()
        raise
    return path


# With checkpoints done apart (see `checkpoint`), SQLite's own copy of the log into the
# file, on the writing thread, only happens past this many pages (~40 MB).
DEFERRED_CHECKPOINT_PAGES = 10_000


def defer_checkpoints() -> None:
    """Leave checkpoints to `checkpoint` calls, so that a write on the open handle
    (the window's thread) rarely also copies the log into the file (~10-50 ms)."""
    db.execute_sql(f"PRAGMA wal_autocheckpoint = {DEFERRED_CHECKPOINT_PAGES}")


def checkpoint(path: str | os.PathLike[str]) -> None:
    """Copy the write-ahead log into the database file, from a connection of its own,
    so it can run on another thread. SQLite's PASSIVE mode never blocks the open
    handle's readers or writers: what it cannot copy now, a later call will."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        connection.close()


def thread_connection() -> AbstractContextManager[object]:
    """The open database on the calling (worker) thread: a connection of its own,
    opened on entry and closed on exit, for slow work kept off the window's thread."""
    return db.connection_context()


def close_database() -> None:
    """Close the connection if one is open."""
    if not db.is_closed():
        db.close()


# SQLite limits the bound parameters of one statement; id lists go in slices this long.
ID_CHUNK = 500


def id_chunks(ids: Sequence[int]) -> Iterator[tuple[list[int], str]]:
    """Slices of `ids` with their "?,?,..." placeholders, for `... IN (marks)` queries."""
    for start in range(0, len(ids), ID_CHUNK):
        chunk = list(ids[start : start + ID_CHUNK])
        yield chunk, ",".join("?" * len(chunk))


def transaction() -> AbstractContextManager[object]:
    """A transaction (or savepoint, when nested) around several core calls."""
    return db.atomic()
