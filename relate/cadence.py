"""Follow-up rhythms: defaults per stage and per tag, due and going cold, snoozing.

A contact's rhythm is its own `cadence_days`, else the shortest rhythm of its tags,
else its stage's. Next due is the last contact plus the rhythm (or a snooze date,
whichever is later); the database keeps both from triggers (migration 6), so logging
any interaction moves the date at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from relate.store.db import transaction
from relate.store.models import Contact, StageCadence, Tag
from relate.validation import (
    NotFoundError,
    clean_cadence,
    clean_choice,
    parse_date,
    tag_key,
)
from relate.vocabulary import STAGES

CadenceStatus = Literal["due", "cold"]

# A 1-2-1 planned within this many days (from today on) counts as being in touch: the
# lists of who is due or going cold (Today's, the list's views, `relate due`) leave its
# contact out, and Today shows the meeting itself among the week's 1-2-1s.
BOOKED_DAYS = 7


def not_booked_sql(day: str) -> str:
    """SQL, true for contact `c` unless a 1-2-1 with them is planned within BOOKED_DAYS
    of the day bound to `day` (a named parameter such as ":on", or "?" bound twice)."""
    return (
        "c.id NOT IN (SELECT m.contact_id FROM meeting m WHERE m.status = 'planned'"
        f" AND m.starts_at >= {day} AND m.starts_at < date({day}, '+{BOOKED_DAYS} days'))"
    )


# Rhythms offered in pickers: (days, label).
RHYTHM_CHOICES: tuple[tuple[int, str], ...] = (
    (14, "every 2 weeks"),
    (30, "every month"),
    (60, "every 2 months"),
    (90, "every quarter"),
    (182, "every 6 months"),
    (365, "every year"),
)


def rhythm_label(days: int | None) -> str:
    """How a rhythm reads: "every 2 weeks", "every quarter", "every 45 days"."""
    if days is None:
        return "no rhythm"
    for choice, label in RHYTHM_CHOICES:
        if choice == days:
            return label
    if days % 7 == 0 and days < 28:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    months = days / 30.44
    if days >= 28 and abs(months - round(months)) < 0.1:
        named = {1: "every month", 3: "every quarter", 12: "every year"}
        return named.get(round(months), f"every {round(months)} months")
    return "every day" if days == 1 else f"every {days} days"


def cadence_status(
    next_due: dt.date | None, rhythm_days: int | None, today: dt.date
) -> CadenceStatus | None:
    """ "due" from the next-due date on; "cold" once overdue by more than half a rhythm
    again; None when not due (or no rhythm). The saved views use the same rule in SQL."""
    if next_due is None or rhythm_days is None or next_due > today:
        return None
    if next_due + dt.timedelta(days=rhythm_days // 2) < today:
        return "cold"
    return "due"


def stage_cadences() -> dict[str, int]:
    """The default rhythm (days) of each stage that has one."""
    return {row.stage: row.days for row in StageCadence.select()}


def set_stage_cadence(stage: str, days: int | str | None) -> None:
    """Give a stage a default rhythm (None removes it); contacts at that stage without
    their own rhythm follow it at once."""
    stage = clean_choice(stage, STAGES, "stage")
    value = clean_cadence(days)
    with transaction():
        if value is None:
            StageCadence.delete().where(StageCadence.stage == stage).execute()
        else:
            StageCadence.insert(stage=stage, days=value).on_conflict(
                conflict_target=[StageCadence.stage], update={StageCadence.days: value}
            ).execute()


def tag_cadences() -> dict[str, int]:
    """Tags that carry a rhythm: name -> days."""
    query = Tag.select(Tag.name, Tag.cadence_days).where(Tag.cadence_days.is_null(False))
    return {
        row.name: row.cadence_days
        for row in query.order_by(Tag.key)
        if row.cadence_days is not None  # always, by the query: for the type checker
    }


def set_tag_cadence(name: str, days: int | str | None) -> None:
    """Give everyone with this tag a rhythm (None removes it). A contact's own rhythm
    still wins; between several tags, the shortest rhythm wins."""
    value = clean_cadence(days)
    with transaction():
        updated = Tag.update(cadence_days=value).where(Tag.key == tag_key(name)).execute()
    if not updated:
        raise NotFoundError(f"There is no tag called '{name}'.")


def snooze_contact(contact_id: int, until: dt.date | str | None) -> None:
    """Not due before `until` (None ends the snooze). Logging an interaction ends it too."""
    date = parse_date(until, "snooze date")
    with transaction():
        updated = Contact.update(snoozed_until=date).where(Contact.id == contact_id).execute()
    if not updated:
        raise NotFoundError(f"There is no contact with id {contact_id}.")
