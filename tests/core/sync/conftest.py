"""Fixtures of the sync tests: a Radicale server per test, and a keyring in memory so
no test touches the user's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from tests.sync_servers import Server, radicale_server, xandikos_server


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Server]:
    with radicale_server(tmp_path) as server:
        yield server


@pytest.fixture(params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """Each real server in turn."""
    start = radicale_server if request.param == "radicale" else xandikos_server
    with start(tmp_path) as running:
        yield running


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in a dict."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring for the test; afterwards none at all (the real one is never even
    looked for)."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(fail.Keyring())
