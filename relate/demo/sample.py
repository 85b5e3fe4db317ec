"""Deterministic generator of a realistic professional network for the demo and the benchmark."""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from relate.collector import collector_paused
from relate.demo.sample_tables import (
    ANY_LAST_TABLE,
    BITS,
    CREDENTIAL_TABLE,
    FIRMS,
    FIRST_TABLE,
    GAVE_SUBKINDS,
    HOW_MET_TABLE,
    LOCATION_TABLE,
    MY_INTERESTS,
    RECEIVED_SUBKINDS,
    SECTOR_TABLE,
    STAGE_CADENCE,
    STAGE_EMAIL,
    STAGE_INTERACTIONS,
    STAGE_KINDS,
    STAGE_STORY,
    STAGE_TAG_COUNTS,
    TAG_TABLE,
    TAGS,
)
from relate.demo.sample_texts import (
    STORY_DO_TABLE,
    STORY_LENGTHS,
    STORY_MORE_TABLE,
    person_fields,
    text_tables,
)

REFERENCE_DATE: date = date(2026, 11, 1)
STAGES: tuple[str, ...] = ("connection", "conversation", "1-2-1", "relationship", "advocate")

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


def sample_tags() -> list[tuple[str, str, bool]]:
    """Return (name, category, avoid) for the sample's interest tags."""
    return list(TAGS)


def my_interests() -> list[str]:
    """Return the tag names held by the sample user (the 'me' profile)."""
    return list(MY_INTERESTS)


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
_FIRM_PRACTICES = {firm: s[4] for s in FIRMS for firm, _ in s[1]}


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
    first_table, any_last, credential = FIRST_TABLE, ANY_LAST_TABLE, CREDENTIAL_TABLE
    sectors, locations = SECTOR_TABLE, LOCATION_TABLE
    tag_table, how_met_table = TAG_TABLE, HOW_MET_TABLE
    stage_email, stage_tags, stage_story = STAGE_EMAIL, STAGE_TAG_COUNTS, STAGE_STORY
    back, stages, span, b = _BACK, STAGES, _CONNECTED_SPAN_DAYS - 1, BITS
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
        cadence = STAGE_CADENCE[stage][bits(2)] if stage and rnd() < 0.85 else None
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
    fields = person_fields(first, company, position, practices[bits(8) % len(practices)])
    more = dict.fromkeys(STORY_MORE_TABLE[bits(BITS)] for _ in range(STORY_LENGTHS[bits(2)]))
    first_sentence = STORY_DO_TABLE[bits(BITS)].format_map(fields)
    return " ".join([first_sentence] + [part.format_map(fields) for part in more])


def _fields_of(person: SamplePerson, rng: random.Random) -> dict[str, str]:
    """Template fields for a generated person, with one of their firm's practice areas."""
    practices = _FIRM_PRACTICES.get(person.company, ("client work",))
    practice = practices[rng.getrandbits(8) % len(practices)]
    return person_fields(person.first_name, person.company, person.position, practice)


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
    total_weight = sum(STAGE_INTERACTIONS[s] for s in stages)
    scale = per_person * len(people) / total_weight if total_weight else 0.0
    ref_ordinal = REFERENCE_DATE.toordinal()
    summaries, notes_table, _ = text_tables()
    stage_kinds, gave, received = STAGE_KINDS, GAVE_SUBKINDS, RECEIVED_SUBKINDS
    back, b, fill = _BACK, BITS, _fill
    out: list[SampleInteraction] = []
    append = out.append
    for index, person in enumerate(people):
        stage = stages[index]
        # Mean-preserving: E[floor(x + U)] = x, with x itself spread around the stage mean.
        count = int(STAGE_INTERACTIONS[stage] * scale * (0.5 + rnd()) + rnd())
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
    follow_up_table = text_tables()[2]
    out: list[SampleFollowUp] = []
    for index, person in enumerate(people):
        if person.stage == "connection" or rnd() >= 0.1:
            continue
        fields = _fields_of(person, rng)
        for _ in range(2 if rnd() < 0.15 else 1):
            due = REFERENCE_DATE + timedelta(days=rng.randint(-21, 42))
            text = _fill(follow_up_table[bits(BITS)], fields, people, index, rnd)
            out.append(SampleFollowUp(index, due, text))
    return out
