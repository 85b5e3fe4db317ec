"""`relate meet`, `relate meetings`, `relate held`, `relate introduce`: the networking loop."""

from __future__ import annotations

import argparse

from relate import introductions, meetings
from relate.cli.errors import UserError


def add_loop_parsers(commands: argparse._SubParsersAction) -> None:
    """The meeting and introduction subcommands, added to the main parser."""
    meet = commands.add_parser("meet", help="plan a 1-2-1 meeting with a contact; prints its id")
    meet.add_argument("contact", metavar="CONTACT", help="an id, or a name matching one contact")
    meet.add_argument("--at", required=True, metavar='"YYYY-MM-DD HH:MM"', help="when it starts")
    meet.add_argument("--place", default="", help="where")
    meet.add_argument("--agenda", default="", help="what to talk about")
    meet.add_argument("--minutes", default=60, help="how long (default 60)")
    listing = commands.add_parser("meetings", help="list planned 1-2-1s, soonest first")
    listing.add_argument("--days", type=int, default=30, metavar="N", help="the next N days")
    held = commands.add_parser(
        "held", help="mark a planned meeting held: it becomes a 1-2-1 on the timeline"
    )
    held.add_argument("meeting", metavar="ID", type=int, help="the meeting's id (see `meetings`)")
    held.add_argument("--learned", default="", help="what you learned; added to their story")
    held.add_argument(
        "--advance", action="store_true", help="move the contact's stage forward as well"
    )
    cancel = commands.add_parser("cancel-meeting", help="call a planned meeting off")
    cancel.add_argument("meeting", metavar="ID", type=int)
    introduce = commands.add_parser(
        "introduce", help="record that you introduced A to B, with a follow-up to ask how it went"
    )
    introduce.add_argument("a", metavar="A", help="the person introduced (id or name)")
    introduce.add_argument("b", metavar="B", help="the person they were introduced to")
    introduce.add_argument("--why", required=True, metavar="TEXT", help="why they should meet")
    introduce.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")


def _resolve(reference: str) -> int:
    from relate.cli.commands import resolve_contact

    return resolve_contact(reference)


def _meeting_line(meeting: meetings.MeetingRecord) -> str:
    place = f" at {meeting.place}" if meeting.place else ""
    agenda = f": {meeting.agenda.splitlines()[0]}" if meeting.agenda else ""
    when = f"{meeting.starts_at:%Y-%m-%d %H:%M}"
    return f"{meeting.id:>5}  {when}  {meeting.contact_name}{place}{agenda}"


def cmd_meet(args: argparse.Namespace) -> int:
    meeting_id = meetings.schedule_meeting(
        _resolve(args.contact),
        args.at,
        minutes=args.minutes,
        place=args.place,
        agenda=args.agenda,
    )
    print(meeting_id)
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    import datetime as dt

    if args.days < 1:
        raise UserError("--days must be 1 or more")
    for meeting in meetings.planned_meetings(dt.date.today(), args.days):
        print(_meeting_line(meeting))
    return 0


def cmd_held(args: argparse.Namespace) -> int:
    meetings.hold_meeting(args.meeting, learned=args.learned, advance_stage=args.advance)
    meeting = meetings.get_meeting(args.meeting)
    from relate import contacts

    stage = contacts.get_contact(meeting.contact_id).stage
    print(f"Held: the 1-2-1 with {meeting.contact_name} is on the timeline (stage: {stage}).")
    return 0


def cmd_cancel_meeting(args: argparse.Namespace) -> int:
    meetings.cancel_meeting(args.meeting)
    return 0


def cmd_introduce(args: argparse.Namespace) -> int:
    a, b = _resolve(args.a), _resolve(args.b)
    made = introductions.introduce(a, b, args.why, date=args.date)
    print(
        f"Introduction {made.introduction_id} recorded on both timelines; follow-up"
        f" {made.follow_up_id} reminds you to ask how it went."
    )
    return 0


LOOP_COMMANDS = {
    "meet": cmd_meet,
    "meetings": cmd_meetings,
    "held": cmd_held,
    "cancel-meeting": cmd_cancel_meeting,
    "introduce": cmd_introduce,
}
