"""`relate who`: ask "who do you know who…" from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from relate.cli.arguments import NO_LIMIT, Subcommands
from relate.cli.errors import UserError
from relate.records import to_jsonable

if TYPE_CHECKING:  # loaded by the command itself: building the parser need not wait
    from relate.who_knows import WhoKnowsResult


def add_who_parser(commands: Subcommands) -> None:
    """The `who` subcommand, added to the main parser."""
    who = commands.add_parser(
        "who",
        help="who do you know who…: people matching a question, best first",
        description="For example: relate who does architecture in Cleveland. Words such as"
        ' "who", "knows" and "in" are ignored; tags and positions count most.',
    )
    who.add_argument("question", metavar="QUESTION", nargs="+", help="the question, in words")
    who.add_argument("--json", action="store_true", help="print a JSON array")
    who.add_argument("--limit", type=int, default=20, metavar="N", help="at most N (default 20)")


def _line(result: WhoKnowsResult) -> str:
    role = " at ".join(part for part in (result.position, result.company) if part)
    why = "; ".join(result.reasons)
    return f"{result.contact_id:>6}  {result.name:<30}  {role:<50}  {why}".rstrip()


def cmd_who(args: argparse.Namespace) -> int:
    from relate import who_knows

    if args.limit < 1:
        raise UserError("--limit must be 1 or more")
    results = who_knows.who_knows(" ".join(args.question), limit=min(args.limit, NO_LIMIT))
    if args.json:
        json.dump(to_jsonable(results), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif results:
        print("\n".join(_line(result) for result in results))
    else:
        print("Nobody you know matches that.", file=sys.stderr)
    return 0


WHO_COMMANDS = {"who": cmd_who}
