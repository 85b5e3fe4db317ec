"""The sync tests' fixtures for the window's tests too: a real Radicale server, and a
keyring in memory (never the user's own)."""

from __future__ import annotations

from tests.core.sync.conftest import memory_keyring, radicale  # noqa: F401
