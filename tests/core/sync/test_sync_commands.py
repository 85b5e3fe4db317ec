"""`relate sync` as a user types it: connect, look before syncing, sync, read the
status, settle a conflict, change a book's choices, disconnect."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest

from relate.cli import main
from tests.sync_servers import Server

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nORG:{org}\r\n"
    "END:VCARD\r\n"
)


@pytest.fixture
def relate(tmp_path: Path, capsys, monkeypatch):
    db = str(tmp_path / "r.sqlite")

    def run(*args: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        status = main(["--db", db, *args])
        captured = capsys.readouterr()
        return status, captured.out + captured.err

    return run


def test_connect_look_sync_settle_and_disconnect(relate, radicale: Server) -> None:
    url = radicale.make_book()
    http = httpx.Client(auth=(radicale.user, radicale.password))
    assert http.put(f"{url}a.vcf", content=CARD.format(org="Acme").encode()).status_code == 201
    relate("add", "Raj", "Patel")
    status, said = relate("sync", "add", radicale.url, "--user", radicale.user,
                          "--password-stdin", stdin=radicale.password + "\n")  # fmt: skip
    assert status == 0 and "Connected Contacts" in said

    assert relate("sync", "--dry-run") == (
        0, "Contacts: would be 1 new here, 1 to add to the server.\n"
    )  # fmt: skip
    status, said = relate("sync")
    assert status == 0
    assert said.startswith("Contacts: 1 new here, 1 added to the server. (import ")

    http.put(f"{url}a.vcf", content=CARD.format(org="Globex").encode())
    relate("edit", "Ann Lee", "--company", "Initech")
    status, said = relate("sync")
    assert "1 conflict to resolve" in said and "relate sync conflicts" in said
    status, said = relate("sync", "conflicts")
    assert "Ann Lee, Company (Contacts): here 'Initech', on the server 'Globex'" in said
    conflict = said.split()[0]
    assert relate("sync", "resolve", conflict, "--take-theirs")[1] == (
        "Ann Lee: Company is 'Globex'.\n"
    )  # fmt: skip

    status, said = relate("sync", "status")
    assert "2 contacts linked to 2 cards; conflicts waiting: 0" in said
    status, said = relate("sync", "set", "Contacts", "--carry", "tags,stage", "--send", "none")
    assert "carries: stage, tags; sends: none" in said
    status, said = relate("sync", "remove", "Contacts")
    assert status == 0 and "the server is unchanged" in said
    assert "No address book is connected" in relate("sync", "status")[1]


def test_a_wrong_password_or_an_unsafe_address_is_refused_in_a_sentence(
    relate, radicale: Server
) -> None:
    radicale.make_book()
    status, said = relate("sync", "add", radicale.url, "--user", radicale.user,
                          "--password-stdin", stdin="wrong\n")  # fmt: skip
    assert status == 1 and "password" in said.lower() and "Traceback" not in said
    status, said = relate("sync", "add", "http://contacts.example.com/", "--user", "ann",
                          "--password-stdin", stdin="secret\n")  # fmt: skip
    assert status == 1 and "https" in said
    assert "No address book is connected" in relate("sync", "status")[1]
