"""The tray icon: how much is due today, and Today's first items one click from done,
snoozed or opened, while the window is open or closed.

Its menu is rebuilt whenever the data changes (desktops that export a tray's menu over
D-Bus read it before it opens, so it cannot be filled as it opens), from the Today
page's own read (`ui.pages.today_reads`: one read a change for both). Its items act through
`ui.undo.today_actions`, as the Today page's rows do.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from relate import today
from relate.dates import time_text
from relate.humanize import counted
from relate.resources import resource_path
from ui.undo.today_actions import DONE_KINDS, SNOOZE_CHOICES, TodayActions

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

# Items per section of the menu; the rest are on the Today page.
TRAY_ROWS = 5
# After the database refused a read (busy), it is asked again this much later.
RETRY_MS = 500
ICON_SIZE = 64
# A menu item's text is cut here: a follow-up's words can run to a paragraph.
LABEL_CHARS = 60


def menu_label(text: str) -> str:
    """`text` as a menu item shows it: one line, cut with "…", an "&" shown as itself
    (a single one would mark the next letter as a keyboard shortcut)."""
    line = " ".join(text.split())
    if len(line) > LABEL_CHARS:
        line = line[: LABEL_CHARS - 1].rstrip() + "…"
    return line.replace("&", "&&")


def due_count(view: today.TodayView) -> int:
    """What is due today: follow-ups (overdue ones too), today's 1-2-1s, and contacts
    due to be in touch."""
    return view.follow_ups_total + len(meetings_today(view)) + view.due_total


def meetings_today(view: today.TodayView) -> list:
    return [meeting for meeting in view.meetings if meeting.starts_at.date() == view.on]


def tooltip_text(view: today.TodayView | None) -> str:
    if view is None:
        return "Relate"
    parts = [
        counted(view.follow_ups_total, "follow-up") + " due",
        counted(len(meetings_today(view)), "1-2-1") + " today",
        f"{view.due_total:,} due to be in touch",
    ]
    return "Relate: " + ", ".join(parts)


def badged(icon: QIcon, count: int) -> QIcon:
    """The app's icon with `count` in a red disc at its corner (none for 0)."""
    if count <= 0:
        return icon
    pixmap = icon.pixmap(ICON_SIZE, ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QRect(ICON_SIZE // 3, ICON_SIZE // 3, ICON_SIZE * 2 // 3, ICON_SIZE * 2 // 3)
    painter.setBrush(QColor("#c62828"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(ICON_SIZE // 3)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)


class TrayIcon(QObject):
    """The tray icon and its menu, over the window's data.

    Signals:
        open_requested(): Open Relate (or a click on the icon).
        contact_requested(int): open this contact in the window.
        brief_requested(int): prepare the brief for this contact's 1-2-1.
        log_requested(): Log an interaction….
        today_requested(): the whole of Today.
        quit_requested(): Quit.
    """

    open_requested = Signal()
    contact_requested = Signal(int)
    brief_requested = Signal(int)
    log_requested = Signal()
    today_requested = Signal()
    quit_requested = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.app_icon = QIcon(str(resource_path("icons", "relate.svg")))
        self.icon = QSystemTrayIcon(self.app_icon, self)
        self.icon.setToolTip(tooltip_text(None))
        self.menu = QMenu(window)
        self.menu.setObjectName("trayMenu")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_icon_activated)
        self.actions = TodayActions(window.stack, window.events, window)
        self.view: today.TodayView | None = None
        # Today is read after every change, the page shown or not: the tray shows it.
        self.reads = window.today_page.reads
        self.reads.keep_reading = True
        self.reads.view_read.connect(self._on_reads_view_read)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.reads.read)
        self.reads.read_refused.connect(lambda _sentence: self._retry.start())
        self._fill()

    def start(self) -> None:
        """Show what Today's last read found, else read it."""
        if self.reads.view is not None:
            self._on_reads_view_read(self.reads.view)
        elif not self.reads.pending:
            self.reads.read()

    def _on_reads_view_read(self, view: today.TodayView) -> None:
        self.view = view
        self._fill()

    def _on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()

    # The menu ----------------------------------------------------------------------------

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object]) -> QAction:
        action = menu.addAction(text)
        # Through a lambda: `triggered` passes `checked`, which a slot must not get.
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _heading(self, text: str) -> None:
        self.menu.addAction(text).setEnabled(False)

    def _fill(self) -> None:
        view = self.view
        count = 0 if view is None else due_count(view)
        self.icon.setIcon(badged(self.app_icon, count))
        self.icon.setToolTip(tooltip_text(view))
        self.menu.clear()
        if view is not None:
            self._today_items(view)
            self._add(self.menu, "All of Today…", self.today_requested.emit)
            self.menu.addSeparator()
        self._add(self.menu, "Log an interaction…", self.log_requested.emit)
        self._add(self.menu, "Open Relate", self.open_requested.emit)
        self.menu.addSeparator()
        self._add(self.menu, "Quit", self.quit_requested.emit)

    def _today_items(self, view: today.TodayView) -> None:
        if not due_count(view):
            self._heading("Nothing due today")
        if view.follow_ups:
            self._heading(counted(view.follow_ups_total, "follow-up") + " due")
        for item in view.follow_ups[:TRAY_ROWS]:
            sub = self.menu.addMenu(menu_label(f"{item.contact_name}: {item.text}"))
            self._add(sub, "Open", functools.partial(self.contact_requested.emit, item.contact_id))
            done = functools.partial(self.actions.complete_follow_up, item.contact_id, item.id)
            self._add(sub, "Done", done)
            snooze = functools.partial(self.actions.snooze_follow_up, item.contact_id, item.id)
            self._snooze_menu(sub, snooze, view.on)
        meetings = meetings_today(view)
        if meetings:
            self._heading(counted(len(meetings), "1-2-1") + " today")
        for meeting in meetings:
            sub = self.menu.addMenu(
                menu_label(f"{meeting.contact_name} at {time_text(meeting.starts_at)}")
            )
            who = meeting.contact_id
            self._add(sub, "Open", functools.partial(self.contact_requested.emit, who))
            self._add(sub, "Prepare brief", functools.partial(self.brief_requested.emit, who))
        if view.due:
            self._heading(f"{view.due_total:,} due to be in touch")
        for contact in view.due[:TRAY_ROWS]:
            sub = self.menu.addMenu(menu_label(contact.name))
            who = contact.contact_id
            self._add(sub, "Open", functools.partial(self.contact_requested.emit, who))
            done = sub.addMenu("Done")
            for kind, label in DONE_KINDS:
                self._add(done, label, functools.partial(self.actions.kept_in_touch, who, kind))
            self._snooze_menu(sub, functools.partial(self.actions.snooze_contact, who), view.on)

    def _snooze_menu(self, menu: QMenu, apply: Callable[[dt.date], object], on: dt.date) -> None:
        snooze = menu.addMenu("Snooze")
        for label, days in SNOOZE_CHOICES:
            self._add(snooze, label, functools.partial(apply, on + dt.timedelta(days=days)))
