"""A CardDAV client (RFC 6352) for two-way sync: finding address books, what changed
since the last sync (RFC 6578 sync-collection, else a listing of ETags), reading cards
in batches (addressbook-multiget), and conditional writes that never overwrite a card
changed on the server since it was read (If-Match, If-None-Match: *).

The client knows nothing of Relate's contacts: it moves vCard text and ETags, and the
sync engine decides what they mean. Every failure is a SyncError with a sentence.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote, urlsplit

from relate.sync import dav_xml, discovery
from relate.sync.books import AddressBook, Card, Changes, Fetched
from relate.sync.dav_xml import CARDDAV, DAV, tag
from relate.sync.errors import ResponseTooLargeError, SyncError
from relate.sync.transport import Reply, Transport
from relate.sync.urls import resolved

# Cards read by one multiget: few enough requests for 5,000 cards (50), small enough
# answers to stay far under the transport's bound with ordinary photos.
BATCH = 100
# The largest card kept. A card is kept whole (so what Relate does not read goes back
# unchanged), and the importers cut any one value at vcard_lines.MAX_VALUE (1 MB): a
# card is allowed a few such values (a photo, a sound, a key), no more.
MAX_CARD_BYTES = 4 * 1024 * 1024
_VCARD = {"Content-Type": "text/vcard; charset=utf-8"}
_ETAG_PROPS = ((DAV, "getetag"), (DAV, "resourcetype"))
_TOKEN_REFUSALS = (400, 403, 409, 412)  # a sync token the server no longer knows
_MAX_TRUNCATED_ROUNDS = 1000  # a server that always says "more" must not loop forever


class CardDavClient:
    """One account on one server; use it with `with`, or close() it."""

    def __init__(self, user: str, password: str, *, timeout: float = 60.0) -> None:
        """`timeout`: the seconds to wait for the server to connect or go on answering."""
        self._transport = Transport(user, password, timeout=timeout)

    def __enter__(self) -> CardDavClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connections kept open to the server."""
        self._transport.close()

    # ------------------------------------------------------------------------ reading

    def discover(self, base_url: str) -> list[AddressBook]:
        """The address books reachable from `base_url` (see `discovery.discover`)."""
        return discovery.discover(self._transport, base_url)

    def changes_since(self, book: AddressBook, token: str | None) -> Changes:
        """What changed in `book` since `token` (everything when None). A server
        without sync-collection, or one that no longer knows the token, gives every
        card instead (`Changes.full`)."""
        if not book.sync_token_supported:
            return Changes(None, sorted(self.listing(book).items()), [], full=True)
        changed: dict[str, str] = {}
        deleted: set[str] = set()
        full = not token
        for _round in range(_MAX_TRUNCATED_ROUNDS):
            reply = self._transport.request(
                "REPORT",
                book.url,
                body=dav_xml.sync_collection(token, (DAV, "getetag")),
                headers={"Depth": "0"},
                allow=_TOKEN_REFUSALS if token else (),
            )
            if reply.status in _TOKEN_REFUSALS:
                # RFC 6578 says 403 or 409 naming valid-sync-token; servers differ (Xandikos
                # says 412, some 400 with no body): start again without it, and a server
                # that refuses that too is reported as it should be.
                token, full = None, True
                changed.clear()
                deleted.clear()
                continue
            answer = dav_xml.multistatus(reply.body)
            more = False
            for item in answer.answers:
                url = resolved(book.url, item.href)
                if _same(url, book.url):
                    more = more or item.status == 507  # truncated: ask again from the new token
                elif item.status == 404:
                    deleted.add(url)
                    changed.pop(url, None)
                elif item.status in (None, 200):
                    changed[url] = item.text(DAV, "getetag") or ""
                    deleted.discard(url)
            if answer.sync_token is None:
                raise SyncError("The server's list of changes has no sync token.")
            token = answer.sync_token
            if not more:
                return Changes(token, sorted(changed.items()), sorted(deleted), full)
        raise SyncError("The server kept saying there were more changes; the sync gave up.")

    def listing(self, book: AddressBook) -> dict[str, str]:
        """Every card of `book` with its ETag (a PROPFIND one level deep)."""
        reply = self._transport.request(
            "PROPFIND",
            book.url,
            body=dav_xml.propfind(*_ETAG_PROPS),
            headers={"Depth": "1"},
        )
        cards: dict[str, str] = {}
        for item in dav_xml.multistatus(reply.body).answers:
            url = resolved(book.url, item.href)
            kind = item.found.get(tag(DAV, "resourcetype"))
            if _same(url, book.url) or (kind is not None and len(kind)):
                continue  # the book itself, or a collection inside it
            cards[url] = item.text(DAV, "getetag") or ""
        return cards

    def fetch(self, book: AddressBook, hrefs: Sequence[str]) -> Fetched:
        """The cards at `hrefs` (absolute addresses, as `changes_since` gives them),
        read BATCH at a time."""
        fetched = Fetched([], [], [])
        for start in range(0, len(hrefs), BATCH):
            self._multiget(book, hrefs[start : start + BATCH], fetched)
        return fetched

    def _multiget(self, book: AddressBook, hrefs: Sequence[str], into: Fetched) -> None:
        wanted = {resolved(book.url, href): href for href in hrefs}
        try:
            reply = self._transport.request(
                "REPORT",
                book.url,
                body=dav_xml.addressbook_multiget(urlsplit(url).path for url in wanted),
                headers={"Depth": "1"},
            )
        except ResponseTooLargeError:
            if len(hrefs) == 1:
                into.refused.append((hrefs[0], "The card is too large to read."))
                return
            half = len(hrefs) // 2  # large photos: fewer cards at a time
            self._multiget(book, hrefs[:half], into)
            self._multiget(book, hrefs[half:], into)
            return
        for item in dav_xml.multistatus(reply.body).answers:
            href = wanted.pop(resolved(book.url, item.href), None)
            if href is None:
                continue  # not asked for
            vcard = _element_text(item.found.get(tag(CARDDAV, "address-data")))
            if item.status == 404 or (vcard is None and item.status is not None):
                into.missing.append(href)
            elif vcard is None or not vcard.strip():
                into.refused.append((href, "The server sent no vCard for it."))
            elif len(vcard.encode("utf-8", "surrogatepass")) > MAX_CARD_BYTES:
                into.refused.append((href, "The card is too large to read."))
            else:
                into.cards.append(Card(href, item.text(DAV, "getetag") or "", vcard))
        into.missing.extend(wanted.values())

    # ------------------------------------------------------------------------ writing

    def create(self, book: AddressBook, name: str, vcard: str) -> tuple[str, str | None]:
        """Puts a new card named `name` ("<uid>.vcf") in `book`, only if no card has
        that name (ChangedOnServerError if one has). Its address and ETag; the ETag is None
        when the server changed the card as it stored it: read it back."""
        if not name or "/" in name or name in (".", ".."):
            raise ValueError(f"not a card's file name: {name!r}")
        href = resolved(book.url, quote(name))
        reply = self._transport.request(
            "PUT", href, body=_encoded(vcard), headers={**_VCARD, "If-None-Match": "*"}
        )
        return href, _etag(reply)

    def update(self, href: str, vcard: str, etag: str) -> str | None:
        """Replaces the card at `href` if it is still the one with `etag`, else raises
        ChangedOnServerError (read it again, merge, and try again). Its new ETag, None when
        the server changed the card as it stored it."""
        reply = self._transport.request(
            "PUT", href, body=_encoded(vcard), headers={**_VCARD, "If-Match": etag}
        )
        return _etag(reply)

    def delete(self, href: str, etag: str) -> None:
        """Removes the card at `href` if it is still the one with `etag` (else
        ChangedOnServerError); a card already gone is no error."""
        self._transport.request("DELETE", href, headers={"If-Match": etag}, allow=(404,))


def _same(url: str, other: str) -> bool:
    return url.rstrip("/") == other.rstrip("/")


def _element_text(element: ET.Element | None) -> str | None:
    text: str | None = None if element is None else element.text
    return text


def _etag(reply: Reply) -> str | None:
    """The ETag a write answered with; None when the server gave none (it changed the
    card as it stored it, RFC 6352 §6.3.2.3)."""
    etag: str | None = reply.headers.get("ETag")
    return etag or None


def _encoded(vcard: str) -> bytes:
    return vcard.encode("utf-8")
