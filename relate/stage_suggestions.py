"""People the timeline says the user is in touch with more than their stage says: Today
suggests moving them along (an imported history changes no stage by itself).

A connection in touch on several days of the last year is offered "conversation"; one
met 1-2-1 twice, "1-2-1". Moving them gives them that stage's rhythm, so they fall due
and go cold like everyone the user keeps in touch with. "Not now" puts a suggestion off
until a date (kept with the put-off introduction ideas, as the pair of them with
themselves).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.humanize import relative_date
from relate.records import display_name
from relate.store.db import execute, transaction
from relate.vocabulary import DEFAULT_STAGE, INTERACTION_KINDS, NOT_CONTACT_KINDS

LOOK_BACK_DAYS = 365
IN_TOUCH_DAYS = 3  # days in touch within the year that make a connection a conversation
ONE_TO_ONES = 2  # 1-2-1s within the year that make someone a 1-2-1


@dataclasses.dataclass(frozen=True, slots=True)
class StageSuggestion:
    """Move `name` from `stage` to `suggested`, because of `reason`."""

    contact_id: int
    name: str
    stage: str
    suggested: str
    reason: str


_CONTACT_KINDS = ", ".join(f"'{k}'" for k in INTERACTION_KINDS if k not in NOT_CONTACT_KINDS)
# Connections with their days in touch and 1-2-1s in the year, the busiest first. Read
# from the entries (the covering (kind, contact, date) index; CROSS JOIN keeps that
# order), not from the contacts: a first day's 100,000 connections and no entry cost
# 0.1 ms instead of 40 (mature 100,000: 77-120 ms, was 90-170).
_SQL = f"""
SELECT c.id, c.first_name, c.last_name, count(DISTINCT i.date) AS days,
       sum(i.kind = '1-2-1') AS meetings, max(i.date) AS last, count(*) OVER () AS total
FROM interaction i INDEXED BY interaction_kind_contact CROSS JOIN contact c ON c.id = i.contact_id
WHERE i.kind IN ({_CONTACT_KINDS}) AND i.date >= :since AND i.date <= :on
  AND c.stage = :stage AND c.archived = 0
  AND NOT EXISTS (SELECT 1 FROM snoozed_suggestion s
                  WHERE s.contact_a_id = c.id AND s.contact_b_id = c.id AND s.until > :on)
GROUP BY c.id
HAVING days >= :days OR meetings >= :meetings
ORDER BY meetings >= :meetings DESC, days DESC, last DESC
"""


def stage_suggestions(
    on: dt.date | None = None, limit: int = 5
) -> tuple[tuple[StageSuggestion, ...], int]:
    """The first `limit` suggestions on the day `on`, and how many there are."""
    on = on or dt.date.today()
    params = {
        "since": (on - dt.timedelta(days=LOOK_BACK_DAYS)).isoformat(),
        "on": on.isoformat(),
        "stage": DEFAULT_STAGE,
        "days": IN_TOUCH_DAYS,
        "meetings": ONE_TO_ONES,
    }
    # One pass: the count of them all comes with the first rows (count(*) OVER ()).
    rows = execute(f"{_SQL} LIMIT :limit", {**params, "limit": limit}).fetchall()
    total = rows[0][-1] if rows else 0
    suggestions = tuple(
        StageSuggestion(
            contact_id,
            display_name(first, last),
            DEFAULT_STAGE,
            "1-2-1" if meetings >= ONE_TO_ONES else "conversation",
            _reason(days, meetings, dt.date.fromisoformat(last_day), on),
        )
        for contact_id, first, last, days, meetings, last_day, _total in rows
    )
    return suggestions, total


def _reason(days: int, meetings: int, last: dt.date, on: dt.date) -> str:
    # The last time too: moved along, someone last in touch months ago is due at once.
    lately = f"most recently {relative_date(last, on)}"
    if meetings >= ONE_TO_ONES:
        # The days too: they order the list, and "2 1-2-1s" above "5 1-2-1s" puzzles.
        return f"{meetings} 1-2-1s, in touch on {days} days in the last year, {lately}"
    return f"In touch on {days} days in the last year, {lately}"


def put_off(contact_id: int, until: dt.date) -> None:
    """Not suggest moving this contact before `until`."""
    with transaction():
        bring_back(contact_id)
        execute(
            "INSERT INTO snoozed_suggestion (contact_a_id, contact_b_id, until) VALUES (?, ?, ?)",
            (contact_id, contact_id, until.isoformat()),
        )


def bring_back(contact_id: int) -> None:
    """Suggest moving this contact again (undo of `put_off`)."""
    with transaction():
        execute(
            "DELETE FROM snoozed_suggestion WHERE contact_a_id = ? AND contact_b_id = ?",
            (contact_id, contact_id),
        )
