"""`relate ics`: planned 1-2-1s as an .ics file for the user's calendar program."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from relate.cli.arguments import Subcommands, days_ahead, output_file
from relate.cli.errors import UserError


def add_calendar_parser(commands: Subcommands) -> None:
    """The calendar subcommand, added to the main parser."""
    ics = commands.add_parser(
        "ics",
        help="write planned 1-2-1s to an .ics file for your calendar program",
        description="Write every 1-2-1 planned from today for N days to an iCalendar file,"
        " and those of that time that were cancelled. Importing it again updates the"
        " meetings already in the calendar: a moved one moves, a cancelled one is"
        " cancelled.",
    )
    ics.add_argument("file", metavar="FILE", type=Path, help="the .ics file to write")
    ics.add_argument(
        "--days", type=int, default=30, metavar="N", help="the next N days (default 30)"
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def cmd_ics(args: argparse.Namespace) -> int:
    # icalendar loads only for this command: the rest of the CLI stays quick.
    from relate.exporters.calendar_export import write_ics
    from relate.meetings import CANCELLED, calendar_meetings

    days_ahead(args.days)
    output_file(args.file)
    # From the start of today, as `relate meetings` lists them; the cancelled ones of
    # those days too, so that importing the file again takes them out of the calendar.
    records = calendar_meetings(dt.date.today(), args.days)
    try:
        count = write_ics(args.file, records)
    except OSError as exc:
        raise UserError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    cancelled = sum(meeting.status == CANCELLED for meeting in records)
    written = _plural(count - cancelled, "meeting")
    if cancelled:
        written += f" and {_plural(cancelled, 'cancellation')}"
    print(f"Wrote {written} to {args.file}")
    return 0


CALENDAR_COMMANDS = {"ics": cmd_ics}
