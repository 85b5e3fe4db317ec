"""The day the morning digest was last shown, per database, so that the timer and the
login entry together show it once a day (whichever runs first after its time).

Kept in the user's state folder, not in the database, which the digest only reads.
The login entry and the timer often start together (the timer catches up on a morning
missed while the computer was off): `one_at_a_time` makes the second wait until the
first has shown the digest and marked it, so it is shown once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from relate.files import private_file, private_folder
from relate.store.db import APP_NAME

FILE_NAME = "digest-days"


def days_file() -> Path:
    """Where the days are kept: the platform's user state folder."""
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)) / FILE_NAME


def _read() -> dict[str, str]:
    try:
        text = days_file().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    days = {}
    for line in text.splitlines():
        day, _, database = line.partition("\t")
        if database:
            days[database] = day
    return days


def _key(database: Path) -> str:
    return os.path.abspath(database)


def shown_on(database: Path, day: dt.date) -> bool:
    """Whether the digest of `database` was shown on `day`."""
    return _read().get(_key(database)) == day.isoformat()


def mark_shown(database: Path, day: dt.date) -> None:
    """Remember that the digest of `database` was shown on `day`."""
    days = _read()
    days[_key(database)] = day.isoformat()
    file = days_file()
    private_folder(file.parent, own=True)
    with private_file(file) as stream:
        stream.writelines(f"{when}\t{path}\n" for path, when in sorted(days.items()))


@contextlib.contextmanager
def one_at_a_time() -> Iterator[None]:
    """While it lasts, no other `relate remind` on this account is between looking at
    the days and marking one (an advisory lock on POSIX; on Windows and macOS one task
    runs the digest, and its runs never overlap)."""
    if os.name != "posix":
        yield
        return
    import fcntl

    file = days_file().with_name(f"{FILE_NAME}.lock")
    private_folder(file.parent, own=True)
    descriptor = os.open(file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # lets the lock go
