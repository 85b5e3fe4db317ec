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

from relate.collector import collector_paused
from relate.db import db, id_chunks
from relate.records import Phone
from relate.validation import (
    ValidationError,
    clean_email,
    fold_person_name,
    fold_words,
    normalise_linkedin_url,
    tag_key,
)

# Fields an import fills when the contact has nothing in them, and never overwrites.
FILLED_FIELDS = ("connected_on", "birthday", "location", "story", "how_met", "cadence_days")

_FIELD_WORDS = {
    "email": "e-mail",
    "phone": "phone",
    "tag": "tag",
    "linkedin_url": "LinkedIn profile",
    "connected_on": "connected on",
    "how_met": "how we met",
    "cadence_days": "rhythm in days",
}

# The address in `"Omega" <omega@example.com>` or `<mailto:omega@example.com>`.
_NAMED_ADDRESS = re.compile(r"<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+?)\s*>", re.IGNORECASE)
_MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)

# Fields whose imported value is remembered: a source that changes them is news (a new
# job); a contact whose value differs from it was edited by the user, who wins.
TRACKED_FIELDS = ("company", "position")


@dataclasses.dataclass(frozen=True, slots=True)
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


@dataclasses.dataclass(frozen=True, slots=True)
class Skipped:
    """A row of the file that is not imported, and why."""

    line: int
    reason: str


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

    @property
    def updated(self) -> int:
        return sum(1 for update in self.updates if update.visible)

    @property
    def unchanged(self) -> int:
        return len(self.updates) - self.updated

    def summary(self) -> str:
        """The one line a user reads: "N new, M updated, K unchanged, S skipped"."""
        return (
            f"{len(self.new)} new, {self.updated} updated, {self.unchanged} unchanged,"
            f" {len(self.skipped)} skipped"
        )


# ---------------------------------------------------------------------------- planning


def _person_key(first: str, last: str, company: str) -> str:
    """Who a row is when there is no URL or e-mail to go by: folded names (credentials
    after a comma left out) and company."""
    folded_first, folded_last = fold_person_name(first, last)
    if folded_first and folded_last:
        return f"{folded_first} {folded_last}|{fold_words(company)}"
    return f"{folded_first or folded_last}|{fold_words(company)}"


class _PersonKeys(dict[tuple[str, str, str], str]):
    """`_person_key` of (first, last, company), each worked out once per plan: a
    re-import asks again for every contact the directory already keyed."""

    def __missing__(self, names: tuple[str, str, str]) -> str:
        key = self[names] = _person_key(*names)
        return key


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
    """The existing contacts, indexed by each identity an import can match on."""

    def __init__(self, person_keys: _PersonKeys) -> None:
        self.by_url: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_person: dict[str, int] = {}
        self.url_of: dict[int, str] = {}
        self.with_email: set[int] = set()
        rows = db.execute_sql(
            "SELECT id, first_name, last_name, company, linkedin_url FROM contact"
        )
        for contact_id, first, last, company, url in rows:
            if url:
                self.by_url[url] = contact_id
                self.url_of[contact_id] = url
            self.by_person.setdefault(person_keys[first, last, company], contact_id)
        for contact_id, address in db.execute_sql("SELECT contact_id, address FROM contact_email"):
            self.by_email.setdefault(address.casefold(), contact_id)
            self.with_email.add(contact_id)

    def find(self, row: Incoming, person_key: str) -> int | None:
        """The contact this row is: by LinkedIn URL, then e-mail, then name and company
        (its `_person_key`; but two profiles, or two people with different e-mails, are
        two people however alike their names)."""
        if row.linkedin_url and row.linkedin_url in self.by_url:
            return self.by_url[row.linkedin_url]
        for address in row.emails:
            if address.casefold() in self.by_email:
                return self.by_email[address.casefold()]
        found = self.by_person.get(person_key)
        if found is not None and row.linkedin_url and found in self.url_of:
            return None
        if found is not None and row.emails and found in self.with_email:
            return None
        return found


@dataclasses.dataclass(slots=True)
class _Current:
    """What a matched contact holds now, of the fields an import may change."""

    company: str
    position: str
    linkedin_url: str | None
    filled: dict[str, str | None]  # FILLED_FIELDS as stored
    emails: set[str]  # casefolded
    phones: set[str] = dataclasses.field(default_factory=set)  # phone_key()s
    tags: set[str] = dataclasses.field(default_factory=set)  # tag keys


def phone_key(number: str) -> str:
    """What makes two ways of writing a phone number the same number: its last ten
    digits, so "+1 216 555 0100" is "(216) 555-0100" and "+44 20 7946 0958" is
    "020 7946 0958"."""
    return "".join(ch for ch in number if ch.isdigit())[-10:]


def _current_values(contact_ids: Sequence[int]) -> dict[int, _Current]:
    values: dict[int, _Current] = {}
    for chunk, marks in id_chunks(contact_ids):
        for contact_id, company, position, url, *filled in db.execute_sql(
            f"SELECT id, company, position, linkedin_url, {', '.join(FILLED_FIELDS)}"
            f" FROM contact WHERE id IN ({marks})",
            chunk,
        ):
            values[contact_id] = _Current(
                company, position, url, dict(zip(FILLED_FIELDS, filled, strict=True)), set()
            )
        for contact_id, address in db.execute_sql(
            f"SELECT contact_id, address FROM contact_email WHERE contact_id IN ({marks})", chunk
        ):
            values[contact_id].emails.add(address.casefold())
        for contact_id, number in db.execute_sql(
            f"SELECT contact_id, number FROM contact_phone WHERE contact_id IN ({marks})", chunk
        ):
            values[contact_id].phones.add(phone_key(number))
        for contact_id, key in db.execute_sql(
            "SELECT ct.contact_id, t.key FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.contact_id IN ({marks})",
            chunk,
        ):
            values[contact_id].tags.add(key)
    return values


def _imported_values(contact_ids: Sequence[int], source: str) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    for chunk, marks in id_chunks(contact_ids):
        for contact_id, field, value in db.execute_sql(
            "SELECT contact_id, field, value FROM import_value"
            f" WHERE source = ? AND contact_id IN ({marks})",
            [source, *chunk],
        ):
            found.setdefault(contact_id, {})[field] = value
    return found


def news_line(position: str, company: str) -> str:
    """How a new job reads on the timeline: "now Director at Y"."""
    if position and company:
        return f"now {position} at {company}"
    return f"now {position or 'at ' + company}"


def _update_for(
    row: Incoming,
    contact_id: int,
    current: _Current,
    imported: dict[str, str],
    directory: _Directory,
) -> Update:
    changes: list[Change] = []
    source_moved = False
    for field in TRACKED_FIELDS:
        new = getattr(row, field)
        before = imported.get(field)
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
    for field in FILLED_FIELDS:
        if current.filled[field]:
            continue  # an import only fills what is empty
        new = getattr(row, field)
        if isinstance(new, dt.date):
            new = new.isoformat()
        elif isinstance(new, int):
            new = str(new)  # the rhythm in days, stored as text like every change
        if new:
            changes.append(Change(field, current.filled[field], new))
    url = row.linkedin_url
    if url and current.linkedin_url is None and url not in directory.by_url:
        changes.append(Change("linkedin_url", None, url))
        directory.by_url[url] = contact_id
    for address in row.emails:
        if address.casefold() not in current.emails:
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
    person_keys = _PersonKeys()
    directory = _Directory(person_keys)
    skipped_rows = list(skipped)
    seen: dict[str, int] = {}  # identity keys of this file's rows -> first line
    matched: list[tuple[Incoming, int]] = []
    new: list[Incoming] = []
    for raw in rows:
        url = _clean_url(raw.linkedin_url)
        emails = _clean_emails(raw.emails) if raw.emails else ()
        row = raw
        if url != raw.linkedin_url or emails != raw.emails:
            row = dataclasses.replace(raw, linkedin_url=url, emails=emails)
        # Who the row is: its profile when it has one (two profiles are two people, however
        # alike their names), its e-mails, and only without either its name at its company.
        person_key = person_keys[row.first_name, row.last_name, row.company]
        keys = [f"email:{address.casefold()}" for address in emails]
        if url:
            keys.append(f"url:{url}")
        elif not keys:
            keys.append(f"person:{person_key}")
        first_line = None
        for key in keys:
            if key in seen:
                first_line = seen[key]
                break
        if first_line is not None:
            skipped_rows.append(Skipped(row.line, f"the same person as line {first_line}"))
            continue
        for key in keys:
            seen.setdefault(key, row.line)
        seen.setdefault(f"person:{person_key}", row.line)
        contact_id = directory.find(row, person_key)
        if contact_id is None:
            new.append(row)
        else:
            matched.append((row, contact_id))
    ids = [contact_id for _, contact_id in matched]
    current = _current_values(ids)
    imported = _imported_values(ids, source)
    updates = [
        _update_for(row, contact_id, current[contact_id], imported.get(contact_id, {}), directory)
        for row, contact_id in matched
    ]
    return ImportPlan(
        source,
        file_name,
        tuple(new),
        tuple(updates),
        tuple(sorted(skipped_rows, key=lambda s: s.line)),
    )
