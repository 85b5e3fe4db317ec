"""One window per database file: a lock file beside it, and the question when it is taken.

Two windows writing to one file would each show (and save over) a stale picture of
the other's changes. The command line is not locked out: it makes one short change
at a time, and SQLite's own locking (with `busy_timeout`) keeps those apart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from relate.files import make_private


class DatabaseLock:
    """The lock file `<database>.lock`. A lock left by a process that has died (a
    crash, a power cut) is taken over; a live one is never stolen, however old."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(f"{db_path}.lock")
        self._lock = QLockFile(str(self.path))
        # 0: judge staleness only by whether the holder still runs, not by the lock's age.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        """Take the lock now if it is free; whether this process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        taken = self._lock.tryLock(0)
        if taken:
            make_private(self.path)  # who holds it, and where, is the user's business
        return taken

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def holder(self) -> str:
        """Who holds the lock, in words: "process 1234 on laptop"."""
        info = self._lock.getLockInfo()
        if not info:
            return "another copy of Relate"
        pid, host, _app = info
        return f"process {pid} on {host}" if host else f"process {pid}"


def ask_already_open(lock: DatabaseLock, parent: QWidget | None = None) -> bool:
    """Tell the user the database is open in another Relate window; True when they
    choose to open it read-only anyway, False to quit."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Relate is already open",
        "This database is already open in another Relate window"
        f" ({lock.holder()}).\n\nTwo windows changing one file could lose each other's"
        " changes, so this one can open it read-only: you can look, search and print"
        " briefs, but not change anything.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("alreadyOpenDialog")
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only
