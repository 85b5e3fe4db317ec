"""Storage upkeep while the user is idle, so that their edits stay quick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from relate.store import search
from relate.store.db import checkpoint, database_refusal, defer_checkpoints
from ui.tasks import TaskRunner
from ui.undo.data_events import DataEvents

IDLE_MS = 2000  # after the last change, so a run of edits is never interrupted


class IdleUpkeep(QObject):
    """Once changes have settled: merges the search index in small steps (a few ms
    each, on this thread, between events), then checkpoints the write-ahead log on a
    worker thread. Both would otherwise happen inside some later edit.

    Every change restarts the wait; the first run starts after start-up, to tidy what
    an import left.
    """

    def __init__(self, events: DataEvents, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.idle_ms = IDLE_MS
        self._tasks = TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)
        for signal in (
            events.contacts_changed,
            events.contacts_added,
            events.contacts_removed,
            events.timeline_changed,
            events.tags_changed,
        ):
            signal.connect(self.wait_for_idle)
        self._paused = False
        defer_checkpoints()
        self.wait_for_idle()

    def wait_for_idle(self, *_: object) -> None:
        """(Re)start the idle wait before the next upkeep run."""
        if not self._paused:
            self._timer.start(self.idle_ms)

    def pause(self) -> None:
        """No upkeep (it writes to the file) until `resume`: while the file's integrity
        is being checked, and for good on a read-only database."""
        self._paused = True
        self._timer.stop()
        self._tasks.wait()

    def resume(self) -> None:
        """Upkeep as usual again, starting after the idle wait."""
        self._paused = False
        self.wait_for_idle()

    def is_busy(self) -> bool:
        """Whether upkeep is still to come or running."""
        return self._timer.isActive() or self._tasks.is_busy()

    def finish(self) -> None:
        """Stop waiting and let a running checkpoint end (before closing the database)."""
        self._timer.stop()
        self._tasks.wait()

    def _step(self) -> None:
        try:
            # Not an undo step (nor is the checkpoint): storage upkeep, the same data.
            more = search.merge_step()
        except Exception as exc:
            if database_refusal(exc) != "busy":
                raise
            self.wait_for_idle()  # another program is writing: tidy up later
            return
        if more:
            self._timer.start(0)  # the next step after pending input is handled
        elif not self._tasks.is_busy():
            path = self.path
            # Not an undo step: the log copied into the file, the same data.
            self._tasks.run_in_background(lambda: checkpoint(path), database=False)
