"""Reminders at their time while Relate runs: a timer that asks the database what is
due (`relate.reminder_store.check`, on the task runner's worker) every half minute and
hands each `Reminder` on to be shown.

The timer also notices the computer waking up (the wall clock jumped far ahead between
two ticks: a sleep, where the timer itself stood still) and a new day, so that what
shows today's lists can read them again.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from relate import reminder_store
from relate.reminders import DEFAULT_LEAD, Reminder
from ui.dialogs.errors import refusal_sentence
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

LEAD_KEY = "reminders/lead_minutes"
TICK_MS = 30_000
# The first look, once start-up has painted and read what it needed.
FIRST_TICK_MS = 4_000
# More wall-clock time than this between two ticks: the computer slept meanwhile.
WAKE_JUMP = dt.timedelta(minutes=3)


def lead_minutes(settings: QSettings) -> int:
    """How many minutes before a 1-2-1 its reminder comes (Settings → Reminders)."""
    try:
        minutes = int(settings.value(LEAD_KEY, DEFAULT_LEAD.seconds // 60))
    except (TypeError, ValueError):
        return DEFAULT_LEAD.seconds // 60
    return max(0, minutes)


class ReminderClock(QObject):
    """Checks for reminders on a timer and emits them.

    Signals:
        due(list): the `Reminder`s to show now, each once.
        moved_on(): the computer woke up or a new day began: today's lists are stale.
    """

    due = Signal(list)
    moved_on = Signal()

    def __init__(
        self,
        tasks: TaskRunner,
        settings: QSettings,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.settings, self.now = tasks, settings, now
        # Every reminder shown by this window: a read-only database records none.
        # Touched only on the worker, where the checks run one after another.
        self._shown: set[str] = set()
        self._last: dt.datetime | None = None
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._first = QTimer(self, singleShot=True, interval=FIRST_TICK_MS)
        self._first.timeout.connect(self.tick)

    def start(self) -> None:
        self._first.start()
        self.timer.start()

    def stop(self) -> None:
        self._first.stop()
        self.timer.stop()

    def tick(self) -> None:
        """Look for what is due now (on the worker); note a wake or a new day."""
        now = self.now()
        last, self._last = self._last, now
        if last is not None and (now - last > WAKE_JUMP or now.date() != last.date()):
            self.moved_on.emit()
        lead = dt.timedelta(minutes=lead_minutes(self.settings))
        self.tasks.run_in_background(
            lambda: self._check(now, lead), self._on_checked, self._on_failed
        )

    def _check(self, now: dt.datetime, lead: dt.timedelta) -> list[Reminder]:
        reminders = reminder_store.check(now, lead=lead, shown=frozenset(self._shown))
        self._shown.update(key for reminder in reminders for key in reminder.keys)
        return reminders

    def _on_checked(self, reminders: list[Reminder]) -> None:
        if reminders:
            self.due.emit(reminders)

    def _on_failed(self, exc: BaseException) -> None:
        if refusal_sentence(exc) is not None:  # busy, a full disk: the next tick tries again
            log.info("reminders not checked: %s", exc)
            return
        self.stop()  # a bug would otherwise show itself every half minute
        sys.excepthook(type(exc), exc, exc.__traceback__)
