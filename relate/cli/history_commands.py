"""`relate import mail|calendar` (history into the timeline) and `relate me`."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from relate.cli.errors import UserError
from relate.history.my_addresses import add_my_addresses, my_addresses, remove_my_address
from relate.history.planner import HistoryPlan
from relate.history.sources import HistoryOptions, plan_history_file, write_history
from relate.humanize import counted
from relate.validation import ValidationError, parse_date


def _options(args: argparse.Namespace) -> HistoryOptions:
    try:
        since = parse_date(args.since, "--since date")
        until = parse_date(args.until, "--until date")
    except ValidationError as exc:
        raise UserError(str(exc)) from None
    return HistoryOptions(keep_bodies=args.keep_text, since=since, until=until)


def print_preview(plan: HistoryPlan, verbose: bool) -> None:
    """What the preview shows: the most written-to contacts, those found by name alone,
    and (verbose) what was skipped and the people not among the contacts."""
    if plan.assumed_me:
        print(
            f"Taking {plan.assumed_me} to be you (in most threads): `relate me --email"
            " ADDRESS` says which addresses are yours."
        )
    top = plan.top_contacts()
    if top:
        print("Most entries: " + ", ".join(f"{name} ({n:,})" for name, n in top))
    if plan.by_name():
        print("Found by name only (check these): " + ", ".join(plan.by_name()))
    if plan.planned:
        print(f"1-2-1s in the calendar still to come: {len(plan.planned):,}")
        for meeting in plan.planned[:10]:
            print(f"  {meeting.when:%Y-%m-%d %H:%M}  {meeting.name}  {meeting.title}")
    if verbose:
        for name in getattr(plan, "not_read", ()):
            print(f"not read: {name}")
        people = getattr(plan, "people", None)  # a LinkedIn archive's connections
        for line in people.row_outcomes() if people is not None else ():
            print(f"Connections.csv {line}")
        for line in plan.skipped_lines():
            print(f"skipped: {line}")
        for name, address, n in plan.not_found(20):
            shown = f"{name} <{address}>" if name and address else name or address
            print(f"not in your contacts: {shown} ({n:,})")


def import_history(args: argparse.Namespace, back_up: Callable[[], None]) -> int:
    """`relate import mail|calendar FILE`: the file's history into the timeline."""
    plan = plan_history_file(args.file, args.format, _options(args))
    if args.add_people and plan.correspondents() and not args.dry_run:
        from relate.history.correspondents import add_correspondents

        back_up()
        people = plan.correspondents()
        batch = add_correspondents(people, args.file.name)
        who = counted(len(people), "person", "people")
        print(f"Added {who} you were in touch with as contacts (import {batch}).")
        plan = plan_history_file(args.file, args.format, _options(args))
    elif plan.correspondents():
        found = len(plan.correspondents())
        print(
            f"{counted(found, 'person', 'people')} not in your contacts"
            f" {'was' if found == 1 else 'were'} in touch with you more than once:"
            " add --add-people to add them."
        )
    print_preview(plan, args.verbose)
    if args.dry_run:
        print(f"{plan.summary()} (dry run: nothing was written)")
        return 0
    if plan.changes_anything():
        back_up()
    if plan.entries and "@" in plan.assumed_me:
        add_my_addresses([plan.assumed_me], "the one in most threads")
    batch = write_history(plan)
    _offer_profile(plan, args.my_skills)
    if plan.planned and args.plan_meetings:
        from relate.history.planned_meetings import plan_meetings

        print(f"Planned {counted(plan_meetings(plan.planned), '1-2-1')} still to come.")
    elif plan.planned:
        print("Add --plan-meetings to plan the 1-2-1s still to come in Relate too.")
    if batch is None:
        # The timeline: planned 1-2-1s, said above, are not entries of it.
        print(f"{plan.summary()} (nothing to add to the timeline)")
    else:
        print(f"{plan.summary()} (import {batch}; `relate undo-import {batch}` takes it back)")
    return 0


def _offer_profile(plan: HistoryPlan, take: bool) -> None:
    """The archive's skills and industry: added to the user's own with --my-skills,
    else offered."""
    from relate.history.linkedin_import import ArchivePlan, profile_interests

    if not isinstance(plan, ArchivePlan):
        return
    offered = profile_interests(plan.profile)
    if not offered:
        return
    if take:
        from relate import tags

        for name, category in offered:
            tags.set_my_interest(name, True, category)
        print(f"Added to your interests and expertise: {', '.join(n for n, _ in offered)}")
    else:
        print(
            f"Your LinkedIn profile lists {', '.join(n for n, _ in offered)}:"
            " add --my-skills to take them as your expertise and interests."
        )


def my_addresses_changed(args: argparse.Namespace) -> bool:
    """`relate me --email A --forget-email B`: the user's own addresses; prints them.
    Returns whether the command was about them."""
    if not (args.email or args.forget_email or args.emails):
        return False
    try:
        added = add_my_addresses(args.email, "you")
    except ValidationError as exc:
        raise UserError(str(exc)) from None
    for address in args.forget_email:
        if not remove_my_address(address):
            raise UserError(f"{address} is not one of your addresses.")
    for address in added:
        print(f"Added {address}.")
    mine = my_addresses()
    print("Your addresses: " + (", ".join(mine) if mine else "none yet"))
    return True
