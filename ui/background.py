"""Slow work (imports, exports) on a worker thread, with progress and Cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from relate.db import thread_connection

# work(task) -> result; it may call task.report(done, total) and task.cancelled().
Work = Callable[["BackgroundTask"], Any]


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask, work: Work) -> None:
        super().__init__()
        self.task, self.work = task, work

    def run(self) -> None:
        try:
            with thread_connection():
                result = self.work(self.task)
        except Exception as exc:  # handed to the window thread, which shows it
            self.task.failed.emit(exc)
        else:
            self.task.finished.emit(result)


class BackgroundTask(QObject):
    """One piece of work on a worker thread with its own database connection.

    Signals arrive on the thread that made the task (the window's):
        progressed(done, total), finished(result), failed(exception).
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Running until its answer has reached this thread (the worker's thread lingers
        # a moment after it emits, and work asked for then must not be turned away).
        self._running = False
        self.finished.connect(self._on_ended)
        self.failed.connect(self._on_ended)

    def start(self, work: Work) -> None:
        """Run `work(self)` on the worker thread."""
        self._cancel.clear()
        self._running = True
        self._pool.start(_Runner(self, work))

    def _on_ended(self, _result: object) -> None:
        self._running = False

    def report(self, done: int, total: int) -> None:
        """Called by the work as it goes (from the worker thread)."""
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        """Ask the work to stop; it notices at its next `cancelled()` check."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        """Whether work was started and its answer has not come back yet."""
        return self._running

    def wait(self) -> None:
        """Block until the work has ended (before the window closes)."""
        self._pool.waitForDone()
