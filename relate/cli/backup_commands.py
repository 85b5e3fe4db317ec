"""`relate backup` and `relate restore`: copies of the database, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path

from relate.cli.arguments import Subcommands
from relate.cli.errors import UserError
from relate.store import backups
from relate.store.database_lock import DatabaseLock
from relate.store.db import close_database, db, open_database


def add_backup_parsers(commands: Subcommands) -> None:
    """The backup subcommands, added to the main parser."""
    backup = commands.add_parser(
        "backup", help="copy the database now (into backups/ beside it, or to FILE)"
    )
    backup.add_argument("file", metavar="FILE", nargs="?", type=Path, help="where to write")
    commands.add_parser("backups", help="list this database's backups, newest first")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the database (the current one is kept)"
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")


def _db_path() -> Path:
    return Path(db.database)


def cmd_backup(args: argparse.Namespace) -> int:
    path = _db_path()
    if args.file is not None and args.file.resolve() == path.resolve():
        raise UserError("the backup cannot overwrite the database itself")
    try:
        written = backups.make_backup(path, "manual", target=args.file)
    except backups.BackupError as exc:
        raise UserError(str(exc)) from None
    print(written)
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    for backup in backups.backups_of(_db_path()):
        print(f"{backup.made_at:%Y-%m-%d %H:%M:%S}  {backup.reason:<15} {backup.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _db_path()
    # Held through the restore, so no window opens the file while it is being replaced.
    with DatabaseLock(path) as lock:
        if not lock.acquire():
            raise UserError(
                f"{path} is open in a Relate window ({lock.holder()}): a restore would"
                " replace the file under it, and what the window saves next would be"
                " lost. Restore from that window (File → Restore from a backup…), or"
                " close it and run this again. Nothing was restored."
            )
        close_database()
        try:
            safety = backups.restore_backup(args.file, path)
        except backups.BackupError as exc:
            raise UserError(str(exc)) from None
        finally:
            open_database(path)
    kept = f"; the database as it was is kept in {safety}" if safety else ""
    print(f"Restored {args.file}{kept}.")
    return 0


BACKUP_COMMANDS = {"backup": cmd_backup, "backups": cmd_backups, "restore": cmd_restore}
