"""A sync that cannot be made says why in a sentence and changes nothing; cards a
server sends that Relate cannot take are left alone, with the importers' bounds; the
same sync works against Xandikos as against Radicale."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from relate import contacts, queries
from relate.address_books.books import add_book, get_book
from relate.importers.batches import import_batches
from relate.sync.engine import sync_book
from relate.sync.errors import SyncError, WrongPasswordError
from tests.sync_servers import PASSWORD, Canned, Server, canned_server, free_port


def _unchanged(book_id: int) -> None:
    book = get_book(book_id)
    assert (book.sync_token, book.cards, book.synced_at) == (None, 0, None)
    assert import_batches() == []


def test_a_server_that_is_down_is_said_plainly_and_nothing_changes(db_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/ann/contacts/"
    book = add_book(url, url, "ann", "Contacts", incremental=True)
    contacts.create_contact("Raj", "Patel")
    with pytest.raises(SyncError, match="127.0.0.1"):
        sync_book(book.id, PASSWORD)
    _unchanged(book.id)


@pytest.mark.parametrize(
    "canned",
    [
        Canned(200, b"<html><body>Welcome to nginx!</body></html>"),
        Canned(207, b"<?xml version='1.0'?><multistatus xmlns='DAV:'><response>", "text/xml"),
        Canned(503, b"busy"),
    ],
    ids=["html", "cut-xml", "503"],
)
def test_a_server_answering_garbage_is_said_plainly_and_nothing_changes(
    db_path: Path, canned: Canned
) -> None:
    with canned_server(canned) as base:
        url = f"{base}/ann/contacts/"
        book = add_book(url, url, "ann", "Contacts", incremental=True)
        contacts.create_contact("Raj", "Patel")
        with pytest.raises(SyncError) as failed:
            sync_book(book.id, PASSWORD)
    assert "Traceback" not in str(failed.value) and str(failed.value).endswith(".")
    _unchanged(book.id)


def test_a_wrong_password_is_said_plainly(db_path: Path, radicale: Server) -> None:
    book = add_book(radicale.make_book(), radicale.url, radicale.user, "C", incremental=True)
    with pytest.raises(WrongPasswordError):
        sync_book(book.id, "not the password")
    _unchanged(book.id)


def test_hostile_cards_from_the_server_are_left_alone_and_the_rest_taken(
    db_path: Path, radicale: Server
) -> None:
    url = radicale.make_book()
    book = add_book(url, radicale.url, radicale.user, "Contacts", incremental=True)
    http = httpx.Client(auth=(radicale.user, radicale.password))
    huge_note = "x" * (2 * 1024 * 1024)  # a value past the importers' 1 MB bound
    cards = {
        "company.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:n\r\nFN:Acme Ltd\r\nN:;;;;\r\n"
        "ORG:Acme Ltd\r\nX-ABShowAs:COMPANY\r\nEND:VCARD\r\n",
        "huge.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:h\r\nFN:Hu Ge\r\nN:Ge;Hu;;;\r\n"
        f"NOTE:{huge_note}\r\nEND:VCARD\r\n",
        "controls.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:c\r\nFN:Ctl \x1b[31mRed\r\n"
        "N:Red;Ctl;;;\r\nEND:VCARD\r\n",
        "fine.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:f\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
        "END:VCARD\r\n",
    }
    for name, card in cards.items():
        reply = http.put(f"{url}{name}", content=card.encode())
        assert reply.status_code in (201, 400), reply.text  # Radicale may refuse some itself
    report = sync_book(book.id, radicale.password)
    names = {f"{c.first_name} {c.last_name}" for c in queries.list_contacts()}
    assert "Ann Lee" in names
    assert all("\x1b" not in name for name in names)
    assert report.here.left_alone == 1  # a company's card is nobody to add
    for contact in queries.list_contacts():
        assert len(contacts.get_contact(contact.id).story) <= 1024 * 1024
    again = sync_book(book.id, radicale.password)
    assert again.summary() == "Contacts: in step."


def test_the_same_sync_works_against_xandikos(db_path: Path, server: Server) -> None:
    url = server.make_book()
    book = add_book(url, server.url, server.user, "Contacts", incremental=True)
    http = httpx.Client(auth=(server.user, server.password))
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEND:VCARD\r\n"
    assert http.put(f"{url}a.vcf", content=card.encode()).status_code == 201
    contacts.create_contact("Raj", "Patel", company="Initech")
    report = sync_book(book.id, server.password)
    assert (report.here.created, report.created) == (1, 1)
    (ann,) = [c.id for c in queries.list_contacts() if c.first_name == "Ann"]
    contacts.update_contact(ann, company="Acme")
    sync_book(book.id, server.password)
    assert "ORG:Acme" in http.get(f"{url}a.vcf").text.replace("\r\n ", "")
    assert sync_book(book.id, server.password).summary() == "Contacts: in step."
