"""Starting the desktop app: the database, the QApplication, the main window."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from relate import __version__, queries
from relate.files import BRIEF_TEMP_PREFIX, make_private, private_folder, sweep_temporary
from relate.logs import configure_logging
from relate.resources import resource_path
from relate.store import backups, integrity
from relate.store.database_lock import DatabaseLock
from relate.store.db import close_database, open_database, resolve_db_path
from relate.store.migrations import SchemaError
from relate.store.sqlite_errors import DatabaseUnavailableError
from ui.dialogs.crash_dialog import ExceptionHook
from ui.session.damaged_database import ask_to_restore
from ui.session.database_lock import ask_already_open
from ui.session.startup_checks import StartupChecks
from ui.tasks import shared_pool
from ui.widgets.theme import apply_theme
from ui.window.demo_launch import DEMO_FILENAME
from ui.window.main_window import MainWindow
from ui.window.startup_probe import FirstPaintProbe

STARTUP_CHECK_DELAY_MS = 1500
TEMP_STALE_SECONDS = 24 * 3600


def settle_after_start_up() -> None:
    """What start-up made (modules, the window's widgets and their wrappers, the list's
    ids) lives as long as the app: Python's collector is told not to walk it again, so
    a full collection while the user types costs a few ms, not tens."""
    gc.freeze()


def chosen_db_path(args: argparse.Namespace) -> Path:
    """`--db` and RELATE_DB win; `--demo` alone uses a demo file beside the real one."""
    if args.demo and not args.db:
        return resolve_db_path(None).with_name(DEMO_FILENAME)
    return resolve_db_path(args.db)


def keep_settings_private() -> None:
    """The settings file (recent folders, the window's layout, the last contact looked
    at) readable by the user only: made so before Qt first writes it, and tightened
    where an older version left it open."""
    settings = Path(QSettings().fileName())
    try:
        private_folder(settings.parent, own=True)
        if not settings.exists():
            os.close(os.open(settings, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        return  # a folder that cannot be written: Qt keeps the settings in memory
    make_private(settings)


def make_application() -> QApplication:
    """The QApplication, named so desktops match it to `relate.desktop`."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("relate")
    app.setApplicationDisplayName("Relate")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Relate")
    app.setDesktopFileName("relate")
    app.setWindowIcon(QIcon(str(resource_path("icons", "relate.svg"))))
    # Relate's words are English, its dates too (relate.dates): Qt's date fields and
    # calendars say the same, keeping the week and the country of the user's own locale.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.system().territory()))
    return app


def run_app(args: argparse.Namespace) -> int:
    """Open the database and show the main window until the user quits."""
    app = make_application()
    configure_logging()
    keep_settings_private()
    sweep_temporary(BRIEF_TEMP_PREFIX, TEMP_STALE_SECONDS)  # PDFs a crash left behind
    hook = ExceptionHook(app)
    hook.install()
    path = chosen_db_path(args)
    lock = DatabaseLock(path)
    try:
        return _run_window(app, args, path, lock)
    finally:
        # Work still on the pool (a start-up check begun just before a quick quit)
        # ends before the file closes and Python goes.
        shared_pool().waitForDone()
        close_database()
        lock.release()
        hook.uninstall()


def _run_window(app: QApplication, args: argparse.Namespace, path: Path, lock: DatabaseLock) -> int:
    # Not an undo step: what a killed restore left beside the file, never data.
    backups.sweep_leftovers(path)
    read_only = not lock.acquire()
    if read_only and not ask_already_open(lock):
        return 0
    try:
        open_database(path, read_only=read_only)
        if args.demo and not read_only and queries.count_contacts(archived=None) == 0:
            from relate import demo  # the sample's data: only for the demo

            # Not an undo step: the demo's people fill an empty file before the window
            # opens, and there is nothing to go back to.
            demo.fill_demo()
    except (SchemaError, OSError) as exc:
        if read_only or not restored_unreadable_file(path):
            QMessageBox.critical(None, "Relate cannot open the database", str(exc))
            return 1
    apply_theme(app, str(QSettings().value("ui/theme", "system")))
    window = MainWindow(path)
    if not read_only and not args.demo and queries.count_contacts(archived=None) == 0:
        window.show_welcome()
    if read_only:
        window.session.care.set_read_only(
            f"This database is open in another Relate window ({lock.holder()}); make changes there."
        )
    else:
        # Upkeep writes to the file: not before the check has found it whole.
        window.session.upkeep.pause()
        checks = StartupChecks(path, window)
        checks.passed.connect(window.session.upkeep.resume)
        checks.damaged.connect(window.session.care.on_database_damaged)
        # After the window's first paint and the list's load: reading the whole file
        # alongside them would slow the start-up the user sees.
        QTimer.singleShot(STARTUP_CHECK_DELAY_MS, checks.start)
    QTimer.singleShot(STARTUP_CHECK_DELAY_MS, settle_after_start_up)
    if args.quit_after_load:
        FirstPaintProbe(window.opening_surface())
    window.show()
    window.presence.start()
    return app.exec()


def restored_unreadable_file(path: Path) -> bool:
    """A file too damaged to open: offer its newest good backup; whether it is now
    restored and open."""
    try:
        problems = integrity.problems_in(path) if path.exists() else []
    except DatabaseUnavailableError:
        return False  # not damaged: unusable now (a full disk, a locked folder), said so
    if not problems:
        return False
    backup = integrity.newest_good_backup(path)
    if not ask_to_restore(None, problems, backup):
        return False
    assert backup is not None  # only a backup can be chosen
    # Not an undo step: no window is open yet, and the damaged file is kept aside.
    backups.restore_backup(backup.path, path, damaged=True)
    open_database(path)
    return True
