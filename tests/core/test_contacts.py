"""Creating, editing, archiving and deleting contacts, and what is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, queries, tags, timeline
from relate.records import Phone
from relate.validation import NotFoundError, ValidationError


def test_a_new_contact_keeps_every_field(db_path: Path) -> None:
    met = contacts.create_contact("Sue", "Nelson")
    contact_id = contacts.create_contact(
        "  José ",
        "Müller",
        company="Hartwell Kovac",
        position="Principal",
        emails=["jose@hk.example", "JOSE@hk.example", "jm@home.example"],
        phones=[Phone("+1 216 555 0100", "mobile"), "216 555 0199"],
        linkedin_url="linkedin.com/in/jose-muller/",
        location="Cleveland, OH",
        how_met="SMPS breakfast",
        met_through_id=met,
        connected_on="2024-05-30",
        stage="one-to-one",
        story="Wants more healthcare work.",
        cadence_days=30,
        tag_names=["Mass timber", "cycling"],
    )
    detail = contacts.get_contact(contact_id)
    assert detail.display_name == "José Müller"
    assert detail.emails == ("jose@hk.example", "jm@home.example")
    assert detail.phones == (Phone("+1 216 555 0100", "mobile"), Phone("216 555 0199"))
    assert detail.linkedin_url == "https://www.linkedin.com/in/jose-muller"
    assert detail.met_through_name == "Sue Nelson"
    assert detail.connected_on == dt.date(2024, 5, 30)
    assert detail.stage == "1-2-1"
    assert detail.cadence_days == 30
    assert [tag.name for tag in detail.tags] == ["cycling", "Mass timber"]
    assert not detail.archived
    assert detail.created_at <= detail.updated_at


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"first_name": " ", "last_name": ""}, "needs a name"),
        ({"first_name": "A", "emails": ["not-an-address"]}, "'not-an-address' is not a valid"),
        ({"first_name": "A", "emails": ["a@b"]}, "is not a valid e-mail"),
        ({"first_name": "A", "connected_on": "30/05/2024"}, "'30/05/2024' is not a date"),
        ({"first_name": "A", "connected_on": "2024-02-30"}, "'2024-02-30' is not a date"),
        ({"first_name": "A", "stage": "friend"}, "'friend' is not a stage"),
        ({"first_name": "A", "cadence_days": 0}, "between 1 and"),
        ({"first_name": "A", "cadence_days": "often"}, "not a whole number"),
        ({"first_name": "A", "linkedin_url": "https://example.com/in/a"}, "not a LinkedIn"),
        ({"first_name": "A", "met_through_id": 999}, "no contact with id 999"),
        ({"first_name": "A", "tag_names": ["x" * 81]}, "at most 80"),
    ],
)
def test_invalid_values_are_refused_with_a_message_and_nothing_written(
    db_path: Path, kwargs: dict, message: str
) -> None:
    with pytest.raises((ValidationError, NotFoundError), match=message):
        contacts.create_contact(**kwargs)
    assert queries.count_contacts(archived=None) == 0
    assert tags.all_tags() == []


def test_a_linkedin_profile_belongs_to_one_contact(db_path: Path) -> None:
    contacts.create_contact("Ann", "Smith", linkedin_url="https://www.linkedin.com/in/ann")
    with pytest.raises(ValidationError, match="already belongs to Ann Smith"):
        contacts.create_contact("Ann", "Smyth", linkedin_url="http://linkedin.com/in/ann/")
    other = contacts.create_contact("Bob", "Ng")
    with pytest.raises(ValidationError, match="already belongs to Ann Smith"):
        contacts.update_contact(other, linkedin_url="linkedin.com/in/ann")
    assert contacts.get_contact(other).linkedin_url is None
    # No URL at all is fine for any number of contacts.
    contacts.create_contact("Cy", "Ng")


def test_update_changes_only_the_given_fields(db_path: Path) -> None:
    contact_id = contacts.create_contact("Ann", "Smith", company="Acme", emails=["a@acme.com"])
    before = contacts.get_contact(contact_id)
    contacts.update_contact(contact_id, position="Director", emails=["ann@new.example"])
    after = contacts.get_contact(contact_id)
    assert (after.company, after.position) == ("Acme", "Director")
    assert after.emails == ("ann@new.example",)
    assert after.updated_at >= before.updated_at


def test_a_failed_update_leaves_the_contact_as_it_was(db_path: Path) -> None:
    contact_id = contacts.create_contact("Ann", "Smith", company="Acme")
    with pytest.raises(ValidationError):
        contacts.update_contact(contact_id, company="NewCo", emails=["broken"])
    with pytest.raises(ValidationError):
        contacts.update_contact(contact_id, first_name="", last_name="")
    with pytest.raises(ValidationError):
        contacts.update_contact(contact_id, met_through_id=contact_id)
    detail = contacts.get_contact(contact_id)
    assert (detail.display_name, detail.company) == ("Ann Smith", "Acme")
    assert queries.contact_ids("newco") == []


def test_update_rejects_unknown_fields(db_path: Path) -> None:
    contact_id = contacts.create_contact("Ann")
    with pytest.raises(TypeError, match="nickname"):
        contacts.update_contact(contact_id, nickname="Annie")


def test_archived_contacts_leave_the_list_but_are_kept(db_path: Path) -> None:
    keep = contacts.create_contact("Ann", "Smith")
    gone = contacts.create_contact("Bob", "Ng")
    assert contacts.set_archived([gone]) == 1
    assert queries.contact_ids() == [keep]
    assert queries.contact_ids(archived=True) == [gone]
    assert queries.count_contacts() == 1 and queries.count_contacts(archived=None) == 2
    contacts.set_archived([gone], archived=False)
    assert sorted(queries.contact_ids()) == sorted([keep, gone])


def test_deleting_a_contact_removes_its_timeline_and_links(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Smith", tag_names=["golf"])
    bob = contacts.create_contact("Bob", "Ng", met_through_id=ann)
    timeline.log_interaction(ann, "call")
    assert contacts.delete_contacts([ann]) == 1
    with pytest.raises(NotFoundError):
        contacts.get_contact(ann)
    assert contacts.get_contact(bob).met_through_id is None
    assert timeline.interactions_for(ann) == []
    assert [(t.name, t.contact_count) for t in tags.all_tags()] == [("golf", 0)]


def test_find_contacts_by_id_full_name_and_partial_name(db_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Smith")
    anne = contacts.create_contact("Anne", "Smithers")
    assert contacts.find_contacts(str(ann)) == [ann]
    assert contacts.find_contacts("ann smith") == [ann]
    assert sorted(contacts.find_contacts("ann")) == sorted([ann, anne])
    assert contacts.find_contacts("smithers") == [anne]
    assert contacts.find_contacts("999") == []
    assert contacts.find_contacts('"*(') == []
