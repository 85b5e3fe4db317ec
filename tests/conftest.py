"""Shared test set-up: offscreen Qt, and a fresh database file per test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need (or have) a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Bugs caught during tests are logged, never into the user's own log folder.
os.environ["RELATE_LOG_DIR"] = tempfile.mkdtemp(prefix="relate-test-logs-")
# Nor into the user's settings (Qt's and the chosen database location).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="relate-test-config-")


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """An open, migrated, empty database in a temporary file."""
    from relate.store.db import close_database, open_database

    path = tmp_path / "relate.sqlite"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database the command line made (with one contact), for tests that run it; the
    command line leaves its database open, so it is closed after the test."""
    from relate.cli import main
    from relate.store.db import close_database

    monkeypatch.delenv("RELATE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    path = tmp_path / "relate.sqlite"
    assert main(["--db", str(path), "add", "Ada", "Lovelace"]) == 0
    yield path
    close_database()


@pytest.fixture
def no_notification_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop whose session bus (and so notification service) cannot be reached."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")


class NotificationService:
    """A stand-in notification service on a private D-Bus session bus
    (tests/notification_service.py): what it was sent, and a user's clicks."""

    def __init__(self, log: Path, process: subprocess.Popen[str]) -> None:
        self.log, self.process = log, process

    def sent(self) -> list[dict]:
        """Each notification sent: id, app, summary, body, actions (key, label, …)."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def click(self, notification_id: int, action_key: str = "default") -> None:
        """The user clicks a notification's body ("default") or one of its buttons."""
        self._do(f"action {notification_id} {action_key}")

    def dismiss(self, notification_id: int) -> None:
        self._do(f"closed {notification_id} 2")

    def _do(self, command: str) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "done"


@pytest.fixture
def notification_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[NotificationService]:
    """A private D-Bus session bus with a stand-in notification service on it."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (apt-get install dbus)")
    with subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as bus:
        try:
            assert bus.stdout is not None
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.stdout.readline().strip())
            log = tmp_path / "notifications.jsonl"
            script = Path(__file__).parent / "notification_service.py"
            with subprocess.Popen(
                [sys.executable, str(script), str(log)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            ) as service:
                try:
                    assert service.stdout is not None
                    assert service.stdout.readline().strip() == "ready"
                    yield NotificationService(log, service)
                finally:
                    service.kill()
        finally:
            bus.kill()
