"""Relate beyond its window: the tray icon, reminders at their time, and keeping Relate
in the tray when its window is closed (a setting, off by default).

A reminder shows as the tray's message where the desktop has a tray, else as a desktop
notification (`ui.desktop.desktop_notices`: a 1-2-1's with a *Prepare brief* button), else in the
window's status bar. Clicking the tray's message about a 1-2-1 opens its brief; clicking
a notification opens its contact (Today for a summary), its button the brief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from relate.humanize import counted
from relate.reminders import Reminder
from ui.desktop.desktop_notices import DesktopNotices
from ui.desktop.reminder_clock import ReminderClock
from ui.desktop.tray import TrayIcon

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


KEEP_IN_TRAY_KEY = "tray/keep_on_close"
TOLD_KEY = "tray/told_where"
MESSAGE_MS = 15_000
# A reminder no notification service showed stays this long in the window's status bar.
UNSHOWN_MS = 5 * 60_000
WHERE_IT_WENT = (
    "Relate is still running in the tray, and will remind you of follow-ups and 1-2-1s."
    " Click its icon to open the window; choose Quit from its menu to stop it."
)


def tray_message(reminders: list[Reminder]) -> tuple[str, str]:
    """The title and text of one tray message holding `reminders`."""
    if len(reminders) == 1:
        return reminders[0].title, reminders[0].body
    lines = [
        f"{reminder.title}:\n{reminder.body}" if reminder.is_summary else reminder.items[0].line()
        for reminder in reminders
    ]
    return counted(len(reminders), "reminder"), "\n".join(lines)


def tray_available() -> bool:
    """Whether this desktop shows tray icons."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def keeps_in_tray(settings: QSettings) -> bool:
    """The setting: closing the window keeps Relate in the tray."""
    return bool(settings.value(KEEP_IN_TRAY_KEY, False, type=bool))


class Presence:
    """The tray (where the desktop has one), the reminder clock, and what closing the
    window does. `tray`: make the tray icon even where none shows (tests)."""

    def __init__(self, window: MainWindow, tray: bool | None = None) -> None:
        self.window = window
        self.settings = window.settings
        self.quitting = False
        self._clicked_contact: int | None = None  # the last message's 1-2-1, if any
        self._clicked_brief = False
        self.tray: TrayIcon | None = None
        self.notices: DesktopNotices | None = None
        if tray_available() if tray is None else tray:
            self.tray = TrayIcon(window)
            self.tray.open_requested.connect(self.bring_forward)
            self.tray.contact_requested.connect(self.open_contact)
            self.tray.brief_requested.connect(self.open_brief)
            self.tray.log_requested.connect(self.log_interaction)
            self.tray.today_requested.connect(self.open_today)
            self.tray.quit_requested.connect(self.quit)
            self.tray.icon.messageClicked.connect(self._on_message_clicked)
        else:
            self.notices = DesktopNotices(window)
            self.notices.brief_requested.connect(self.open_brief)
            self.notices.contact_requested.connect(self.open_contact)
            self.notices.today_requested.connect(self.open_today)
            self.notices.unshown.connect(self._on_notices_unshown)
        self.clock = ReminderClock(window.tasks, self.settings, parent=window)
        # What the worker recorded as shown is this window's own change, not another
        # program's (`ExternalChanges` would reread every list for it).
        self.clock.due.connect(lambda _reminders: window.session.external_changes.look_again())
        self.clock.due.connect(self.show_reminders)
        # After a sleep Today's midnight may have passed unnoticed (one read for the
        # page and the tray: see `ui.pages.today_reads`).
        self.clock.moved_on.connect(window.today_page.freshness.mark_stale)

    def start(self) -> None:
        """Show the tray icon (where there is a tray) and start the reminders."""
        if self.tray is not None:
            self.tray.start()
            if tray_available():
                self.tray.icon.show()
                # The window can close into the tray: Quit says when the app ends.
                QApplication.setQuitOnLastWindowClosed(False)
        self.clock.start()

    # Reminders -----------------------------------------------------------------------------

    def show_reminders(self, reminders: list[Reminder]) -> None:
        """Show the reminders: as one tray message (a tray shows one at a time), else
        each as a desktop notification."""
        if self.notices is not None:
            for reminder in reminders:
                self.notices.show(reminder)
            return
        assert self.tray is not None
        title, body = tray_message(reminders)
        single = reminders[0] if len(reminders) == 1 and not reminders[0].is_summary else None
        self._clicked_contact = single.items[0].contact_id if single else None
        self._clicked_brief = single is not None and single.meeting_id is not None
        self.tray.icon.showMessage(title, body, self.tray.app_icon, MESSAGE_MS)

    def _on_notices_unshown(self, title: str, body: str) -> None:
        text = " ".join(body.split("\n"))
        self.window.statusBar().showMessage(f"{title}: {text}", UNSHOWN_MS)

    def _on_message_clicked(self) -> None:
        if self._clicked_contact is None:
            self.open_today()
        elif self._clicked_brief:
            self.open_brief(self._clicked_contact)
        else:
            self.open_contact(self._clicked_contact)

    # What the tray asks of the window -----------------------------------------------------

    def bring_forward(self) -> None:
        """Open Relate: the window shown, in front."""
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def open_contact(self, contact_id: int) -> None:
        self.bring_forward()
        self.window.open_contact(contact_id)

    def open_brief(self, contact_id: int) -> None:
        self.bring_forward()
        self.window.handlers.open_brief(contact_id)

    def open_today(self) -> None:
        self.bring_forward()
        self.window.navigator.choose_view("today")

    def log_interaction(self) -> None:
        """Log an interaction…: with the contact on show, else find someone first."""
        self.bring_forward()
        log_action = self.window.menu_actions.log_action
        if log_action.isEnabled():
            log_action.trigger()
            return
        self.window.navigator.choose_view("all")
        self.window.list_pane.focus_search()
        self.window.statusBar().showMessage(
            "Find the person to log an interaction with, then press Ctrl+L.", 10_000
        )

    # Closing ------------------------------------------------------------------------------

    def keep_in_tray(self, event: QCloseEvent) -> bool:
        """On closing the window: whether it goes to the tray instead (then the event is
        ignored and the window hidden; the first time, a message says where it went)."""
        if self.quitting or self.tray is None or not keeps_in_tray(self.settings):
            return False
        event.ignore()
        self.window.hide()
        if not self.settings.value(TOLD_KEY, False, type=bool):
            self.settings.setValue(TOLD_KEY, True)
            self.tray.icon.showMessage(
                "Relate is in the tray", WHERE_IT_WENT, self.tray.app_icon, MESSAGE_MS
            )
        return True

    def closed(self) -> None:
        """The window has really closed: no more reminders, and the app ends."""
        self.clock.stop()
        if self.tray is not None:
            self.tray.icon.hide()
        if self.notices is not None:
            self.notices.stop()
        if not QApplication.quitOnLastWindowClosed():
            QApplication.exit(0)

    def quit(self) -> None:
        """Quit (the tray's, or File → Quit): close the window for good."""
        self.quitting = True
        if not self.window.close():
            self.quitting = False  # something refused to close
