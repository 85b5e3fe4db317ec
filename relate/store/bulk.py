"""Fast paths for adding many contacts at once (imports, the demo, benchmarks).

Row-by-row ORM inserts cost ~10x raw `executemany`; these paths validate in Python,
then write with `executemany` inside one transaction, search index included.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import operator
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from relate.fields import TEXT_NAMES
from relate.records import Phone, display_name
from relate.store import search
from relate.store.db import cursor, execute, fetch_int, transaction
from relate.store.models import now
from relate.validation import (
    ValidationError,
    clean_cadence,
    clean_emails,
    clean_names,
    clean_text,
    name_key,
    normalise_linkedin_url,
    parse_date,
    tag_key,
)
from relate.vocabulary import DEFAULT_STAGE, DEFAULT_TAG_CATEGORY, NOT_CONTACT_KINDS, STAGES


@dataclasses.dataclass(frozen=True, slots=True)
class NewContact:
    """A contact to be added in bulk."""

    first_name: str
    last_name: str = ""
    company: str = ""
    position: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    linkedin_url: str | None = None
    location: str = ""
    how_met: str = ""
    connected_on: dt.date | str | None = None
    birthday: dt.date | str | None = None
    stage: str = DEFAULT_STAGE
    story: str = ""
    cadence_days: int | None = None
    tags: tuple[str, ...] = ()
    pronouns: str = ""


class ContactFields(Protocol):
    """What `insert_contacts` reads of each person: a NewContact, or any record with the
    same fields (an import's rows, written as they are); a `stage` of None is the
    default stage."""

    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def position(self) -> str: ...
    @property
    def emails(self) -> tuple[str, ...]: ...
    @property
    def phones(self) -> tuple[Phone, ...]: ...
    @property
    def linkedin_url(self) -> str | None: ...
    @property
    def location(self) -> str: ...
    @property
    def how_met(self) -> str: ...
    @property
    def connected_on(self) -> dt.date | str | None: ...
    @property
    def birthday(self) -> dt.date | str | None: ...
    @property
    def stage(self) -> str | None: ...
    @property
    def story(self) -> str: ...
    @property
    def cadence_days(self) -> int | None: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def pronouns(self) -> str: ...


@dataclasses.dataclass(frozen=True, slots=True)
class NewInteraction:
    """A timeline entry to be added in bulk."""

    contact_id: int
    kind: str
    date: dt.date
    summary: str = ""
    notes: str = ""
    sub_kind: str | None = None


# The registry's text fields, read from each person at once and trimmed alike.
_TEXTS = operator.attrgetter(*TEXT_NAMES)
_CONTACT_COLUMNS = (
    f"id, first_name, last_name, {', '.join(TEXT_NAMES)}, linkedin_url, connected_on,"
    " birthday, stage, cadence_days, archived, import_batch_id, created_at, updated_at,"
    " name_key, tag_key"
)
_CONTACT_MARKS = ",".join("?" * len(_CONTACT_COLUMNS.split(",")))


def _contact_row(
    contact_id: int, person: ContactFields, batch_id: int | None, stamp: str
) -> tuple[object, ...]:
    first, last = clean_names(person.first_name, person.last_name)
    stage = DEFAULT_STAGE if person.stage is None else person.stage
    if stage not in STAGES:
        raise ValidationError(f"'{stage}' is not a stage; choose one of: {STAGES}.")
    connected = parse_date(person.connected_on, "connected-on date")
    birthday = parse_date(person.birthday, "birthday")
    return (
        contact_id,
        first,
        last,
        *map(clean_text, _TEXTS(person)),
        normalise_linkedin_url(person.linkedin_url) if person.linkedin_url else None,
        connected.isoformat() if connected else None,
        birthday.isoformat() if birthday else None,
        stage,
        clean_cadence(person.cadence_days),
        0,
        batch_id,
        stamp,
        stamp,
        name_key(first, last),
        # What the tag triggers would set; written here so they have nothing to update.
        min((tag_key(name) for name in person.tags if name.strip()), default=None)
        if person.tags
        else None,
    )


# Fewer new contacts than this grow the indexes row by row at no cost worth saving.
_REBUILD_FROM = 1000
# Rebuilding pays from about an eighth of the rows already there (measured at 100,000
# contacts: 30,000 more take 30% less time, 12,000 the same, 5,000 twice as long).
_REBUILD_SHARE = 4
# The schema's trigger that gives a new contact its stage's rhythm (migration step 6).
# It fires only WHEN the new row's stage has a rhythm; but any row trigger costs SQLite
# a program run per row whatever its WHEN says: a third of writing 30,000 contacts.
_INSERT_TRIGGER = "contact_added_cadence"


@contextlib.contextmanager
def contacts_added_in_bulk(people: Sequence[ContactFields]) -> Iterator[None]:
    """Around adding `people` (inside the caller's transaction): when they are many, what
    SQLite does row by row for each new contact is set aside for the block and done
    once after it. The contact table's own indexes are dropped and built again from
    their stored definitions when the new rows are a good share of the table (SQLite
    builds an index from the finished rows several times faster than it grows one row
    by row); the insert trigger is dropped and created again when it would do nothing
    for any of them (none of their stages has a rhythm). The unique index of LinkedIn
    profiles stays, so a repeated profile is still refused as it comes. An error inside
    rolls the block back, indexes and trigger included."""
    with transaction():
        if len(people) < _REBUILD_FROM:
            yield
            return
        aside = []
        existing = execute("SELECT count(*) FROM contact").fetchone()[0]
        if len(people) * _REBUILD_SHARE >= existing:
            aside += execute(
                "SELECT 'INDEX', name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = 'contact' AND sql IS NOT NULL"
            ).fetchall()
        if not _stages_with_rhythm() & {person.stage or DEFAULT_STAGE for person in people}:
            aside += execute(
                "SELECT 'TRIGGER', name, sql FROM sqlite_master"
                " WHERE type = 'trigger' AND name = ?",
                (_INSERT_TRIGGER,),
            ).fetchall()
        for kind, name, _ in aside:
            execute(f'DROP {kind} "{name}"')
        yield
        for _, _, sql in aside:
            execute(sql)


# The timeline's insert triggers, each a program run per row: keeping last contacted
# (kept by `interactions_added_in_bulk` for a whole block instead) and ending a snooze.
_ENTRY_TRIGGERS = ("interaction_added", "interaction_ends_snooze")
_BULK_CACHE_KIB = -16000
_NOT_CONTACT_SQL = ", ".join(f"'{kind}'" for kind in NOT_CONTACT_KINDS)


@contextlib.contextmanager
def interactions_added_in_bulk(count: int) -> Iterator[None]:
    """Around adding `count` timeline entries (inside the caller's transaction): when
    they are many, the insert triggers are set aside and their work done once after the
    block, for the contacts it touched: last contacted moves to their newest entry, and
    a snooze ends where it moved (an entry of long ago, read from an old mail, is no
    reason to end one). When they are a good share of the table, its indexes are built
    again after the block rather than grown row by row (as for contacts). An error
    inside rolls the block back, triggers and indexes included."""
    with transaction():
        if count < _REBUILD_FROM:
            yield
            return
        before = fetch_int("SELECT coalesce(max(id), 0) FROM interaction")
        aside = execute(
            "SELECT 'TRIGGER', name, sql FROM sqlite_master"
            " WHERE type = 'trigger' AND name IN (?, ?)",
            _ENTRY_TRIGGERS,
        ).fetchall()
        if count * _REBUILD_SHARE >= fetch_int("SELECT count(*) FROM interaction"):
            aside += execute(
                "SELECT 'INDEX', name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = 'interaction' AND sql IS NOT NULL"
            ).fetchall()
        for kind, name, _ in aside:
            execute(f'DROP {kind} "{name}"')
        # A smaller page cache for the block: half a million rows would fill all of the
        # window's 64 MB, and then building the indexes takes as much again; 16 MB
        # writes them as fast (measured: 5.0 and 5.3 s, 325 and 245 MB at the peak).
        cache = fetch_int("PRAGMA cache_size")
        execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
        try:
            yield
            for kind, _, sql in aside:
                if kind == "INDEX":
                    execute(sql)
        finally:
            execute(f"PRAGMA cache_size = {cache}")
        newest = (
            "SELECT max(i.date) FROM interaction i WHERE i.contact_id = contact.id"
            f" AND i.id > :before AND i.kind NOT IN ({_NOT_CONTACT_SQL})"
        )
        execute(
            f"UPDATE contact SET last_contacted = ({newest}), snoozed_until = NULL"
            " WHERE id IN (SELECT contact_id FROM interaction WHERE id > :before)"
            f" AND coalesce(last_contacted, '') < coalesce(({newest}), '')",
            {"before": before},
        )
        for kind, _, sql in aside:
            if kind == "TRIGGER":
                execute(sql)


def _stages_with_rhythm() -> set[str]:
    return {stage for (stage,) in execute("SELECT stage FROM stage_cadence")}


def _tag_ids(names: Iterable[str]) -> dict[str, int]:
    """Ids of the tags by key, creating the missing ones."""
    wanted: dict[str, str] = {}
    for name in names:
        cleaned = " ".join(name.split())
        if cleaned:
            wanted.setdefault(tag_key(cleaned), cleaned)
    ids = {key: tag_id for tag_id, key in execute("SELECT id, key FROM tag")}
    missing = [(wanted[key], key, DEFAULT_TAG_CATEGORY) for key in wanted if key not in ids]
    if missing:
        cursor().executemany("INSERT INTO tag (name, key, category) VALUES (?, ?, ?)", missing)
        ids = {key: tag_id for tag_id, key in execute("SELECT id, key FROM tag")}
    return ids


def insert_contacts(
    people: Sequence[ContactFields], import_batch_id: int | None = None, *, index: bool = True
) -> range:
    """Add many contacts in one transaction and return their ids (in the order given).

    Every row is checked first; one bad row raises ValidationError naming it and
    nothing is written. `index=False` leaves their search index rows to the caller
    (`search.index_range` over the ids, in the same transaction): a caller adding
    many blocks indexes them all at once, which FTS5 does faster.
    """
    if not people:
        return range(0)
    stamp = now().isoformat(sep=" ")
    with transaction():
        first_id = fetch_int("SELECT coalesce(max(id), 0) FROM contact") + 1
        rows = []
        emails = []
        phones: list[tuple[int, str, str, int]] = []
        tag_links: list[tuple[int, str]] = []
        for offset, person in enumerate(people):
            contact_id = first_id + offset
            try:
                rows.append(_contact_row(contact_id, person, import_batch_id, stamp))
                # Most people come with no e-mail, phone or tag: skip the loops then.
                if person.emails:
                    for rank, address in enumerate(clean_emails(person.emails)):
                        emails.append((contact_id, address, rank))
                if person.phones:
                    phones.extend(
                        (contact_id, clean_text(phone.number), clean_text(phone.label), rank)
                        for rank, phone in enumerate(person.phones)
                    )
            except ValidationError as exc:
                who = display_name(person.first_name, person.last_name) or "(no name)"
                raise ValidationError(f"Row {offset + 1} ({who}): {exc}") from None
            if person.tags:
                tag_links.extend((contact_id, name) for name in person.tags)
        writer = cursor()
        try:
            writer.executemany(
                f"INSERT INTO contact ({_CONTACT_COLUMNS}) VALUES ({_CONTACT_MARKS})", rows
            )
        except sqlite3.IntegrityError as exc:
            raise ValidationError(f"Two contacts share one LinkedIn profile ({exc}).") from exc
        writer.executemany(
            "INSERT INTO contact_email (contact_id, address, rank) VALUES (?, ?, ?)", emails
        )
        writer.executemany(
            "INSERT INTO contact_phone (contact_id, number, label, rank) VALUES (?, ?, ?, ?)",
            phones,
        )
        if tag_links:
            ids = _tag_ids(name for _, name in tag_links)
            writer.executemany(
                "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
                [(cid, ids[tag_key(name)]) for cid, name in tag_links],
            )
        last_id = first_id + len(people) - 1
        if index:
            search.index_range(first_id, last_id)
    return range(first_id, last_id + 1)


def insert_interactions(
    entries: Iterable[NewInteraction], import_batch_id: int | None = None
) -> int:
    """Add many timeline entries in one transaction; returns how many."""
    stamp = now().isoformat(sep=" ")
    rows = [
        (
            e.contact_id,
            e.kind,
            e.sub_kind,
            e.date.isoformat(),
            e.summary,
            e.notes,
            import_batch_id,
            stamp,
        )
        for e in entries
    ]
    with transaction():
        cursor().executemany(
            "INSERT INTO interaction (contact_id, kind, sub_kind, date, summary, notes,"
            " import_batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)
