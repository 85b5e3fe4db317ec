"""`relate install-desktop`: put Relate in (or take it out of) a Linux desktop's app menu."""

from __future__ import annotations

import argparse
import os
import sys

from relate.cli.arguments import Subcommands
from relate.cli.errors import UserError
from relate.store.db import ENV_VAR, resolve_db_path
from relate.validation import ValidationError, parse_time


def add_desktop_parser(commands: Subcommands) -> None:
    """The install-desktop subcommand, added to the main parser."""
    desktop = commands.add_parser(
        "install-desktop",
        help="add Relate to this user's application menu (Linux desktops)",
        description="Install the desktop entry and the app icon into $XDG_DATA_HOME (else"
        " ~/.local/share), so Relate shows in the application menu and its window gets its"
        " icon. The entry starts the Relate that runs this command.",
    )
    desktop.add_argument(
        "--uninstall", action="store_true", help="remove the entry and icons installed before"
    )
    desktop.add_argument(
        "--reminders",
        action="store_true",
        help="instead, run the morning digest (relate remind) at login and each morning:"
        " an autostart entry and a systemd user timer on Linux, a LaunchAgent on macOS,"
        " a scheduled task on Windows; with --uninstall, remove them",
    )
    desktop.add_argument(
        "--at",
        metavar="HH:MM",
        help="with --reminders: the morning time of the digest (default 08:30)",
    )


def cmd_install_desktop(args: argparse.Namespace) -> int:
    # Here, not at the top: the parser loads this module for every command.
    from relate.desktop import desktop_entry

    if args.reminders:
        return _reminders(args)
    if args.at is not None:
        raise UserError("--at is the morning time of --reminders; add --reminders")
    if sys.platform in ("win32", "darwin"):
        raise UserError("install-desktop is for Linux (freedesktop) desktops")
    try:
        if args.uninstall:
            removed = desktop_entry.uninstall()
            for path in removed:
                print(f"Removed {path}")
            if not removed:
                print("Nothing to remove: Relate was not in the application menu.")
            return 0
        done = desktop_entry.install()
    except OSError as exc:
        raise UserError(f"cannot write the desktop files: {exc}") from exc
    print(f"Installed {done.desktop_file}")
    print(f"  starts: {desktop_entry.exec_line(done.command)}")
    print(f"  icons: {len(done.icons)} files under {done.icons[0].parents[2]}")
    return 0


def _reminders(args: argparse.Namespace) -> int:
    from relate.desktop import reminder_install
    from relate.desktop.reminder_files import DEFAULT_MORNING

    try:
        morning = parse_time(args.at, "--at time") or DEFAULT_MORNING
    except ValidationError as exc:
        raise UserError(str(exc)) from None
    # The database chosen for this run (--db or RELATE_DB) is the digest's too; else
    # it follows the one chosen in Settings, as every command does.
    database = (
        str(resolve_db_path(args.db).absolute()) if args.db or os.environ.get(ENV_VAR) else None
    )
    try:
        if args.uninstall:
            removed = reminder_install.uninstall_reminders()
            print("\n".join(reminder_install.removed_lines(removed)))
            return 0
        done = reminder_install.install_reminders(morning, database=database)
    except OSError as exc:
        raise UserError(f"cannot write the reminder files: {exc}") from exc
    print("\n".join(reminder_install.installed_lines(done, morning)))
    return 0


DESKTOP_COMMANDS = {"install-desktop": cmd_install_desktop}
