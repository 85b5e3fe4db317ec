"""The backup an import (or its undo) makes of the open database before writing to it."""

from __future__ import annotations

from pathlib import Path

from relate.store.backups import check_room, make_backup
from relate.store.db import db, execute


def _open_database() -> Path | None:
    """The open database's file, when it has something to lose (contacts)."""
    if execute("SELECT count(*) FROM contact").fetchone()[0] == 0:
        return None
    return Path(db.database)


def check_room_before_import() -> None:
    """`BackupSpaceError` when the backup an import makes first would not fit."""
    path = _open_database()
    if path is not None:
        check_room(path)


def backup_before_import(reason: str = "before-import") -> Path | None:
    """A copy of the open database before an import (or its undo, with its own
    `reason`) writes to it; none for an empty one: there is nothing to lose."""
    path = _open_database()
    return None if path is None else make_backup(path, reason)
