"""Calendar files (.ics exports of Google Calendar, Outlook, Apple Calendar) read as the
meetings in them: one `Exchange` per occurrence of each event, with its organiser and
attendees.

The reader yields every occurrence that starts in [start, end), past or future: the
caller passes an `end` after today to have the meetings planned ahead too, and tells
them apart by their time. An event that does not count is still yielded, with its skip
reason ("cancelled", "no one else", "no start", "unreadable repeat rule", "too many
repeats"), so the preview can count it; declining is for the planner to judge, from the
user's own addresses (`Party.declined`).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from relate.history.calendar_lines import Block, Line, read_calendar_text, unescape
from relate.history.calendar_repeats import Occurrence, occurrences
from relate.history.calendar_rules import Budget
from relate.history.calendar_times import file_zones, local_zone
from relate.history.exchanges import Exchange, HistoryFileError, Medium, Party
from relate.history.kinds import SUFFIXES
from relate.importers import ImportFileError
from relate.importers.bounded_file import read_bounded

# A 50 MB export holds some 20,000 events with their descriptions (a busy decade); the
# reader keeps only their date, people and title lines, well under 300 MB at 200 MB.
MAX_CALENDAR_BYTES = 200 * 1024 * 1024
_HEAD_BYTES = 4096
CANCELLED = "cancelled"
NO_ONE_ELSE = "no one else"
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})  # a meeting room invited as an attendee
_WHAT_IS_READ = (
    "Relate reads calendar files (.ics), as Google Calendar, Outlook and Apple Calendar "
    "export them."
)

Progress = Callable[[int, int], None]


def _refused(message: str) -> HistoryFileError:
    return HistoryFileError(message)


def _files(path: Path) -> list[Path]:
    """The calendar files to read (.ics, .ical): the one given, or those in the folder
    and its folders."""
    if not path.is_dir():
        return [path]
    found = sorted(
        (file for file in path.rglob("*") if file.suffix.lower() in SUFFIXES["calendar"]),
        key=lambda file: file.relative_to(path).as_posix(),
    )
    if not found:
        raise _refused(f"{path.name} has no calendar files (.ics) in it. {_WHAT_IS_READ}")
    return found


def _is_calendar(head: bytes) -> bool:
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return text[:15].upper() == "BEGIN:VCALENDAR"


def _check(path: Path) -> int:
    """The file's size, once it is known to be a calendar file Relate reads in full."""
    try:
        info = os.stat(path)
        size = info.st_size
        if stat.S_ISREG(info.st_mode) and size > MAX_CALENDAR_BYTES:
            raise _refused(
                f"{path.name} is {size / 2**20:,.0f} MB: Relate reads calendar files of up "
                f"to {MAX_CALENDAR_BYTES // 2**20:,} MB. Export a few years at a time."
            )
        head = read_bounded(path, _HEAD_BYTES, MAX_CALENDAR_BYTES)
    except HistoryFileError:
        raise
    except ImportFileError as err:
        raise _refused(str(err)) from err
    except OSError as err:
        raise _refused(f"{path.name} cannot be read: {err.strerror or err}.") from err
    if not head.strip():
        raise _refused(f"{path.name} is empty. {_WHAT_IS_READ}")
    if not _is_calendar(head):
        raise _refused(f"{path.name} is not a calendar file. {_WHAT_IS_READ}")
    return size


def _party(line: Line) -> Party:
    value = line.value.strip()
    email = value[7:].strip().lower() if value[:7].lower() == "mailto:" else ""
    name = unescape(line.params.get("CN", "")).strip()
    if name.lower() == email:  # Google names a guest by address when it has no name
        name = ""
    declined = line.params.get("PARTSTAT", "").upper() == "DECLINED"
    return Party(email=email, name=name, declined=declined)


def _people(block: Block) -> tuple[Party | None, tuple[Party, ...]]:
    organiser = block.first("ORGANIZER")
    sender = _party(organiser) if organiser else None
    recipients: dict[str, Party] = {}
    for line in block.all("ATTENDEE"):
        if line.params.get("CUTYPE", "").upper() in _NOT_PEOPLE:
            continue
        party = _party(line)
        if party.email or party.name:
            recipients.setdefault(party.email or party.name, party)
    return sender, tuple(recipients.values())


def _text(block: Block, name: str) -> str:
    line = block.first(name)
    return unescape(line.value).strip() if line else ""


_What = tuple[Party | None, tuple[Party, ...], str, str, str]


def _what(block: Block) -> _What:
    """What each occurrence of an event shares: its organiser, attendees, title, place
    and why it does not count ("" when it does)."""
    sender, recipients = _people(block)
    everyone = {
        party.email or party.name.casefold()
        for party in (sender, *recipients)
        if party is not None and (party.email or party.name)
    }
    skip = ""
    if _text(block, "STATUS").upper() == "CANCELLED":
        skip = CANCELLED
    elif len(everyone) < 2:
        skip = NO_ONE_ELSE
    return sender, recipients, _text(block, "SUMMARY"), _text(block, "LOCATION"), skip


def _exchanges(uid: str, found: Iterator[Occurrence]) -> Iterator[Exchange]:
    """One exchange per occurrence of the event `uid`."""
    said: dict[int, _What] = {}  # by id(block): each VEVENT read once
    for occurrence in found:
        what = said.get(id(occurrence.block))
        if what is None:
            what = said[id(occurrence.block)] = _what(occurrence.block)
        sender, recipients, subject, place, skip = what
        planned = occurrence.planned or occurrence.when.astimezone(dt.UTC).isoformat()
        yield Exchange(
            medium=Medium.MEETING,
            key=f"{uid}/{planned}",
            thread=uid,
            when=occurrence.when,
            sender=sender,
            recipients=recipients,
            subject=subject,
            place=place,
            skip=occurrence.skip or skip,
        )


def _read_file(
    path: Path, start: dt.datetime, end: dt.datetime, report: Callable[[int], None]
) -> Iterator[Exchange]:
    try:
        data = read_bounded(path, most=MAX_CALENDAR_BYTES)
    except ImportFileError as err:
        raise _refused(str(err)) from err
    if not _is_calendar(data[:_HEAD_BYTES]):  # it changed since it was looked at
        raise _refused(f"{path.name} is not a calendar file. {_WHAT_IS_READ}")
    calendar = read_calendar_text(data)
    del data
    zones = file_zones(calendar.zones, calendar.wr_timezone)
    budget = Budget()
    for uid, blocks in calendar.events.items():
        yield from _exchanges(uid, occurrences(blocks, zones, start, end, budget))
        report(blocks[-1].ends_at)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=local_zone())


def read_calendar(
    path: Path,
    *,
    start: dt.datetime,
    end: dt.datetime,
    progress: Progress | None = None,
) -> Iterator[Exchange]:
    """The meetings in an .ics file, or in the .ics files of a folder (and its folders,
    in the order of their names), that start in [start, end): one Exchange per
    occurrence of a repeating event. `start` and `end` without a zone are on the
    machine's clock. Events come in the order the file gives them, each event's
    occurrences in time order (not sorted across events). `progress(done, total)` is
    told how far, in bytes, as it goes.

    HistoryFileError, before any exchange is yielded, when the path, or any .ics file
    in the folder, is not a calendar file Relate reads (another kind of file, empty,
    a pipe or device, larger than MAX_CALENDAR_BYTES).
    """
    files = _files(path)
    sizes = [_check(file) for file in files]
    total = sum(sizes)
    start, end = _aware(start), _aware(end)
    done = 0
    last_told = -1

    for file, size in zip(files, sizes, strict=True):

        def report(at: int, base: int = done, size: int = size) -> None:
            nonlocal last_told
            reached = base + min(at, size)
            if progress is not None and reached * 100 // max(total, 1) != last_told:
                last_told = reached * 100 // max(total, 1)
                progress(reached, total)

        yield from _read_file(file, start, end, report)
        done += size
        if progress is not None:
            progress(done, total)
