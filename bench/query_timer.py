"""Every statement the core runs, timed with its rows fetched, by path and by thread.

    timer = QueryTimer()
    with timer.installed(), timer.path("typing"):
        ...  # what a user does
    timer.slowest("typing")  # the slowest statement run on the window's thread

The window's thread must never wait long on the database (the target is 50 ms per
statement); statements on the task runner's worker are kept apart.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from relate.store.db import db


@dataclass(slots=True)
class Statement:
    """One statement: its SQL, the ms to execute it and fetch its rows, its thread."""

    sql: str
    ms: float
    on_window_thread: bool


class _TimedCursor:
    """A cursor that adds the time spent fetching to its statement's record."""

    def __init__(self, cursor: Any, record: Statement) -> None:
        self._cursor, self._record = cursor, record

    def _timed(self, method: str, *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return getattr(self._cursor, method)(*args)
        finally:
            self._record.ms += (time.perf_counter() - start) * 1000

    def fetchone(self) -> Any:
        return self._timed("fetchone")

    def fetchall(self) -> Any:
        return self._timed("fetchall")

    def fetchmany(self, *args: Any) -> Any:
        return self._timed("fetchmany", *args)

    def __iter__(self) -> Any:
        # All rows in one timed call: a Python step per row would cost the timer more
        # than the statement (and slow what it measures, 80,000 ids a letter typed).
        return iter(self._timed("fetchall"))

    def __getattr__(self, name: str) -> Any:  # description, lastrowid, rowcount, close…
        return getattr(self._cursor, name)


class QueryTimer:
    """Records statements run through `relate.store.db.db` under the current path's name."""

    def __init__(self) -> None:
        self.current = "other"
        self.statements: dict[str, list[Statement]] = {}

    @contextmanager
    def installed(self) -> Iterator[QueryTimer]:
        run = db.execute_sql

        def timed(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            cursor = run(sql, params, *args, **kwargs)
            on_window = threading.current_thread() is threading.main_thread()
            record = Statement(" ".join(sql.split()), 0.0, on_window)
            record.ms = (time.perf_counter() - start) * 1000
            self.statements.setdefault(self.current, []).append(record)
            return _TimedCursor(cursor, record)

        db.execute_sql = timed
        try:
            yield self
        finally:
            del db.execute_sql  # the instance attribute goes; the method is back

    @contextmanager
    def path(self, name: str) -> Iterator[None]:
        """Statements run in the block belong to the path `name`."""
        before, self.current = self.current, name
        try:
            yield
        finally:
            self.current = before

    def slowest(self, name: str, on_window_thread: bool = True) -> Statement | None:
        """The slowest statement of a path on the window's thread (or on the worker)."""
        found = [s for s in self.statements.get(name, []) if s.on_window_thread == on_window_thread]
        return max(found, key=lambda s: s.ms, default=None)

    def paths(self) -> list[str]:
        return list(self.statements)
