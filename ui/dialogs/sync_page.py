"""Settings → Sync: the CardDAV address books connected, their options, Connect…,
Sync now, Remove… and the conflicts waiting. Everything that talks to a server lives in
`ui.dialogs.sync_dialog`, imported on first use (the window starts without httpx)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relate import tags
from relate.address_books.books import (
    BookRecord,
    books,
    open_conflict_count,
    set_book_options,
)
from relate.address_books.pushes import pending_count
from relate.dates import moment_text
from relate.humanize import counted
from relate.store.db import is_read_only
from relate.validation import ValidationError
from ui.dialogs.errors import show_error
from ui.dialogs.sync_book_options import BookOptions
from ui.tasks import TaskRunner
from ui.undo.data_events import DataEvents
from ui.widgets.hint import hint_label
from ui.widgets.notice import Notice
from ui.widgets.rows_model import AnyIndex, RowsModel
from ui.window.window_sync import AUTO_SYNC_KEY

if TYPE_CHECKING:
    from ui.dialogs.conflicts_dialog import ConflictsDialog
    from ui.dialogs.sync_dialog import ConnectDialog, SyncRun


def account_words(book: BookRecord) -> str:
    """The account in a few words: "ann@cloud.example.org"."""
    return f"{book.user}@{urlsplit(book.account_url).netloc or book.account_url}"


def last_sync_words(book: BookRecord) -> str:
    return moment_text(book.synced_at, short=True) if book.synced_at else "never"


class BooksModel(RowsModel[tuple[BookRecord, int]]):
    """The connected books, one a row (each with the writes it is owed), with what
    each holds and owes."""

    HEADERS = ("Address book", "Account", "Last sync", "Linked", "Conflicts")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        book, _owed = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                book.name,
                account_words(book),
                last_sync_words(book),
                f"{book.contacts:,}",
                f"{book.conflicts:,}" if book.conflicts else "none",
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return book.url if index.column() < 2 else book.last_result or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class SyncPage(QWidget):
    """The books connected for two-way sync, what each carries, and the sync itself.

    Signals:
        about_to_write(): a sync is about to change the database (pause other writers).
        synced(str): a sync changed contacts here; what to say in the status bar.
        wrote(): a worker wrote what no view shows (what a sync or Remove… noted of
            the cards): not another program's change.
    """

    about_to_write = Signal()
    synced = Signal(str)
    wrote = Signal()

    def __init__(self, settings: QSettings, stack: QUndoStack, events: DataEvents) -> None:
        super().__init__()
        self.settings, self.stack, self.events = settings, stack, events
        self.run: SyncRun | None = None  # made on the first sync
        self.tasks = TaskRunner(self)
        self.said: list[str] = []  # what the syncs under way said, book by book
        self.said_problem = False

        self.model = BooksModel(self)
        self.table = QTableView()
        self.table.setObjectName("syncBooks")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(150)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.connect_button = self._button("Connect…", "syncConnectButton", self.connect_book)
        self.sync_button = self._button("Sync now", "syncNowButton", self.sync_now)
        self.preview_button = self._button("Preview", "syncPreviewButton", self.preview)
        self.preview_button.setToolTip(
            "Say what a sync would change, on both sides; change nothing"
        )
        self.remove_button = self._button("Remove…", "syncRemoveButton", self.remove_book)
        self.conflicts_button = self._button(
            "Conflicts…", "syncConflictsButton", self.show_conflicts
        )
        buttons = QHBoxLayout()
        for button in (self.connect_button, self.sync_button, self.preview_button):
            buttons.addWidget(button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.conflicts_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setFormat("%v of %m")
        self.stop_button = self._button("Stop", "syncStopButton", self.stop)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self.progress_box.hide()
        self.status = Notice("syncStatus")
        self.detail = hint_label()
        self.detail.setObjectName("syncBookDetail")

        self.options = BookOptions()
        self.options.changed.connect(self._on_options_changed)
        self.every = QCheckBox("Sync every")
        self.every.setObjectName("autoSync")
        self.minutes = QSpinBox()
        self.minutes.setObjectName("autoSyncMinutes")
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSuffix(" minutes")
        minutes = int(str(settings.value(AUTO_SYNC_KEY, 0)) or 0)
        self.every.setChecked(minutes > 0)
        self.minutes.setValue(minutes or 30)
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.every)
        auto_row.addWidget(self.minutes)
        auto_row.addWidget(hint_label("while the window is open (books whose password is kept)"), 1)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Two-way sync with CardDAV address books (Nextcloud, Fastmail, iCloud,"
                " Radicale…): changes on either side reach the other, field by field."
                " Only the books you connect are contacted, and only when you sync."
            )
        )
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.status)
        layout.addWidget(self.detail)
        layout.addWidget(self.options)
        layout.addLayout(auto_row)
        layout.addStretch(1)
        events.announced.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # Reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the books again, keeping the one chosen."""
        chosen = self.chosen()
        rows = [(book, pending_count(book.id)) for book in books()]
        self.model.set_rows(rows)
        ids = [book.id for book, _ in rows]
        if rows:
            row = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
            self.table.selectRow(row)
        self._show_chosen()
        waiting = open_conflict_count()
        self.conflicts_button.setText(
            f"{counted(waiting, 'conflict')}…" if waiting else "No conflicts"
        )
        self.conflicts_button.setEnabled(waiting > 0)

    def chosen(self) -> BookRecord | None:
        """The book chosen in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()][0] if rows else None

    def _on_selection_changed(self) -> None:
        self._show_chosen()

    def _show_chosen(self) -> None:
        book = self.chosen()
        owed = next((n for b, n in self.model.rows if book and b.id == book.id), 0)
        busy = self.run is not None and self.run.is_running()
        writable = not is_read_only()
        self.sync_button.setEnabled(bool(self.model.rows) and not busy and writable)
        self.preview_button.setEnabled(book is not None and not busy)
        self.remove_button.setEnabled(book is not None and not busy and writable)
        self.connect_button.setEnabled(writable)
        self.sync_button.setText("Sync all now" if len(self.model.rows) > 1 else "Sync now")
        self.options.show_book(book, tags.tag_names() if book else [])
        self.options.setEnabled(book is not None and writable)
        if book is None:
            self.detail.setText("No address book is connected yet: Connect… adds one.")
            return
        last = f"Last sync: {last_sync_words(book)}"
        # What it did, unless the sentence just said it.
        if book.last_result and not self.said:
            last += f": {book.last_result.removeprefix(f'{book.name}: ')}"
        lines = [
            book.url,
            last.removesuffix(".") + ".",
            f"{counted(book.contacts, 'contact')} linked to {counted(book.cards, 'card')}.",
        ]
        if owed:
            lines.append(
                f"{counted(owed, 'write')} to the server left from a sync cut short:"
                " the next sync makes them."
            )
        self.detail.setText("\n".join(lines))

    def _on_options_changed(self) -> None:
        book = self.chosen()
        if book is None:
            return
        try:
            # Not an undo step: a setting of the connection, which the next sync follows.
            set_book_options(
                book.id,
                own_fields=self.options.own_fields(),
                send=self.options.send_choice(),
                delete_on_server=self.options.removes.isChecked(),
            )
        except ValidationError as error:
            show_error(self, str(error))
        self.refresh()

    # Connecting and removing ---------------------------------------------------------

    def connect_book(self) -> ConnectDialog:
        """Connect…: the account's address, user and password, then the book."""
        from ui.dialogs.sync_dialog import ConnectDialog

        dialog = ConnectDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.connected.connect(self._on_connect_dialog_connected)
        dialog.open()
        return dialog

    def _on_connect_dialog_connected(self, book_id: int) -> None:
        self.refresh()
        row = next(i for i, (book, _) in enumerate(self.model.rows) if book.id == book_id)
        self.table.selectRow(row)
        name = self.model.rows[row][0].name
        self.status.say(f"Connected {name}. Choose what it carries below, then Sync now.")

    def remove_book(self) -> None:
        """Remove…: disconnect the chosen book, once the user says so."""
        book = self.chosen()
        if book is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove the address book",
            f"Disconnect {book.name} ({account_words(book)})?\n\nEvery contact stays in"
            " Relate, and nothing changes on the server; what Relate knew of its cards"
            " and conflicts goes, and the password is forgotten.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from ui.dialogs.sync_dialog import disconnect

        self.tasks.run_in_background(lambda: disconnect(book.id), self._on_disconnected)

    def _on_disconnected(self, book: BookRecord) -> None:
        self.wrote.emit()
        self.status.say(
            f"Disconnected {book.name}; every contact stays, and the server is unchanged."
        )
        self.refresh()

    # Syncing -------------------------------------------------------------------------

    def _runner(self) -> SyncRun:
        if self.run is None:
            from ui.dialogs.sync_dialog import SyncRun

            self.run = SyncRun(self)
            self.run.progressed.connect(self._on_run_progressed)
            self.run.about_to_write.connect(self.about_to_write)
            self.run.book_synced.connect(self._on_run_book_synced)
            self.run.book_failed.connect(self._on_run_book_failed)
            self.run.finished.connect(self._on_run_finished)
        return self.run

    def sync_now(self) -> None:
        """Sync now: every connected book, both ways, off the window's thread."""
        self._start([book.id for book, _ in self.model.rows], dry_run=False)

    def preview(self) -> None:
        """Preview: what a sync of the chosen book would change, changing nothing."""
        book = self.chosen()
        if book is not None:
            self._start([book.id], dry_run=True)

    def _start(self, book_ids: list[int], *, dry_run: bool) -> None:
        if not book_ids:
            return
        self.said, self.said_problem = [], False
        self.progress.setRange(0, 0)
        self.progress_box.show()
        self.stop_button.setEnabled(True)
        self.status.say("")
        if not self._runner().start(book_ids, dry_run=dry_run):
            self.progress_box.hide()
            self.status.say("A sync is under way already (the one every few minutes).")
        self._show_chosen()

    def stop(self) -> None:
        """Stop: the sync stops at its next step."""
        if self.run is not None:
            self.stop_button.setEnabled(False)
            self.progress.setFormat("Stopping…")
            self.run.stop()

    def _on_run_progressed(self, what: str, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{what}: %v of %m" if total else what)

    def _on_run_book_synced(self, _book_id: int, sentence: str, changed_here: bool) -> None:
        self.said.append(sentence)
        self.status.say("\n".join(self.said), problem=self.said_problem)
        if changed_here:
            self.synced.emit(sentence)

    def _on_run_book_failed(self, _book_id: int, sentence: str) -> None:
        self.said.append(sentence)
        self.said_problem = True
        self.status.say("\n".join(self.said), problem=True)

    def _on_run_finished(self) -> None:
        self.wrote.emit()
        self.progress_box.hide()
        self.progress.setFormat("%v of %m")
        self.refresh()

    # Conflicts and the settings ------------------------------------------------------

    def show_conflicts(self) -> ConflictsDialog:
        """N conflicts…: the fields changed on both sides, each to settle."""
        from ui.dialogs.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.stack, self.events, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save(self) -> None:
        """Store the sync's rhythm (0: only when asked)."""
        minutes = self.minutes.value() if self.every.isChecked() else 0
        if minutes != int(str(self.settings.value(AUTO_SYNC_KEY, 0)) or 0):
            self.settings.setValue(AUTO_SYNC_KEY, minutes)

    def wait(self) -> None:
        """Let a sync under way end before the page goes."""
        if self.run is not None:
            self.run.wait()
        self.tasks.wait()
