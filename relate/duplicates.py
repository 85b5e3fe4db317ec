"""Finding contacts that are likely one person entered twice, strongest evidence first.

Contacts are grouped by what would make them one person (an e-mail address, a phone
number, a name at a company) and only members of a group are compared, so the cost
grows with the number of contacts, not with the number of pairs.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from relate.importers.identity import phone_key
from relate.store.db import execute
from relate.validation import fold_person_name, fold_words

# What each kind of evidence counts for; a pair's score is the sum over its reasons.
_EMAIL_WEIGHT = 100
_PHONE_WEIGHT = 80
_NAME_AT_COMPANY_WEIGHT = 50
_SAME_NAME_WEIGHT = 20

# An address or number on more contacts than this is a team inbox or a switchboard,
# not one person entered many times; a bigger name group is a common name, not typos.
_MAX_SHARED = 5
_MAX_NAME_GROUP = 50
# Fewer digits than this cannot tell two numbers apart (extensions, short codes).
_MIN_PHONE_DIGITS = 7
# Shorter names are too close to each other for one typo to mean "the same name".
_MIN_TYPO_LENGTH = 6

# Forms of one first name; a name may have several (Chris: Christopher or Christine).
_NICKNAMES: tuple[tuple[str, ...], ...] = (
    ("robert", "rob", "bob", "bobby", "robbie", "bert"),
    ("william", "will", "bill", "billy", "liam"),
    ("elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "elisabeth"),
    ("james", "jim", "jimmy", "jamie"),
    ("michael", "mike", "mick", "mikey"),
    ("katherine", "catherine", "kathryn", "kate", "katie", "kathy", "cathy", "kat"),
    ("thomas", "tom", "tommy"),
    ("david", "dave", "davey"),
    ("christopher", "chris", "kit"),
    ("christine", "christina", "chris", "chrissy", "tina"),
    ("alexander", "alex", "sandy", "xander"),
    ("alexandra", "alex", "alexa", "sandra", "sandy"),
    ("daniel", "dan", "danny"),
    ("joseph", "joe", "joey"),
    ("samuel", "sam", "sammy"),
    ("samantha", "sam", "sammy"),
    ("benjamin", "ben", "benny"),
    ("matthew", "matt", "matty"),
    ("nicholas", "nick", "nicky", "nico"),
    ("anthony", "tony"),
    ("stephen", "steven", "steve", "stevie"),
    ("john", "jon", "jonathan", "johnny", "jack", "jonny"),
    ("andrew", "andy", "drew"),
    ("richard", "rick", "ricky", "rich", "dick"),
    ("edward", "ed", "eddie", "ted", "ned"),
    ("patrick", "pat", "paddy"),
    ("patricia", "pat", "patty", "trish"),
    ("margaret", "maggie", "meg", "peggy", "marge"),
    ("jennifer", "jen", "jenny"),
    ("susan", "sue", "suzanne", "susie"),
    ("deborah", "debra", "deb", "debbie"),
    ("gregory", "greg"),
    ("jeffrey", "geoffrey", "jeff", "geoff"),
    ("timothy", "tim", "timmy"),
    ("ronald", "ron", "ronnie"),
    ("donald", "don", "donnie"),
    ("lawrence", "laurence", "larry"),
    ("gerald", "gerry", "jerry"),
    ("kenneth", "ken", "kenny"),
    ("charles", "charlie", "chuck", "chas"),
    ("henry", "hank", "harry"),
    ("frederick", "fred", "freddie"),
    ("philip", "phillip", "phil"),
    ("joshua", "josh"),
    ("nathan", "nathaniel", "nate"),
    ("zachary", "zach", "zack"),
    ("rebecca", "becky", "becca"),
    ("victoria", "vicky", "tori"),
    ("jessica", "jess", "jessie"),
    ("amanda", "mandy"),
    ("abigail", "abby", "abbie"),
    ("cynthia", "cindy"),
    ("vincent", "vince", "vinny"),
    ("walter", "walt"),
    ("francis", "frank", "frankie"),
)
_NAME_FORMS: dict[str, frozenset[int]] = {
    name: frozenset(n for n, forms in enumerate(_NICKNAMES) if name in forms)
    for name in {name for forms in _NICKNAMES for name in forms}
}


@dataclasses.dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two contacts that look like one person (first_id < second_id), with why."""

    first_id: int
    second_id: int
    reasons: tuple[str, ...]
    score: int


class _Person(NamedTuple):  # a tuple: made for every contact, so it must be cheap
    id: int
    first: str  # folded
    last: str  # folded
    full: str  # folded first and last
    company: str  # folded
    company_text: str  # as the user wrote it, for the reason
    linkedin_url: str | None


def _same_first_name(a: str, b: str) -> bool:
    """One form of a first name: equal, an initial or a shortening, or a nickname."""
    if a.startswith(b) or b.startswith(a):
        return True
    first_a, first_b = a.split(" ", 1)[0], b.split(" ", 1)[0]
    return bool(_NAME_FORMS.get(first_a, frozenset()) & _NAME_FORMS.get(first_b, frozenset()))


def _one_typo_apart(a: str, b: str) -> bool:
    """Whether one letter added, dropped, changed, or two neighbours swapped turn a into b."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = a[i : i + 2] == b[i + 1 : i + 2] + b[i : i + 1]
    return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])


def _similar_names(a: _Person, b: _Person) -> bool:
    if a.full == b.full:
        return True
    if a.last and a.last == b.last and a.first and b.first and _same_first_name(a.first, b.first):
        return True
    return min(len(a.full), len(b.full)) >= _MIN_TYPO_LENGTH and _one_typo_apart(a.full, b.full)


def _two_profiles(a: _Person, b: _Person) -> bool:
    """Two LinkedIn profiles (URLs are unique, so two differ) are two people, however
    alike their names."""
    return a.linkedin_url is not None and b.linkedin_url is not None


def _pairs(groups: Iterable[list[int]], limit: int) -> Iterable[tuple[int, int]]:
    for group in groups:
        members = sorted(set(group))  # one contact may hold a number twice
        if 2 <= len(members) <= limit:
            yield from itertools.combinations(members, 2)


def _people() -> dict[int, _Person]:
    people = {}
    rows = execute(
        "SELECT id, first_name, last_name, company, linkedin_url FROM contact WHERE archived = 0"
    )
    for contact_id, first_name, last_name, company, url in rows:
        first, last = fold_person_name(first_name, last_name)
        full = f"{first} {last}".strip()
        people[contact_id] = _Person(
            contact_id, first, last, full, fold_words(company), company, url
        )
    return people


def _shared_values(sql: str, key: Callable[[str], str]) -> dict[str, list[tuple[int, str]]]:
    """(contact, value as written) grouped by key, for unarchived contacts only."""
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for contact_id, value in execute(sql):
        groups[key(value)].append((contact_id, value))
    return groups


def find_duplicates(limit: int | None = None) -> list[DuplicatePair]:
    """Pairs of unarchived contacts that are likely one person, strongest first: the
    same e-mail address, the same phone number, similar names at the same company, or
    (weakest) the same name where one of them has no company."""
    people = _people()
    reasons: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)

    emails = _shared_values(
        "SELECT e.contact_id, e.address FROM contact_email e"
        " JOIN contact c ON c.id = e.contact_id WHERE c.archived = 0",
        str.casefold,
    )
    for address, rows in emails.items():
        for pair in _pairs([[cid for cid, _ in rows]], _MAX_SHARED):
            reasons[pair][f"same e-mail {address}"] = _EMAIL_WEIGHT
    phones = _shared_values(
        "SELECT p.contact_id, p.number FROM contact_phone p"
        " JOIN contact c ON c.id = p.contact_id WHERE c.archived = 0",
        phone_key,
    )
    for digits, rows in phones.items():
        if len(digits) >= _MIN_PHONE_DIGITS:
            for pair in _pairs([[cid for cid, _ in rows]], _MAX_SHARED):
                reasons[pair][f"same phone {rows[0][1]}"] = _PHONE_WEIGHT

    # A typo can be in either name, so people at a firm meet by last and by first name.
    at_company: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for person in people.values():
        if person.company:
            at_company[(person.company, "last", person.last)].append(person.id)
            at_company[(person.company, "first", person.first)].append(person.id)
        if person.full:
            by_name[person.full].append(person.id)
    for a, b in _pairs(at_company.values(), _MAX_NAME_GROUP):
        first, second = people[a], people[b]
        if not _two_profiles(first, second) and _similar_names(first, second):
            reasons[(a, b)][f"similar names at {first.company_text}"] = _NAME_AT_COMPANY_WEIGHT
    for a, b in _pairs(by_name.values(), _MAX_NAME_GROUP):
        first, second = people[a], people[b]
        if (not first.company or not second.company) and not _two_profiles(first, second):
            reasons[(a, b)]["same name"] = _SAME_NAME_WEIGHT

    pairs = [
        DuplicatePair(
            a,
            b,
            tuple(sorted(found, key=lambda reason: (-found[reason], reason))),
            sum(found.values()),
        )
        for (a, b), found in reasons.items()
    ]
    pairs.sort(key=lambda pair: (-pair.score, pair.first_id, pair.second_id))
    return pairs if limit is None else pairs[:limit]
