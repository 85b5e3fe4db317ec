"""The one typed door to SQLite through peewee: a statement in, a `sqlite3.Cursor` out."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

from peewee import Database

# What a statement's "?" marks (a sequence) or ":name" marks (a mapping) are bound to.
Params: TypeAlias = Sequence[object] | Mapping[str, object]


def connection_of(database: Database) -> sqlite3.Connection:
    """`database`'s `sqlite3` connection for the calling thread (opened if need be)."""
    connect: Callable[[], sqlite3.Connection] = database.connection  # untyped in the stubs
    return connect()


def run_sql(database: Database, sql: str, params: Params = ()) -> sqlite3.Cursor:
    """Run `sql` on `database`'s connection for the calling thread (peewee's
    `execute_sql`, which turns SQLite's errors into its own), typed."""
    # peewee's stubs leave `execute_sql` untyped: this is the one place that says what it gives.
    execute_sql: Callable[[str, Params], sqlite3.Cursor] = database.execute_sql
    return execute_sql(sql, params)
