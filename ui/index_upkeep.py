"""Search-index upkeep while the user is idle, so that their edits stay quick."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from relate import search
from ui.data_events import DataEvents

IDLE_MS = 2000  # after the last change, so a run of edits is never interrupted


class IndexUpkeep(QObject):
    """Merges the search index in small steps (each a few ms) once changes have settled.

    Every change restarts the wait; a step that finds no work ends the run until the
    next change. The first run starts after start-up, to merge what an import left.
    """

    def __init__(self, events: DataEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_ms = IDLE_MS
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
        self.wait_for_idle()

    def wait_for_idle(self, *_: object) -> None:
        """(Re)start the idle wait before the next merge steps."""
        self._timer.start(self.idle_ms)

    def is_waiting(self) -> bool:
        """Whether merge steps are still to come."""
        return self._timer.isActive()

    def _step(self) -> None:
        if search.merge_step():
            self._timer.start(0)  # the next step after pending input is handled
