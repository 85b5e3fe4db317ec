"""Planning an import: match incoming people to contacts and decide, without writing,
what each row does.

Every importer turns its file into `Incoming` rows; `plan_import` makes the plan,
`relate.importers.batches.apply_plan` writes it as one undoable batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from relate.collector import collector_paused
from relate.fields import BY_NAME, FIELDS, FILLED_NAMES, TRACKED_NAMES
from relate.importers.file_people import FilePerson, people_of_file
from relate.importers.identity import Identity, contradicts, identity_of, phone_key, same_person
from relate.records import Phone
from relate.store.db import execute
from relate.validation import (
    ValidationError,
    clean_email,
    clean_text,
    normalise_linkedin_url,
    tag_key,
)

# Fields an import fills when the contact has nothing in them, and never overwrites.
FILLED_FIELDS = FILLED_NAMES

# How an update's summary names a field; "email", "phone" and "tag" add one of a list.
_FIELD_WORDS = {
    **{field.name: field.change_words for field in FIELDS},
    "email": BY_NAME["emails"].change_words,
    "phone": BY_NAME["phones"].change_words,
    "tag": BY_NAME["tags"].change_words,
}

# The address in `"Omega" <omega@example.com>` or `<mailto:omega@example.com>`.
_NAMED_ADDRESS = re.compile(r"<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+?)\s*>", re.IGNORECASE)
_MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)

# Fields whose imported value is remembered: a source that changes them is news (a new
# job); a contact whose value differs from it was edited by the user, who wins.
TRACKED_FIELDS = TRACKED_NAMES


# Not frozen, though never changed (`dataclasses.replace` makes another): one is made for
# every row of a file, and a frozen one takes five times as long to make.
@dataclasses.dataclass(slots=True)
class Incoming:
    """One person as a file describes them."""

    line: int
    first_name: str
    last_name: str
    linkedin_url: str | None = None
    emails: tuple[str, ...] = ()
    company: str = ""
    position: str = ""
    connected_on: dt.date | None = None
    phones: tuple[Phone, ...] = ()
    location: str = ""
    story: str = ""
    birthday: dt.date | None = None
    tags: tuple[str, ...] = ()
    how_met: str = ""
    cadence_days: int | None = None
    stage: str | None = None  # given to a new contact; an existing one keeps its own
    pronouns: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Skipped:
    """A row of the file that is not imported, and why."""

    line: int
    reason: str

    @property
    def outcome(self) -> str:
        return f"skipped, {self.reason}"


@dataclasses.dataclass(frozen=True, slots=True)
class Merged:
    """A row of the file that is the same person as an earlier row (`into`): both are
    imported as one contact, with every phone, e-mail, note and tag of each."""

    line: int
    into: int

    @property
    def outcome(self) -> str:
        return f"merged with line {self.into} of this file"


MERGED_WORDS = "merged with another row of this file"


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One field of an existing contact: its value before and after (new_value None:
    the contact keeps its value) and, for tracked fields, what the source said of it
    before (None: nothing yet) and says now. Field "email", "phone" and "tag" add one
    (a phone with its label)."""

    field: str
    old_value: str | None
    new_value: str | None
    old_imported: str | None = None
    new_imported: str | None = None
    label: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Update:
    """What an incoming row does to the contact it matched."""

    contact_id: int
    row: Incoming
    changes: tuple[Change, ...]
    news: str | None  # "now Director at Y", logged as a position change

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def visible(self) -> bool:
        """Whether the user will see anything change on the contact."""
        return self.news is not None or any(c.new_value is not None for c in self.changes)

    def describe(self) -> str:
        """What the user will see change, in a few words: "now Director at Y; adds
        e-mail, 2 phones"."""
        parts = [self.news] if self.news else []
        added: dict[str, int] = {}
        for change in self.changes:
            if change.new_value is None or (self.news and change.field in TRACKED_FIELDS):
                continue
            if change.field in ("email", "phone", "tag"):
                added[change.field] = added.get(change.field, 0) + 1
            else:
                parts.append(f"{_FIELD_WORDS.get(change.field, change.field)}: {change.new_value}")
        if added:
            parts.append(
                "adds "
                + ", ".join(
                    f"{count} {_FIELD_WORDS[field]}s" if count > 1 else _FIELD_WORDS[field]
                    for field, count in added.items()
                )
            )
        return "; ".join(parts) if parts else "no change"


@dataclasses.dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a file would do, decided before anything is written."""

    source: str
    file_name: str
    new: tuple[Incoming, ...]
    updates: tuple[Update, ...]
    skipped: tuple[Skipped, ...]
    merged: tuple[Merged, ...] = ()

    @property
    def updated(self) -> int:
        return sum(1 for update in self.updates if update.visible)

    @property
    def unchanged(self) -> int:
        return len(self.updates) - self.updated

    def summary(self) -> str:
        """The one line a user reads: "N new, M updated, K unchanged, S skipped", and
        "J merged with another row of this file" before the skipped when there are any."""
        merged = f" {len(self.merged)} {MERGED_WORDS}," if self.merged else ""
        updated = self.updated  # one pass over the updates, not two
        return (
            f"{len(self.new)} new, {updated} updated, {len(self.updates) - updated} unchanged,"
            f"{merged} {len(self.skipped)} skipped"
        )


# ---------------------------------------------------------------------------- planning


def _clean_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return normalise_linkedin_url(url)
    except ValidationError:
        return None


def email_address(text: str) -> str:
    """The address in an e-mail as exports write it: `"Omega" <omega@example.com>`,
    `mailto:omega@example.com` or the bare address (anything else unchanged)."""
    named = _NAMED_ADDRESS.search(text)
    return _MAILTO.sub("", named[1] if named else text)


def _clean_emails(emails: Iterable[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for address in emails:
        try:
            kept.append(clean_email(email_address(address)))
        except ValidationError:
            continue  # a typo in someone's export should not cost the whole person
    return tuple(dict.fromkeys(kept))


class _Directory:
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
class _Current:
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


# Each of FILLED_FIELDS as `_Current.filled` holds it: never a story read for nothing.
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


def _current_values(block: Sequence[int], source: str) -> dict[int, _Current]:
    """What the contacts of this block of sorted ids hold now, and what `source` gave
    them before."""
    wanted = set(block)
    values: dict[int, _Current] = {}
    where, params = _within("c.id", block)
    filled_count = len(FILLED_FIELDS)
    for contact_id, company, position, url, *rest in execute(
        f"SELECT c.id, c.company, c.position, c.linkedin_url, {_FILLED_OR_EMPTY}, {_IMPORTED}"
        f" FROM contact c {_IMPORTED_JOINS} WHERE {where}",
        [*[source] * len(TRACKED_FIELDS), *params],
    ):
        if contact_id in wanted:
            values[contact_id] = _Current(
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


def news_line(position: str, company: str) -> str:
    """How a new job reads on the timeline: "now Director at Y"."""
    if position and company:
        return f"now {position} at {company}"
    return f"now {position or 'at ' + company}"


def _update_for(
    row: Incoming,
    contact_id: int,
    current: _Current,
    directory: _Directory,
) -> Update:
    changes: list[Change] = []
    source_moved = False
    for field, before in zip(TRACKED_FIELDS, current.imported, strict=True):
        new = getattr(row, field)
        if not new or new == before:
            continue  # the source says nothing new (an emptied field is not news)
        mine = getattr(current, field)
        if before is None:
            # Never imported before: fill what is empty, never touch what the user wrote.
            takes = not mine
        else:
            source_moved = True
            takes = mine == before  # else the user edited it, and they win
        changes.append(Change(field, mine if takes else None, new if takes else None, before, new))
    filled = current.filled
    for field in FILLED_FIELDS:
        empty = filled[field]
        if empty:
            continue  # an import only fills what is empty
        new = getattr(row, field)
        if new is None or new == "":
            continue
        if isinstance(new, dt.date):
            new = new.isoformat()
        elif isinstance(new, int):
            new = str(new)  # the rhythm in days, stored as text like every change
        changes.append(Change(field, empty if isinstance(empty, str) else None, new))
    url = row.linkedin_url
    if url and current.linkedin_url is None and url not in directory.by_url:
        changes.append(Change("linkedin_url", None, url))
        directory.by_url[url] = contact_id
    for address in row.emails:
        if address.casefold() not in current.emails:
            current.emails.add(address.casefold())
            changes.append(Change("email", None, address))
    for phone in row.phones:
        key = phone_key(phone.number)
        if key and key not in current.phones:
            current.phones.add(key)
            changes.append(Change("phone", None, phone.number, label=phone.label))
    for name in row.tags:
        if tag_key(name) not in current.tags:
            current.tags.add(tag_key(name))
            changes.append(Change("tag", None, name))
    news = news_line(row.position, row.company) if source_moved else None
    return Update(contact_id, row, tuple(changes), news)


# How many matched contacts' values are held at once: a re-import of a file of long notes
# holds one block of the contacts' own notes beside the file's, never all of them.
_UPDATE_BLOCK = 2000


def _updates(
    matched: Sequence[tuple[Incoming, int]], source: str, directory: _Directory
) -> tuple[Update, ...]:
    """What each matched row does to its contact, in the file's order, worked out a block
    of contacts at a time (every row of one contact in the same block, since each sees
    what the rows before it add)."""
    rows_of: dict[int, list[int]] = {}  # contact id -> positions in `matched`
    for position, (_, contact_id) in enumerate(matched):
        rows_of.setdefault(contact_id, []).append(position)
    ids = sorted(rows_of)
    updates: list[Update | None] = [None] * len(matched)
    for start in range(0, len(ids), _UPDATE_BLOCK):
        block = ids[start : start + _UPDATE_BLOCK]
        current = _current_values(block, source)
        for contact_id in block:
            for position in rows_of[contact_id]:
                updates[position] = _update_for(
                    matched[position][0],
                    contact_id,
                    current[contact_id],
                    directory,
                )
    return tuple(updates)  # type: ignore[arg-type]  # every position was filled


def plan_import(
    rows: Iterable[Incoming], source: str, file_name: str, skipped: Iterable[Skipped] = ()
) -> ImportPlan:
    """Decide, without writing, what importing these rows does: which are new contacts,
    which update an existing one (and how), and which are skipped (with why)."""
    with collector_paused():
        return _plan_import(rows, source, file_name, skipped)


def _plan_import(
    rows: Iterable[Incoming], source: str, file_name: str, skipped: Iterable[Skipped]
) -> ImportPlan:
    directory = _Directory(source)
    skipped = list(skipped)
    kept: list[Incoming] = []
    for raw in rows:
        row = _cleaned(raw)
        if row.first_name or row.last_name or row.emails:
            kept.append(row)
        else:  # its only address was no address
            skipped.append(Skipped(row.line, "no name"))
    people = people_of_file(kept)
    matched: list[tuple[Incoming, int]] = []
    new: list[Incoming] = []
    merged: list[Merged] = []
    for person in people:
        merged.extend(Merged(row.line, person.line) for row in person.rows[1:])
        contact_id = directory.find(person)
        if contact_id is None:
            new.append(person.row)
        else:
            matched.append((person.row, contact_id))
    return ImportPlan(
        source,
        file_name,
        tuple(new),
        _updates(matched, source, directory),
        tuple(sorted(skipped, key=lambda s: s.line)),
        tuple(sorted(merged, key=lambda m: m.line)),
    )


def _cleaned(row: Incoming) -> Incoming:
    """The row with its profile address, e-mail addresses and TRACKED_FIELDS in their
    stored form (an address that cannot be one left out): what the source gave is then
    what a new contact stores, and what a re-import compares."""
    url = _clean_url(row.linkedin_url)
    emails = _clean_emails(row.emails) if row.emails else ()
    changes: dict[str, Any] = {
        field: cleaned
        for field in TRACKED_FIELDS
        if (cleaned := clean_text(value := getattr(row, field))) != value
    }
    if url != row.linkedin_url or emails != row.emails:
        changes.update(linkedin_url=url, emails=emails)
    return dataclasses.replace(row, **changes) if changes else row
