"""`relate demo`: a sample network, dated around today, for trying the app."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from relate import bulk, followups, introductions, sample, tags
from relate.db import transaction

DEMO_SIZE = 300


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
    return DemoSummary(len(ids), count, len(promises))


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
