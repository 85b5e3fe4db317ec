"""Which reminders show when, on a fake clock: at their time, a lead before a 1-2-1,
once only, and after a sleep one summary of what was missed, never a burst."""

from __future__ import annotations

import datetime as dt

from relate.reminders import (
    DEFAULT_LEAD,
    FOLLOW_UP,
    MEETING,
    MOST_AT_ONCE,
    Due,
    Reminder,
    reminders_to_show,
)

DAY = dt.date(2026, 12, 2)


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def follow_up(id_: int, hour: int | None, minute: int = 0, text: str = "Send the article") -> Due:
    time = None if hour is None else dt.time(hour, minute)
    return Due(FOLLOW_UP, id_, id_, f"Person {id_}", DAY, time, text)


def meeting(id_: int, hour: int, minute: int = 0, minutes: int = 60) -> Due:
    return Due(MEETING, id_, 100 + id_, f"Guest {id_}", DAY, dt.time(hour, minute), "", minutes)


class Clock:
    """Ticks as a Qt timer would, remembering what was shown as the store does."""

    def __init__(self, items: list[Due], lead: dt.timedelta = DEFAULT_LEAD) -> None:
        self.items, self.lead = items, lead
        self.shown: set[str] = set()
        self.log: list[tuple[dt.datetime, Reminder]] = []

    def tick(self, now: dt.datetime) -> list[Reminder]:
        found = reminders_to_show(now, self.items, self.shown, self.lead)
        for reminder in found:
            self.shown.update(reminder.keys)
            self.log.append((now, reminder))
        return found

    def run(self, start: dt.datetime, end: dt.datetime, step_seconds: int = 30) -> None:
        now = start
        while now <= end:
            self.tick(now)
            now += dt.timedelta(seconds=step_seconds)


def test_a_follow_up_with_a_time_reminds_at_that_time_with_its_own_words() -> None:
    items = [follow_up(1, 14, 0, "Call about the tender")]
    assert reminders_to_show(at(13, 59), items, set()) == []
    [reminder] = reminders_to_show(at(14, 0), items, set())
    assert reminder.title == "Follow-up"
    assert reminder.body == "Person 1 at 14:00: Call about the tender"
    assert not reminder.is_summary and reminder.meeting_id is None


def test_a_1_2_1_reminds_its_lead_before_it_starts_and_offers_the_brief() -> None:
    items = [meeting(7, 10, 0)]
    assert reminders_to_show(at(9, 29), items, set()) == []
    [reminder] = reminders_to_show(at(9, 30), items, set())
    assert reminder.title == "1-2-1 with Guest 7"
    assert reminder.body == "Starts at 10:00. Prepare the brief?"
    assert reminder.meeting_id == 7
    # A lead of ten minutes: not at 09:30, at 09:50.
    lead = dt.timedelta(minutes=10)
    assert reminders_to_show(at(9, 30), items, set(), lead) == []
    assert len(reminders_to_show(at(9, 50), items, set(), lead)) == 1


def test_what_was_shown_is_never_shown_again() -> None:
    clock = Clock([follow_up(1, 9), meeting(2, 11)])
    clock.run(at(8), at(18))
    assert [(when, r.items[0].id) for when, r in clock.log] == [(at(9), 1), (at(10, 30), 2)]


def test_a_follow_up_moved_to_another_time_reminds_again() -> None:
    clock = Clock([follow_up(1, 9)])
    clock.run(at(8), at(10))
    clock.items = [follow_up(1, 15)]
    clock.run(at(10), at(16))
    assert [when for when, _ in clock.log] == [at(9), at(15)]


def test_a_follow_up_without_a_time_reminds_only_when_asked_to() -> None:
    items = [follow_up(1, None)]
    assert reminders_to_show(at(23, 59), items, set()) == []
    [reminder] = reminders_to_show(at(9), items, set(), untimed_at=dt.time(9))
    assert reminder.body == "Person 1: Send the article"


def test_after_a_sleep_the_missed_ones_show_once_as_one_summary() -> None:
    items = [follow_up(1, 9), follow_up(2, 10, 15), meeting(3, 11), follow_up(4, 13)]
    clock = Clock(items)
    clock.run(at(8), at(8, 30))
    # Asleep from 08:30 to 11:20: the 09:00 and 10:15 follow-ups were missed, and the
    # 1-2-1 that began at 11:00 (its reminder was due at 10:30) is under way.
    clock.run(at(11, 20), at(14))
    first, *rest = clock.log
    assert first[0] == at(11, 20)
    assert first[1].missed and first[1].title == "3 missed reminders"
    assert first[1].body.splitlines() == [
        "Person 1 at 09:00: Send the article",
        "Person 2 at 10:15: Send the article",
        "1-2-1 with Guest 3 at 11:00",
    ]
    assert [(when, r.items[0].id, r.missed) for when, r in rest] == [(at(13), 4, False)]


def test_a_1_2_1_that_has_ended_is_not_in_the_summary() -> None:
    clock = Clock([meeting(1, 9, 0, minutes=30), follow_up(2, 9, 10)])
    clock.run(at(8), at(8, 15))
    clock.run(at(12), at(12, 30))
    [(_, summary)] = clock.log
    assert [item.id for item in summary.items] == [2]
    assert summary.title == "Missed reminder"


def test_a_1_2_1_still_ahead_after_waking_reminds_on_its_own() -> None:
    clock = Clock([meeting(1, 10, 0), follow_up(2, 9)])
    clock.run(at(8), at(8, 15))
    clock.run(at(9, 45), at(10))  # the 1-2-1's reminder was due at 09:30; it starts at 10
    assert [(r.missed, [i.id for i in r.items]) for _, r in clock.log] == [
        (True, [2]),
        (False, [1]),
    ]
    assert clock.log[1][1].meeting_id == 1


def test_waking_just_after_a_time_shows_that_one_at_its_time() -> None:
    clock = Clock([follow_up(1, 9), follow_up(2, 11)])
    clock.run(at(8), at(8, 30))
    clock.run(at(11, 2), at(11, 3))
    assert [(r.missed, r.items[0].id) for _, r in clock.log] == [(True, 1), (False, 2)]


def test_what_came_due_more_than_a_day_ago_is_left_to_today() -> None:
    yesterday = DAY - dt.timedelta(days=1)
    items = [Due(FOLLOW_UP, 1, 1, "Ann", yesterday, dt.time(9), "Old")]
    assert reminders_to_show(at(9, 1), items, set()) == []
    assert len(reminders_to_show(at(8, 59), items, set())) == 1


def test_many_at_the_same_moment_are_one_notification_not_a_burst() -> None:
    items = [follow_up(n, 9) for n in range(1, 8)]
    clock = Clock(items)
    clock.run(at(8), at(10))
    [(when, reminder)] = clock.log
    assert when == at(9) and not reminder.missed and reminder.title == "7 reminders"
    lines = reminder.body.splitlines()
    assert len(lines) == 5 and lines[-1] == "and 3 more"
    assert len(reminder.keys) == 7


def test_up_to_the_most_at_once_each_show_on_their_own() -> None:
    items = [follow_up(n, 9) for n in range(1, MOST_AT_ONCE + 1)]
    found = reminders_to_show(at(9), items, set())
    assert [len(r.items) for r in found] == [1] * MOST_AT_ONCE


def test_a_day_with_a_sleep_never_shows_anything_twice_or_in_a_burst() -> None:
    items = [follow_up(n, 8 + n // 3, (n * 7) % 60) for n in range(1, 30)]
    items += [meeting(100 + n, 9 + n, 30) for n in range(6)]
    clock = Clock(items)
    clock.run(at(7), at(10, 10))
    clock.run(at(13, 40), at(23, 59))  # slept 10:10 to 13:40
    keys = [key for _, reminder in clock.log for key in reminder.keys]
    assert len(keys) == len(set(keys))
    per_tick: dict[dt.datetime, int] = {}
    for when, _ in clock.log:
        per_tick[when] = per_tick.get(when, 0) + 1
    assert max(per_tick.values()) <= MOST_AT_ONCE + 1
    assert sum(reminder.missed for _, reminder in clock.log) == 1
    # Everything was shown but the 1-2-1s both due and over while asleep (11:30, 12:30).
    ended = {"1-2-1:102", "1-2-1:103"}
    assert {key.split("@")[0] for key in keys} == {
        f"{item.kind}:{item.id}" for item in items
    } - ended


def test_a_new_lead_does_not_remind_of_the_same_1_2_1_again() -> None:
    clock = Clock([meeting(1, 10)])
    clock.run(at(9), at(9, 35))
    clock.lead = dt.timedelta(minutes=10)
    clock.run(at(9, 35), at(10, 30))
    assert [when for when, _ in clock.log] == [at(9, 30)]
