"""Introductions: the user connected contact A with contact B."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from relate.db import db
from relate.models import Contact, Introduction
from relate.records import IntroductionRecord
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
    with db.atomic():
        found = Contact.select().where(Contact.id.in_([contact_a_id, contact_b_id])).count()
        if found != 2:
            raise NotFoundError("One of the two people of the introduction does not exist.")
        return Introduction.insert(**values).execute()


def set_outcome(introduction_id: int, outcome: str) -> None:
    """Write down how an introduction turned out."""
    with db.atomic():
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
        Introduction.select(fn.COUNT(Introduction.id))
        .where(Introduction.contact_a.in_(pair), Introduction.contact_b.in_(pair))
        .scalar()
        > 0
    )
