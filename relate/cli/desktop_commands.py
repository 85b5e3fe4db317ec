"""`relate install-desktop`: put Relate in (or take it out of) a Linux desktop's app menu."""

from __future__ import annotations

import argparse
import sys

from relate.cli.errors import UserError


def add_desktop_parser(commands: argparse._SubParsersAction) -> None:
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


def cmd_install_desktop(args: argparse.Namespace) -> int:
    # Here, not at the top: the parser loads this module for every command.
    from relate import desktop_entry

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


DESKTOP_COMMANDS = {"install-desktop": cmd_install_desktop}
