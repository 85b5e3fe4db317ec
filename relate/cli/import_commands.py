"""`relate import`, `relate imports` and `relate undo-import`."""

from __future__ import annotations

import argparse
from pathlib import Path

from relate.cli.arguments import Subcommands, record_id
from relate.cli.errors import UserError
from relate.history.sources import READERS
from relate.import_sources import source_name
from relate.importers.batches import (
    apply_plan,
    changes_anything,
    check_undoable,
    import_batches,
    undo_import,
)
from relate.importers.sources import PLANNERS, plan_file


def add_import_parsers(commands: Subcommands) -> None:
    """The import subcommands, added to the main parser."""
    run = commands.add_parser("import", help="import contacts from a file (undoable)")
    run.add_argument(
        "format",
        choices=[*PLANNERS, *READERS],
        help="what kind of file (csv: any other CSV, its columns recognised by their names;"
        " mail: an mbox, a Maildir or a folder of .eml files; calendar: an .ics file or a"
        " folder of them)",
    )
    run.add_argument("file", metavar="FILE", type=Path)
    run.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    run.add_argument(
        "--verbose", action="store_true", help="also list skipped and merged rows, and why"
    )
    history = run.add_argument_group("mail, calendars and LinkedIn messages")
    history.add_argument(
        "--keep-text",
        action="store_true",
        help="also keep the text of each message or mail (off: subjects only)",
    )
    history.add_argument(
        "--since", metavar="DATE", help="calendar: from this date (default: two years ago)"
    )
    history.add_argument("--until", metavar="DATE", help="calendar: up to this date")
    history.add_argument(
        "--plan-meetings",
        action="store_true",
        help="calendar: plan the 1-2-1s still to come in Relate too",
    )
    history.add_argument(
        "--add-people",
        action="store_true",
        help="also add the people not in your contacts you wrote with more than once",
    )
    history.add_argument(
        "--my-skills",
        action="store_true",
        help="LinkedIn archive: add your profile's skills to your expertise and its"
        " industry to your interests",
    )
    commands.add_parser("imports", help="list past imports, newest first")
    undo = commands.add_parser("undo-import", help="take an import back out")
    undo.add_argument("batch", metavar="ID", type=record_id, help="the import's id (see `imports`)")
    for parser in (run, undo):
        parser.add_argument(
            "--no-backup",
            action="store_true",
            help="go ahead without the backup made before (when the disk has no room for it)",
        )


def _back_up_first(args: argparse.Namespace, reason: str, unchanged: str) -> None:
    """The backup before a bulk change, unless --no-backup; refused with the way through
    when the disk has no room for it."""
    if args.no_backup:
        return
    from relate.store.backups import BackupSpaceError
    from relate.store.import_backups import backup_before_import

    try:
        backup_before_import(reason)
    except BackupSpaceError as exc:
        raise UserError(
            f"{exc} {unchanged} Free some space, or go ahead without a backup (--no-backup)."
        ) from None


def _an_archive(args: argparse.Namespace) -> bool:
    """`relate import linkedin` of the archive (the zip, its folder, messages.csv…)
    rather than of Connections.csv alone."""
    if args.format != "linkedin":
        return False
    from relate.history.kinds import history_kind

    if history_kind(args.file) != "linkedin-archive":
        return False
    args.format = "linkedin-archive"
    return True


def cmd_import(args: argparse.Namespace) -> int:
    if args.format in READERS or _an_archive(args):
        from relate.cli.history_commands import import_history

        return import_history(
            args, lambda: _back_up_first(args, "before-import", "Nothing was imported.")
        )
    plan = plan_file(args.file, args.format)
    for line in plan.row_outcomes() if args.verbose else ():
        print(line)
    if args.dry_run:
        print(f"{plan.summary()} (dry run: nothing was written)")
        return 0
    # A plan that changes nothing leaves no trace, not even a backup.
    if changes_anything(plan):
        _back_up_first(args, "before-import", "Nothing was imported.")
    batch = apply_plan(plan)
    if batch is None:
        print(f"{plan.summary()} (nothing to change)")
    else:
        print(f"{plan.summary()} (import {batch}; `relate undo-import {batch}` takes it back)")
    return 0


def cmd_imports(args: argparse.Namespace) -> int:
    for batch in import_batches():
        state = f"undone {batch.undone_at:%Y-%m-%d %H:%M}" if batch.undone_at else ""
        print(
            f"{batch.id:>4}  {batch.imported_at:%Y-%m-%d %H:%M}  {source_name(batch.source):<20}"
            f"  {batch.file_name}  {batch.counts_text()}  {state}".rstrip()
        )
    return 0


def cmd_undo_import(args: argparse.Namespace) -> int:
    check_undoable(args.batch)  # before a backup is made for nothing
    _back_up_first(args, "before-undo-import", "Nothing was undone.")
    print(f"Undid import {args.batch}: {undo_import(args.batch).sentence()}.")
    return 0


IMPORT_COMMANDS = {"import": cmd_import, "imports": cmd_imports, "undo-import": cmd_undo_import}
