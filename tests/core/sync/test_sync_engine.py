"""Two-way sync of a Relate database with a real Radicale server: first sync both ways,
incremental syncs, edits on each side merged field by field, conflicts kept, deletions,
a change on the server between our read and our write, an interrupted sync, undo."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import httpx
import pytest

from relate import contacts, queries
from relate.address_books import apply
from relate.address_books.books import add_book, get_book
from relate.address_books.conflicts import open_conflicts, resolve_conflict
from relate.address_books.known_cards import contact_states
from relate.address_books.pushes import pending_count
from relate.importers.batches import undo_import
from relate.store import models
from relate.sync.books import AddressBook
from relate.sync.carddav import CardDavClient
from relate.sync.engine import sync_book
from tests.sync_servers import Server

PHONE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nN:{last};{first};;;\r\nFN:{first} {last}\r\n"
    "ORG:{company}\r\nEMAIL;TYPE=WORK:{email}\r\n"
    "item1.TEL;TYPE=CELL:+44 7700 900{n:03d}\r\nitem1.X-ABLabel:Boat phone\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDA\r\n"
    " sLCxkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA\r\n"
    "X-OTHER-APP-FLAG:keep;me;exactly\r\nEND:VCARD\r\n"
)


def phone_card(n: int, first: str, last: str, company: str = "Acme", email: str = "") -> str:
    email = email or f"{first.lower()}@example.org"
    return PHONE_CARD.format(uid=f"p{n}", first=first, last=last, company=company, email=email, n=n)


class Phone:
    """A second CardDAV client standing in for a phone: plain httpx calls."""

    def __init__(self, server: Server, url: str) -> None:
        self.url = url
        self.auth = (server.user, server.password)
        self.http = httpx.Client(auth=self.auth)

    def put(self, name: str, card: str) -> None:
        reply = self.http.put(f"{self.url}{name}", content=card.encode())
        assert reply.status_code in (201, 204), reply.text

    def get(self, name: str) -> str:
        reply = self.http.get(f"{self.url}{name}")
        assert reply.status_code == 200, reply.text
        return reply.text

    def delete(self, name: str) -> None:
        assert self.http.delete(f"{self.url}{name}").status_code in (200, 204)

    def names(self) -> set[str]:
        with CardDavClient(*self.auth) as client:
            listed = client.listing(AddressBook(self.url, "", True))
        return {href.rsplit("/", 1)[-1] for href in listed}


@pytest.fixture
def connected(db_path: Path, radicale: Server):
    url = radicale.make_book()
    book = add_book(url, radicale.url, radicale.user, "Contacts", incremental=True)
    yield book.id, Phone(radicale, url), radicale.password


def sync(book_id: int, password: str, **options):
    return sync_book(book_id, password, **options)


def card_property(card: str, name: str) -> list[str]:
    unfolded = card.replace("\r\n ", "").replace("\n ", "")
    return [line for line in unfolded.splitlines() if line.upper().startswith(name)]


def test_a_first_sync_matches_adds_and_sends_without_doubling_anyone(connected) -> None:
    book_id, phone, password = connected
    kept = contacts.create_contact("Ann", "Lee", emails=["ann@example.org"], company="Acme")
    mine = contacts.create_contact("Raj", "Patel", company="Initech")
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    phone.put("p2.vcf", phone_card(2, "Bo", "Chen"))

    report = sync(book_id, password)

    assert (report.here.created, report.here.matched, report.created) == (1, 1, 1)
    assert queries.count_contacts() == 3  # Ann matched by e-mail, not doubled
    ann = contacts.get_contact(kept)
    assert ann.phones[0].number == "+44 7700 900001" and ann.phones[0].label == "Boat phone"
    names = phone.names()
    assert len(names) == 3 and {"p1.vcf", "p2.vcf"} <= names
    sent = next(phone.get(n) for n in names - {"p1.vcf", "p2.vcf"})
    assert "FN:Raj Patel" in sent and "ORG:Initech" in sent
    assert "X-RELATE" not in sent  # Relate's own fields stay home unless the book carries them
    assert contacts.get_contact(mine).first_name == "Raj"

    again = sync(book_id, password)
    assert again.summary() == "Contacts: in step."
    assert again.here.batch_id is None


def test_what_a_long_sync_writes_here_is_no_change_for_the_next_to_merge(
    connected, monkeypatch: pytest.MonkeyPatch
) -> None:
    book_id, phone, password = connected
    contacts.create_contact("Ann", "Lee", emails=["ann@example.org"])
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))  # matched: her phone taken here
    phone.put("p2.vcf", phone_card(2, "Bo", "Chen"))  # added here
    started = models.now() - dt.timedelta(minutes=1)  # a sync of thousands of cards
    monkeypatch.setattr(apply, "now", lambda: started)
    sync(book_id, password)
    assert not any(changed for changed, _archived in contact_states(book_id).values())


def test_edits_on_each_side_merge_field_by_field_and_keep_what_relate_does_not_read(
    connected,
) -> None:
    book_id, phone, password = connected
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync(book_id, password)
    (ann,) = [c.id for c in queries.list_contacts()]
    before = phone.get("p1.vcf")

    phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Globex"))  # on the phone
    contacts.update_contact(ann, position="Partner")  # here
    sync(book_id, password)

    detail = contacts.get_contact(ann)
    assert (detail.company, detail.position) == ("Globex", "Partner")
    after = phone.get("p1.vcf")
    assert card_property(after, "TITLE") == ["TITLE:Partner"]
    assert card_property(after, "ORG") == ["ORG:Globex"]
    for name in ("PHOTO", "X-OTHER-APP-FLAG", "ITEM1.X-ABLABEL"):
        assert card_property(after, name) == card_property(before, name), name


def test_a_field_changed_on_both_sides_keeps_relates_and_records_the_servers(connected) -> None:
    book_id, phone, password = connected
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync(book_id, password)
    (ann,) = [c.id for c in queries.list_contacts()]
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Globex"))
    contacts.update_contact(ann, company="Initech")

    report = sync(book_id, password)

    assert report.here.conflicts == 1
    assert contacts.get_contact(ann).company == "Initech"
    (conflict,) = open_conflicts()
    assert (conflict.label, conflict.local_value, conflict.server_value) == (
        "Company", "Initech", "Globex",
    )  # fmt: skip
    assert card_property(phone.get("p1.vcf"), "ORG") == ["ORG:Initech"]
    resolve_conflict(conflict.id, take_server=True)
    sync(book_id, password)
    assert contacts.get_contact(ann).company == "Globex"
    assert card_property(phone.get("p1.vcf"), "ORG") == ["ORG:Globex"]
    assert get_book(book_id).conflicts == 0


def test_a_card_deleted_on_the_server_is_archived_here_never_deleted(connected) -> None:
    book_id, phone, password = connected
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync(book_id, password)
    phone.delete("p1.vcf")
    report = sync(book_id, password)
    assert report.here.archived == 1
    (ann,) = queries.list_contacts(archived=True)
    assert ann.first_name == "Ann"


def test_deleting_here_removes_the_card_only_when_the_book_says_so(
    db_path: Path, radicale: Server
) -> None:
    url = radicale.make_book()
    book = add_book(
        url, radicale.url, radicale.user, "Contacts", incremental=True, delete_on_server=True
    )
    phone = Phone(radicale, url)
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    phone.put("p2.vcf", phone_card(2, "Bo", "Chen"))
    sync(book.id, radicale.password)
    ann, bo = sorted(c.id for c in queries.list_contacts())
    contacts.delete_contacts([ann])
    contacts.set_archived([bo])
    report = sync(book.id, radicale.password)
    assert report.deleted == 2
    assert phone.names() == set()


def test_a_change_on_the_server_between_our_read_and_our_write_is_merged_not_overwritten(
    connected,
) -> None:
    book_id, phone, password = connected
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync(book_id, password)
    (ann,) = [c.id for c in queries.list_contacts()]
    contacts.update_contact(ann, position="Partner")

    class Racing(CardDavClient):
        raced = False

        def update(self, href: str, vcard: str, etag: str) -> str | None:
            if not Racing.raced:  # the phone writes first
                Racing.raced = True
                phone.put("p1.vcf", phone_card(1, "Ann", "Lee", company="Globex"))
            return super().update(href, vcard, etag)

    report = sync(book_id, password, client_factory=Racing)

    assert report.retried == 1
    card = phone.get("p1.vcf")
    assert card_property(card, "ORG") == ["ORG:Globex"]  # the phone's change kept
    assert card_property(card, "TITLE") == ["TITLE:Partner"]  # and ours made
    assert contacts.get_contact(ann).company == "Globex"


def test_a_sync_cut_short_resumes_with_what_it_owed(connected) -> None:
    book_id, phone, password = connected
    for n in range(5):
        contacts.create_contact(f"Person{n}", "Here")

    class Dropping(CardDavClient):
        made = 0

        def create(self, book, name, vcard):  # type: ignore[no-untyped-def]
            if Dropping.made == 2:
                raise KeyboardInterrupt  # the process is stopped mid-way
            Dropping.made += 1
            return super().create(book, name, vcard)

    with pytest.raises(KeyboardInterrupt):
        sync(book_id, password, client_factory=Dropping)
    assert len(phone.names()) == 2 and pending_count(book_id) == 3

    report = sync(book_id, password)
    assert report.created == 3 and len(phone.names()) == 5
    assert pending_count(book_id) == 0
    assert sync(book_id, password).summary() == "Contacts: in step."


def test_a_dry_run_says_what_would_change_and_changes_nothing(connected) -> None:
    book_id, phone, password = connected
    contacts.create_contact("Raj", "Patel")
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    report = sync(book_id, password, dry_run=True)
    assert report.summary() == "Contacts: would be 1 new here, 1 to add to the server."
    assert queries.count_contacts() == 1 and phone.names() == {"p1.vcf"}
    assert get_book(book_id).sync_token is None


def test_undoing_a_sync_takes_its_changes_back_here(connected) -> None:
    book_id, phone, password = connected
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync(book_id, password)
    (ann,) = [c.id for c in queries.list_contacts()]
    card = phone_card(1, "Ann", "Lee", company="Globex").replace(
        "EMAIL;TYPE=WORK:ann@example.org", "EMAIL;TYPE=WORK:ann@globex.com"
    )
    phone.put("p1.vcf", card)
    report = sync(book_id, password)
    assert contacts.get_contact(ann).emails == ("ann@globex.com",)

    undo_import(report.here.batch_id)

    detail = contacts.get_contact(ann)
    assert (detail.company, detail.emails) == ("Acme", ("ann@example.org",))
    sync(book_id, password)  # the undo is a change here: the server hears of it
    card = phone.get("p1.vcf")
    assert card_property(card, "ORG") == ["ORG:Acme"]
    assert [line.rsplit(":", 1)[1] for line in card_property(card, "EMAIL")] == ["ann@example.org"]


def test_a_value_relate_refuses_stays_on_the_server_as_a_conflict(connected) -> None:
    book_id, phone, password = connected
    phone.put("p1.vcf", phone_card(1, "Ann", "Lee"))
    sync(book_id, password)
    (ann,) = [c.id for c in queries.list_contacts()]
    contacts.create_contact("Bo", "Chen", linkedin_url="https://www.linkedin.com/in/bo-chen")
    # The phone gives Ann a profile that is Bo's here, and a new company.
    card = phone_card(1, "Ann", "Lee", company="Globex").replace(
        "END:VCARD", "URL:https://www.linkedin.com/in/bo-chen\r\nEND:VCARD"
    )
    phone.put("p1.vcf", card)
    report = sync(book_id, password)
    detail = contacts.get_contact(ann)
    assert detail.linkedin_url in (None, "") and detail.company == "Globex"
    (conflict,) = open_conflicts()
    assert conflict.label == "LinkedIn" and "bo-chen" in conflict.server_value
    assert report.here.conflicts == 1


def test_an_edit_made_while_the_writes_go_on_is_sent_at_the_next_sync(connected) -> None:
    book_id, phone, password = connected
    contacts.create_contact("Ann", "Lee")
    second = contacts.create_contact("Bo", "Chen")

    class Slow(CardDavClient):
        made = 0

        def create(self, book, name, vcard):  # type: ignore[no-untyped-def]
            Slow.made += 1
            if Slow.made == 1:  # the user edits Bo while Ann's card is being written
                time.sleep(1.1)
                contacts.update_contact(second, company="Globex")
            return super().create(book, name, vcard)

    sync(book_id, password, client_factory=Slow)
    sync(book_id, password)
    cards = [phone.get(name) for name in phone.names()]
    bo = next(card for card in cards if "FN:Bo Chen" in card)
    assert card_property(bo, "ORG") == ["ORG:Globex"]
