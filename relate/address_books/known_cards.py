"""What Relate knows of a connected book's cards (`sync_card`), read in bulk: a sync of
a book of 5,000 cards reads each of these once, in a few queries, and the cards' text
(the merge's bases, megabytes with photos) only for the cards a sync merges."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from relate.store.db import execute, id_chunks


class KnownCard(NamedTuple):
    """A card as last synced, without its text (`bases` reads that)."""

    id: int
    href: str
    etag: str
    contact_id: int | None
    linked: bool
    import_batch_id: int | None
    synced_at: str  # as stored, to compare with a contact's updated_at in SQL


def known_cards(book_id: int) -> dict[str, KnownCard]:
    """Every card of `book_id` Relate knows, by address."""
    rows = execute(
        "SELECT id, href, etag, contact_id, linked, import_batch_id, synced_at"
        " FROM sync_card WHERE book_id = ?",
        (book_id,),
    )
    return {
        href: KnownCard(card_id, href, etag, contact_id, bool(linked), batch_id, synced_at)
        for card_id, href, etag, contact_id, linked, batch_id, synced_at in rows
    }


def bases(card_ids: Collection[int]) -> dict[int, str]:
    """The text of each card (by its id) as last synced: the base of its next merge."""
    texts: dict[int, str] = {}
    for chunk, marks in id_chunks(list(card_ids)):
        texts.update(execute(f"SELECT id, vcard FROM sync_card WHERE id IN ({marks})", chunk))
    return texts


def contact_states(book_id: int) -> dict[int, tuple[bool, bool]]:
    """For each card of `book_id` linked to a contact (by the card's id): whether the
    contact changed since the card was synced, and whether it is archived."""
    rows = execute(
        "SELECT s.id, c.updated_at > s.synced_at, c.archived FROM sync_card s"
        " JOIN contact c ON c.id = s.contact_id WHERE s.book_id = ?",
        (book_id,),
    )
    return {card_id: (bool(changed), bool(archived)) for card_id, changed, archived in rows}
