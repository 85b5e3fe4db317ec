"""The networking loop on the command line: `relate today`, `meet`, `meetings`, `held`,
`cancel-meeting`, `introduce`, `rhythm`, `snooze`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relate.cli.arguments import NO_LIMIT, Subcommands, days_ahead, planning_day, record_id
from relate.cli.errors import UserError
from relate.dates import day_text, long_day_text
from relate.store.db import transaction
from relate.validation import parse_date
from relate.vocabulary import STAGES

# The modules behind these commands load with the command that needs them: building
# the parser loads this module, and `relate import` should not wait for them.
if TYPE_CHECKING:
    from relate.clock_changes import ClockChange
    from relate.network_stats import NetworkHealth
    from relate.today import DueContact, DueFollowUp, TodayView


def add_loop_parsers(commands: Subcommands) -> None:
    """The Today, meeting, introduction and rhythm subcommands, added to the main parser."""
    today_parser = commands.add_parser(
        "today", help="what to do today: follow-ups, 1-2-1s, who is due or going cold"
    )
    today_parser.add_argument("--json", action="store_true", help="print a JSON object")
    today_parser.add_argument("--date", metavar="YYYY-MM-DD", help="as if it were that day")
    today_parser.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="at most N per list (default: 20, and 5 suggestions and introduction ideas)",
    )
    meet = commands.add_parser("meet", help="plan a 1-2-1 meeting with a contact; prints its id")
    meet.add_argument("contact", metavar="CONTACT", help="an id, or a name matching one contact")
    meet.add_argument("--at", required=True, metavar='"YYYY-MM-DD HH:MM"', help="when it starts")
    meet.add_argument("--place", default="", help="where")
    meet.add_argument("--agenda", default="", help="what to talk about")
    meet.add_argument("--minutes", default=60, help="how long (default 60)")
    meet.add_argument(
        "--fold",
        type=int,
        choices=(0, 1),
        help="for a time that happens twice (the clocks go back): 0 the first, 1 the second",
    )
    listing = commands.add_parser("meetings", help="list planned 1-2-1s, soonest first")
    listing.add_argument("--days", type=int, default=30, metavar="N", help="the next N days")
    held = commands.add_parser(
        "held", help="mark a planned meeting held: it becomes a 1-2-1 on the timeline"
    )
    held.add_argument(
        "meeting", metavar="ID", type=record_id, help="the meeting's id (see `meetings`)"
    )
    held.add_argument("--learned", default="", help="what you learned; added to their story")
    held.add_argument(
        "--advance", action="store_true", help="move the contact's stage forward as well"
    )
    cancel = commands.add_parser("cancel-meeting", help="call a planned meeting off")
    cancel.add_argument("meeting", metavar="ID", type=record_id)
    introduce = commands.add_parser(
        "introduce", help="record that you introduced A to B, with a follow-up to ask how it went"
    )
    introduce.add_argument("a", metavar="A", help="the person introduced (id or name)")
    introduce.add_argument("b", metavar="B", help="the person they were introduced to")
    introduce.add_argument("--why", required=True, metavar="TEXT", help="why they should meet")
    introduce.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    stats = commands.add_parser(
        "stats", help="the network's health: the stage funnel, 1-2-1s and gives, give/take"
    )
    stats.add_argument("--json", action="store_true", help="print a JSON object")
    stats.add_argument("--date", metavar="YYYY-MM-DD", help="as of that day")
    rhythm = commands.add_parser(
        "rhythm",
        help="show or set the default follow-up rhythms of stages and tags",
        description="Without options, lists the rhythms. A contact's own rhythm (relate edit"
        " --cadence) wins over its tags', and a tag's over its stage's.",
    )
    rhythm.add_argument(
        "--stage",
        nargs=2,
        action="append",
        default=[],
        metavar=("STAGE", "DAYS"),
        help=f"the rhythm of a stage ({', '.join(STAGES)}); DAYS 0 removes it",
    )
    rhythm.add_argument(
        "--tag",
        nargs=2,
        action="append",
        default=[],
        metavar=("TAG", "DAYS"),
        help="the rhythm of everyone with a tag; DAYS 0 removes it",
    )
    snooze = commands.add_parser("snooze", help="put off following up with a contact")
    snooze.add_argument("contact", metavar="CONTACT", help="an id, or a name matching one contact")
    when = snooze.add_mutually_exclusive_group(required=True)
    when.add_argument("--until", metavar="YYYY-MM-DD", help="not due before this day")
    when.add_argument("--days", type=int, metavar="N", help="not due for N days")
    when.add_argument("--off", action="store_true", help="end the snooze")


def _resolve(reference: str) -> int:
    from relate.cli.common import resolve_contact

    return resolve_contact(reference)


def _which_of_two(change: ClockChange) -> int:
    """Which of a repeated time's two readings the user means: 0 the first, 1 the second."""
    if not sys.stdin.isatty():
        raise UserError(
            f"{change.sentence()} Add --fold 0 for {change.reading(0)},"
            f" or --fold 1 for {change.reading(1)}."
        )
    answer = input(
        f"{change.sentence()} Which do you mean: {change.reading(0)}"
        f" or {change.reading(1)}? [first/second] "
    )
    answer = answer.strip().casefold()
    if answer and "first".startswith(answer):
        return 0
    if answer and "second".startswith(answer):
        return 1
    raise UserError("nothing planned: answer first or second (or give --fold 0 or 1)")


def cmd_meet(args: argparse.Namespace) -> int:
    from relate import meetings

    contact_id = _resolve(args.contact)
    when = meetings.parse_when(args.at)
    change = meetings.clock_change(when, meetings.local_zone_name())
    if change is not None and change.repeated:
        fold = args.fold if args.fold is not None else _which_of_two(change)
        when = when.replace(fold=fold)
    meeting_id = meetings.schedule_meeting(
        contact_id,
        when,
        minutes=args.minutes,
        place=args.place,
        agenda=args.agenda,
    )
    print(meeting_id)
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    from relate import meetings
    from relate.cli.formatting import meeting_line

    days_ahead(args.days)
    for meeting in meetings.planned_meetings(dt.date.today(), args.days):
        print(meeting_line(meeting))
    return 0


def cmd_held(args: argparse.Namespace) -> int:
    from relate import contacts, meetings

    meetings.hold_meeting(args.meeting, learned=args.learned, advance_stage=args.advance)
    meeting = meetings.get_meeting(args.meeting)
    stage = contacts.get_contact(meeting.contact_id).stage
    print(f"Held: the 1-2-1 with {meeting.contact_name} is on the timeline (stage: {stage}).")
    return 0


def cmd_cancel_meeting(args: argparse.Namespace) -> int:
    from relate import meetings

    meetings.cancel_meeting(args.meeting)
    return 0


def cmd_introduce(args: argparse.Namespace) -> int:
    from relate import introductions

    a, b = _resolve(args.a), _resolve(args.b)
    made = introductions.introduce(a, b, args.why, date=planning_day(args.date))
    print(
        f"Introduction {made.introduction_id} recorded on both timelines; follow-up"
        f" {made.follow_up_id} reminds you to ask how it went."
    )
    return 0


# What the command line adds to a section's empty text: how to do it here.
_EMPTY_HINTS = {"idea": " (`relate tag NAME --category need` makes a tag a need.)"}


def today_text(view: TodayView) -> str:
    """`relate today` as text: the day's sections, each listed or saying it is empty."""
    from relate import cadence
    from relate.cli.formatting import meeting_line
    from relate.humanize import relative_date

    on = view.on

    def follow_up(item: DueFollowUp) -> str:
        late = f"  ({item.days_overdue} days overdue)" if item.days_overdue > 0 else ""
        return f"  {item.due}  {item.contact_name}: {item.text}{late}"

    def person(who: DueContact) -> str:
        last = relative_date(who.last_contacted, on) if who.last_contacted else "never"
        firm = f" ({who.company})" if who.company else ""
        return (
            f"  {who.name}{firm} · {who.stage} · {cadence.rhythm_label(who.rhythm_days)}"
            f" · last contact {last} · due {day_text(who.next_due, short=True, today=on)}"
        )

    line_of: dict[str, Callable[[Any], str]] = {
        "follow-up": follow_up,
        "meeting": lambda meeting: f"  {meeting_line(meeting).lstrip()}",
        "due": person,
        "cold": person,
        "idea": lambda idea: f"  {idea.name} → {idea.other_name}: {idea.reason}",
        "stage": lambda move: f"  {move.name}: {move.reason}; move to {move.suggested}?",
    }
    lines = [f"Today, {long_day_text(on)}"]
    for section in view.sections:
        if not (section.rows or section.shown_when_empty):
            continue
        shown, total = len(section.rows), section.total
        more = f", showing {shown}" if total > shown else ""
        lines.extend(["", f"{section.title} ({total}{more})" if total else section.title])
        lines.extend(line_of[section.key](item) for item in section.rows)
        if not section.rows:
            lines.append(f"  {section.empty_text}{_EMPTY_HINTS.get(section.key, '')}")
    return "\n".join(lines)


def cmd_today(args: argparse.Namespace) -> int:
    from relate import today
    from relate.cli.common import print_json

    day = planning_day(args.date)
    if args.limit is None:
        view = today.today_view(day)
    elif args.limit < 1:
        raise UserError("--limit must be 1 or more")
    else:
        limit = min(args.limit, NO_LIMIT)
        view = today.today_view(day, limit=limit, ideas=limit)
    if args.json:
        print_json(view)
    else:
        print(today_text(view))
    return 0


def _stats_text(health: NetworkHealth) -> str:
    began = day_text(health.quarter_start, short=True, today=health.today)
    lines = [f"Network health on {long_day_text(health.today)} (this quarter began {began})", ""]
    lines.append("Stages (moved in this quarter)")
    lines.extend(f"  {s.stage:<14}{s.count:>8,}   +{s.moved_in:,}" for s in health.funnel)
    weeks = health.weeks
    held = sum(w.one_to_ones for w in weeks)
    gives = sum(w.gives for w in weeks)
    lines += [
        "",
        f"Last {len(weeks)} weeks (since {health.since}): {held:,} 1-2-1s held,"
        f" {gives:,} gives made",
    ]
    recent, everything = health.balance_recent, health.balance_all
    lines.append(
        f"Give and take: gave {recent.given:,}, received {recent.received:,} in that"
        f" time; {everything.given:,} / {everything.received:,} in all"
    )
    helped = ", ".join(line.name for line in health.helped) or "nobody yet"
    lines.append(f"Helped most recently: {helped}")
    taken = ", ".join(f"{line.name} ({line.received})" for line in health.only_taken_from)
    lines.append(f"Only received from: {taken or 'nobody'}")
    kept = health.cadence
    share = f"{kept.share:.0%}" if kept.share is not None else "-"
    lines.append(
        f"Cadence kept: {share} of {kept.with_rhythm:,} people with a rhythm are on time"
        f" ({kept.due:,} due, {kept.cold:,} going cold)"
    )
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    from relate import network_stats
    from relate.cli.common import print_json

    health = network_stats.network_health(planning_day(args.date))
    if args.json:
        print_json(health)
    else:
        print(_stats_text(health))
    return 0


def cmd_rhythm(args: argparse.Namespace) -> int:
    from relate import cadence

    # One transaction: a bad value anywhere leaves the other rhythms unwritten too.
    with transaction():
        for stage, days in args.stage:
            cadence.set_stage_cadence(stage, None if days.strip() == "0" else days)
        for name, days in args.tag:
            cadence.set_tag_cadence(name, None if days.strip() == "0" else days)
    if not (args.stage or args.tag):
        stages = cadence.stage_cadences()
        for stage in STAGES:
            print(f"  {stage:<14} {cadence.rhythm_label(stages.get(stage))}")
        for name, days in cadence.tag_cadences().items():
            print(f"  tag {name:<10} {cadence.rhythm_label(days)}")
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    from relate import cadence

    contact_id = _resolve(args.contact)
    if args.off:
        until = None
    elif args.days is not None:
        days_ahead(args.days)
        until = dt.date.today() + dt.timedelta(days=args.days)
    else:
        until = parse_date(args.until, "date")
    cadence.snooze_contact(contact_id, until)
    print(f"Snoozed until {day_text(until, weekday=True)}." if until else "Snooze ended.")
    return 0


LOOP_COMMANDS = {
    "today": cmd_today,
    "stats": cmd_stats,
    "rhythm": cmd_rhythm,
    "snooze": cmd_snooze,
    "meet": cmd_meet,
    "meetings": cmd_meetings,
    "held": cmd_held,
    "cancel-meeting": cmd_cancel_meeting,
    "introduce": cmd_introduce,
}
