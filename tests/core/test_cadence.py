"""Follow-up rhythms: defaults by stage and tag, logging resets, due and going cold, snooze."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import cadence, contacts, queries, tags, timeline
from relate.store.db import db
from relate.validation import NotFoundError, ValidationError

TODAY = dt.date(2026, 6, 15)


def _rhythm(contact_id: int) -> int | None:
    return contacts.get_contact(contact_id).rhythm_days


def _next_due(contact_id: int) -> dt.date | None:
    return contacts.get_contact(contact_id).next_due


# ------------------------------------------------------------------------ the status rule


@pytest.mark.parametrize(
    ("days_overdue", "rhythm", "status"),
    [
        (-1, 30, None),  # due tomorrow
        (0, 30, "due"),  # due today
        (15, 30, "due"),  # overdue by exactly half a rhythm: still only due
        (16, 30, "cold"),  # one day more: going cold
        (7, 14, "due"),
        (8, 14, "cold"),
        (0, 1, "due"),
        (1, 1, "cold"),  # a daily rhythm goes cold the day after (half of 1 is 0)
    ],
)
def test_due_and_going_cold_around_their_boundaries(
    days_overdue: int, rhythm: int, status: str | None
) -> None:
    next_due = TODAY - dt.timedelta(days=days_overdue)
    assert cadence.cadence_status(next_due, rhythm, TODAY) == status


def test_no_rhythm_is_never_due() -> None:
    assert cadence.cadence_status(None, None, TODAY) is None
    assert cadence.cadence_status(TODAY - dt.timedelta(days=400), None, TODAY) is None


def test_the_saved_views_agree_with_the_status_rule(db_path: Path, monkeypatch) -> None:
    """The list's Due and Going cold views (SQL) and cadence_status (Python) say the same."""
    people = {}
    for overdue in (-1, 0, 15, 16, 40):
        who = contacts.create_contact(f"P{overdue}", cadence_days=30)
        timeline.log_interaction(who, "call", date=TODAY - dt.timedelta(days=30 + overdue))
        people[who] = cadence.cadence_status(_next_due(who), 30, TODAY)

    class FrozenDate(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return TODAY

    monkeypatch.setattr(queries.dt, "date", FrozenDate)
    due_view = set(queries.contact_ids(view="due"))
    cold_view = set(queries.contact_ids(view="going-cold"))
    assert due_view == {who for who, status in people.items() if status in ("due", "cold")}
    assert cold_view == {who for who, status in people.items() if status == "cold"}
    assert len(cold_view) == 2 and len(due_view) == 4


# ------------------------------------------------------------------------ logging resets


def test_logging_any_interaction_resets_next_due(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", cadence_days=30)
    timeline.log_interaction(ann, "call", date="2026-01-10")
    assert _next_due(ann) == dt.date(2026, 2, 9)
    for kind, day in (("email", "2026-03-01"), ("gave", "2026-04-01"), ("note", "2026-05-02")):
        timeline.log_interaction(ann, kind, date=day)
        assert _next_due(ann) == dt.date.fromisoformat(day) + dt.timedelta(days=30), kind
    # An older entry logged late does not move it back; deleting the latest does.
    latest = timeline.interactions_for(ann)[0].id
    timeline.log_interaction(ann, "call", date="2026-01-20")
    assert _next_due(ann) == dt.date(2026, 6, 1)
    timeline.delete_interaction(latest)
    assert _next_due(ann) == dt.date(2026, 5, 1)


def test_a_position_change_is_not_contact(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", cadence_days=30)
    timeline.log_interaction(ann, "call", date="2026-01-10")
    timeline.log_interaction(ann, "position-change", date="2026-03-01", summary="now CEO")
    assert _next_due(ann) == dt.date(2026, 2, 9)


def test_without_contact_the_rhythm_counts_from_connecting(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", cadence_days=14, connected_on="2026-01-01")
    assert _next_due(ann) == dt.date(2026, 1, 15)


# ------------------------------------------------------------------------ defaults


def test_a_stage_gives_its_rhythm_to_contacts_without_their_own(db_path: Path) -> None:
    cadence.set_stage_cadence("conversation", 45)
    ann = contacts.create_contact("Ann", stage="conversation")
    bob = contacts.create_contact("Bob", stage="conversation", cadence_days=10)
    cy = contacts.create_contact("Cy")  # a plain connection: no rhythm by default
    assert (_rhythm(ann), _rhythm(bob), _rhythm(cy)) == (45, 10, None)
    # Changing the stage's rhythm moves everyone at that stage at once.
    cadence.set_stage_cadence("conversation", 20)
    assert (_rhythm(ann), _rhythm(bob)) == (20, 10)
    # Moving a contact to another stage takes that stage's rhythm.
    contacts.update_contact(ann, stage="1-2-1")
    assert _rhythm(ann) == cadence.stage_cadences()["1-2-1"]
    contacts.update_contact(ann, stage="connection")
    assert _rhythm(ann) is None
    # Removing a stage's rhythm leaves its contacts without one.
    contacts.update_contact(ann, stage="conversation")
    cadence.set_stage_cadence("conversation", None)
    assert _rhythm(ann) is None and "conversation" not in cadence.stage_cadences()


def test_a_tag_rhythm_wins_over_the_stage_and_the_shortest_tag_wins(db_path: Path) -> None:
    cadence.set_stage_cadence("relationship", 60)
    ann = contacts.create_contact("Ann", stage="relationship", tag_names=["client"])
    assert _rhythm(ann) == 60
    cadence.set_tag_cadence("client", 30)
    assert _rhythm(ann) == 30
    tags.tag_contacts([ann], "board")
    cadence.set_tag_cadence("Board", 14)
    assert _rhythm(ann) == 14
    assert cadence.tag_cadences() == {"board": 14, "client": 30}
    tags.untag_contacts([ann], "board")
    assert _rhythm(ann) == 30
    # Deleting a tag with a rhythm gives its contacts back their stage's.
    db.execute_sql("DELETE FROM tag WHERE key = 'client'")
    assert _rhythm(ann) == 60
    # The contact's own rhythm wins over everything.
    contacts.update_contact(ann, cadence_days=7)
    assert _rhythm(ann) == 7


def test_rhythm_rules_refuse_bad_values(db_path: Path) -> None:
    with pytest.raises(ValidationError, match="stage"):
        cadence.set_stage_cadence("friend", 30)
    with pytest.raises(ValidationError, match="between 1 and"):
        cadence.set_stage_cadence("conversation", 0)
    with pytest.raises(NotFoundError, match="no tag called 'nope'"):
        cadence.set_tag_cadence("nope", 30)


def test_rhythm_labels_read_naturally() -> None:
    assert cadence.rhythm_label(30) == "every month"
    assert cadence.rhythm_label(14) == "every 2 weeks"
    assert cadence.rhythm_label(21) == "every 3 weeks"
    assert cadence.rhythm_label(45) == "every 45 days"
    assert cadence.rhythm_label(180) == "every 6 months"
    assert cadence.rhythm_label(91) == "every quarter"
    assert cadence.rhythm_label(365) == "every year"
    assert cadence.rhythm_label(None) == "no rhythm"


# ------------------------------------------------------------------------ snooze


def test_a_snooze_puts_next_due_off_until_logging_ends_it(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", cadence_days=30)
    timeline.log_interaction(ann, "call", date="2026-01-10")
    cadence.snooze_contact(ann, "2026-03-01")
    assert _next_due(ann) == dt.date(2026, 3, 1)
    assert contacts.get_contact(ann).snoozed_until == dt.date(2026, 3, 1)
    # A snooze earlier than the rhythm's own date changes nothing.
    cadence.snooze_contact(ann, "2026-01-15")
    assert _next_due(ann) == dt.date(2026, 2, 9)
    cadence.snooze_contact(ann, "2026-03-01")
    timeline.log_interaction(ann, "email", date="2026-02-20")
    assert contacts.get_contact(ann).snoozed_until is None
    assert _next_due(ann) == dt.date(2026, 3, 22)
    cadence.snooze_contact(ann, "2026-05-01")
    cadence.snooze_contact(ann, None)
    assert _next_due(ann) == dt.date(2026, 3, 22)
    with pytest.raises(NotFoundError):
        cadence.snooze_contact(999, "2026-05-01")
