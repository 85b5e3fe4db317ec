"""List orders: names sort as people read them, and the kept sort keys never drift."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from pathlib import Path

import pytest

from relate import contacts, queries, tags, timeline
from relate.store import snapshots
from relate.store.db import db
from relate.store.migrations.steps_1_to_5 import NOT_CONTACT_V3
from relate.validation import ValidationError
from relate.vocabulary import NOT_CONTACT_KINDS


def names(ids: list[int]) -> list[str]:
    return [row.display_name for row in queries.summaries(ids)]


def test_accented_and_single_names_sort_with_their_letters(db_path: Path) -> None:
    for first, last in [
        ("Zoë", "Zhang"),
        ("Amy", "Brooks"),
        ("Éric", "Bélanger"),
        ("Ingrid", "Øyen"),
        ("Cher", ""),
        ("Luis", "Álvarez"),
        ("Ann", "de la Cruz"),
        ("bob", "brooks"),
    ]:
        contacts.create_contact(first, last)
    expected = [
        "Luis Álvarez",
        "Éric Bélanger",
        "Amy Brooks",
        "bob brooks",
        "Cher",
        "Ann de la Cruz",
        "Ingrid Øyen",
        "Zoë Zhang",
    ]
    assert names(queries.contact_ids()) == expected
    assert names(queries.contact_ids(descending=True)) == expected[::-1]
    assert [row.display_name for row in queries.list_contacts()] == expected
    assert names(queries.search_page("").ids) == expected


def test_renaming_a_contact_moves_it_in_the_list(db_path: Path) -> None:
    ada = contacts.create_contact("Ada", "Zeller")
    contacts.create_contact("Bo", "Young")
    contacts.update_contact(ada, last_name="Ärmel")
    assert names(queries.contact_ids()) == ["Ada Ärmel", "Bo Young"]


@pytest.mark.parametrize("descending", [False, True])
def test_untagged_contacts_come_last_either_way(db_path: Path, descending: bool) -> None:
    contacts.create_contact("No", "Tags")
    contacts.create_contact("Cy", "Cycling", tag_names=["cycling", "Wine"])
    contacts.create_contact("Al", "Art", tag_names=["Art"])
    contacts.create_contact("Bea", "Also Art", tag_names=["art", "zen"])
    tagged = ["Bea Also Art", "Al Art", "Cy Cycling"]
    expected = [*(tagged[::-1] if descending else tagged), "No Tags"]
    assert names(queries.contact_ids(order="tags", descending=descending)) == expected
    page = queries.search_page("", order="tags", limit=10)
    assert names(page.ids) == names(queries.contact_ids(order="tags"))


@pytest.mark.parametrize("descending", [False, True])
def test_next_due_order_puts_contacts_without_a_rhythm_last(
    db_path: Path, descending: bool
) -> None:
    contacts.create_contact("No", "Rhythm")
    soon = contacts.create_contact("Soon", "Due", cadence_days=7, connected_on="2026-01-01")
    later = contacts.create_contact("Later", "Due", cadence_days=7, connected_on="2026-01-01")
    timeline.log_interaction(later, "call", date="2026-03-01")  # logging moves next due
    expected = ["Later Due", "Soon Due"] if descending else ["Soon Due", "Later Due"]
    assert names(queries.contact_ids(order="next_due", descending=descending)) == [
        *expected,
        "No Rhythm",
    ]
    assert queries.summaries([soon, later])[1].next_due == dt.date(2026, 3, 8)


def test_tag_order_follows_tagging_untagging_and_renaming(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "A", tag_names=["Zen"])
    ben = contacts.create_contact("Ben", "B", tag_names=["Music"])
    assert queries.contact_ids(order="tags") == [ben, ann]
    tags.tag_contacts([ann], "Art")
    assert queries.contact_ids(order="tags") == [ann, ben]
    tags.untag_contacts([ann], "Art")
    assert queries.contact_ids(order="tags") == [ben, ann]
    music = next(tag.id for tag in tags.all_tags() if tag.name == "Music")
    tags.update_tag(music, name="Zither")
    assert queries.contact_ids(order="tags") == [ann, ben]
    tags.untag_contacts([ben], "Zither")
    assert queries.contact_ids(order="tags") == [ann, ben]  # Ben is untagged now: last


def test_last_contacted_follows_every_timeline_change(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "A")
    ben = contacts.create_contact("Ben", "B")
    old = timeline.log_interaction(ann, "call", date="2026-01-10")
    timeline.log_interaction(ben, "email", date="2026-03-01")
    assert queries.contact_ids(order="last_contacted") == [ann, ben]
    timeline.log_interaction(ann, "position-change", date="2026-06-01")  # not contact
    assert queries.last_contacted(ann) == dt.date(2026, 1, 10)
    timeline.update_interaction(old, date="2026-05-01")
    assert queries.contact_ids(order="last_contacted") == [ben, ann]
    record = timeline.delete_interaction(old)
    assert queries.last_contacted(ann) is None
    assert queries.contact_ids(order="last_contacted") == [ann, ben]  # never contacted first
    timeline.restore_interaction(record)
    assert queries.last_contacted(ann) == dt.date(2026, 5, 1)


def kept_keys_agree_with_the_timeline_and_tags() -> None:
    not_contact = ",".join(f"'{kind}'" for kind in NOT_CONTACT_KINDS)
    drift = db.execute_sql(
        "SELECT c.id FROM contact c WHERE c.last_contacted IS NOT (SELECT max(i.date)"
        f" FROM interaction i WHERE i.contact_id = c.id AND i.kind NOT IN ({not_contact}))"
        " OR c.tag_key IS NOT (SELECT min(t.key) FROM contact_tag ct JOIN tag t"
        " ON t.id = ct.tag_id WHERE ct.contact_id = c.id)"
    ).fetchall()
    assert drift == []


def test_kept_sort_keys_never_drift_under_random_changes(db_path: Path) -> None:
    rng = random.Random(7)
    people = [contacts.create_contact(f"P{n}", f"L{n}") for n in range(6)]
    words = ["art", "bim", "cycling", "golf", "zen"]
    entries: list[tuple[int, int]] = []  # (entry, contact)
    deleted: list[snapshots.ContactsSnapshot] = []
    for _ in range(300):
        action = rng.choice(["log", "edit", "delete", "tag", "untag", "rename", "contact"])
        who = rng.choice(people)
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
        kind = rng.choice(["call", "email", "position-change", "1-2-1"])
        if action == "log":
            entries.append((timeline.log_interaction(who, kind, date=day), who))
        elif action == "edit" and entries:
            changes = rng.choice([{"date": day}, {"kind": kind}])
            timeline.update_interaction(rng.choice(entries)[0], **changes)
        elif action == "delete" and entries:
            timeline.delete_interaction(entries.pop(rng.randrange(len(entries)))[0])
        elif action == "tag":
            tags.tag_contacts([who], rng.choice(words))
        elif action == "untag":
            current = [tag.name for tag in tags.contact_tags(who)]
            if current:
                tags.untag_contacts([who], rng.choice(current))
        elif action == "rename" and tags.all_tags():
            tag = rng.choice(tags.all_tags())
            with contextlib.suppress(ValidationError):  # the new name may be taken
                tags.update_tag(tag.id, name=f"{rng.choice(words)}{rng.randrange(99)}")
        elif action == "contact" and len(people) > 2:
            gone = people.pop(rng.randrange(len(people)))
            deleted.append(snapshots.take([gone]))
            contacts.delete_contacts([gone])
            entries = [(entry, owner) for entry, owner in entries if owner != gone]
        kept_keys_agree_with_the_timeline_and_tags()
    for snapshot in deleted:  # undoing deletions brings their keys back too
        snapshots.restore(snapshot)
        kept_keys_agree_with_the_timeline_and_tags()


def test_the_triggers_know_the_kinds_that_are_not_contact() -> None:
    # Step 3 froze the list into its triggers; changing the vocabulary needs a new step.
    assert NOT_CONTACT_V3 == "(" + ", ".join(f"'{kind}'" for kind in NOT_CONTACT_KINDS) + ")"


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("archived", [False, True])
@pytest.mark.parametrize(
    "order", ["name", "company", "position", "stage", "last_contacted", "next_due", "tags"]
)
def test_every_list_column_sorts_through_an_index(
    db_path: Path, order: str, archived: bool, descending: bool
) -> None:
    # Sorting 100,000 rows costs ~100 ms more than reading them in index order.
    for sql, params in queries.contact_ids_sql(
        order=order, archived=archived, descending=descending
    ):
        plan = " / ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "TEMP B-TREE" not in plan and "INDEX contact_sort_" in plan, plan
