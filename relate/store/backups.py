"""Copies of the database: made with SQLite's online backup API, kept in rotation.

Backups live in `backups/` beside the database file (the user data folder, unless
`--db` chose another place), named `<file name>-<YYYYmmdd-HHMMSS>[-n]-<reason>.sqlite`:
the whole file name, so `work.sqlite` and `work.db` in one folder keep apart, and a
number when two are made in the same second, so none is ever written over. The rotation
keeps the newest few copies made today, the newest copy of each of the last 7 days that
have one, and of each of the last 4 ISO weeks; older copies are removed. A damaged
database set aside before a restore ("damaged") stays out of the rotation: it is
neither a good copy to keep in place of another nor one to remove unasked.

A backup is made only where it fits: the disk must have room for the whole database
and a margin, or `BackupSpaceError` says so before a byte is written.
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

from relate.files import private_file
from relate.store import migrations

DAILY_KEPT = 7
TODAY_KEPT = 5  # today's newest copies: enough to go back a few imports or restores
DAMAGED = "damaged"
WEEKLY_KEPT = 4
# Room kept free beside a backup: a disk filled to the last byte breaks everything else.
SPARE_BYTES = 8 * 1024 * 1024
_NAME = re.compile(
    r"^(?P<owner>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.sqlite$"
)
# Temporary copies (`_copy`) are named after their target: `.<name>.<random>`.
STALE_SECONDS = 3600


class BackupError(Exception):
    """A backup or a restore could not be made; the message says why, plainly."""


class BackupSpaceError(BackupError):
    """No room on the disk for a backup; nothing was written."""


@dataclasses.dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    made_at: dt.datetime
    reason: str  # "daily", "manual", "before-import", "before-restore", "damaged", …


def backup_folder(db_path: Path) -> Path:
    """Where the backups of this database file go."""
    return Path(db_path).parent / "backups"


def _belongs_to(match: re.Match[str], db_path: Path) -> bool:
    # Before the whole file name, backups were named by its stem: those are the
    # default file's (`relate.sqlite`) and any other `.sqlite` file's of that stem.
    owner = match["owner"]
    return owner == db_path.name or (db_path.suffix == ".sqlite" and owner == db_path.stem)


def backups_of(db_path: Path) -> list[Backup]:
    """This database's backups, newest first."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found: list[tuple[Backup, int]] = []  # with the number that tells one second's apart
    for path in folder.glob(f"{db_path.stem}*.sqlite"):
        match = _NAME.match(path.name)
        if match and _belongs_to(match, db_path):
            made_at = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append((Backup(path, made_at, match["reason"]), int(match["n"] or 0)))
    found.sort(key=lambda pair: (pair[0].made_at, pair[1]), reverse=True)
    return [backup for backup, _ in found]


def database_bytes(db_path: Path) -> int:
    """The size of the database with its write-ahead log: what a copy may take."""
    return sum(
        Path(f"{db_path}{suffix}").stat().st_size
        for suffix in ("", "-wal")
        if Path(f"{db_path}{suffix}").exists()
    )


def check_room(db_path: Path, folder: Path | None = None) -> None:
    """Raise `BackupSpaceError` unless the disk of `folder` (the backups folder) has room
    for a copy of the database and a margin."""
    folder = folder or backup_folder(db_path)
    probe = folder if folder.exists() else folder.parent
    needed = database_bytes(Path(db_path)) + SPARE_BYTES
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return  # cannot tell: the copy itself will say if it does not fit
    if free < needed:
        raise BackupSpaceError(
            f"There is no room on the disk for a backup of {Path(db_path).name}: it needs"
            f" about {_megabytes(needed)}, and {_megabytes(free)} are free."
        )


def _megabytes(count: int) -> str:
    return f"{max(count, 0) / 1_000_000:,.1f} MB"


def _copy(source: sqlite3.Connection, target: Path, replace: bool = True) -> Path:
    """The online backup of an open connection into a new file, readable by the user
    only, that appears whole or not at all; returns where it went. Unless `replace`,
    an existing file is never written over: the next free name (`…-2-…`) is taken."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)  # mkstemp made it 0600; SQLite writes into it
    try:
        dest = sqlite3.connect(temporary)
        try:
            source.backup(dest)
        finally:
            dest.close()
        if replace:
            os.replace(temporary, target)
            return target
        return _link_free_name(Path(temporary), target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _link_free_name(temporary: Path, target: Path) -> Path:
    """Give the finished copy `target`'s name, or the next one that is free: a hard link
    fails where a name is taken, so two copies in one second never meet."""
    match = _NAME.match(target.name)
    for n in range(1, 1000):
        name = target
        if n > 1 and match is not None:
            name = target.with_name(
                f"{match['owner']}-{match['stamp']}-{n}-{match['reason']}.sqlite"
            )
        try:
            os.link(temporary, name)
        except FileExistsError:
            continue
        return name
    raise BackupError(f"No free name for a backup beside {target}.")


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
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"The backups folder {folder} cannot be made: {exc}.") from exc
        target = folder / f"{db_path.name}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    check_room(db_path, Path(target).parent)
    # Read-write, though only read: a read-only connection to a closed WAL database
    # (no shared-memory file yet) may see it empty.
    source = sqlite3.connect(db_path)
    try:
        made = _copy(source, Path(target), replace=not in_rotation)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The backup to {target} could not be written: {exc}.") from exc
    finally:
        source.close()
    if in_rotation:
        prune_backups(db_path, now.date())
    return made


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
    # Today's newest few stay (a restore or an import may want the one just before it);
    # from tomorrow, the day keeps its latest.
    kept.update(b.path for b in [b for b in rotating if b.made_at.date() >= today][:TODAY_KEPT])
    kept.update(b.path for _, b in sorted(days.items(), reverse=True)[:DAILY_KEPT])
    kept.update(b.path for _, b in sorted(weeks.items(), reverse=True)[:WEEKLY_KEPT])
    removed = [b.path for b in rotating if b.path not in kept]
    # A copy cut short (the app killed mid-backup) leaves its temporary file behind.
    removed += _stale_copies(backup_folder(db_path), f".{Path(db_path).stem}*.sqlite.*")
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _stale_copies(folder: Path, pattern: str) -> list[Path]:
    """Temporary copies a killed process left in `folder` (an hour old: not one another
    process is still writing)."""
    stale = time.time() - STALE_SECONDS
    found = []
    for path in folder.glob(pattern) if folder.is_dir() else ():
        try:
            if path.stat().st_mtime < stale:
                found.append(path)
        except OSError:
            continue
    return found


def sweep_leftovers(db_path: Path) -> list[Path]:
    """Remove what a killed restore left beside the database (a full-size temporary
    copy, `.<name>.<random>`); returns what was removed. Run at start."""
    db_path = Path(db_path)
    removed = _stale_copies(db_path.parent, f".{db_path.name}.*")
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
    try:
        found = source.is_file()
    except OSError as exc:  # a name too long for the file system, say
        raise BackupError(
            f"{source} cannot be read: {exc.strerror}. Nothing was restored."
        ) from None
    if not found:
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
        _copy(reader, db_path, replace=True)
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
    target = folder / f"{db_path.name}-{now:%Y%m%d-%H%M%S}-{DAMAGED}.sqlite"
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
