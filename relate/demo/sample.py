"""Deterministic generator of a realistic professional network for the demo and the benchmark."""

import functools
import random
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from relate.collector import collector_paused
from relate.resources import resource_path

REFERENCE_DATE: date = date(2026, 11, 1)
STAGES: tuple[str, ...] = ("connection", "conversation", "1-2-1", "relationship", "advocate")

_T = TypeVar("_T")
_Rnd = Callable[[], float]

_CONNECTED_SPAN_DAYS = 8 * 365 + 2  # eight years back from the reference date
_INTERACTION_SPAN_DAYS = 2 * 365  # interactions happen in the two years before it


@dataclass(frozen=True, slots=True)
class SamplePerson:
    """One generated contact, shaped like a LinkedIn connection plus what the user recorded."""

    first_name: str
    last_name: str
    company: str
    position: str
    location: str
    email: str | None
    linkedin_url: str | None
    connected_on: date
    stage: str
    tags: tuple[str, ...]
    story: str
    how_met: str
    cadence_days: int | None


@dataclass(frozen=True, slots=True)
class SampleInteraction:
    """One dated entry on a generated person's timeline."""

    person_index: int
    kind: str
    sub_kind: str | None
    date: date
    summary: str
    notes: str


@dataclass(frozen=True, slots=True)
class SampleFollowUp:
    """An open follow-up promised to a generated person."""

    person_index: int
    due: date
    text: str


# --------------------------------------------------------------------------- tags


# The network's words live in resources/, as data; the code here only draws from them.
_WORDS: dict[str, Any] = tomllib.loads(
    resource_path("demo", "network.toml").read_text(encoding="utf-8")
)
_TAGS: tuple[tuple[str, str, bool], ...] = (
    *((name, category, False) for category, names in _WORDS["tags"].items() for name in names),
    *((name, "other", True) for name in _WORDS["tag_lists"]["avoid"]),
)
_MY_INTERESTS: tuple[str, ...] = tuple(_WORDS["tag_lists"]["mine"])

# How often a tag turns up on a random person, by category (avoid tags are rare).
_CATEGORY_WEIGHT: dict[str, int] = _WORDS["category_weight"]
_TAG_BOOST: dict[str, int] = _WORDS["tag_boost"]


def sample_tags() -> list[tuple[str, str, bool]]:
    """Return (name, category, avoid) for the sample's interest tags."""
    return list(_TAGS)


def my_interests() -> list[str]:
    """Return the tag names held by the sample user (the 'me' profile)."""
    return list(_MY_INTERESTS)


# --------------------------------------------------------------------------- names


_NEUTRAL_FIRST: tuple[str, ...] = tuple(_WORDS["names"]["neutral_first"])
_CREDENTIAL_LAST: tuple[str, ...] = tuple(_WORDS["names"]["credential_last"])

# Pronoun forms: subject, capitalised subject, object, possessive. Gender-neutral first names
# are left out: texts use the name itself for them.
_SHE = ("she", "She", "her", "her")
_HE = ("he", "He", "him", "his")
_PRONOUNS: dict[str, tuple[str, str, str, str]] = {}
_FIRSTS_BY_CULTURE: list[tuple[str, ...]] = []
_LASTS_BY_CULTURE: list[tuple[str, ...]] = []
_CULTURE_WEIGHTS: list[int] = []
for _culture in _WORDS["cultures"].values():
    _f, _m = tuple(_culture["female"]), tuple(_culture["male"])
    _PRONOUNS.update(dict.fromkeys(_f, _SHE))
    _PRONOUNS.update(dict.fromkeys(_m, _HE))
    _FIRSTS_BY_CULTURE.append(_f + _m)
    _LASTS_BY_CULTURE.append(tuple(_culture["last"]))
    _CULTURE_WEIGHTS.append(_culture["weight"])
_FIRSTS_BY_CULTURE[0] += _NEUTRAL_FIRST
_ALL_LASTS: tuple[str, ...] = tuple(x for lasts in _LASTS_BY_CULTURE for x in lasts)

_ASCII_FOLD = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae", "Đ": "D", "đ": "d"}
)


def _ascii(text: str) -> str:
    """Fold accents away: 'Łukasz Müller' -> 'Lukasz Muller'."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return text.encode("ascii", "ignore").decode("ascii")


def _slug(name: str, sep: str) -> str:
    """Lower-case ASCII handle for URLs and e-mail ('de la Cruz' -> 'de-la-cruz' or 'delacruz')."""
    base = _ascii(name.split(",")[0]).lower().replace("'", "")
    return sep.join("".join(c if c.isalnum() else " " for c in base).split())


# --------------------------------------------------------------------------- firms

_STOP_WORDS = frozenset(_WORDS["domains"]["stop_words"])


def _top_level_domain(firm: str, sector: str) -> str:
    if sector not in ("public", "health"):
        return ".com"
    if "University" in firm or "College" in firm:
        return ".edu"
    if firm.startswith(("City of", "Port of", "Ohio Department")) or firm.endswith("County"):
        return ".gov"
    return ".org"


def _build_firms() -> list[
    tuple[int, tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
]:
    """The sectors' firms with their e-mail domains: (weight, ((firm, domain), ...),
    positions, tags, practices) per sector."""
    used: set[str] = set()
    sectors = []
    for key, sector in _WORDS["sectors"].items():
        pairs = []
        for firm in sector["firms"]:
            words = _slug(firm.replace("&", " ").replace("+", " "), " ").split()
            core = [w for w in words if w not in _STOP_WORDS] or words
            name = "".join(core[:2])
            if name in used:
                name = "".join(core[:3]) if len(core) > 2 else name + key
            used.add(name)
            domain = name + _top_level_domain(firm, key)
            pairs.append((firm, domain))
        sectors.append(
            (
                sector["weight"],
                tuple(pairs),
                tuple(sector["positions"]),
                tuple(sector["tags"]),
                tuple(sector["practices"]),
            )
        )
    return sectors


_FIRMS = _build_firms()

_LOCATIONS: dict[str, int] = _WORDS["locations"]
_EVENTS: tuple[str, ...] = tuple(_WORDS["how_met"]["events"])
_MONTHS: tuple[str, ...] = tuple(_WORDS["how_met"]["months"])
_HOW_MET_STATIC: tuple[str, ...] = tuple(_WORDS["how_met"]["plain"])


_BITS = 12  # every pick table has 2**_BITS slots, so a pick is table[getrandbits(_BITS)]


def _table(pairs: Iterable[tuple[_T, float]]) -> tuple[_T, ...]:
    """Spread weighted items over 2**_BITS slots (each item keeps at least one)."""
    items = list(pairs)
    total = sum(weight for _, weight in items)
    size = 1 << _BITS
    slots: list[_T] = []
    done = 0.0
    for item, weight in items:
        count = round((done + weight) * size / total) - len(slots)
        done += weight
        if count < 1:
            raise ValueError(f"weight of {item!r} too small for a pick table")
        slots.extend([item] * count)
    return tuple(slots)


def _uniform(items: Iterable[_T]) -> tuple[_T, ...]:
    """A pick table giving every item the same chance."""
    return _table((item, 1.0) for item in items)


def _skewed(items: Sequence[_T], power: float) -> tuple[_T, ...]:
    """A pick table where item r has the chance of int(len * u**power) == r for uniform u."""
    n = len(items)
    return _table(
        (item, ((r + 1) / n) ** (1 / power) - (r / n) ** (1 / power))
        for r, item in enumerate(items)
    )


_SLUG = {
    name: _slug(name, "-")
    for names in (*_FIRSTS_BY_CULTURE, _ALL_LASTS, _CREDENTIAL_LAST)
    for name in names
}
_DOT = {name: _slug(name, "") for name in _SLUG}


def _lasts(names: Iterable[str]) -> tuple[tuple[str, str, str], ...]:
    return _uniform((name, _SLUG[name], _DOT[name]) for name in names)


_ANY_LAST_TABLE = _lasts(_ALL_LASTS)
_CREDENTIAL_TABLE = _lasts(_CREDENTIAL_LAST)
# (first, slug, dot, that culture's last-name table): the culture by weight, then the name.
_FIRST_TABLE = _table(
    ((first, _SLUG[first], _DOT[first], lasts_table), weight / len(firsts))
    for weight, firsts, lasts_table in zip(
        _CULTURE_WEIGHTS, _FIRSTS_BY_CULTURE, [_lasts(x) for x in _LASTS_BY_CULTURE], strict=True
    )
    for first in firsts
)
# (firm table skewed to a few big employers, position table, sector tags, practice areas)
_SECTOR_TABLE = _table(
    ((_skewed(firms, 1.8), _uniform(positions), tags, practices), weight)
    for weight, firms, positions, tags, practices in _FIRMS
)
_LOCATION_TABLE = _table(_LOCATIONS.items())
_TAG_TABLE = _table(
    (name, 1 if avoid else _CATEGORY_WEIGHT[cat] * _TAG_BOOST.get(name, 1))
    for name, cat, avoid in _TAGS
)
_HOW_MET_TABLE = _table(
    [(f"{e[0].upper()}{e[1:]}, {m}", 1) for e in _EVENTS for m in _MONTHS]
    + [(h, 12) for h in _HOW_MET_STATIC]
    + [("LinkedIn", 60)]
)

# Per stage (shares of people are 80/10/5/3.5/1.5%, in generate_people): tag counts, chance of
# a story, chance of an e-mail, cadences, relative number of interactions, interaction kinds.
_STAGE_TAG_COUNTS = (
    (0, 0, 0, 0, 1, 1, 1, 2),
    (0, 1, 1, 2, 2, 2, 3, 3),
    (1, 2, 2, 3, 3, 3, 4, 4),
    (2, 2, 3, 3, 3, 4, 4, 5),
    (2, 3, 3, 4, 4, 5, 5, 5),
)  # picked by 3 bits
_STAGE_STORY = (0.02, 0.45, 0.8, 0.9, 0.95)
_STAGE_EMAIL = (0.12, 0.5, 0.7, 0.85, 0.9)
_STAGE_CADENCE = (
    (),
    (90, 180, 365, 365),
    (60, 90, 90, 180),
    (30, 60, 60, 90),
    (14, 30, 30, 60),
)  # picked by 2 bits
_STAGE_INTERACTIONS = (0.4, 3.0, 6.0, 12.0, 20.0)
_STAGE_KINDS = tuple(
    _table(w.items())
    for w in (
        {"message": 6, "email": 3, "met": 3, "note": 2, "conversation": 1},
        {
            "conversation": 5,
            "email": 4,
            "message": 3,
            "call": 3,
            "met": 2,
            "note": 1,
            "gave": 2,
            "received": 1,
        },
        {
            "1-2-1": 5,
            "conversation": 3,
            "email": 3,
            "call": 3,
            "message": 2,
            "note": 1,
            "gave": 2,
            "received": 1,
        },
        {
            "1-2-1": 4,
            "call": 3,
            "email": 3,
            "conversation": 2,
            "message": 2,
            "note": 1,
            "gave": 3,
            "received": 2,
        },
        {
            "1-2-1": 4,
            "call": 3,
            "email": 3,
            "conversation": 2,
            "message": 2,
            "note": 1,
            "gave": 4,
            "received": 4,
        },
    )
)
_GAVE_SUBKINDS = _table(
    {"information": 5, "introduction": 3, "referral": 2, "advice": 3, "help": 2}.items()
)
_RECEIVED_SUBKINDS = _table(
    {"referral": 4, "help": 3, "information": 2, "introduction": 2, "advice": 1}.items()
)

# --------------------------------------------------------------------------- texts
# The texts' placeholders are listed in network.toml.
_TEXTS: dict[str, list[str]] = _WORDS["texts"]
_PLACES, _PROJECTS, _TOPICS = _TEXTS["places"], _TEXTS["projects"], _TEXTS["topics"]
_SUMMARIES: dict[str, list[str]] = _WORDS["summaries"]
_NOTES, _FOLLOW_UPS = _TEXTS["notes"], _TEXTS["follow_ups"]
_STORY_DO, _STORY_MORE = _TEXTS["story_do"], _TEXTS["story_more"]


def _article(word: str) -> str:
    """'an Estimator', 'a Principal'."""
    return ("an " if word[0] in "AEIOU" else "a ") + word


def _person_fields(first: str, company: str, position: str, practice: str) -> dict[str, str]:
    """Template fields about one person, with pronouns (or the name for gender-neutral names)."""
    pronouns = _PRONOUNS.get(first) or (first, first, first, first + "'s")
    return {
        "first": first,
        "p": pronouns[0],
        "P": pronouns[1],
        "o": pronouns[2],
        "s": pronouns[3],
        "company": company,
        "position": position,
        "a_position": _article(position),
        "practice": practice,
    }


class _PoolFields(dict[str, str]):
    """Fills the fields drawn from pools (topic, place, ...) and keeps the others as fields."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        pool = _FIELD_POOLS.get(key)
        if pool is None:
            return "{" + key + "}"
        return pool[int(self.rng.random() * len(pool))].format_map(self)


_FIELD_POOLS = {"place": _PLACES, "event": _EVENTS, "project": _PROJECTS, "topic": _TOPICS}


def _rendered(templates: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """A pick table of templates with their pool fields filled in many ways (done once, so
    that generating stays fast); every template is equally likely."""
    pool_fields = _PoolFields(rng)
    weighted: list[tuple[str, float]] = []
    for template in templates:
        variants = {template.format_map(pool_fields) for _ in range(32)}
        weighted.extend((text, 1 / len(variants)) for text in sorted(variants))
    return _table(weighted)


@functools.cache
def _texts() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    """(summary tables by kind or "kind:sub_kind", notes table, follow-up table)."""
    rng = random.Random("relate.sample.texts")
    summaries = {key: _rendered(templates, rng) for key, templates in _SUMMARIES.items()}
    return summaries, _rendered(_NOTES, rng), _rendered(_FOLLOW_UPS, rng)


def _fill(
    text: str, fields: dict[str, str], people: Sequence[SamplePerson], index: int, rnd: _Rnd
) -> str:
    """Fill a rendered text for people[index]; "other" is someone else from people."""
    if "{other" not in text:
        return text.format_map(fields)
    if len(people) < 2:
        return text.format_map({**fields, "other": "a colleague", "other_company": "a client"})
    pick = int(rnd() * (len(people) - 1))
    other = people[pick + (pick >= index)]
    return text.format_map(
        {**fields, "other": f"{other.first_name} {other.last_name}", "other_company": other.company}
    )


# --------------------------------------------------------------------------- generators

_BACK = tuple(REFERENCE_DATE - timedelta(days=d) for d in range(_CONNECTED_SPAN_DAYS + 1))
_FIRM_PRACTICES = {firm: s[4] for s in _FIRMS for firm, _ in s[1]}


def generate_people(n: int, seed: int = 42) -> list[SamplePerson]:
    """Generate n people, deterministic for (n, seed); a shorter run is a prefix of a longer one."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    with collector_paused():
        return _generate_people(n, seed)


def _generate_people(n: int, seed: int) -> list[SamplePerson]:
    rng = random.Random(f"relate.sample.people:{seed}")
    rnd, bits = rng.random, rng.getrandbits
    # Locals and pick tables: this loop runs 100,000 times in the benchmark.
    first_table, any_last, credential = _FIRST_TABLE, _ANY_LAST_TABLE, _CREDENTIAL_TABLE
    sectors, locations = _SECTOR_TABLE, _LOCATION_TABLE
    tag_table, how_met_table = _TAG_TABLE, _HOW_MET_TABLE
    stage_email, stage_tags, stage_story = _STAGE_EMAIL, _STAGE_TAG_COUNTS, _STAGE_STORY
    back, stages, span, b = _BACK, STAGES, _CONNECTED_SPAN_DAYS - 1, _BITS
    emails: set[str] = set()
    people: list[SamplePerson] = []
    append = people.append
    for i in range(n):
        first, f_slug, f_dot, lasts = first_table[bits(b)]
        u = rnd()
        last, l_slug, l_dot = (lasts if u < 0.785 else credential if u < 0.8 else any_last)[bits(b)]
        firms, positions, sector_tags, practices = sectors[bits(b)]
        company, domain = firms[bits(b)]
        position = positions[bits(b)]

        u = rnd()
        stage = 0 if u < 0.8 else 1 if u < 0.9 else 2 if u < 0.95 else 3 if u < 0.985 else 4
        # People further along were usually connected longer ago.
        connected_on = back[1 + int(span * rnd() ** (1.2 if stage == 0 else 0.7))]

        linkedin = None
        if rnd() < 0.9:  # the suffix is a bijection of i, so URLs are unique
            linkedin = (
                f"https://www.linkedin.com/in/{f_slug}-{l_slug}-"
                f"{(i * 0x9E3779B1 + 0x2545F491) & 0xFFFFFFFF:08x}"
            )
        email = None
        if rnd() < stage_email[stage]:
            email = f"{f_dot}.{l_dot}@{domain}"
            k = 2
            while email in emails:  # a second John Smith at the same firm
                email = f"{f_dot}.{l_dot}{k}@{domain}"
                k += 1
            emails.add(email)

        tags: tuple[str, ...] = ()
        k = stage_tags[stage][bits(3)]
        if k:
            picked = [sector_tags[int(rnd() * len(sector_tags))]] if rnd() < 0.6 else []
            while len(picked) < k:
                picked.append(tag_table[bits(b)])
            tags = tuple(dict.fromkeys(picked))  # drop repeats, keep order

        how_met = how_met_table[bits(b)] if rnd() < (0.4 if stage == 0 else 0.85) else ""
        cadence = _STAGE_CADENCE[stage][bits(2)] if stage and rnd() < 0.85 else None
        story = ""
        if rnd() < stage_story[stage]:
            story = _story(rng, first, company, position, practices)
        append(
            SamplePerson(
                first,
                last,
                company,
                position,
                locations[bits(b)],
                email,
                linkedin,
                connected_on,
                stages[stage],
                tags,
                story,
                how_met,
                cadence,
            )
        )
    return people


def _story(
    rng: random.Random, first: str, company: str, position: str, practices: Sequence[str]
) -> str:
    """A few sentences composed from fragments: what they do, want, worry and care about."""
    bits = rng.getrandbits
    fields = _person_fields(first, company, position, practices[bits(8) % len(practices)])
    more = dict.fromkeys(_STORY_MORE_TABLE[bits(_BITS)] for _ in range(_STORY_LENGTHS[bits(2)]))
    first_sentence = _STORY_DO_TABLE[bits(_BITS)].format_map(fields)
    return " ".join([first_sentence] + [part.format_map(fields) for part in more])


_STORY_DO_TABLE = _uniform(_STORY_DO)
_STORY_MORE_TABLE = _uniform(_STORY_MORE)
_STORY_LENGTHS = (1, 2, 2, 3)  # sentences after the first, picked by 2 bits


def _fields_of(person: SamplePerson, rng: random.Random) -> dict[str, str]:
    """Template fields for a generated person, with one of their firm's practice areas."""
    practices = _FIRM_PRACTICES.get(person.company, ("client work",))
    practice = practices[rng.getrandbits(8) % len(practices)]
    return _person_fields(person.first_name, person.company, person.position, practice)


def generate_interactions(
    people: Sequence[SamplePerson], seed: int = 42, per_person: float = 1.5
) -> list[SampleInteraction]:
    """About per_person interactions per person, more for later stages; sorted by person, date.

    Dated in the two years before REFERENCE_DATE and never before connected_on. Everyone at
    "1-2-1" or beyond has at least one "1-2-1" interaction, whatever per_person is.
    """
    if per_person < 0:
        raise ValueError(f"per_person must be >= 0, got {per_person}")
    with collector_paused():
        return _generate_interactions(people, seed, per_person)


def _generate_interactions(
    people: Sequence[SamplePerson], seed: int, per_person: float
) -> list[SampleInteraction]:
    rng = random.Random(f"relate.sample.interactions:{seed}")
    rnd, bits = rng.random, rng.getrandbits
    stage_of = {name: i for i, name in enumerate(STAGES)}
    stages = [stage_of[p.stage] for p in people]
    total_weight = sum(_STAGE_INTERACTIONS[s] for s in stages)
    scale = per_person * len(people) / total_weight if total_weight else 0.0
    ref_ordinal = REFERENCE_DATE.toordinal()
    summaries, notes_table, _ = _texts()
    stage_kinds, gave, received = _STAGE_KINDS, _GAVE_SUBKINDS, _RECEIVED_SUBKINDS
    back, b, fill = _BACK, _BITS, _fill
    out: list[SampleInteraction] = []
    append = out.append
    for index, person in enumerate(people):
        stage = stages[index]
        # Mean-preserving: E[floor(x + U)] = x, with x itself spread around the stage mean.
        count = int(_STAGE_INTERACTIONS[stage] * scale * (0.5 + rnd()) + rnd())
        if count == 0 and stage < 2:
            continue
        kinds_table = stage_kinds[stage]
        kinds = [kinds_table[bits(b)] for _ in range(count)]
        if stage >= 2 and "1-2-1" not in kinds:
            if kinds:
                kinds[int(rnd() * len(kinds))] = "1-2-1"
            else:
                kinds.append("1-2-1")
        window = min(_INTERACTION_SPAN_DAYS, ref_ordinal - person.connected_on.toordinal())
        window = max(window, 1)  # only a hand-made person can be connected on or after it
        days_back = sorted([1 + int(rnd() * window) for _ in kinds], reverse=True)
        fields = _fields_of(person, rng)
        for kind, days in zip(kinds, days_back, strict=True):
            sub_kind = None
            key = kind
            if kind == "gave":
                sub_kind = gave[bits(b)]
                key = "gave:" + sub_kind
            elif kind == "received":
                sub_kind = received[bits(b)]
                key = "received:" + sub_kind
            summary = fill(summaries[key][bits(b)], fields, people, index, rnd)
            notes = fill(notes_table[bits(b)], fields, people, index, rnd) if rnd() < 0.3 else ""
            append(SampleInteraction(index, kind, sub_kind, back[days], summary, notes))
    return out


def generate_follow_ups(people: Sequence[SamplePerson], seed: int = 42) -> list[SampleFollowUp]:
    """Open follow-ups for about 10% of people past "connection", due from 3 weeks before to
    6 weeks after REFERENCE_DATE; sorted by person."""
    rng = random.Random(f"relate.sample.follow_ups:{seed}")
    rnd, bits = rng.random, rng.getrandbits
    follow_up_table = _texts()[2]
    out: list[SampleFollowUp] = []
    for index, person in enumerate(people):
        if person.stage == "connection" or rnd() >= 0.1:
            continue
        fields = _fields_of(person, rng)
        for _ in range(2 if rnd() < 0.15 else 1):
            due = REFERENCE_DATE + timedelta(days=rng.randint(-21, 42))
            text = _fill(follow_up_table[bits(_BITS)], fields, people, index, rnd)
            out.append(SampleFollowUp(index, due, text))
    return out
