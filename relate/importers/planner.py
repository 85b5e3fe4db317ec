"""Planning an import: match incoming people to contacts and decide, without writing,
what each row does.

Every importer turns its file into `Incoming` rows (`relate.importers.plan`);
`plan_import` makes the plan, `relate.importers.batches.apply_plan` writes it as one
undoable batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from relate.collector import collector_paused
from relate.importers.file_people import people_of_file
from relate.importers.identity import phone_key
from relate.importers.known_contacts import CurrentValues, Directory, current_values
from relate.importers.plan import (
    FILLED_FIELDS,
    TRACKED_FIELDS,
    Change,
    ImportPlan,
    Incoming,
    Merged,
    Skipped,
    Update,
)
from relate.validation import (
    ValidationError,
    clean_email,
    clean_text,
    normalise_linkedin_url,
    tag_key,
)

# The address in `"Omega" <omega@example.com>` or `<mailto:omega@example.com>`.
_NAMED_ADDRESS = re.compile(r"<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+?)\s*>", re.IGNORECASE)
_MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)


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


def news_line(position: str, company: str) -> str:
    """How a new job reads on the timeline: "now Director at Y"."""
    if position and company:
        return f"now {position} at {company}"
    return f"now {position or 'at ' + company}"


def _update_for(
    row: Incoming,
    contact_id: int,
    current: CurrentValues,
    directory: Directory,
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
    matched: Sequence[tuple[Incoming, int]], source: str, directory: Directory
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
        current = current_values(block, source)
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
    directory = Directory(source)
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
