"""Introduction ideas: needs met by expertise, shared interests, and what rules a pair out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, demo, introduction_ideas, introductions, meetings, tags
from relate.introduction_ideas import introduction_ideas as ideas_on
from relate.store.db import db
from relate.validation import NotFoundError, ValidationError

TODAY = dt.date(2027, 3, 1)


def pairs(kind: str | None = None, today: dt.date = TODAY) -> set[frozenset[int]]:
    return {
        frozenset((idea.contact_id, idea.other_id))
        for idea in ideas_on(today, limit=50)
        if kind is None or idea.kind == kind
    }


def pair(a: int, b: int) -> frozenset[int]:
    return frozenset((a, b))


@pytest.fixture
def network(db_path: Path) -> dict[str, int]:
    add = contacts.create_contact
    ids = {
        "ann": add("Ann", "Adams", company="Lakeshore Design", stage="conversation"),
        "bob": add(
            "Bob",
            "Brown",
            company="Hartwell",
            position="Structural Engineer",
            stage="1-2-1",
            tag_names=["golf"],
        ),
        "cleo": add(
            "Cleo",
            "Clark",
            company="Ferris & Vance",
            stage="relationship",
            tag_names=["cycling", "jazz", "politics"],
        ),
        "dev": add(
            "Dev",
            "Dutta",
            company="Northpoint",
            stage="relationship",
            tag_names=["cycling", "jazz"],
        ),
    }
    for n in range(6):  # others the user knows, with nothing in common
        add(f"Other{n}", "Person", company=f"Firm {n}", stage="conversation", tag_names=[f"t{n}"])
    tags.tag_contacts([ids["ann"]], "a structural engineer", "need")
    tags.update_tag(tags.ensure_tag("politics"), avoid=True)
    tags.ensure_tag("cycling")
    db.execute_sql("UPDATE tag SET category = 'hobby' WHERE name IN ('cycling', 'jazz')")
    return ids


def test_a_need_meets_someone_s_expertise(network: dict[str, int]) -> None:
    ideas = ideas_on(TODAY)
    first = ideas[0]
    assert (first.kind, first.contact_id, first.other_id) == (
        "need",
        network["ann"],
        network["bob"],
    )
    assert (first.name, first.other_name) == ("Ann Adams", "Bob Brown")
    assert first.reason == (
        "Ann is looking for a structural engineer; Bob is a Structural Engineer at Hartwell."
    )


def test_shared_interests_make_an_idea(network: dict[str, int]) -> None:
    shared = [idea for idea in ideas_on(TODAY) if idea.kind == "shared"]
    assert [pair(i.contact_id, i.other_id) for i in shared] == [
        pair(network["cleo"], network["dev"])
    ]
    assert shared[0].reason == "Both into cycling and jazz, and you have not introduced them yet."
    needs = [idea.score for idea in ideas_on(TODAY) if idea.kind == "need"]
    assert min(needs) > shared[0].score  # needs first


def test_someone_with_the_same_need_is_no_helper(network: dict[str, int]) -> None:
    carl = contacts.create_contact("Carl", "Cole", company="Tandem", stage="advocate")
    tags.tag_contacts([carl], "a structural engineer", "need")
    helpers = {i.other_id for i in ideas_on(TODAY) if i.kind == "need"}
    assert helpers == {network["bob"]}


def test_a_helper_the_user_knows_is_preferred(network: dict[str, int]) -> None:
    stranger = contacts.create_contact(
        "Sid", "Stone", company="Calder", position="Structural Engineer", stage="connection"
    )
    assert pair(network["ann"], network["bob"]) in pairs("need")
    contacts.update_contact(network["bob"], stage="connection")
    contacts.update_contact(stranger, stage="relationship")
    assert pair(network["ann"], stranger) in pairs("need")


def test_one_shared_tag_is_not_enough_and_avoid_tags_do_not_count(
    network: dict[str, int],
) -> None:
    eve = contacts.create_contact(
        "Eve", "Evans", company="Keel", stage="advocate", tag_names=["cycling", "politics"]
    )
    assert all(eve not in p for p in pairs("shared"))
    tags.tag_contacts([eve, network["dev"]], "sailing")
    assert pair(eve, network["dev"]) in pairs("shared")
    assert pair(eve, network["cleo"]) not in pairs("shared")  # cycling + politics (avoided)


def test_colleagues_and_mere_connections_are_not_paired(network: dict[str, int]) -> None:
    contacts.update_contact(network["dev"], company="ferris & vance")
    assert pair(network["cleo"], network["dev"]) not in pairs()
    contacts.update_contact(network["dev"], company="Northpoint", stage="connection")
    assert pair(network["cleo"], network["dev"]) not in pairs()


def test_archived_people_get_no_ideas(network: dict[str, int]) -> None:
    contacts.set_archived([network["dev"], network["bob"]])
    assert pairs() == set()
    contacts.set_archived([network["bob"]], False)
    contacts.set_archived([network["ann"]])
    assert pairs() == set()


def test_pairs_already_introduced_are_left_out(network: dict[str, int]) -> None:
    introductions.add_introduction(network["dev"], network["cleo"], date=TODAY)
    introductions.add_introduction(network["bob"], network["ann"], date=TODAY)
    assert pairs() == set()


def test_a_snoozed_idea_comes_back_on_its_day(network: dict[str, int]) -> None:
    cleo_dev = pair(network["cleo"], network["dev"])
    week = TODAY + dt.timedelta(days=7)
    introduction_ideas.snooze_idea(network["dev"], network["cleo"], week)
    assert cleo_dev not in pairs()
    assert cleo_dev not in pairs(today=week - dt.timedelta(days=1))
    assert cleo_dev in pairs(today=week)
    # Snoozing again (either way round) moves the date; it is one snooze.
    introduction_ideas.snooze_idea(network["cleo"], network["dev"], week + dt.timedelta(days=7))
    assert db.execute_sql("SELECT count(*) FROM snoozed_suggestion").fetchone()[0] == 1
    assert cleo_dev not in pairs(today=week)
    introduction_ideas.unsnooze_idea(network["dev"], network["cleo"])
    assert cleo_dev in pairs()


def test_snoozing_needs_two_existing_people(network: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        introduction_ideas.snooze_idea(network["ann"], network["ann"], TODAY)
    with pytest.raises(NotFoundError):
        introduction_ideas.snooze_idea(network["ann"], 9999, TODAY)


def test_limit(network: dict[str, int]) -> None:
    assert len(ideas_on(TODAY, limit=1)) == 1
    assert ideas_on(TODAY, limit=0) == []


def test_an_empty_database_has_no_ideas(db_path: Path) -> None:
    assert ideas_on(TODAY) == []


# -- the demo network ----------------------------------------------------------------------


def test_every_demo_need_finds_a_helper(db_path: Path) -> None:
    demo.fill_demo(today=TODAY)
    ideas = ideas_on(TODAY, 50)
    needs = [idea.reason for idea in ideas if idea.kind == "need"]
    assert {reason.split(" is looking for ")[1].split(";")[0] for reason in needs} == set(
        demo.DEMO_NEEDS
    )
    assert any(idea.kind == "shared" for idea in ideas)


def test_the_demo_has_1_2_1s_planned_this_week(db_path: Path) -> None:
    today = dt.date(2027, 3, 5)  # a Friday: the week ahead crosses a weekend
    demo.fill_demo(today=today)
    planned = meetings.planned_meetings(dt.datetime.combine(today, dt.time()), 8)
    assert len(planned) == demo.DEMO_MEETINGS
    mine = {tag.name for tag in tags.my_interests()}
    for meeting in planned:
        start = meeting.starts_at
        assert today < start.date() <= today + dt.timedelta(days=7)
        assert start.weekday() < 5 and dt.time(8) <= start.time() <= dt.time(16)
        assert meeting.place and meeting.agenda
        contact = contacts.get_contact(meeting.contact_id)
        assert contact.stage in ("conversation", "1-2-1")
        assert mine & {tag.name for tag in contact.tags}
    assert len({m.starts_at for m in planned}) == len(planned)
