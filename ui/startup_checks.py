"""At start, off the window's thread: is the database file whole? Then the daily backup.

`PRAGMA quick_check` reads the whole file (a third of a second warm, two seconds cold
at 200 MB), so the window opens first and hears the verdict. A damaged file is not
backed up: its copy would push a good backup out of the rotation.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from relate import backups, integrity
from relate.sqlite_errors import DatabaseUnavailableError

log = logging.getLogger(__name__)


class StartupChecks(QObject):
    """Signals arrive on the thread that made this object (the window's):
    passed(), damaged(problems, newest good Backup or None)."""

    passed = Signal()
    damaged = Signal(list, object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path

    def start(self) -> None:
        threading.Thread(target=self._run, name="startup-checks", daemon=True).start()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            problems = integrity.problems_in(self.db_path)
        except DatabaseUnavailableError as exc:
            # Not damage (a full disk, a folder that cannot be written): no restore to
            # offer, no backup to make; the window's own writes say what is wrong.
            log.warning("quick_check could not read the file: %s", type(exc).__name__)
            return
        elapsed_ms = (time.perf_counter() - started) * 1000
        if problems:
            log.error("quick_check found %d problems in %.0f ms", len(problems), elapsed_ms)
            self.damaged.emit(problems, integrity.newest_good_backup(self.db_path))
            return
        log.info("quick_check passed in %.0f ms", elapsed_ms)
        self.passed.emit()
        try:
            made = backups.backup_if_due(self.db_path)
        except backups.BackupError as exc:
            log.warning("no daily backup: %s", exc)
        else:
            if made is not None:
                log.info("daily backup made")
