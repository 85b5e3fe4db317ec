"""File → Import history: every import, and Undo for the ones still in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relate.dates import moment_text
from relate.humanize import counted
from relate.import_sources import source_name
from relate.importers.batches import import_batches, undo_import
from relate.records import ImportBatchRecord, UndoneImport
from relate.store.import_backups import backup_before_import
from ui.dialogs.errors import show_error
from ui.session.backup_first import back_up_first
from ui.tasks import TaskRunner

_COLUMNS = ["When", "From", "File", "New", "Updated", "Entries", "Skipped", "Undone"]


def _back_up_and_undo(batch_id: int, back_up: bool) -> UndoneImport:
    """The worker's part: the backup (when wanted), then the undo."""
    # Not undo steps: an import's undo is the import history's (the batch may be undone
    # days later, past any Ctrl+Z), and the backup before it changes no data.
    if back_up:
        backup_before_import("before-undo-import")
    return undo_import(batch_id)


class ImportHistoryDialog(QDialog):
    """Lists the imports, newest first; Undo takes the selected one back out (the
    contacts it added go, the fields it changed return) on a worker thread.

    Signals:
        about_to_write(): an undo is starting to write.
        undone(str): an import was undone; what it did, in words.
    """

    about_to_write = Signal()
    undone = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import history")
        self.setObjectName("importHistoryDialog")
        self.batches: list[ImportBatchRecord] = []
        self.tasks = TaskRunner(self)

        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = QPushButton("Undo import…")
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.clicked.connect(self.undo_selected)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        self.resize(760, 360)
        self.reload()

    def reload(self) -> None:
        """Read the list of imports again."""
        self.batches = import_batches()
        self.table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            undone = moment_text(batch.undone_at, short=True) if batch.undone_at else ""
            cells = [
                moment_text(batch.imported_at, short=True),
                source_name(batch.source),
                batch.file_name,
                f"{batch.created:,}",
                f"{batch.updated:,}",
                f"{batch.entries:,}",
                f"{batch.skipped:,}",
                undone,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (3, 4, 5, 6):  # counts line up by their last digit
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self.batches:
            self.table.selectRow(0)
        else:
            self.status_label.setText("Nothing has been imported yet.")
        self._update_buttons()

    def selected_batch(self) -> ImportBatchRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        batch = self.selected_batch()
        running = self.tasks.is_busy()
        self.undo_button.setEnabled(batch is not None and not batch.undone_at and not running)

    def undo_selected(self) -> None:
        """Ask, then undo the selected import."""
        batch = self.selected_batch()
        if batch is None or batch.undone_at is not None:
            return
        answer = QMessageBox.question(
            self,
            "Undo import",
            f"Undo the import of {batch.file_name} ({moment_text(batch.imported_at)})?\n\n"
            + _what_undo_does(batch)
            + " A backup is made first.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        back_up = back_up_first(self, "Undo the import")
        if back_up is None:
            return
        self.about_to_write.emit()
        self.status_label.setText(f"Undoing the import of {batch.file_name}…")
        batch_id = batch.id
        self.tasks.run_in_background(
            lambda: _back_up_and_undo(batch_id, back_up), self._on_undone, self._on_undo_failed
        )
        self._update_buttons()

    def _on_undone(self, result: UndoneImport) -> None:
        self.status_label.setText(f"Undone: {result.sentence()}.")
        self.undone.emit(result.sentence())
        self.reload()

    def _on_undo_failed(self, error: BaseException) -> None:
        self.status_label.setText("")
        show_error(self, f"The import could not be undone: {error}")
        self.reload()

    def done(self, result: int) -> None:
        self.tasks.wait()
        super().done(result)


def _what_undo_does(batch: ImportBatchRecord) -> str:
    if batch.entries and not (batch.created or batch.updated):
        entries = counted(batch.entries, "timeline entry", "timeline entries")
        return f"The {entries} it added will be removed."
    return (
        f"The {batch.created:,} contacts it added will be removed, except those you have"
        " worked on since (edited, tagged, noted or met), and the fields it changed on"
        " other contacts restored."
    )
