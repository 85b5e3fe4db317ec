"""Sync conflicts: a field changed both here and on a server since the last sync.
Relate kept its own value; the server's waits here until the user chooses."""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.contacts import update_contact
from relate.fields import BY_NAME, Kind
from relate.records import display_name
from relate.store.db import transaction
from relate.store.models import Contact, SyncBook, SyncConflict, now
from relate.validation import NotFoundError

KEEP_MINE, TAKE_THEIRS = "kept Relate's", "took the server's"


@dataclasses.dataclass(frozen=True, slots=True)
class ConflictRecord:
    """One conflict waiting: the field's label, both values as text ("" for none)."""

    id: int
    book: str
    contact_id: int
    contact_name: str
    field: str
    label: str
    local_value: str
    server_value: str
    found_at: dt.datetime


def value_text(value: object) -> str:
    """A field's value as a conflict keeps it: "" for none, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def record_conflict(
    book_id: int, contact_id: int, field: str, local: object, server: object
) -> None:
    """Keep the server's value of a field both sides changed; it replaces a conflict
    of the same field still waiting."""
    SyncConflict.delete().where(
        SyncConflict.book == book_id,
        SyncConflict.contact == contact_id,
        SyncConflict.field == field,
        SyncConflict.resolved_at.is_null(),
    ).execute()
    SyncConflict.create(
        book=book_id,
        contact=contact_id,
        field=field,
        local_value=value_text(local),
        server_value=value_text(server),
        found_at=now(),
    )


def open_conflicts(contact_id: int | None = None) -> list[ConflictRecord]:
    """The conflicts waiting (of one contact, when given), oldest first."""
    query = (
        SyncConflict.select(SyncConflict, Contact, SyncBook)
        .join(Contact)
        .switch(SyncConflict)
        .join(SyncBook)
        .where(SyncConflict.resolved_at.is_null())
        .order_by(SyncConflict.id)
    )
    if contact_id is not None:
        query = query.where(SyncConflict.contact == contact_id)
    return [
        ConflictRecord(
            id=conflict.id,
            book=conflict.book.name or conflict.book.url,
            contact_id=conflict.contact_id,
            contact_name=display_name(conflict.contact.first_name, conflict.contact.last_name),
            field=conflict.field,
            label=BY_NAME[conflict.field].label,
            local_value=conflict.local_value,
            server_value=conflict.server_value,
            found_at=conflict.found_at,
        )
        for conflict in query
    ]


def resolve_conflict(conflict_id: int, *, take_server: bool) -> ConflictRecord:
    """Settle a conflict: keep Relate's value, or take the server's (the next sync then
    has nothing to send for it, or sends the server's value to the other books)."""
    found = [c for c in open_conflicts() if c.id == conflict_id]
    if not found:
        raise NotFoundError(f"There is no open sync conflict with id {conflict_id}.")
    conflict = found[0]
    with transaction():
        if take_server:
            update_contact(conflict.contact_id, **{conflict.field: _typed(conflict)})
        SyncConflict.update(
            resolved_at=now(), resolution=TAKE_THEIRS if take_server else KEEP_MINE
        ).where(SyncConflict.id == conflict_id).execute()
    return conflict


def reopen_conflict(conflict_id: int, *, restore: object = None) -> bool:
    """Take a resolution back (undo): the conflict waits again and, given `restore`
    (the field's value before the server's was taken), the contact gets it back.
    False, changing nothing, when a later sync found a newer conflict of that field
    (that one waits instead)."""
    conflict = SyncConflict.get_or_none(SyncConflict.id == conflict_id)
    if conflict is None or conflict.resolved_at is None:
        raise NotFoundError(f"There is no settled sync conflict with id {conflict_id}.")
    newer = SyncConflict.select().where(
        SyncConflict.book == conflict.book_id,
        SyncConflict.contact == conflict.contact_id,
        SyncConflict.field == conflict.field,
        SyncConflict.resolved_at.is_null(),
    )
    if newer.exists():
        return False
    with transaction():
        if conflict.resolution == TAKE_THEIRS:
            update_contact(conflict.contact_id, **{conflict.field: restore})
        SyncConflict.update(resolved_at=None, resolution="").where(
            SyncConflict.id == conflict_id
        ).execute()
    return True


def _typed(conflict: ConflictRecord) -> object:
    kind = BY_NAME[conflict.field].kind
    if kind in (Kind.DATE, Kind.NUMBER, Kind.CHOICE) and not conflict.server_value:
        return None
    return conflict.server_value
