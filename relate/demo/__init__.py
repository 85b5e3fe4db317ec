"""`relate demo`: a sample network, dated around today, for trying the app."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence

from relate import followups, introductions, meetings, tags
from relate.demo import sample
from relate.store import bulk
from relate.store.db import transaction

DEMO_SIZE = 300

# What a few people are looking for, each something others in the sample can offer
# (positions and expertise tags of `sample`), so the Today view has ideas to show.
DEMO_NEEDS = (
    "a structural engineer",
    "healthcare clients",
    "BIM training",
    "a proposal writer",
    "a cost estimator",
    "a commercial lender",
    "an energy modeler",
    "lab design experience",
)
_NEED_STORY_HINTS = {"a structural engineer": "looking for a structural engineer"}
DEMO_MEETINGS = 6
# Start times, one per meeting (8:00 to 16:00, weekdays).
_MEETING_TIMES = ((8, 0), (9, 30), (11, 0), (12, 30), (14, 0), (15, 30))
_MEETING_PLACES = (
    "Phoenix Coffee",
    "their office",
    "Rising Star Coffee",
    "Market Garden",
    "Lucky's Café",
    "the City Club",
)
_AGENDAS = (
    "Hear what {first} is working on at {company}\nCommon ground: {tag}",
    "Catch up on {first}'s year so far; swap notes on {tag}",
    "Ask about the backlog at {company}\nBring up {tag} to start",
    "Listen first: what {first} wants from the next year\nShare: {tag}",
    "Follow up on our last conversation; {tag} to break the ice",
    "Learn how {company} wins its work; mention {tag}",
)


@dataclasses.dataclass(frozen=True, slots=True)
class DemoSummary:
    contacts: int
    interactions: int
    follow_ups: int


def as_new_contact(
    person: sample.SamplePerson, shift: dt.timedelta = dt.timedelta(0)
) -> bulk.NewContact:
    """The bulk-insert form of a generated person, dated `shift` later."""
    return bulk.NewContact(
        first_name=person.first_name,
        last_name=person.last_name,
        company=person.company,
        position=person.position,
        emails=(person.email,) if person.email else (),
        linkedin_url=person.linkedin_url,
        location=person.location,
        how_met=person.how_met,
        connected_on=person.connected_on + shift,
        stage=person.stage,
        story=person.story,
        cadence_days=person.cadence_days,
        tags=person.tags,
    )


def as_new_interaction(
    entry: sample.SampleInteraction,
    ids: Sequence[int],
    shift: dt.timedelta = dt.timedelta(0),
) -> bulk.NewInteraction:
    """The bulk-insert form of a generated timeline entry; `ids` are the people's ids."""
    return bulk.NewInteraction(
        contact_id=ids[entry.person_index],
        kind=entry.kind,
        date=entry.date + shift,
        summary=entry.summary,
        notes=entry.notes,
        sub_kind=entry.sub_kind,
    )


def fill_demo(size: int = DEMO_SIZE, seed: int = 7, today: dt.date | None = None) -> DemoSummary:
    """Add a sample network of `size` people, with two years of timeline up to `today`."""
    # The sample is dated around a fixed day; shift it so the demo feels current.
    shift = (today or dt.date.today()) - sample.REFERENCE_DATE
    people = sample.generate_people(size, seed)
    entries = sample.generate_interactions(people, seed)
    promises = sample.generate_follow_ups(people, seed)
    with transaction():
        for name, category, avoid in sample.sample_tags():
            tag_id = tags.ensure_tag(name, category)
            if avoid:
                tags.update_tag(tag_id, avoid=True)
        for name in sample.my_interests():
            tags.set_my_interest(name)
        ids = bulk.insert_contacts([as_new_contact(p, shift) for p in people])
        count = bulk.insert_interactions(as_new_interaction(e, ids, shift) for e in entries)
        for promise in promises:
            followups.add_follow_up(ids[promise.person_index], promise.text, promise.due + shift)
        _introduce_a_few(entries, ids, shift)
        rng = random.Random(f"relate.demo:{seed}")
        _state_a_few_needs(people, ids, rng)
        _plan_a_few_meetings(people, ids, rng, today or dt.date.today())
    return DemoSummary(len(ids), count, len(promises))


def _state_a_few_needs(
    people: list[sample.SamplePerson], ids: Sequence[int], rng: random.Random
) -> None:
    """Give a few people the user knows a "need" tag, for introduction ideas."""
    known = [i for i, person in enumerate(people) if person.stage != "connection"]
    for need in DEMO_NEEDS:
        if not known:
            return
        hint = _NEED_STORY_HINTS.get(need)
        hinted = [i for i in known if hint and hint in people[i].story]
        index = rng.choice(hinted or known)
        known.remove(index)
        tags.tag_contacts([ids[index]], need, "need")


def _plan_a_few_meetings(
    people: list[sample.SamplePerson], ids: Sequence[int], rng: random.Random, today: dt.date
) -> None:
    """1-2-1s on weekdays of the coming week with people in conversation who share one
    of the user's interests, so the Today view has meetings to show."""
    mine = {name.casefold() for name in sample.my_interests()}
    chosen = [
        (i, shared[0])
        for i, person in enumerate(people)
        if person.stage in ("conversation", "1-2-1")
        and (shared := [tag for tag in person.tags if tag.casefold() in mine])
    ]
    chosen = rng.sample(chosen, min(DEMO_MEETINGS, len(chosen)))
    days = [today + dt.timedelta(days=n) for n in range(1, 8)]
    weekdays = [day for day in days if day.weekday() < 5]
    times = rng.sample(_MEETING_TIMES, len(chosen))  # never two at once on one day
    zone = meetings.local_zone_name()
    for n, (index, tag) in enumerate(chosen):
        person = people[index]
        hour, minute = times[n]
        fields = {"first": person.first_name, "company": person.company or "work", "tag": tag}
        meetings.schedule_meeting(
            ids[index],
            dt.datetime.combine(weekdays[n % len(weekdays)], dt.time(hour, minute)),
            place=_MEETING_PLACES[rng.randrange(len(_MEETING_PLACES))],
            agenda=_AGENDAS[rng.randrange(len(_AGENDAS))].format_map(fields),
            time_zone=zone,
        )


def _introduce_a_few(
    entries: list[sample.SampleInteraction], ids: range, shift: dt.timedelta
) -> None:
    """Pair up the people the user gave an introduction to, so the ledger has some."""
    given = [e for e in entries if e.kind == "gave" and e.sub_kind == "introduction"]
    for first, second in zip(given[::2], given[1::2], strict=False):
        if first.person_index != second.person_index:
            introductions.add_introduction(
                ids[first.person_index],
                ids[second.person_index],
                date=max(first.date, second.date) + shift,
                note=first.summary,
            )
