"""The user's own e-mail addresses: which way a mail went, and never a contact's match."""

from __future__ import annotations

from relate.store.db import execute, transaction
from relate.validation import clean_email


def my_addresses() -> tuple[str, ...]:
    """The user's addresses, lower-cased, in the order they were given."""
    return tuple(row[0].lower() for row in execute("SELECT address FROM my_address ORDER BY rowid"))


def add_my_addresses(addresses: list[str], origin: str = "") -> list[str]:
    """Remember these as the user's own (ValidationError for one that is not an address);
    returns those that were new. `origin`: where they came from ("LinkedIn archive")."""
    cleaned = [clean_email(address).lower() for address in addresses]
    known = set(my_addresses())
    added = [address for address in dict.fromkeys(cleaned) if address not in known]
    with transaction():
        for address in added:
            execute("INSERT INTO my_address (address, origin) VALUES (?, ?)", (address, origin))
    return added


def remove_my_address(address: str) -> bool:
    """Forget one of the user's addresses; returns whether it was known."""
    with transaction():
        cursor = execute("DELETE FROM my_address WHERE address = ?", (address.strip(),))
        return cursor.rowcount > 0
