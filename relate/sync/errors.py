"""What can go wrong talking to a CardDAV server, each said as a sentence for the user."""

from __future__ import annotations


class SyncError(Exception):
    """The server could not be reached or did not answer as a CardDAV server does; the
    message is a plain sentence for the user and never holds the password."""


class WrongPasswordError(SyncError):
    """The server refused the user name or password (401)."""


class ChangedOnServerError(SyncError):
    """A write was refused (412 Precondition Failed) because the card changed on the
    server since it was read, or a new card's name is taken: read it again and merge."""

    def __init__(self, href: str) -> None:
        super().__init__(f"{href} changed on the server since it was read.")
        self.href = href


class ResponseTooLargeError(SyncError):
    """An answer larger than the client accepts (see `transport.MAX_RESPONSE_BYTES`)."""
