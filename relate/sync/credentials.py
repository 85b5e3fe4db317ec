"""The sync password, kept in the system's keyring (Secret Service, macOS Keychain,
Windows Credential Locker) through `keyring`, never in a file of Relate's. Where the
system has no keyring (a server, a CI machine), nothing is stored and the password is
asked for at each sync (or read from RELATE_SYNC_PASSWORD)."""

from __future__ import annotations

import logging
import os

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail

_SERVICE = "Relate CardDAV"
ENVIRONMENT_VARIABLE = "RELATE_SYNC_PASSWORD"
_log = logging.getLogger(__name__)


def _key(account_url: str, user: str) -> str:
    """The keyring's name for one account: a user on a server."""
    return f"{user}@{account_url}"


def keyring_available() -> bool:
    """Whether the system has a keyring to keep the password in."""
    backend: keyring.backend.KeyringBackend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring)


def save_password(account_url: str, user: str, password: str) -> bool:
    """Keeps the password in the system's keyring; False (nothing stored) where there
    is none or it refuses."""
    if not keyring_available():
        return False
    try:
        keyring.set_password(_SERVICE, _key(account_url, user), password)
    except keyring.errors.KeyringError as error:
        _log.warning("The keyring did not keep the sync password: %s", type(error).__name__)
        return False
    return True


def password_for(account_url: str, user: str) -> str | None:
    """The password kept for the account, else RELATE_SYNC_PASSWORD, else None (ask)."""
    if keyring_available():
        try:
            kept = keyring.get_password(_SERVICE, _key(account_url, user))
        except keyring.errors.KeyringError as error:
            _log.warning("The keyring could not be read: %s", type(error).__name__)
            kept = None
        if kept is not None:
            return kept
    return os.environ.get(ENVIRONMENT_VARIABLE) or None


def forget_password(account_url: str, user: str) -> None:
    """Removes the account's password from the keyring, if it holds one."""
    if not keyring_available():
        return
    try:
        keyring.delete_password(_SERVICE, _key(account_url, user))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as error:
        _log.warning("The keyring did not forget the sync password: %s", type(error).__name__)
