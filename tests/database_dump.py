"""The whole database file as SQL text: what "left exactly as it was" is checked by."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path


def sqlite_dump(path: Path, leave_out: Iterable[str] = ()) -> list[str]:
    """Every statement that would rebuild the file, but for lines naming a table in
    `leave_out`."""
    left_out = tuple(leave_out)
    connection = sqlite3.connect(path)
    try:
        return [
            line for line in connection.iterdump() if not any(name in line for name in left_out)
        ]
    finally:
        connection.close()
