"""1-2-1 meetings: planned, held (a 1-2-1 entry, the story, the stage) or cancelled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, meetings, merge, queries, timeline
from relate.validation import NotFoundError, ValidationError

AT = dt.datetime(2026, 12, 1, 9, 30)


def test_a_planned_meeting_is_not_contact_until_held(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams", stage="conversation", story="Runs a studio.")
    timeline.log_interaction(ann, "call", date="2026-11-01")
    meeting_id = meetings.schedule_meeting(
        ann, "2026-12-01 09:30", place="Phoenix Coffee", agenda="BIM group\nAsk about Lisbon"
    )
    meeting = meetings.get_meeting(meeting_id)
    assert (meeting.starts_at, meeting.ends_at) == (AT, AT + dt.timedelta(hours=1))
    assert (meeting.contact_name, meeting.place, meeting.status) == (
        "Ann Adams",
        "Phoenix Coffee",
        "planned",
    )
    assert [e.kind for e in timeline.interactions_for(ann)] == ["call"]
    assert queries.last_contacted(ann) == dt.date(2026, 11, 1)

    interaction_id = meetings.hold_meeting(
        meeting_id, learned="Moving to Lisbon in spring.", advance_stage=True
    )
    held = meetings.get_meeting(meeting_id)
    assert (held.status, held.interaction_id) == ("held", interaction_id)
    entry = timeline.get_interaction(interaction_id)
    assert (entry.kind, entry.date, entry.time, entry.summary, entry.notes) == (
        "1-2-1",
        AT.date(),
        AT.time(),
        "BIM group",
        "Moving to Lisbon in spring.",
    )
    detail = contacts.get_contact(ann)
    assert detail.story == "Runs a studio.\n\n1 Dec 2026: Moving to Lisbon in spring."
    assert detail.stage == "1-2-1"
    assert detail.last_contacted == AT.date()
    with pytest.raises(ValidationError, match="held, not planned"):
        meetings.hold_meeting(meeting_id)


def test_holding_without_agreement_keeps_the_stage(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", stage="connection")
    meeting_id = meetings.schedule_meeting(ann, AT, place="Their office")
    interaction_id = meetings.hold_meeting(meeting_id)
    assert contacts.get_contact(ann).stage == "connection"
    assert contacts.get_contact(ann).story == ""
    assert timeline.get_interaction(interaction_id).summary == "1-2-1 at Their office"


@pytest.mark.parametrize(
    ("stage", "after"),
    [
        ("connection", "1-2-1"),
        ("conversation", "1-2-1"),
        ("1-2-1", "relationship"),
        ("relationship", "advocate"),
        ("advocate", None),
    ],
)
def test_the_stage_moves_forward_one_step_at_least_to_1_2_1(stage: str, after: str | None) -> None:
    assert meetings.next_stage_after_meeting(stage) == after


def test_unhold_plans_it_again_and_removes_the_entry(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    meeting_id = meetings.schedule_meeting(ann, AT)
    interaction_id = meetings.hold_meeting(meeting_id)
    meetings.unhold_meeting(meeting_id)
    assert meetings.get_meeting(meeting_id).is_planned
    with pytest.raises(NotFoundError):
        timeline.get_interaction(interaction_id)
    assert queries.last_contacted(ann) is None


def test_cancel_plan_again_delete_and_restore(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    meeting_id = meetings.schedule_meeting(ann, AT, minutes=90, time_zone="Europe/Paris")
    meetings.cancel_meeting(meeting_id)
    assert meetings.get_meeting(meeting_id).status == "cancelled"
    assert meetings.planned_meetings(AT.date(), 7) == []
    meetings.cancel_meeting(meeting_id, cancelled=False)
    assert [m.id for m in meetings.planned_meetings(AT.date(), 7)] == [meeting_id]
    record = meetings.delete_meeting(meeting_id)
    assert meetings.meetings_for(ann) == []
    meetings.restore_meeting(record)
    assert meetings.get_meeting(meeting_id) == record
    assert record.time_zone == "Europe/Paris" and record.minutes == 90
    meetings.hold_meeting(meeting_id)
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        meetings.cancel_meeting(meeting_id)


def test_planned_meetings_in_a_window_soonest_first(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    bob = contacts.create_contact("Bob")
    gone = contacts.create_contact("Gone")
    later = meetings.schedule_meeting(ann, "2026-12-07 23:59")
    first = meetings.schedule_meeting(bob, "2026-12-01 08:00")
    outside = meetings.schedule_meeting(bob, "2026-12-08 00:00")
    meetings.schedule_meeting(gone, "2026-12-02 10:00")
    contacts.set_archived([gone])
    found = meetings.planned_meetings(dt.date(2026, 12, 1), 7)
    assert [m.id for m in found] == [first, later]
    assert [m.id for m in meetings.planned_meetings(dt.date(2026, 12, 1), 7, bob)] == [first]
    assert meetings.next_planned(bob, dt.date(2026, 12, 2)).id == outside
    assert [m.id for m in meetings.meetings_for(bob)] == [outside, first]


def test_bad_meetings_are_refused(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    with pytest.raises(ValidationError, match="YYYY-MM-DD HH:MM"):
        meetings.schedule_meeting(ann, "1 December at nine")
    with pytest.raises(ValidationError, match="YYYY-MM-DD HH:MM"):
        meetings.schedule_meeting(ann, "2026-02-30 10:00")
    with pytest.raises(ValidationError, match="1 to 1440 minutes"):
        meetings.schedule_meeting(ann, AT, minutes=0)
    with pytest.raises(NotFoundError):
        meetings.schedule_meeting(999, AT)
    with pytest.raises(ValidationError, match="no field colour"):
        meetings.update_meeting(meetings.schedule_meeting(ann, AT), colour="red")
    with pytest.raises(NotFoundError):
        meetings.get_meeting(999)


def test_meetings_follow_a_merge_and_come_back_on_undo(db_path: Path) -> None:
    keep = contacts.create_contact("Ann", "Adams", emails=["ann@a.example"])
    drop = contacts.create_contact("Ann", "Adams", emails=["ann@b.example"])
    meeting_id = meetings.schedule_meeting(drop, AT)
    merge_id = merge.merge_contacts(keep, drop)
    assert meetings.get_meeting(meeting_id).contact_id == keep
    assert merge.undo_merge(merge_id) == drop
    assert meetings.get_meeting(meeting_id).contact_id == drop


def test_deleting_a_contact_deletes_its_meetings(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    meeting_id = meetings.schedule_meeting(ann, AT)
    contacts.delete_contacts([ann])
    with pytest.raises(NotFoundError):
        meetings.get_meeting(meeting_id)


# Changes of clocks ---------------------------------------------------------------------

SPRING_GAP = dt.datetime(2027, 3, 28, 2, 30)  # Europe/Paris: 02:00 becomes 03:00
AUTUMN_TWICE = dt.datetime(2027, 10, 31, 2, 30)  # Europe/Paris: 03:00 becomes 02:00


@pytest.fixture
def in_paris(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> int:
    """A contact, on a machine whose clock is Paris time."""
    monkeypatch.setattr(meetings, "local_zone_name", lambda: "Europe/Paris")
    return contacts.create_contact("Ann")


def test_a_time_the_clocks_skip_is_refused_in_a_sentence(in_paris: int) -> None:
    sentence = (
        "There is no 02:30 on Sun 28 Mar 2027 in Europe/Paris: the clocks go forward"
        " from 02:00 to 03:00. Pick another time."
    )
    with pytest.raises(ValidationError) as refused:
        meetings.schedule_meeting(in_paris, "2027-03-28 02:30")
    assert str(refused.value) == sentence
    with pytest.raises(ValidationError, match="no 02:00 on Sun 14 Mar 2027 in America/New_York"):
        meetings.schedule_meeting(in_paris, "2027-03-14 02:00", time_zone="America/New_York")
    meeting_id = meetings.schedule_meeting(in_paris, "2027-03-28 03:00")
    with pytest.raises(ValidationError, match="There is no 02:30"):
        meetings.update_meeting(meeting_id, starts_at=SPRING_GAP)
    # In Kolkata the clocks never change: 02:30 is there.
    meetings.update_meeting(meeting_id, starts_at=SPRING_GAP, time_zone="Asia/Kolkata")
    with pytest.raises(ValidationError, match="There is no 02:30"):
        meetings.update_meeting(meeting_id, time_zone="Europe/Paris")
    assert meetings.get_meeting(meeting_id).time_zone == "Asia/Kolkata"


def test_a_time_the_clocks_repeat_keeps_which_of_the_two_it_is(in_paris: int) -> None:
    first = meetings.schedule_meeting(in_paris, AUTUMN_TWICE, minutes=45)
    second = meetings.schedule_meeting(in_paris, AUTUMN_TWICE.replace(fold=1), minutes=45)
    text = meetings.schedule_meeting(in_paris, "2027-10-31 02:30", minutes=45)
    assert [meetings.get_meeting(i).starts_at.fold for i in (first, second, text)] == [0, 1, 0]
    record = meetings.get_meeting(second)
    assert record.starts_at == AUTUMN_TWICE and record.time_zone == "Europe/Paris"
    # It ends 45 minutes of real time later: 02:15 on the clock, after the clocks went back.
    assert meetings.get_meeting(first).ends_at == dt.datetime(2027, 10, 31, 2, 15, fold=1)
    assert record.ends_at == dt.datetime(2027, 10, 31, 3, 15)
    # Listed, moved, undone and restored, it stays the second.
    listed = meetings.planned_meetings(AUTUMN_TWICE.date(), 1)
    assert [(m.id, m.starts_at.fold) for m in listed] == [(first, 0), (text, 0), (second, 1)]
    meetings.update_meeting(first, starts_at=AUTUMN_TWICE.replace(fold=1))
    assert meetings.get_meeting(first).starts_at.fold == 1
    meetings.update_meeting(first, starts_at=AUTUMN_TWICE)
    assert meetings.get_meeting(first).starts_at.fold == 0
    meetings.update_meeting(second, place="Café", minutes=30)
    assert meetings.get_meeting(second).starts_at.fold == 1
    gone = meetings.delete_meeting(second)
    meetings.restore_meeting(gone)
    assert meetings.get_meeting(second).starts_at.fold == 1
    interaction = meetings.hold_meeting(second)
    assert timeline.get_interaction(interaction).time == dt.time(2, 30)


def test_a_meeting_across_a_change_of_clocks_ends_after_its_minutes(in_paris: int) -> None:
    spring = meetings.schedule_meeting(in_paris, "2027-03-28 01:30", minutes=60)
    assert meetings.get_meeting(spring).ends_at == dt.datetime(2027, 3, 28, 3, 30)
    autumn = meetings.schedule_meeting(in_paris, "2027-10-31 01:45", minutes=90)
    assert meetings.get_meeting(autumn).ends_at == dt.datetime(2027, 10, 31, 2, 15, fold=1)


def test_calendar_meetings_are_the_planned_and_the_cancelled_of_those_days(
    db_path: Path,
) -> None:
    ann = contacts.create_contact("Ann")
    gone = contacts.create_contact("Gone")
    planned = meetings.schedule_meeting(ann, "2026-12-01 08:00")
    cancelled = meetings.schedule_meeting(ann, "2026-12-02 08:00")
    meetings.cancel_meeting(cancelled)
    held = meetings.schedule_meeting(ann, "2026-12-03 08:00")
    meetings.hold_meeting(held)
    later = meetings.schedule_meeting(ann, "2026-12-08 08:00")
    meetings.cancel_meeting(later)
    archived = meetings.schedule_meeting(gone, "2026-12-02 10:00")
    contacts.set_archived([gone])
    found = meetings.calendar_meetings(dt.date(2026, 12, 1), 7)
    assert [m.id for m in found] == [planned, cancelled]
    assert archived not in [m.id for m in found]
