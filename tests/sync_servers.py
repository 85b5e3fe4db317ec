"""CardDAV servers for the sync tests, run in this process on a free loopback port:
Radicale (as its own test helpers do: `radicale.server.serve` in a thread, stopped
through a socket pair), with a temporary folder and an htpasswd file of plain
passwords (bcrypt or argon2 would need one more package)."""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

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
    """A running server: its base address, and the one user's name and password."""

    url: str
    user: str = USER
    password: str = PASSWORD

    def book_url(self, book: str = BOOK) -> str:
        return f"{self.url}/{self.user}/{book}/"

    def make_book(self, book: str = BOOK, name: str = "Contacts") -> str:
        """Creates an address book (as a phone's first sync would) and returns its address."""
        url = self.book_url(book)
        response = httpx.request(
            "MKCOL",
            url,
            content=_MKCOL_ADDRESS_BOOK.format(name=name).encode(),
            auth=(self.user, self.password),
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
            "storage": {"filesystem_folder": str(folder / "collections")},
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
