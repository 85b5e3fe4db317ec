"""The one read of Today's lists after a change, handed to all that show them (the Today
page, the tray's menu), so a change costs one read however many show it.

At 100,000 contacts of a mature network the read takes some 80 ms on the worker
(bench/today_reads.py): the page and the tray each reading their own doubled that for
every change.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from relate import today
from ui.dialogs.errors import refusal_sentence
from ui.tasks import TaskRunner

# Rows of each list read: the Today page's; the tray shows the first few.
ROWS_PER_SECTION = 10


class TodayReads(QObject):
    """Reads `relate.today.today_view` on the task runner's worker and hands it on.

    `keep_reading`: read after every change even while the Today page is hidden (the
    tray shows Today all the time); else a hidden page reads nothing.

    Signals:
        view_read(object): the newest `TodayView` (an answer overtaken by a later read
            is dropped: the later one has the later changes in it).
        read_refused(str): the database refused the read (busy, say), in a sentence.
    """

    view_read = Signal(object)
    read_refused = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.keep_reading = False
        self.view: today.TodayView | None = None
        self.asked = False  # a read was asked for
        self.pending = False  # the latest read asked for has not answered yet
        self._reading = 0  # the latest read asked for

    def read(self, on: dt.date | None = None) -> None:
        """Read the day's lists (off the window's thread); `view_read` brings them."""
        self.asked = self.pending = True
        self._reading += 1
        reading = self._reading
        self.tasks.run_in_background(
            lambda: today.today_view(on, limit=ROWS_PER_SECTION),
            lambda view: self._on_read(view, reading),
            self._on_failed,
        )

    def _on_read(self, view: today.TodayView, reading: int) -> None:
        if reading != self._reading:
            return
        self.view, self.pending = view, False
        self.view_read.emit(view)

    def _on_failed(self, exc: BaseException) -> None:
        self.pending = False
        sentence = refusal_sentence(exc)
        if sentence is None:
            raise exc  # a bug: the exception hook shows it
        self.read_refused.emit(sentence)
