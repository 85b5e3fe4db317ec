"""Shared test set-up: offscreen Qt, and a fresh database file per test."""

from __future__ import annotations

import os
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
    from relate.db import close_database, open_database

    path = tmp_path / "relate.sqlite"
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database the command line made (with one contact), for tests that run it; the
    command line leaves its database open, so it is closed after the test."""
    from relate.cli import main
    from relate.db import close_database

    monkeypatch.delenv("RELATE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    path = tmp_path / "relate.sqlite"
    assert main(["--db", str(path), "add", "Ada", "Lovelace"]) == 0
    yield path
    close_database()
