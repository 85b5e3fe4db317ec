"""The writes a sync owes the server (`sync_push`), each made and then noted, one at a
time: a sync cut short resumes with the rest, and one already made is never made twice
in a way that loses anything (a write is conditional on the card's ETag)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.store.db import transaction
from relate.store.models import SyncCard, SyncPush


@dataclasses.dataclass(frozen=True, slots=True)
class Push:
    """A write to make: a new card (`etag` None), a changed card, or a deletion
    (`vcard` None)."""

    id: int
    contact_id: int | None
    href: str
    etag: str | None
    vcard: str | None
    in_step_at: dt.datetime  # when the card and its contact were last alike


def pending(book_id: int) -> list[Push]:
    """The writes `book_id` is owed, in the order they were decided."""
    return [
        Push(push.id, push.contact_id, push.href, push.etag, push.vcard, push.queued_at)
        for push in SyncPush.select().where(SyncPush.book == book_id).order_by(SyncPush.id)
    ]


def pending_count(book_id: int) -> int:
    """How many writes `book_id` is owed."""
    return SyncPush.select().where(SyncPush.book == book_id).count()


def push_made(book_id: int, push: Push, href: str, etag: str | None) -> None:
    """Note a write the server took: the card as sent is the next merge's base. `etag`
    None: the server changed the card as it stored it, and the next sync reads it."""
    with transaction():  # two statements: one write of thousands a first sync makes
        SyncPush.delete().where(SyncPush.id == push.id).execute()
        if push.vcard is None:
            SyncCard.delete().where(SyncCard.book == book_id, SyncCard.href == href).execute()
            return
        # Not now: an edit made here while the writes went on is news for the next sync.
        values = {"etag": etag or "", "vcard": push.vcard, "synced_at": push.in_step_at}
        SyncCard.insert(book=book_id, href=href, contact=push.contact_id, **values).on_conflict(
            conflict_target=[SyncCard.book, SyncCard.href],
            update=values,  # a card known already keeps its contact
        ).execute()


def push_refused(book_id: int, push: Push) -> None:
    """Drop a write the server refused because the card changed there since it was
    read (or a new card's name was taken): the next pass reads and merges it again."""
    with transaction():
        SyncPush.delete().where(SyncPush.id == push.id).execute()
        SyncCard.update(etag="").where(
            SyncCard.book == book_id, SyncCard.href == push.href
        ).execute()
