"""The window's care of its database file: backups made and put back, and read-only
while the file is damaged or another window has it open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox

from relate.dates import long_moment_text
from relate.store import backups
from relate.store.db import close_database, open_database, set_read_only
from ui.dialogs.errors import show_error
from ui.tasks import TaskRunner

DAMAGED_REASON = (
    "Your database file is damaged, so Relate leaves it exactly as it is. File → Restore"
    " from a backup puts a good copy in its place."
)


class DatabaseCare(QObject):
    """Backs the file up, restores a backup in its place, and turns the window
    read-only with a bar that says why.

    Signals:
        about_to_replace(): the file is about to be replaced: finish what writes to it.
        restored(str): a backup is in place; the message says which, and what was kept.
        read_only_changed(bool, bool): changes refused (or allowed again); whether
            File → Restore from a backup stays on while they are.
    """

    about_to_replace = Signal()
    restored = Signal(str)
    read_only_changed = Signal(bool, bool)

    def __init__(self, window: QMainWindow, db_path: Path) -> None:
        super().__init__(window)
        self.window, self.db_path = window, db_path
        self.reason: str | None = None  # why changes are refused, while they are
        self.bar = QLabel()
        self.bar.setObjectName("readOnlyBar")
        self.bar.setWordWrap(True)
        self.bar.setStyleSheet(
            "QLabel#readOnlyBar { background: #fff4ce; color: #3b2f00; padding: 6px 10px; }"
        )
        self.bar.hide()
        self.tasks = TaskRunner(self)

    def back_up_now(self) -> None:
        """File → Back up now: a copy of the database in its backups folder, made on a
        worker thread (a large file takes a moment)."""
        status = self.window.statusBar()
        status.showMessage("Backing up…")
        # Not an undo step: a backup changes no data, and is itself what takes changes back.
        self.tasks.run_in_background(
            lambda: backups.make_backup(self.db_path, "manual"),
            lambda path: status.showMessage(f"Backed up to {path}", 10_000),
            lambda exc: show_error(self.window, str(exc)),
            database=False,
        )

    def restore_backup(self) -> None:
        """File → Restore from a backup: pick one, confirm, and put it in place."""
        folder = backups.backup_folder(self.db_path)
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Restore from a backup",
            str(folder),
            "Relate databases (*.sqlite);;All files (*)",
        )
        if not name:
            return
        answer = QMessageBox.question(
            self.window,
            "Restore from a backup",
            f"Replace everything in Relate with the backup {Path(name).name}?\n\nYour database"
            " as it is now is kept as a backup first, so this can be restored in turn.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(name))

    def restore_from(self, source: Path) -> bool:
        """Put the backup `source` in place of the open database; whether it was. A
        damaged database (open read-only) is set aside as it is, then left behind."""
        damaged = self.reason is not None
        self.about_to_replace.emit()
        self.tasks.wait()  # a backup being made reads the file about to be replaced
        close_database()
        try:
            # Not an undo step: the file as it was is kept as a backup, which File →
            # Restore puts back in turn; the undo history is cleared (it spoke of the
            # data replaced).
            safety = backups.restore_backup(source, self.db_path, damaged=damaged)
        except backups.BackupError as exc:
            open_database(self.db_path, read_only=damaged)
            show_error(self.window, str(exc))
            return False
        open_database(self.db_path)
        if damaged:
            self.set_read_only(None)
        kept = f" The database as it was is kept in {safety.name}." if safety else ""
        self.restored.emit(f"Restored {source.name}.{kept}")
        return True

    def set_read_only(self, reason: str | None, restorable: bool = False) -> None:
        """Refuse every change from now on, saying why in a bar above the pages (None:
        changes are allowed again, on a database reopened for writing). `restorable`:
        File → Restore stays on (a damaged file; not one another window has open)."""
        self.reason = reason
        if reason is not None:
            set_read_only(True)
            self.bar.setText(f"<b>Read-only.</b> {reason}")
        self.bar.setVisible(reason is not None)
        self.read_only_changed.emit(reason is not None, reason is None or restorable)

    def on_database_damaged(self, problems: list[str], backup: backups.Backup | None) -> bool:
        """The start-up check found damage: stop writing to the file at once, then offer
        the newest good backup. Returns whether it was restored."""
        from ui.session.damaged_database import ask_to_restore

        self.set_read_only(DAMAGED_REASON, restorable=True)
        if not ask_to_restore(self.window, problems, backup):
            return False
        assert backup is not None  # only a backup can be chosen
        return self.restore_from(backup.path)

    def last_backup_words(self) -> str:
        """ "Last backup: …", for the About box."""
        last = backups.last_backup(self.db_path)
        if last is None:
            return "No backup yet: File → Back up now makes one."
        return f"Last backup: {long_moment_text(last.made_at)} ({last.reason})."
