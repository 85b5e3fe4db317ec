"""End to end: two Relate databases and a phone (plain CardDAV calls) stay in step
through one Radicale server, each Relate driven through its command line as a user
runs it, in a process of its own."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.sync_servers import Server

pytestmark = pytest.mark.slow

CY = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:cy\r\nN:Cole;Cy;;;\r\nFN:Cy Cole\r\n"
    "EMAIL:cy@example.org\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAA\r\n"
    "X-PHONE-APP:ringtone=bells\r\nEND:VCARD\r\n"
)


class Relate:
    """One Relate database, run as the `relate` command."""

    def __init__(self, path: Path, server: Server) -> None:
        self.path = path
        self.env = {
            **os.environ,
            "RELATE_SYNC_PASSWORD": server.password,
            # No keyring in these processes: the password comes from the environment.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }

    def __call__(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "relate", "--db", str(self.path), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def people(self, archived: bool = False) -> dict[str, dict[str, object]]:
        listed = json.loads(self("list", "--json", *(["--archived"] if archived else [])))
        return {f"{c['first_name']} {c['last_name']}": c for c in listed}


def test_two_databases_and_a_phone_stay_in_step(tmp_path: Path, radicale: Server) -> None:
    url = radicale.make_book()
    phone = httpx.Client(auth=(radicale.user, radicale.password))
    assert phone.put(f"{url}cy.vcf", content=CY.encode()).status_code == 201
    office = Relate(tmp_path / "office.sqlite", radicale)
    laptop = Relate(tmp_path / "laptop.sqlite", radicale)
    office("add", "Ann", "Lee", "--email", "ann@example.org", "--company", "Acme")
    office("add", "Raj", "Patel", "--company", "Initech")
    laptop("add", "Bo", "Chen", "--email", "bo@example.org")
    for relate in (office, laptop):
        said = relate("sync", "add", radicale.url, "--user", radicale.user, "--password-stdin",
                      stdin=radicale.password + "\n")  # fmt: skip
        assert "Connected Contacts" in said
    office("sync")
    laptop("sync")
    office("sync")
    everyone = {"Ann Lee", "Raj Patel", "Bo Chen", "Cy Cole"}
    assert set(office.people()) == set(laptop.people()) == everyone
    listing = phone.request("PROPFIND", url, headers={"Depth": "1"})
    assert listing.text.count(".vcf") == 4

    # The phone changes Ann's company; the laptop Raj's position.
    ann = phone.get(f"{url}{_card_named(phone, url, 'Ann Lee')}").text
    phone.put(f"{url}{_card_named(phone, url, 'Ann Lee')}",
              content=ann.replace("ORG:Acme", "ORG:Globex").encode())  # fmt: skip
    laptop("edit", "Raj Patel", "--position", "CTO")
    for relate in (laptop, office, laptop):
        relate("sync")
    for relate in (office, laptop):
        people = relate.people()
        assert people["Ann Lee"]["company"] == "Globex"
        assert people["Raj Patel"]["position"] == "CTO"
    raj = phone.get(f"{url}{_card_named(phone, url, 'Raj Patel')}").text
    assert "TITLE:CTO" in raj

    # The phone deletes Cy: both Relates archive him, neither deletes him.
    phone.delete(f"{url}cy.vcf")
    for relate in (office, laptop):
        relate("sync")
        assert "Cy Cole" not in relate.people()
        assert "Cy Cole" in relate.people(archived=True)
    assert "in step" in office("sync") and "in step" in laptop("sync")


def _card_named(phone: httpx.Client, url: str, name: str) -> str:
    """The file name of the card with FN `name` (the phone reads them all)."""
    listing = phone.request("PROPFIND", url, headers={"Depth": "1"}).text
    for href in {part.split("<")[0] for part in listing.split("href>")[1:] if ".vcf" in part}:
        card_name = href.rsplit("/", 1)[-1]
        if f"FN:{name}" in phone.get(f"{url}{card_name}").text:
            return card_name
    raise AssertionError(f"no card for {name}")


def test_a_sync_killed_midway_resumes_without_doubling_or_losing_anyone(
    tmp_path: Path, radicale: Server
) -> None:
    url = radicale.make_book()
    relate = Relate(tmp_path / "r.sqlite", radicale)
    people = "\n".join(f"First{n},Last{n},p{n}@example.org" for n in range(300))
    (tmp_path / "people.csv").write_text(f"First Name,Last Name,E-mail Address\n{people}\n")
    relate("import", "csv", str(tmp_path / "people.csv"), "--no-backup")
    relate("sync", "add", radicale.url, "--user", radicale.user, "--password-stdin",
           stdin=radicale.password + "\n")  # fmt: skip
    phone = httpx.Client(auth=(radicale.user, radicale.password))

    def on_server() -> int:
        return phone.request("PROPFIND", url, headers={"Depth": "1"}).text.count(".vcf<")

    running = subprocess.Popen(
        [sys.executable, "-m", "relate", "--db", str(relate.path), "sync"],
        env=relate.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while on_server() < 30 and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.02)
    running.send_signal(signal.SIGKILL)
    running.wait()
    assert 0 < on_server() < 300, "the sync was to be stopped midway"

    said = relate("sync")
    assert on_server() == 300  # each contact once: none doubled, none lost
    assert "in step" in relate("sync"), said
    assert len(relate.people()) == 300
