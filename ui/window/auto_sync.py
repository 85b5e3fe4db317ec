"""Syncing the connected address books every N minutes while the window is open
(Settings → Sync), quietly: only books whose password is kept, results in the status
bar. The sync itself (and httpx with it) is loaded when the first one is due."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from relate.address_books.books import books

if TYPE_CHECKING:
    from ui.dialogs.sync_dialog import SyncRun
    from ui.window.main_window import MainWindow

AUTO_SYNC_KEY = "sync/every_minutes"  # a QSettings value; 0: only when asked


class AutoSync(QObject):
    """A timer that syncs every connected book at the rhythm chosen in Settings → Sync
    (none: it never fires)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.run: SyncRun | None = None  # made when the first sync is due
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.reschedule()

    def minutes(self) -> int:
        """The rhythm chosen, in minutes (0: only when asked)."""
        return int(str(self.window.settings.value(AUTO_SYNC_KEY, 0)) or 0)

    def reschedule(self) -> None:
        """Follow the rhythm in the settings (after Settings → OK)."""
        minutes = self.minutes()
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _on_timer_timeout(self) -> None:
        if self.window.session.read_only:
            return
        ids = [book.id for book in books()]
        if not ids:
            return
        if self.run is None:
            from ui.dialogs.sync_dialog import SyncRun

            self.run = SyncRun(self.window, ask=False)
            self.run.about_to_write.connect(self.window.session.upkeep.finish)
            self.run.book_synced.connect(self._on_run_book_synced)
            self.run.book_failed.connect(self._on_run_book_failed)
            # What it noted of the cards is this window's own write, not another program's.
            self.run.finished.connect(self.window.session.external_changes.look_again)
        self.run.start(ids)  # nothing, while Sync now is under way

    def _on_run_book_synced(self, _book_id: int, sentence: str, changed_here: bool) -> None:
        if changed_here:
            self.window.session.announce_bulk_change(sentence)

    def _on_run_book_failed(self, _book_id: int, sentence: str) -> None:
        self.window.statusBar().showMessage(f"Sync: {sentence}", 30_000)

    def stop(self) -> None:
        """Before the window closes: no new sync, and the one under way stopped."""
        self.timer.stop()
        if self.run is not None:
            self.run.wait()
