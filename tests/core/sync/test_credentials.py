"""The sync password lives in the system's keyring, or nowhere when there is none."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from relate.sync.credentials import forget_password, password_for, save_password
from tests.core.sync.conftest import MemoryKeyring

ACCOUNT = "https://dav.example.com/"


def test_a_saved_password_is_found_again_for_its_account_only(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RELATE_SYNC_PASSWORD", raising=False)
    assert save_password(ACCOUNT, "ann", "s3cret")
    assert password_for(ACCOUNT, "ann") == "s3cret"
    assert password_for(ACCOUNT, "bob") is None
    assert password_for("https://other.example.com/", "ann") is None
    assert list(memory_keyring.passwords.values()) == ["s3cret"]
    forget_password(ACCOUNT, "ann")
    forget_password(ACCOUNT, "ann")  # twice: nothing to forget is no error
    assert password_for(ACCOUNT, "ann") is None


def test_without_a_keyring_nothing_is_stored_and_the_environment_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("RELATE_SYNC_PASSWORD", raising=False)
    assert save_password(ACCOUNT, "ann", "s3cret") is False
    assert password_for(ACCOUNT, "ann") is None  # the command asks
    monkeypatch.setenv("RELATE_SYNC_PASSWORD", "from-the-environment")
    assert password_for(ACCOUNT, "ann") == "from-the-environment"
    forget_password(ACCOUNT, "ann")


def test_a_keyring_that_fails_keeps_nothing_and_says_so_without_the_password(
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def locked(*args: object) -> None:
        raise keyring.errors.KeyringLocked("the keyring is locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    monkeypatch.setattr(memory_keyring, "get_password", locked)
    monkeypatch.delenv("RELATE_SYNC_PASSWORD", raising=False)
    assert save_password(ACCOUNT, "ann", "s3cret") is False
    assert password_for(ACCOUNT, "ann") is None
    assert "KeyringLocked" in caplog.text and "s3cret" not in caplog.text
