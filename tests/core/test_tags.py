"""Interest tags, the user's own interests, and common ground."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate import contacts, tags
from relate.validation import ValidationError


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
