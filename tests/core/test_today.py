"""The Today view: due follow-ups, the week's 1-2-1s, who is due and who is going cold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from relate import contacts, followups, meetings, timeline
from relate.today import today_view

ON = dt.date(2026, 6, 15)


def _person(name: str, *, last_contact: int, rhythm: int = 30, stage: str = "conversation") -> int:
    """Someone with a rhythm, last in touch `last_contact` days before ON."""
    who = contacts.create_contact(name, stage=stage, cadence_days=rhythm)
    timeline.log_interaction(who, "call", date=ON - dt.timedelta(days=last_contact))
    return who


def test_follow_ups_due_today_and_overdue_soonest_first(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    gone = contacts.create_contact("Gone")
    late = followups.add_follow_up(ann, "Send the article", ON - dt.timedelta(days=3))
    now = followups.add_follow_up(ann, "Call back", ON)
    followups.add_follow_up(ann, "Next week", ON + dt.timedelta(days=7))
    done = followups.add_follow_up(ann, "Done already", ON - dt.timedelta(days=1))
    followups.complete_follow_up(done)
    followups.add_follow_up(gone, "Archived", ON)
    contacts.set_archived([gone])
    view = today_view(ON, ideas=0)
    assert [(f.id, f.days_overdue) for f in view.follow_ups] == [(late, 3), (now, 0)]
    assert view.follow_ups_total == 2
    assert view.follow_ups[0].contact_name == "Ann"


def test_due_and_going_cold_split_at_half_a_rhythm(db_path: Path) -> None:
    not_yet = _person("NotYet", last_contact=29)
    due_today = _person("DueToday", last_contact=30)
    still_due = _person("StillDue", last_contact=45)  # overdue by exactly half: due
    cold = _person("Cold", last_contact=46)
    contacts.create_contact("NoRhythm", stage="connection")
    view = today_view(ON, ideas=0)
    assert [who.contact_id for who in view.due] == [still_due, due_today]  # longest waiting first
    assert [who.contact_id for who in view.going_cold] == [cold]
    assert (view.due_total, view.going_cold_total) == (2, 1)
    assert not_yet not in {who.contact_id for who in (*view.due, *view.going_cold)}
    assert view.due[0].rhythm_days == 30 and view.due[0].last_contacted == ON - dt.timedelta(45)


def test_logging_or_snoozing_takes_a_contact_off_today(db_path: Path) -> None:
    from relate import cadence

    ann = _person("Ann", last_contact=40)
    bob = _person("Bob", last_contact=40)
    assert {who.contact_id for who in today_view(ON, ideas=0).due} == {ann, bob}
    timeline.log_interaction(ann, "email", date=ON)
    cadence.snooze_contact(bob, ON + dt.timedelta(days=7))
    view = today_view(ON, ideas=0)
    assert view.due == () and view.due_total == 0
    # The snooze wakes up on its day.
    assert [who.contact_id for who in today_view(ON + dt.timedelta(days=7), ideas=0).due] == [bob]


def test_going_cold_most_valuable_first(db_path: Path) -> None:
    plain = _person("Plain", last_contact=100, stage="conversation")
    advocate = _person("Advocate", last_contact=100, stage="advocate")
    giver = _person("Giver", last_contact=100, stage="conversation")
    for kind in ("gave", "received", "gave"):
        timeline.log_interaction(giver, kind, date=ON - dt.timedelta(days=200))
    view = today_view(ON, ideas=0)
    assert [who.contact_id for who in view.going_cold] == [advocate, giver, plain]
    assert view.going_cold[1].exchanges == 3


def test_lists_are_cut_at_the_limit_with_their_full_count(db_path: Path) -> None:
    for n in range(7):
        _person(f"P{n}", last_contact=35)
    view = today_view(ON, limit=5, ideas=0)
    assert len(view.due) == 5 and view.due_total == 7


def test_the_week_s_planned_meetings(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    at = dt.datetime.combine(ON, dt.time(9))
    this_week = meetings.schedule_meeting(ann, at + dt.timedelta(days=6), place="Phoenix")
    meetings.schedule_meeting(ann, at + dt.timedelta(days=7))
    held = meetings.schedule_meeting(ann, at + dt.timedelta(days=1))
    meetings.hold_meeting(held)
    view = today_view(ON, ideas=0)
    assert [m.id for m in view.meetings] == [this_week]
    assert view.meetings[0].place == "Phoenix"


def test_an_empty_database_has_an_empty_day(db_path: Path) -> None:
    view = today_view(ON)
    assert view.is_empty and view.on == ON


def test_a_1_2_1_planned_this_week_counts_as_being_in_touch(db_path: Path) -> None:
    from relate import queries

    booked = _person("Booked", last_contact=40)  # due, with a 1-2-1 in three days
    booked_cold = _person("BookedCold", last_contact=60)  # going cold, 1-2-1 today
    later = _person("Later", last_contact=40)  # due, the 1-2-1 only in ten days
    cancelled = _person("Cancelled", last_contact=40)
    meetings.schedule_meeting(booked, dt.datetime.combine(ON + dt.timedelta(days=3), dt.time(9)))
    meetings.schedule_meeting(booked_cold, dt.datetime.combine(ON, dt.time(17, 30)))
    meetings.schedule_meeting(later, dt.datetime.combine(ON + dt.timedelta(days=10), dt.time(9)))
    called_off = meetings.schedule_meeting(
        cancelled, dt.datetime.combine(ON + dt.timedelta(days=1), dt.time(9))
    )
    meetings.cancel_meeting(called_off)
    view = today_view(ON, ideas=0)
    assert {who.contact_id for who in view.due} == {later, cancelled}
    assert view.going_cold == () and (view.due_total, view.going_cold_total) == (2, 0)
    assert {m.contact_id for m in view.meetings} == {booked, booked_cold}
    # `relate due` follows the same rule.
    assert {c.id for c in queries.due_contacts(ON)} == {later, cancelled}
    # Once the week has passed with the meeting still only planned, they are due again.
    after = today_view(ON + dt.timedelta(days=8), ideas=0)
    assert booked in {who.contact_id for who in (*after.due, *after.going_cold)}


def test_the_list_s_due_views_leave_out_who_has_a_1_2_1_this_week(db_path: Path) -> None:
    from relate import queries

    today = dt.date.today()
    due = contacts.create_contact("Due", stage="conversation", cadence_days=30)
    booked = contacts.create_contact("Booked", stage="conversation", cadence_days=30)
    cold = contacts.create_contact("Cold", stage="conversation", cadence_days=30)
    for who, days in ((due, 40), (booked, 40), (cold, 80)):
        timeline.log_interaction(who, "call", date=today - dt.timedelta(days=days))
    for who in (booked, cold):
        meetings.schedule_meeting(who, dt.datetime.combine(today, dt.time(23, 30)))
    assert queries.contact_ids(view="due") == [due]
    assert queries.contact_ids(view="going-cold") == []
