"""Finding contacts that are likely one person: each kind of evidence, and what is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate import contacts
from relate.duplicates import DuplicatePair, find_duplicates


def pairs() -> dict[tuple[int, int], tuple[str, ...]]:
    return {(p.first_id, p.second_id): p.reasons for p in find_duplicates()}


def test_the_same_email_in_any_case_pairs_two_contacts(db_path: Path) -> None:
    a = contacts.create_contact("Ann", "Lee", emails=["ann@acme.example"])
    b = contacts.create_contact("A.", "Lee-Park", emails=["home@x.example", "ANN@Acme.example"])
    contacts.create_contact("Ann", "Other", emails=["other@acme.example"])
    assert pairs() == {(a, b): ("same e-mail ann@acme.example",)}


def test_the_same_phone_written_differently_pairs_two_contacts(db_path: Path) -> None:
    a = contacts.create_contact("Ann", "Lee", phones=["+1 216 555 0100"])
    b = contacts.create_contact("Bea", "Ng", phones=["(216) 555-0100"])
    contacts.create_contact("Cy", "Ode", phones=["(216) 555-0199", "12"])
    contacts.create_contact("Di", "Eve", phones=["12"])  # too few digits to mean anything
    assert pairs() == {(a, b): ("same phone +1 216 555 0100",)}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("José", "Müller"), ("jose", "MULLER")),  # case and accents
        (("Robert", "Smith"), ("Bob", "Smith")),
        (("William", "Chen"), ("Bill", "Chen")),
        (("Elizabeth", "Ward"), ("Liz", "Ward")),
        (("Katherine", "Moss"), ("Kate", "Moss")),
        (("Steven", "Hale"), ("Steve", "Hale")),
        (("Stephen", "Hale"), ("Steven", "Hale")),
        (("Jonathan", "Pryce"), ("John", "Pryce")),
        (("Andrew", "Kim"), ("Andy", "Kim")),
        (("Christopher", "Ng"), ("Chris", "Ng")),
        (("J.", "Okafor"), ("James", "Okafor")),  # an initial
        (("Jonathan", "Smith"), ("Jonathan", "Smyth")),  # one typo
        (("Jonathan", "Smith"), ("Jonahtan", "Smith")),  # two letters swapped
        (("Priya", "Patel, PE"), ("Priya", "Patel")),  # credentials
    ],
)
def test_similar_names_at_the_same_company_pair(
    db_path: Path, first: tuple[str, str], second: tuple[str, str]
) -> None:
    a = contacts.create_contact(*first, company="Acme Ltd")
    b = contacts.create_contact(*second, company="ACME  ltd.")
    assert pairs() == {(a, b): ("similar names at Acme Ltd",)}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Robert", "Smith"), ("Bob", "Smithers")),  # other last name
        (("Robert", "Smith"), ("William", "Smith")),  # other first name
        (("Bo", "Ng"), ("Bo", "Nu")),  # one letter off, but too short to tell
        (("Jonathan", "Smith"), ("Jonathan", "Smythe")),  # two letters off
    ],
)
def test_different_names_at_one_company_do_not_pair(
    db_path: Path, first: tuple[str, str], second: tuple[str, str]
) -> None:
    contacts.create_contact(*first, company="Acme")
    contacts.create_contact(*second, company="Acme")
    assert pairs() == {}


def test_the_same_name_pairs_weakly_when_one_has_no_company(db_path: Path) -> None:
    a = contacts.create_contact("Ann", "Lee", company="Acme")
    b = contacts.create_contact("ann", "lee")
    contacts.create_contact("Ann", "Lee", company="Other firm")  # at two firms: two people
    assert pairs() == {(a, b): ("same name",), (b, a + 2): ("same name",)}
    # Nicknames need the company to go by.
    contacts.create_contact("Bob", "Stone")
    contacts.create_contact("Robert", "Stone", company="Acme")
    assert len(pairs()) == 2


def test_two_linkedin_profiles_are_two_people_unless_they_share_an_address(
    db_path: Path,
) -> None:
    contacts.create_contact("Ann", "Lee", company="Acme", linkedin_url="linkedin.com/in/ann-1")
    contacts.create_contact("Ann", "Lee", company="Acme", linkedin_url="linkedin.com/in/ann-2")
    contacts.create_contact("Ann", "Lee", linkedin_url="linkedin.com/in/ann-3")
    assert pairs() == {}
    a = contacts.create_contact("Bo", "Ng", linkedin_url="linkedin.com/in/bo-1", emails=["b@x.io"])
    b = contacts.create_contact("Bo", "Ng", linkedin_url="linkedin.com/in/bo-2", emails=["b@x.io"])
    assert pairs() == {(a, b): ("same e-mail b@x.io",)}
    # One profile and none: that may well be the same person.
    c = contacts.create_contact("Ann", "Lee", company="Acme")
    assert pairs() == {
        (a, b): ("same e-mail b@x.io",),
        (1, c): ("similar names at Acme",),
        (2, c): ("similar names at Acme",),
        (3, c): ("same name",),
    }


def test_archived_contacts_are_not_offered(db_path: Path) -> None:
    a = contacts.create_contact("Ann", "Lee", emails=["ann@acme.example"])
    b = contacts.create_contact("Ann", "Lee", emails=["ann@acme.example"])
    contacts.set_archived([b])
    assert find_duplicates() == []
    contacts.set_archived([b], archived=False)
    assert [(p.first_id, p.second_id) for p in find_duplicates()] == [(a, b)]


def test_a_contact_is_never_its_own_duplicate(db_path: Path) -> None:
    contacts.create_contact(
        "Ann",
        "Lee",
        company="Acme",
        emails=["ann@acme.example"],
        phones=["216 555 0100", "+1 (216) 555-0100"],
    )
    assert find_duplicates() == []


def test_an_address_or_number_many_share_is_a_switchboard_not_a_person(db_path: Path) -> None:
    for n in range(6):
        contacts.create_contact(f"P{n}", f"Q{n}", phones=["+1 216 555 0100"])
    assert find_duplicates() == []


def test_pairs_come_strongest_first_and_can_be_limited(db_path: Path) -> None:
    weak = (
        contacts.create_contact("Ann", "Lee"),
        contacts.create_contact("Ann", "Lee", company="X"),
    )
    by_name = (
        contacts.create_contact("Robert", "Stone", company="Acme"),
        contacts.create_contact("Bob", "Stone", company="Acme"),
    )
    by_phone = (
        contacts.create_contact("Cy", "Ode", phones=["216 555 0100"]),
        contacts.create_contact("Cyrus", "Ode", phones=["216-555-0100"]),
    )
    by_email_and_name = (
        contacts.create_contact("Di", "Eve", company="Acme", emails=["di@acme.example"]),
        contacts.create_contact("Di", "Eve", company="Acme", emails=["di@acme.example"]),
    )
    found = find_duplicates()
    assert [(p.first_id, p.second_id) for p in found] == [
        by_email_and_name,
        by_phone,
        by_name,
        weak,
    ]
    assert found[0] == DuplicatePair(
        *by_email_and_name, ("same e-mail di@acme.example", "similar names at Acme"), 150
    )
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
    assert find_duplicates(limit=2) == found[:2]
