"""The `relate` command: subcommands go to the core's CLI; no command opens the window.

Qt is imported only when the window opens, so `relate list` and friends start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand, or open the desktop app when none is given."""
    from relate.cli.parser import app_arguments

    argv = sys.argv[1:] if argv is None else list(argv)
    args = app_arguments(argv)
    if args is None:  # a command, help, or a mistake: the whole command line
        from relate.cli import build_parser, run_command

        args = build_parser().parse_args(argv)
        if args.command is not None:
            return run_command(args)
    from ui.app import run_app

    return run_app(args)


def main_gui() -> int:
    """Entry point of `relate-app` (a GUI script: no console window on Windows)."""
    return main()


if __name__ == "__main__":
    sys.exit(main())
