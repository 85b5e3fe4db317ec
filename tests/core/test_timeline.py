"""The timeline, follow-ups and introductions, and the dates derived from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, followups, introductions, queries, timeline
from relate.validation import NotFoundError, ValidationError

TODAY = dt.date.today()


@pytest.fixture
def ann(db_path: Path) -> int:
    return contacts.create_contact("Ann", "Smith", cadence_days=30, connected_on="2024-01-01")


def test_logging_defaults_to_today_and_lists_newest_first(ann: int) -> None:
    first = timeline.log_interaction(ann, "met", date="2025-03-01", summary="SMPS breakfast")
    second = timeline.log_interaction(ann, "call", summary="Catch-up", time="16:30")
    entries = timeline.interactions_for(ann)
    assert [e.id for e in entries] == [second, first]
    assert entries[0].date == TODAY and entries[0].time == dt.time(16, 30)


def test_gave_and_received_carry_what_was_exchanged(ann: int) -> None:
    entry = timeline.log_interaction(ann, "gave", sub_kind="Introduction")
    assert timeline.get_interaction(entry).sub_kind == "introduction"
    with pytest.raises(ValidationError, match="Only gave/received"):
        timeline.log_interaction(ann, "call", sub_kind="advice")
    with pytest.raises(ValidationError, match="'bribe' is not a kind of thing gave"):
        timeline.log_interaction(ann, "gave", sub_kind="bribe")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "lunch"}, "'lunch' is not a kind of interaction"),
        ({"kind": "call", "date": "yesterday"}, "'yesterday' is not a date"),
        ({"kind": "call", "time": "25:00"}, "'25:00' is not a time"),
    ],
)
def test_bad_entries_are_refused(ann: int, kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        timeline.log_interaction(ann, **kwargs)
    assert timeline.interactions_for(ann) == []


def test_logging_for_a_missing_contact_is_refused(db_path: Path) -> None:
    with pytest.raises(NotFoundError):
        timeline.log_interaction(42, "call")


def test_editing_and_deleting_entries(ann: int) -> None:
    entry = timeline.log_interaction(ann, "gave", sub_kind="advice", summary="Pricing")
    timeline.update_interaction(entry, kind="received", date="2025-01-02", notes="Thanks")
    changed = timeline.get_interaction(entry)
    assert (changed.kind, changed.sub_kind, changed.notes) == ("received", None, "Thanks")
    with pytest.raises(ValidationError, match="needs a date"):
        timeline.update_interaction(entry, date="")
    removed = timeline.delete_interaction(entry)
    assert removed.summary == "Pricing"
    with pytest.raises(NotFoundError):
        timeline.get_interaction(entry)


def test_last_contacted_and_next_due_follow_the_timeline(ann: int) -> None:
    # No contact yet: due one cadence after connecting.
    assert queries.summaries([ann])[0].next_due == dt.date(2024, 1, 31)
    timeline.log_interaction(ann, "call", date="2025-05-01")
    timeline.log_interaction(ann, "note", date="2025-04-01")
    timeline.log_interaction(ann, "position-change", date="2025-06-01")
    row = queries.summaries([ann])[0]
    assert row.last_contacted == dt.date(2025, 5, 1)
    assert row.next_due == dt.date(2025, 5, 31)
    assert [c.id for c in queries.due_contacts(on=dt.date(2025, 5, 31))] == [ann]
    assert queries.due_contacts(on=dt.date(2025, 5, 30)) == []
    # Logging resets the rhythm.
    timeline.log_interaction(ann, "email", date="2025-05-20")
    assert queries.summaries([ann])[0].next_due == dt.date(2025, 6, 19)
    contacts.update_contact(ann, cadence_days=None)
    assert queries.summaries([ann])[0].next_due is None


def test_follow_ups_open_done_and_rescheduled(ann: int) -> None:
    late = followups.add_follow_up(ann, "Send the article", "2025-01-10")
    soon = followups.add_follow_up(ann, "Call after her move", TODAY + dt.timedelta(days=3))
    assert [f.id for f in followups.open_follow_ups(until=TODAY)] == [late]
    followups.complete_follow_up(late)
    followups.reschedule_follow_up(soon, "2030-01-01")
    items = followups.follow_ups_for(ann)
    assert [(f.id, f.is_open) for f in items] == [(soon, True), (late, False)]
    assert items[0].due == dt.date(2030, 1, 1)
    assert followups.follow_ups_for(ann, include_done=False)[0].id == soon
    followups.complete_follow_up(late, done=False)
    assert len(followups.open_follow_ups()) == 2
    with pytest.raises(ValidationError, match="needs a text"):
        followups.add_follow_up(ann, "  ", "2025-01-01")
    with pytest.raises(ValidationError, match="needs a due date"):
        followups.add_follow_up(ann, "x", "")
    with pytest.raises(NotFoundError):
        followups.complete_follow_up(999)


def test_introductions_between_two_people(ann: int) -> None:
    bob = contacts.create_contact("Bob", "Ng")
    intro = introductions.add_introduction(ann, bob, note="Both sail")
    assert introductions.were_introduced(bob, ann)
    introductions.set_outcome(intro, "They met for lunch")
    (record,) = introductions.introductions_for(bob)
    assert (record.note, record.outcome, record.date) == ("Both sail", "They met for lunch", TODAY)
    with pytest.raises(ValidationError, match="two different people"):
        introductions.add_introduction(ann, ann)
    with pytest.raises(NotFoundError):
        introductions.add_introduction(ann, 999)
