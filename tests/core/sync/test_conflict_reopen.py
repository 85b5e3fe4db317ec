"""Taking a conflict's resolution back (the window's undo): the conflict waits again,
the contact gets its value back, and a newer conflict of the field is left to stand."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate import contacts, queries
from relate.address_books.books import add_book
from relate.address_books.conflicts import open_conflicts, reopen_conflict, resolve_conflict
from relate.sync.engine import sync_book
from relate.validation import NotFoundError
from tests.core.sync.test_sync_engine import Phone, card_property, phone_card
from tests.sync_servers import Server


@pytest.fixture
def conflict(db_path: Path, radicale: Server):
    """Ann's company changed here (Initech) and on the phone (Globex)."""
    url = radicale.make_book()
    book = add_book(url, radicale.url, radicale.user, "Contacts", incremental=True)
    phone = Phone(radicale, url)
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync_book(book.id, radicale.password)
    (ann,) = [c.id for c in queries.list_contacts()]
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Globex"))
    contacts.update_contact(ann, company="Initech")
    sync_book(book.id, radicale.password)
    (found,) = open_conflicts()
    return found, book.id, phone, radicale.password


def test_taking_theirs_back_restores_the_value_and_the_next_sync_sends_it(conflict) -> None:
    found, book_id, phone, password = conflict
    resolve_conflict(found.id, take_server=True)
    assert contacts.get_contact(found.contact_id).company == "Globex"

    assert reopen_conflict(found.id, restore="Initech")

    assert contacts.get_contact(found.contact_id).company == "Initech"
    assert [c.id for c in open_conflicts()] == [found.id]
    sync_book(book_id, password)
    assert card_property(phone.get("p1.vcf"), "ORG") == ["ORG:Initech"]


def test_keeping_mine_back_changes_no_field(conflict) -> None:
    found, *_ = conflict
    resolve_conflict(found.id, take_server=False)
    assert reopen_conflict(found.id)
    assert contacts.get_contact(found.contact_id).company == "Initech"
    assert len(open_conflicts()) == 1


def test_a_newer_conflict_of_the_field_stands_and_an_open_one_cannot_be_reopened(
    conflict,
) -> None:
    found, book_id, phone, password = conflict
    with pytest.raises(NotFoundError):
        reopen_conflict(found.id)
    resolve_conflict(found.id, take_server=False)
    sync_book(book_id, password)  # sends Initech
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Hooli"))
    contacts.update_contact(found.contact_id, company="Pied Piper")
    sync_book(book_id, password)
    (newer,) = open_conflicts()

    assert not reopen_conflict(found.id)

    assert [c.id for c in open_conflicts()] == [newer.id]
