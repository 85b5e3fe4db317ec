"""CardDAV servers for the sync tests, run in this process on a free loopback port:
Radicale (as its own test helpers do: `radicale.server.serve` in a thread, stopped
through a socket pair), with a temporary folder and an htpasswd file of plain
passwords (bcrypt or argon2 would need one more package)."""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import http.server
import io
import socket
import socketserver
import threading
import time
import wsgiref.simple_server
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

USER = "ann"
PASSWORD = "correct horse battery staple"
BOOK = "contacts"

_MKCOL_ADDRESS_BOOK = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<mkcol xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><set><prop>'
    "<resourcetype><collection/><C:addressbook/></resourcetype>"
    "<displayname>{name}</displayname>"
    "</prop></set></mkcol>"
)


@dataclasses.dataclass(frozen=True)
class Server:
    """A running server: its base address, where the user's address books live, and
    the one user's name and password."""

    url: str
    home: str = f"/{USER}/"
    user: str = USER
    password: str = PASSWORD
    whole_collection_put: bool = True  # Radicale's: a book's cards in one request

    def book_url(self, book: str = BOOK) -> str:
        return f"{self.url}{self.home}{book}/"

    def make_book(self, book: str = BOOK, name: str = "Contacts") -> str:
        """Creates an address book (as a phone's first sync would) and returns its address."""
        url = self.book_url(book)
        response = httpx.request(
            "MKCOL",
            url,
            content=_MKCOL_ADDRESS_BOOK.format(name=name).encode(),
            headers={"Content-Type": "application/xml; charset=utf-8"},
            auth=(self.user, self.password),
        )
        assert response.status_code == 201, response.text
        return url

    def fill_book(self, cards: list[str], book: str = BOOK) -> str:
        """Makes an address book holding `cards` and returns its address: in one request
        where the server allows it (as an import on the server would), 5,000 cards in
        seconds rather than minutes."""
        url = self.book_url(book)
        if not self.whole_collection_put:
            self.make_book(book)
            with httpx.Client(auth=(self.user, self.password)) as client:
                for number, card in enumerate(cards):
                    put = client.put(f"{url}{number}.vcf", content=card.encode())
                    assert put.status_code == 201, put.text
            return url
        response = httpx.put(
            url,
            content="".join(cards).encode(),
            headers={"Content-Type": "text/vcard"},
            auth=(self.user, self.password),
            timeout=120,
        )
        assert response.status_code == 201, response.text
        return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def radicale_server(folder: Path) -> Iterator[Server]:
    """Radicale on 127.0.0.1, storing in `folder`, until the block ends."""
    from radicale import config, server

    htpasswd = folder / "users"
    htpasswd.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    port = free_port()
    configuration = config.load()
    configuration.update(
        {
            "server": {"hosts": f"127.0.0.1:{port}"},
            "auth": {
                "type": "htpasswd",
                "htpasswd_filename": str(htpasswd),
                "htpasswd_encryption": "plain",
                "delay": "0.001",  # a wrong password is answered at once, not after a second
            },
            # No fsync after each write: 250 cards put one by one in 3 s instead of 12 s.
            "storage": {
                "filesystem_folder": str(folder / "collections"),
                "_filesystem_fsync": "False",
            },
            "rights": {"type": "owner_only"},
            "logging": {"level": "warning", "mask_passwords": "True"},
        },
        "test",
        privileged=True,
    )
    shutdown_ours, shutdown_theirs = socket.socketpair()
    thread = threading.Thread(
        target=server.serve, args=(configuration, shutdown_theirs), daemon=True
    )
    thread.start()
    url = f"http://127.0.0.1:{port}"
    _wait_until_listening(port)
    try:
        yield Server(url)
    finally:
        shutdown_ours.close()
        thread.join(10)


def _wait_until_listening(port: int) -> None:
    for _attempt in range(500):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        threading.Event().wait(0.01)
    raise RuntimeError("Radicale did not start")


@dataclasses.dataclass
class Canned:
    """What a fake server answers to every request: a status, a body (or one body per
    request in turn, the last one repeated), after a delay; with `keep_alive`, over
    HTTP/1.1, keeping each connection open for the next request. It counts the
    connections it was asked on."""

    status: int = 200
    body: bytes | list[bytes] = b"<html><body>Welcome to nginx!</body></html>"
    content_type: str = "text/html"
    delay: float = 0.0
    requests: list[str] = dataclasses.field(default_factory=list)
    keep_alive: bool = False
    connections: int = 0


@contextlib.contextmanager
def canned_server(canned: Canned) -> Iterator[str]:
    """A tiny HTTP server on 127.0.0.1 giving `canned` to any request; its base address."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if canned.keep_alive else "HTTP/1.0"

        def setup(self) -> None:
            canned.connections += 1
            super().setup()

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            canned.requests.append(f"{self.command} {self.path}")
            if canned.delay:
                time.sleep(canned.delay)
            if isinstance(canned.body, list):
                body = canned.body[min(len(canned.requests), len(canned.body)) - 1]
            else:
                body = canned.body
            self.send_response(canned.status)
            self.send_header("Content-Type", canned.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(ConnectionError):  # the client gave up waiting
                self.wfile.write(body)

        do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = _answer  # noqa: N815

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: the test says what matters

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextlib.contextmanager
def xandikos_server(folder: Path) -> Iterator[Server]:
    """Xandikos on 127.0.0.1, storing in `folder`, until the block ends: its WSGI app
    behind the well-known redirect and a Basic authentication check (Xandikos leaves
    authentication to the web server in front of it)."""
    from xandikos.web import SingleUserFilesystemBackend, XandikosApp
    from xandikos.wsgi_helpers import WellknownRedirector

    principal = f"/{USER}/"
    backend = SingleUserFilesystemBackend(str(folder / "xandikos"))
    (folder / "xandikos").mkdir()
    backend.create_principal(principal)
    app = WellknownRedirector(
        _basic_auth(XandikosApp(backend, current_user_principal=principal)), "/"
    )
    server = wsgiref.simple_server.make_server(
        "127.0.0.1", 0, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(
            f"http://127.0.0.1:{server.server_address[1]}",
            home=f"{principal}contacts/",
            whole_collection_put=False,
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):
    daemon_threads = True


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _basic_auth(app: Any) -> Any:
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def checked(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_AUTHORIZATION") != expected:
            start_response(
                "401 Unauthorized",
                [("WWW-Authenticate", 'Basic realm="test"'), ("Content-Length", "0")],
            )
            return [b""]
        environ["REMOTE_USER"] = USER
        # wsgiref hands the socket itself as the body, which Xandikos reads to its end:
        # give it the request's body alone, as a real WSGI server does.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
        return app(environ, start_response)

    return checked
