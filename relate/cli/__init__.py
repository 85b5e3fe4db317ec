"""The `relate` command line: parse, open the database, run one command."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence

from peewee import OperationalError

from relate.cli.parser import build_parser
from relate.importers import ImportFileError
from relate.store.backups import BackupError, sweep_leftovers
from relate.store.db import close_database, database_refusal, open_database, resolve_db_path
from relate.store.migrations import SchemaError
from relate.store.sqlite_errors import UNAVAILABLE_REASONS, DatabaseUnavailableError
from relate.validation import NotFoundError, ValidationError

__all__ = ["build_parser", "main", "run_command"]

# Commands about the app itself, not the data: they neither need nor create a database;
# and `remind`, which opens it itself, read-only, waiting a moment at most for it.
WITHOUT_DATABASE = {"install-desktop", "remind"}
EXIT_BUG = 70  # EX_SOFTWARE: an internal error, as opposed to a user error (1)


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs the subcommand `name`. The import commands come from their
    own module (the parser has it loaded already), so an import of tens of thousands of
    rows does not also wait for the modules of every other command."""
    from relate.cli.import_commands import IMPORT_COMMANDS

    if name in IMPORT_COMMANDS:
        return IMPORT_COMMANDS[name]
    from relate.cli.registry import COMMANDS

    return COMMANDS[name]


def _printed_for_a_terminal(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """`command`, with whatever it prints showing control characters escaped (see
    `relate.cli.terminal`): imported text never drives the user's terminal."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        from relate.cli.terminal import terminal_output  # not loaded before the window paints

        with terminal_output():
            return command(args)

    return run


@_printed_for_a_terminal
def run_command(args: argparse.Namespace) -> int:
    """Run the subcommand in `args` against the chosen database; returns the exit status."""
    from relate.cli.errors import UserError

    path = resolve_db_path(args.db)
    try:
        if args.command not in WITHOUT_DATABASE:
            sweep_leftovers(path)
            try:
                open_database(path)
            except DatabaseUnavailableError:
                raise
            except OSError as exc:
                raise UserError(f"cannot use the database {path}: {exc.strerror or exc}") from exc
        return _command(args.command)(args)
    except (
        UserError,
        ValidationError,
        NotFoundError,
        SchemaError,
        ImportFileError,
        BackupError,
    ) as exc:
        print(f"relate: {exc}", file=sys.stderr)
        return 1
    except DatabaseUnavailableError as exc:
        print(f"relate: {str(exc).rstrip('.')}; nothing was changed", file=sys.stderr)
        return 1
    except OperationalError as exc:
        refusal = database_refusal(exc)
        if refusal == "busy":
            print(
                f"relate: the database {path} is busy (another Relate is writing to it);"
                " nothing was changed, try again in a moment",
                file=sys.stderr,
            )
        elif refusal in UNAVAILABLE_REASONS:
            print(
                f"relate: cannot use the database {path}: {UNAVAILABLE_REASONS[refusal]};"
                " nothing was changed",
                file=sys.stderr,
            )
        else:
            print(f"relate: cannot use the database {path}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("relate: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`relate list | head`): stop quietly, as Unix tools do,
        # and keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a bug: say where the details went, not a traceback
        from relate.logs import log_bug

        log = log_bug(exc, f"relate {args.command}")
        details = (
            f" The details are in {log}; please include that file when you report it."
            if log is not None
            else " Its details could not be written to a log (that folder cannot be written)."
        )
        print(
            "relate: something went wrong inside Relate (a bug, not something you did)." + details,
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        close_database()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m relate`: commands only (the window lives in `ui`)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        print(
            "\nThe desktop app opens with the `relate` command when Relate is installed.",
            file=sys.stderr,
        )
        return 2
    return run_command(args)
