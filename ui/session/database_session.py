"""The main window's hold on its database file: how long it waits for another program's
write, its backups and restores, read-only while the file is damaged or another window
has it, the idle upkeep, and what other programs wrote to it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from relate import queries
from relate.changes import EVERYTHING
from relate.store.db import wait_when_busy
from ui.session.database_care import DatabaseCare
from ui.session.external_changes import ExternalChanges
from ui.session.idle_upkeep import IdleUpkeep

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

WINDOW_BUSY_WAIT_MS = 50


class DatabaseSession(QObject):
    """The window's database file and what follows from it: `care` (backups, restores,
    read-only with its bar), `upkeep` (storage upkeep while idle) and `external_changes`
    (other programs' writes), each followed by the window's panes."""

    def __init__(self, window: MainWindow, db_path: Path) -> None:
        super().__init__(window)
        self.window = window
        # The window's thread never waits long for another program's write: a change
        # made then is refused with Retry (see ui.undo.commands.run_command).
        wait_when_busy(WINDOW_BUSY_WAIT_MS)
        self.upkeep = IdleUpkeep(window.events, db_path, window)
        # Backups, and read-only with a bar above the pages saying why.
        self.care = DatabaseCare(window, db_path)
        self.care.about_to_replace.connect(self._on_care_about_to_replace)
        self.care.restored.connect(self._on_care_restored)
        self.care.read_only_changed.connect(self._on_care_read_only_changed)
        self.external_changes = ExternalChanges(window.events, window)
        self.external_changes.changed.connect(self._on_external_changes_changed)

    @property
    def read_only(self) -> bool:
        """Whether the database refuses changes (damaged, or open in another window)."""
        return self.care.reason is not None

    def announce_bulk_change(self, message: str) -> None:
        """Many contacts changed at once (an import or its undo, a restore, another
        program): every pane rereads."""
        self.window.events.announce(EVERYTHING)
        self.window.statusBar().showMessage(message, 10_000)

    def _on_external_changes_changed(self) -> None:
        w = self.window
        if w.welcome_page is not None and w.pages.currentWidget() is w.welcome_page:
            if queries.count_contacts(archived=None):
                w.leave_welcome("all")
        self.announce_bulk_change("Showing changes made outside this window.")

    def _on_care_about_to_replace(self) -> None:
        if not self.read_only:  # a damaged file is left exactly as it is
            self.window.contact_pane.card.save_story()
        self.upkeep.finish()
        self.window.tasks.cancel()  # what they read is about to be replaced

    def _on_care_restored(self, message: str) -> None:
        self.window.stack.clear()  # the undo history speaks of the data that was replaced
        self.announce_bulk_change(message)
        self.window.update_count()

    def _on_care_read_only_changed(self, read_only: bool, restorable: bool) -> None:
        w = self.window
        if read_only:
            self.upkeep.pause()
            w.stack.clear()
        else:
            self.upkeep.resume()
            for action in w.menu_actions.changing():
                action.setEnabled(True)  # `update_actions` then follows the selection
        w.contact_pane.set_read_only(read_only)
        w.setWindowTitle("Relate (read-only)" if read_only else "Relate")
        w.menu_actions.restore_backup_action.setEnabled(restorable)
        w.update_actions()
