"""File → Import: pick a file, see what it would do, import it in the background."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relate.importers import ImportFileError
from relate.importers.address_book_columns import ColumnMapping, guess_mapping
from relate.importers.address_book_csv import plan_mapped_import, read_table
from relate.importers.batches import ImportCancelledError, apply_plan, changes_anything
from relate.importers.formats import (
    FORMAT_NAMES,
    WrongKindError,
    check_kind,
    detect_format,
    wrong_kind_message,
)
from relate.importers.plan import ImportPlan
from relate.importers.sources import plan_file
from relate.records import display_name
from relate.store.import_backups import backup_before_import
from ui.dialogs.column_mapping import ColumnMappingEditor
from ui.dialogs.errors import show_error
from ui.session.backup_first import back_up_first
from ui.tasks import Progress, TaskRunner

PREVIEW_ROWS = 200  # enough to judge a file by; the counts tell the rest
FILE_FILTER = (
    "Contacts and history (*.csv *.vcf *.vcard *.zip *.mbox *.eml *.ics);;"
    "Contact files (*.csv *.vcf *.vcard);;"
    "Mail, calendars, LinkedIn archive (*.zip *.mbox *.mbx *.eml *.ics);;All files (*)"
)


@dataclasses.dataclass(frozen=True)
class Reading:
    """What reading a file gave: a plan, or why there is none; for a CSV file of no
    known kind also its columns and the mapping used."""

    plan: ImportPlan | None
    error: str = ""
    headers: tuple[str, ...] = ()
    mapping: ColumnMapping | None = None


def read_file(path: Path, kind: str, mapping: ColumnMapping | None = None) -> Reading:
    """Plan the import of `path` read as `kind` (ImportFileError if it cannot be).
    A plain CSV file is read through `mapping`, or a guess from its column names; a
    mapping that cannot work (no name or e-mail column) is not an error here: the user fixes it."""
    if kind != "csv":
        return Reading(plan_file(path, kind))
    check_kind(path, kind)  # before the mapping editor is offered the file's columns
    table = read_table(path)
    if mapping is None:
        mapping = guess_mapping(table.headers)
    try:
        plan = plan_mapped_import(path, mapping)
    except ImportFileError as exc:
        return Reading(None, str(exc), table.headers, mapping)
    return Reading(plan, "", table.headers, mapping)


def refusal_text(error: ImportFileError) -> str:
    """Why the file is not read, in the command line's words; for a file of another
    kind, how to read it here instead."""
    if isinstance(error, WrongKindError):
        remedy = f"choose {FORMAT_NAMES[error.found]} under Read as"
        return wrong_kind_message(error.file_name, error.found, error.wanted, remedy)
    return str(error)


def choose_import_file(parent: QWidget, start: str = "") -> Path | None:
    """Ask for a file to import."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import", start, FILE_FILTER)
    return Path(name) if name else None


def preview_table(headers: list[str]) -> QTableWidget:
    """A read-only table of whole rows, for a preview."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    """The table's rows, replaced."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


def _back_up_and_write(plan: ImportPlan, back_up: bool, progress: Progress) -> int | None:
    """The worker's part: the backup (when wanted, and when the import changes
    anything), then the import."""
    # Not undo steps: an import is undone from File → Import history, as one batch, days
    # later too (a snapshot of 30,000 rows on the undo stack would be no lighter), and
    # the backup before it changes no data.
    if back_up and changes_anything(plan):
        backup_before_import()
    return apply_plan(plan, progress.report, progress.cancelled)


class ImportDialog(QDialog):
    """Reads the file on a worker thread, previews the plan (first rows, counts,
    skipped rows with reasons), then writes it on a worker thread with a progress
    bar; Cancel during the import rolls all of it back.

    Signals:
        about_to_write(): the import is starting to write (pause other writers).
        imported(int): batch id of a finished import.
    """

    about_to_write = Signal()
    imported = Signal(int)

    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import contacts")
        self.setObjectName("importDialog")
        self.path: Path | None = None
        self._mapping: ColumnMapping | None = None  # the user's, for a plain CSV file
        self.plan: ImportPlan | None = None
        self.batch_id: int | None = None
        self._writing = False
        self.tasks = TaskRunner(self)
        self.writing = Progress(self)
        self.writing.progressed.connect(self._on_writing_progressed)

        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("Choose another file…")
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        self.kind_combo = QComboBox()
        for kind, name in FORMAT_NAMES.items():
            self.kind_combo.addItem(name, kind)
        self.kind_combo.activated.connect(self._on_kind_combo_activated)
        form = QFormLayout()
        form.addRow("File:", file_row)
        form.addRow("Read as:", self.kind_combo)
        self.mapping_editor = ColumnMappingEditor()
        self.mapping_editor.changed.connect(self._on_mapping_editor_changed)
        self.mapping_box = QGroupBox("Which column holds what")
        QVBoxLayout(self.mapping_box).addWidget(self.mapping_editor)
        self.mapping_box.hide()

        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.preview = preview_table(["", "Name", "Company", "Position", "What happens"])
        self.skipped = preview_table(["Line", "Why it is skipped"])
        self.merged = preview_table(["Line", "Who", "What happens"])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.addTab(self.skipped, "Skipped")
        self.tabs.addTab(self.merged, "Merged")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self.import_button.setEnabled(False)
        if path is not None:
            self.set_path(path)

    # Reading the file ------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else ""
        path = choose_import_file(self, start)
        if path is not None:
            self.set_path(path)

    def set_path(self, path: Path) -> None:
        """Take this file: detect its kind and read it."""
        self.path = path
        self._mapping = None
        self.mapping_editor.headers = ()  # fill the mapping afresh for this file
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        try:
            kind = detect_format(path)
        except ImportFileError as exc:
            self._show_refusal(refusal_text(exc))
            return
        except OSError as exc:
            self._show_refusal(f"{path.name} cannot be read: {exc.strerror or exc}.")
            return
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self._read()

    def _on_kind_combo_activated(self, _index: int) -> None:
        if self.path is not None:
            self._mapping = None
            self.mapping_editor.headers = ()
            self._read()

    def _on_mapping_editor_changed(self) -> None:
        self._mapping = self.mapping_editor.mapping()
        self._read()

    def _set_busy(self, busy: bool) -> None:
        self.kind_combo.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)
        self.mapping_editor.setEnabled(not busy)
        self.progress.setVisible(busy)

    def _read(self) -> None:
        if self.tasks.is_busy():
            return  # the controls are disabled while reading; a queued click lands here
        self.plan = None
        self.import_button.setEnabled(False)
        self._set_busy(True)
        self.summary_label.setText(f"Reading {self.path.name}…")
        self._fill_preview(None)
        self.progress.setRange(0, 0)  # busy: reading has no known length
        path, kind, mapping = self.path, self.kind_combo.currentData(), self._mapping
        self.mapping_box.setVisible(kind == "csv")
        self.tasks.run_in_background(
            lambda: read_file(path, kind, mapping), self._show_reading, self._on_read_failed
        )

    def _show_refusal(self, message: str) -> None:
        self.plan = None
        self.summary_label.setText(message)
        self.summary_label.setProperty("error", True)
        self._fill_preview(None)
        self.import_button.setEnabled(False)

    def _fill_preview(self, plan: ImportPlan | None) -> None:
        if plan is None:
            fill_table(self.preview, [])
            fill_table(self.skipped, [])
            fill_table(self.merged, [])
            self.tabs.setTabText(0, "Preview")
            self.tabs.setTabText(1, "Skipped")
            self.tabs.setTabText(2, "Merged")
            return
        rows = [
            ("New", display_name(row.first_name, row.last_name), row.company, row.position, "")
            for row in plan.new[:PREVIEW_ROWS]
        ]
        for update in plan.updates:
            if len(rows) >= PREVIEW_ROWS:
                break
            if update.visible:
                row = update.row
                name = display_name(row.first_name, row.last_name)
                rows.append(("Update", name, row.company, row.position, update.describe()))
        fill_table(self.preview, rows)
        fill_table(self.skipped, [(str(s.line), s.reason) for s in plan.skipped])
        shown = len(plan.new) + plan.updated
        self.tabs.setTabText(0, f"Preview ({shown:,})" if shown else "Preview")
        self.tabs.setTabText(1, f"Skipped ({len(plan.skipped):,})")
        # Rows of one person: imported as one contact, nothing of them left out.
        names = {
            row.line: display_name(row.first_name, row.last_name)
            for row in (*plan.new, *(update.row for update in plan.updates))
        }
        fill_table(self.merged, [(str(m.line), names[m.into], m.outcome) for m in plan.merged])
        self.tabs.setTabText(2, f"Merged ({len(plan.merged):,})")

    # Writing ---------------------------------------------------------------------------

    def start_import(self) -> None:
        """Back the database up, then write the previewed plan, on the worker thread."""
        if self.plan is None or self.tasks.is_busy():
            return
        back_up = back_up_first(self, "Import")
        if back_up is None:
            return  # no room for the backup, and the user would rather not go on
        plan = self.plan
        self._writing = True
        self.about_to_write.emit()
        self.import_button.setEnabled(False)
        self._set_busy(True)
        self.progress.setRange(0, max(1, len(plan.new) + len(plan.updates)))
        self.progress.setValue(0)
        self.summary_label.setText(f"Importing {self.path.name}…")
        progress = self.writing
        progress.restart()
        self.tasks.run_in_background(
            lambda: _back_up_and_write(plan, back_up, progress),
            self._on_written,
            self._on_write_failed,
        )

    def _on_cancel_button_clicked(self) -> None:
        if self._writing:
            self.cancel_button.setEnabled(False)
            self.summary_label.setText("Cancelling…")
            self.writing.cancel()
        else:
            self.reject()

    def _on_writing_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_written(self, batch_id: int | None) -> None:
        self._set_busy(False)
        self._writing = False
        self.batch_id = batch_id
        if batch_id is not None:
            self.imported.emit(batch_id)
        self.accept()

    def _show_reading(self, reading: Reading) -> None:
        self._set_busy(False)
        if reading.mapping is not None and reading.headers != self.mapping_editor.headers:
            self.mapping_editor.set_columns(reading.headers, reading.mapping)
        if reading.plan is None:
            self._show_refusal(reading.error)
            return
        plan = self.plan = reading.plan
        self.summary_label.setProperty("error", False)
        self.summary_label.setText(self._plan_text(plan))
        self._fill_preview(plan)
        self.import_button.setEnabled(bool(plan.new) or plan.updated > 0)
        self.import_button.setFocus()

    def _on_read_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ImportFileError):
            self._show_refusal(refusal_text(error))
        else:
            self._show_refusal(f"{self.path.name} could not be read: {error}")

    def _on_write_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.cancel_button.setEnabled(True)
        self._writing = False
        if isinstance(error, ImportCancelledError):
            self.summary_label.setText("The import was cancelled; nothing was changed.")
            self.import_button.setEnabled(self.plan is not None)
        else:
            self.summary_label.setText("The import failed; nothing was changed.")
            self.import_button.setEnabled(self.plan is not None)
            show_error(self, f"Importing {self.path.name} failed, and nothing was changed: {error}")

    def _plan_text(self, plan: ImportPlan) -> str:
        text = f"{self.path.name}: {plan.summary()}."
        if not plan.new and plan.updated == 0:
            text += " There is nothing to import: everyone in it is already here."
        return text

    def done(self, result: int) -> None:
        if self._writing:
            return  # Escape while writing: the Cancel button is the way to stop
        self.tasks.wait()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._writing:
            event.ignore()
            return
        super().closeEvent(event)
