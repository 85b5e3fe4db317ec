"""Introductions with their timeline entries and follow-up; the give/take ledger;
the stage history the dashboard's funnel reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, followups, introductions, ledger, timeline
from relate.store.db import db
from relate.validation import NotFoundError, ValidationError


def test_introducing_records_both_entries_and_a_follow_up(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    bob = contacts.create_contact("Bob", "Baker")
    made = introductions.introduce(ann, bob, "Both restore boats", date="2026-05-04")
    [record] = introductions.introductions_for(ann)
    assert (record.contact_a_id, record.contact_b_id, record.note) == (
        ann,
        bob,
        "Both restore boats",
    )
    for who, other in ((ann, "Bob Baker"), (bob, "Ann Adams")):
        [entry] = timeline.interactions_for(who)
        assert (entry.kind, entry.sub_kind, entry.summary, entry.notes, entry.date) == (
            "gave",
            "introduction",
            f"Introduced to {other}",
            "Both restore boats",
            dt.date(2026, 5, 4),
        )
    [follow_up] = followups.follow_ups_for(ann)
    assert follow_up.id == made.follow_up_id
    assert follow_up.text == "Ask how the introduction to Bob Baker went"
    assert follow_up.due == dt.date(2026, 5, 18)
    assert followups.follow_ups_for(bob) == []
    # Both count it as a give.
    assert ledger.balance(ann) == ledger.Balance(1, 0) == ledger.balance(bob)

    introductions.undo_introduce(made)
    assert introductions.introductions_for(ann) == []
    assert timeline.interactions_for(ann) == timeline.interactions_for(bob) == []
    assert followups.follow_ups_for(ann) == []


def test_an_introduction_needs_two_people_and_a_reason(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    bob = contacts.create_contact("Bob")
    with pytest.raises(ValidationError, match="why"):
        introductions.introduce(ann, bob, "  ")
    with pytest.raises(ValidationError, match="two different people"):
        introductions.introduce(ann, ann, "Why not")
    with pytest.raises(NotFoundError):
        introductions.introduce(ann, 999, "Why not")
    assert timeline.interactions_for(ann) == [] and followups.follow_ups_for(ann) == []


def test_the_ledger_counts_gave_and_received_entries(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    bob = contacts.create_contact("Bob")
    cy = contacts.create_contact("Cy")
    gone = contacts.create_contact("Gone")
    for kind, sub_kind, who, day in (
        ("gave", "information", ann, "2026-01-05"),
        ("gave", "advice", ann, "2026-03-01"),
        ("received", "referral", ann, "2026-02-01"),
        ("gave", "help", bob, "2026-04-01"),
        ("received", "referral", cy, "2026-02-10"),
        ("received", "help", cy, "2026-03-10"),
        ("received", "help", gone, "2026-03-11"),
        ("call", None, bob, "2026-05-01"),
    ):
        timeline.log_interaction(who, kind, sub_kind=sub_kind, date=day)
    contacts.set_archived([gone])
    assert ledger.balance(ann) == ledger.Balance(2, 1)
    assert ledger.balance(cy) == ledger.Balance(0, 2)
    assert ledger.overall_balance() == ledger.Balance(3, 4)
    assert ledger.overall_balance(since=dt.date(2026, 3, 1)) == ledger.Balance(2, 2)
    assert [(line.name, line.last_given) for line in ledger.recently_helped()] == [
        ("Bob", dt.date(2026, 4, 1)),
        ("Ann", dt.date(2026, 3, 1)),
    ]
    [taker] = ledger.only_taken_from()
    assert (taker.contact_id, taker.received, taker.given) == (cy, 2, 0)


def _stage_changes() -> list[tuple[int, str, str]]:
    rows = db.execute_sql(
        "SELECT contact_id, from_stage, to_stage FROM stage_change ORDER BY id"
    ).fetchall()
    return [tuple(row) for row in rows]


def test_stage_moves_are_recorded_and_a_same_day_reversal_cancels(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    contacts.update_contact(ann, stage="conversation")
    contacts.update_contact(ann, stage="conversation")  # no change, no record
    contacts.update_contact(ann, stage="1-2-1")
    assert _stage_changes() == [(ann, "connection", "conversation"), (ann, "conversation", "1-2-1")]
    contacts.update_contact(ann, stage="conversation")  # an undo, the same day
    assert _stage_changes() == [(ann, "connection", "conversation")]
