"""Finding a user's address books from a server's address (RFC 6764 and RFC 6352 §7):
/.well-known/carddav, the current user's principal, its address-book home set, and
the address books in that home."""

from __future__ import annotations

from urllib.parse import urlsplit

from relate.sync import dav_xml
from relate.sync.books import AddressBook
from relate.sync.dav_xml import CARDDAV, DAV, Answer, tag
from relate.sync.errors import SyncError, WrongPasswordError
from relate.sync.transport import Transport
from relate.sync.urls import checked_url, moved, resolved

_DEPTH_0 = {"Depth": "0"}
_DEPTH_1 = {"Depth": "1"}
_BOOK_PROPS = ((DAV, "resourcetype"), (DAV, "displayname"), (DAV, "supported-report-set"))
_START_PROPS = ((DAV, "current-user-principal"), (CARDDAV, "addressbook-home-set"), *_BOOK_PROPS)


def discover(transport: Transport, base_url: str) -> list[AddressBook]:
    """The address books the account can reach from `base_url` (a server's address, a
    principal's, a home set's or a book's own), sorted by name; SyncError when there
    is none or the server cannot be asked."""
    base_url = checked_url(base_url)
    start = _start(transport, base_url)
    if _is_book(start):
        return [_book(start)]
    homes = dav_xml.hrefs(start.found.get(tag(CARDDAV, "addressbook-home-set")))
    if not homes:
        principals = dav_xml.hrefs(start.found.get(tag(DAV, "current-user-principal")))
        if not principals:
            raise SyncError(f"No address book was found at {base_url}.")
        homes = _homes(transport, moved(start.href, principals[0]))
    books: dict[str, AddressBook] = {}
    for home in homes:
        for answer in _propfind(transport, moved(start.href, home), _BOOK_PROPS, _DEPTH_1):
            if _is_book(answer):
                books.setdefault(answer.href, _book(answer))
    if not books:
        raise SyncError(f"The account has no address book at {base_url}.")
    return sorted(books.values(), key=lambda book: (book.name.casefold(), book.url))


def _start(transport: Transport, base_url: str) -> Answer:
    """The first answer with something to follow: the given address's own when it has
    a path (a book's or a principal's address), else /.well-known/carddav's first. A
    refused password is said at once; other failures move on to the next address."""
    well_known = resolved(base_url, "/.well-known/carddav")
    if urlsplit(base_url).path.strip("/"):
        candidates = [base_url, well_known]
    else:
        candidates = [well_known, base_url]
    for number, url in enumerate(candidates, 1):
        try:
            answers = _propfind(transport, url, _START_PROPS, _DEPTH_0)
        except SyncError as error:
            if number == len(candidates) or isinstance(error, WrongPasswordError):
                raise
            continue
        for answer in answers:
            found = answer.found
            if (
                _is_book(answer)
                or tag(DAV, "current-user-principal") in found
                or tag(CARDDAV, "addressbook-home-set") in found
            ):
                return answer
    raise SyncError(f"{base_url} does not answer as a CardDAV server.")


def _homes(transport: Transport, principal: str) -> list[str]:
    for answer in _propfind(transport, principal, ((CARDDAV, "addressbook-home-set"),), _DEPTH_0):
        homes = dav_xml.hrefs(answer.found.get(tag(CARDDAV, "addressbook-home-set")))
        if homes:
            return [moved(answer.href, home) for home in homes]
    raise SyncError("The account has no address books on this server (no address-book home).")


def _propfind(
    transport: Transport, url: str, props: tuple[tuple[str, str], ...], depth: dict[str, str]
) -> list[Answer]:
    """The answers of a PROPFIND, with each href made absolute (and checked)."""
    reply = transport.request("PROPFIND", url, body=dav_xml.propfind(*props), headers=depth)
    answers = dav_xml.multistatus(reply.body).answers
    return [
        Answer(moved(reply.url, answer.href), answer.status, answer.found) for answer in answers
    ]


def _is_book(answer: Answer) -> bool:
    kind = answer.found.get(tag(DAV, "resourcetype"))
    return kind is not None and kind.find(tag(CARDDAV, "addressbook")) is not None


def _book(answer: Answer) -> AddressBook:
    url = answer.href if answer.href.endswith("/") else answer.href + "/"
    name = answer.text(DAV, "displayname") or url.rstrip("/").rsplit("/", 1)[-1]
    reports = answer.found.get(tag(DAV, "supported-report-set"))
    syncs = reports is not None and reports.find(f".//{tag(DAV, 'sync-collection')}") is not None
    return AddressBook(url, name, syncs)
