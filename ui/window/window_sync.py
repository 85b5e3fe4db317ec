"""The window's syncs of the connected address books: File → Sync address books, and
every N minutes while the window is open (Settings → Sync), with progress and results
in the status bar. The sync itself (and httpx with it) is loaded when the first one
runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from relate.address_books.books import books

if TYPE_CHECKING:
    from ui.dialogs.sync_dialog import SyncRun
    from ui.window.main_window import MainWindow

AUTO_SYNC_KEY = "sync/every_minutes"  # a QSettings value; 0: only when asked
_SAID_MS = 30_000  # how long a sync's sentence stays in the status bar


class WindowSync(QObject):
    """Syncs every connected book when asked (asking for a password the keyring does
    not hold) and at the rhythm chosen in Settings → Sync (quietly: a book without a
    kept password is skipped, and the status bar says so)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.run: SyncRun | None = None  # made when the first sync runs
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

    def sync_now(self) -> bool:
        """File → Sync address books: every connected book, now; with none connected,
        Settings opens on its Sync tab, to connect one. Whether a sync started."""
        if not books():
            dialog = self.window.handlers.edit_settings()
            dialog.tabs.setCurrentWidget(dialog.sync)
            return False
        return self._start(ask=True)

    def _on_timer_timeout(self) -> None:
        if not self.window.session.read_only and books():
            self._start(ask=False)

    def _start(self, *, ask: bool) -> bool:
        if self.run is None:
            from ui.dialogs.sync_dialog import SyncRun

            self.run = SyncRun(self.window)
            self.run.about_to_write.connect(self.window.session.upkeep.finish)
            self.run.progressed.connect(self._on_run_progressed)
            self.run.book_synced.connect(self._on_run_book_synced)
            self.run.book_failed.connect(self._on_run_book_failed)
            # What it noted of the cards is this window's own write, not another program's.
            self.run.finished.connect(self.window.session.external_changes.look_again)
        started = self.run.start([book.id for book in books()], ask=ask)
        if not started and ask:
            self.window.statusBar().showMessage("A sync is under way already.", _SAID_MS)
        return started

    def _on_run_progressed(self, what: str, done: int, total: int) -> None:
        counts = f" ({done:,} of {total:,})" if total else ""
        self.window.statusBar().showMessage(f"Syncing {what}{counts}…")

    def _on_run_book_synced(self, _book_id: int, sentence: str, changed_here: bool) -> None:
        if changed_here:
            self.window.session.announce_bulk_change(sentence)
        else:
            self.window.statusBar().showMessage(sentence, _SAID_MS)

    def _on_run_book_failed(self, _book_id: int, sentence: str) -> None:
        self.window.statusBar().showMessage(f"Sync: {sentence}", _SAID_MS)

    def stop(self) -> None:
        """Before the window closes: no new sync, and the one under way stopped."""
        self.timer.stop()
        if self.run is not None:
            self.run.wait()
