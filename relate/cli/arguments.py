"""Arguments no command can use, refused before they reach the core: ids SQLite cannot
hold, days at the very edge of the calendar, output files that would replace the
database."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any, TypeAlias

from relate.cli.errors import UserError
from relate.store.db import db
from relate.validation import parse_date

# The `relate` parser's sub-commands, where each command group adds its own parsers (of
# the parser's own class, hence Any).
Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"

# SQLite's integers are 64-bit: a larger id can belong to nothing.
_LARGEST_ID = 2**63 - 1

# The day a command plans around: the core reaches at most a year either side of it
# (a quarter's statistics, a week's meetings, a follow-up two weeks on).
FIRST_DAY, LAST_DAY = dt.date(2, 1, 1), dt.date(9998, 12, 31)

# The longest span a "--days N" can ask for: a century.
MOST_DAYS = 36_500
# A "--limit N" above this is no limit: more rows than any database holds.
NO_LIMIT = 2**31


def record_id(text: str) -> int:
    """An argparse type: the id of a stored record (an import, a merge, a meeting)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number)") from None
    if abs(value) > _LARGEST_ID:
        raise argparse.ArgumentTypeError(f"{text} is too large to be an id")
    return value


def days_ahead(days: int) -> int:
    """`--days N`: a span of 1 day to a century."""
    if days < 1:
        raise UserError("--days must be 1 or more")
    if days > MOST_DAYS:
        raise UserError(f"--days can be at most {MOST_DAYS} (a century)")
    return days


def planning_day(text: str | None, what: str = "date") -> dt.date | None:
    """A YYYY-MM-DD day (None when not given) that a command can plan around."""
    day = parse_date(text, what)
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise UserError(
            f"the {what} {day.isoformat()} is too near the edge of the calendar;"
            f" give a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
        )
    return day


def output_file(path: Path) -> Path:
    """`path`, unless writing to it would replace the open database (or its log)."""
    target = path.resolve()
    database = Path(db.database).resolve()
    if target in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        raise UserError(f"{path} is the database itself; write to another file")
    return path
