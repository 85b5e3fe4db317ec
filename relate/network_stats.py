"""Network health: the funnel of stages, weekly 1-2-1s and gives, give/take, cadence kept.

Everything comes from a handful of SQL aggregates, nearly all answered from indexes (the
stage and next-due sort indexes, `interaction_kind_date`, `stage_change_on`); the one
table scan counts new connections. About 50 ms at 100,000 contacts and 500,000
interactions (bench/loop_run.py), so the dashboard reads it on the window's thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate import ledger
from relate.ledger import Balance, LedgerLine, overall_balance
from relate.store.db import execute
from relate.vocabulary import STAGES

WEEKS = 26  # about six months of weekly bars

# Stage order as a number, so "forward" can be told from "back" in SQL.
_RANK = "CASE {column} " + " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(STAGES)) + " END"

# Only moves forward count as movement: a demotion is a correction, not progress. The
# CROSS JOIN keeps SQLite on the date index of the (short) history instead of walking
# every contact and probing its history.
_MOVED_IN_SQL = f"""
    SELECT sc.to_stage, count(DISTINCT sc.contact_id) FROM stage_change sc
    CROSS JOIN contact c ON c.id = sc.contact_id
    WHERE sc.changed_on BETWEEN ? AND ? AND c.archived = 0
      AND {_RANK.format(column="sc.to_stage")} > {_RANK.format(column="sc.from_stage")}
    GROUP BY sc.to_stage
"""

# A new connection is dated by when it was made, else by when it was added: importing
# years of LinkedIn connections is not a quarter's growth. No index holds these dates,
# and "+archived" keeps SQLite from reaching every row through an index on `archived`
# (five times slower than the plain scan of the table).
_NEW_CONNECTIONS_SQL = """
    SELECT count(*) FROM contact
    WHERE +archived = 0 AND coalesce(connected_on, date(created_at)) BETWEEN ? AND ?
"""

# Per day, in the order of the (kind, date) index, so no sorting; the few hundred days
# go into weeks in Python.
_DAILY_SQL = """
    SELECT kind, date, count(*) FROM interaction
    WHERE kind IN ('1-2-1', 'gave') AND date BETWEEN ? AND ?
    GROUP BY kind, date
"""

# Counted from the next-due index alone; only the overdue need their rhythm for "cold"
# (the rule of `cadence.cadence_status`: overdue by more than half a rhythm).
_RHYTHM_SQL = """
    SELECT count(*), count(*) FILTER (WHERE next_due >= ?), count(*) FILTER (WHERE next_due <= ?)
    FROM contact WHERE archived = 0 AND next_due IS NOT NULL
"""
_COLD_SQL = """
    SELECT count(*) FROM contact
    WHERE archived = 0 AND next_due < ? AND date(next_due, '+' || (rhythm_days / 2) || ' days') < ?
"""


@dataclasses.dataclass(frozen=True, slots=True)
class StageCount:
    """One step of the funnel: who is at this stage now, and who got here this quarter."""

    stage: str
    count: int
    moved_in: int


@dataclasses.dataclass(frozen=True, slots=True)
class WeekCount:
    """One Monday-to-Sunday week: 1-2-1s held and gives made."""

    start: dt.date
    one_to_ones: int
    gives: int


@dataclasses.dataclass(frozen=True, slots=True)
class CadenceKept:
    """Contacts with a rhythm: how many are on time, due, or going cold."""

    with_rhythm: int
    on_time: int  # next due today or later
    due: int  # due (today or overdue) but not yet going cold
    cold: int

    @property
    def overdue(self) -> int:
        return self.with_rhythm - self.on_time

    @property
    def share(self) -> float | None:
        """The share kept on time, 0..1; None when nobody has a rhythm."""
        return self.on_time / self.with_rhythm if self.with_rhythm else None


@dataclasses.dataclass(frozen=True, slots=True)
class NetworkHealth:
    """What the dashboard shows, as of `today`."""

    today: dt.date
    quarter_start: dt.date
    funnel: tuple[StageCount, ...]  # in STAGES order
    weeks: tuple[WeekCount, ...]  # WEEKS of them, oldest first, the last holding today
    balance_recent: Balance  # since the first week's Monday
    balance_all: Balance
    cadence: CadenceKept
    # Who the user helped most recently, and who they have only taken from.
    helped: tuple[LedgerLine, ...] = ()
    only_taken_from: tuple[LedgerLine, ...] = ()

    @property
    def since(self) -> dt.date:
        """The first day of the weekly chart and of the recent balance."""
        return self.weeks[0].start


# How many people the give/take lists name.
PEOPLE_LISTED = 5


def quarter_start(day: dt.date) -> dt.date:
    """The first day of the calendar quarter holding `day`."""
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def first_week_start(today: dt.date, weeks: int = WEEKS) -> dt.date:
    """The Monday that starts the first of `weeks` weeks, the last of them holding today."""
    return today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))


def funnel(today: dt.date) -> tuple[StageCount, ...]:
    """Non-archived contacts per stage, and this quarter's movement into each: new
    connections for the first stage, contacts moved forward into the others."""
    bounds = (quarter_start(today).isoformat(), today.isoformat())
    counts = dict(
        execute("SELECT stage, count(*) FROM contact WHERE archived = 0 GROUP BY stage").fetchall()
    )
    moved = dict(execute(_MOVED_IN_SQL, bounds).fetchall())
    moved[STAGES[0]] = execute(_NEW_CONNECTIONS_SQL, bounds).fetchone()[0]
    return tuple(StageCount(s, counts.get(s, 0), moved.get(s, 0)) for s in STAGES)


def weekly(today: dt.date, weeks: int = WEEKS) -> tuple[WeekCount, ...]:
    """1-2-1s held and gives made per week, up to today, with every contact's entries
    (archiving someone does not undo what was done)."""
    first = first_week_start(today, weeks)
    one_to_ones, gives = [0] * weeks, [0] * weeks
    for kind, day, count in execute(_DAILY_SQL, (first.isoformat(), today.isoformat())):
        week = (dt.date.fromisoformat(day[:10]) - first).days // 7
        (one_to_ones if kind == "1-2-1" else gives)[week] += count
    return tuple(
        WeekCount(first + dt.timedelta(weeks=n), one_to_ones[n], gives[n]) for n in range(weeks)
    )


def cadence_kept(today: dt.date) -> CadenceKept:
    """How the rhythms of non-archived contacts are kept, as of today."""
    day = today.isoformat()
    with_rhythm, on_time, due = execute(_RHYTHM_SQL, (day, day)).fetchone()
    cold = execute(_COLD_SQL, (day, day)).fetchone()[0]
    return CadenceKept(with_rhythm, on_time, due - cold, cold)


def network_health(today: dt.date | None = None) -> NetworkHealth:
    """The dashboard's figures as of `today` (default: the real today)."""
    today = today or dt.date.today()
    weeks = weekly(today)
    return NetworkHealth(
        today=today,
        quarter_start=quarter_start(today),
        funnel=funnel(today),
        weeks=weeks,
        balance_recent=overall_balance(since=weeks[0].start),
        balance_all=overall_balance(),
        cadence=cadence_kept(today),
        helped=tuple(ledger.recently_helped(PEOPLE_LISTED)),
        only_taken_from=tuple(ledger.only_taken_from(PEOPLE_LISTED)),
    )
