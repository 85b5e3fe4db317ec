"""Answering "who do you know who…": ranking on a small hand-made network, odd input, the CLI."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate import contacts, demo, tags, who_knows
from relate.cli.errors import UserError
from relate.cli.who_commands import WHO_COMMANDS, add_who_parser
from relate.store.db import db

QUESTION = "who do you know who does architecture in Cleveland"


@pytest.fixture
def people(db_path: Path) -> dict[str, int]:
    add = contacts.create_contact
    ids = {
        "ann": add(
            "Ann",
            "Lee",
            company="Hartwell Kovac",
            position="Project Architect",
            location="Cleveland, OH",
            tag_names=["Architecture"],
        ),
        "bob": add(
            "Bob",
            "Stone",
            company="Summit Design",
            position="Architect",
            location="Akron, OH",
            tag_names=["Architecture"],
        ),
        "cara": add(
            "Cara",
            "Diaz",
            company="Lakeshore Health",
            position="Facilities Director",
            location="Columbus, OH",
            story="Loves old architecture; wants to redo the lobby next year.",
        ),
        "dan": add(
            "Dan",
            "Moss",
            company="Ledger & Line",
            position="Accountant",
            location="Cleveland, OH",
            tag_names=["golf"],
        ),
        # Named like the question, but the name is not searched.
        "ted": add("Ted", "Architect", position="Nurse", location="Toledo, OH"),
        "old": add(
            "Olga",
            "Gone",
            position="Principal Architect",
            location="Cleveland, OH",
            tag_names=["Architecture"],
        ),
    }
    for n in range(8):  # the rest of a network, so that no word is in most rows
        add(f"Filler{n}", "Person", position="Nurse", location="Toledo, OH", tag_names=["sailing"])
    contacts.set_archived([ids["old"]])
    return ids


def ranked(question: str, limit: int = 200) -> list[int]:
    return [result.contact_id for result in who_knows.who_knows(question, limit)]


def test_the_cleveland_architect_comes_first(people: dict[str, int]) -> None:
    results = who_knows.who_knows(QUESTION)
    assert [r.contact_id for r in results] == [people["ann"], people["bob"], people["cara"]]
    ann = results[0]
    assert (ann.name, ann.company, ann.position, ann.location) == (
        "Ann Lee",
        "Hartwell Kovac",
        "Project Architect",
        "Cleveland, OH",
    )
    assert ann.reasons == ("tag: Architecture", "position: Project Architect", "in Cleveland, OH")
    assert results[2].reasons == ('story mentions "architecture"',)
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True) and 2 <= scores[0] < 3 <= scores[0] + 1


def test_a_place_alone_is_no_answer_but_can_be_the_question(people: dict[str, int]) -> None:
    assert people["dan"] not in ranked(QUESTION)  # in Cleveland, but no architect
    assert set(ranked("who do you know in Cleveland")) == {people["ann"], people["dan"]}
    nowhere = ranked("architecture in Timbuktu")  # a place nobody is in is no filter
    assert set(nowhere[:2]) == {people["ann"], people["bob"]} and nowhere[2:] == [people["cara"]]


def test_light_stemming_finds_other_forms(people: dict[str, int]) -> None:
    for question in ("architects", "an architect", "ARCHITECTURAL", "architecture"):
        assert set(ranked(question)[:2]) == {people["ann"], people["bob"]}, question
    assert ranked("accounting") == [people["dan"]]
    assert ranked("accountants near Cleveland") == [people["dan"]]


def test_archived_and_names_are_left_out(people: dict[str, int]) -> None:
    assert people["old"] not in ranked("principal architect")
    assert people["ted"] not in ranked("architect")
    contacts.set_archived([people["old"]], False)
    assert ranked("principal architect")[0] == people["old"]


def test_only_question_words_find_nothing(people: dict[str, int]) -> None:
    assert who_knows.who_knows("who do you know who is looking for someone") == []
    assert who_knows.who_knows("nobody-here zzzz") == []
    assert who_knows.who_knows(QUESTION, limit=0) == []


def test_limit_keeps_the_best(people: dict[str, int]) -> None:
    full = ranked(QUESTION)
    for limit in (1, 2, 3, 4):
        assert ranked(QUESTION, limit) == full[:limit]


def test_a_need_is_labelled_as_one(people: dict[str, int]) -> None:
    tags.tag_contacts([people["dan"]], "an architect for the new office", "need")
    dan = next(r for r in who_knows.who_knows("architect") if r.contact_id == people["dan"])
    assert dan.reasons == ("needs: an architect for the new office",)


HOSTILE = [
    '"',
    '""',
    '"architecture',
    "*",
    "architect*",
    "-",
    "architect -cleveland",
    "NEAR",
    "NEAR(architect cleveland)",
    "architect AND",
    "OR",
    "NOT architect",
    "(",
    ")",
    "^",
    "col:x",
    "{position}: architect",
    "🏛️ architecture 🏙️",
    "",
    "   ",
    "\x00",
    "ＡＲＣＨＩＴＥＣＴ",
    "a" * 5000,
    "who's who",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_fts_syntax_is_searched_as_words_and_never_raises(
    people: dict[str, int], text: str
) -> None:
    results = who_knows.who_knows(text)
    assert isinstance(results, list)
    if "architect" in text:
        assert people["ann"] in [r.contact_id for r in results]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=80))
def test_any_text_at_all_never_raises(people: dict[str, int], text: str) -> None:
    for result in who_knows.who_knows(text, limit=5):
        assert result.contact_id in people.values() or result.name.startswith("Filler")


def _plainly_ranked(question: str) -> list[tuple[int, int]]:
    """The ranking by its definition: each term's bm25 on its own, summed per contact."""
    terms = [term for term in who_knows._terms(question) if who_knows._exists(term)]
    if not any(term.topic for term in terms):
        return []
    scores: dict[int, tuple[list[int], float]] = {}
    for index, term in enumerate(terms):
        rows = db.execute_sql(
            f"SELECT rowid, {who_knows._BM25} FROM contact_fts WHERE contact_fts MATCH ?"
            " AND rowid NOT IN (SELECT id FROM contact WHERE archived = 1)",
            (f"{who_knows._COLUMNS} : {term.fts}",),
        )
        for contact_id, bm25 in rows:
            matched, total = scores.get(contact_id, ([], 0.0))
            scores[contact_id] = ([*matched, index], total + bm25)
    kept = [
        (-len(matched), round(total, 9), contact_id)
        for contact_id, (matched, total) in scores.items()
        if any(terms[i].topic for i in matched)
    ]
    return [(contact_id, -count) for count, _, contact_id in sorted(kept)]


@pytest.mark.parametrize(
    "question",
    [
        "who do you know who does architecture in Cleveland",
        "structural engineer",
        "healthcare design in Akron",
        "a structural engineer who knows mass timber in Cleveland for a hospital",
        "project manager at a bank near Columbus",
    ],
)
def test_the_tiers_give_the_plain_ranking(db_path: Path, question: str) -> None:
    demo.fill_demo(size=400, today=dt.date(2027, 1, 1))
    contacts.set_archived(range(1, 400, 9))
    expected = _plainly_ranked(question)
    for limit in (7, 60, 1000):
        answers = who_knows.answers(question, limit)
        assert [(a.result.contact_id, a.matched) for a in answers] == expected[:limit]


# -- the command line -------------------------------------------------------------------


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_who_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return WHO_COMMANDS[args.command](args)


def test_cli_prints_ranked_lines(people: dict[str, int], capsys: pytest.CaptureFixture) -> None:
    assert run("who", "does", "architecture", "in", "Cleveland") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].split()[:3] == [str(people["ann"]), "Ann", "Lee"]
    assert "Project Architect at Hartwell Kovac" in lines[0]
    assert lines[0].endswith("tag: Architecture; position: Project Architect; in Cleveland, OH")
    assert lines[1].split()[0] == str(people["bob"])


def test_cli_prints_json(people: dict[str, int], capsys: pytest.CaptureFixture) -> None:
    assert run("who", QUESTION, "--json", "--limit", "2") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["contact_id"] for row in rows] == [people["ann"], people["bob"]]
    assert set(rows[0]) == {
        "contact_id",
        "name",
        "company",
        "position",
        "location",
        "score",
        "reasons",
    }
    assert rows[0]["reasons"][0] == "tag: Architecture"


def test_cli_says_when_nobody_matches(
    people: dict[str, int], capsys: pytest.CaptureFixture
) -> None:
    assert run("who", "knows", "zzzz") == 0
    out, err = capsys.readouterr()
    assert out == "" and "Nobody" in err
    assert run("who", "zzzz", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    with pytest.raises(UserError):
        run("who", "architect", "--limit", "0")
