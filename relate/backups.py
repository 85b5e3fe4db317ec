"""Copies of the database: made with SQLite's online backup API, kept in rotation.

Backups live in `backups/` beside the database file (the user data folder, unless
`--db` chose another place), named `<stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite`. The
rotation keeps every copy made today, the newest copy of each of the last 7 days that
have one, and of each of the last 4 ISO weeks; older copies are removed. A damaged
database set aside before a restore ("damaged") stays out of the rotation: it is
neither a good copy to keep in place of another nor one to remove unasked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from relate import migrations
from relate.files import private_file

DAILY_KEPT = 7
DAMAGED = "damaged"
WEEKLY_KEPT = 4
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+)\.sqlite$")


class BackupError(Exception):
    """A backup or a restore could not be made; the message says why, plainly."""


@dataclasses.dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    made_at: dt.datetime
    reason: str  # "daily", "manual", "before-import", "before-restore", "damaged", …


def backup_folder(db_path: Path) -> Path:
    """Where the backups of this database file go."""
    return Path(db_path).parent / "backups"


def backups_of(db_path: Path) -> list[Backup]:
    """This database's backups, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = []
    for path in folder.glob(f"{stem}-*.sqlite"):
        match = _NAME.match(path.name)
        if match and match["stem"] == stem:
            made_at = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(Backup(path, made_at, match["reason"]))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """The online backup of an open connection into a new file, readable by the user
    only, that appears whole or not at all."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)  # mkstemp made it 0600; SQLite writes into it
    try:
        dest = sqlite3.connect(temporary)
        try:
            source.backup(dest)
        finally:
            dest.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_backup(
    db_path: Path,
    reason: str = "manual",
    target: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Copy the database at `db_path` (open or not) into its backup folder, or to
    `target`; returns the copy's path. Backups in the folder are then rotated."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise BackupError(f"There is no database at {db_path} to back up.")
    now = (now or dt.datetime.now()).replace(microsecond=0)
    in_rotation = target is None
    if target is None:
        folder = backup_folder(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    # Read-write, though only read: a read-only connection to a closed WAL database
    # (no shared-memory file yet) may see it empty.
    source = sqlite3.connect(db_path)
    try:
        _copy(source, Path(target))
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The backup to {target} could not be written: {exc}.") from exc
    finally:
        source.close()
    if in_rotation:
        prune_backups(db_path, now.date())
    return Path(target)


def prune_backups(db_path: Path, today: dt.date | None = None) -> list[Path]:
    """Remove backups the rotation no longer keeps; returns what was removed."""
    today = today or dt.date.today()
    kept: set[Path] = set()
    days: dict[dt.date, Backup] = {}
    weeks: dict[tuple[int, int], Backup] = {}
    rotating = [b for b in backups_of(db_path) if b.reason != DAMAGED]
    for backup in rotating:  # newest first: the first seen of a day wins
        day = backup.made_at.date()
        days.setdefault(day, backup)
        weeks.setdefault(day.isocalendar()[:2], backup)
    # Today's copies all stay (a restore or an import may want the one just before it);
    # from tomorrow, the day keeps its latest.
    kept.update(b.path for b in rotating if b.made_at.date() >= today)
    kept.update(b.path for _, b in sorted(days.items(), reverse=True)[:DAILY_KEPT])
    kept.update(b.path for _, b in sorted(weeks.items(), reverse=True)[:WEEKLY_KEPT])
    removed = [b.path for b in rotating if b.path not in kept]
    # A copy cut short (the app killed mid-backup) leaves its temporary file behind.
    stale = time.time() - 3600
    removed += [
        path
        for path in backup_folder(db_path).glob(f".{Path(db_path).stem}-*.sqlite.*")
        if path.stat().st_mtime < stale
    ]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_if_due(db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """The daily backup: made when no backup of this database is from today."""
    now = now or dt.datetime.now()
    if not Path(db_path).exists():
        return None
    latest = backups_of(db_path)
    if latest and latest[0].made_at.date() == now.date():
        return None
    return make_backup(db_path, "daily", now=now)


def last_backup(db_path: Path) -> Backup | None:
    """The newest backup of this database, if any."""
    found = backups_of(db_path)
    return found[0] if found else None


def restore_backup(source: Path, db_path: Path, damaged: bool = False) -> Path | None:
    """Put the backup `source` in place of the database at `db_path` (which must be
    closed), after backing the current file up; returns that safety copy (or None if
    there was no database). Refuses anything that is not a Relate database of a version
    this one knows. A `damaged` database is set aside byte for byte, out of the
    rotation, in case something in it can still be recovered."""
    source, db_path = Path(source), Path(db_path)
    if not source.is_file():
        raise BackupError(f"There is no file {source}.")
    try:
        version = migrations.check_file(source)
    except migrations.SchemaError as exc:
        raise BackupError(f"{exc} Nothing was restored.") from None
    if version == 0:
        raise BackupError(f"{source} is empty, not a Relate backup. Nothing was restored.")
    safety = None
    if db_path.exists():
        safety = _set_aside(db_path) if damaged else make_backup(db_path, "before-restore")
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    reader = sqlite3.connect(source)
    try:
        _copy(reader, db_path)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"{db_path} could not be replaced: {exc}.") from exc
    finally:
        reader.close()
    return safety


def _set_aside(db_path: Path) -> Path:
    """Copy the database file and its write-ahead log as they are (SQLite may not be
    able to read a damaged file page by page) into the backup folder."""
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now().replace(microsecond=0)
    target = folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{DAMAGED}.sqlite"
    try:
        for suffix in ("", "-wal"):
            original = Path(f"{db_path}{suffix}")
            if original.exists():
                with (
                    private_file(Path(f"{target}{suffix}"), "wb") as copy,
                    original.open("rb") as reading,
                ):
                    shutil.copyfileobj(reading, copy)
    except OSError as exc:
        raise BackupError(f"The damaged database could not be set aside: {exc}.") from exc
    return target


def backup_before_import() -> Path | None:
    """A copy of the open database before an import writes to it (none for an empty one:
    there is nothing to lose)."""
    from relate.db import db

    if db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0:
        return None
    return make_backup(Path(db.database), "before-import")
