"""Plain, frozen data that the core hands out: no Peewee models leave the core."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, NamedTuple

from relate.humanize import counted
from relate.vocabulary import NEED_CATEGORY


def display_name(first_name: str, last_name: str) -> str:
    """The name as a person is addressed: first then last, whichever are present."""
    return " ".join(part for part in (first_name, last_name) if part)


@dataclasses.dataclass(frozen=True, slots=True)
class TagInfo:
    id: int
    name: str
    category: str
    avoid: bool
    mine: bool
    contact_count: int = 0

    @property
    def is_need(self) -> bool:
        """Something someone is looking for, rather than an interest of theirs."""
        return self.category == NEED_CATEGORY


@dataclasses.dataclass(frozen=True, slots=True)
class TagChange:
    """A tag's category and marks before and after a change (undo puts `before` back)."""

    before: TagInfo
    after: TagInfo

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclasses.dataclass(frozen=True, slots=True)
class Phone:
    number: str
    label: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class ContactSummary:
    """One row of the contact list."""

    id: int
    first_name: str
    last_name: str
    company: str
    position: str
    emails: tuple[str, ...]
    linkedin_url: str | None
    connected_on: dt.date | None
    stage: str
    archived: bool
    tags: tuple[str, ...]
    last_contacted: dt.date | None
    next_due: dt.date | None
    # The contact's own rhythm, else its stage's or tags' (None: no rhythm).
    rhythm_days: int | None = None

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name)


@dataclasses.dataclass(frozen=True, slots=True)
class ContactDetail:
    """Everything about one contact, for the card and `relate show`."""

    id: int
    first_name: str
    last_name: str
    company: str
    position: str
    emails: tuple[str, ...]
    phones: tuple[Phone, ...]
    linkedin_url: str | None
    location: str
    how_met: str
    met_through_id: int | None
    met_through_name: str | None
    connected_on: dt.date | None
    birthday: dt.date | None
    stage: str
    story: str
    cadence_days: int | None
    archived: bool
    tags: tuple[TagInfo, ...]
    last_contacted: dt.date | None
    next_due: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    # Own rhythm else the stage's or tags' (cadence_days is the contact's own only).
    rhythm_days: int | None = None
    snoozed_until: dt.date | None = None
    pronouns: str = ""

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name)


@dataclasses.dataclass(frozen=True, slots=True)
class InteractionRecord:
    id: int
    contact_id: int
    kind: str
    sub_kind: str | None
    date: dt.date
    time: dt.time | None
    summary: str
    notes: str
    # Read from a file of the user's history (mail, calendar, LinkedIn): which way it
    # went, the file's key of it, the import that added it, and where that was from in a
    # user's words ("inbox.mbox (mail)"); None and "" for entries the user logged.
    direction: str | None = None
    source_key: str | None = None
    import_batch_id: int | None = None
    origin: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class FollowUpRecord:
    id: int
    contact_id: int
    due: dt.date
    text: str
    done_at: dt.datetime | None
    due_time: dt.time | None = None  # when in its day; None: some time that day

    @property
    def is_open(self) -> bool:
        return self.done_at is None


@dataclasses.dataclass(frozen=True, slots=True)
class IntroductionRecord:
    id: int
    contact_a_id: int
    contact_b_id: int
    date: dt.date
    note: str
    outcome: str


def to_jsonable(record: Any) -> Any:
    """A record (or list/tuple of them) as JSON-ready dicts, dates in ISO form."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {
            field.name: to_jsonable(getattr(record, field.name))
            for field in dataclasses.fields(record)
        }
    if isinstance(record, list | tuple):
        return [to_jsonable(item) for item in record]
    if isinstance(record, dt.datetime):
        return record.isoformat(sep=" ")
    if isinstance(record, dt.date | dt.time):
        return record.isoformat()
    return record


@dataclasses.dataclass(frozen=True, slots=True)
class ImportBatchRecord:
    """One import: where from, when, what it did, and whether it was undone."""

    id: int
    source: str
    file_name: str
    imported_at: dt.datetime
    created: int
    updated: int
    skipped: int
    undone_at: dt.datetime | None
    entries: int = 0  # timeline entries it added (mail, calendars, LinkedIn messages)

    def counts_text(self) -> str:
        """What it did in words: "3 new, 2 updated, 412 timeline entries, 1 skipped"."""
        if self.entries and not self.created:  # history alone: entries for contacts
            entries = counted(self.entries, "timeline entry", "timeline entries")
            return f"{entries} for {counted(self.updated, 'contact')}, {self.skipped:,} skipped"
        words = [f"{self.created:,} new", f"{self.updated:,} updated"]
        if self.entries:
            words.append(counted(self.entries, "timeline entry", "timeline entries"))
        return ", ".join([*words, f"{self.skipped:,} skipped"])


class UndoneImport(NamedTuple):
    """What undoing an import did: contacts it had added and removed now, contacts whose
    fields it had changed and are restored, and contacts it had added that stay because
    the user has worked on them since."""

    removed: int
    restored: int
    kept: int
    entries: int = 0  # timeline entries it had added, removed now

    def sentence(self) -> str:
        """The result in words: "3 contacts removed, 1 restored, 2 kept (…)"; for an
        import of history alone, "412 timeline entries removed"."""
        entries = f"{self.entries:,} timeline {'entry' if self.entries == 1 else 'entries'}"
        if self.entries and not (self.removed or self.restored or self.kept):
            return f"{entries} removed"
        contacts = "contact" if self.removed == 1 else "contacts"
        words = f"{self.removed:,} {contacts} removed, {self.restored:,} restored"
        if self.kept:
            them = "it" if self.kept == 1 else "them"
            words += f", {self.kept:,} kept because you have worked on {them} since"
        return words


@dataclasses.dataclass(frozen=True, slots=True)
class MergeRecord:
    """Two contacts merged into one: which was kept, which folded into it, and whether
    the merge was undone."""

    id: int
    kept_id: int
    dropped_id: int
    dropped_name: str
    merged_at: dt.datetime
    undone_at: dt.datetime | None
