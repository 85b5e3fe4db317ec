"""`relate brief`: the one-page 1-2-1 brief as a PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from relate.cli.arguments import Subcommands, output_file, planning_day
from relate.cli.errors import UserError
from relate.dates import day_text


def add_brief_parser(commands: Subcommands) -> None:
    """The brief subcommand, added to the main parser."""
    brief = commands.add_parser(
        "brief",
        help="print a one-page brief for a 1-2-1 meeting (PDF)",
        description="Write the one-page brief for a contact, or with --week one PDF with a"
        " brief per page for every 1-2-1 planned in the coming seven days.",
    )
    brief.add_argument("contact", metavar="CONTACT", nargs="?", help="an id or a name")
    brief.add_argument("--week", action="store_true", help="every 1-2-1 of the coming week")
    brief.add_argument("-o", "--output", metavar="FILE.pdf", type=Path, help="where to write")
    brief.add_argument("--date", metavar="YYYY-MM-DD", help="the day it is for (default: today)")
    brief.add_argument(
        "--page-size", choices=("letter", "a4"), help="paper (default: from the locale)"
    )


def cmd_brief(args: argparse.Namespace) -> int:
    # ReportLab and the fonts load only for this command: the rest of the CLI stays quick.
    from relate.brief.query import brief_data, meetings_between
    from relate.brief.render import brief_file_name, render_briefs, write_brief
    from relate.files import private_file

    on = planning_day(args.date) or dt.date.today()
    if args.week == bool(args.contact):
        raise UserError("name one CONTACT, or give --week for every 1-2-1 of the coming week")
    if args.week:
        meetings = meetings_between(on, 7)
        if not meetings:
            raise UserError(f"no 1-2-1 is planned in the seven days from {day_text(on)}")
        items = [brief_data(contact_id, meeting.date, meeting) for contact_id, meeting in meetings]
        path = output_file(args.output or Path(f"briefs-week-{on.isoformat()}.pdf"))
        pdf = render_briefs(items, args.page_size)
        try:
            with private_file(path, "wb") as stream:
                stream.write(pdf)
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
        print(f"{path} ({len(items)} brief{'s' if len(items) != 1 else ''})")
        return 0
    from relate.cli.common import resolve_contact

    data = brief_data(resolve_contact(args.contact), on if args.date else None)
    path = output_file(args.output or Path(brief_file_name(data)))
    try:
        write_brief(path, data, args.page_size)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(path)
    return 0


BRIEF_COMMANDS = {"brief": cmd_brief}
