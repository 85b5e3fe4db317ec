"""`relate sync`: two-way sync with the CardDAV address books the user connects.

    relate sync add URL --user NAME [--password-stdin] [--book NAME] [--carry FIELDS]
                        [--send all|none|tag:NAME] [--delete-on-server]
    relate sync [--book NAME] [--dry-run]
    relate sync set BOOK [--carry FIELDS] [--send …] [--delete-on-server|--keep-on-server]
    relate sync status | conflicts | resolve ID --keep-mine|--take-theirs | remove BOOK

The only command that opens a network connection, and only to the books connected:
`relate.sync` is loaded when it runs, never before (see tests/core/test_layering.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from relate.cli.arguments import Subcommands
from relate.cli.errors import UserError
from relate.dates import moment_text

if TYPE_CHECKING:
    from relate.address_books.books import BookRecord


def add_sync_parser(commands: Subcommands) -> None:
    """The sync subcommand and its own subcommands, added to the main parser."""
    sync = commands.add_parser(
        "sync",
        help="sync with the address books you connect (CardDAV), both ways",
        description="Two-way sync with CardDAV address books (Nextcloud, Fastmail, iCloud,"
        " Radicale, Baïkal…). Without a subcommand, syncs every connected book. Only the"
        " books you connect are contacted, and only when you sync.",
    )
    sync.add_argument("--book", metavar="NAME", help="sync this book only")
    sync.add_argument(
        "--dry-run", action="store_true", help="say what would change on both sides; change nothing"
    )
    actions = sync.add_subparsers(dest="sync_action", metavar="ACTION")
    add = actions.add_parser("add", help="connect an address book")
    add.add_argument("url", metavar="URL", help="the server's address, or the book's own")
    add.add_argument("--user", required=True, metavar="NAME")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.add_argument("--book", dest="book_name", metavar="NAME", help="which book, if several")
    _add_options(add, defaults=True)
    change = actions.add_parser("set", help="change what a connected book carries and gets")
    change.add_argument("name", metavar="BOOK")
    _add_options(change, defaults=False)
    actions.add_parser("status", help="each book: last sync, counts, conflicts waiting")
    actions.add_parser("conflicts", help="fields changed on both sides, waiting for you")
    resolve = actions.add_parser("resolve", help="settle a conflict")
    resolve.add_argument("conflict", type=int, metavar="ID")
    side = resolve.add_mutually_exclusive_group(required=True)
    side.add_argument("--keep-mine", action="store_true", help="keep Relate's value")
    side.add_argument("--take-theirs", action="store_true", help="take the server's value")
    remove = actions.add_parser(
        "remove", help="disconnect a book (contacts stay; nothing changes on the server)"
    )
    remove.add_argument("name", metavar="BOOK")


def _add_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    parser.add_argument(
        "--carry",
        default="" if defaults else None,
        metavar="FIELDS",
        help="Relate's own fields the book carries too, comma-separated: how_met, stage,"
        " tags, connected_on, story, cadence_days (default: only address-book fields)",
    )
    parser.add_argument(
        "--send",
        default="all" if defaults else None,
        metavar="WHICH",
        help="which of your contacts go to the book: all (default), none, or tag:NAME",
    )
    parser.add_argument(
        "--delete-on-server",
        action="store_true",
        default=False if defaults else None,
        help="archiving or deleting a contact here removes its card from the server",
    )
    if not defaults:
        parser.add_argument(
            "--keep-on-server",
            dest="delete_on_server",
            action="store_false",
            help="archiving or deleting a contact here leaves its card on the server",
        )


def _carried(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def cmd_sync(args: argparse.Namespace) -> int:
    """Run `relate sync` or one of its subcommands."""
    action = args.sync_action or "run"
    return _ACTIONS[action](args)


# ----------------------------------------------------------------------------- connecting


def _password(args: argparse.Namespace, prompt: str) -> str:
    if getattr(args, "password_stdin", False):
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(prompt)
    else:
        raise UserError("no password: give --password-stdin, or set RELATE_SYNC_PASSWORD")
    if not password:
        raise UserError("the password is empty")
    return password


def _add(args: argparse.Namespace) -> int:
    from relate.address_books.books import SEND_ALL, add_book, check_own_fields, check_send
    from relate.sync.carddav import CardDavClient
    from relate.sync.credentials import save_password
    from relate.sync.errors import SyncError

    own = check_own_fields(_carried(args.carry))
    send = check_send(args.send)
    password = _password(args, f"Password for {args.user}: ")
    try:
        with CardDavClient(args.user, password) as client:
            found = client.discover(args.url)
    except SyncError as error:
        raise UserError(str(error)) from error
    if args.book_name:
        found = [b for b in found if args.book_name in (b.name, b.url)]
        if not found:
            raise UserError(f"no address book called {args.book_name} was found there")
    if len(found) > 1:
        names = "; ".join(f"{b.name} ({b.url})" for b in found)
        raise UserError(f"several address books were found: {names}. Choose one with --book.")
    chosen = found[0]
    book = add_book(
        chosen.url,
        args.url,
        args.user,
        chosen.name,
        incremental=chosen.sync_token_supported,
        own_fields=own,
        send=send,
        delete_on_server=args.delete_on_server,
    )
    kept = save_password(args.url, args.user, password)
    print(f"Connected {book.name} ({book.url}).")
    if not kept:
        print(
            "This system has no keyring: the password was not stored. `relate sync` will"
            " ask for it (or read RELATE_SYNC_PASSWORD)."
        )
    if book.send == SEND_ALL:
        from relate import queries

        print(
            f"The first sync sends your {queries.count_contacts():,} contacts to {book.name},"
            f" but those it holds already: `relate sync set {book.id} --send tag:NAME`"
            " (or none) sends fewer."
        )
    print("Run `relate sync --dry-run` to see what a first sync would do, then `relate sync`.")
    return 0


# ----------------------------------------------------------------------------- syncing


def _run(args: argparse.Namespace) -> int:
    from relate.address_books.books import books, find_book
    from relate.sync.credentials import password_for
    from relate.sync.engine import sync_book
    from relate.sync.errors import SyncError

    chosen = [find_book(args.book)] if args.book else books()
    if not chosen:
        raise UserError("no address book is connected: `relate sync add URL --user NAME`")
    failed = False
    for book in chosen:
        password = password_for(book.account_url, book.user) or _password(
            args, f"Password for {book.user} at {book.name}: "
        )
        try:
            report = sync_book(book.id, password, dry_run=args.dry_run, progress=_progress())
        except SyncError as error:
            print(f"{book.name}: {error}", file=sys.stderr)
            failed = True
            continue
        batch = report.here.batch_id
        undo = f" (import {batch}; `relate undo-import {batch}` takes it back)" if batch else ""
        print(report.summary() + ("" if args.dry_run else undo))
        for href, why in report.refused:
            print(f"  not read: {href}: {why}")
        if report.here.conflicts:
            print("  `relate sync conflicts` lists the fields changed on both sides.")
    return 1 if failed else 0


def _progress() -> Callable[[str, int, int], None] | None:
    """On a terminal, a line that says how far a long sync has gone (and then goes)."""
    if not sys.stderr.isatty():
        return None

    def show(what: str, done: int, total: int) -> None:
        line = f"{what}: {done:,} of {total:,}" if done < total else ""
        sys.stderr.write(f"\r{line:<60}\r")  # the finished step leaves a blank line
        sys.stderr.flush()

    return show


def _status(args: argparse.Namespace) -> int:
    from relate.address_books.books import books
    from relate.address_books.pushes import pending_count

    found = books()
    if not found:
        print("No address book is connected: `relate sync add URL --user NAME`.")
        return 0
    for book in found:
        print(_status_lines(book, pending_count(book.id)))
    return 0


def _status_lines(book: BookRecord, owed: int) -> str:
    when = moment_text(book.synced_at) if book.synced_at else "never"
    carried = ", ".join(book.own_fields) or "address-book fields only"
    lines = [
        f"{book.id}  {book.name}  ({book.user} at {book.url})",
        f"    last sync: {when}" + (f": {book.last_result}" if book.last_result else ""),
        f"    {book.contacts:,} contacts linked to {book.cards:,} cards;"
        f" conflicts waiting: {book.conflicts:,}",
        f"    carries: {carried}; sends: {book.send_words};"
        f" removing here {'removes' if book.delete_on_server else 'keeps'} the card",
    ]
    if owed:
        lines.append(f"    {owed:,} writes to the server left from a sync cut short")
    return "\n".join(lines)


def _conflicts(args: argparse.Namespace) -> int:
    from relate.address_books.conflicts import open_conflicts

    found = open_conflicts()
    if not found:
        print("No sync conflicts.")
    for conflict in found:
        print(
            f"{conflict.id}  {conflict.contact_name}, {conflict.label} ({conflict.book}):"
            f" here {conflict.local_value or '(empty)'!r},"
            f" on the server {conflict.server_value or '(empty)'!r}"
        )
    return 0


def _resolve(args: argparse.Namespace) -> int:
    from relate.address_books.conflicts import resolve_conflict

    conflict = resolve_conflict(args.conflict, take_server=args.take_theirs)
    kept = conflict.server_value if args.take_theirs else conflict.local_value
    print(f"{conflict.contact_name}: {conflict.label} is {kept or '(empty)'!r}.")
    return 0


def _set(args: argparse.Namespace) -> int:
    from relate.address_books.books import find_book, set_book_options

    book = set_book_options(
        find_book(args.name).id,
        own_fields=None if args.carry is None else tuple(_carried(args.carry)),
        send=args.send,
        delete_on_server=args.delete_on_server,
    )
    print(_status_lines(book, 0))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from relate.address_books.books import find_book, remove_book
    from relate.sync.credentials import forget_password

    book = remove_book(find_book(args.name).id)
    forget_password(book.account_url, book.user)
    print(f"Disconnected {book.name}; every contact stays, and the server is unchanged.")
    return 0


_ACTIONS = {
    "run": _run,
    "add": _add,
    "status": _status,
    "conflicts": _conflicts,
    "resolve": _resolve,
    "set": _set,
    "remove": _remove,
}
SYNC_COMMANDS = {"sync": cmd_sync}
