"""Who an exchange was with: the people of a file matched to contacts, and the user
told apart from them.

Matching goes by e-mail address (every address a contact has, case-insensitively), then
by LinkedIn profile, then by full name when exactly one contact has it (marked so: a
name alone can be someone else). The user's own addresses, profiles and names never
match a contact.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from relate.history.exchanges import Party
from relate.store.db import execute
from relate.validation import ValidationError, fold_words, normalise_linkedin_url


class PlannedPerson(Protocol):
    """Someone an import is about to add (an `importers.plan.Incoming`, cleaned)."""

    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def linkedin_url(self) -> str | None: ...
    @property
    def emails(self) -> tuple[str, ...]: ...


# The same few thousand profiles and names recur in every message of a file.
@functools.lru_cache(maxsize=1 << 16)
def profile_key(url: str) -> str:
    """A LinkedIn profile URL as every other one of the same profile ("" if not one)."""
    try:
        return normalise_linkedin_url(url) or ""
    except ValidationError:
        return ""


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A full name folded for matching: case, accents and spacing aside."""
    return fold_words(name)


@dataclasses.dataclass(slots=True)
class Me:
    """The user, as files name them: addresses, profiles, names (all as keys)."""

    emails: set[str] = dataclasses.field(default_factory=set)
    profiles: set[str] = dataclasses.field(default_factory=set)
    names: set[str] = dataclasses.field(default_factory=set)

    def is_me(self, party: Party) -> bool:
        """Whether the user is this party (by address, else profile, else name)."""
        if party.email:
            return party.email.lower() in self.emails
        if party.profile_url and profile_key(party.profile_url) in self.profiles:
            return True
        return bool(party.name) and name_key(party.name) in self.names

    def __bool__(self) -> bool:
        return bool(self.emails or self.profiles or self.names)


def identity(party: Party) -> tuple[str, str]:
    """Who a party is, as one key: ("email", address), else ("profile", its key), else
    ("name", the name as written)."""
    if party.email:
        return "email", party.email.lower()
    if party.profile_url:
        return "profile", profile_key(party.profile_url)
    return "name", party.name.strip()


def most_frequent(identities: Iterable[tuple[str, str]], threads: int) -> tuple[str, str] | None:
    """The one `identity` found in most of the threads (each counted once per thread),
    when in more than half: in a person's own archive, that person.

    `identities`: each thread's distinct identities, one after another."""
    counted = Counter(identities)
    if not counted or threads == 0:
        return None
    ((who, seen),) = counted.most_common(1)
    return who if seen * 2 > threads and who[1] else None


class Contacts:
    """The contacts by e-mail address, profile and full name, read once; with `planned`,
    also the people an import is about to add (the connections of the same archive),
    each under a stand-in id, -1 for the first, that `writing` turns into theirs."""

    def __init__(self, planned: Sequence[PlannedPerson] = ()) -> None:
        self.by_email: dict[str, int] = {}
        for contact_id, address in execute(
            "SELECT contact_id, lower(address) FROM contact_email ORDER BY contact_id, rank"
        ):
            self.by_email.setdefault(address, contact_id)
        self.by_profile: dict[str, int] = dict(
            execute("SELECT linkedin_url, id FROM contact WHERE linkedin_url IS NOT NULL")
        )
        self.names: dict[int, str] = {}
        for contact_id, first, last in execute("SELECT id, first_name, last_name FROM contact"):
            self.names[contact_id] = f"{first} {last}".strip()
        for n, person in enumerate(planned, start=1):
            self.names[-n] = f"{person.first_name} {person.last_name}".strip()
            if person.linkedin_url:
                self.by_profile.setdefault(person.linkedin_url, -n)
            for address in person.emails:
                self.by_email.setdefault(address.lower(), -n)

    @functools.cached_property
    def by_name(self) -> dict[str, int]:
        """The contacts by full name (folded), made when first asked: a file whose people
        all have addresses never asks, and folding 100,000 names takes half a second."""
        named: dict[str, list[int]] = {}
        for contact_id, full in self.names.items():
            named.setdefault(name_key(full), []).append(contact_id)
        # A name matches only when one contact has it: two Jane Smiths are not guessed.
        return {key: ids[0] for key, ids in named.items() if len(ids) == 1 and key}

    def find(self, party: Party) -> tuple[int | None, bool]:
        """The contact this party is, and whether only their name said so."""
        if party.email:
            found = self.by_email.get(party.email.lower())
            if found is not None:
                return found, False
        if party.profile_url:
            found = self.by_profile.get(profile_key(party.profile_url))
            if found is not None:
                return found, False
        if party.name:
            found = self.by_name.get(name_key(party.name))
            if found is not None:
                return found, True
        return None, False
