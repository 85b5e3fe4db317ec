"""What the user is told when a CardDAV server cannot be used: a plain sentence, never
the password, and no request where it must not go."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from relate.sync import transport
from relate.sync.books import AddressBook
from relate.sync.carddav import MAX_CARD_BYTES, CardDavClient
from relate.sync.errors import SyncError
from tests.core.sync.test_carddav import vcard
from tests.sync_servers import PASSWORD, Canned, Server, canned_server, free_port

MULTISTATUS = (
    b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response>'
    b'<d:href>{href}</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop>'
    b"<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"
)


def _said(error: pytest.ExceptionInfo[SyncError]) -> str:
    """The message, and everything chained to it, as a traceback would show it."""
    texts = []
    seen: BaseException | None = error.value
    while seen is not None:
        texts += [str(seen), repr(seen)]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(texts)


def test_a_wrong_password_is_said_plainly_and_never_repeated(
    radicale: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "not-the-" + PASSWORD
    with CardDavClient(radicale.user, wrong) as client, pytest.raises(SyncError) as error:
        client.discover(radicale.url)
    assert "refused the user name or password" in str(error.value)
    assert wrong not in _said(error) and wrong not in caplog.text


def test_the_password_is_in_no_log_line_of_a_whole_session(
    radicale: Server, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    radicale.make_book()
    with CardDavClient(radicale.user, radicale.password) as client:
        (book,) = client.discover(radicale.url)
        href, etag = client.create(book, "ann.vcf", vcard("ann", "Ann Lee"))
        client.fetch(book, [href])
        client.changes_since(book, None)
    assert caplog.text and PASSWORD not in caplog.text


def test_a_server_that_is_down_is_said_plainly() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with CardDavClient("ann", PASSWORD) as client, pytest.raises(SyncError) as error:
        client.discover(url)
    assert str(error.value) == (
        "Could not connect to 127.0.0.1: the server is down, refused the connection, "
        "or the address is wrong."
    )
    assert PASSWORD not in _said(error)


@pytest.mark.parametrize(
    "canned",
    [
        Canned(200),  # a web page where an address book should be
        Canned(207, b"not xml at all", "application/xml"),
        Canned(207, b'<?xml version="1.0"?><html/>', "application/xml"),
        Canned(207, b"<d:multistatus xmlns:d='DAV:'><d:response/></d:multistatus>"),
    ],
    ids=["web page", "not xml", "other xml", "response without href"],
)
def test_a_server_answering_garbage_is_said_plainly(canned: Canned) -> None:
    with canned_server(canned) as url, CardDavClient("ann", PASSWORD) as client:
        with pytest.raises(SyncError) as error:
            client.discover(url)
    assert "does not answer as a CardDAV server" in str(error.value) or (
        "not the XML a CardDAV server sends" in str(error.value)
    )


def test_a_failing_server_is_said_plainly() -> None:
    with canned_server(Canned(503, b"busy")) as url, CardDavClient("ann", PASSWORD) as client:
        with pytest.raises(SyncError) as error:
            client.listing(AddressBook(url + "/ann/contacts/", "Contacts", False))
    assert str(error.value) == (
        "The server failed to answer (503 Service Unavailable); try again later."
    )


def test_a_server_that_stops_answering_is_given_up_on() -> None:
    with canned_server(Canned(207, MULTISTATUS, delay=3)) as url:
        with CardDavClient("ann", PASSWORD, timeout=0.5) as client:
            started = time.monotonic()
            with pytest.raises(SyncError) as error:
                client.listing(AddressBook(url + "/book/", "Contacts", False))
    assert time.monotonic() - started < 2.5
    assert "stopped answering" in str(error.value)


def test_an_entity_bomb_is_refused_at_once() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d:multistatus [<!ENTITY a "aaaaaaaaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + n]), b"&%s;" % bytes([97 + n]) * 16)
            for n in range(8)
        )
        + b']><d:multistatus xmlns:d="DAV:">&i;</d:multistatus>'
    )
    with canned_server(Canned(207, bomb, "application/xml")) as url:
        with CardDavClient("ann", PASSWORD) as client, pytest.raises(SyncError) as error:
            client.listing(AddressBook(url + "/book/", "Contacts", False))
    assert "not the XML" in str(error.value)


def test_a_card_pointed_to_on_another_server_is_refused() -> None:
    elsewhere = MULTISTATUS.replace(b"{href}", b"https://elsewhere.example/x.vcf")
    with canned_server(Canned(207, elsewhere, "application/xml")) as url:
        with CardDavClient("ann", PASSWORD) as client, pytest.raises(SyncError) as error:
            client.listing(AddressBook(url + "/book/", "Contacts", False))
    assert "elsewhere.example" in str(error.value) and "outside" in str(error.value)


def test_http_to_another_machine_is_refused_before_any_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    with CardDavClient("ann", PASSWORD) as client:
        for url in (
            "http://dav.example.com",
            "http://192.168.1.10:5232/",
            "ftp://x.example",
            "https://dav.example.com:99999/",
            "dav.example.com",
        ):
            with pytest.raises(SyncError) as error:
                client.discover(url)
            assert "https" in str(error.value)
        with pytest.raises(SyncError, match="user name or password"):
            client.discover("https://ann:secret@dav.example.com/")


def test_an_answer_too_large_is_not_read_and_large_cards_are_refused(
    radicale: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = radicale.fill_book([vcard(f"p{n}", f"Person {n}") for n in range(4)])
    book = AddressBook(url, "Contacts", True)
    with CardDavClient(radicale.user, radicale.password) as client:
        hrefs = sorted(client.listing(book))
        huge, _etag = client.create(book, "huge.vcf", vcard("huge", "Huge", "x" * MAX_CARD_BYTES))
        assert len(client.fetch(book, [*hrefs, huge]).cards) == 4
        assert client.fetch(book, [huge]).refused == [(huge, "The card is too large to read.")]
        # Answers over the bound: the cards are asked for fewer at a time, down to one.
        monkeypatch.setattr(transport, "MAX_RESPONSE_BYTES", 200)
        fetched = client.fetch(book, hrefs)
    assert fetched.cards == [] and fetched.refused == [
        (href, "The card is too large to read.") for href in hrefs
    ]


def test_a_list_of_changes_given_in_parts_is_read_to_its_end() -> None:
    part = (
        b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">{card}'
        b"<d:response><d:href>/book/</d:href><d:status>HTTP/1.1 507 Insufficient Storage"
        b"</d:status></d:response><d:sync-token>t{n}</d:sync-token></d:multistatus>"
    )
    card = (
        b"<d:response><d:href>/book/{name}.vcf</d:href><d:propstat><d:prop><d:getetag>"
        b'"{name}"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>'
        b"</d:response>"
    )
    last = MULTISTATUS.replace(b"{href}", b"/book/c.vcf").replace(
        b"</d:multistatus>", b"<d:sync-token>t3</d:sync-token></d:multistatus>"
    )
    bodies = [
        part.replace(b"{card}", card.replace(b"{name}", name)).replace(b"{n}", n)
        for name, n in ((b"a", b"1"), (b"b", b"2"))
    ] + [last]
    canned = Canned(207, bodies, "application/xml")
    with canned_server(canned) as url, CardDavClient("ann", PASSWORD) as client:
        changes = client.changes_since(AddressBook(url + "/book/", "Contacts", True), "t0")
    assert [href.rsplit("/", 1)[1] for href, _etag in changes.changed] == [
        "a.vcf",
        "b.vcf",
        "c.vcf",
    ]
    assert changes.token == "t3" and len(canned.requests) == 3
