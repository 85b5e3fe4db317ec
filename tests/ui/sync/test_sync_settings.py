"""Settings → Sync, driven as a user does against a real Radicale server: connect a
book, sync now, see the result and the window's list follow, settle a conflict (and
undo it), a wrong password said plainly, a book's options stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QPushButton,
)

from relate import contacts, queries
from relate.address_books.books import add_book, books, get_book, remove_book
from relate.address_books.conflicts import open_conflicts
from relate.sync.credentials import save_password
from tests.core.sync.conftest import MemoryKeyring
from tests.core.sync.test_sync_engine import Phone, phone_card
from tests.sync_servers import Server
from ui.dialogs.conflicts_dialog import ConflictsDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.dialogs.sync_page import SyncPage
from ui.undo.data_events import DataEvents
from ui.window.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def open_sync_tab(qtbot, window: MainWindow) -> SettingsDialog:
    """Edit → Settings…, then the Sync tab, as a user gets there."""
    window.menu_actions.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.tabs.setCurrentWidget(dialog.sync)
    return dialog


def the_only(parent, kind: type):  # noqa: ANN001, ANN202 - the kind asked
    found = [w for w in parent.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def connect_through_the_dialog(qtbot, page: SyncPage, server: Server, password: str) -> None:
    click(qtbot, page.connect_button)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.objectName() == "connectBookDialog"
    qtbot.keyClicks(dialog.findChild(QLineEdit, "syncServer"), server.url)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "syncUser"), server.user)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "syncPassword"), password)
    click(qtbot, dialog.findChild(QPushButton, "connectButton"))


@pytest.fixture
def phone(radicale: Server) -> Phone:
    return Phone(radicale, radicale.make_book())


def test_connect_then_sync_now_brings_the_servers_cards_into_the_window(
    qtbot, window: MainWindow, radicale: Server, phone: Phone, memory_keyring: MemoryKeyring
) -> None:
    phone.put("p1.vcf", phone_card(1, "Dana", "Scully", company="FBI"))
    dialog = open_sync_tab(qtbot, window)
    page = dialog.sync
    assert page.detail.text().startswith("No address book is connected")

    connect_through_the_dialog(qtbot, page, radicale, radicale.password)

    (book,) = books()
    assert (book.name, book.user) == ("Contacts", radicale.user)
    assert memory_keyring.passwords  # kept in the keyring, not asked again
    assert QApplication.activeModalWidget() is dialog  # the connect dialog closed
    assert page.model.rowCount() == 1 and "Choose what it carries" in page.status.text()

    click(qtbot, page.sync_button)

    assert "Contacts: 1 new here" in page.status.text()
    assert "sent" in page.status.text() or "added to the server" in page.status.text()
    assert not page.status.problem
    assert page.model.data(page.model.index(0, 2)) != "never"
    (dana,) = [c.id for c in queries.list_contacts() if c.display_name == "Dana Scully"]
    # The window's list followed, and its status bar says what happened.
    assert window.list_pane.model.row_of(dana) >= 0
    assert "Import history can undo" in window.statusBar().currentMessage()
    assert len(phone.names()) == 1 + 12  # the network's dozen went the other way
    click(qtbot, page.sync_button)
    assert page.status.text() == "Contacts: in step."
    dialog.reject()


def test_a_wrong_password_is_said_plainly_and_connects_nothing(
    qtbot, window: MainWindow, radicale: Server, phone: Phone
) -> None:
    settings_dialog = open_sync_tab(qtbot, window)
    page = settings_dialog.sync

    connect_through_the_dialog(qtbot, page, radicale, "not the password")

    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "connectBookDialog"  # still open, saying why
    status = dialog.status
    assert status.problem and "password" in status.text().lower()
    assert books() == []
    # Typing the right one then connects.
    password = dialog.findChild(QLineEdit, "syncPassword")
    password.clear()
    qtbot.keyClicks(password, radicale.password)
    click(qtbot, dialog.findChild(QPushButton, "connectButton"))
    assert len(books()) == 1
    settings_dialog.reject()


def answer_password(qtbot, password: str) -> QInputDialog:
    """Type `password` into the password question the sync asks, and OK it."""
    asked = QApplication.activeModalWidget()
    assert isinstance(asked, QInputDialog) and asked.objectName() == "syncPasswordDialog"
    asked.setTextValue(password)
    click(qtbot, [b for b in asked.findChildren(QPushButton) if b.text() == "Sync"][0])
    return asked


@pytest.fixture
def page(qtbot, db_path: Path, settings: QSettings, radicale: Server, phone: Phone) -> SyncPage:
    """The Sync page on its own, with Contacts connected and no password kept."""
    add_book(phone.url, radicale.url, radicale.user, "Contacts", incremental=True)
    widget = SyncPage(settings, QUndoStack(), DataEvents())
    qtbot.addWidget(widget)
    widget.resize(640, 560)
    widget.show()
    return widget


def test_without_a_kept_password_sync_asks_for_it_and_a_wrong_one_again(
    qtbot, page: SyncPage, radicale: Server, phone: Phone, memory_keyring: MemoryKeyring
) -> None:
    phone.put("p1.vcf", phone_card(1, "Fox", "Mulder"))
    contacts.create_contact("Walter", "Skinner")
    asked: list[str] = []

    def answer(text: str) -> None:
        dialog = QApplication.activeModalWidget()
        asked.append(dialog.labelText())
        answer_password(qtbot, text)

    # The first answer is wrong: the question comes again, saying why.
    QTimer.singleShot(0, lambda: answer("wrong"))
    click(qtbot, page.sync_button)
    qtbot.waitUntil(lambda: len(asked) == 1)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    answer(radicale.password)

    assert "refused" in asked[1].lower() or "password" in asked[1].lower()
    assert "Contacts: 1 new here" in page.status.text()
    assert memory_keyring.passwords  # the one the server took is kept now


def test_a_conflict_is_settled_from_the_list_and_undone(
    qtbot, page: SyncPage, radicale: Server, phone: Phone, memory_keyring: MemoryKeyring
) -> None:
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Acme"))
    click(qtbot, page.sync_button)
    (ann,) = [c.id for c in queries.list_contacts()]
    contacts.update_contact(ann, company="Initech")  # here
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Globex"))  # and there
    click(qtbot, page.sync_button)
    assert "1 conflict to resolve" in page.status.text()
    assert page.conflicts_button.text() == "1 conflict…"

    click(qtbot, page.conflicts_button)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ConflictsDialog)
    model = dialog.model
    row = [model.data(model.index(0, column)) for column in range(5)]
    assert row == ["Ann Lee", "Company", "Initech", "Globex", "Contacts"]
    click(qtbot, dialog.take_button)

    assert contacts.get_contact(ann).company == "Globex"
    assert open_conflicts() == [] and dialog.empty.isVisible()
    assert page.conflicts_button.text() == "No conflicts"

    dialog.undo_action.trigger()  # Ctrl+Z in the dialog

    assert contacts.get_contact(ann).company == "Initech"
    assert len(open_conflicts()) == 1 and dialog.table.isVisible()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    dialog.redo_action.trigger()
    assert contacts.get_contact(ann).company == "Globex"
    dialog.undo_action.trigger()
    click(qtbot, dialog.keep_button)
    assert contacts.get_contact(ann).company == "Initech" and open_conflicts() == []
    assert get_book(book.id).conflicts == 0
    dialog.reject()


def test_a_books_options_are_stored_as_they_are_changed(
    qtbot, page: SyncPage, network: dict[str, int]
) -> None:
    options = page.options
    qtbot.mouseClick(options.carried["how_met"], LEFT)
    qtbot.mouseClick(options.removes, LEFT)
    assert get_book(books()[0].id).own_fields == ("how_met",)
    assert get_book(books()[0].id).delete_on_server
    send = options.send
    send.setFocus()
    qtbot.keyClick(send, Qt.Key.Key_End)  # "Those tagged", the last choice
    assert options.tag.isVisible()
    assert get_book(books()[0].id).send == f"tag:{options.tag.currentText()}"


def test_a_card_with_a_conflict_says_so_and_leads_to_it(
    qtbot, page: SyncPage, pane, network: dict[str, int], radicale: Server, phone: Phone
) -> None:
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    click(qtbot, page.sync_button)  # the network's cards go to the server
    (href,) = [n for n in phone.names() if "FN:Ann Adams" in phone.get(n)]
    phone.put(href, phone.get(href).replace("ORG:Acme", "ORG:Globex"))
    contacts.update_contact(network["ann"], company="Initech")
    click(qtbot, page.sync_button)
    card = pane.card
    assert card.conflicts.isHidden()

    card.refresh()  # as the window does after a sync

    assert card.conflicts.isVisible()
    said = card.conflicts_text.text()
    assert "Company" in said and "Contacts" in said
    qtbot.mouseClick(card.conflicts_button, LEFT)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ConflictsDialog) and dialog.model.rowCount() == 1
    click(qtbot, dialog.keep_button)
    assert card.conflicts.isHidden()  # the choice was announced; the card read again
    dialog.reject()


def test_without_a_keyring_connect_says_so_and_sync_asks_each_time(
    qtbot, page: SyncPage, radicale: Server, phone: Phone
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a server, a CI machine: no keyring at all
    for book in books():  # the fixture's; connect it again through the dialog
        remove_book(book.id)
    page.refresh()

    connect_through_the_dialog(qtbot, page, radicale, radicale.password)

    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "connectBookDialog"  # open, to say it plainly
    assert "no keyring" in dialog.status.text() and not dialog.status.problem
    assert len(books()) == 1
    close = dialog.findChild(QPushButton, "connectButton")
    assert close.text() == "Close"
    click(qtbot, close)
    assert not dialog.isVisible()

    for _ in range(2):  # asked at each sync
        QTimer.singleShot(0, lambda: answer_password(qtbot, radicale.password))
        click(qtbot, page.sync_button)
        qtbot.waitUntil(lambda: "Contacts:" in page.status.text())
        assert not page.status.problem


def test_sync_now_on_the_worker_threads_shows_progress_then_the_result(
    qtbot, page: SyncPage, radicale: Server, phone: Phone, threaded_tasks: None
) -> None:
    for n in range(30):
        phone.put(f"p{n}.vcf", phone_card(n, f"Person{n}", "Phone"))
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    seen: list[str] = []
    page.progress.valueChanged.connect(lambda _value: seen.append(page.progress.format()))

    click(qtbot, page.sync_button)

    assert page.progress_box.isVisible() and not page.sync_button.isEnabled()
    qtbot.waitUntil(lambda: not page.progress_box.isVisible(), timeout=20_000)
    assert "Contacts: 30 new here" in page.status.text()
    assert any("Reading cards" in text for text in seen), seen
    assert page.sync_button.isEnabled()
    assert queries.count_contacts() == 30


def test_sync_every_n_minutes_is_chosen_in_settings_and_syncs_while_the_window_is_open(
    qtbot, window: MainWindow, radicale: Server, phone: Phone
) -> None:
    add_book(phone.url, radicale.url, radicale.user, "Contacts", incremental=True)
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    assert not window.syncs.timer.isActive()
    dialog = open_sync_tab(qtbot, window)
    qtbot.mouseClick(dialog.sync.every, LEFT)
    dialog.sync.minutes.setValue(15)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert window.syncs.timer.interval() == 15 * 60_000
    phone.put("p1.vcf", phone_card(1, "Dana", "Scully"))

    window.syncs.timer.setInterval(10)  # no test waits a quarter of an hour

    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    # Every 10 ms: the next sync may say "in step" before this test looks, so it
    # looks at every message the syncs gave.
    qtbot.waitUntil(lambda: any("Contacts: 1 new here" in text for text in said), timeout=30_000)
    window.syncs.timer.stop()
    assert "Dana Scully" in [c.display_name for c in queries.list_contacts()]


def test_an_account_with_several_books_offers_those_not_connected_yet(
    qtbot, db_path: Path, settings: QSettings, radicale: Server
) -> None:
    radicale.make_book("contacts", name="Family")
    radicale.make_book("work", name="Work")
    page = SyncPage(settings, QUndoStack(), DataEvents())
    qtbot.addWidget(page)
    page.show()

    connect_through_the_dialog(qtbot, page, radicale, radicale.password)

    dialog = QApplication.activeModalWidget()
    chooser = dialog.chooser
    assert chooser.isVisible() and [chooser.itemText(i) for i in range(2)] == ["Family", "Work"]
    assert books() == []  # nothing connected until one is chosen
    qtbot.keyClick(chooser, Qt.Key.Key_Down)
    click(qtbot, dialog.connect_button)
    assert [book.name for book in books()] == ["Work"]
    assert page.chosen().name == "Work"

    connect_through_the_dialog(qtbot, page, radicale, radicale.password)  # the other one
    assert [book.name for book in books()] == ["Work", "Family"]

    connect_through_the_dialog(qtbot, page, radicale, radicale.password)
    dialog = QApplication.activeModalWidget()
    assert dialog.status.problem and "connected already" in dialog.status.text()
    dialog.reject()


def test_what_a_sync_on_a_worker_notes_is_not_taken_for_another_programs_write(
    qtbot, window: MainWindow, radicale: Server, phone: Phone, threaded_tasks: None
) -> None:
    add_book(phone.url, radicale.url, radicale.user, "Contacts", incremental=True)
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    page = open_sync_tab(qtbot, window).sync
    click(qtbot, page.sync_button)
    qtbot.waitUntil(lambda: not page.progress_box.isVisible(), timeout=20_000)
    click(qtbot, page.sync_button)
    qtbot.waitUntil(lambda: not page.progress_box.isVisible(), timeout=20_000)
    assert page.status.text() == "Contacts: in step."

    assert not window.session.external_changes.check()
    window.findChild(SettingsDialog).reject()


def test_stop_ends_a_sync_at_its_next_step_and_changes_nothing_here(
    qtbot,
    page: SyncPage,
    radicale: Server,
    phone: Phone,
    threaded_tasks: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from relate.sync.carddav import CardDavClient

    phone.put("p1.vcf", phone_card(1, "Dana", "Scully"))
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    gate = threading.Event()  # the server's answer, held until the user has clicked Stop
    reading = CardDavClient.changes_since

    def held(self: CardDavClient, *args: object):  # noqa: ANN202
        gate.wait(10)
        return reading(self, *args)

    monkeypatch.setattr(CardDavClient, "changes_since", held)

    click(qtbot, page.sync_button)
    click(qtbot, page.stop_button)
    gate.set()

    qtbot.waitUntil(lambda: not page.progress_box.isVisible(), timeout=20_000)
    assert page.status.problem and "Stopped" in page.status.text()
    assert queries.count_contacts() == 0
    assert page.sync_button.isEnabled()


def test_preview_says_what_a_sync_would_do_and_changes_nothing(
    qtbot, page: SyncPage, radicale: Server, phone: Phone, network: dict[str, int]
) -> None:
    phone.put("p1.vcf", phone_card(1, "Dana", "Scully"))
    book = books()[0]
    assert save_password(book.account_url, book.user, radicale.password)
    before = queries.count_contacts()

    click(qtbot, page.preview_button)

    said = page.status.text()
    assert said.startswith("Contacts: would be 1 new here") and "12 to add to the server" in said
    assert queries.count_contacts() == before and phone.names() == {"p1.vcf"}
    assert get_book(book.id).synced_at is None


def test_file_sync_address_books_syncs_from_the_window_or_leads_to_connecting_one(
    qtbot, window: MainWindow, radicale: Server, phone: Phone, memory_keyring: MemoryKeyring
) -> None:
    window.menu_actions.sync_action.trigger()  # nothing connected yet
    dialog = window.findChild(SettingsDialog)
    assert dialog.isVisible() and dialog.tabs.currentWidget() is dialog.sync
    dialog.reject()

    add_book(phone.url, radicale.url, radicale.user, "Contacts", incremental=True)
    phone.put("p1.vcf", phone_card(1, "Dana", "Scully"))
    QTimer.singleShot(0, lambda: answer_password(qtbot, radicale.password))
    window.menu_actions.sync_action.trigger()

    qtbot.waitUntil(lambda: "Contacts: 1 new here" in window.statusBar().currentMessage())
    (dana,) = [c.id for c in queries.list_contacts() if c.display_name == "Dana Scully"]
    assert window.list_pane.model.row_of(dana) >= 0
    assert memory_keyring.passwords  # the password the server took is kept
    window.menu_actions.sync_action.trigger()  # the next time, nothing is asked
    assert window.statusBar().currentMessage() == "Contacts: in step."
