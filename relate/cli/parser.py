"""The `relate` command line: options and subcommands (argparse)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from relate import __version__
from relate.fields import TEXT_FIELDS
from relate.vocabulary import EXCHANGE_SUB_KINDS, INTERACTION_KINDS, STAGES, TAG_CATEGORIES

# How Python hands over the bytes of an argument that are not UTF-8 (typed in an old
# 8-bit terminal): as lone surrogates, which the database cannot store nor the screen show.
_NOT_TEXT = re.compile("[\ud800-\udfff]")


class _Parser(argparse.ArgumentParser):
    """Refuses an argument that is not text before it reaches any command."""

    def parse_known_args(
        self, args: Iterable[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        args = sys.argv[1:] if args is None else list(args)
        for arg in args:
            if _NOT_TEXT.search(arg):
                shown = _NOT_TEXT.sub("\ufffd", arg)
                self.error(f"{shown!r} is not UTF-8 text: retype it, or rename the file it names")
        return super().parse_known_args(args, namespace)


def _add_text_options(parser: argparse.ArgumentParser, default: str | None) -> None:
    """An option for each text field the registry gives one ("--how-met")."""
    for field in TEXT_FIELDS:
        if field.option:
            parser.add_argument(field.option, dest=field.name, default=default, help=field.help)


def _add_contact_ref(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("contact", metavar="CONTACT", help="an id, or a name matching one contact")


def _add_app_options(parser: argparse.ArgumentParser) -> None:
    """The options of `relate` itself (the desktop app's), before any command."""
    parser.add_argument(
        "--db", metavar="PATH", help="the database file (default: $RELATE_DB, else the data folder)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a separate demo database filled with a sample network",
    )
    # For smoke tests of installed builds: open the window, then quit.
    parser.add_argument("--quit-after-load", action="store_true", help=argparse.SUPPRESS)


class _NotAppOptionsError(Exception):
    """The arguments ask for more than the desktop app's own options."""


class _AppParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotAppOptionsError(message)


def app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they only open the desktop app (its options, no command),
    read without loading the commands' modules; else None (the full parser decides,
    and explains any mistake)."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    parser = _AppParser(prog="relate", add_help=False)
    _add_app_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except _NotAppOptionsError:
        return None
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    """The full parser; with no command, `relate` opens the desktop app."""
    # The commands' modules are loaded here, not when this module is: the desktop app
    # reads its own options with `app_arguments` and starts without them.
    from relate.cli.backup_commands import add_backup_parsers
    from relate.cli.brief_commands import add_brief_parser
    from relate.cli.calendar_commands import add_calendar_parser
    from relate.cli.desktop_commands import add_desktop_parser
    from relate.cli.exchange_commands import add_exchange_parsers
    from relate.cli.import_commands import add_import_parsers
    from relate.cli.loop_commands import add_loop_parsers
    from relate.cli.remind_commands import add_remind_parser
    from relate.cli.sync_commands import add_sync_parser
    from relate.cli.who_commands import add_who_parser

    parser = _Parser(
        prog="relate",
        description="Relate: a local-first relationship manager. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"relate {__version__}")
    _add_app_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = commands.add_parser("add", help="add a contact; prints its id")
    add.add_argument("first_name", metavar="FIRST")
    add.add_argument("last_name", metavar="LAST", nargs="?", default="")
    _add_text_options(add, default="")
    add.add_argument("--email", action="append", default=[], help="repeatable; first is primary")
    add.add_argument("--phone", action="append", default=[])
    add.add_argument("--linkedin", metavar="URL")
    add.add_argument("--connected-on", metavar="YYYY-MM-DD")
    add.add_argument("--birthday", metavar="YYYY-MM-DD")
    add.add_argument("--stage", default="connection", help=", ".join(STAGES))
    add.add_argument("--cadence", metavar="DAYS", help="follow up every DAYS days")
    add.add_argument("--tag", action="append", default=[], help="repeatable")

    show_list = commands.add_parser("list", help="list contacts")
    show_list.add_argument("--json", action="store_true", help="print a JSON array")
    show_list.add_argument("--search", metavar="Q", help="words to look for")
    show_list.add_argument(
        "--tag", action="append", default=[], help="only contacts with this tag (repeatable)"
    )
    show_list.add_argument("--archived", action="store_true", help="list archived contacts instead")

    show = commands.add_parser("show", help="show one contact in full")
    _add_contact_ref(show)
    show.add_argument("--json", action="store_true", help="print a JSON object")

    edit = commands.add_parser("edit", help="change a contact")
    _add_contact_ref(edit)
    edit.add_argument("--first")
    edit.add_argument("--last")
    _add_text_options(edit, default=None)
    edit.add_argument("--email", action="append", help="make primary (repeatable)")
    edit.add_argument("--remove-email", action="append", default=[])
    edit.add_argument("--linkedin", metavar="URL")
    edit.add_argument("--met-through", metavar="CONTACT")
    edit.add_argument("--connected-on", metavar="YYYY-MM-DD")
    edit.add_argument("--birthday", metavar="YYYY-MM-DD", help="empty text clears it")
    edit.add_argument("--stage", help=", ".join(STAGES))
    edit.add_argument("--cadence", metavar="DAYS", help="days between contacts; 0 for none")
    story = edit.add_mutually_exclusive_group()
    story.add_argument("--story", metavar="TEXT")
    story.add_argument("--story-file", metavar="FILE", help="story from FILE (- for stdin)")
    edit.add_argument("--add-tag", action="append", default=[])
    edit.add_argument("--remove-tag", action="append", default=[])

    log = commands.add_parser("log", help="add an entry to a contact's timeline")
    _add_contact_ref(log)
    log.add_argument("kind", metavar="KIND", help=", ".join(INTERACTION_KINDS))
    log.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    log.add_argument("--time", metavar="HH:MM")
    log.add_argument("--summary", default="")
    log.add_argument("--note", default="")
    log.add_argument("--sub-kind", help="for gave/received: " + ", ".join(EXCHANGE_SUB_KINDS))

    follow = commands.add_parser("follow-up", help="add a follow-up for a contact")
    _add_contact_ref(follow)
    follow.add_argument("text", metavar="TEXT")
    follow.add_argument("--due", metavar="YYYY-MM-DD", required=True)
    follow.add_argument("--at", metavar="HH:MM", help="the time it is due: Relate reminds then")

    archive = commands.add_parser("archive", help="archive a contact (or bring one back)")
    _add_contact_ref(archive)
    archive.add_argument("--undo", action="store_true", help="bring the contact back")

    delete = commands.add_parser("delete", help="delete a contact and all its entries")
    _add_contact_ref(delete)
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    commands.add_parser("tags", help="list tags with how many contacts carry each, and category")

    tag = commands.add_parser("tag", help="change a tag (a 'need': what someone is looking for)")
    tag.add_argument("tag", metavar="TAG", help="the tag's name (any case)")
    tag.add_argument("--category", metavar="C", required=True, help=", ".join(TAG_CATEGORIES))

    due = commands.add_parser("due", help="contacts due for follow-up")
    due.add_argument("--on", metavar="YYYY-MM-DD", help="default: today")

    me = commands.add_parser(
        "me", help="your own interests (the basis of common ground) and e-mail addresses"
    )
    me.add_argument("--add-interest", action="append", default=[], metavar="T")
    me.add_argument("--remove-interest", action="append", default=[], metavar="T")
    me.add_argument(
        "--email",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="one of your own e-mail addresses (which way a mail went; never a contact's)",
    )
    me.add_argument("--forget-email", action="append", default=[], metavar="ADDRESS")
    me.add_argument("--emails", action="store_true", help="list your own addresses")

    demo = commands.add_parser("demo", help="fill an empty database with a sample network")
    demo.add_argument(
        "--force", action="store_true", help="add the sample even if the database has contacts"
    )
    add_import_parsers(commands)
    add_exchange_parsers(commands)
    add_brief_parser(commands)
    add_loop_parsers(commands)
    add_remind_parser(commands)
    add_calendar_parser(commands)
    add_who_parser(commands)
    add_backup_parsers(commands)
    add_desktop_parser(commands)
    add_sync_parser(commands)
    return parser
