"""`relate demo`: a sample network, dated around today, for trying the app."""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate import bulk, followups, introductions, sample, tags
from relate.db import transaction

DEMO_SIZE = 300


@dataclasses.dataclass(frozen=True, slots=True)
class DemoSummary:
    contacts: int
    interactions: int
    follow_ups: int


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
        ids = bulk.insert_contacts(
            [
                bulk.NewContact(
                    first_name=p.first_name,
                    last_name=p.last_name,
                    company=p.company,
                    position=p.position,
                    emails=(p.email,) if p.email else (),
                    linkedin_url=p.linkedin_url,
                    location=p.location,
                    how_met=p.how_met,
                    connected_on=p.connected_on + shift,
                    stage=p.stage,
                    story=p.story,
                    cadence_days=p.cadence_days,
                    tags=p.tags,
                )
                for p in people
            ]
        )
        count = bulk.insert_interactions(
            bulk.NewInteraction(
                contact_id=ids[e.person_index],
                kind=e.kind,
                date=e.date + shift,
                summary=e.summary,
                notes=e.notes,
                sub_kind=e.sub_kind,
            )
            for e in entries
        )
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
