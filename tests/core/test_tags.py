"""Interest tags, the user's own interests, and common ground."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate import contacts, tags
from relate.validation import NotFoundError, ValidationError


def test_tags_are_one_regardless_of_case_and_spacing(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", tag_names=["Mass  Timber"])
    bob = contacts.create_contact("Bob", tag_names=["mass timber"])
    assert [(t.name, t.contact_count) for t in tags.all_tags()] == [("Mass Timber", 2)]
    assert tags.contact_tags(ann)[0].id == tags.contact_tags(bob)[0].id


def test_tagging_twice_is_harmless_and_untagging_keeps_the_tag(db_path: Path) -> None:
    ann = contacts.create_contact("Ann")
    tags.tag_contacts([ann], "golf")
    tags.tag_contacts([ann], "GOLF")
    assert [t.name for t in tags.contact_tags(ann)] == ["golf"]
    assert tags.untag_contacts([ann], "Golf") == 1
    assert tags.untag_contacts([ann], "golf") == 0
    assert tags.contact_tags(ann) == []
    assert [t.name for t in tags.all_tags()] == ["golf"]


def test_bulk_tagging_many_contacts(db_path: Path) -> None:
    ids = [contacts.create_contact(f"Person {n}") for n in range(5)]
    tags.tag_contacts(ids, "SMPS", category="group")
    (smps,) = tags.all_tags()
    assert (smps.category, smps.contact_count) == ("group", 5)


def test_a_new_tag_takes_the_category_and_an_existing_one_keeps_its_own(db_path: Path) -> None:
    tags.ensure_tag("Cleveland", "place")
    tags.ensure_tag("cleveland", "hobby")
    assert [t.category for t in tags.all_tags()] == ["place"]
    with pytest.raises(ValidationError, match="not a tag category"):
        tags.ensure_tag("Rotary", "club")


def test_renaming_onto_another_tag_is_refused(db_path: Path) -> None:
    golf = tags.ensure_tag("golf")
    tags.ensure_tag("tennis")
    with pytest.raises(ValidationError, match="already a tag called 'tennis'"):
        tags.update_tag(golf, name="Tennis")
    tags.update_tag(golf, name="Golf", category="hobby", avoid=False)
    assert [(t.name, t.category) for t in tags.all_tags()][0] == ("Golf", "hobby")


def test_my_interests_and_common_ground(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", tag_names=["cycling", "jazz", "politics"])
    tags.set_my_interest("Cycling")
    tags.set_my_interest("trucks", category="hobby")
    tags.set_my_interest("politics")
    tags.update_tag(tags.ensure_tag("politics"), avoid=True)
    assert [t.name for t in tags.my_interests()] == ["cycling", "politics", "trucks"]
    shared = tags.common_interests(ann)
    assert [(t.name, t.avoid) for t in shared] == [("cycling", False), ("politics", True)]
    tags.set_my_interest("cycling", mine=False)
    assert [t.name for t in tags.common_interests(ann)] == ["politics"]
    with pytest.raises(ValidationError, match="not one of your interests"):
        tags.set_my_interest("knitting", mine=False)


def test_a_tag_becomes_a_need_and_the_change_says_what_it_was(db_path: Path) -> None:
    contacts.create_contact("Ann", tag_names=["Structural Engineer"])
    change = tags.set_tag_category("structural engineer", " Need ")
    assert (change.before.name, change.before.category) == ("Structural Engineer", "interest")
    assert change.after.category == "need" and change.after.is_need
    assert change.changed
    assert [t.category for t in tags.all_tags()] == ["need"]
    tags.undo_tag_change(change)
    assert [t.category for t in tags.all_tags()] == ["interest"]
    assert not tags.set_tag_category("Structural engineer", "interest").changed


def test_setting_the_category_of_an_unknown_tag_or_to_an_unknown_category_is_refused(
    db_path: Path,
) -> None:
    tags.ensure_tag("golf")
    with pytest.raises(NotFoundError, match="no tag called 'tennis'"):
        tags.set_tag_category("tennis", "hobby")
    with pytest.raises(ValidationError, match="'club' is not a tag category; choose one of: "):
        tags.set_tag_category("golf", "club")
    assert [t.category for t in tags.all_tags()] == ["interest"]


def test_marks_change_and_undo_with_the_category(db_path: Path) -> None:
    tags.ensure_tag("politics", "interest")
    marked = tags.set_tag_marks("Politics", avoid=True)
    assert (marked.before.avoid, marked.after.avoid, marked.after.mine) == (False, True, False)
    mine = tags.set_tag_marks("politics", mine=True)
    tags.undo_tag_change(mine)
    tags.undo_tag_change(marked)
    (politics,) = tags.all_tags()
    assert (politics.avoid, politics.mine) == (False, False)


def test_a_strict_tagging_refuses_an_existing_tag_of_another_category(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", tag_names=["BIM"])
    bob = contacts.create_contact("Bob")
    with pytest.raises(ValidationError, match="'BIM' is already a tag of the category interest"):
        tags.tag_contacts([bob], "bim", "need", strict=True)
    assert tags.contact_tags(bob) == []
    tags.tag_contacts([bob], "BIM training", "need", strict=True)
    tags.tag_contacts([ann], "bim training", "need", strict=True)
    assert tags.contacts_with_tag([ann, bob], "BIM training") == {ann, bob}
    assert tags.tag_names_by_need() == (["BIM"], ["BIM training"])
