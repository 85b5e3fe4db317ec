"""`relate remind`: the morning digest as one desktop notification, and on the terminal.

It reads the database read-only and waits for a busy file at most `BUSY_MS`, so a
window or an import writing at that moment never holds it up for long. `--at HH:MM` is
how the installed timer and login entry run it (`relate install-desktop --reminders`):
before that time it does nothing, and from then on it shows the digest once a day, to
whichever of the two runs first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import OperationalError

from relate.cli.arguments import Subcommands
from relate.cli.errors import UserError
from relate.store.db import database_refusal, db, open_database, resolve_db_path
from relate.store.sqlite_errors import DatabaseUnavailableError
from relate.validation import ValidationError, parse_time

if TYPE_CHECKING:
    from relate.digest import Digest

# The longest the digest waits for a file another program is writing.
BUSY_MS = 1000


def add_remind_parser(commands: Subcommands) -> None:
    """The remind subcommand, added to the main parser."""
    remind = commands.add_parser(
        "remind",
        help="show today's digest as a desktop notification (and print it)",
        description="Today's follow-ups, 1-2-1s and the three people most worth not losing"
        " who are going cold, as one desktop notification and on the terminal. Where no"
        " notification can be shown, it prints the digest and says why.",
    )
    remind.add_argument(
        "--at",
        metavar="HH:MM",
        help="the morning time the digest is for, as the installed timer runs it: before"
        " then it shows nothing; from then on, once a day",
    )
    remind.add_argument(
        "--quiet",
        action="store_true",
        help="the notification only; print the digest only when it cannot be shown",
    )


def _clock() -> dt.datetime:
    return dt.datetime.now()


def _morning(text: str | None) -> dt.time | None:
    try:
        return parse_time(text, "--at time")
    except ValidationError as exc:
        raise UserError(str(exc)) from None


def _read_digest(path: Path, day: dt.date) -> Digest:
    """The digest of `day`, read in one read-only transaction: one wait for a busy
    file (at most BUSY_MS), then every list from the same moment of the file."""
    from relate.digest import morning_digest

    try:
        open_database(path, read_only=True, busy_ms=BUSY_MS)
        with db.atomic():
            return morning_digest(day)
    except (DatabaseUnavailableError, OperationalError) as exc:
        if database_refusal(exc) != "busy":
            raise
        raise UserError(
            f"the database {path} is busy (another program holds it locked); the digest"
            " could not be read, try again in a moment"
        ) from None


def cmd_remind(args: argparse.Namespace) -> int:
    # Here, not at the top: the parser loads this module for every command.
    from relate import digest_days

    path = resolve_db_path(args.db)
    morning = _morning(args.at)
    if morning is None:
        return _remind(args, Path(path), None)
    with digest_days.one_at_a_time():
        return _remind(args, Path(path), morning)


def _remind(args: argparse.Namespace, path: Path, morning: dt.time | None) -> int:
    from relate import digest_days
    from relate.desktop.notify import notify

    now = _clock()
    if morning is not None:
        if now.time() < morning:
            if not args.quiet:
                print(f"Today's digest is for {morning:%H:%M}; it is not that time yet.")
            return 0
        if digest_days.shown_on(path, now.date()):
            if not args.quiet:
                print("Today's digest was shown already.")
            return 0
    if not path.exists():
        print(f"There is no Relate database at {path} yet: nothing to remind you of.")
        return 0
    digest = _read_digest(path, now.date())
    why_not = notify(digest.title, digest.body)
    if why_not is None and morning is not None:
        digest_days.mark_shown(path, now.date())
    if why_not is not None or not args.quiet:
        print(digest.text())
    if why_not is not None:
        print(
            f"relate: the digest could not be shown as a notification: {why_not}.", file=sys.stderr
        )
    return 0


REMIND_COMMANDS = {"remind": cmd_remind}
