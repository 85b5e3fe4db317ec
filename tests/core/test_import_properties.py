"""Generated address books through the real import (a Google Contacts CSV file, planned
and written into a fresh database): no phone or e-mail address of a person is lost, two
rows that say they are different people never become one contact, and importing the
same file again changes nothing."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from relate.importers.address_book_csv import plan_google_import
from relate.importers.batches import apply_plan
from relate.store.db import close_database, db, open_database
from tests.core.test_in_file_merge import google_text
from tests.database_dump import sqlite_dump

FIRST_NAMES = ("", "Ana", "John", "Mom")
LAST_NAMES = ("", "Lima", "Smith")
PREFIXES = ("", "Dr.", "Mr.", "Mrs.")
SUFFIXES = ("", "Jr.", "III", "PhD")
GENERATIONS = {"Jr.", "III"}  # a credential (PhD) tells no two people apart
COMPANIES = ("", "Acme", "Globex")
EMAILS = ("ana@acme.example", "ANA@acme.example", "john@x.example", "mom@y.example")
PHONES = ("+1 216 555 0100", "(216) 555-0100", "+1 330 555 0199", "+44 20 7946 0958")


@dataclasses.dataclass(frozen=True)
class Row:
    first: str
    last: str
    prefix: str
    suffix: str
    company: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]

    @property
    def named(self) -> bool:
        return bool(self.first or self.last)

    @property
    def email_keys(self) -> set[str]:
        return {address.casefold() for address in self.emails}

    @property
    def phone_keys(self) -> set[str]:
        return {digits(number) for number in self.phones}


def digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())[-10:]


def contradict(a: Row, b: Row) -> bool:
    """Whether two rows say they are two people: a value both have, that differs."""

    def both_differ(x: object, y: object) -> bool:
        return bool(x) and bool(y) and x != y

    def both_disjoint(x: set[str], y: set[str]) -> bool:
        return bool(x) and bool(y) and not x & y

    return (
        both_disjoint(a.email_keys, b.email_keys)
        or both_disjoint(a.phone_keys, b.phone_keys)
        or both_differ(a.prefix, b.prefix)
        or both_differ(a.company, b.company)
        or ({a.suffix} & GENERATIONS) != ({b.suffix} & GENERATIONS)
    )


@st.composite
def rows(draw: st.DrawFn) -> Row:
    first = draw(st.sampled_from(FIRST_NAMES))
    last = draw(st.sampled_from(LAST_NAMES))
    named = bool(first or last)  # a prefix or suffix belongs to a name
    return Row(
        first=first,
        last=last,
        prefix=draw(st.sampled_from(PREFIXES)) if named else "",
        suffix=draw(st.sampled_from(SUFFIXES)) if named else "",
        company=draw(st.sampled_from(COMPANIES)),
        emails=tuple(draw(st.lists(st.sampled_from(EMAILS), max_size=2))),
        phones=tuple(draw(st.lists(st.sampled_from(PHONES), max_size=2))),
    )


@st.composite
def address_books(draw: st.DrawFn) -> list[Row]:
    """Rows, some of them repeated exactly (a person saved twice)."""
    book = draw(st.lists(rows(), min_size=1, max_size=12))
    repeats = draw(st.lists(st.integers(0, len(book) - 1), max_size=4))
    for index in repeats:
        book.insert(draw(st.integers(0, len(book))), book[index])
    return book


def google_csv(book: list[Row]) -> str:
    return google_text(_google_row(n, row) for n, row in enumerate(book))


def _google_row(n: int, row: Row) -> dict[str, str]:
    emails, phones = [*row.emails, "", ""], [*row.phones, "", ""]
    return {
        "First Name": row.first,
        "Last Name": row.last,
        "Name Prefix": row.prefix,
        "Name Suffix": row.suffix,
        "Organization Name": row.company,
        "Notes": f"row {n}",  # which rows each contact was made of
        "E-mail 1 - Value": emails[0],
        "E-mail 2 - Value": emails[1],
        "Phone 1 - Value": phones[0],
        "Phone 2 - Value": phones[1],
    }


_EMPTY: list[bytes] = []  # a migrated empty database, made once


@contextmanager
def fresh_database() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="relate-property-") as folder:
        path = Path(folder) / "relate.sqlite"
        if _EMPTY:
            path.write_bytes(_EMPTY[0])
        open_database(path)
        if not _EMPTY:
            close_database()
            _EMPTY.append(path.read_bytes())
            open_database(path)
        try:
            yield path
        finally:
            close_database()


def contacts_by_row() -> dict[int, tuple[set[str], set[str]]]:
    """For each row number, the e-mail addresses and phone numbers of the contact that
    holds it, and every row in one contact with the rows beside it."""
    emails: dict[int, set[str]] = {}
    phones: dict[int, set[str]] = {}
    for contact_id, address in db.execute_sql("SELECT contact_id, address FROM contact_email"):
        emails.setdefault(contact_id, set()).add(address.casefold())
    for contact_id, number in db.execute_sql("SELECT contact_id, number FROM contact_phone"):
        phones.setdefault(contact_id, set()).add(digits(number))
    found = {}
    for contact_id, story in db.execute_sql("SELECT id, story FROM contact"):
        for n in re.findall(r"row (\d+)", story):
            assert int(n) not in found, f"row {n} is in two contacts"
            found[int(n)] = (
                contact_id,
                emails.get(contact_id, set()),
                phones.get(contact_id, set()),
            )
    return found


def _ana(first: str = "", emails: tuple[str, ...] = (), phones: tuple[str, ...] = ()) -> Row:
    return Row(first, "", "", "", "", emails, phones)


# Found by the property: "Ana" with a phone (row 1) and "Ana" with an e-mail (row 3, who
# joins the address-only rows before it) stay two people of the file; a re-import once
# matched both to the first one's contact and gave it the second one's phone.
_TWO_ANAS = [
    _ana(emails=("ana@acme.example",)),
    _ana("Ana", phones=("+1 216 555 0100",)),
    _ana(emails=("ana@acme.example",)),
    _ana("Ana", emails=("ana@acme.example",)),
    _ana("Ana", phones=("+1 216 555 0100",)),
    _ana(),
]


@settings(max_examples=80, deadline=None)
@given(book=address_books())
@example(book=_TWO_ANAS)
def test_an_import_loses_no_phone_or_address_and_joins_no_two_people(book: list[Row]) -> None:
    with fresh_database() as db_path:
        path = db_path.parent / "contacts.csv"
        path.write_text(google_csv(book), encoding="utf-8")
        apply_plan(plan_google_import(path))
        held = contacts_by_row()
        people: dict[int, list[int]] = {}
        for n, row in enumerate(book):
            if not row.named and not row.emails:
                assert n not in held  # nothing to call them by: skipped
                continue
            contact_id, emails, phones = held[n]
            assert row.email_keys <= emails and row.phone_keys <= phones
            people.setdefault(contact_id, []).append(n)
        for members in people.values():
            for i in members:
                for j in members:
                    assert not contradict(book[i], book[j]), (book[i], book[j])
        before = sqlite_dump(db_path)
        assert apply_plan(plan_google_import(path)) is None
        assert sqlite_dump(db_path) == before
