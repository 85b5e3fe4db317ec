"""Merging two contacts into one: nothing of either is lost, and undo separates them
again exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate import contacts, followups, introductions, merge, queries, tags, timeline
from relate.importers.batches import apply_plan, undo_import
from relate.importers.plan import Incoming
from relate.importers.planner import plan_import
from relate.records import Phone
from relate.store import snapshots
from relate.store.db import close_database, db, open_database
from relate.store.models import Contact, ImportBatch, ImportValue
from relate.validation import NotFoundError, ValidationError
from relate.vocabulary import STAGES
from tests.core.test_sorting import kept_keys_agree_with_the_timeline_and_tags
from tests.database_dump import sqlite_dump


def dump(path: Path) -> list[str]:
    """The whole database as SQL, but for the merge records and the search index."""
    return sqlite_dump(path, leave_out=("contact_merge", "contact_fts"))


def search_rows() -> list[tuple[Any, ...]]:
    return db.execute_sql("SELECT rowid, * FROM contact_fts ORDER BY rowid").fetchall()


def consistent() -> None:
    """No dangling reference, and the trigger-kept sort keys agree with the rows."""
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    kept_keys_agree_with_the_timeline_and_tags()


def state(contact_id: int) -> tuple[Any, ...]:
    """Everything the user can see of a contact."""
    return (
        contacts.get_contact(contact_id),
        timeline.interactions_for(contact_id),
        followups.follow_ups_for(contact_id),
        tags.contact_tags(contact_id),
        introductions.introductions_for(contact_id),
    )


@dataclasses.dataclass(frozen=True)
class Network:
    keep: int
    drop: int
    third: int  # introduced to the dropped one, and the one the kept one was met through
    met_via_drop: int  # met through the dropped one


def network() -> Network:
    """Two records of one person, each with a life of its own, and two other people."""
    third = contacts.create_contact("Sue", "Nelson")
    keep = contacts.create_contact(
        "Robert",
        "Stone",
        company="Acme",
        emails=["bob@acme.example"],
        phones=["+1 216 555 0100"],
        story="Plays golf.",
        stage="conversation",
        connected_on="2022-03-04",
        met_through_id=third,
        tag_names=["golf", "bim"],
    )
    drop = contacts.create_contact(
        "Bob",
        "Stone",
        company="Acme Inc",
        position="Director",
        emails=["BOB@acme.example", "bob@home.example"],
        phones=[Phone("(216) 555-0100", "work"), Phone("216 555 0199", "mobile")],
        linkedin_url="linkedin.com/in/bob-stone",
        story="Two kids.",
        stage="1-2-1",
        connected_on="2020-01-01",
        cadence_days=30,
        tag_names=["golf", "sailing"],
    )
    met_via_drop = contacts.create_contact("Ann", "Via", met_through_id=drop)
    timeline.log_interaction(keep, "call", date="2024-01-01", summary="keep's call")
    timeline.log_interaction(drop, "email", date="2024-05-01", summary="drop's email")
    done = followups.add_follow_up(drop, "Send the deck", "2025-01-01")
    followups.complete_follow_up(done)
    followups.add_follow_up(drop, "Ask about sailing", "2026-02-01")
    introductions.add_introduction(keep, drop, date="2023-01-01")  # meaningless once one
    introductions.add_introduction(drop, third, date="2023-02-01", note="drop met Sue")
    return Network(keep, drop, third, met_via_drop)


# ---------------------------------------------------------------------------- merging


def test_a_merge_keeps_everything_of_both(db_path: Path) -> None:
    net = network()
    merge.merge_contacts(net.keep, net.drop)
    detail = contacts.get_contact(net.keep)
    assert (detail.first_name, detail.last_name, detail.company) == ("Robert", "Stone", "Acme")
    assert detail.position == "Director"  # empty on the kept side: taken
    assert detail.linkedin_url == "https://www.linkedin.com/in/bob-stone"
    assert detail.cadence_days == 30
    assert detail.met_through_id == net.third
    assert detail.emails == ("bob@acme.example", "bob@home.example")  # the kept one's first
    assert detail.phones == (Phone("+1 216 555 0100"), Phone("216 555 0199", "mobile"))
    assert [tag.name for tag in detail.tags] == ["bim", "golf", "sailing"]
    assert [entry.summary for entry in timeline.interactions_for(net.keep)] == [
        "drop's email",
        "keep's call",
    ]
    assert detail.last_contacted == dt.date(2024, 5, 1)
    assert [item.text for item in followups.follow_ups_for(net.keep)] == [
        "Ask about sailing",
        "Send the deck",
    ]
    assert [
        (i.contact_a_id, i.contact_b_id, i.note) for i in introductions.introductions_for(net.keep)
    ] == [(net.keep, net.third, "drop met Sue")]
    assert contacts.get_contact(net.met_via_drop).met_through_id == net.keep
    with pytest.raises(NotFoundError):
        contacts.get_contact(net.drop)
    consistent()


def test_conflicts_default_sensibly_and_follow_the_choices(db_path: Path) -> None:
    net = network()
    assert merge.conflicts(net.keep, net.drop) == {
        "first_name": ("Robert", "Bob"),
        "company": ("Acme", "Acme Inc"),
        "connected_on": (dt.date(2022, 3, 4), dt.date(2020, 1, 1)),
        "stage": ("conversation", "1-2-1"),
        "story": ("Plays golf.", "Two kids."),
    }
    merge.merge_contacts(net.keep, net.drop)
    merged = contacts.get_contact(net.keep)
    assert merged.stage == "1-2-1"  # the further along
    assert merged.connected_on == dt.date(2020, 1, 1)  # the earlier
    assert merged.story == "Plays golf.\n\nTwo kids."  # both: text is never lost


def test_the_users_choices_win(db_path: Path) -> None:
    net = network()
    choices: dict[str, merge.Side] = {
        "first_name": "drop",
        "company": "drop",
        "connected_on": "keep",
        "stage": "keep",
        "story": "drop",
        "position": "keep",  # the kept side has none: nothing to choose
    }
    merge.merge_contacts(net.keep, net.drop, choices)
    merged = contacts.get_contact(net.keep)
    assert (merged.first_name, merged.company, merged.position) == ("Bob", "Acme Inc", "Director")
    assert (merged.connected_on, merged.stage) == (dt.date(2022, 3, 4), "conversation")
    assert merged.story == "Two kids."
    assert queries.contact_ids("Robert") == []  # the name is the chosen one everywhere


def test_a_story_that_holds_the_other_is_not_repeated(db_path: Path) -> None:
    keep = contacts.create_contact("Ann", story="Met at SMPS. Likes golf.")
    drop = contacts.create_contact("Ann", story="Met at SMPS.")
    merge.merge_contacts(keep, drop)
    assert contacts.get_contact(keep).story == "Met at SMPS. Likes golf."


def test_the_merged_contact_is_archived_only_if_both_were(db_path: Path) -> None:
    a, b, c, d = (contacts.create_contact(name) for name in "ABCD")
    contacts.set_archived([a, c, d])
    merge.merge_contacts(a, b)
    merge.merge_contacts(c, d)
    assert not contacts.get_contact(a).archived
    assert contacts.get_contact(c).archived


def test_two_met_through_each_other_are_met_through_no_one(db_path: Path) -> None:
    keep = contacts.create_contact("Ann", "Lee")
    drop = contacts.create_contact("Ann", "Lee", met_through_id=keep)
    contacts.update_contact(keep, met_through_id=drop)
    merge.merge_contacts(keep, drop)
    assert contacts.get_contact(keep).met_through_id is None
    consistent()


def test_search_finds_the_merged_contact_by_what_the_dropped_one_brought(
    db_path: Path,
) -> None:
    keep = contacts.create_contact("Ann", emails=["ann@acme.example"])
    drop = contacts.create_contact(
        "Ann", "Lee-Park", company="Acme", emails=["ann.lp@home.example"], tag_names=["sailing"]
    )
    contacts.update_contact(drop, story="Rows at dawn.")
    assert queries.contact_ids("Park") == [drop]
    merge.merge_contacts(keep, drop)
    for words in ("Park", "Ann Lee", "Acme", "sailing", "dawn"):
        assert queries.contact_ids(words) == [keep], words
    assert contacts.get_contact(keep).emails == ("ann@acme.example", "ann.lp@home.example")
    assert contacts.find_contacts("Ann Lee-Park") == [keep]


def test_impossible_merges_are_refused_and_change_nothing(db_path: Path) -> None:
    net = network()
    before = dump(db_path)
    with pytest.raises(ValidationError, match="with itself"):
        merge.merge_contacts(net.keep, net.keep)
    with pytest.raises(NotFoundError, match="no contact with id 99"):
        merge.merge_contacts(net.keep, 99)
    with pytest.raises(NotFoundError, match="no contact with id 99"):
        merge.conflicts(99, net.keep)
    with pytest.raises(ValidationError, match="'nickname' is not a field"):
        merge.merge_contacts(net.keep, net.drop, {"nickname": "keep"})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="not 'both'"):
        merge.merge_contacts(net.keep, net.drop, {"story": "both"})  # type: ignore[dict-item]
    assert dump(db_path) == before
    assert merge.merges() == []


# ---------------------------------------------------------------------------- undoing


def test_undo_puts_both_back_and_keeps_what_was_added_since(db_path: Path) -> None:
    net = network()
    before = {who: state(who) for who in dataclasses.astuple(net)}
    merge_id = merge.merge_contacts(net.keep, net.drop)
    consistent()
    later = timeline.log_interaction(net.keep, "1-2-1", date="2026-01-02", summary="after")
    assert merge.undo_merge(merge_id) == net.drop
    consistent()
    for who in (net.drop, net.third, net.met_via_drop):
        assert state(who) == before[who]
    detail, entries, *rest = state(net.keep)
    was, was_entries, *was_rest = before[net.keep]
    # The later 1-2-1 is the last contact now, and the rhythm counts from it.
    assert detail == dataclasses.replace(
        was, last_contacted=dt.date(2026, 1, 2), next_due=detail.next_due
    )
    assert detail.next_due == dt.date(2026, 1, 2) + dt.timedelta(days=detail.rhythm_days)
    assert entries == [timeline.get_interaction(later), *was_entries]
    assert rest == was_rest


def test_undo_leaves_later_edits_of_the_kept_contact(db_path: Path) -> None:
    net = network()
    merge_id = merge.merge_contacts(net.keep, net.drop)
    contacts.update_contact(net.keep, company="Stone & Co")
    merge.undo_merge(merge_id)
    kept = contacts.get_contact(net.keep)
    assert kept.company == "Stone & Co"
    assert (kept.position, kept.linkedin_url, kept.cadence_days) == ("", None, None)


def test_a_merge_is_undone_once(db_path: Path) -> None:
    net = network()
    merge_id = merge.merge_contacts(net.keep, net.drop)
    merge.undo_merge(merge_id)
    undone = r"\(\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d\)"  # "(Wed 2 Dec 2026, 14:26)"
    with pytest.raises(ValidationError, match=f"Merge {merge_id} was already undone {undone}"):
        merge.undo_merge(merge_id)
    with pytest.raises(NotFoundError, match="no merge with id 99"):
        merge.undo_merge(99)


def test_merges_are_listed_newest_first(db_path: Path) -> None:
    net = network()
    # Edits within one second move the contact's change moment ahead, one second each.
    for n in range(3):
        contacts.update_contact(net.keep, company=f"Firm {n}")
    first = merge.merge_contacts(net.keep, net.drop)
    second = merge.merge_contacts(net.third, net.met_via_drop)
    merge.undo_merge(second)
    listed = merge.merges()
    assert [(m.id, m.kept_id, m.dropped_id, m.dropped_name) for m in listed] == [
        (second, net.third, net.met_via_drop, "Ann Via"),
        (first, net.keep, net.drop, "Bob Stone"),
    ]
    assert listed[0].undone_at is not None and listed[1].undone_at is None


def test_a_dropped_contact_whose_id_was_taken_comes_back_under_a_new_one(
    db_path: Path,
) -> None:
    net = network()
    drop = contacts.create_contact("Zed", "Last", emails=["zed@x.example"], tag_names=["zen"])
    contacts.update_contact(net.third, met_through_id=drop)
    introductions.add_introduction(drop, net.met_via_drop, date="2024-02-02")
    timeline.log_interaction(drop, "call", date="2024-02-02", summary="zed's call")
    merge_id = merge.merge_contacts(net.keep, drop)
    newcomer = contacts.create_contact("New", "Comer")
    assert newcomer == drop  # SQLite hands the highest id out again once it is free
    newcomer_state = state(newcomer)
    restored = merge.undo_merge(merge_id)
    assert restored not in (drop, newcomer)
    assert state(newcomer) == newcomer_state
    detail = contacts.get_contact(restored)
    assert (detail.display_name, detail.emails, [tag.name for tag in detail.tags]) == (
        "Zed Last",
        ("zed@x.example",),
        ["zen"],
    )
    assert [e.summary for e in timeline.interactions_for(restored)] == ["zed's call"]
    assert [
        (i.contact_a_id, i.contact_b_id) for i in introductions.introductions_for(restored)
    ] == [(restored, net.met_via_drop)]
    assert contacts.get_contact(net.third).met_through_id == restored
    assert [tag.name for tag in tags.contact_tags(net.keep)] == ["bim", "golf"]
    consistent()


def test_undo_is_refused_while_another_contact_holds_the_profile(db_path: Path) -> None:
    net = network()
    merge_id = merge.merge_contacts(net.keep, net.drop)
    contacts.update_contact(net.keep, linkedin_url="")
    other = contacts.create_contact("Bobby", "Stone", linkedin_url="linkedin.com/in/bob-stone")
    before = dump(db_path)
    with pytest.raises(ValidationError, match="bob-stone now belongs to Bobby Stone"):
        merge.undo_merge(merge_id)
    assert dump(db_path) == before
    contacts.update_contact(other, linkedin_url="")
    merge.undo_merge(merge_id)
    assert contacts.get_contact(net.drop).linkedin_url == "https://www.linkedin.com/in/bob-stone"


def test_merges_of_merged_contacts_undo_in_any_order(db_path: Path) -> None:
    net = network()
    start = dump(db_path)
    first = merge.merge_contacts(net.keep, net.drop)
    second = merge.merge_contacts(net.third, net.keep)  # the kept one is merged away
    assert [m.id for m in merge.merges()] == [second]  # the first went with it...
    merge.undo_merge(second)
    assert [m.id for m in merge.merges()] == [second, first]  # ...and came back
    merge.undo_merge(first)
    assert dump(db_path) == start
    consistent()


# ---------------------------------------------------------------------------- imports

URL = "https://www.linkedin.com/in/"
IMPORTED = Incoming(
    line=2,
    first_name="Bob",
    last_name="Stone",
    linkedin_url=f"{URL}bob-stone",
    emails=("bob@home.example",),
    company="Acme",
    position="Director",
    connected_on=dt.date(2020, 1, 1),
)


def imported(*rows: Incoming) -> tuple[int, list[int]]:
    batch = apply_plan(plan_import(rows, "linkedin", "Connections.csv"))
    assert batch is not None
    ids = Contact.select(Contact.id).where(Contact.import_batch == batch).order_by(Contact.id)
    return batch, [row.id for row in ids]


def test_undoing_the_import_of_a_merged_away_contact_takes_back_only_what_it_brought(
    db_path: Path,
) -> None:
    keep = contacts.create_contact("Robert", "Stone", emails=["bob@acme.example"], story="Mine.")
    batch, [drop] = imported(IMPORTED)
    timeline.log_interaction(drop, "call", date="2024-03-03", summary="logged by the user")
    merge.merge_contacts(keep, drop)
    # A new export of the same connections finds the merged contact: no duplicate again.
    assert plan_import([IMPORTED], "linkedin", "Connections.csv").new == ()
    assert undo_import(batch)[:3] == (0, 1, 0)
    detail = contacts.get_contact(keep)
    assert (detail.first_name, detail.emails, detail.story) == (
        "Robert",
        ("bob@acme.example",),
        "Mine.",
    )
    assert (detail.company, detail.position, detail.linkedin_url, detail.connected_on) == (
        "",
        "",
        None,
        None,
    )
    assert [e.summary for e in timeline.interactions_for(keep)] == ["logged by the user"]
    assert not ImportValue.select().exists()
    consistent()


def test_undoing_the_import_of_the_kept_contact_leaves_the_other_ones_data(
    db_path: Path,
) -> None:
    batch, [keep] = imported(IMPORTED)
    drop = contacts.create_contact("Robert", "Stone", emails=["bob@acme.example"], story="Mine.")
    merge.merge_contacts(keep, drop)
    undo_import(batch)
    detail = contacts.get_contact(keep)
    assert (detail.first_name, detail.emails, detail.story) == (
        "Bob",
        ("bob@acme.example",),
        "Mine.",
    )
    assert (detail.company, detail.linkedin_url) == ("", None)


def test_a_merge_of_two_contacts_one_import_made_is_that_imports_own(db_path: Path) -> None:
    twin = dataclasses.replace(IMPORTED, line=3, linkedin_url=None, emails=("b@x.example",))
    batch, [keep, drop] = imported(IMPORTED, twin)
    merge_id = merge.merge_contacts(keep, drop)
    undo_import(batch)
    assert queries.count_contacts(archived=None) == 0
    # The merge's kept contact is gone, and its record with it.
    with pytest.raises(NotFoundError):
        merge.undo_merge(merge_id)


def test_undoing_a_merge_gives_back_the_dropped_ones_import_history(db_path: Path) -> None:
    keep = contacts.create_contact("Robert", "Stone", company="Stone & Co")
    batch, [drop] = imported(IMPORTED)
    before = dump(db_path)
    merge_id = merge.merge_contacts(keep, drop)
    merge.undo_merge(merge_id)
    assert dump(db_path) == before
    assert undo_import(batch)[:3] == (1, 0, 0)
    assert queries.contact_ids() == [keep]


def test_undoing_a_deletion_brings_back_its_merges_and_import_history(db_path: Path) -> None:
    keep = contacts.create_contact("Robert", "Stone")
    _, [drop] = imported(IMPORTED)
    merge_id = merge.merge_contacts(keep, drop)
    before, records = dump(db_path), merge.merges()
    snapshot = snapshots.take([keep])
    contacts.delete_contacts([keep])
    assert merge.merges() == []
    snapshots.restore(snapshot)
    assert (dump(db_path), merge.merges()) == (before, records)
    merge.undo_merge(merge_id)
    assert contacts.get_contact(drop).linkedin_url == IMPORTED.linkedin_url


# ---------------------------------------------------------------------------- any network

_FIRST = ("Ann", "Bob", "Robert")
_EMAILS = ("a@x.io", "A@x.io", "b@x.io", "c@y.io")
_PHONES = ("+1 216 555 0100", "(216) 555-0100", "216 555 0199", "ext 12")
_TAGS = ("golf", "bim", "zen")
_DAYS = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))


@st.composite
def people(draw: st.DrawFn, index: int) -> dict[str, Any]:
    maybe = st.booleans()
    return {
        "first_name": draw(st.sampled_from(_FIRST)),
        "last_name": draw(st.sampled_from(("", "Lee", "Stone"))),
        "company": draw(st.sampled_from(("", "Acme", "Beta"))),
        "position": draw(st.sampled_from(("", "Director"))),
        "location": draw(st.sampled_from(("", "Leeds"))),
        "story": draw(st.sampled_from(("", "Golf.", "Kids."))),
        "stage": draw(st.sampled_from(STAGES)),
        "linkedin_url": f"linkedin.com/in/p{index}" if draw(maybe) else None,
        "connected_on": draw(st.none() | _DAYS),
        "birthday": draw(st.none() | _DAYS),
        "cadence_days": draw(st.none() | st.integers(1, 90)),
        "emails": draw(st.lists(st.sampled_from(_EMAILS), max_size=3)),
        "phones": draw(st.lists(st.sampled_from(_PHONES), max_size=3)),
        "tag_names": draw(st.lists(st.sampled_from(_TAGS), max_size=3)),
    }


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(2, 5))
    who = st.integers(0, size - 1)
    pair = st.tuples(who, who).filter(lambda p: p[0] != p[1])
    return {
        "people": [draw(people(index)) for index in range(size)],
        "met_through": draw(st.lists(pair, max_size=3)),
        "archived": draw(st.lists(who, max_size=2)),
        "imported": draw(st.lists(who, max_size=2)),
        "interactions": draw(
            st.lists(st.tuples(who, st.sampled_from(("call", "position-change")), _DAYS))
        ),
        "follow_ups": draw(st.lists(st.tuples(who, _DAYS, st.booleans()), max_size=3)),
        "introductions": draw(st.lists(pair, max_size=3)),
        "import_values": draw(
            st.lists(st.tuples(who, st.sampled_from(("company", "position"))), max_size=3)
        ),
        "earlier_merge": draw(st.none() | pair),
        "merge": draw(pair),
        "choices": draw(
            st.dictionaries(st.sampled_from(merge.MERGE_FIELDS), st.sampled_from(("keep", "drop")))
        ),
    }


def build(spec: dict[str, Any]) -> list[int]:
    ids = [contacts.create_contact(**person) for person in spec["people"]]
    for a, b in spec["met_through"]:
        contacts.update_contact(ids[a], met_through_id=ids[b])
    contacts.set_archived(ids[n] for n in spec["archived"])
    batch = ImportBatch.create(source="linkedin")
    Contact.update(import_batch=batch).where(
        Contact.id.in_([ids[n] for n in spec["imported"]])
    ).execute()
    for n, kind, day in spec["interactions"]:
        timeline.log_interaction(ids[n], kind, date=day)
    for n, day, done in spec["follow_ups"]:
        followups.complete_follow_up(followups.add_follow_up(ids[n], "Call", day), done)
    for a, b in spec["introductions"]:
        introductions.add_introduction(ids[a], ids[b])
    for n, field in spec["import_values"]:
        ImportValue.replace(contact=ids[n], source="linkedin", field=field, value="X").execute()
    return ids


@settings(max_examples=60, deadline=None)
@given(spec=networks())
def test_any_merge_is_undone_exactly(tmp_path_factory: pytest.TempPathFactory, spec: dict) -> None:
    path = tmp_path_factory.mktemp("merge") / "relate.sqlite"
    open_database(path)
    try:
        ids = build(spec)
        if spec["earlier_merge"] is not None:
            a, b = (ids[n] for n in spec["earlier_merge"])
            merge.merge_contacts(a, b)
            ids = [a if n == b else n for n in ids]
        keep, drop = (ids[n] for n in spec["merge"])
        if keep == drop:
            return
        before, index, records = dump(path), search_rows(), merge.merges()
        merge_id = merge.merge_contacts(keep, drop, spec["choices"])
        consistent()
        merge.undo_merge(merge_id)
        consistent()
        assert dump(path) == before
        assert search_rows() == index
        assert [m for m in merge.merges() if m.id != merge_id] == records
    finally:
        close_database()
