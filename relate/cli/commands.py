"""What each `relate` subcommand does: thin calls into the core."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from relate import contacts, followups, meetings, queries, tags, timeline
from relate.cli import formatting
from relate.cli.common import print_json, resolve_contact
from relate.cli.errors import UserError
from relate.cli.terminal import terminal_text
from relate.fields import TEXT_FIELDS
from relate.records import to_jsonable
from relate.store.db import transaction
from relate.validation import clean_text, parse_date


def _cadence(value: str | None) -> int | None:
    """`--cadence`: a number of days; 0 or "none" clears it."""
    if value is None or value.strip().casefold() in ("0", "none", ""):
        return None
    return value  # type: ignore[return-value]  # validated by the core


# The text fields with an option of their own (`relate.cli.parser` makes them).
_OPTION_TEXTS = tuple(field.name for field in TEXT_FIELDS if field.option)


def cmd_add(args: argparse.Namespace) -> int:
    contact_id = contacts.create_contact(
        args.first_name,
        args.last_name,
        emails=args.email,
        phones=args.phone,
        linkedin_url=args.linkedin,
        connected_on=args.connected_on,
        birthday=args.birthday,
        stage=args.stage,
        cadence_days=_cadence(args.cadence),
        tag_names=args.tag,
        **{name: getattr(args, name) for name in _OPTION_TEXTS},
    )
    print(contact_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    rows = queries.list_contacts(args.search, args.tag, archived=args.archived)
    if args.json:
        print_json(rows)
    elif rows:
        print(formatting.contact_table(rows))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    detail = contacts.get_contact(contact_id)
    entries = timeline.interactions_for(contact_id)
    items = followups.follow_ups_for(contact_id)
    every_meeting = meetings.meetings_for(contact_id)
    planned = [m for m in every_meeting if m.is_planned][::-1]  # soonest first
    if args.json:
        data = to_jsonable(detail)
        data["interactions"] = to_jsonable(entries)
        data["follow_ups"] = to_jsonable(items)
        data["meetings"] = to_jsonable(every_meeting)
        print_json(data)
    else:
        print(formatting.contact_card(detail, entries, items, dt.date.today(), planned))
    return 0


def _read_story(args: argparse.Namespace) -> str | None:
    if args.story_file is None:
        story: str | None = args.story
        return story
    if args.story_file == "-":
        return sys.stdin.read()
    try:
        return Path(args.story_file).read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot read the story file: {exc.strerror}: {args.story_file}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"the story file is not UTF-8 text: {args.story_file}") from exc


def cmd_edit(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    changes: dict[str, Any] = {}
    simple = {
        "first": "first_name",
        "last": "last_name",
        **{name: name for name in _OPTION_TEXTS},
        "linkedin": "linkedin_url",
        "connected_on": "connected_on",
        "birthday": "birthday",
        "stage": "stage",
    }
    for option, field in simple.items():
        value = getattr(args, option)
        if value is not None:
            changes[field] = value
    if args.cadence is not None:
        changes["cadence_days"] = _cadence(args.cadence)
    story = _read_story(args)
    if story is not None:
        changes["story"] = story
    if args.met_through is not None:
        changes["met_through_id"] = (
            resolve_contact(args.met_through) if clean_text(args.met_through) else None
        )
    if args.email or args.remove_email:
        current = contacts.get_contact(contact_id).emails
        removed = {address.casefold() for address in args.remove_email}
        missing = removed - {address.casefold() for address in current}
        if missing:
            raise UserError(f"{', '.join(sorted(missing))} is not an address of this contact")
        front = args.email or []
        changes["emails"] = [a for a in (*front, *current) if a.casefold() not in removed]
    # One transaction: a bad tag name leaves the other changes unwritten too.
    with transaction():
        if changes:
            contacts.update_contact(contact_id, **changes)
        for name in args.add_tag:
            tags.tag_contacts([contact_id], name)
        for name in args.remove_tag:
            if not tags.untag_contacts([contact_id], name):
                raise UserError(f"the contact has no tag '{name}'")
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    entry_id = timeline.log_interaction(
        contact_id,
        args.kind,
        date=args.date,
        time=args.time,
        summary=args.summary,
        notes=args.note,
        sub_kind=args.sub_kind,
    )
    print(entry_id)
    return 0


def cmd_follow_up(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    print(followups.add_follow_up(contact_id, args.text, args.due, args.at))
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    contacts.set_archived([contact_id], not args.undo)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    contact_id = resolve_contact(args.contact)
    name = contacts.get_contact(contact_id).display_name
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("deleting needs --yes when not run interactively")
        # input() hands its prompt to the terminal itself, past sys.stdout.
        answer = input(terminal_text(f"Delete {name} and their whole timeline? [y/N] "))
        if answer.strip().casefold() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    contacts.delete_contacts([contact_id])
    print(f"Deleted {name}.")
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    for tag in tags.all_tags():
        marks = ("  (yours)" if tag.mine else "") + ("  (avoid)" if tag.avoid else "")
        print(f"{tag.contact_count:>6}  {tag.name:<30} {tag.category}{marks}")
    return 0


def cmd_tag(args: argparse.Namespace) -> int:
    tags.set_tag_category(args.tag, args.category)
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    on = parse_date(args.on, "date") or dt.date.today()
    for contact in queries.due_contacts(on):
        print(f"{contact.next_due}  {formatting.contact_line(contact).strip()}")
    return 0


def cmd_me(args: argparse.Namespace) -> int:
    from relate.cli.history_commands import my_addresses_changed

    if my_addresses_changed(args):
        return 0
    with transaction():
        for name in args.add_interest:
            tags.set_my_interest(name, True)
        for name in args.remove_interest:
            tags.set_my_interest(name, False)
    if not (args.add_interest or args.remove_interest):
        for tag in tags.my_interests():
            print(tag.name)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    # Here, not at the top: the sample generator's tables take longer to load than any
    # other command needs to start.
    from relate import demo

    existing = queries.count_contacts(archived=None)
    if existing and not args.force:
        raise UserError(
            f"the database already holds {existing} contacts; the demo network goes into an "
            "empty one (pick a new file with --db, or add --force to mix it in)"
        )
    summary = demo.fill_demo()
    print(
        f"Added {summary.contacts} contacts, {summary.interactions} timeline entries "
        f"and {summary.follow_ups} follow-ups."
    )
    return 0


# The contact commands; `relate.cli.registry` has every command.
CONTACT_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add,
    "list": cmd_list,
    "show": cmd_show,
    "edit": cmd_edit,
    "log": cmd_log,
    "follow-up": cmd_follow_up,
    "archive": cmd_archive,
    "delete": cmd_delete,
    "tags": cmd_tags,
    "tag": cmd_tag,
    "due": cmd_due,
    "me": cmd_me,
    "demo": cmd_demo,
}
