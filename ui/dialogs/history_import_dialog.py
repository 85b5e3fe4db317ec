"""Importing history (a mail archive, calendar files, a LinkedIn archive): read it in the
background with progress and Cancel, preview what it adds, write it as one import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relate import tags
from relate.history.correspondents import add_correspondents
from relate.history.linkedin_import import ArchivePlan, profile_interests
from relate.history.planned_meetings import plan_meetings
from relate.history.planner import HistoryPlan, PlannedMeeting
from relate.history.sources import (
    CALENDAR_YEARS,
    HISTORY_KINDS,
    HistoryOptions,
    plan_history_file,
    write_history,
)
from relate.humanize import counted
from relate.importers import ImportFileError
from relate.importers.batches import ImportCancelledError
from relate.store.import_backups import backup_before_import
from ui.dialogs.errors import show_error
from ui.dialogs.import_dialog import fill_table, preview_table
from ui.session.backup_first import back_up_first
from ui.tasks import Progress, TaskRunner
from ui.widgets.date_fields import date_field

# Whose text can be kept: a calendar's events have no messages to keep.
_WITH_TEXT = ("mail", "linkedin-archive")


def _write(
    plan: HistoryPlan,
    back_up: bool,
    progress: Progress,
    interests: list[tuple[str, str]],
    coming: list[PlannedMeeting],
) -> int | None:
    """The worker's part: the backup (when wanted), then the entries as one import, then
    the profile's skills the user chose to take as their own and the 1-2-1s to come
    they chose to plan."""
    if back_up and plan.changes_anything():
        # Not an undo step: a copy of the file beside it, changing no data.
        backup_before_import()
    # Not an undo step: an import is undone from File → Import history, as a batch.
    batch_id = write_history(plan, progress.report, progress.cancelled)
    for name, category in interests:
        # Not an undo step: asked for with the import; Edit → My profile changes them.
        tags.set_my_interest(name, True, category)
    # Not an undo step: asked for with the import; each is cancelled from its timeline.
    plan_meetings(coming)
    return batch_id


# How a contact not found by name alone was found, by the kind of file: what the
# preview's "Found by" column says.
FOUND_BY = {
    "mail": "e-mail address",
    "calendar": "e-mail address",
    "linkedin-archive": "LinkedIn profile",
}


class HistoryImportDialog(QDialog):
    """Reads the file on a worker thread (with progress and Cancel), previews what it
    would add (entries per contact, who was found by name only, what was skipped and
    why, the people not in the contacts, the 1-2-1s still to come), then writes it.

    Signals:
        about_to_write(): the import is starting to write (pause other writers).
        imported(int): batch id of a finished import.
    """

    about_to_write = Signal()
    imported = Signal(int)

    def __init__(self, path: Path, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path, self.kind = path, kind
        self.setWindowTitle(f"Import: {HISTORY_KINDS[kind]}")
        self.setObjectName("historyImportDialog")
        self.plan: HistoryPlan | None = None
        self.batch_id: int | None = None
        self._working = ""  # "reading", "adding" (people), "writing" or ""
        self.tasks = TaskRunner(self)
        self.progress_link = Progress(self)
        self.progress_link.progressed.connect(self._on_progressed)

        file_label = QLabel(path.name)
        file_label.setToolTip(str(path))
        form = QFormLayout()
        form.addRow("File:", file_label)
        form.addRow("Read as:", QLabel(HISTORY_KINDS[kind]))
        self.keep_text = QCheckBox("Keep the text of each message (off: subjects only)")
        self.keep_text.setToolTip(
            "The text stays on this computer either way; off, Relate never stores it."
        )
        self.keep_text.toggled.connect(self._read)
        if kind in _WITH_TEXT:
            form.addRow("", self.keep_text)
        today = dt.date.today()
        self.take_skills = QCheckBox()
        self.take_skills.hide()
        self.plan_coming = QCheckBox()
        self.plan_coming.setToolTip("Each gets its brief, its reminder and its place on Today.")
        self.plan_coming.hide()
        self.since = date_field(today.replace(year=today.year - CALENDAR_YEARS, day=1))
        self.since.dateChanged.connect(self._read)
        if kind == "calendar":
            form.addRow("Events since:", self.since)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.contacts_table = preview_table(["Contact", "Entries", "Found by"])
        self.skipped_table = preview_table(["Why it is left out", "How many"])
        self.strangers_table = preview_table(["Not in your contacts", "Address", "Exchanges"])
        self.strangers_table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.strangers_table.itemSelectionChanged.connect(self._update_add_button)
        self.add_people_button = QPushButton("Add the selected people as contacts")
        self.add_people_button.setToolTip(
            "They become contacts (one import, which Import history can undo); their"
            " exchanges then join this import."
        )
        self.add_people_button.clicked.connect(self.add_selected_people)
        self.add_people_button.setEnabled(False)
        self._strangers: list[tuple[str, str]] = []
        strangers_page = QWidget()
        strangers_layout = QVBoxLayout(strangers_page)
        strangers_layout.setContentsMargins(0, 0, 0, 0)
        strangers_layout.addWidget(self.strangers_table, 1)
        strangers_layout.addWidget(self.add_people_button, 0, Qt.AlignmentFlag.AlignRight)
        self.planned_table = preview_table(["When", "With", "What"])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.contacts_table, "Contacts")
        self.tabs.addTab(self.skipped_table, "Skipped")
        self.tabs.addTab(strangers_page, "Not in your contacts")
        if kind == "calendar":
            self.tabs.addTab(self.planned_table, "Still to come")
        self.progress = QProgressBar()
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.import_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.take_skills)
        layout.addWidget(self.plan_coming)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self._read()

    def options(self) -> HistoryOptions:
        """What the user chose."""
        since = self.since.date()
        return HistoryOptions(
            keep_bodies=self.keep_text.isChecked(),
            since=dt.date(since.year(), since.month(), since.day()),
        )

    # Reading ---------------------------------------------------------------------------

    def _read(self) -> None:
        if self._working:
            return  # the options are disabled meanwhile; a queued change lands here
        self.plan = None
        self.import_button.setEnabled(False)
        self._start("reading", f"Reading {self.path.name}…")
        path, kind, options, link = self.path, self.kind, self.options(), self.progress_link
        self.tasks.run_in_background(
            lambda: plan_history_file(path, kind, options, link.report, link.cancelled),
            self._show_plan,
            self._on_read_failed,
        )

    def _start(self, work: str, text: str) -> None:
        self._working = work
        self.summary_label.setProperty("error", False)
        self.summary_label.setText(text)
        self.keep_text.setEnabled(False)
        self.since.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.show()
        self.progress_link.restart()

    def _stop(self) -> None:
        self._working = ""
        self.keep_text.setEnabled(True)
        self.since.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.progress.hide()

    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _show_plan(self, plan: HistoryPlan) -> None:
        self._stop()
        self.plan = plan
        text = f"{self.path.name}: {plan.summary()}."
        if plan.assumed_me:
            text += (
                f" {plan.assumed_me} is taken to be you (it is in most threads); it is"
                " remembered as yours when you import."
            )
        if isinstance(plan, ArchivePlan) and plan.not_read:
            files = counted(len(plan.not_read), "file")
            text += f" {files} of the archive not read (Relate has no use for them)."
            self.summary_label.setToolTip("Not read: " + ", ".join(plan.not_read[:50]))
        if not plan.changes_anything():
            text += " There is nothing new to add."
        self.summary_label.setText(text)
        self._fill(plan)
        offered = self._offered()
        self.take_skills.setText(
            "Add your LinkedIn profile's skills and industry to your own interests: "
            + ", ".join(name for name, _ in offered)
        )
        self.take_skills.setVisible(bool(offered))
        coming = counted(len(plan.planned), "1-2-1")
        self.plan_coming.setText(f"Also plan the {coming} still to come in Relate")
        self.plan_coming.setVisible(bool(plan.planned))
        self.import_button.setEnabled(plan.changes_anything())
        self.import_button.setFocus()

    def _fill(self, plan: HistoryPlan) -> None:
        by_name = set(plan.by_name())
        counts = plan.per_contact()
        found_by = FOUND_BY.get(self.kind, "address or profile")
        rows = [
            (name, f"{n:,}", "name only: check" if name in by_name else found_by)
            for name, n in plan.top_contacts(len(counts))
        ]
        fill_table(self.contacts_table, rows)
        self.tabs.setTabText(0, f"Contacts ({len(counts):,})")
        fill_table(self.skipped_table, [(why, f"{n:,}") for why, n in plan.skipped.most_common()])
        self.tabs.setTabText(1, f"Skipped ({sum(plan.skipped.values()):,})")
        strangers = plan.not_found(500)
        self._strangers = [(name, address) for name, address, _ in strangers]
        fill_table(
            self.strangers_table, [(name, address, f"{n:,}") for name, address, n in strangers]
        )
        self._update_add_button()
        self.tabs.setTabText(2, f"Not in your contacts ({len(plan.strangers):,})")
        fill_table(
            self.planned_table,
            [(f"{m.when:%a %d %b %Y, %H:%M}", m.name, m.title) for m in plan.planned],
        )
        if self.kind == "calendar":
            self.tabs.setTabText(3, f"Still to come ({len(plan.planned):,})")

    def _selected_people(self) -> list[tuple[str, str]]:
        rows = {index.row() for index in self.strangers_table.selectionModel().selectedRows()}
        return [self._strangers[row] for row in sorted(rows) if self._strangers[row][1]]

    def _update_add_button(self) -> None:
        self.add_people_button.setEnabled(bool(self._selected_people()) and not self._working)

    def add_selected_people(self) -> None:
        """Add the selected people as contacts (an import of their own), then read the
        file again, so that their exchanges are part of this one."""
        people = self._selected_people()
        if not people or self._working:
            return
        back_up = back_up_first(self, "Add these people")
        if back_up is None:
            return
        name = self.path.name
        self.about_to_write.emit()
        self._start("adding", f"Adding {counted(len(people), 'person', 'people')}…")

        def add() -> int | None:
            if back_up:
                # Not an undo step: a copy of the file beside it, changing no data.
                backup_before_import()
            # Not an undo step: an import of its own, undone from File → Import history.
            return add_correspondents(people, name)

        self.tasks.run_in_background(add, self._on_people_added, self._on_read_failed)

    def _on_people_added(self, batch_id: int | None) -> None:
        self._stop()
        if batch_id is not None:
            self.imported.emit(batch_id)
        self._read()

    def _offered(self) -> list[tuple[str, str]]:
        plan = self.plan
        return profile_interests(plan.profile) if isinstance(plan, ArchivePlan) else []

    def _on_read_failed(self, error: BaseException) -> None:
        self._stop()
        self.summary_label.setProperty("error", True)
        if isinstance(error, ImportCancelledError):
            self.summary_label.setText("Reading was cancelled; nothing was changed.")
        elif isinstance(error, ImportFileError):
            self.summary_label.setText(str(error))
        else:
            self.summary_label.setText(f"{self.path.name} could not be read: {error}")

    # Writing ---------------------------------------------------------------------------

    def start_import(self) -> None:
        """Back the database up, then write the previewed plan, on the worker thread."""
        if self.plan is None or self._working:
            return
        back_up = back_up_first(self, "Import")
        if back_up is None:
            return
        plan, link = self.plan, self.progress_link
        interests = self._offered() if self.take_skills.isChecked() else []
        coming = plan.planned if self.plan_coming.isChecked() else []
        self.about_to_write.emit()
        self.import_button.setEnabled(False)
        self._start("writing", f"Importing {self.path.name}…")
        self.tasks.run_in_background(
            lambda: _write(plan, back_up, link, interests, coming),
            self._on_written,
            self._on_write_failed,
        )

    def _on_cancel_button_clicked(self) -> None:
        if self._working:
            self.cancel_button.setEnabled(False)
            self.summary_label.setText("Cancelling…")
            self.progress_link.cancel()
        else:
            self.reject()

    def _on_written(self, batch_id: int | None) -> None:
        self._stop()
        self.batch_id = batch_id
        if batch_id is not None:
            self.imported.emit(batch_id)
        self.accept()

    def _on_write_failed(self, error: BaseException) -> None:
        self._stop()
        self.import_button.setEnabled(self.plan is not None)
        if isinstance(error, ImportCancelledError):
            self.summary_label.setText("The import was cancelled; nothing was changed.")
        else:
            self.summary_label.setText("The import failed; nothing was changed.")
            show_error(self, f"Importing {self.path.name} failed, and nothing was changed: {error}")

    def done(self, result: int) -> None:
        if self._working in ("writing", "adding"):
            return  # Escape while writing: the Cancel button is the way to stop
        if self._working == "reading":
            self.progress_link.cancel()
        self.tasks.wait()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._working in ("writing", "adding"):
            event.ignore()
            return
        super().closeEvent(event)
