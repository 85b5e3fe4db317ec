"""The contacts already in the database as an import sees them: who each one is, to
match the people of a file against, and what a matched one holds now."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from relate.importers.file_people import FilePerson
from relate.importers.identity import Identity, contradicts, identity_of, phone_key, same_person
from relate.importers.plan import FILLED_FIELDS, TRACKED_FIELDS
from relate.store.db import execute


class Directory:
    """The existing contacts, by LinkedIn profile and by every other key an import can
    match on, with who each one is (`identity.same_person` decides)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.by_url: dict[str, int] = dict(
            execute("SELECT linkedin_url, id FROM contact WHERE linkedin_url IS NOT NULL")
        )
        # Contacts a person of this file has been matched to: the file's other people are
        # people the file tells apart from that one (they would be one person of the file
        # otherwise), so never the same contact, however well they fit it.
        self.claimed: set[int] = set()
        self._by_key: dict[str, list[int]] | None = None  # read when first needed
        self._identities: dict[int, Identity] = {}

    def find(self, person: FilePerson) -> int | None:
        """The contact this person of the file is: the one with their LinkedIn profile,
        else the first no other person of the file is that shares an e-mail address or the
        full name with one of their rows and that none of their rows contradicts."""
        found = self.by_url.get(person.linkedin_url) if person.linkedin_url else None
        if found is None:
            found = self._first_fitting(person)
        if found is not None:
            self.claimed.add(found)
        return found

    def _first_fitting(self, person: FilePerson) -> int | None:
        by_key = self._index()
        if not by_key:
            return None
        for member in person.members:
            for key in member.keys:
                for contact_id in by_key.get(key, ()):
                    if self._fits(person, contact_id):
                        return contact_id
        return None

    def _fits(self, person: FilePerson, contact_id: int) -> bool:
        if contact_id in self.claimed:
            return False
        contact = self._identities[contact_id]
        return any(same_person(member, contact) for member in person.members) and not any(
            contradicts(member, contact) for member in person.members
        )

    def _index(self) -> dict[str, list[int]]:
        """Every contact by its e-mail addresses and its name, read once; a re-import
        that finds everyone by profile never needs it."""
        if self._by_key is not None:
            return self._by_key
        self._by_key = {}
        emails: dict[int, list[str]] = {}
        phones: dict[int, list[str]] = {}
        for contact_id, address in execute("SELECT contact_id, address FROM contact_email"):
            emails.setdefault(contact_id, []).append(address)
        for contact_id, number in execute("SELECT contact_id, number FROM contact_phone"):
            phones.setdefault(contact_id, []).append(number)
        # A company this source gave the contact is no contradiction when the source now
        # gives another: it is the news that they moved.
        reported = dict(
            execute(
                "SELECT contact_id, value FROM import_value WHERE source = ? AND field = ?",
                (self.source, "company"),
            )
        )
        rows = execute("SELECT id, first_name, last_name, company, linkedin_url FROM contact")
        for contact_id, first, last, company, url in rows:
            identity = identity_of(
                first,
                last,
                "" if reported.get(contact_id) == company else company,
                url,
                emails.get(contact_id, ()),
                phones.get(contact_id, ()),
            )
            self._identities[contact_id] = identity
            for key in identity.keys:
                self._by_key.setdefault(key, []).append(contact_id)
        return self._by_key


@dataclasses.dataclass(slots=True)
class CurrentValues:
    """What a matched contact holds now, of the fields an import may change."""

    company: str
    position: str
    linkedin_url: str | None
    # FILLED_FIELDS: 1 for a field that holds a value, else its stored emptiness ('' or
    # None), which is all an import that only fills what is empty needs to know.
    filled: dict[str, object]
    # TRACKED_FIELDS as this source last gave them (None: it has not).
    imported: tuple[str | None, ...]
    emails: set[str] = dataclasses.field(default_factory=set)  # casefolded
    phones: set[str] = dataclasses.field(default_factory=set)  # phone_key()s
    tags: set[str] = dataclasses.field(default_factory=set)  # tag keys


# Each of FILLED_FIELDS as `CurrentValues.filled` holds it: never a story read for nothing.
_FILLED_OR_EMPTY = ", ".join(
    f"CASE WHEN coalesce(c.{field}, '') = '' THEN c.{field} ELSE 1 END" for field in FILLED_FIELDS
)
# What the source gave of each of TRACKED_FIELDS, beside the contact (the source is a
# parameter of each join).
_IMPORTED = ", ".join(f"i{n}.value" for n, _ in enumerate(TRACKED_FIELDS))
_IMPORTED_JOINS = " ".join(
    f"LEFT JOIN import_value i{n} ON i{n}.contact_id = c.id AND i{n}.source = ?"
    f" AND i{n}.field = '{field}'"
    for n, field in enumerate(TRACKED_FIELDS)
)


def _within(column: str, block: Sequence[int]) -> tuple[str, list[int]]:
    """`column` among this block of sorted contact ids, as SQL and its parameters: a
    range where the block is dense (SQLite walks it in order; a re-import matches most
    contacts), else the ids themselves (a small import among many contacts)."""
    if block[-1] - block[0] < 4 * len(block):
        return f"{column} BETWEEN ? AND ?", [block[0], block[-1]]
    return f"{column} IN ({','.join('?' * len(block))})", list(block)


def current_values(block: Sequence[int], source: str) -> dict[int, CurrentValues]:
    """What the contacts of this block of sorted ids hold now, and what `source` gave
    them before."""
    wanted = set(block)
    values: dict[int, CurrentValues] = {}
    where, params = _within("c.id", block)
    filled_count = len(FILLED_FIELDS)
    for contact_id, company, position, url, *rest in execute(
        f"SELECT c.id, c.company, c.position, c.linkedin_url, {_FILLED_OR_EMPTY}, {_IMPORTED}"
        f" FROM contact c {_IMPORTED_JOINS} WHERE {where}",
        [*[source] * len(TRACKED_FIELDS), *params],
    ):
        if contact_id in wanted:
            values[contact_id] = CurrentValues(
                company,
                position,
                url,
                dict(zip(FILLED_FIELDS, rest[:filled_count], strict=True)),
                tuple(rest[filled_count:]),
            )
    where, params = _within("contact_id", block)
    for contact_id, address in execute(
        f"SELECT contact_id, address FROM contact_email WHERE {where}", params
    ):
        if contact_id in values:
            values[contact_id].emails.add(address.casefold())
    for contact_id, number in execute(
        f"SELECT contact_id, number FROM contact_phone WHERE {where}", params
    ):
        if contact_id in values:
            values[contact_id].phones.add(phone_key(number))
    for contact_id, key in execute(
        "SELECT ct.contact_id, t.key FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
        f" WHERE ct.{where}",
        params,
    ):
        if contact_id in values:
            values[contact_id].tags.add(key)
    return values
