"""Opening the demo network in a window (and a process) of its own."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess

DEMO_FILENAME = "demo.sqlite"


def demo_command(db_path: Path) -> tuple[str, list[str]]:
    """The program and arguments that open the demo network beside `db_path` in a
    window of its own: the frozen app itself, or Python running the launcher."""
    arguments = ["--db", str(db_path.with_name(DEMO_FILENAME)), "--demo"]
    if getattr(sys, "frozen", False):
        return sys.executable, arguments
    return sys.executable, ["-m", "ui.launcher", *arguments]


def open_demo(db_path: Path) -> bool:
    """Start the demo in a second window (the user's own stays as it is); whether it
    started."""
    program, arguments = demo_command(db_path)
    started, _pid = QProcess.startDetached(program, arguments)
    return started
