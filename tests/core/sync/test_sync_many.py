"""A first sync at the size of a real phone book, with a real Radicale: 5,000 cards, a
database that knows 1,000 of their people (by one e-mail address) and others of its
own. What is checked is the outcome, never the time (bench/sync_speed.py times it)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from relate import queries
from relate.address_books.books import add_book
from relate.store import bulk
from relate.store.db import execute
from relate.sync.books import AddressBook
from relate.sync.carddav import CardDavClient
from relate.sync.engine import sync_book
from tests.sync_cards import shared_people
from tests.sync_servers import Server

CARDS, KNOWN, LOCAL_ONLY = 5000, 1000, 20
# Radicale reads every card of the book for each new card put in it, so the test sends
# few; one known contact in ten keeps its LinkedIn profile and town, each a card to
# update, the others hold only what their card holds too.
KEPT = 10


@pytest.mark.slow
def test_a_first_sync_of_5000_cards_links_each_once_and_a_second_changes_nothing(
    db_path: Path, radicale: Server
) -> None:
    shared = shared_people(CARDS, KNOWN, LOCAL_ONLY)
    url = radicale.fill_book([card.vcard for card in shared.cards])
    known = [
        person if n % KEPT == 0 else dataclasses.replace(person, linkedin_url=None, location="")
        for n, person in enumerate(shared.known)
    ]
    bulk.insert_contacts(known + shared.local_only)
    # What a card lacks of a kept contact goes to it: the profile, the town (the card's
    # address gives the same town when it has one).
    to_update = sum(
        1
        for n, (person, card) in enumerate(zip(known, shared.cards, strict=False))
        if n % KEPT == 0 and (person.linkedin_url or "\r\nADR" not in card.vcard)
    )
    book = add_book(url, radicale.url, radicale.user, "Contacts", incremental=True)

    report = sync_book(book.id, radicale.password)

    assert (report.read, report.refused) == (CARDS, [])
    assert (report.here.created, report.here.matched) == (CARDS - KNOWN, KNOWN)
    assert (report.created, report.updated, report.here.conflicts) == (LOCAL_ONLY, to_update, 0)
    assert queries.count_contacts() == CARDS + LOCAL_ONLY  # the 1,000 known not doubled
    cards, contacts, unlinked = execute(
        "SELECT count(*), count(DISTINCT contact_id), sum(contact_id IS NULL OR NOT linked)"
        " FROM sync_card WHERE book_id = ?",
        (book.id,),
    ).fetchone()
    assert (cards, contacts, unlinked) == (CARDS + LOCAL_ONLY, CARDS + LOCAL_ONLY, 0)
    # Each known contact took the phones of the card with its address, and only those.
    phones_of_known = execute(
        "SELECT count(DISTINCT p.contact_id) FROM contact_phone p"
        " JOIN contact_email e ON e.contact_id = p.contact_id WHERE e.address IN"
        f" ({','.join('?' * KNOWN)})",
        [card.emails[0] for card in shared.cards[:KNOWN]],
    ).fetchone()[0]
    assert phones_of_known == KNOWN
    with CardDavClient(radicale.user, radicale.password) as client:
        assert len(client.listing(AddressBook(url, "Contacts", True))) == CARDS + LOCAL_ONLY

    again = sync_book(book.id, radicale.password)
    assert again.summary() == "Contacts: in step."
    assert (again.read, again.here.batch_id) == (0, None)
