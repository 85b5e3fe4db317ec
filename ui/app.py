"""Starting the desktop app: the database, the QApplication, the main window."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from relate import __version__, backups, demo, queries
from relate.db import close_database, default_db_path, open_database, resolve_db_path
from relate.migrations import SchemaError
from relate.resources import resource_path
from ui.main_window import MainWindow
from ui.startup_probe import FirstPaintProbe
from ui.theme import apply_theme


def chosen_db_path(args: argparse.Namespace) -> Path:
    """`--db` and RELATE_DB win; `--demo` alone uses a demo file beside the real one."""
    if args.demo and not args.db:
        return default_db_path().with_name("demo.sqlite")
    return resolve_db_path(args.db)


def make_application() -> QApplication:
    """The QApplication, named so desktops match it to `relate.desktop`."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("relate")
    app.setApplicationDisplayName("Relate")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Relate")
    app.setDesktopFileName("relate")
    app.setWindowIcon(QIcon(str(resource_path("icons", "relate.svg"))))
    return app


def _daily_backup(path: Path) -> None:
    try:
        backups.backup_if_due(path)
    except backups.BackupError as exc:
        print(f"relate: no daily backup: {exc}", file=sys.stderr)


def run_app(args: argparse.Namespace) -> int:
    """Open the database and show the main window until the user quits."""
    app = make_application()
    path = chosen_db_path(args)
    try:
        open_database(path)
        if args.demo and queries.count_contacts(archived=None) == 0:
            demo.fill_demo()
    except (SchemaError, OSError) as exc:
        QMessageBox.critical(None, "Relate cannot open the database", str(exc))
        return 1
    # The day's first start copies the database, on a thread of its own (a large file
    # takes a moment, which the window need not wait for).
    threading.Thread(target=_daily_backup, args=(path,), daemon=True).start()
    apply_theme(app, str(QSettings().value("ui/theme", "system")))
    window = MainWindow(path)
    if args.quit_after_load:
        FirstPaintProbe(window.opening_surface())
    window.show()
    try:
        return app.exec()
    finally:
        close_database()
