"""Full-text search: what it finds, that it follows every write, and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate import contacts, queries, tags
from relate.cli import main
from relate.store import search
from relate.store.db import db
from relate.vocabulary import STAGES


@pytest.fixture
def people(db_path: Path) -> dict[str, int]:
    return {
        "jose": contacts.create_contact(
            "José", "Müller", company="Hartwell Kovac", position="Principal", tag_names=["BIM"]
        ),
        "aoife": contacts.create_contact(
            "Aoife", "O'Brien", company="Lakeside", story="Worried about the NEAR-term backlog."
        ),
        "sam": contacts.create_contact("Sam", "Archer", location="Akron, OH"),
    }


def ids(text: str) -> set[int]:
    return set(queries.contact_ids(text))


def test_search_matches_word_prefixes_in_every_field(people: dict[str, int]) -> None:
    assert ids("jos") == {people["jose"]}
    assert ids("MULLER") == {people["jose"]}  # case and accents do not matter
    assert ids("hart kov") == {people["jose"]}  # every word must match
    assert ids("princ") == {people["jose"]}
    assert ids("bim") == {people["jose"]}
    assert ids("backlog") == {people["aoife"]}
    assert ids("akron") == {people["sam"]}
    assert ids("o'brien") == {people["aoife"]}
    assert ids("jose backlog") == set()


@pytest.mark.parametrize(
    "text",
    ['"', '""', "*", "-", "NEAR", "NEAR(", "a AND", "OR", "(", ")", "^", "near-term", "col:x"],
)
def test_fts_syntax_is_searched_as_words_and_never_raises(
    people: dict[str, int], text: str
) -> None:
    queries.contact_ids(text)
    queries.search_page(text)


def test_near_and_hyphens_are_plain_words(people: dict[str, int]) -> None:
    assert ids("NEAR-term") == {people["aoife"]}
    assert ids('"near') == {people["aoife"]}


def test_text_without_words_filters_nothing(people: dict[str, int]) -> None:
    assert ids("  ") == set(people.values())
    assert ids('"*') == set(people.values())


def test_the_index_follows_edits(people: dict[str, int]) -> None:
    contacts.update_contact(people["sam"], company="Bramwell", story="Loves sailing")
    assert ids("bramwell") == {people["sam"]}
    assert ids("sailing") == {people["sam"]}
    contacts.update_contact(people["sam"], first_name="Samantha")
    assert ids("samantha") == {people["sam"]}
    contacts.update_contact(people["sam"], story="")
    assert ids("sailing") == set()


def test_the_index_follows_tagging_untagging_and_renaming(people: dict[str, int]) -> None:
    tag_id = tags.tag_contacts([people["sam"], people["aoife"]], "Sailing")
    assert ids("sail") == {people["sam"], people["aoife"]}
    tags.untag_contacts([people["aoife"]], "sailing")
    assert ids("sail") == {people["sam"]}
    tags.update_tag(tag_id, name="Yachting")
    assert ids("sail") == set()
    assert ids("yacht") == {people["sam"]}


def test_deleted_contacts_leave_the_index(people: dict[str, int]) -> None:
    contacts.delete_contacts([people["jose"]])
    assert ids("jose") == set()
    count = db.execute_sql("SELECT count(*) FROM contact_fts").fetchone()[0]
    assert count == 2


def test_a_failed_write_leaves_the_index_as_it_was(people: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        contacts.update_contact(people["sam"], company="Zephyr", emails=["no"])
    assert ids("zephyr") == set()


def test_search_page_counts_all_matches_and_returns_the_first_in_name_order(
    db_path: Path,
) -> None:
    for last in ["Young", "Adams", "Miller", "Baker", "Zane"]:
        contacts.create_contact("Pat", last, company="Acme")
    contacts.create_contact("Lee", "Other")
    page = queries.search_page("acme", limit=3)
    assert page.total == 5
    names = [s.last_name for s in queries.summaries(page.ids)]
    assert names == ["Adams", "Baker", "Miller"]


def test_rebuild_restores_a_damaged_index(people: dict[str, int]) -> None:
    db.execute_sql("DELETE FROM contact_fts")
    assert ids("jose") == set()
    search.rebuild()
    assert ids("jose") == {people["jose"]}


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_typed_text_searches_without_error(people: dict[str, int], text: str) -> None:
    result = queries.search_page(text)
    assert result.total >= len(result.ids)


@pytest.mark.parametrize("order", sorted(queries.ORDERS))
def test_search_page_agrees_with_the_full_list_for_broad_and_narrow_searches(
    db_path: Path, order: str
) -> None:
    # "acme" matches nearly everyone (the index-walk plan), "zeta" one in fifty.
    for n in range(200):
        company = "Zeta Works" if n % 50 == 0 else f"Acme {n % 7}"
        contacts.create_contact(f"P{n:03}", f"Last{(n * 37) % 200:03}", company=company)
    contacts.set_archived(queries.contact_ids("acme")[:5])
    for text in ["acme", "zeta", "p0", ""]:
        for archived in (False, True, None):
            page = queries.search_page(text, archived=archived, order=order, limit=10)
            full = queries.contact_ids(text, archived=archived, order=order)
            assert page.total == len(full), (text, archived)
            assert page.ids == full[:10], (text, archived)


@pytest.mark.parametrize("descending", [False, True])
def test_stage_order_follows_the_pipeline_then_names(db_path: Path, descending: bool) -> None:
    stages = ["advocate", "connection", "1-2-1", "conversation", "relationship", "connection"]
    for n, stage in enumerate(stages):
        contacts.create_contact(f"P{n}", f"Last{(n * 7) % 6}", stage=stage)
    rows = queries.list_contacts(archived=None)
    expected = sorted(
        rows, key=lambda r: (STAGES.index(r.stage), r.last_name.casefold(), r.first_name, r.id)
    )
    if descending:
        expected.reverse()
    got = queries.contact_ids(order="stage", descending=descending)
    assert got == [r.id for r in expected]


def segments() -> int:
    # The FTS5 structure record counts segments; the data table grows with them.
    return db.execute_sql("SELECT count(*) FROM contact_fts_data").fetchone()[0]


def test_merge_steps_tidy_the_index_and_then_report_no_work(db_path: Path) -> None:
    people = [contacts.create_contact(f"P{n}", "Person", company="Acme") for n in range(40)]
    for n, who in enumerate(people):  # one small segment per write
        contacts.update_contact(who, company=f"Firm{n}")
    before = segments()
    steps = 0
    while search.merge_step():
        steps += 1
        assert steps < 1000
    assert steps > 0 and segments() < before
    assert not search.merge_step()
    assert ids("firm7") == {people[7]} and ids("acme") == set()


@pytest.fixture
def reachable(db_path: Path) -> dict[str, int]:
    return {
        "ann": contacts.create_contact(
            "Ann",
            "Adams",
            emails=["ann.adams@gmail.com"],
            phones=["+1 (415) 555-0100"],
            how_met="SMPS breakfast",
        ),
        "bob": contacts.create_contact(
            "Bob", "Baker", emails=["bob@brick.example"], phones=["+44 20 7946 0958"]
        ),
    }


def test_search_finds_people_by_a_part_of_their_e_mail_address(
    reachable: dict[str, int],
) -> None:
    assert ids("gmail") == {reachable["ann"]}
    assert ids("ann.adams@gmail") == {reachable["ann"]}
    assert ids("brick") == {reachable["bob"]}
    assert ids("smps") == {reachable["ann"]}  # how we met is searched too


@pytest.mark.parametrize(
    "typed", ["+1 415", "1415", "(415) 555", "415-555-01", "415.555", "5550100", "0100"]
)
def test_a_phone_number_matches_on_its_digits_however_spaced(
    reachable: dict[str, int], typed: str
) -> None:
    assert ids(typed) == {reachable["ann"]}


def test_phone_search_follows_edits_of_the_numbers(reachable: dict[str, int]) -> None:
    contacts.update_contact(reachable["bob"], phones=["(415) 555 0199"])
    assert ids("415 555") == {reachable["ann"], reachable["bob"]}
    assert ids("7946") == set()
    contacts.update_contact(reachable["ann"], emails=["ann@acme.example"])
    assert ids("gmail") == set()
    assert ids("acme") == {reachable["ann"]}


def test_phone_terms_are_the_digits_from_each_group_on() -> None:
    assert search.phone_terms("+1 (415) 555-0100") == "14155550100 4155550100 5550100 0100"
    assert search.phone_terms("no digits") == ""


def test_the_command_line_search_finds_e_mails_and_phone_digits(
    reachable: dict[str, int], db_path: Path, capsys
) -> None:
    for typed in ("gmail", "+1 415", "(415) 555"):
        assert main(["--db", str(db_path), "list", "--search", typed]) == 0
        assert "Ann Adams" in capsys.readouterr().out, typed
