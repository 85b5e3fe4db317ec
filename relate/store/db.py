"""The database handle: one SQLite file, opened once, migrated on open."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import platformdirs
from peewee import DatabaseError, Delete, Insert, Select, SqliteDatabase, Update

from relate.files import private_file, private_folder
from relate.store.sql import Params, connection_of, run_sql

# Re-exported: the window and the command line ask `db` what an error means.
from relate.store.sqlite_errors import database_refusal as database_refusal
from relate.store.sqlite_errors import sqlite_error as sqlite_error

APP_NAME = "Relate"
DB_FILENAME = "relate.sqlite"
ENV_VAR = "RELATE_DB"

# Models bind to this handle; `open_database` points it at a file.
db = SqliteDatabase(None)

PRAGMAS: dict[str, str | int] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -64000,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


def execute(sql: str, params: Params = ()) -> sqlite3.Cursor:
    """Run `sql` on the open database (this thread's connection): `db.execute_sql`, typed."""
    return run_sql(db, sql, params)


def fetch_int(sql: str, params: Params = ()) -> int:
    """The first column of the first row of `sql`: a count, an id, a PRAGMA's number."""
    value: int = execute(sql, params).fetchone()[0]
    return value


def inserted_id(query: Insert) -> int:
    """Run a model's INSERT; the new row's id."""
    row_id: int = query.execute()
    return row_id


def rows_changed(query: Update | Delete) -> int:
    """Run a model's UPDATE or DELETE; how many rows it changed."""
    count: int = query.execute()
    return count


def column_dicts(query: Select) -> list[dict[str, Any]]:
    """A model query's rows as column -> value dicts (peewee's `dicts()`, typed)."""
    return list(cast(Iterable[dict[str, Any]], query.dicts()))


def column_tuples(query: Select) -> list[tuple[Any, ...]]:
    """A model query's rows as tuples of its selected columns (peewee's `tuples()`, typed)."""
    return list(cast(Iterable[tuple[Any, ...]], query.tuples()))


def connection() -> sqlite3.Connection:
    """The open database's `sqlite3` connection for the calling thread."""
    return connection_of(db)


def cursor() -> sqlite3.Cursor:
    """A new cursor on the open database's connection for the calling thread."""
    new_cursor: Callable[[], sqlite3.Cursor] = db.cursor  # untyped in peewee's stubs
    return new_cursor()


def default_db_path() -> Path:
    """The database file in the platform's user data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def location_file() -> Path:
    """Where the chosen database location is kept (Settings → Database), in the
    platform's user config folder, so the window and the command line agree."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "database-location"


def saved_location() -> Path | None:
    """The database file chosen in Settings, if one was."""
    try:
        text = location_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text).expanduser() if text else None


def save_location(path: str | os.PathLike[str] | None) -> None:
    """Use the database at `path` from the next start on (None: the default one)."""
    file = location_file()
    if path is None:
        file.unlink(missing_ok=True)
        return
    private_folder(file.parent, own=True)
    with private_file(file) as stream:
        stream.write(f"{Path(path).expanduser().absolute()}\n")


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--db PATH` wins, then the RELATE_DB variable, then the location chosen in
    Settings, then the default location."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return saved_location() or default_db_path()


def open_database(
    path: str | os.PathLike[str], read_only: bool = False, busy_ms: int | None = None
) -> Path:
    """Open (creating if needed) the database at `path` and bring its schema up to date;
    `read_only` opens an existing file without changing a byte of it (see
    `set_read_only`), which needs a file of the current schema. `busy_ms`: how long to
    wait for a file another program has locked (default: PRAGMAS' busy timeout).

    Raises `relate.store.migrations.SchemaError` for a file that is not a Relate database or
    was written by a newer version.
    """
    from relate.store import backups, migrations

    path = Path(path)
    if not db.is_closed():
        db.close()
    busy_ms = int(PRAGMAS["busy_timeout"]) if busy_ms is None else busy_ms
    version = migrations.check_file(path, busy_ms / 1000)
    if read_only and version != migrations.LATEST_VERSION:
        raise migrations.SchemaError(
            f"{path} needs updating before this version of Relate can read it, and it"
            " cannot be updated while it is open read-only."
        )
    if not read_only:
        _make_private(path)
    pragmas = {**PRAGMAS, "query_only": int(read_only), "busy_timeout": busy_ms}
    # sqlite3 takes the timeout in seconds as a float; peewee's stub says int.
    db.init(str(path), pragmas=pragmas, timeout=busy_ms / 1000)  # type: ignore[arg-type]
    db.connect()
    try:
        if 0 < version < migrations.LATEST_VERSION:
            # A copy as the file was, kept in the backups' rotation, before a step changes it.
            backups.make_backup(path, "before-migration")
        migrations.migrate(db)
    except Exception:
        db.close()
        raise
    return path


def _make_private(path: Path) -> None:
    """Create the file readable and writable by the user only (SQLite gives its log
    files the same mode), and tighten a file an older version left readable to others."""
    private_folder(path.parent, own=path.parent == default_db_path().parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):  # not the user's own file: leave it be
            os.chmod(path, 0o600)


# With checkpoints done apart (see `checkpoint`), SQLite's own copy of the log into the
# file, on the writing thread, only happens past this many pages (~40 MB).
DEFERRED_CHECKPOINT_PAGES = 10_000


def defer_checkpoints() -> None:
    """Leave checkpoints to `checkpoint` calls, so that a write on the open handle
    (the window's thread) rarely also copies the log into the file (~10-50 ms)."""
    execute(f"PRAGMA wal_autocheckpoint = {DEFERRED_CHECKPOINT_PAGES}")


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


class WorkerReads:
    """A worker thread's connection while it reads, which another thread may interrupt
    (`interrupt`: the statement under way stops with an error), so that a window need
    not wait for a read nobody will look at."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """The calling thread's own connection for the block, interruptible."""
        with db.connection_context():
            with self._lock:
                self._connection = connection()
            try:
                yield
            finally:
                with self._lock:
                    self._connection = None

    def interrupt(self) -> None:
        """Stop the statement a worker is running now, if any (from any thread)."""
        with self._lock:
            if self._connection is not None:
                self._connection.interrupt()


def set_read_only(read_only: bool = True) -> None:
    """Refuse (or allow again) every write to the open database, on this connection and
    on every one opened later (worker threads), with SQLite's `query_only`. For a file
    that failed its integrity check, or that another window has open."""
    db.pragma("query_only", int(read_only), permanent=True)


def is_read_only() -> bool:
    """Whether the open database refuses writes (see `set_read_only`)."""
    return bool(execute("PRAGMA query_only").fetchone()[0])


def data_version() -> int | None:
    """A number that changes whenever another connection commits to the open database:
    another program (the command line, a second window), or a worker thread of this
    one. Cheap; for noticing changes made elsewhere. None when the file cannot be asked
    just now (the next look will tell)."""
    try:
        return fetch_int("PRAGMA data_version")
    except (DatabaseError, sqlite3.Error):
        return None


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


class _Transaction:
    """`db.atomic("IMMEDIATE")`, telling the truth when it fails: after a full disk or an
    I/O error SQLite has already rolled back by itself, and peewee's own rollback then
    fails with "no transaction is active", which would hide why."""

    def __init__(self) -> None:
        self._atomic = db.atomic("IMMEDIATE")

    def __enter__(self) -> object:
        return self._atomic.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._atomic.__exit__(exc_type, exc, tb)  # never swallows the exception
        except Exception as failed:
            cause = exc if exc is not None else _refusal_behind(failed)  # a failed COMMIT
            if cause is not None and not connection().in_transaction:
                raise cause from None  # SQLite rolled back already: say why it did
            raise


def _refusal_behind(exc: BaseException) -> BaseException | None:
    """The first database refusal (a full disk…) among `exc` and what it happened
    while handling."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if database_refusal(found) is not None:
            return found
        found = found.__context__
    return None


def transaction() -> AbstractContextManager[object]:
    """A transaction that may write (or a savepoint, when nested): it takes the write
    lock as it begins (BEGIN IMMEDIATE), so a busy database is waited for as long as
    the busy timeout says. A deferred one reads first, and SQLite does not wait when a
    reader asks to become the writer: it fails at once."""
    return _Transaction()


def wait_when_busy(milliseconds: int) -> None:
    """How long this thread's connection waits for another program's write lock before
    it gives up with "busy" (the window's own thread: a moment, never seconds)."""
    execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
