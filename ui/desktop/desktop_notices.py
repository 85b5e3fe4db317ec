"""Reminders as desktop notifications, where the desktop has no tray: a 1-2-1's carries a
*Prepare brief* button, and what the user clicks comes back to the window as a signal.

The notifier (`relate.desktop.notifier_loop`) lives as long as the window and calls back on a
thread of its own; the signals bring each call to the window's thread.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from relate.desktop.notifier_loop import NotifierLoop
from relate.reminders import Reminder

log = logging.getLogger(__name__)

PREPARE_BRIEF = "Prepare brief"


class DesktopNotices(QObject):
    """Shows each reminder as a desktop notification.

    Signals:
        brief_requested(int): *Prepare brief* was clicked: that contact's brief.
        contact_requested(int): a reminder about one contact was clicked.
        today_requested(): a summary of several was clicked.
        unshown(str, str): no notification could show this title and text.
    """

    brief_requested = Signal(int)
    contact_requested = Signal(int)
    today_requested = Signal()
    unshown = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = NotifierLoop()

    def show(self, reminder: Reminder) -> None:
        """One notification for `reminder` (without waiting for the service)."""
        title, body = reminder.title, reminder.body
        buttons: list[tuple[str, Callable[[], object]]] = []
        if reminder.is_summary:
            on_clicked: Callable[[], object] = self.today_requested.emit
        else:
            contact_id = reminder.items[0].contact_id
            on_clicked = functools.partial(self.contact_requested.emit, contact_id)
            if reminder.meeting_id is not None:
                brief = functools.partial(self.brief_requested.emit, contact_id)
                buttons.append((PREPARE_BRIEF, brief))

        def failed(why_not: str) -> None:
            log.info("a reminder could not be shown: %s", why_not)
            self.unshown.emit(title, body)

        self.notifier.send(title, body, failed, on_clicked, buttons)

    def stop(self) -> None:
        """The window has closed: no more notifications, nor clicks on them."""
        self.notifier.stop()
