"""Reading the database off the window's thread: one worker, results back by signal.

A page hands `TaskRunner.run` a core function and what to do with its result; the
function runs on the worker with a database connection of its own, and the result
comes back to the window's thread, where the page fills itself. Tests set
`TaskRunner.inline` so that work runs at once, in order, with no signal to wait for.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from relate.db import WorkerReads

log = logging.getLogger(__name__)

Work = Callable[[], Any]
Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]


class _Job(QRunnable):
    def __init__(
        self, runner: TaskRunner, work: Work, done: Done, failed: Failed | None, epoch: int
    ) -> None:
        super().__init__()
        self.runner, self.work, self.done, self.failed = runner, work, done, failed
        self.epoch = epoch

    def run(self) -> None:
        try:
            with self.runner._reads.reading():
                result = self.work()
        except Exception as exc:  # handed to the window's thread, which says so
            self._answer(self.failed, exc, True)
        else:
            self._answer(self.done, result, False)

    def _answer(self, callback: Done | Failed | None, value: Any, failed: bool) -> None:
        try:
            self.runner._ended.emit(callback, value, failed, self.epoch)
        except RuntimeError:  # the runner went with its window, as the app quit
            log.info("a background read ended after its window had gone")


class TaskRunner(QObject):
    """Runs core functions on one worker thread, in the order given, each with a
    connection of its own, and calls back on the thread that made the runner.

    A failure goes to `failed`, or, without one, to the exception hook (the crash
    dialog): a read that fails is a bug or a damaged file, never silence. Work that
    `cancel` called off gives no answer at all.
    """

    inline: ClassVar[bool] = False  # tests: run at once, on the calling thread
    # callback, result or exception, whether it failed, the epoch it was asked in
    _ended = Signal(object, object, bool, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one connection at a time, work in order
        self._pool.setExpiryTimeout(-1)  # the thread waits for the next piece of work
        self._epoch = 0  # work asked for before the last `cancel` is not answered
        self._reads = WorkerReads()
        self._ended.connect(self._on_ended)

    def run(self, work: Work, done: Done, failed: Failed | None = None) -> None:
        """Run `work()` off the window's thread, then `done(result)` on it."""
        if self.inline:
            try:
                result = work()
            except Exception as exc:
                self._on_ended(failed, exc, True, self._epoch)
            else:
                done(result)
            return
        self._pool.start(_Job(self, work, done, failed, self._epoch))

    def is_busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def wait(self) -> None:
        """Block until every piece of work has ended (before the database closes)."""
        self._pool.waitForDone()

    def cancel(self) -> None:
        """Call off every piece of work asked for so far: what has not started never
        will, a read under way is interrupted, and none of them answers. For a window
        closing, or a database about to be replaced, that need not wait on a read."""
        self._epoch += 1
        self._pool.clear()
        # Again until it ends: an interrupt that comes between two statements of a
        # piece of work stops nothing.
        while True:
            self._reads.interrupt()
            if self._pool.waitForDone(10):
                return

    def _on_ended(
        self, callback: Callable[[Any], object] | None, value: Any, failed: bool, epoch: int
    ) -> None:
        if epoch != self._epoch:
            return  # called off
        if callback is not None:
            callback(value)
        elif failed:
            log.error("background read failed: %s", type(value).__name__)
            sys.excepthook(type(value), value, value.__traceback__)
