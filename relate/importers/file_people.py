"""The people of one file: rows that are the same person (by `identity.same_person`)
joined into one row that keeps every phone, e-mail, note and tag of each."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from relate.importers.identity import (
    NAME_KEY,
    Identity,
    contradicts,
    identity_of,
    phone_key,
    record_keys,
    same_person,
    split_titles,
    with_titles,
)
from relate.validation import tag_key

if TYPE_CHECKING:
    from relate.importers.plan import Incoming


def row_identity(row: Incoming) -> Identity:
    """Who a row says it is."""
    return identity_of(
        row.first_name,
        row.last_name,
        row.company,
        row.linkedin_url,
        row.emails,
        [phone.number for phone in row.phones] if row.phones else (),
    )


@dataclasses.dataclass(slots=True, eq=False)  # each is one person, however alike two are
class FilePerson:
    """Rows of one file that are one person: `row` is all of them joined, `members`
    each row's own identity (a later row must agree with every one of them)."""

    rows: list[Incoming]
    # Made when first asked for: most people of a file are one row that nothing else in
    # the file or the database could be.
    _members: list[Identity] | None
    linkedin_url: str | None = None  # a row's profile: a row with another is someone else

    @property
    def members(self) -> list[Identity]:
        if self._members is None:
            self._members = [row_identity(row) for row in self.rows]
        return self._members

    @property
    def line(self) -> int:
        return self.rows[0].line

    @property
    def row(self) -> Incoming:
        return merge_rows(self.rows)

    def takes(self, identity: Identity) -> bool:
        """Whether a row with this identity is this person: the same as one of its rows,
        and contradicting none."""
        return any(same_person(identity, member) for member in self.members) and not any(
            contradicts(identity, member)
            for member in self.members
            if not (identity.linkedin_url and identity.linkedin_url == member.linkedin_url)
        )


def people_of_file(rows: Iterable[Incoming]) -> list[FilePerson]:
    """The file's rows as people, in the order each first appears: a row joins the first
    person before it that `FilePerson.takes` it."""
    rows = list(rows)
    # A row with a profile can only be a row with the same profile or address, or one
    # without a profile of the same name: names need folding only when the file has
    # rows without a profile (a LinkedIn export has none).
    unprofiled_rows = not all(row.linkedin_url for row in rows)
    keys = [
        record_keys(
            row.first_name,
            row.last_name,
            row.linkedin_url,
            row.emails,
            with_name=unprofiled_rows or not row.linkedin_url,
        )
        for row in rows
    ]
    shared = Counter(key for row_keys in keys for key in row_keys)
    # Names of rows without a profile: a row with one is only ever joined by those (two
    # profiles are two people, and a shared profile is a key of its own).
    unprofiled = Counter(
        row_keys[-1]
        for row, row_keys in zip(rows, keys, strict=True)
        if not row.linkedin_url and row_keys and row_keys[-1].startswith(NAME_KEY)
    )
    people: list[FilePerson] = []
    by_key: dict[str, list[FilePerson]] = {}
    for row, row_keys in zip(rows, keys, strict=True):
        if _alone(row_keys, bool(row.linkedin_url), shared, unprofiled):
            people.append(FilePerson([row], None, row.linkedin_url or None))
            continue
        identity = row_identity(row)
        person = _first_taker(identity, by_key)
        if person is None:
            person = FilePerson([row], [identity], identity.linkedin_url)
            people.append(person)
            for key in identity.keys:
                by_key.setdefault(key, []).append(person)
            continue
        person.rows.append(row)
        person.members.append(identity)
        person.linkedin_url = person.linkedin_url or identity.linkedin_url
        for key in identity.keys:
            found = by_key.setdefault(key, [])
            if person not in found:
                found.append(person)
    return people


def _alone(
    keys: tuple[str, ...], profiled: bool, shared: Counter[str], unprofiled: Counter[str]
) -> bool:
    """Whether a row with these keys can be nobody else in the file: no other row shares
    a key with it, or only rows with profiles of their own share its name."""
    for key in keys:
        if profiled and key.startswith(NAME_KEY):
            if unprofiled[key]:
                return False
        elif shared[key] > 1:
            return False
    return True


def _first_taker(identity: Identity, by_key: dict[str, list[FilePerson]]) -> FilePerson | None:
    url = identity.linkedin_url
    for key in identity.keys:
        for person in by_key.get(key, ()):
            # Many people share a name; two profiles are two of them, seen at a glance.
            if url and person.linkedin_url and person.linkedin_url != url:
                continue
            if person.takes(identity):
                return person
    return None


# Fields that hold several values, and what makes two of their values one.
_KEYS: dict[str, Callable[[Any], str]] = {
    "emails": str.casefold,
    "phones": lambda phone: phone_key(phone.number) or phone.number,
    "tags": tag_key,
}
_NAME_FIELDS = ("first_name", "last_name")


def merge_rows(rows: Sequence[Incoming]) -> Incoming:
    """Rows of one person as one: every value of the fields that hold several (e-mails,
    phones, tags), every note, and for each other field the first value given. The name
    is the first row's that has one, with a prefix and suffix from any row; a person
    known only by e-mail address is named by it."""
    first = rows[0]
    if len(rows) == 1 and (first.first_name or first.last_name or not first.emails):
        return first  # most rows: nothing to join
    values: dict[str, Any] = {}
    for field in dataclasses.fields(first):
        name = field.name
        if name in _NAME_FIELDS or name == "line":
            continue
        given = [getattr(row, name) for row in rows]
        if name in _KEYS:
            values[name] = _union(given, _KEYS[name])
        elif name == "story":
            values[name] = "\n\n".join(dict.fromkeys(note for note in given if note))
        else:
            values[name] = next((value for value in given if value not in ("", None)), given[0])
    first_name, last_name = _merged_name(rows)
    if not first_name and not last_name and values["emails"]:
        first_name = values["emails"][0]
    return dataclasses.replace(first, first_name=first_name, last_name=last_name, **values)


def _union(given: Iterable[tuple[Any, ...]], key: Callable[[Any], str]) -> tuple[Any, ...]:
    found: dict[str, Any] = {}
    for values in given:
        for value in values:
            found.setdefault(key(value), value)
    return tuple(found.values())


def _merged_name(rows: Sequence[Incoming]) -> tuple[str, str]:
    parts = [split_titles(row.first_name, row.last_name) for row in rows]
    named = next(((first, last) for _, first, last, _ in parts if first or last), ("", ""))
    prefix = next((prefix for prefix, *_ in parts if prefix), "")
    suffix = next((suffix for *_, suffix in parts if suffix), "")
    return with_titles(prefix, *named, suffix)
