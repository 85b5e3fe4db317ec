"""Follow-ups: dated promises and reminders attached to a contact."""

from __future__ import annotations

import datetime as dt
from types import EllipsisType

from relate.records import FollowUpRecord
from relate.store.db import inserted_id, transaction
from relate.store.models import Contact, FollowUp, now
from relate.validation import NotFoundError, ValidationError, clean_text, parse_date, parse_time


def _record(row: FollowUp) -> FollowUpRecord:
    return FollowUpRecord(row.id, row.contact_id, row.due, row.text, row.done_at, row.due_time)


def _require_due(due: dt.date | str | None) -> dt.date:
    parsed = parse_date(due, "due date")
    if parsed is None:
        raise ValidationError("A follow-up needs a due date.")
    return parsed


def _due_time(at: dt.time | str | None) -> dt.time | None:
    """A due time to the minute: reminders are shown by the minute."""
    parsed = parse_time(at, "due time")
    return None if parsed is None else parsed.replace(second=0, microsecond=0)


def add_follow_up(
    contact_id: int, text: str, due: dt.date | str, at: dt.time | str | None = None
) -> int:
    """Add an open follow-up for a contact, due on a day (and at a time of it, which
    reminds the user then); returns its id."""
    text = clean_text(text)
    if not text:
        raise ValidationError("A follow-up needs a text saying what to do.")
    due_date = _require_due(due)
    due_time = _due_time(at)
    with transaction():
        if not Contact.select().where(Contact.id == contact_id).exists():
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        return inserted_id(
            FollowUp.insert(contact=contact_id, text=text, due=due_date, due_time=due_time)
        )


def _get(follow_up_id: int) -> FollowUp:
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None:
        raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
    return row


def complete_follow_up(follow_up_id: int, done: bool = True) -> None:
    """Mark a follow-up done (or open again)."""
    with transaction():
        _get(follow_up_id)
        FollowUp.update(done_at=now() if done else None).where(
            FollowUp.id == follow_up_id
        ).execute()


def reschedule_follow_up(
    follow_up_id: int, due: dt.date | str, at: dt.time | str | EllipsisType | None = ...
) -> None:
    """Move a follow-up to another due date, keeping its time unless `at` gives one
    (None: no time)."""
    changes: dict[str, object] = {"due": _require_due(due)}
    if at is not ...:
        changes["due_time"] = _due_time(at)
    with transaction():
        _get(follow_up_id)
        FollowUp.update(**changes).where(FollowUp.id == follow_up_id).execute()


def delete_follow_up(follow_up_id: int) -> FollowUpRecord:
    """Remove a follow-up; returns what it was."""
    with transaction():
        record = _record(_get(follow_up_id))
        FollowUp.delete().where(FollowUp.id == follow_up_id).execute()
    return record


def follow_ups_for(contact_id: int, include_done: bool = True) -> list[FollowUpRecord]:
    """A contact's follow-ups: open ones by due date, then done ones, latest first."""
    query = FollowUp.select().where(FollowUp.contact == contact_id)
    if not include_done:
        query = query.where(FollowUp.done_at.is_null())
    rows = [_record(row) for row in query]
    open_rows = sorted((r for r in rows if r.is_open), key=lambda r: (r.due, r.id))
    done_rows = sorted(
        (r for r in rows if not r.is_open), key=lambda r: r.done_at or dt.datetime.min, reverse=True
    )  # a done follow-up always has its done_at
    return open_rows + done_rows


def open_follow_ups(until: dt.date | None = None) -> list[FollowUpRecord]:
    """Open follow-ups due on or before `until` (all open ones when None), soonest first."""
    query = FollowUp.select().where(FollowUp.done_at.is_null())
    if until is not None:
        query = query.where(FollowUp.due <= until)
    return [_record(row) for row in query.order_by(FollowUp.due, FollowUp.id)]


def restore_follow_up(record: FollowUpRecord) -> None:
    """Put back a deleted follow-up with its old id (undo)."""
    with transaction():
        FollowUp.insert(
            id=record.id,
            contact=record.contact_id,
            due=record.due,
            text=record.text,
            done_at=record.done_at,
            due_time=record.due_time,
        ).execute()
