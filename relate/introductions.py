"""Introductions: the user connected contact A with contact B."""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate import followups, timeline
from relate.records import IntroductionRecord, display_name
from relate.store.db import inserted_id, transaction
from relate.store.models import Contact, FollowUp, Interaction, Introduction
from relate.validation import NotFoundError, ValidationError, clean_text, parse_date


def _record(row: Introduction) -> IntroductionRecord:
    return IntroductionRecord(
        row.id, row.contact_a_id, row.contact_b_id, row.date, row.note, row.outcome
    )


def add_introduction(
    contact_a_id: int,
    contact_b_id: int,
    *,
    date: dt.date | str | None = None,
    note: str = "",
    outcome: str = "",
) -> int:
    """Record that the user introduced A to B (today unless dated); returns its id."""
    if contact_a_id == contact_b_id:
        raise ValidationError("An introduction needs two different people.")
    values = {
        "contact_a": contact_a_id,
        "contact_b": contact_b_id,
        "date": parse_date(date) or dt.date.today(),
        "note": clean_text(note),
        "outcome": clean_text(outcome),
    }
    with transaction():
        found = Contact.select().where(Contact.id.in_([contact_a_id, contact_b_id])).count()
        if found != 2:
            raise NotFoundError("One of the two people of the introduction does not exist.")
        return inserted_id(Introduction.insert(**values))


def set_outcome(introduction_id: int, outcome: str) -> None:
    """Write down how an introduction turned out."""
    with transaction():
        updated = (
            Introduction.update(outcome=clean_text(outcome))
            .where(Introduction.id == introduction_id)
            .execute()
        )
    if not updated:
        raise NotFoundError(f"There is no introduction with id {introduction_id}.")


def introductions_for(contact_id: int) -> list[IntroductionRecord]:
    """Introductions a contact was part of, on either side, newest first."""
    query = (
        Introduction.select()
        .where((Introduction.contact_a == contact_id) | (Introduction.contact_b == contact_id))
        .order_by(Introduction.date.desc(), Introduction.id.desc())
    )
    return [_record(row) for row in query]


def were_introduced(contact_a_id: int, contact_b_id: int) -> bool:
    """Whether the user has already introduced these two, in either direction."""
    pair = {contact_a_id, contact_b_id}
    return (
        Introduction.select()
        .where(Introduction.contact_a.in_(pair), Introduction.contact_b.in_(pair))
        .exists()
    )


# When to ask how an introduction went.
ASK_HOW_IT_WENT_AFTER = dt.timedelta(days=14)


@dataclasses.dataclass(frozen=True, slots=True)
class IntroductionMade:
    """What `introduce` wrote: the introduction, a "gave: introduction" entry on each
    timeline, and the follow-up to ask how it went."""

    introduction_id: int
    interaction_ids: tuple[int, int]
    follow_up_id: int


def _name(contact_id: int) -> str:
    row = Contact.get_or_none(Contact.id == contact_id)
    if row is None:
        raise NotFoundError(f"There is no contact with id {contact_id}.")
    return display_name(row.first_name, row.last_name)


def introduce(
    contact_a_id: int, contact_b_id: int, why: str, *, date: dt.date | str | None = None
) -> IntroductionMade:
    """Introduce A to B: the introduction with its reason, a "gave: introduction" entry
    on both timelines, and a follow-up with A two weeks on to ask how it went."""
    why = clean_text(why)
    if not why:
        raise ValidationError("Say why these two should meet: it goes in the introduction.")
    day = parse_date(date) or dt.date.today()
    with transaction():
        name_a, name_b = _name(contact_a_id), _name(contact_b_id)
        introduction_id = add_introduction(contact_a_id, contact_b_id, date=day, note=why)
        entries = tuple(
            timeline.log_interaction(
                who,
                "gave",
                sub_kind="introduction",
                date=day,
                summary=f"Introduced to {other}",
                notes=why,
            )
            for who, other in ((contact_a_id, name_b), (contact_b_id, name_a))
        )
        follow_up_id = followups.add_follow_up(
            contact_a_id, f"Ask how the introduction to {name_b} went", day + ASK_HOW_IT_WENT_AFTER
        )
    return IntroductionMade(introduction_id, (entries[0], entries[1]), follow_up_id)


def undo_introduce(made: IntroductionMade) -> None:
    """Take back everything `introduce` wrote."""
    with transaction():
        Introduction.delete().where(Introduction.id == made.introduction_id).execute()
        Interaction.delete().where(Interaction.id.in_(made.interaction_ids)).execute()
        FollowUp.delete().where(FollowUp.id == made.follow_up_id).execute()
