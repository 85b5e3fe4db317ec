"""The networking loop on the command line: today, meet, held, introduce, rhythm, snooze,
stats, as a user types them."""

# The fixtures come from test_cli by import, so tests naming them "redefine" them.
# ruff: noqa: F811

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from relate import meetings
from relate.dates import day_text
from tests.core.test_cli import (  # noqa: F401 (fixtures used by name)
    _isolated_environment,
    add,
    db_path,
    detail,
    fails,
    ok,
    run,
    usage_error,
)

TODAY = dt.date.today()


def test_meet_list_hold_and_cancel(run) -> None:
    ann = add(run, "Ann", "Adams", "--stage", "conversation")
    when = f"{TODAY + dt.timedelta(days=2)} 09:30"
    meeting = int(ok(run("meet", "Ann", "--at", when, "--place", "Phoenix", "--agenda", "BIM")))
    later = int(ok(run("meet", str(ann), "--at", f"{TODAY + dt.timedelta(days=40)} 10:00")))
    listed = ok(run("meetings"))
    assert f"{meeting:>5}  {when}  Ann Adams at Phoenix: BIM" in listed
    assert str(later) not in listed.split()  # beyond the 30 days shown
    assert str(later) in ok(run("meetings", "--days", "60")).split()
    # A planned meeting is no entry on the timeline yet.
    assert detail(run, ann)["interactions"] == []
    out = ok(run("held", str(meeting), "--learned", "Moving to Lisbon", "--advance"))
    assert "Ann Adams" in out and "stage: 1-2-1" in out
    shown = detail(run, ann)
    assert [e["kind"] for e in shown["interactions"]] == ["1-2-1"]
    assert shown["story"].endswith("Moving to Lisbon")
    ok(run("cancel-meeting", str(later)))
    assert ok(run("meetings", "--days", "60")) == ""
    fails(run("held", str(meeting)), "held, not planned")
    fails(run("meet", "Ann", "--at", "tomorrow"), "YYYY-MM-DD HH:MM")
    fails(run("meet", "Nobody", "--at", when), "Nobody")


def test_introduce_records_both_sides_and_a_follow_up(run) -> None:
    add(run, "Ann", "Adams")
    add(run, "Bob", "Baker")
    out = ok(run("introduce", "Ann", "Bob", "--why", "Both restore boats"))
    assert "recorded on both timelines" in out
    for who, other in (("Ann", "Bob Baker"), ("Bob", "Ann Adams")):
        [entry] = detail(run, who)["interactions"]
        assert (entry["kind"], entry["sub_kind"]) == ("gave", "introduction")
        assert entry["summary"] == f"Introduced to {other}"
    [follow_up] = detail(run, "Ann")["follow_ups"]
    assert follow_up["text"] == "Ask how the introduction to Bob Baker went"
    fails(run("introduce", "Ann", "Ann", "--why", "x"), "two different people")


def test_today_in_text_and_json(run) -> None:
    ann = add(run, "Ann", "Adams", "--cadence", "30")
    ok(run("log", str(ann), "call", "--date", str(TODAY - dt.timedelta(days=35))))
    ok(run("follow-up", str(ann), "Send the article", "--due", str(TODAY)))
    bob = add(run, "Bob", "Baker", "--cadence", "30")
    ok(run("log", str(bob), "call", "--date", str(TODAY - dt.timedelta(days=35))))
    ok(run("meet", str(ann), "--at", f"{TODAY + dt.timedelta(days=1)} 08:00"))
    text = ok(run("today"))
    assert text.startswith(f"Today, {TODAY:%A}")
    assert "Follow-ups due (1)" in text and "Ann Adams: Send the article" in text
    assert "1-2-1s in the next 7 days (1)" in text
    # Ann's 1-2-1 tomorrow keeps her in touch: only Bob is due.
    assert "Due to be in touch (1)" in text and "every month" in text
    assert "Going cold\n  Nobody is going cold." in text
    # The same sections, titles and empty texts as the window's Today page.
    assert "Someone you could help\n  No introduction to suggest yet" in text
    assert "`relate tag NAME --category need`" in text
    data = json.loads(ok(run("today", "--json")))
    assert data["due_total"] == 1 and data["due"][0]["contact_id"] == bob
    assert data["meetings"][0]["contact_name"] == "Ann Adams"
    # A later day: the follow-up is overdue, the 1-2-1 past, and both have gone cold.
    later = json.loads(ok(run("today", "--json", "--date", str(TODAY + dt.timedelta(days=20)))))
    assert later["going_cold_total"] == 2 and later["follow_ups"][0]["days_overdue"] == 20
    fails(run("today", "--limit", "0"), "--limit")


def test_rhythms_by_stage_and_tag_and_snooze(run) -> None:
    ann = add(run, "Ann", "--stage", "relationship", "--tag", "client")
    listed = ok(run("rhythm"))
    assert "relationship   every 2 months" in listed and "connection     no rhythm" in listed
    ok(run("rhythm", "--stage", "relationship", "45", "--tag", "client", "14"))
    assert "tag client" in ok(run("rhythm")) and "every 2 weeks" in ok(run("rhythm"))
    assert detail(run, ann)["rhythm_days"] == 14
    ok(run("rhythm", "--tag", "client", "0"))
    assert detail(run, ann)["rhythm_days"] == 45
    fails(run("rhythm", "--stage", "friend", "30"), "stage")
    # A bad value anywhere leaves the good ones before it unwritten too.
    fails(run("rhythm", "--stage", "connection", "7", "--stage", "advocate", "often"))
    assert "connection     no rhythm" in ok(run("rhythm"))
    assert (
        ok(run("snooze", "Ann", "--days", "10"))
        == f"Snoozed until {day_text(TODAY + dt.timedelta(days=10), weekday=True)}.\n"
    )
    assert detail(run, ann)["snoozed_until"] == str(TODAY + dt.timedelta(days=10))
    assert ok(run("snooze", "Ann", "--off")) == "Snooze ended.\n"
    fails(run("snooze", "Ann", "--days", "0"), "--days")


def test_stats_in_text_and_json(run) -> None:
    ann = add(run, "Ann", "--stage", "conversation")
    ok(run("edit", str(ann), "--stage", "1-2-1"))
    ok(run("log", str(ann), "gave", "--sub-kind", "advice", "--date", str(TODAY)))
    text = ok(run("stats"))
    assert "1-2-1                1   +1" in text
    assert "gave 1, received 0" in text
    data = json.loads(ok(run("stats", "--json")))
    assert [s["stage"] for s in data["funnel"]][:2] == ["connection", "conversation"]
    assert len(data["weeks"]) == 26 and data["weeks"][-1]["gives"] == 1


# Times the clocks skip or repeat -----------------------------------------------------------


class _Terminal(io.StringIO):
    """Standard input that is a terminal, with the user's answer typed in."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def paris_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meetings, "local_zone_name", lambda: "Europe/Paris")


def test_meet_refuses_a_time_the_clocks_skip(run, paris_clock) -> None:
    add(run, "Ann", "Adams")
    err = fails(run("meet", "Ann", "--at", "2027-03-28 02:30"))
    assert err == (
        "relate: There is no 02:30 on Sun 28 Mar 2027 in Europe/Paris: the clocks go"
        " forward from 02:00 to 03:00. Pick another time.\n"
    )
    assert ok(run("meetings", "--days", "36500")) == ""


def test_meet_asks_which_of_a_repeated_time_or_takes_fold(
    run, usage_error, paris_clock, monkeypatch
) -> None:
    add(run, "Ann", "Adams")
    # Not at a terminal, it says how to choose and plans nothing.
    err = fails(run("meet", "Ann", "--at", "2027-10-31 02:30"))
    assert err == (
        "relate: 02:30 on Sun 31 Oct 2027 happens twice in Europe/Paris: the clocks go back"
        " from 03:00 to 02:00. Add --fold 0 for the first (CEST, UTC+02:00), or --fold 1"
        " for the second (CET, UTC+01:00).\n"
    )
    second = int(ok(run("meet", "Ann", "--at", "2027-10-31 02:30", "--fold", "1")))
    first = int(ok(run("meet", "Ann", "--at", "2027-10-31 02:40", "--fold", "0")))
    assert meetings.get_meeting(second).starts_at.fold == 1
    assert meetings.get_meeting(first).starts_at.fold == 0
    # At a terminal, it asks.
    asked = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return "second"

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("builtins.input", answer)
    chosen = int(ok(run("meet", "Ann", "--at", "2027-10-31 02:45")))
    assert asked == [
        "02:45 on Sun 31 Oct 2027 happens twice in Europe/Paris: the clocks go back from 03:00"
        " to 02:00. Which do you mean: the first (CEST, UTC+02:00) or the second (CET,"
        " UTC+01:00)? [first/second] "
    ]
    assert meetings.get_meeting(chosen).starts_at.fold == 1
    monkeypatch.setattr("builtins.input", lambda prompt: "")
    fails(run("meet", "Ann", "--at", "2027-10-31 02:45"), "answer first or second")
    # --fold on a time that happens once is no question at all.
    once = int(ok(run("meet", "Ann", "--at", "2027-11-02 09:00", "--fold", "1")))
    assert meetings.get_meeting(once).starts_at == dt.datetime(2027, 11, 2, 9)
    assert "invalid choice: 2" in usage_error(
        "meet", "Ann", "--at", "2027-10-31 02:30", "--fold", "2"
    )
