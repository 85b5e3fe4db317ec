"""Numbered schema steps, applied in order; `PRAGMA user_version` records the last one.

A step is frozen once released: it is plain SQL, never the current models, so a
file of any earlier version migrates the same way it did when that step was new.
The steps live in modules by group (`steps_1_to_5`, `steps_6_on`); this module
applies them and checks a file before it is opened for writing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from relate.store.migrations.steps_1_to_5 import (
    APPLICATION_ID,
    step_1_core_tables,
    step_2_search_index,
    step_3_sort_keys,
    step_4_import_history,
    step_5_birthdays_and_merges,
)
from relate.store.migrations.steps_6_on import (
    step_6_networking_loop,
    step_7_first_day_indexes,
    step_8_tags_that_look_the_same,
    step_9_reminders,
    step_10_search_addresses_and_phones,
    step_11_pronouns,
    step_12_history_from_files,
)
from relate.store.migrations.steps_13_on import step_13_address_book_sync
from relate.store.sql import run_sql
from relate.store.sqlite_errors import unavailable

__all__ = [
    "APPLICATION_ID",
    "LATEST_VERSION",
    "STEPS",
    "SchemaError",
    "check_file",
    "migrate",
    "schema_version",
]


class SchemaError(Exception):
    """The file cannot be used: not a Relate database, or from a newer version."""


STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: step_1_core_tables,
    2: step_2_search_index,
    3: step_3_sort_keys,
    4: step_4_import_history,
    5: step_5_birthdays_and_merges,
    6: step_6_networking_loop,
    7: step_7_first_day_indexes,
    8: step_8_tags_that_look_the_same,
    9: step_9_reminders,
    10: step_10_search_addresses_and_phones,
    11: step_11_pronouns,
    12: step_12_history_from_files,
    13: step_13_address_book_sync,
}
LATEST_VERSION = max(STEPS)


def schema_version(db: SqliteDatabase) -> int:
    """The version recorded in the open file."""
    return int(run_sql(db, "PRAGMA user_version").fetchone()[0])


def check_file(path: Path, busy_seconds: float = 5.0) -> int:
    """The schema version of an existing file, read without changing a byte of it
    (waiting `busy_seconds` at most for a file another program has locked).

    Raises SchemaError for a file that is not a Relate database or is from a newer
    version; returns 0 for a missing or empty file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_seconds
        )
        try:
            row: tuple[int, int, int] = connection.execute(
                "SELECT user_version, application_id, (SELECT count(*) FROM sqlite_master)"
                " FROM pragma_user_version, pragma_application_id"
            ).fetchone()
        finally:
            connection.close()
        version, app_id, tables = row
    except sqlite3.DatabaseError as exc:
        # A full disk or a folder that cannot be written is no reason to call the file
        # foreign (or damaged): only SQLite's own "corrupt" and "not a database" are.
        cannot_use = unavailable(path, exc)
        if cannot_use is not None:
            raise cannot_use from exc
        raise SchemaError(f"{path} is not a Relate database ({exc}).") from exc
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        raise SchemaError(f"{path} is not a Relate database.")
    if version > LATEST_VERSION:
        raise SchemaError(
            f"{path} was written by a newer version of Relate (schema {version}; this "
            f"version knows up to {LATEST_VERSION}). Update Relate to open it."
        )
    return version


def migrate(db: SqliteDatabase) -> int:
    """Apply the steps the open file lacks; return the new version.

    Call `check_file` first: it refuses foreign and newer files before they are
    opened for writing; and back an existing file up first (`relate.store.db.open_database`
    does both).
    """
    version = schema_version(db)
    if version == LATEST_VERSION:
        return version
    for step in range(version + 1, LATEST_VERSION + 1):
        with db.atomic("IMMEDIATE"):
            STEPS[step](db)
            run_sql(db, f"PRAGMA user_version = {step}")
    return LATEST_VERSION
