"""`--quit-after-load`: report how long the window took to paint its opening page, then quit."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

# Fallback when the operating system cannot say when the process started.
_IMPORTED = time.monotonic()


def seconds_since_process_start() -> float:
    """Time since this process started (Linux: from /proc), else since this import."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # Field 22, counted after the parenthesised command name, which may hold spaces.
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        with open("/proc/uptime", encoding="ascii") as uptime:
            return float(uptime.read().split()[0]) - started
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


class FirstPaintProbe(QObject):
    """Watches the surface the window opens on (the Today page, or the list's rows);
    after its first paint, prints the milliseconds since process start and quits."""

    def __init__(self, surface: QWidget) -> None:
        super().__init__(surface)
        self.surface = surface
        surface.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched is self.surface:
            QTimer.singleShot(0, self._report)
            self.surface.removeEventFilter(self)
        return False

    def _report(self) -> None:
        elapsed_ms = seconds_since_process_start() * 1000
        print(f"{elapsed_ms:.0f}", flush=True)
        sys.stdout.flush()
        QApplication.quit()
