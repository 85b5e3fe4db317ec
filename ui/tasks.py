"""Work off the window's thread: one pool of worker threads, answers on the window's.

Every background job of the window goes through a `TaskRunner`: Today's lists and the
contact list, the reminder clock's reads, imports, exports, briefs, backups, the
start-up check and the idle upkeep's checkpoint. A caller hands `run_in_background`
a function (core code, which never touches a widget) and what to do with its result;
the function runs on a worker with a database connection of its own, and `on_done`
(or `on_failed`) runs on the thread that made the runner.

Each owner (the window, a dialog, the upkeep) has a runner of its own, so it can wait
for or call off its own work; all of them share one pool of threads. A runner's work
runs one piece at a time, in the order given: a dialog never overtakes itself, and the
window's reads come back in the order they were asked for.

Tests set `TaskRunner.inline` (tests/ui/conftest.py, for every test): work runs at
once on the calling thread, and its answer is given before `run_in_background` returns.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from relate.store.db import WorkerReads

log = logging.getLogger(__name__)

Work = Callable[[], Any]
Done = Callable[[Any], object]
Failed = Callable[[BaseException], object]

# Threads of the shared pool: enough that a long job (an import, the start-up check)
# never holds up the window's reads; the work waits on the disk more than on a core.
POOL_THREADS = 4


def shared_pool() -> QThreadPool:
    """The one pool every runner's work runs on (Qt's global one, which the
    application waits for as it quits)."""
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < POOL_THREADS:
        pool.setMaxThreadCount(POOL_THREADS)
    return pool


class Progress(QObject):
    """How far long work has got, and a way to ask it to stop: the work calls `report`
    and `cancelled` (on its worker thread), the window calls `cancel`.

    Signals:
        progressed(done, total): arrives on the thread that made this object.
    """

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def restart(self) -> None:
        """Before new work: no stop asked for yet."""
        self._cancel.clear()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def cancel(self) -> None:
        """Ask the work to stop; it notices at its next `cancelled()` check."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass
class _Job:
    work: Work
    on_done: Done | None
    on_failed: Failed | None
    epoch: int
    database: bool


class _Drain(QRunnable):
    """A runner's turn on the pool: its queued work, one piece after another."""

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self.runner = runner

    def run(self) -> None:
        while (job := self.runner._next_job()) is not None:
            self.runner._run_job(job)


class TaskRunner(QObject):
    """Runs functions on the shared pool, one at a time in the order given, and answers
    on the thread that made the runner.

    A failure goes to `on_failed`, or, without one, to the exception hook (the crash
    dialog): work that fails is a bug or a damaged file, never silence. Work that
    `cancel` called off gives no answer at all.
    """

    inline: ClassVar[bool] = False  # tests: run at once, on the calling thread
    # callback, result or exception, whether it failed, the epoch it was asked in
    _ended = Signal(object, object, bool, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._epoch = 0  # work asked for before the last `cancel` is not answered
        self._asked = 0  # (window's thread) asked for, and not yet answered or called off
        self._queue: deque[_Job] = deque()
        self._draining = False  # a `_Drain` of this runner is on the pool
        self._lock = threading.Condition()
        self._reads = WorkerReads()
        self._ended.connect(self._on_ended)

    def run_in_background(
        self,
        work: Work,
        on_done: Done | None = None,
        on_failed: Failed | None = None,
        *,
        database: bool = True,
    ) -> None:
        """Run `work()` off the window's thread, then `on_done(result)` on it.
        `database`: the work gets a connection of its own to the open database (work
        that opens its own, or none, says False)."""
        self._asked += 1
        if self.inline:
            try:
                result = work()
            except Exception as exc:
                self._on_ended(on_failed, exc, True, self._epoch)
            else:
                self._on_ended(on_done, result, False, self._epoch)
            return
        with self._lock:
            self._queue.append(_Job(work, on_done, on_failed, self._epoch, database))
            if self._draining:
                return
            self._draining = True
        shared_pool().start(_Drain(self))

    def is_busy(self) -> bool:
        """Whether work was asked for and its answer has not come back yet."""
        return self._asked > 0

    def wait(self) -> None:
        """Block until every piece of work has ended (before the database closes, or a
        dialog goes). Their answers come with the next events."""
        with self._lock:
            while self._draining:
                self._lock.wait()

    def cancel(self) -> None:
        """Call off every piece of work asked for so far: what has not started never
        will, a database read under way is interrupted, and none of them answers. For a
        window closing, or a database about to be replaced, that need not wait on a read."""
        self._epoch += 1
        with self._lock:
            self._asked -= len(self._queue)  # never to answer
            self._queue.clear()
        # Again until it ends: an interrupt that comes between two statements of a
        # piece of work stops nothing.
        while True:
            self._reads.interrupt()
            with self._lock:
                if not self._draining or self._lock.wait_for(lambda: not self._draining, 0.01):
                    return

    # On the worker ---------------------------------------------------------------------

    def _next_job(self) -> _Job | None:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            self._draining = False
            self._lock.notify_all()
            return None

    def _run_job(self, job: _Job) -> None:
        try:
            if job.database:
                with self._reads.reading():
                    result = job.work()
            else:
                result = job.work()
        except Exception as exc:  # handed to the window's thread, which says so
            self._answer(job.on_failed, exc, True, job.epoch)
        else:
            self._answer(job.on_done, result, False, job.epoch)

    def _answer(self, callback: Done | Failed | None, value: Any, failed: bool, epoch: int) -> None:
        try:
            self._ended.emit(callback, value, failed, epoch)
        except RuntimeError:  # the runner went with its window, as the app quit
            log.info("background work ended after its window had gone")

    # Back on the window's thread -------------------------------------------------------

    def _on_ended(
        self, callback: Done | Failed | None, value: Any, failed: bool, epoch: int
    ) -> None:
        self._asked -= 1
        if epoch != self._epoch:
            return  # called off
        if callback is not None:
            callback(value)
        elif failed:
            log.error("background work failed: %s", type(value).__name__)
            sys.excepthook(type(value), value, value.__traceback__)
