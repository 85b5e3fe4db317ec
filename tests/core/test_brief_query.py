"""The data of the 1-2-1 brief, and the question bank it asks from."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest

from relate import (
    contacts,
    followups,
    introduction_ideas,
    introductions,
    meetings,
    tags,
    timeline,
)
from relate.brief import questions
from relate.brief.data import Meeting
from relate.brief.query import brief_data, suggestions_for
from relate.validation import NotFoundError

ON = dt.date(2026, 3, 10)
WORKING_ON = "What are you working on at the moment?"
OUTSIDE_WORK = "What do you like to do outside work?"
HOW_CAN_I_HELP = "How can I help you right now?"
GOOD_INTRODUCTION = "Who would be a good introduction for you at the moment?"


def _days(n: int) -> dt.date:
    return ON - dt.timedelta(days=n)


def _person(first: str, **fields: Any) -> int:
    fields.setdefault("story", "Runs the healthcare studio; wants more hospital work.")
    return contacts.create_contact(first, "Example", **fields)


def _one_to_ones(contact_id: int, count: int) -> None:
    for n in range(count):
        timeline.log_interaction(contact_id, "1-2-1", date=_days(30 * (n + 1)), summary="Coffee")


# --- Header -----------------------------------------------------------------------------


def test_header_says_who_how_we_met_and_how_long_ago(db_path: Path) -> None:
    sam = _person("Sam")
    ann = _person(
        "Ann",
        company="Hartwell",
        position="Principal",
        how_met="SMPS breakfast",
        met_through_id=sam,
        connected_on="2024-05-01",
        stage="conversation",
        location="Cleveland, OH",
    )
    timeline.log_interaction(ann, "call", date=_days(95), summary="Catch-up call")
    timeline.log_interaction(ann, "position-change", date=_days(10), summary="Now Principal")
    brief = brief_data(ann, on=ON)
    assert (brief.name, brief.position, brief.company) == ("Ann Example", "Principal", "Hartwell")
    assert (brief.how_met, brief.met_through, brief.stage) == (
        "SMPS breakfast",
        "Sam Example",
        "conversation",
    )
    assert brief.connected_on == dt.date(2024, 5, 1)
    assert brief.location == "Cleveland, OH"
    # A position change seen on import is not contact.
    assert brief.last_contact == _days(95)
    assert brief.last_contact_words == "3 months ago"
    assert brief.on == ON and brief.meeting is None


def test_someone_never_contacted_says_never(db_path: Path) -> None:
    brief = brief_data(_person("Ann"), on=ON)
    assert (brief.last_contact, brief.last_contact_words) == (None, "never")
    assert brief.entries == () and brief.loops == () and brief.suggestions == ()


def test_an_unknown_contact_is_not_found(db_path: Path) -> None:
    with pytest.raises(NotFoundError):
        brief_data(999, on=ON)


def test_the_next_planned_one_to_one_becomes_the_meeting(db_path: Path) -> None:
    ann = _person("Ann")
    timeline.log_interaction(ann, "1-2-1", date=_days(60), summary="Last coffee")
    at = dt.datetime.combine(ON, dt.time(8, 30))
    meetings.schedule_meeting(ann, at + dt.timedelta(days=20), agenda="Later")
    meetings.schedule_meeting(
        ann, at + dt.timedelta(days=7), place="Phoenix Coffee", agenda="Talk about BIM"
    )
    cancelled = meetings.schedule_meeting(ann, at + dt.timedelta(days=2), agenda="Off")
    meetings.cancel_meeting(cancelled)
    brief = brief_data(ann, on=ON)
    assert brief.meeting == Meeting(
        ON + dt.timedelta(days=7), dt.time(8, 30), "Phoenix Coffee", "Talk about BIM"
    )
    assert [e.summary for e in brief.entries] == ["Last coffee"]

    # Without a date, the brief is for the meeting's day.
    today = dt.date.today()
    bob = _person("Bob")
    meetings.schedule_meeting(
        bob, dt.datetime.combine(today, dt.time(12)) + dt.timedelta(days=3), agenda="Lunch"
    )
    brief = brief_data(bob)
    assert brief.on == today + dt.timedelta(days=3)
    assert brief.meeting is not None and brief.meeting.agenda == "Lunch"
    assert brief.entries == ()


def test_a_given_meeting_sets_the_day(db_path: Path) -> None:
    ann = _person("Ann")
    meeting = Meeting(ON, dt.time(9), "Phoenix Coffee", "Intro to the BIM group")
    brief = brief_data(ann, meeting=meeting)
    assert (brief.on, brief.meeting) == (ON, meeting)


# --- Common ground ----------------------------------------------------------------------


def test_shared_interests_come_apart_from_theirs_and_from_topics_to_avoid(db_path: Path) -> None:
    ann = _person("Ann", tag_names=["jazz", "cycling", "golf", "politics", "Mass Timber"])
    for mine in ("cycling", "mass timber", "trucks", "politics"):
        tags.set_my_interest(mine)
    tags.update_tag(tags.ensure_tag("politics"), avoid=True)
    brief = brief_data(ann, on=ON)
    assert brief.shared_interests == ("cycling", "Mass Timber")
    assert brief.other_interests == ("golf", "jazz")
    assert brief.avoid == ("politics",)


# --- Last conversations -----------------------------------------------------------------


def test_entries_newest_first_capped_with_the_total(db_path: Path) -> None:
    ann = _person("Ann")
    for n in range(35):
        timeline.log_interaction(ann, "email", date=_days(n + 1), summary=f"Email {n}")
    timeline.log_interaction(
        ann, "gave", sub_kind="introduction", date=ON, summary="Introduced to Bob"
    )
    timeline.log_interaction(ann, "call", date=ON + dt.timedelta(days=2), summary="Planned call")
    brief = brief_data(ann, on=ON)
    assert brief.total_entries == 36
    assert len(brief.entries) == 30
    assert brief.entries[0].kind == "gave: introduction"
    assert [e.date for e in brief.entries] == sorted((e.date for e in brief.entries), reverse=True)
    assert all(e.summary != "Planned call" for e in brief.entries)


# --- Open loops -------------------------------------------------------------------------


def test_overdue_loops_come_first_and_are_marked(db_path: Path) -> None:
    ann = _person("Ann")
    followups.add_follow_up(ann, "Call after her move", ON + dt.timedelta(days=5))
    followups.add_follow_up(ann, "Send the mass timber article", _days(3))
    followups.add_follow_up(ann, "Ask about the lab project", _days(20))
    done = followups.add_follow_up(ann, "Already done", _days(40))
    followups.complete_follow_up(done)
    loops = brief_data(ann, on=ON).loops
    assert [(loop.text, loop.overdue) for loop in loops] == [
        ("Ask about the lab project", True),
        ("Send the mass timber article", True),
        ("Call after her move", False),
    ]
    assert not any(loop.theirs for loop in loops)


# --- Give first -------------------------------------------------------------------------


def test_suggestions_share_an_interest_and_skip_the_introduced_and_archived(
    db_path: Path,
) -> None:
    tags.ensure_tag("Cleveland", "place")
    tags.ensure_tag("politics", "other")
    tags.update_tag(tags.ensure_tag("politics"), avoid=True)
    ann = _person("Ann", tag_names=["mass timber", "cycling", "Cleveland", "politics"])
    both = _person(
        "Both", position="Principal", company="Hartwell", tag_names=["mass timber", "cycling"]
    )
    _person("One", tag_names=["cycling"], stage="advocate")
    _person("Town", tag_names=["Cleveland"], stage="advocate")
    _person("Grumpy", tag_names=["politics"])
    _person("Nobody", tag_names=["golf"])
    met = _person("Met", tag_names=["mass timber", "cycling"])
    introductions.add_introduction(met, ann)
    gone = _person("Gone", tag_names=["mass timber", "cycling"])
    contacts.set_archived([gone])
    suggestions = brief_data(ann, on=ON).suggestions
    assert [(s.name, s.role, s.because) for s in suggestions] == [
        ("Both Example", "Principal at Hartwell", "also into cycling, mass timber"),
        ("One Example", "", "also into cycling"),
        ("Town Example", "", "also in Cleveland"),
    ]
    assert [s.name for s in suggestions_for(ann, limit=1)] == ["Both Example"]
    assert "Ann Example" in {s.name for s in suggestions_for(both)}
    assert "Ann Example" not in {s.name for s in suggestions_for(met)}


def test_who_meets_their_stated_need_comes_first_as_today_suggests_it(db_path: Path) -> None:
    ann = _person("Ann", company="Lakeshore", tag_names=["cycling", "jazz"], stage="conversation")
    tags.tag_contacts([ann], "a structural engineer", "need")
    bob = _person(
        "Bob", company="Hartwell", position="Structural Engineer", stage="1-2-1", story=""
    )
    _person("Cy", company="Calder", position="Structural Engineer", stage="connection", story="")
    _person("Col", company="Lakeshore", position="Structural Engineer", stage="advocate")
    _person("Dee", tag_names=["cycling", "jazz"], stage="relationship")
    _person("Eve", tag_names=["cycling"], stage="relationship")
    same = _person("Sam", stage="relationship", tag_names=["cycling"])
    tags.tag_contacts([same], "a structural engineer", "need")
    today_pick = next(
        idea for idea in introduction_ideas.introduction_ideas(ON) if idea.contact_id == ann
    )
    assert today_pick.other_id == bob
    suggestions = brief_data(ann, on=ON).suggestions
    assert [(s.name, s.role, s.because) for s in suggestions] == [
        (
            "Bob Example",
            "Structural Engineer at Hartwell",
            "Ann is looking for a structural engineer; Bob is a Structural Engineer at Hartwell",
        ),
        (
            "Cy Example",
            "Structural Engineer at Calder",
            "Ann is looking for a structural engineer; Cy is a Structural Engineer at Calder",
        ),
        # Col is Ann's colleague; Sam shares her need, which is no interest in common.
        ("Dee Example", "", "also into cycling, jazz"),
        ("Eve Example", "", "also into cycling"),
        ("Sam Example", "", "also into cycling"),
    ]
    # Someone already introduced to her gives way to the next, as on Today.
    introductions.add_introduction(ann, bob, date=_days(1))
    assert [s.name for s in brief_data(ann, on=ON).suggestions][:1] == ["Cy Example"]


def test_one_who_meets_a_need_and_shares_interests_is_listed_once(db_path: Path) -> None:
    ann = _person("Ann", tag_names=["cycling"])
    tags.tag_contacts([ann], "a structural engineer", "need")
    _person("Bob", position="Structural Engineer", stage="1-2-1", tag_names=["cycling"])
    names = [s.name for s in suggestions_for(ann, on=ON)]
    assert names == ["Bob Example"]
    assert [s.name for s in suggestions_for(ann, limit=1, on=ON)] == ["Bob Example"]


def test_equally_matched_suggestions_rank_by_stage_then_name(db_path: Path) -> None:
    ann = _person("Ann", tag_names=["jazz"])
    _person("Zoe", tag_names=["jazz"], stage="relationship")
    _person("Bea", tag_names=["jazz"])
    _person("Abe", tag_names=["jazz"])
    names = [s.name for s in brief_data(ann, on=ON).suggestions]
    assert names == ["Zoe Example", "Abe Example", "Bea Example"]


def test_the_give_and_take_balance_and_introductions_so_far(db_path: Path) -> None:
    ann = _person("Ann")
    bob, cy = _person("Bob"), _person("Cy")
    for sub_kind in ("introduction", "introduction", "information"):
        timeline.log_interaction(ann, "gave", sub_kind=sub_kind, date=_days(5))
    timeline.log_interaction(ann, "received", sub_kind="referral", date=_days(4))
    timeline.log_interaction(ann, "received", date=_days(3))
    introductions.add_introduction(ann, bob, date=_days(30))
    introductions.add_introduction(cy, ann, date=_days(2))
    brief = brief_data(ann, on=ON)
    assert (brief.given, brief.given_by_kind) == (3, (("information", 1), ("introduction", 2)))
    assert (brief.received, brief.received_by_kind) == (2, (("referral", 1), ("other", 1)))
    assert brief.introduced_to == ("Cy Example", "Bob Example")


# --- Questions --------------------------------------------------------------------------


def test_no_story_asks_what_they_are_working_on(db_path: Path) -> None:
    ann = _person("Ann", story="", tag_names=["jazz"])
    chosen = brief_data(ann, on=ON).questions
    assert 2 <= len(chosen) <= 3
    assert chosen[0] == WORKING_ON


def test_no_interests_asks_what_they_do_outside_work(db_path: Path) -> None:
    chosen = brief_data(_person("Ann"), on=ON).questions
    assert OUTSIDE_WORK in chosen and WORKING_ON not in chosen


def test_after_three_one_to_ones_ask_how_to_help_and_whom_to_meet(db_path: Path) -> None:
    ann = _person("Ann", tag_names=["jazz"])
    _one_to_ones(ann, 2)
    before = brief_data(ann, on=ON).questions
    assert HOW_CAN_I_HELP not in before
    _one_to_ones(ann, 3)
    after = brief_data(ann, on=ON).questions
    assert HOW_CAN_I_HELP in after and GOOD_INTRODUCTION in after
    assert len(after) == 3 and len(set(after)) == 3


def test_a_new_job_and_a_long_silence_bring_their_questions(db_path: Path) -> None:
    ann = _person("Ann", tag_names=["jazz"])
    timeline.log_interaction(ann, "position-change", date=_days(30))
    timeline.log_interaction(ann, "call", date=_days(300))
    chosen = brief_data(ann, on=ON).questions
    assert chosen[0] == "How is the new role going, and what surprised you most so far?"
    assert "It has been a while: what has changed for you since we last spoke?" in chosen


def test_the_users_own_question_bank_wins(db_path: Path) -> None:
    (db_path.parent / "questions.toml").write_text(
        '[[question]]\nwhen = "no-story"\ntext = "Tell me your story?"\n'
        '[[question]]\nwhen = "always"\ntext = "Tea or coffee?"\n',
        encoding="utf-8",
    )
    ann = _person("Ann", story="")
    assert brief_data(ann, on=ON).questions == ("Tell me your story?", "Tea or coffee?")


def test_a_broken_question_bank_falls_back_with_a_warning(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (db_path.parent / "questions.toml").write_text('[[question]\nwhen = "', encoding="utf-8")
    ann = _person("Ann", story="")
    with caplog.at_level(logging.WARNING, logger="relate.brief.questions"):
        chosen = brief_data(ann, on=ON).questions
    assert chosen[0] == WORKING_ON
    assert "questions.toml" in caplog.text and "built-in" in caplog.text


def test_a_bank_of_the_wrong_shape_falls_back_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "questions.toml"
    path.write_text('[[question]]\nwhen = "always"\ntext = 3\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="relate.brief.questions"):
        assert questions.load_questions(path) == questions.load_questions(questions.bundled_path())
    assert "needs a `when` and a `text`" in caplog.text


def test_a_question_with_an_unknown_condition_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "questions.toml"
    path.write_text(
        '[[question]]\nwhen = "no-stroy"\ntext = "Typo?"\n'
        '[[question]]\nwhen = "Always"\ntext = "  Tea   or coffee? "\n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="relate.brief.questions"):
        bank = questions.load_questions(path)
    assert bank == (questions.Question("always", "Tea or coffee?"),)
    assert "no-stroy" in caplog.text


def test_the_bundled_bank_has_a_few_questions_for_every_condition() -> None:
    bank = questions.load_questions(questions.bundled_path())
    for condition in questions.CONDITIONS:
        assert 3 <= sum(q.when == condition for q in bank) <= 5, condition
    assert len({q.text for q in bank}) == len(bank)


def test_choosing_takes_one_per_condition_first_then_at_most_two() -> None:
    bank = [
        questions.Question("no-story", "S1"),
        questions.Question("no-story", "S2"),
        questions.Question("no-story", "S3"),
        questions.Question("no-interests", "I1"),
        questions.Question("first-meeting", "F1"),
        questions.Question("always", "A1"),
        questions.Question("always", "S1"),
        questions.Question("always", "A2"),
    ]
    pick = questions.choose_questions
    assert pick({"no-story", "no-interests", "first-meeting"}, bank) == ("S1", "I1", "F1")
    assert pick({"no-story"}, bank) == ("S1", "S2", "A1")
    # A text already picked is skipped for the next of its condition.
    assert pick({"no-story"}, bank, limit=4) == ("S1", "S2", "A1", "A2")
    assert pick(set(), bank) == ("A1", "S1")
    assert pick({"no-story"}, bank, limit=2) == ("S1", "A1")


def test_the_users_folder_and_copying_the_bank_there(tmp_path: Path) -> None:
    folder = tmp_path / "Relate"
    assert questions.questions_path(folder) == questions.bundled_path()
    path = questions.ensure_user_questions(folder)
    assert path == folder / "questions.toml"
    assert path.read_text(encoding="utf-8") == questions.bundled_path().read_text(encoding="utf-8")
    assert questions.questions_path(folder) == path
    path.write_text('[[question]]\nwhen = "always"\ntext = "Mine?"\n', encoding="utf-8")
    assert questions.ensure_user_questions(folder) == path  # an existing file is kept
    assert questions.load_questions(folder=folder) == (questions.Question("always", "Mine?"),)


# --- Determinism ------------------------------------------------------------------------


def test_the_same_data_and_day_give_the_same_brief(db_path: Path) -> None:
    tags.set_my_interest("cycling")
    ann = _person("Ann", story="", tag_names=["cycling", "jazz", "golf"])
    for n, name in enumerate(("Bob", "Cy", "Di", "Ed")):
        _person(name, tag_names=["jazz", "golf", "cycling"][: n % 3 + 1])
    _one_to_ones(ann, 4)
    followups.add_follow_up(ann, "Send the article", _days(1))
    first = brief_data(ann, on=ON)
    assert brief_data(ann, on=ON) == first
    assert brief_data(ann, on=ON + dt.timedelta(days=1)) != first
