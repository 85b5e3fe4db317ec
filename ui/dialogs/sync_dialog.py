"""Connecting a CardDAV address book, and syncing: the window's one door to
`relate.sync` (tests/core/test_layering.py). The Sync settings page imports this module
when the user first connects or syncs, so the window starts without httpx."""

from __future__ import annotations

import logging
import sys
import threading
from collections import deque
from typing import ClassVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from relate.address_books.books import BookRecord, add_book, books, get_book, remove_book
from relate.sync.books import AddressBook
from relate.sync.carddav import CardDavClient
from relate.sync.credentials import forget_password, password_for, save_password
from relate.sync.engine import SyncReport, sync_book
from relate.sync.errors import SyncError, WrongPasswordError
from relate.validation import NotFoundError, ValidationError
from ui.dialogs.errors import refusal_sentence
from ui.tasks import TaskRunner
from ui.widgets.hint import hint_label
from ui.widgets.notice import Notice

log = logging.getLogger(__name__)

NO_KEYRING = (
    "This system has no keyring, so the password was not stored: Relate asks for it at each sync."
)


def _discover(url: str, user: str, password: str) -> list[AddressBook]:
    """The worker's part of Connect: the address books the account has at `url`."""
    with CardDavClient(user, password) as client:
        return client.discover(url)


def _connect(found: AddressBook, url: str, user: str, password: str) -> tuple[BookRecord, bool]:
    """The worker's part of Connect: the book connected, and whether the keyring kept
    the password (a keyring may be slow to answer, or ask the user to unlock it)."""
    # Not an undo step: an account connected, which Remove… takes back.
    book = add_book(found.url, url, user, found.name, incremental=found.sync_token_supported)
    return book, save_password(url, user, password)


def disconnect(book_id: int) -> BookRecord:
    """Remove… (on a worker): the book disconnected and its password forgotten; every
    contact stays and nothing changes on the server."""
    # Not an undo step: what Relate knew of the book's cards goes; Connect… brings it back.
    book = remove_book(book_id)
    forget_password(book.account_url, book.user)
    return book


def failure_sentence(error: BaseException) -> str | None:
    """What to tell the user when connecting or syncing failed; None for a bug."""
    if isinstance(error, SyncError | ValidationError | NotFoundError):
        return str(error)
    return refusal_sentence(error)


class ConnectDialog(QDialog):
    """Settings → Sync → Connect…: the server's address, the user name and the password.
    The account's address books are looked for off the window's thread; when there are
    several, the user picks one. The password goes to the system's keyring, where there
    is one.

    Signals:
        connected(int): the id of the book just connected.
    """

    connected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect an address book")
        self.setObjectName("connectBookDialog")
        self.tasks = TaskRunner(self)
        self.found: list[AddressBook] = []
        self.book: BookRecord | None = None
        self.writing = False  # the chosen book is being stored
        self.closed = False  # cancelled: what the server answers now goes unread

        self.server = QLineEdit()
        self.server.setObjectName("syncServer")
        self.server.setPlaceholderText("https://cloud.example.org")
        self.server.setToolTip(
            "The server's address (Relate finds the address books there), or a book's own"
        )
        self.user = QLineEdit()
        self.user.setObjectName("syncUser")
        self.password = QLineEdit()
        self.password.setObjectName("syncPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip("An app password, where the server offers them (iCloud, Fastmail)")
        self.chooser = QComboBox()
        self.chooser.setObjectName("syncBookChoice")
        self.form = QFormLayout()
        self.form.addRow("Server:", self.server)
        self.form.addRow("User name:", self.user)
        self.form.addRow("Password:", self.password)
        self.form.addRow("Address book:", self.chooser)
        self.form.setRowVisible(self.chooser, False)
        for edit in (self.server, self.user, self.password):
            edit.textEdited.connect(self._on_account_edited)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        intro = hint_label(
            "Nextcloud, Fastmail, iCloud, Radicale, Baïkal… Only the books you connect are"
            " contacted, and only when you sync."
        )
        self.status = Notice("connectStatus")
        self.buttons = QDialogButtonBox()
        self.connect_button = self.buttons.addButton(
            "Connect", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.clicked.connect(self._on_connect_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    def account(self) -> tuple[str, str, str]:
        """The server's address, the user name and the password, as typed."""
        return self.server.text().strip(), self.user.text().strip(), self.password.text()

    def _on_account_edited(self) -> None:
        # Another account: what was found at the last one no longer applies.
        if self.found:
            self.found = []
            self.form.setRowVisible(self.chooser, False)
            self.connect_button.setText("Connect")

    def _on_connect_button_clicked(self) -> None:
        if self.book is not None:  # connected, and told there is no keyring
            self.accept()
            return
        url, user, password = self.account()
        if not (url and user and password):
            self._say("Give the server's address, your user name and your password.", True)
            return
        if self.found:
            chosen = self.found[self.chooser.currentIndex()]
            self._start(f"Connecting {chosen.name}…")
            self.writing = True
            self.tasks.run_in_background(
                lambda: _connect(chosen, url, user, password), self._on_connected, self._on_failed
            )
            return
        self._start(f"Looking for address books at {url}…")
        self.tasks.run_in_background(
            lambda: _discover(url, user, password),
            self._on_found,
            self._on_failed,
            database=False,
        )

    def _start(self, text: str) -> None:
        self._say(text, False)
        self.busy.show()
        for widget in (self.server, self.user, self.password, self.chooser, self.connect_button):
            widget.setEnabled(False)

    def _stop(self) -> None:
        self.busy.hide()
        for widget in (self.server, self.user, self.password, self.chooser, self.connect_button):
            widget.setEnabled(True)

    def _say(self, text: str, error: bool) -> None:
        self.status.say(text, problem=error)

    def _on_found(self, found: list[AddressBook]) -> None:
        if self.closed:
            return
        self._stop()
        connected = {book.url for book in books()}
        if all(book.url in connected for book in found):
            names = ", ".join(book.name for book in found)
            self._say(f"The account's address books are connected already: {names}.", True)
            return
        found = [book for book in found if book.url not in connected]
        self.found = found
        if len(found) == 1:
            self._on_connect_button_clicked()
            return
        self.chooser.clear()
        for book in found:
            self.chooser.addItem(book.name, book.url)
            self.chooser.setItemData(
                self.chooser.count() - 1, book.url, Qt.ItemDataRole.ToolTipRole
            )
        self.form.setRowVisible(self.chooser, True)
        self.connect_button.setText("Connect this book")
        self._say(f"The account has {len(found)} address books to connect: choose one.", False)
        self.chooser.setFocus()

    def _on_connected(self, result: tuple[BookRecord, bool]) -> None:
        self._stop()
        self.writing = False
        self.book, kept = result
        self.connected.emit(self.book.id)
        if kept:
            self.accept()
            return
        for widget in (self.server, self.user, self.password, self.chooser):
            widget.setEnabled(False)
        self.cancel_button.hide()
        self.connect_button.setText("Close")
        self._say(f"Connected {self.book.name}. {NO_KEYRING}", False)

    def _on_failed(self, error: BaseException) -> None:
        if self.closed:
            return
        self._stop()
        self.writing = False
        sentence = failure_sentence(error)
        if sentence is None:
            log.error("connecting a book failed: %s", type(error).__name__)
            sys.excepthook(type(error), error, error.__traceback__)
            sentence = "That did not work; the log says why."
        self._say(sentence, True)
        (self.password if isinstance(error, WrongPasswordError) else self.server).setFocus()

    def done(self, result: int) -> None:
        if self.writing:  # the book is being stored: a moment
            self.tasks.wait()
        # A server slow to answer is not waited for: its answer, if it comes, goes unread.
        self.closed = True
        super().done(result)


class SyncStoppedError(Exception):
    """The user stopped a sync (raised from its progress report, on the worker)."""


def ask_password(parent: QWidget, book: BookRecord, why: str = "") -> QInputDialog:
    """A window-modal question for the book's password (`why` first, when asked again);
    its `textValueSelected` gives the answer. Returned for the caller to connect."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("syncPasswordDialog")
    dialog.setWindowTitle("Password")
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    asked = f"Password for {book.user} at {book.name}:"
    dialog.setLabelText(f"{why}\n\n{asked}" if why else asked)
    dialog.setOkButtonText("Sync")
    return dialog


class SyncRun(QObject):
    """Syncs connected books one after another, off the window's thread: the password
    from the keyring (asked for when there is none, or when the server refuses it, and
    then kept), progress as it goes, a sentence for each book.

    Signals:
        progressed(str, int, int): the book's name and what it is doing, done, total.
        about_to_write(): a sync is about to change the database (pause other writers).
        book_synced(int, str, bool): a book's id, what its sync did (a sentence), and
            whether that changed anything here (an import, which Import history undoes).
        book_failed(int, str): a book's id and why its sync did not finish.
        finished(): every book asked for is done.
    """

    progressed = Signal(str, int, int)
    about_to_write = Signal()
    book_synced = Signal(int, str, bool)
    book_failed = Signal(int, str)
    finished = Signal()

    # Syncs under way in this process: one at a time, so that a sync every N minutes and
    # Sync now never write the same book at once.
    _running: ClassVar[set[int]] = set()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window_parent = parent
        self.ask = True
        self.tasks = TaskRunner(self)
        self._queue: deque[int] = deque()
        self._book: BookRecord | None = None
        self._dry_run = False
        self._stop = threading.Event()
        self.prompt: QInputDialog | None = None  # the password question, while asked

    def is_running(self) -> bool:
        return self._book is not None or bool(self._queue)

    @classmethod
    def any_running(cls) -> bool:
        """Whether a sync (of any runner) is under way."""
        return bool(cls._running)

    def start(self, book_ids: list[int], *, dry_run: bool = False, ask: bool = True) -> bool:
        """Sync these books in turn (`dry_run`: say what would change, change nothing;
        `ask`: ask for a password the keyring does not hold, or the server refused; off,
        for a sync nobody asked for just now, such a book is skipped and said so).
        False, doing nothing, while another sync is under way."""
        if self.is_running() or self.any_running():
            return False
        SyncRun._running.add(id(self))
        self._dry_run, self.ask = dry_run, ask
        self._stop.clear()
        self._queue.extend(book_ids)
        self._next()
        return True

    def stop(self) -> None:
        """Stop at the next step: what was read is not applied, and writes not yet made
        are made at the next sync."""
        self._queue.clear()
        self._stop.set()
        if self.prompt is not None:
            self.prompt.reject()

    def _next(self) -> None:
        self._book = None
        if not self._queue:
            SyncRun._running.discard(id(self))
            self.finished.emit()
            return
        try:
            book = self._book = get_book(self._queue.popleft())
        except NotFoundError:  # removed meanwhile
            self._next()
            return
        self.progressed.emit(book.name, 0, 0)
        self.tasks.run_in_background(
            lambda: password_for(book.account_url, book.user),
            self._on_password_read,
            self._on_failed,
            database=False,
        )

    def _on_password_read(self, password: str | None) -> None:
        if password is None and not self.ask:
            assert self._book is not None
            self.book_failed.emit(self._book.id, f"{self._book.name}: no password is kept.")
            self._next()
        elif password is None:
            self._ask()
        else:
            self._sync(password, typed=False)

    def _ask(self, why: str = "") -> None:
        assert self._book is not None
        self.prompt = ask_password(self.window_parent, self._book, why)
        self.prompt.textValueSelected.connect(self._on_prompt_text_value_selected)
        self.prompt.rejected.connect(self._on_prompt_rejected)
        self.prompt.open()

    def _on_prompt_text_value_selected(self, password: str) -> None:
        self.prompt = None
        if password:
            self._sync(password, typed=True)
        else:
            self._ask("The password is empty.")

    def _on_prompt_rejected(self) -> None:
        self.prompt = None
        assert self._book is not None
        self.book_failed.emit(self._book.id, f"{self._book.name}: not synced (no password).")
        self._next()

    def _sync(self, password: str, *, typed: bool) -> None:
        book, dry_run, stop = self._book, self._dry_run, self._stop
        assert book is not None

        def report(what: str, done: int, total: int) -> None:
            if stop.is_set():
                raise SyncStoppedError
            self.progressed.emit(f"{book.name}: {what}", done, total)

        def work() -> SyncReport:
            # Not an undo step: what a sync changes here is one import, which File →
            # Import history undoes; the server's side is the server's.
            result = sync_book(book.id, password, dry_run=dry_run, progress=report)
            if typed:  # the server took it: keep it, so it is not asked again
                save_password(book.account_url, book.user, password)
            return result

        if not dry_run:
            self.about_to_write.emit()
        self.progressed.emit(f"{book.name}: connecting", 0, 0)
        self.tasks.run_in_background(work, self._on_synced, self._on_failed)

    def _on_synced(self, report: SyncReport) -> None:
        assert self._book is not None
        sentence = report.summary()
        if report.here.batch_id is not None:
            sentence += " File → Import history can undo what it changed here."
        self.book_synced.emit(self._book.id, sentence, report.here.batch_id is not None)
        self._next()

    def _on_failed(self, error: BaseException) -> None:
        book = self._book
        assert book is not None
        if isinstance(error, WrongPasswordError) and self.ask and not self._stop.is_set():
            self._ask(str(error))
            return
        if isinstance(error, SyncStoppedError):
            sentence = "Stopped. What is left is done at the next sync."
        else:
            sentence = failure_sentence(error) or ""
            if not sentence:
                log.error("a sync failed: %s", type(error).__name__)
                sys.excepthook(type(error), error, error.__traceback__)
                sentence = "The sync failed; the log says why."
        self.book_failed.emit(book.id, f"{book.name}: {sentence}")
        self._next()

    def wait(self) -> None:
        """Stop, and block until the work under way has ended (before the page goes)."""
        self.stop()
        self.tasks.wait()
        SyncRun._running.discard(id(self))  # its answer may never be read now
