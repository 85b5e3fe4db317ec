"""The lock a Relate window holds on its database file, `<database>.lock`.

A window shows (and saves over) what it has read, so two windows on one file, or a
restore that replaces the file under an open window, would lose changes. The window
holds this lock for as long as it is open; `relate restore` takes it too, and refuses
while a window has it. Other commands make one short change at a time and are kept
apart by SQLite's own locking.

The lock is the operating system's (`flock` on POSIX, a byte-range lock on Windows):
it goes with the process that held it, so a crash or a power cut never leaves a file
locked, and a live holder's lock is never taken, however old.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path
from typing import IO

from relate.files import make_private, private_folder

if sys.platform == "win32":
    import msvcrt

    # Windows locks are mandatory: lock a byte far past the holder's words, which others
    # must still be able to read.
    _LOCKED_BYTE = 1 << 30

    def _try_lock(file: IO[bytes]) -> bool:
        file.seek(_LOCKED_BYTE)
        try:
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(file: IO[bytes]) -> None:
        file.seek(_LOCKED_BYTE)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(file: IO[bytes]) -> bool:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # BlockingIOError when held; ENOLCK where the folder cannot lock
            return False
        return True

    def _unlock(file: IO[bytes]) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)


class DatabaseLock:
    """The lock file beside the database at `db_path`, taken with `acquire()`."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(f"{db_path}.lock")
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock now if it is free; whether this object holds it."""
        if self._file is not None:
            return True
        private_folder(self.path.parent)
        # Opened without truncating: the words of a live holder stay for others to read.
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        file = os.fdopen(descriptor, "r+b", buffering=0)
        if not _try_lock(file):
            file.close()
            return False
        make_private(self.path)  # an older version's lock may be open to others
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n{platform.node()}\n".encode())
        self._file = file
        return True

    def release(self) -> None:
        """Let the lock go (nothing if this object does not hold it)."""
        if self._file is None:
            return
        try:
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._file is not None

    def holder(self) -> str:
        """Who holds the lock, in words: "process 1234 on laptop"."""
        try:
            pid, host = [*self.path.read_text(errors="replace").split("\n"), "", ""][:2]
        except OSError:
            pid = host = ""
        if not pid.strip().isdigit():
            return "another copy of Relate"
        return f"process {pid.strip()} on {host.strip()}" if host.strip() else f"process {pid}"

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
