"""Every kind of history file Relate reads, by name: one entry point for the CLI and the
window. Readers load when used (`relate list` should not pay for them)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from relate.collector import collector_paused
from relate.history.exchanges import Exchange
from relate.history.planner import HistoryPlan, plan_history

# The kinds of history file, as the user knows them (also the source of their imports).
HISTORY_KINDS: dict[str, str] = {
    "mail": "Mail archive",
    "calendar": "Calendar",
    "linkedin-archive": "LinkedIn archive",
}

# How far back a calendar is read unless the user says: two years, as most people
# remember who they met.
CALENDAR_YEARS = 2


@dataclasses.dataclass(frozen=True, slots=True)
class HistoryOptions:
    """What the user chose for one import of history.

    keep_bodies: store the text of messages and mails (off: subjects only).
    since, until: the calendar's range (default: the last two years, and what is
    planned after today, which is offered as planned 1-2-1s).
    """

    keep_bodies: bool = False
    since: dt.date | None = None
    until: dt.date | None = None


Progress = Callable[[int, int], None]
Reader = Callable[[Path, HistoryOptions, Progress | None], Iterator[Exchange]]


def _mail(path: Path, options: HistoryOptions, progress: Progress | None) -> Iterator[Exchange]:
    from relate.history.mail_archive import read_mail

    return read_mail(path, keep_bodies=options.keep_bodies, progress=progress)


def _calendar(path: Path, options: HistoryOptions, progress: Progress | None) -> Iterator[Exchange]:
    from relate.history.calendar_files import read_calendar

    today = dt.date.today()
    since = options.since or today.replace(year=today.year - CALENDAR_YEARS, day=1)
    until = options.until or today.replace(year=today.year + 1, day=1)
    zone = dt.datetime.now().astimezone().tzinfo
    return read_calendar(
        path,
        start=dt.datetime.combine(since, dt.time.min, zone),
        end=dt.datetime.combine(until, dt.time.min, zone),
        progress=progress,
    )


READERS: dict[
    str, tuple[str, Callable[[Path, HistoryOptions, Progress | None], Iterator[Exchange]]]
] = {
    "mail": ("mail", _mail),
    "calendar": ("calendar", _calendar),
}


def plan_history_file(
    path: Path,
    kind: str,
    options: HistoryOptions = HistoryOptions(),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> HistoryPlan:
    """What importing `path` as `kind` (a HISTORY_KINDS key) would do; HistoryFileError
    when it cannot be read as that kind. Nothing is written."""
    # A file of history is hundreds of thousands of small records, none in a cycle.
    with collector_paused():
        if kind == "linkedin-archive":
            from relate.history.linkedin_import import plan_archive

            return plan_archive(path, options.keep_bodies, progress, cancelled)
        source, reader = READERS[kind]
        exchanges = reader(path, options, progress)
        return plan_history(exchanges, source, path.name, cancelled=cancelled)


def write_history(
    plan: HistoryPlan,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int | None:
    """Write a plan as one import; its id, or None when it changes nothing."""
    from relate.history.linkedin_import import ArchivePlan, write_archive
    from relate.history.writing import apply_history

    if isinstance(plan, ArchivePlan):
        return write_archive(plan, progress, cancelled)
    return apply_history(plan, progress, cancelled)
