"""At start, off the window's thread: is the database file whole? Then the daily backup.

`PRAGMA quick_check` reads the whole file (a third of a second warm, two seconds cold
at 200 MB), so the window opens first and hears the verdict. A damaged file is not
backed up: its copy would push a good backup out of the rotation.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from relate.store import backups, integrity
from relate.store.backups import Backup
from relate.store.sqlite_errors import DatabaseUnavailableError
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class StartupChecks(QObject):
    """The check and the backup, on the task runner (a runner of their own: the
    window's reads need not queue behind a whole-file read, nor its closing wait for it).

    Signals:
        passed(): the file is whole (the daily backup follows, if due).
        damaged(problems, newest good Backup or None).
    """

    passed = Signal()
    damaged = Signal(list, object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.tasks = TaskRunner(self)

    def start(self) -> None:
        path = self.db_path
        self.tasks.run_in_background(lambda: _check(path), self._on_checked, database=False)

    def _on_checked(self, verdict: tuple[list[str], Backup | None] | None) -> None:
        if verdict is None:
            return  # not damage, nor whole: nothing to say (see `_check`)
        problems, backup = verdict
        if problems:
            self.damaged.emit(problems, backup)
            return
        self.passed.emit()
        path = self.db_path
        self.tasks.run_in_background(lambda: _back_up_if_due(path), database=False)


def _check(path: Path) -> tuple[list[str], Backup | None] | None:
    """On the worker: the problems found (with the newest good backup when there are
    some), or None when the file could not be read."""
    started = time.perf_counter()
    try:
        problems = integrity.problems_in(path)
    except DatabaseUnavailableError as exc:
        # Not damage (a full disk, a folder that cannot be written): no restore to
        # offer, no backup to make; the window's own writes say what is wrong.
        log.warning("quick_check could not read the file: %s", type(exc).__name__)
        return None
    elapsed_ms = (time.perf_counter() - started) * 1000
    if problems:
        log.error("quick_check found %d problems in %.0f ms", len(problems), elapsed_ms)
        return problems, integrity.newest_good_backup(path)
    log.info("quick_check passed in %.0f ms", elapsed_ms)
    return [], None


def _back_up_if_due(path: Path) -> None:
    """On the worker: the daily backup, if one is due."""
    try:
        # Not an undo step: a backup changes no data.
        made = backups.backup_if_due(path)
    except backups.BackupError as exc:
        log.warning("no daily backup: %s", exc)
    else:
        if made is not None:
            log.info("daily backup made")
