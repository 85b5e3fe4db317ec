"""A contact's timeline: logging, editing and deleting interactions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from relate.records import InteractionRecord
from relate.store.db import inserted_id, transaction
from relate.store.models import Contact, ImportBatch, Interaction
from relate.validation import (
    NotFoundError,
    ValidationError,
    clean_choice,
    clean_text,
    parse_date,
    parse_time,
)
from relate.vocabulary import EXCHANGE_KINDS, EXCHANGE_SUB_KINDS, INTERACTION_KINDS


def clean_kind(kind: str) -> str:
    """An interaction kind; "121", "1:1" and "one-to-one" are taken for "1-2-1"."""
    if clean_text(kind).casefold() in ("121", "1:1", "1-1", "one-to-one"):
        return "1-2-1"
    return clean_choice(kind, INTERACTION_KINDS, "kind of interaction")


def _clean_sub_kind(kind: str, sub_kind: str | None) -> str | None:
    if kind not in EXCHANGE_KINDS:
        if sub_kind:
            raise ValidationError(f"Only gave/received entries have a sub-kind, not '{kind}'.")
        return None
    if not sub_kind:
        return None
    return clean_choice(sub_kind, EXCHANGE_SUB_KINDS, f"kind of thing {kind}")


def origin_text(source: str, file_name: str) -> str:
    """Where an imported entry came from, in a user's words: "inbox.mbox (Mail archive)"."""
    from relate.import_sources import source_name  # (it loads the history planner: not at start)

    named = source_name(source)
    return f"{file_name} ({named})" if file_name else named


def _record(row: Interaction) -> InteractionRecord:
    return InteractionRecord(
        id=row.id,
        contact_id=row.contact_id,
        kind=row.kind,
        sub_kind=row.sub_kind,
        date=row.date,
        time=row.time,
        summary=row.summary,
        notes=row.notes,
        direction=row.direction,
        source_key=row.source_key,
        import_batch_id=row.import_batch_id,
        origin=_origin(row),
    )


def _with_batch(query: Any) -> Any:
    """The query's entries with where the import that added each was from, in one read."""
    return (
        query.select_extend(
            ImportBatch.source.alias("batch_source"), ImportBatch.file_name.alias("batch_file")
        )
        .join(ImportBatch, JOIN.LEFT_OUTER, on=(Interaction.import_batch == ImportBatch.id))
        .objects()
    )


def _origin(row: Interaction) -> str:
    source = getattr(row, "batch_source", None)
    return origin_text(source, getattr(row, "batch_file", "") or "") if source else ""


def log_interaction(
    contact_id: int,
    kind: str,
    *,
    date: dt.date | str | None = None,
    time: dt.time | str | None = None,
    summary: str = "",
    notes: str = "",
    sub_kind: str | None = None,
) -> int:
    """Add an entry to a contact's timeline (dated today unless given); returns its id."""
    kind = clean_kind(kind)
    values = {
        "contact": contact_id,
        "kind": kind,
        "sub_kind": _clean_sub_kind(kind, sub_kind),
        "date": parse_date(date) or dt.date.today(),
        "time": parse_time(time),
        "summary": clean_text(summary),
        "notes": (notes or "").strip(),
    }
    with transaction():
        if not Contact.select().where(Contact.id == contact_id).exists():
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        return inserted_id(Interaction.insert(**values))


def update_interaction(interaction_id: int, **changes: Any) -> None:
    """Change an entry's kind, sub_kind, date, time, summary or notes."""
    row = get_interaction(interaction_id)
    kind = clean_kind(changes.pop("kind")) if "kind" in changes else row.kind
    values: dict[str, Any] = {"kind": kind}
    sub_kind = changes.pop("sub_kind", row.sub_kind if kind == row.kind else None)
    values["sub_kind"] = _clean_sub_kind(kind, sub_kind)
    if "date" in changes:
        new_date = parse_date(changes.pop("date"))
        if new_date is None:
            raise ValidationError("A timeline entry needs a date.")
        values["date"] = new_date
    if "time" in changes:
        values["time"] = parse_time(changes.pop("time"))
    if "summary" in changes:
        values["summary"] = clean_text(changes.pop("summary"))
    if "notes" in changes:
        values["notes"] = (changes.pop("notes") or "").strip()
    if changes:
        raise TypeError(f"update_interaction() got unknown fields: {', '.join(sorted(changes))}")
    with transaction():
        Interaction.update(**values).where(Interaction.id == interaction_id).execute()


def delete_interaction(interaction_id: int) -> InteractionRecord:
    """Remove an entry; returns what it was (so it can be put back)."""
    with transaction():
        record = get_interaction(interaction_id)
        Interaction.delete().where(Interaction.id == interaction_id).execute()
    return record


def get_interaction(interaction_id: int) -> InteractionRecord:
    """One timeline entry."""
    row = _with_batch(Interaction.select()).where(Interaction.id == interaction_id).first()
    if row is None:
        raise NotFoundError(f"There is no timeline entry with id {interaction_id}.")
    return _record(row)


def interactions_for(contact_id: int, limit: int | None = None) -> list[InteractionRecord]:
    """A contact's timeline, newest first."""
    query = (
        _with_batch(Interaction.select())
        .where(Interaction.contact == contact_id)
        .order_by(
            Interaction.date.desc(), Interaction.time.desc(nulls="LAST"), Interaction.id.desc()
        )
    )
    if limit is not None:
        query = query.limit(limit)
    return [_record(row) for row in query]


def restore_interaction(record: InteractionRecord) -> None:
    """Put back a deleted entry with its old id (undo)."""
    with transaction():
        Interaction.insert(
            id=record.id,
            contact=record.contact_id,
            kind=record.kind,
            sub_kind=record.sub_kind,
            date=record.date,
            time=record.time,
            summary=record.summary,
            notes=record.notes,
            direction=record.direction,
            source_key=record.source_key,
            import_batch=record.import_batch_id,
        ).execute()
