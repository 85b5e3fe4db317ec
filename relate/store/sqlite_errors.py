"""What SQLite's errors mean to a user, told apart by their codes (never by the words of
a message, which differ between versions)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

# SQLite's primary result codes (an error's `sqlite_errorcode`, low byte) by what they
# mean to the user. Words in messages are never read: they differ between versions.
_REFUSALS = {
    5: "busy",  # SQLITE_BUSY: another connection holds the write lock
    6: "busy",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY: opened so, or the file or its folder is
    10: "disk",  # SQLITE_IOERR: the disk failed to read or write
    13: "full",  # SQLITE_FULL: no room left on the disk
    14: "cannot-open",  # SQLITE_CANTOPEN: the file or its folder cannot be opened
    11: "damaged",  # SQLITE_CORRUPT
    26: "damaged",  # SQLITE_NOTADB: not a database (any more)
}


def sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The SQLite error behind `exc` (peewee wraps it), if there is one."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if isinstance(found, sqlite3.Error) and getattr(found, "sqlite_errorcode", None):
            return found
        # peewee keeps the error it wraps as `orig`.
        inner = getattr(found, "orig", None)
        if inner is None and found.args and isinstance(found.args[0], BaseException):
            inner = found.args[0]
        found = inner or found.__cause__ or found.__context__
    return None


def database_refusal(exc: BaseException) -> str | None:
    """Why the database refused, when `exc` is such a refusal, from SQLite's error code:
    "busy" (another program holds the write lock past the busy timeout), "read-only"
    (opened so, see `set_read_only`, or a file or folder that cannot be written), "full"
    (no room on the disk), "disk" (an input/output error), "cannot-open" (the file or its
    folder cannot be opened), "damaged" (corrupt, or not a database); None for anything
    else. Only "damaged" may ever lead to offering a backup in the file's place."""
    error = sqlite_error(exc)
    return _REFUSALS.get(error.sqlite_errorcode & 0xFF) if error is not None else None


# Less room than this on a disk counts as none (SQLite grows its files by pages).
_FULL_BYTES = 64 * 1024


def _disk_is_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _FULL_BYTES
    except OSError:
        return False


class DatabaseUnavailableError(OSError):
    """The database file cannot be used just now, for a reason that is not damage: a
    full disk, a file or folder that cannot be opened or written, a failing disk. Its
    message is one plain sentence. Never a reason to offer a backup in its place."""


UNAVAILABLE_REASONS = {
    "full": "there is no room left on its disk",
    "read-only": "the file or its folder cannot be written",
    "cannot-open": "the file or its folder cannot be opened",
    "disk": "the disk failed to read it (an input/output error)",
    "busy": "another program holds it locked",
}


def unavailable(path: object, exc: BaseException) -> DatabaseUnavailableError | None:
    """The plain `DatabaseUnavailableError` for `exc` met while opening `path`, when the file
    is not damaged but cannot be used now; None when `exc` is no such refusal."""
    refusal = database_refusal(exc)
    if refusal == "disk" and _disk_is_full(Path(str(path))):
        refusal = "full"  # SQLite could not grow a file: on a full disk, that is why
    reason = UNAVAILABLE_REASONS.get(refusal or "")
    if reason is None:
        return None
    return DatabaseUnavailableError(f"Relate cannot use {path} now: {reason}.")
