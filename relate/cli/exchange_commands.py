"""`relate export`, `relate duplicates`, `relate merge` and `relate undo-merge`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from relate.cli.arguments import Subcommands, output_file, record_id
from relate.cli.errors import UserError
from relate.fields import MERGE_NAMES

if TYPE_CHECKING:
    from relate.merge import Side

EXPORT_KINDS = ("vcard", "csv", "json")


def add_exchange_parsers(commands: Subcommands) -> None:
    """The export and duplicate subcommands, added to the main parser."""
    export = commands.add_parser(
        "export", help="write contacts to a file: vCards, a CSV list, or everything as JSON"
    )
    export.add_argument("format", choices=EXPORT_KINDS, help="what kind of file")
    export.add_argument("file", metavar="FILE", type=Path)
    export.add_argument("--search", metavar="Q", help="only contacts matching these words")
    export.add_argument(
        "--tag", action="append", default=[], help="only contacts with this tag (repeatable)"
    )
    found = commands.add_parser("duplicates", help="list contacts that are likely one person")
    found.add_argument("--limit", type=int, default=100, metavar="N", help="at most N pairs")
    merge = commands.add_parser(
        "merge", help="merge the second contact into the first (undoable: see `merges`)"
    )
    merge.add_argument("keep", metavar="KEEP_ID", type=record_id, help="the contact that stays")
    merge.add_argument("drop", metavar="DROP_ID", type=record_id, help="the contact merged into it")
    merge.add_argument(
        "--take",
        action="append",
        default=[],
        choices=MERGE_NAMES,
        metavar="FIELD",
        help="where both have a value, take this field from DROP_ID (repeatable)",
    )
    commands.add_parser("merges", help="list past merges, newest first")
    undo = commands.add_parser("undo-merge", help="separate two merged contacts again")
    undo.add_argument("merge", metavar="ID", type=record_id, help="the merge's id (see `merges`)")


def cmd_export(args: argparse.Namespace) -> int:
    from relate import queries  # with the command: building the parser need not wait

    filtered = args.search or args.tag
    if filtered and args.format == "json":
        raise UserError("a JSON export is always of everything; --search and --tag do not apply")
    ids = queries.contact_ids(args.search, args.tag) if filtered else None
    output_file(args.file)
    try:
        what = _export(args.format, args.file, ids)
    except OSError as exc:
        raise UserError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    print(f"Wrote {what} to {args.file}")
    return 0


def _export(kind: str, path: Path, ids: list[int] | None) -> str:
    """Write the file; what it holds, in words."""
    if kind == "json":
        from relate.exporters.json_export import export_json

        counts = export_json(path)
        return ", ".join(f"{n} {section.replace('_', '-')}" for section, n in counts.items())
    if kind == "csv":
        from relate.exporters.csv_export import export_csv

        return f"{export_csv(path, ids)} contacts"
    from relate.exporters.vcard import export_vcards

    return f"{export_vcards(path, ids)} contacts"


def cmd_duplicates(args: argparse.Namespace) -> int:
    from relate import queries
    from relate.duplicates import find_duplicates

    pairs = find_duplicates(args.limit)
    ids = [i for pair in pairs for i in (pair.first_id, pair.second_id)]
    names = {summary.id: summary.display_name for summary in queries.summaries(ids)}
    for pair in pairs:
        first, second = pair.first_id, pair.second_id
        print(f"{first} {names[first]} / {second} {names[second]}: {'; '.join(pair.reasons)}")
    if pairs:
        top = pairs[0]
        print(f"`relate merge {top.first_id} {top.second_id}` merges the first pair.")
    else:
        print("No likely duplicates.")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from relate.merge import merge_contacts

    choices: dict[str, Side] = dict.fromkeys(args.take, "drop")
    merge_id = merge_contacts(args.keep, args.drop, choices)
    print(
        f"Merged {args.drop} into {args.keep} (merge {merge_id};"
        f" `relate undo-merge {merge_id}` separates them again)."
    )
    return 0


def cmd_merges(args: argparse.Namespace) -> int:
    from relate.merge import merges

    for record in merges():
        state = f"undone {record.undone_at:%Y-%m-%d %H:%M}" if record.undone_at else ""
        print(
            f"{record.id:>4}  {record.merged_at:%Y-%m-%d %H:%M}  {record.dropped_name}"
            f" ({record.dropped_id}) into {record.kept_id}  {state}".rstrip()
        )
    return 0


def cmd_undo_merge(args: argparse.Namespace) -> int:
    from relate.merge import undo_merge

    undo_merge(args.merge)
    print(f"Undid merge {args.merge}: both contacts are back as they were.")
    return 0


EXCHANGE_COMMANDS = {
    "export": cmd_export,
    "duplicates": cmd_duplicates,
    "merge": cmd_merge,
    "merges": cmd_merges,
    "undo-merge": cmd_undo_merge,
}
