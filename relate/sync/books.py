"""The records the CardDAV client hands out: address books, changes and cards."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True, slots=True)
class AddressBook:
    """An address book on a server: its absolute address (ending in "/"), its name to
    show, and whether it answers RFC 6578 sync-collection (incremental sync)."""

    url: str
    name: str
    sync_token_supported: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Changes:
    """What changed in a book since a sync token: the new token to keep (None when the
    server has none), the cards added or changed with their ETags, and the cards
    removed. `full` when this is every card of the book (a first sync, a token the
    server no longer knows, or a server without sync-collection): then a card known
    before and missing from `changed` was removed, although `deleted` does not name it."""

    token: str | None
    changed: list[tuple[str, str]]
    deleted: list[str]
    full: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Card:
    """A card as the server holds it: its address, ETag and whole vCard text (line
    ends as the XML parser gives them: "\\n")."""

    href: str
    etag: str
    vcard: str


@dataclasses.dataclass(frozen=True, slots=True)
class Fetched:
    """The cards a multiget read, and those it did not: `missing` (no longer on the
    server) and `refused` (with why: too large, or no vCard in the answer)."""

    cards: list[Card]
    missing: list[str]
    refused: list[tuple[str, str]]
