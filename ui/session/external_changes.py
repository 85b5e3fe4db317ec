"""Noticing what other programs wrote to the open database, so the window shows it.

The command line (`relate log`, an import) and a second, read-only window work on the
same file; without this, what they wrote would appear only after a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from relate.store.db import data_version
from ui.undo.data_events import DataEvents

# How often the file is asked, besides whenever Relate comes back to the front.
POLL_MS = 2_000


class ExternalChanges(QObject):
    """Emits `changed` when something outside this window has committed to the file
    since it last looked: checked on a short timer and when the application becomes
    active again. Changes this window announces itself (its own edits, and what its
    worker threads wrote) do not count."""

    changed = Signal()

    def __init__(self, events: DataEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: int | None = None
        self.look_again()
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._on_application_state_changed)
        for signal in events.every_change():
            signal.connect(self.look_again)

    def look_again(self, *_: object) -> None:
        """Take what the file holds now as seen (after this window's own changes)."""
        self._seen = data_version()

    def check(self) -> bool:
        """Whether the file changed elsewhere since it was last seen (then `changed`)."""
        version = data_version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        self.changed.emit()
        return True

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
