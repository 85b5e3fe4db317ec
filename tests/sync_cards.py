"""An address book as phones fill it, and a Relate database that knows some of its
people, for the sync tests and `bench/sync_speed.py`.

The people are `relate.demo.sample`'s (mixed scripts, accents, firms and positions),
each full name once, so that only an e-mail address can match a card with a contact.
A card holds what iPhones and Android phones write: one to three e-mail addresses,
phones typed or labelled with Apple's item groups (built-in and custom labels), ORG,
TITLE, often a birthday or an address, a photo of about 10 KB on one in five, and the
phone's own X- properties, which Relate never reads and must send back unchanged.
"""

from __future__ import annotations

import base64
import dataclasses
import random
import unicodedata
from collections.abc import Sequence

from relate import demo
from relate.demo import sample
from relate.store import bulk

PHOTO_BYTES = 10 * 1024
_LABELS = ("_$!<Mobile>!$_", "_$!<Home>!$_", "_$!<Work>!$_", "Boat phone", "Office (Paris)")
_TYPES = ("CELL", "WORK", "HOME", "IPHONE", "MAIN")
_MAIL_HOSTS = ("gmail.com", "icloud.com", "outlook.com", "proton.me", "web.de")


@dataclasses.dataclass(frozen=True, slots=True)
class PhoneCard:
    """One card of the phone's book: its UID, e-mail addresses and text."""

    uid: str
    emails: tuple[str, ...]
    vcard: str


@dataclasses.dataclass(frozen=True, slots=True)
class Shared:
    """The phone's book and the contacts here: `cards` on the server, `known` of them
    (the first ones) here already under one of their addresses, and `local_only`
    people only here, which a first sync sends."""

    cards: list[PhoneCard]
    known: list[bulk.NewContact]
    local_only: list[bulk.NewContact]


def shared_people(cards: int, known: int, local_only: int, seed: int = 42) -> Shared:
    """`cards` phone cards, the first `known` of them also here, and `local_only`
    contacts only here; the same for the same arguments."""
    people = _distinct_people(cards + local_only, seed)
    rng = random.Random(f"relate.sync_cards:{seed}")
    phone = [_card(n, person, rng) for n, person in enumerate(people[:cards])]
    here = [
        dataclasses.replace(demo.as_new_contact(person), emails=(card.emails[0],))
        for person, card in zip(people[:known], phone, strict=False)
    ]
    only = [demo.as_new_contact(person) for person in people[cards:]]
    return Shared(phone, here, only)


def _distinct_people(n: int, seed: int) -> list[sample.SamplePerson]:
    """`n` sample people, each full name once (a longer run of the sample, repeats out)."""
    people: dict[str, sample.SamplePerson] = {}
    size = n
    while len(people) < n:
        size *= 2
        people.clear()
        for person in sample.generate_people(size, seed):
            people.setdefault(f"{person.first_name} {person.last_name}".casefold(), person)
            if len(people) == n:
                break
    return list(people.values())


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum()) or "contact"


def _card(n: int, person: sample.SamplePerson, rng: random.Random) -> PhoneCard:
    first, last = _ascii(person.first_name), _ascii(person.last_name)
    emails = [person.email or f"{first}.{last}.{n}@{rng.choice(_MAIL_HOSTS)}"]
    emails += [f"{first}{n}@{host}" for host in rng.sample(_MAIL_HOSTS, rng.randint(0, 2))]
    uid = f"{n:08X}-{rng.getrandbits(64):016X}"
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.4//EN" if n % 2 else "PRODID:-//dmfs.org//Android",
        f"UID:{uid}",
        f"N:{_escaped(person.last_name)};{_escaped(person.first_name)};;;",
        f"FN:{_escaped(person.first_name)} {_escaped(person.last_name)}",
        f"ORG:{_escaped(person.company)};",
        f"TITLE:{_escaped(person.position)}",
    ]
    kinds = ("WORK", "HOME", "OTHER")
    lines += [
        f"EMAIL;TYPE=INTERNET;TYPE={kinds[i]}{';TYPE=pref' if i == 0 else ''}:{address}"
        for i, address in enumerate(emails)
    ]
    for i in range(rng.randint(1, 3)):
        number = f"+{rng.choice((44, 33, 49, 1))} {7000 + i} {n:06d}"
        if rng.random() < 0.5:
            lines += [f"item{i + 1}.TEL;TYPE=VOICE:{number}", f"item{i + 1}.X-ABLabel:"]
            lines[-1] += rng.choice(_LABELS)
        else:
            lines.append(f"TEL;TYPE={rng.choice(_TYPES)};TYPE=VOICE:{number}")
    if rng.random() < 0.3:
        lines.append(f"BDAY:{rng.randint(1950, 2002)}-{rng.randint(1, 12):02d}-14")
    if rng.random() < 0.3:
        lines.append(f"ADR;TYPE=WORK:;;{n} High Street;{_escaped(person.location)};;;")
    if n % 5 == 0:
        photo = base64.b64encode(rng.randbytes(PHOTO_BYTES)).decode()
        lines += _folded(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}")
    lines += [
        f"X-ABUID:{uid}:ABPerson",
        f"X-PHONE-RINGTONE;X-SOURCE=system:tone{n % 7}",
        f"REV:2024-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00Z",
        "END:VCARD",
    ]
    return PhoneCard(uid, tuple(emails), "".join(f"{line}\r\n" for line in lines))


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _folded(line: str, width: int = 75) -> Sequence[str]:
    return [line[:width]] + [" " + line[i : i + width - 1] for i in range(width, len(line), 74)]
