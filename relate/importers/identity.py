"""Who is who in an import: the one rule that tells whether two records (two rows of a
file, or a row and a contact already in the database) are the same person.

Name prefixes and suffixes live in the name itself, as a reader writes them: the prefix
before the first name ("Dr. Ana"), the suffix after the last name and a comma
("Lima, Jr."), which is where the contact card shows them and where exports give them
back. `with_titles` puts them there and `split_titles` reads them out again.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Collection

from relate.validation import fold_words

# Honorifics recognised before a first name (folded, without their dot). Another word
# before a first name stays part of it: "Capt. Ana" is compared whole.
_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame lady lord rev fr hon mme mlle herr frau sra srta".split()
)
# Suffixes that say which of a family someone is. Other suffixes are credentials
# ("PhD", "PMP"), which people add and drop, and never tell two people apart.
_GENERATIONS = frozenset("jr junior sr senior ii iii iv v vi 2nd 3rd 4th".split())
_NONE: frozenset[str] = frozenset()
_NOT_DIGITS = re.compile(r"\D+")
NAME_KEY = "name:"  # how a record's name key begins (the last of its keys)


def phone_key(number: str) -> str:
    """What makes two ways of writing a phone number the same number: its last ten
    digits, so "+1 216 555 0100" is "(216) 555-0100" and "+44 20 7946 0958" is
    "020 7946 0958"."""
    return _NOT_DIGITS.sub("", number)[-10:]


def with_titles(prefix: str, first: str, last: str, suffix: str) -> tuple[str, str]:
    """First and last name with a prefix and suffix put where a reader expects them:
    ("Dr.", "Ana", "Lima", "Jr.") gives ("Dr. Ana", "Lima, Jr.")."""
    prefix, first, last, suffix = (part.strip() for part in (prefix, first, last, suffix))
    first = f"{prefix} {first}".strip() if prefix else first
    if suffix:
        if last:
            last = f"{last}, {suffix}"
        else:
            first = f"{first}, {suffix}" if first else suffix
    return first, last


def split_titles(first: str, last: str) -> tuple[str, str, str, str]:
    """(prefix, first, last, suffix) of a name as `with_titles` writes it: a recognised
    honorific before the first name (only when a name follows it), and what
    follows the first comma of the last name (of the first name, when there is no
    last name)."""
    prefix = ""
    if first[:1].isalpha() and _honorific(first.split(None, 1)[0]):
        words = first.split()
        # "Dr." alone is a first name, unless a last name follows: "Dr. Lima".
        named = len(words) if last.strip() else len(words) - 1
        taken = 0
        while taken < named and _honorific(words[taken]):
            taken += 1
        prefix, first = " ".join(words[:taken]), " ".join(words[taken:])
    if not last.strip():
        first, _, suffix = first.partition(",")  # "Ana, Jr.": no last name to follow
        return prefix, first.strip(), "", suffix.strip()
    last, _, suffix = last.partition(",")
    return prefix, first, last.strip(), suffix.strip()


def _honorific(word: str) -> bool:
    return word.casefold().rstrip(".") in _HONORIFICS


@dataclasses.dataclass(slots=True)  # not frozen: made for every row, and never changed
class Identity:
    """What a record says about who it is, folded for comparing (made by
    `identity_of`)."""

    name: str | None  # "first|last", None for a record without a name
    prefix: str
    generation: frozenset[str]  # the suffix's generational words ("jr", "iii")
    company: str
    linkedin_url: str | None
    # Tuples, not sets: most records have one or none, and a file has tens of thousands.
    emails: tuple[str, ...]  # casefolded, each once
    phones: tuple[str, ...]  # phone_key()s
    keys: tuple[str, ...]  # every key another record of the person could share


def identity_of(
    first: str,
    last: str,
    company: str = "",
    linkedin_url: str | None = None,
    emails: Collection[str] = (),
    phones: Collection[str] = (),
) -> Identity:
    """The identity of a record: its name split into prefix, name and suffix, and its
    company, profile, e-mail addresses and phone numbers. A name that is one of the
    record's own e-mail addresses (how a person known only by address is named) counts
    as no name."""
    addresses = _addresses(emails)
    name, prefix, generation = _folded_name(*_own_name(first, last, addresses))
    return Identity(
        name,
        prefix,
        generation,
        _fold(company) if company else "",
        linkedin_url or None,
        addresses,
        tuple(key for number in phones if (key := phone_key(number))) if phones else (),
        _keys(linkedin_url, addresses, name),
    )


def record_keys(
    first: str,
    last: str,
    linkedin_url: str | None = None,
    emails: Collection[str] = (),
    *,
    with_name: bool = True,
) -> tuple[str, ...]:
    """`identity_of(...).keys` without the rest of the identity: what a record shares
    with another that may be the same person (a record sharing none is nobody else).
    `with_name=False` leaves the name's key out (and the cost of folding it)."""
    addresses = _addresses(emails)
    name = _folded_name(*_own_name(first, last, addresses))[0] if with_name else None
    return _keys(linkedin_url, addresses, name)


def _addresses(emails: Collection[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(map(str.casefold, emails))) if emails else ()


def _own_name(first: str, last: str, addresses: tuple[str, ...]) -> tuple[str, str]:
    if addresses and not last and first.strip().casefold() in addresses:
        return "", last  # named by their address: no name of their own
    return first, last


def _keys(
    linkedin_url: str | None, addresses: tuple[str, ...], name: str | None
) -> tuple[str, ...]:
    keys = [f"url:{linkedin_url}"] if linkedin_url else []
    if addresses:
        keys.extend(f"email:{address}" for address in addresses)
    if name is not None:
        keys.append(NAME_KEY + name)
    return tuple(keys)


# Names and companies repeat across a file and the database: each is folded once.
@functools.lru_cache(maxsize=1 << 16)
def _folded_name(first: str, last: str) -> tuple[str | None, str, frozenset[str]]:
    prefix, first, last, suffix = split_titles(first, last)
    first, last = fold_words(first), fold_words(last)
    name = f"{first}|{last}" if first or last else None
    generation = frozenset(fold_words(suffix).split()) & _GENERATIONS if suffix else _NONE
    return name, fold_words(prefix) if prefix else "", generation


@functools.lru_cache(maxsize=1 << 14)
def _fold(text: str) -> str:
    return fold_words(text)


def same_person(a: Identity, b: Identity) -> bool:
    """Whether two records are one person: the rule for rows of one file and for a row
    and a contact alike.

    The same LinkedIn profile is the same person, whatever else differs: one profile is
    one member, whose name and job change over time (and a profile is on one contact).
    Otherwise two records are one person when something says so, a shared e-mail address
    or the same full name (first and last name, prefix and suffix aside), and nothing
    contradicts it. A contradiction is a value both records have and that differs:
    two profiles; e-mail addresses with none in common; phone numbers with none in
    common; two prefixes (Mr. and Mrs., Dr. and Mr.); two companies. A generational
    suffix (Jr., Sr., III) must be the same on both, so "John Smith" and "John Smith
    Jr." are two people; credentials (PhD, PMP) never contradict. A value only one
    record has is no contradiction: "Dr. Ana Lima" is "Ana Lima", and a row without a
    phone is the row beside it that has one. Different first names do not contradict
    a shared address ("W. Chen" and "Wei Chen").
    """
    if a.linkedin_url and a.linkedin_url == b.linkedin_url:
        return True
    evidence = _share(a.emails, b.emails) or (a.name is not None and a.name == b.name)
    return evidence and not contradicts(a, b)


def contradicts(a: Identity, b: Identity) -> bool:
    """Whether two records hold a value that says they are two people (see
    `same_person`)."""
    return (
        _both_differ(a.linkedin_url, b.linkedin_url)
        or _both_disjoint(a.emails, b.emails)
        or _both_disjoint(a.phones, b.phones)
        or _both_differ(a.prefix, b.prefix)
        or _both_differ(a.company, b.company)
        or a.generation != b.generation
    )


def _both_differ(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and a != b


def _share(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(value in b for value in a)


def _both_disjoint(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and not _share(a, b)
