"""Every `relate` subcommand by name, gathered from the modules of each command group."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from relate.cli.backup_commands import BACKUP_COMMANDS
from relate.cli.brief_commands import BRIEF_COMMANDS
from relate.cli.calendar_commands import CALENDAR_COMMANDS
from relate.cli.commands import CONTACT_COMMANDS
from relate.cli.desktop_commands import DESKTOP_COMMANDS
from relate.cli.exchange_commands import EXCHANGE_COMMANDS
from relate.cli.import_commands import IMPORT_COMMANDS
from relate.cli.loop_commands import LOOP_COMMANDS
from relate.cli.remind_commands import REMIND_COMMANDS
from relate.cli.sync_commands import SYNC_COMMANDS
from relate.cli.who_commands import WHO_COMMANDS

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    **CONTACT_COMMANDS,
    **IMPORT_COMMANDS,
    **EXCHANGE_COMMANDS,
    **BRIEF_COMMANDS,
    **LOOP_COMMANDS,
    **CALENDAR_COMMANDS,
    **WHO_COMMANDS,
    **BACKUP_COMMANDS,
    **DESKTOP_COMMANDS,
    **REMIND_COMMANDS,
    **SYNC_COMMANDS,
}
