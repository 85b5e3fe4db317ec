"""The dashboard's figures: funnel and movement, weekly buckets, give/take, cadence kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import network_stats
from relate.cadence import cadence_status, snooze_contact
from relate.contacts import create_contact, set_archived, update_contact
from relate.ledger import Balance
from relate.network_stats import CadenceKept, network_health, quarter_start
from relate.store.db import db
from relate.timeline import log_interaction
from relate.vocabulary import STAGES

TODAY = dt.date(2026, 7, 15)  # a Wednesday, in the quarter that began on 1 July
DAY = dt.timedelta(days=1)


def move(contact_id: int, stage: str, on: dt.date) -> None:
    """Change a contact's stage and date the history the trigger wrote (it uses the
    real today)."""
    update_contact(contact_id, stage=stage)
    db.execute_sql(
        "UPDATE stage_change SET changed_on = ? WHERE id ="
        " (SELECT max(id) FROM stage_change WHERE contact_id = ?)",
        (on.isoformat(), contact_id),
    )


def by_stage(today: dt.date = TODAY) -> dict[str, tuple[int, int]]:
    return {s.stage: (s.count, s.moved_in) for s in network_health(today).funnel}


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
        (dt.date(2026, 3, 31), dt.date(2026, 1, 1)),
        (dt.date(2026, 4, 1), dt.date(2026, 4, 1)),
        (dt.date(2026, 9, 30), dt.date(2026, 7, 1)),
        (dt.date(2026, 12, 31), dt.date(2026, 10, 1)),
    ],
)
def test_quarter_start(day: dt.date, start: dt.date) -> None:
    assert quarter_start(day) == start


def test_an_empty_network(db_path: Path) -> None:
    health = network_health(TODAY)
    assert [s.stage for s in health.funnel] == list(STAGES)
    assert all(s.count == 0 and s.moved_in == 0 for s in health.funnel)
    assert len(health.weeks) == network_stats.WEEKS == 26
    assert all(w.one_to_ones == 0 and w.gives == 0 for w in health.weeks)
    assert health.balance_recent == health.balance_all == Balance(0, 0)
    assert health.cadence == CadenceKept(0, 0, 0, 0)
    assert health.cadence.share is None
    assert health.quarter_start == dt.date(2026, 7, 1)


def test_funnel_counts_contacts_at_each_stage_leaving_out_the_archive(db_path: Path) -> None:
    for n in range(3):
        create_contact(f"C{n}", connected_on="2020-01-01")
    create_contact("Conv", stage="conversation", connected_on="2020-01-01")
    create_contact("Adv", stage="advocate", connected_on="2020-01-01")
    gone = create_contact("Gone", stage="advocate", connected_on="2020-01-01")
    set_archived([gone])
    counts = {stage: count for stage, (count, _) in by_stage().items()}
    assert counts == {
        "connection": 3,
        "conversation": 1,
        "1-2-1": 0,
        "relationship": 0,
        "advocate": 1,
    }


def test_new_connections_this_quarter_from_the_first_day(db_path: Path) -> None:
    start = dt.date(2026, 7, 1)
    create_contact("First", connected_on=start)
    create_contact("Today", connected_on=TODAY, stage="conversation")  # new, whatever stage
    create_contact("Before", connected_on=start - DAY)
    create_contact("After", connected_on=TODAY + DAY)
    gone = create_contact("Gone", connected_on=TODAY)
    set_archived([gone])
    # Without a connected-on date, the day the contact was added counts.
    added = create_contact("Added")
    older = create_contact("Older")
    db.execute_sql("UPDATE contact SET created_at = ? WHERE id = ?", (f"{start} 08:30:00", added))
    db.execute_sql(
        "UPDATE contact SET created_at = ? WHERE id = ?", (f"{start - DAY} 23:59:59", older)
    )
    assert by_stage()["connection"][1] == 3


def test_movement_counts_contacts_moved_forward_into_a_stage_this_quarter(
    db_path: Path,
) -> None:
    start = quarter_start(TODAY)
    ids = {name: create_contact(name, connected_on="2020-01-01") for name in "abcdefg"}
    move(ids["a"], "conversation", start)  # on the quarter's first day: counts
    move(ids["b"], "conversation", start - DAY)  # the day before: not this quarter
    move(ids["c"], "conversation", start - DAY)
    move(ids["c"], "1-2-1", TODAY)  # two steps: each stage counts once
    move(ids["c"], "relationship", TODAY)
    move(ids["d"], "relationship", TODAY + DAY)  # after today: not yet
    move(ids["e"], "relationship", start)
    move(ids["e"], "conversation", start + DAY)  # moved back: not progress
    move(ids["f"], "1-2-1", start)
    move(ids["f"], "conversation", start + DAY)
    move(ids["f"], "1-2-1", start + 2 * DAY)  # into 1-2-1 twice: one contact
    move(ids["g"], "advocate", start)
    set_archived([ids["g"]])  # archived: left out, like the counts
    moved = {stage: moved_in for stage, (_, moved_in) in by_stage().items()}
    assert moved == {
        "connection": 0,
        "conversation": 1,
        "1-2-1": 2,
        "relationship": 2,
        "advocate": 0,
    }


def test_weekly_buckets_are_monday_weeks_ending_with_the_week_of_today(db_path: Path) -> None:
    who = create_contact("Ann")
    gone = create_contact("Gone")
    weeks = network_health(TODAY).weeks
    first = weeks[0].start
    assert first.weekday() == 0 and weeks[-1].start == TODAY - 2 * DAY
    assert [w.start for w in weeks] == [first + dt.timedelta(weeks=n) for n in range(26)]
    for day in (first, first + 6 * DAY):  # the first week's Monday and Sunday
        log_interaction(who, "1-2-1", date=day)
    log_interaction(who, "1-2-1", date=first - DAY)  # the Sunday before: outside
    log_interaction(who, "1-2-1", date=first + 7 * DAY)  # the second week's Monday
    log_interaction(who, "1-2-1", date=TODAY)
    log_interaction(who, "1-2-1", date=TODAY + DAY)  # not held yet
    log_interaction(who, "gave", sub_kind="advice", date=TODAY - 2 * DAY)
    log_interaction(who, "received", sub_kind="help", date=TODAY)  # not a give
    log_interaction(who, "call", date=TODAY)
    log_interaction(gone, "gave", sub_kind="referral", date=first)
    set_archived([gone])  # what was done stays done
    weeks = network_health(TODAY).weeks
    assert [(w.one_to_ones, w.gives) for w in weeks if w.one_to_ones or w.gives] == [
        (2, 1),
        (1, 0),
        (1, 1),
    ]
    assert (weeks[0].one_to_ones, weeks[1].one_to_ones, weeks[-1].one_to_ones) == (2, 1, 1)


def test_the_last_week_holds_today_on_a_monday_and_a_sunday(db_path: Path) -> None:
    monday, sunday = dt.date(2026, 7, 13), dt.date(2026, 7, 19)
    assert network_health(monday).weeks[-1].start == monday
    assert network_health(sunday).weeks[-1].start == monday


def test_balance_over_the_chart_months_and_all_time(db_path: Path) -> None:
    who = create_contact("Ann")
    health = network_health(TODAY)
    since = health.since
    log_interaction(who, "gave", sub_kind="advice", date=since)
    log_interaction(who, "gave", sub_kind="introduction", date=since - DAY)
    log_interaction(who, "received", sub_kind="referral", date=TODAY)
    log_interaction(who, "received", sub_kind="help", date="2019-05-01")
    health = network_health(TODAY)
    assert health.balance_recent == Balance(given=1, received=1)
    assert health.balance_all == Balance(given=2, received=2)


def test_cadence_kept_follows_the_due_and_cold_rule(db_path: Path) -> None:
    # Each connected `n` days before today with a 30-day rhythm: next due 30 - n from now.
    def person(name: str, days_ago: int) -> int:
        return create_contact(
            name, cadence_days=30, connected_on=TODAY - dt.timedelta(days=days_ago)
        )

    ids = [
        person("Tomorrow", 29),  # on time, not due
        person("Today", 30),  # due today: still on time
        person("Yesterday", 31),  # overdue, due
        person("Half", 45),  # overdue by half the rhythm: due, not yet cold
        person("Cold", 46),  # overdue by more: going cold
    ]
    snoozed = person("Snoozed", 60)
    snooze_contact(snoozed, TODAY + 3 * DAY)  # a snooze puts the next due date later
    archived = person("Archived", 60)
    set_archived([archived])
    create_contact("No rhythm", connected_on="2020-01-01")
    cadence = network_health(TODAY).cadence
    assert cadence == CadenceKept(with_rhythm=6, on_time=3, due=3, cold=1)
    assert cadence.overdue == 3
    assert cadence.share == pytest.approx(0.5)
    # The same rule as the list's and Today's: cadence.cadence_status.
    marks = ",".join("?" * len(ids))
    rows = db.execute_sql(
        f"SELECT next_due, rhythm_days FROM contact WHERE id IN ({marks}) ORDER BY id", ids
    ).fetchall()
    statuses = [cadence_status(dt.date.fromisoformat(d), r, TODAY) for d, r in rows]
    assert statuses == [None, "due", "due", "due", "cold"]


def test_a_stage_rhythm_counts_too(db_path: Path) -> None:
    # Conversations get a 90-day rhythm by default (migration 6).
    create_contact("Conv", stage="conversation", connected_on=TODAY - dt.timedelta(days=100))
    cadence = network_health(TODAY).cadence
    assert (cadence.with_rhythm, cadence.on_time, cadence.due, cadence.cold) == (1, 0, 1, 0)


def test_logging_an_interaction_puts_a_contact_back_on_time(db_path: Path) -> None:
    who = create_contact("Ann", cadence_days=30, connected_on=TODAY - dt.timedelta(days=90))
    assert network_health(TODAY).cadence.cold == 1
    log_interaction(who, "call", date=TODAY - DAY)
    assert network_health(TODAY).cadence == CadenceKept(1, 1, 0, 0)
