"""The `relate` command line, driven the way a user drives it.

Every test runs `relate.cli.main([...])` in-process against a fresh database file and
checks what a user would notice: what is printed, the exit status, and what a later
`list --json` / `show --json` says is stored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from relate.cli import main
from tests.database_dump import sqlite_dump

REPO_ROOT = Path(__file__).resolve().parents[2]

CONTRACT_KEYS = {
    "id",
    "first_name",
    "last_name",
    "company",
    "position",
    "emails",
    "linkedin_url",
    "connected_on",
    "stage",
    "tags",
    "last_contacted",
    "next_due",
}


# -- helpers -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    """No test may reach the user's real database: no RELATE_DB, a private data folder."""
    monkeypatch.delenv("RELATE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "relate.sqlite"


@pytest.fixture
def run(capsys, db_path):
    """`run(*args)` -> (exit status, stdout, stderr) of `relate --db DB args...`."""

    def _run(*args, db=db_path):
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def usage_error(capsys, db_path):
    """`usage_error(*args)` asserts argparse rejects the call with status 2; returns stderr."""

    def _usage_error(*args):
        with pytest.raises(SystemExit) as exc:
            main(["--db", str(db_path), *args])
        assert exc.value.code == 2
        return capsys.readouterr().err

    return _usage_error


def ok(result):
    """The stdout of a call that must succeed."""
    code, out, err = result
    assert code == 0, err
    assert err == ""
    return out


def add(run, *args) -> int:
    """Add a contact and return the id it printed."""
    return int(ok(run("add", *args)).strip())


def contacts(run, *args) -> list[dict]:
    return json.loads(ok(run("list", "--json", *args)))


def names(rows) -> list[str]:
    return [f"{row['first_name']} {row['last_name']}".strip() for row in rows]


def detail(run, reference) -> dict:
    return json.loads(ok(run("show", str(reference), "--json")))


def fails(result, *fragments):
    """Assert a call failed with status 1, naming each fragment on stderr; returns stderr."""
    code, out, err = result
    assert code == 1, (out, err)
    assert err.startswith("relate: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err
    return err


# -- add / list ----------------------------------------------------------------------


def test_add_prints_the_new_id(run):
    first = ok(run("add", "Ada", "Lovelace"))
    second = ok(run("add", "Charles", "Babbage"))
    assert first.strip().isdigit()
    assert int(second.strip()) != int(first.strip())
    assert {row["id"] for row in contacts(run)} == {int(first), int(second)}


def test_list_json_has_every_contract_field_with_the_right_values(run):
    contact_id = add(
        run,
        "Ada",
        "Lovelace",
        "--company",
        "Analytical Engines",
        "--position",
        "Programmer",
        "--email",
        "ada@engines.org",
        "--email",
        "ada.l@example.com",
        "--tag",
        "Mathematics",
        "--tag",
        "Poetry",
    )
    (row,) = contacts(run)
    assert CONTRACT_KEYS <= row.keys()
    assert row["id"] == contact_id
    assert row["first_name"] == "Ada"
    assert row["last_name"] == "Lovelace"
    assert row["company"] == "Analytical Engines"
    assert row["position"] == "Programmer"
    assert row["emails"] == ["ada@engines.org", "ada.l@example.com"]
    assert row["linkedin_url"] is None
    assert row["connected_on"] is None
    assert row["stage"] == "connection"
    assert row["tags"] == ["Mathematics", "Poetry"]
    assert row["last_contacted"] is None
    assert row["next_due"] is None


def test_list_json_of_an_empty_database_is_an_empty_array(run):
    assert contacts(run) == []


def test_list_without_json_prints_one_line_per_contact(run):
    add(run, "Ada", "Lovelace", "--company", "Engines")
    add(run, "Charles", "Babbage")
    out = ok(run("list"))
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert any("Ada Lovelace" in line and "Engines" in line for line in lines)
    assert any("Charles Babbage" in line for line in lines)


def test_add_stores_linkedin_connected_on_stage_and_cadence(run):
    add(
        run,
        "Grace",
        "Hopper",
        "--linkedin",
        "linkedin.com/in/grace-hopper/",
        "--connected-on",
        "2023-04-05",
        "--stage",
        "advocate",
        "--cadence",
        "30",
    )
    (row,) = contacts(run)
    assert row["linkedin_url"] == "https://www.linkedin.com/in/grace-hopper"
    assert row["connected_on"] == "2023-04-05"
    assert row["stage"] == "advocate"
    assert row["next_due"] == "2023-05-05"


def test_list_search_matches_word_prefixes_ignoring_case_and_accents(run):
    add(run, "José", "García", "--company", "Andes Mining")
    add(run, "Joan", "Smith")
    assert names(contacts(run, "--search", "jose")) == ["José García"]
    assert names(contacts(run, "--search", "GARC")) == ["José García"]
    assert names(contacts(run, "--search", "andes")) == ["José García"]
    assert names(contacts(run, "--search", "jo")) == ["José García", "Joan Smith"]
    assert contacts(run, "--search", "osé") == []  # a prefix of a word, not a substring


@pytest.mark.parametrize(
    ("text", "finds_jose"),
    [
        ('"', True),  # no word at all: nothing to filter on
        ('"jose', True),
        ('jose"', True),
        ("jose*", True),
        ("-jose", True),
        ("jose -garcia", True),
        ("jose OR", False),  # OR is a word to find, not an operator
        ("NEAR(jose", False),
        ("NEAR(jose garcia, 2)", False),
        ("(", True),
        ("(jose)", True),
        ("jose AND", False),
        ("AND", False),
        ("*", True),
        (")", True),
        ("^jose", True),
        ("name:jose", False),
        ("jose:", True),
    ],
)
def test_list_search_with_fts_syntax_characters_never_errors(run, text, finds_jose):
    add(run, "José", "García")
    add(run, "Anders", "Ornstein")
    code, out, err = run("list", "--json", f"--search={text}")
    assert code == 0, err
    assert err == ""
    found = names(json.loads(out))
    assert ("José García" in found) == finds_jose


def test_list_tag_filters_and_two_tags_are_both_required(run):
    add(run, "Ada", "Lovelace", "--tag", "Sailing", "--tag", "Jazz")
    add(run, "Charles", "Babbage", "--tag", "Sailing")
    add(run, "Grace", "Hopper", "--tag", "Jazz")
    assert names(contacts(run, "--tag", "sailing")) == ["Charles Babbage", "Ada Lovelace"]
    assert names(contacts(run, "--tag", "Sailing", "--tag", "jazz")) == ["Ada Lovelace"]
    assert contacts(run, "--tag", "Knitting") == []


def test_list_search_and_tag_combine(run):
    add(run, "Ada", "Lovelace", "--tag", "Sailing")
    add(run, "Ada", "Byron", "--tag", "Jazz")
    assert names(contacts(run, "--search", "ada", "--tag", "jazz")) == ["Ada Byron"]


def test_archived_contacts_are_hidden_from_list_and_shown_with_archived(run):
    add(run, "Ada", "Lovelace")
    old = add(run, "Charles", "Babbage")
    ok(run("archive", str(old)))
    assert names(contacts(run)) == ["Ada Lovelace"]
    assert names(contacts(run, "--archived")) == ["Charles Babbage"]


# -- show ----------------------------------------------------------------------------


def test_show_by_id_prints_the_card(run):
    contact_id = add(
        run, "Ada", "Lovelace", "--company", "Engines", "--position", "Programmer", "--email",
        "ada@engines.org",
    )  # fmt: skip
    out = ok(run("show", str(contact_id)))
    assert out.splitlines()[0] == "Ada Lovelace"
    assert "Programmer at Engines" in out
    assert "ada@engines.org" in out
    assert "connection" in out


def test_a_birthday_is_stored_shown_and_cleared(run):
    contact_id = add(run, "Ada", "Lovelace", "--birthday", "1815-12-10")
    assert detail(run, contact_id)["birthday"] == "1815-12-10"
    assert "Birthday:     10 Dec 1815" in ok(run("show", str(contact_id)))
    ok(run("edit", str(contact_id), "--birthday", ""))
    assert detail(run, contact_id)["birthday"] is None
    fails(
        run("edit", str(contact_id), "--birthday", "10/12/1815"),
        "birthday",
        "2026-11-02 or 2 Nov 2026",
    )


def test_show_by_full_name_prefers_the_exact_match(run):
    berg = add(run, "Anna", "Berg")
    add(run, "Anna", "Bergman")
    assert detail(run, "anna berg")["id"] == berg


def test_show_by_unique_partial_name(run):
    add(run, "Anna", "Berg")
    lind = add(run, "Anna", "Lind")
    assert detail(run, "Lin")["id"] == lind
    assert detail(run, "ann l")["id"] == lind


def test_show_by_name_ignores_case_and_accents(run):
    jose = add(run, "José", "García")
    assert detail(run, "José García")["id"] == jose
    assert detail(run, "JOSE GARCIA")["id"] == jose


def test_show_ambiguous_name_lists_the_candidates_and_exits_1(run):
    berg = add(run, "Anna", "Berg")
    lind = add(run, "Anna", "Lind")
    err = fails(run("show", "Anna"), "Anna Berg", "Anna Lind", "2 contacts")
    assert str(berg) in err and str(lind) in err


def test_show_unknown_contact_exits_1_naming_it(run):
    add(run, "Anna", "Berg")
    code, out, err = run("show", "Zelda")
    fails((code, out, err), "Zelda")
    assert out == ""
    fails(run("show", "999"), "999")


def test_show_json_includes_interactions_and_follow_ups(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("log", str(contact_id), "call", "--date", "2024-03-01", "--summary", "Catch-up"))
    ok(run("follow-up", str(contact_id), "Send the paper", "--due", "2024-04-01"))
    data = detail(run, contact_id)
    assert data["first_name"] == "Ada"
    assert [(i["kind"], i["date"], i["summary"]) for i in data["interactions"]] == [
        ("call", "2024-03-01", "Catch-up")
    ]
    assert [(f["text"], f["due"], f["done_at"]) for f in data["follow_ups"]] == [
        ("Send the paper", "2024-04-01", None)
    ]


# -- edit ----------------------------------------------------------------------------


def test_edit_names(run):
    contact_id = add(run, "Ada", "Byron")
    ok(run("edit", str(contact_id), "--first", "Augusta", "--last", "Lovelace"))
    assert names(contacts(run)) == ["Augusta Lovelace"]
    assert detail(run, "Augusta Lovelace")["id"] == contact_id


def test_edit_company_and_position(run):
    contact_id = add(run, "Ada", "Lovelace", "--company", "Old Co", "--position", "Clerk")
    ok(run("edit", "Ada", "--company", "New Co"))
    ok(run("edit", str(contact_id), "--position", "Director"))
    (row,) = contacts(run)
    assert (row["company"], row["position"]) == ("New Co", "Director")


def test_edit_email_becomes_primary_and_keeps_the_old_one(run):
    contact_id = add(run, "Ada", "Lovelace", "--email", "old@example.com")
    ok(run("edit", str(contact_id), "--email", "new@example.com"))
    assert detail(run, contact_id)["emails"] == ["new@example.com", "old@example.com"]
    ok(run("edit", str(contact_id), "--email", "old@example.com"))
    assert detail(run, contact_id)["emails"] == ["old@example.com", "new@example.com"]


def test_edit_malformed_email_exits_1_and_keeps_the_addresses(run):
    contact_id = add(run, "Ada", "Lovelace", "--email", "old@example.com")
    fails(run("edit", str(contact_id), "--email", "not-an-address"), "not-an-address")
    assert detail(run, contact_id)["emails"] == ["old@example.com"]


def test_edit_stage(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("edit", str(contact_id), "--stage", "relationship"))
    assert detail(run, contact_id)["stage"] == "relationship"


def test_edit_invalid_stage_exits_1_and_changes_nothing(run):
    contact_id = add(run, "Ada", "Lovelace", "--company", "Engines")
    fails(run("edit", str(contact_id), "--stage", "bestie", "--company", "Other"), "bestie")
    data = detail(run, contact_id)
    assert (data["stage"], data["company"]) == ("connection", "Engines")


def test_edit_cadence_sets_next_due_from_the_last_contact_and_0_clears_it(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("log", str(contact_id), "call", "--date", "2024-01-10"))
    ok(run("edit", str(contact_id), "--cadence", "30"))
    (row,) = contacts(run)
    assert row["last_contacted"] == "2024-01-10"
    assert row["next_due"] == "2024-02-09"
    assert detail(run, contact_id)["cadence_days"] == 30
    ok(run("edit", str(contact_id), "--cadence", "0"))
    (row,) = contacts(run)
    assert row["next_due"] is None
    assert detail(run, contact_id)["cadence_days"] is None


def test_edit_cadence_that_is_not_a_number_exits_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("edit", str(contact_id), "--cadence", "monthly"), "monthly")
    assert detail(run, contact_id)["cadence_days"] is None


def test_edit_story_text(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("edit", str(contact_id), "--story", "Wrote the first program."))
    assert detail(run, contact_id)["story"] == "Wrote the first program."
    assert "Wrote the first program." in ok(run("show", str(contact_id)))


def test_edit_story_from_a_file(run, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Met at the Royal Society.\nLoves poetical science.\n", encoding="utf-8")
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("edit", str(contact_id), "--story-file", str(story)))
    assert detail(run, contact_id)["story"] == (
        "Met at the Royal Society.\nLoves poetical science."
    )


def test_edit_story_from_stdin(run, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Told over a pipe.\n"))
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("edit", str(contact_id), "--story-file", "-"))
    assert detail(run, contact_id)["story"] == "Told over a pipe."


def test_edit_missing_story_file_exits_1_naming_it(run, tmp_path):
    contact_id = add(run, "Ada", "Lovelace")
    missing = tmp_path / "no-such-story.txt"
    fails(run("edit", str(contact_id), "--story-file", str(missing)), "no-such-story.txt")
    assert detail(run, contact_id)["story"] == ""


def test_edit_story_and_story_file_together_is_a_usage_error(run, usage_error, tmp_path):
    contact_id = add(run, "Ada", "Lovelace")
    story = tmp_path / "story.txt"
    story.write_text("From the file", encoding="utf-8")
    err = usage_error("edit", str(contact_id), "--story", "text", "--story-file", str(story))
    assert "not allowed with" in err
    assert "Traceback" not in err
    assert detail(run, contact_id)["story"] == ""


def test_edit_adds_and_removes_tags(run):
    contact_id = add(run, "Ada", "Lovelace", "--tag", "Poetry")
    ok(run("edit", str(contact_id), "--add-tag", "Sailing", "--add-tag", "Jazz"))
    assert contacts(run)[0]["tags"] == ["Jazz", "Poetry", "Sailing"]
    ok(run("edit", str(contact_id), "--remove-tag", "poetry", "--remove-tag", "Jazz"))
    assert contacts(run)[0]["tags"] == ["Sailing"]
    assert names(contacts(run, "--search", "sailing")) == ["Ada Lovelace"]


def test_edit_removing_a_tag_the_contact_lacks_writes_nothing(run):
    contact_id = add(run, "Ada", "Lovelace", "--company", "Engines", "--tag", "Poetry")
    add(run, "Charles", "Babbage", "--tag", "Chess")
    fails(
        run(
            "edit", str(contact_id), "--company", "Other Co", "--stage", "advocate",
            "--add-tag", "Brand New", "--remove-tag", "Poetry", "--remove-tag", "Chess",
        ),
        "Chess",
    )  # fmt: skip
    (row,) = contacts(run, "--search", "ada")
    assert row["company"] == "Engines"
    assert row["stage"] == "connection"
    assert row["tags"] == ["Poetry"]
    assert "Brand New" not in ok(run("tags"))


def test_edit_unknown_contact_exits_1(run):
    fails(run("edit", "Nobody", "--company", "X"), "Nobody")


def test_edit_clearing_both_names_exits_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("edit", str(contact_id), "--first", "", "--last", " "), "name")
    assert names(contacts(run)) == ["Ada Lovelace"]


def test_edit_connected_on_and_linkedin(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(
        run(
            "edit",
            str(contact_id),
            "--connected-on",
            "2022-02-03",
            "--linkedin",
            "linkedin.com/in/ada",
        )
    )
    (row,) = contacts(run)
    assert row["connected_on"] == "2022-02-03"
    assert row["linkedin_url"] == "https://www.linkedin.com/in/ada"


def test_edit_bad_connected_on_exits_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("edit", str(contact_id), "--connected-on", "03/02/2022"), "03/02/2022")
    assert detail(run, contact_id)["connected_on"] is None


def test_edit_linkedin_taken_by_another_contact_exits_1_naming_them(run):
    add(run, "Ada", "Lovelace", "--linkedin", "https://www.linkedin.com/in/ada")
    other = add(run, "Augusta", "King", "--company", "Engines")
    fails(
        run("edit", str(other), "--linkedin", "https://linkedin.com/in/ada/", "--company", "X"),
        "Ada Lovelace",
    )
    data = detail(run, other)
    assert (data["linkedin_url"], data["company"]) == (None, "Engines")


def test_edit_remove_email(run):
    contact_id = add(run, "Ada", "Lovelace", "--email", "a@example.com", "--email", "b@example.com")
    ok(run("edit", str(contact_id), "--remove-email", "A@example.com"))
    assert detail(run, contact_id)["emails"] == ["b@example.com"]
    fails(run("edit", str(contact_id), "--remove-email", "zz@example.com"), "zz@example.com")
    assert detail(run, contact_id)["emails"] == ["b@example.com"]


def test_edit_met_through(run):
    contact_id = add(run, "Ada", "Lovelace")
    add(run, "Charles", "Babbage")
    ok(run("edit", str(contact_id), "--met-through", "Charles"))
    assert detail(run, contact_id)["met_through_name"] == "Charles Babbage"
    assert "Charles Babbage" in ok(run("show", str(contact_id)))
    fails(run("edit", str(contact_id), "--met-through", "Ada"), "themselves")


def test_edit_with_no_options_changes_nothing(run):
    contact_id = add(run, "Ada", "Lovelace", "--company", "Engines")
    before = detail(run, contact_id)
    ok(run("edit", str(contact_id)))
    assert detail(run, contact_id)["company"] == before["company"]


# -- log -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["met", "conversation", "1-2-1", "call", "email", "message", "note", "gave"]
)
def test_log_accepts_each_kind_and_prints_an_id(run, kind):
    contact_id = add(run, "Ada", "Lovelace")
    out = ok(run("log", str(contact_id), kind, "--date", "2024-05-06", "--summary", "Hello"))
    assert out.strip().isdigit()
    (entry,) = detail(run, contact_id)["interactions"]
    assert (entry["kind"], entry["date"], entry["summary"]) == (kind, "2024-05-06", "Hello")


def test_log_stores_the_note_and_shows_in_the_timeline(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("log", "Ada", "1:1", "--date", "2024-05-06", "--summary", "Lunch", "--note", "Notes"))
    (entry,) = detail(run, contact_id)["interactions"]
    assert (entry["kind"], entry["notes"]) == ("1-2-1", "Notes")
    out = ok(run("show", str(contact_id)))
    assert "Timeline:" in out
    assert "2024-05-06" in out and "Lunch" in out


def test_log_defaults_to_today(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("log", str(contact_id), "call"))
    today = dt.date.today().isoformat()
    assert detail(run, contact_id)["interactions"][0]["date"] == today
    assert contacts(run)[0]["last_contacted"] == today


def test_log_gave_with_sub_kind_and_time(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("log", str(contact_id), "gave", "--sub-kind", "introduction", "--time", "09:30"))
    (entry,) = detail(run, contact_id)["interactions"]
    assert (entry["kind"], entry["sub_kind"], entry["time"]) == ("gave", "introduction", "09:30:00")
    assert "gave (introduction)" in ok(run("show", str(contact_id)))


def test_log_sub_kind_on_a_call_and_bad_time_exit_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("log", str(contact_id), "call", "--sub-kind", "advice"), "call")
    fails(run("log", str(contact_id), "call", "--time", "25:00"), "25:00")
    assert detail(run, contact_id)["interactions"] == []


@pytest.mark.parametrize("bad", ["2024/05/06", "06-05-2024", "2024-02-30", "yesterday"])
def test_log_bad_date_exits_1_naming_the_value(run, bad):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("log", str(contact_id), "call", "--date", bad), bad)
    assert detail(run, contact_id)["interactions"] == []


def test_log_unknown_kind_exits_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("log", str(contact_id), "telepathy"), "telepathy")
    assert detail(run, contact_id)["interactions"] == []


def test_log_unknown_contact_exits_1(run):
    fails(run("log", "Nobody", "call"), "Nobody")


def test_last_contacted_is_the_latest_logged_date(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("log", str(contact_id), "call", "--date", "2024-01-01"))
    ok(run("log", str(contact_id), "email", "--date", "2023-06-01"))
    assert contacts(run)[0]["last_contacted"] == "2024-01-01"
    ok(run("log", str(contact_id), "met", "--date", "2024-02-15"))
    assert contacts(run)[0]["last_contacted"] == "2024-02-15"


def test_a_position_change_is_not_a_last_contact(run):
    contact_id = add(run, "Ada", "Lovelace", "--cadence", "10")
    ok(run("log", str(contact_id), "call", "--date", "2024-01-01"))
    ok(run("log", str(contact_id), "position-change", "--date", "2024-03-01"))
    (row,) = contacts(run)
    assert row["last_contacted"] == "2024-01-01"
    assert row["next_due"] == "2024-01-11"
    assert len(detail(run, contact_id)["interactions"]) == 2


# -- follow-up -----------------------------------------------------------------------


def test_follow_up_prints_an_id_and_shows_on_the_card(run):
    contact_id = add(run, "Ada", "Lovelace")
    out = ok(run("follow-up", "Ada", "Send the notes on Bernoulli", "--due", "2099-01-02"))
    assert out.strip().isdigit()
    card = ok(run("show", str(contact_id)))
    assert "Follow-ups:" in card
    assert "2099-01-02" in card and "Send the notes on Bernoulli" in card
    (item,) = detail(run, contact_id)["follow_ups"]
    assert item["id"] == int(out)


def test_follow_up_bad_due_exits_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("follow-up", str(contact_id), "Call back", "--due", "next week"), "next week")
    assert detail(run, contact_id)["follow_ups"] == []


def test_follow_up_without_due_is_a_usage_error(run, usage_error):
    contact_id = add(run, "Ada", "Lovelace")
    err = usage_error("follow-up", str(contact_id), "Call back")
    assert "--due" in err
    assert "Traceback" not in err
    assert detail(run, contact_id)["follow_ups"] == []


def test_follow_up_with_empty_text_exits_1(run):
    contact_id = add(run, "Ada", "Lovelace")
    fails(run("follow-up", str(contact_id), "  ", "--due", "2099-01-01"))
    assert detail(run, contact_id)["follow_ups"] == []


# -- me ------------------------------------------------------------------------------


def test_me_adds_lists_and_removes_interests(run):
    assert ok(run("me")) == ""
    ok(run("me", "--add-interest", "Sailing", "--add-interest", "Jazz"))
    assert ok(run("me")).splitlines() == ["Jazz", "Sailing"]
    ok(run("me", "--remove-interest", "sailing"))
    assert ok(run("me")).splitlines() == ["Jazz"]


def test_me_removing_an_unknown_interest_exits_1(run):
    ok(run("me", "--add-interest", "Jazz"))
    fails(run("me", "--remove-interest", "Knitting"), "Knitting")
    assert ok(run("me")).splitlines() == ["Jazz"]


def test_me_removing_a_tag_that_is_not_one_of_my_interests_exits_1(run):
    add(run, "Ada", "Lovelace", "--tag", "Poetry")
    ok(run("me", "--add-interest", "Jazz"))
    fails(run("me", "--remove-interest", "Poetry"), "Poetry")
    assert ok(run("me")).splitlines() == ["Jazz"]


def test_me_empty_interest_exits_1(run):
    fails(run("me", "--add-interest", "  "))
    assert ok(run("me")) == ""


def test_common_ground_is_marked_shared_in_show(run):
    contact_id = add(run, "Ada", "Lovelace", "--tag", "Sailing", "--tag", "Poetry")
    assert "(shared)" not in ok(run("show", str(contact_id)))
    ok(run("me", "--add-interest", "sailing"))
    card = ok(run("show", str(contact_id)))
    assert "Sailing (shared)" in card
    assert "Poetry (shared)" not in card


# -- demo ----------------------------------------------------------------------------


def test_demo_fills_an_empty_database(run):
    out = ok(run("demo"))
    assert "contacts" in out
    rows = contacts(run)
    assert len(rows) >= 200
    assert any(row["tags"] for row in rows)
    assert any(row["last_contacted"] for row in rows)
    assert len(ok(run("tags")).splitlines()) > 5
    assert ok(run("me")).strip() != ""


def test_demo_refuses_a_database_that_has_contacts(run):
    add(run, "Ada", "Lovelace", "--tag", "Poetry")
    before = (ok(run("list", "--json", "--archived")), ok(run("list", "--json")), ok(run("tags")))
    err = fails(run("demo"), "1 contacts")
    assert "--db" in err
    after = (ok(run("list", "--json", "--archived")), ok(run("list", "--json")), ok(run("tags")))
    assert after == before
    assert ok(run("me")) == ""


def test_demo_counts_archived_contacts_as_not_empty(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("archive", str(contact_id)))
    fails(run("demo"))
    assert contacts(run) == []


# -- archive / delete ----------------------------------------------------------------


def test_archive_and_undo(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("archive", "Ada"))
    assert contacts(run) == []
    assert "(archived)" in ok(run("show", str(contact_id)))
    assert detail(run, contact_id)["archived"] is True
    ok(run("archive", str(contact_id), "--undo"))
    assert names(contacts(run)) == ["Ada Lovelace"]
    assert contacts(run, "--archived") == []


def test_an_archived_contact_can_still_be_found_by_name(run):
    contact_id = add(run, "Ada", "Lovelace")
    ok(run("archive", str(contact_id)))
    assert detail(run, "Ada Lovelace")["id"] == contact_id
    ok(run("archive", "Lovelace", "--undo"))
    assert names(contacts(run)) == ["Ada Lovelace"]


def test_archive_unknown_contact_exits_1(run):
    fails(run("archive", "Nobody"), "Nobody")


def test_delete_with_yes_removes_the_contact(run):
    contact_id = add(run, "Ada", "Lovelace")
    keep = add(run, "Charles", "Babbage")
    ok(run("log", str(contact_id), "call"))
    out = ok(run("delete", str(contact_id), "--yes"))
    assert "Ada Lovelace" in out
    fails(run("show", str(contact_id)), str(contact_id))
    assert [row["id"] for row in contacts(run)] == [keep]
    assert contacts(run, "--search", "ada") == []


def test_delete_without_yes_when_not_interactive_exits_1_and_keeps_the_contact(run, monkeypatch):
    contact_id = add(run, "Ada", "Lovelace")
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    fails(run("delete", str(contact_id)), "--yes")
    assert detail(run, contact_id)["first_name"] == "Ada"


def test_delete_unknown_contact_exits_1(run):
    fails(run("delete", "Nobody", "--yes"), "Nobody")


# -- tags / due ----------------------------------------------------------------------


def test_tags_lists_each_tag_with_its_count_and_marks_mine(run):
    add(run, "Ada", "Lovelace", "--tag", "Sailing", "--tag", "Poetry")
    add(run, "Charles", "Babbage", "--tag", "sailing")
    ok(run("me", "--add-interest", "Poetry"))
    lines = ok(run("tags")).splitlines()
    sailing = next(line for line in lines if "Sailing" in line)
    poetry = next(line for line in lines if "Poetry" in line)
    assert sailing.split()[0] == "2"
    assert poetry.split()[0] == "1"
    assert "(yours)" in poetry and "(yours)" not in sailing
    assert len(lines) == 2


def test_tags_does_not_count_archived_contacts(run):
    add(run, "Ada", "Lovelace", "--tag", "Sailing")
    gone = add(run, "Charles", "Babbage", "--tag", "Sailing")
    ok(run("archive", str(gone)))
    (line,) = ok(run("tags")).splitlines()
    assert line.split()[:2] == ["1", "Sailing"]


def test_tags_of_an_empty_database_prints_nothing(run):
    assert ok(run("tags")) == ""


def test_tag_category_makes_a_need_that_tags_lists(run):
    add(run, "Ada", "Lovelace", "--tag", "A structural engineer", "--tag", "Poetry")
    assert ok(run("tag", "a STRUCTURAL engineer", "--category", "need")) == ""
    lines = ok(run("tags")).splitlines()
    need = next(line for line in lines if "A structural engineer" in line)
    poetry = next(line for line in lines if "Poetry" in line)
    assert need.split()[-1] == "need"
    assert poetry.split()[-1] == "interest"
    ok(run("tag", "a structural engineer", "--category", "Expertise"))
    assert "expertise" in ok(run("tags")).splitlines()[0]


def test_tag_category_of_an_unknown_tag_or_category_exits_1_and_changes_nothing(run, db_path):
    add(run, "Ada", "Lovelace", "--tag", "Poetry")
    before = sqlite_dump(db_path)
    err = fails(run("tag", "Sailing", "--category", "need"), "no tag called 'Sailing'")
    assert len(err.splitlines()) == 1
    err = fails(run("tag", "Poetry", "--category", "club"), "'club' is not a tag category")
    assert "need" in err and len(err.splitlines()) == 1
    assert sqlite_dump(db_path) == before


def test_tag_without_a_category_is_a_usage_error(run, usage_error):
    add(run, "Ada", "Lovelace", "--tag", "Poetry")
    assert "--category" in usage_error("tag", "Poetry")
    assert "TAG" in usage_error("tag", "--category", "need")


def test_due_on_lists_contacts_whose_next_due_has_come(run):
    ada = add(run, "Ada", "Lovelace", "--cadence", "30")
    ok(run("log", str(ada), "call", "--date", "2024-01-10"))
    charles = add(run, "Charles", "Babbage", "--cadence", "7")
    ok(run("log", str(charles), "call", "--date", "2024-01-20"))
    add(run, "Grace", "Hopper")  # no cadence: never due
    archived = add(run, "Alan", "Turing", "--cadence", "1", "--connected-on", "2020-01-01")
    ok(run("archive", str(archived)))

    assert ok(run("due", "--on", "2024-01-26")) == ""
    lines = ok(run("due", "--on", "2024-01-27")).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("2024-01-27") and "Charles Babbage" in lines[0]
    lines = ok(run("due", "--on", "2024-03-01")).splitlines()
    assert [line.split()[0] for line in lines] == ["2024-01-27", "2024-02-09"]
    assert "Ada Lovelace" in lines[1]
    assert "Alan Turing" not in "\n".join(lines)


def test_due_defaults_to_today(run):
    add(run, "Ada", "Lovelace", "--cadence", "1", "--connected-on", "2020-01-01")
    add(run, "Charles", "Babbage", "--cadence", "3650")
    out = ok(run("due"))
    assert "Ada Lovelace" in out and "Charles Babbage" not in out


def test_due_bad_date_exits_1(run):
    fails(run("due", "--on", "tomorrow"), "tomorrow")


# -- validation through add ------------------------------------------------------------


def test_add_without_a_name_exits_1_and_adds_nothing(run):
    fails(run("add", "", ""), "name")
    fails(run("add", "  "), "name")
    assert contacts(run) == []


def test_add_malformed_email_exits_1_naming_it(run):
    fails(run("add", "Ada", "Lovelace", "--email", "ada@nowhere"), "ada@nowhere")
    assert contacts(run) == []


def test_add_bad_connected_on_exits_1(run):
    fails(run("add", "Ada", "Lovelace", "--connected-on", "5/6/2024"), "5/6/2024")
    assert contacts(run) == []
    # A day written as Relate writes it is a date.
    ok(run("add", "Ada", "Lovelace", "--connected-on", "5 May 2024"))
    assert "Connected on: 5 May 2024" in ok(run("show", "Ada"))


def test_add_bad_linkedin_exits_1(run):
    url = "https://example.com/in/ada"
    fails(run("add", "Ada", "Lovelace", "--linkedin", url), url)
    assert contacts(run) == []


def test_add_duplicate_linkedin_exits_1_naming_the_other_contact(run):
    add(run, "Ada", "Lovelace", "--linkedin", "https://www.linkedin.com/in/ada")
    fails(run("add", "Augusta", "King", "--linkedin", "linkedin.com/in/ada/"), "Ada Lovelace")
    assert names(contacts(run)) == ["Ada Lovelace"]


def test_add_bad_stage_and_bad_cadence_exit_1(run):
    fails(run("add", "Ada", "Lovelace", "--stage", "bestie"), "bestie")
    fails(run("add", "Ada", "Lovelace", "--cadence", "-5"), "-5")
    assert contacts(run) == []


# -- database selection and foreign files ----------------------------------------------


def test_relate_db_environment_variable_picks_the_database(capsys, monkeypatch, tmp_path):
    env_db = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("RELATE_DB", str(env_db))
    assert main(["add", "Ada", "Lovelace"]) == 0
    capsys.readouterr()
    assert env_db.exists()
    assert main(["list", "--json"]) == 0
    assert names(json.loads(capsys.readouterr().out)) == ["Ada Lovelace"]
    assert main(["--db", str(env_db), "list", "--json"]) == 0
    assert names(json.loads(capsys.readouterr().out)) == ["Ada Lovelace"]


def test_db_option_wins_over_relate_db(run, monkeypatch, tmp_path):
    env_db = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("RELATE_DB", str(env_db))
    add(run, "Ada", "Lovelace")
    assert not env_db.exists()
    assert names(contacts(run)) == ["Ada Lovelace"]


def test_a_file_of_random_bytes_is_refused_and_left_unchanged(run, tmp_path):
    path = tmp_path / "notes.db"
    original = bytes(range(256)) * 16
    path.write_bytes(original)
    err = fails(run("list", db=path), "not a Relate database")
    assert str(path) in err
    assert path.read_bytes() == original


def test_a_foreign_sqlite_file_is_refused_and_left_unchanged(run, tmp_path):
    path = tmp_path / "other-app.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount REAL)")
    connection.execute("INSERT INTO invoice (amount) VALUES (12.5)")
    connection.commit()
    connection.close()
    original = path.read_bytes()
    err = fails(run("add", "Ada", "Lovelace", db=path), "not a Relate database")
    assert str(path) in err
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("other-app")) == [
        "other-app.sqlite"
    ]


def test_an_empty_file_becomes_a_new_database(run, tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    assert ok(run("add", "Ada", "Lovelace", db=path)).strip().isdigit()
    assert names(json.loads(ok(run("list", "--json", db=path)))) == ["Ada Lovelace"]


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(run, db_path):
    add(run, "Ada", "Lovelace")
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    original = db_path.read_bytes()
    fails(run("list"), "newer version")
    assert db_path.read_bytes() == original


def test_no_command_prints_help_and_exits_2(capsys, db_path):
    assert main(["--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert not db_path.exists()


def test_unknown_command_is_a_usage_error(usage_error):
    assert "invalid choice" in usage_error("frobnicate")


# -- no traceback, real process ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("show", "Nobody"),
        ("add", "", ""),
        ("log", "1", "call", "--date", "2024-13-01"),
        ("edit", "1", "--stage", "bestie"),
        ("me", "--remove-interest", "Nothing"),
        ("due", "--on", "soon"),
    ],
)
def test_user_mistakes_never_print_a_traceback(run, args):
    add(run, "Ada", "Lovelace")
    fails(run(*args))


def _relate_process(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if k != "RELATE_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    return subprocess.run(
        [sys.executable, "-m", "relate", "--db", str(tmp_path / "proc.sqlite"), *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_process_exits_1_on_a_user_mistake_without_traceback(tmp_path):
    result = _relate_process(tmp_path, "show", "Nobody")
    assert result.returncode == 1
    assert "Nobody" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_process_exits_2_on_a_usage_error_without_traceback(tmp_path):
    result = _relate_process(tmp_path, "follow-up", "Ada", "Call back")
    assert result.returncode == 2
    assert "usage:" in result.stderr and "--due" in result.stderr
    assert "Traceback" not in result.stderr


# -- import ------------------------------------------------------------------------

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\n'
    "\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def export(tmp_path: Path, *rows: str, name: str = "Connections.csv") -> Path:
    path = tmp_path / name
    path.write_text(PREAMBLE + HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


ROWS = (
    "Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Analyst,30 May 2024",
    'Wei,"Chen, PMP",https://www.linkedin.com/in/wei-chen,wei@example.com,Buildco,PM,1 Jun 2024',
    ",,,,,,2 Jun 2024",
    "José,Müller,https://www.linkedin.com/in/jose-muller,,Hartwell,Principal,3 Jun 2024",
)


def test_import_linkedin_prints_the_counts_and_adds_the_people(run, tmp_path) -> None:
    out = ok(run("import", "linkedin", str(export(tmp_path, *ROWS))))
    assert out.startswith("3 new, 0 updated, 0 unchanged, 1 skipped (import 1;")
    assert names(contacts(run)) == ["Wei Chen, PMP", "José Müller", "Ana Silva"]
    again = ok(run("import", "linkedin", str(export(tmp_path, *ROWS))))
    assert again == "0 new, 0 updated, 3 unchanged, 1 skipped (nothing to change)\n"


def test_import_dry_run_and_verbose(run, tmp_path, db_path) -> None:
    ok(run("list"))  # creates the file
    before = sqlite_dump(db_path)
    out = ok(run("import", "linkedin", str(export(tmp_path, *ROWS)), "--dry-run", "--verbose"))
    assert out.splitlines() == [
        "line 7: skipped, no name (a member who left LinkedIn)",
        "3 new, 0 updated, 0 unchanged, 1 skipped (dry run: nothing was written)",
    ]
    assert sqlite_dump(db_path) == before


def test_a_newer_export_logs_the_new_job(run, tmp_path) -> None:
    ok(run("import", "linkedin", str(export(tmp_path, *ROWS))))
    newer = ROWS[0].replace("Acme,Analyst", "Globex,Director")
    out = ok(run("import", "linkedin", str(export(tmp_path, newer, name="newer.csv"))))
    assert out.startswith("0 new, 1 updated, 0 unchanged, 0 skipped")
    shown = ok(run("show", "Ana Silva"))
    assert "Director" in shown and "now Director at Globex" in shown


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "not a text file"),
        # Messages and invitations are read as history (the archive's files); the
        # profile, alone, is refused.
        (
            b"First Name,Last Name,Maiden Name,Headline\nAda,Lovelace,,Engine\n",
            "is your own LinkedIn profile",
        ),
        ((HEADER + 'Ana,"Silva,,,,\n').encode(), "cut short"),
    ],
)
def test_a_refused_file_leaves_the_database_exactly_as_it_was(
    run, tmp_path, db_path, content: bytes, words: str
) -> None:
    add(run, "Ada", "Lovelace")
    before = sqlite_dump(db_path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, out, err = run("import", "linkedin", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("relate: bad.csv") and words in err and "Traceback" not in err
    assert sqlite_dump(db_path) == before


def test_a_missing_file_is_refused_in_one_line(run, tmp_path) -> None:
    code, _, err = run("import", "linkedin", str(tmp_path / "nowhere.csv"))
    assert code == 1 and "nowhere.csv" in err and len(err.strip().splitlines()) == 1


def test_imports_lists_batches_and_undo_import_takes_one_back(run, tmp_path) -> None:
    ok(run("import", "linkedin", str(export(tmp_path, *ROWS))))
    listed = ok(run("imports"))
    assert "LinkedIn connections" in listed and "Connections.csv" in listed and "3 new" in listed
    assert ok(run("undo-import", "1")) == "Undid import 1: 3 contacts removed, 0 restored.\n"
    assert contacts(run) == []
    assert "undone" in ok(run("imports"))
    code, _, err = run("undo-import", "1")
    assert code == 1 and "already undone" in err
    code, _, err = run("undo-import", "99")
    assert code == 1 and "no import with id 99" in err


def test_a_reader_that_stops_early_ends_the_listing_quietly(tmp_path):
    assert _relate_process(tmp_path, "demo").returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "RELATE_DB"}
    command = [sys.executable, "-m", "relate", "--db", str(tmp_path / "proc.sqlite")]
    with subprocess.Popen(
        [*command, "list", "--json"],  # ~130 kB: more than a pipe holds
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)  # like `relate list --json | head -c 100`
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 141
    assert stderr == ""


# -- other address books, exports, duplicates ----------------------------------------


def test_import_vcard_google_outlook_and_any_csv(run, tmp_path) -> None:
    card = tmp_path / "contacts.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Bélanger;Anne;;;\r\nFN:Anne Bélanger\r\n"
        "ORG:Hartwell\r\nEMAIL:anne@hartwell.example\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    google = tmp_path / "google.csv"
    google.write_text(
        "First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value\n"
        "Kofi,,Mensah,Lakeside,CFO,* myContacts ::: Clients,* Work,kofi@lakeside.example\n",
        encoding="utf-8",
    )
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "First Name,Middle Name,Last Name,Title,Job Title,Company,E-mail Address,Business Phone\r\n"
        "Mia,,Wong,Ms.,Architect,Brick & Co,mia@brick.example,+1 216 555 0100\r\n",
        encoding="utf-8",
    )
    other = tmp_path / "other.csv"
    other.write_text("Name,Organisation,Email\nLi Na,Crane,li@crane.example\n", encoding="utf-8")
    for kind, path in (("vcard", card), ("google", google), ("outlook", outlook), ("csv", other)):
        assert ok(run("import", kind, str(path))).startswith("1 new, 0 updated"), kind
    rows = {f"{r['first_name']} {r['last_name']}": r for r in contacts(run)}
    assert rows["Anne Bélanger"]["company"] == "Hartwell"
    assert rows["Kofi Mensah"]["tags"] == ["Clients"]
    # Outlook's "Title" is the name prefix, kept in the name; her job is "Job Title".
    assert (rows["Ms. Mia Wong"]["position"], rows["Li Na"]["emails"]) == (
        "Architect",
        ["li@crane.example"],
    )
    listed = ok(run("imports"))
    names = ("vCard address book", "Google Contacts", "Outlook contacts", "CSV file")
    assert all(name in listed for name in names)


def test_export_writes_each_format_and_filters_the_list(run, tmp_path) -> None:
    add(run, "Ada", "Lovelace", "--company", '=HYPERLINK("x")', "--tag", "maths")
    add(run, "Charles", "Babbage", "--tag", "engines")
    out = ok(run("export", "csv", str(tmp_path / "maths.csv"), "--tag", "maths"))
    assert out == f"Wrote 1 contacts to {tmp_path / 'maths.csv'}\n"
    with (tmp_path / "maths.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    named = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(r["First Name"], r["Last Name"], r["Company"]) for r in named] == [
        ("Ada", "Lovelace", '\'=HYPERLINK("x")')
    ]
    ok(run("export", "vcard", str(tmp_path / "all.vcf")))
    assert (tmp_path / "all.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 2
    assert ok(run("export", "json", str(tmp_path / "all.json"))).startswith(
        "Wrote 2 tags, 2 contacts"
    )
    document = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert sorted(c["last_name"] for c in document["contacts"]) == ["Babbage", "Lovelace"]
    fails(run("export", "json", str(tmp_path / "x.json"), "--tag", "maths"), "always of everything")


def test_duplicates_merge_and_undo_merge(run) -> None:
    first = add(run, "Robert", "Smith", "--company", "Acme", "--email", "bob@acme.example")
    second = add(run, "Bob", "Smith", "--company", "Acme", "--position", "CTO")
    add(run, "Ada", "Lovelace")
    listed = ok(run("duplicates"))
    assert f"{first} Robert Smith / {second} Bob Smith" in listed
    assert "similar names at Acme" in listed
    out = ok(run("merge", str(first), str(second)))
    assert f"Merged {second} into {first}" in out
    merged = detail(run, first)
    assert (merged["first_name"], merged["position"]) == ("Robert", "CTO")
    assert names(contacts(run)) == ["Ada Lovelace", "Robert Smith"]
    assert ok(run("duplicates")) == "No likely duplicates.\n"
    assert "Bob Smith" in ok(run("merges"))
    ok(run("undo-merge", "1"))
    assert names(contacts(run)) == ["Ada Lovelace", "Bob Smith", "Robert Smith"]
    fails(run("undo-merge", "1"), "already")
    fails(run("merge", str(first), str(first)), "itself")


# -- brief -----------------------------------------------------------------------------


def pdf_pages(path: Path) -> list[bytes]:
    """The page objects of a PDF ReportLab wrote (its objects are plain text)."""
    return re.findall(rb"/Type /Page\b[^s]", path.read_bytes())


def test_brief_writes_a_named_pdf_in_the_current_folder(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    ada = add(run, "Ada", "Lovelace", "--company", "Engines", "--tag", "maths")
    out = ok(run("brief", "Ada", "--date", "2026-03-12"))
    assert out == "brief-ada-lovelace-2026-03-12.pdf\n"
    written = tmp_path / "brief-ada-lovelace-2026-03-12.pdf"
    assert written.read_bytes().startswith(b"%PDF") and len(pdf_pages(written)) == 1
    ok(run("brief", str(ada), "-o", str(tmp_path / "a4.pdf"), "--page-size", "a4"))
    ok(run("brief", str(ada), "-o", str(tmp_path / "letter.pdf"), "--page-size", "letter"))
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in (tmp_path / "a4.pdf").read_bytes()
    assert b"/MediaBox [ 0 0 612 792 ]" in (tmp_path / "letter.pdf").read_bytes()
    fails(run("brief", "Nobody"), "Nobody")
    fails(run("brief", "Ada", "--date", "12/03/2026"), "2026-11-02")


def test_brief_week_prints_one_page_per_planned_one_to_one(run, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    ada = add(run, "Ada", "Lovelace")
    bob = add(run, "Charles", "Babbage")
    fails(
        run("brief", "--week", "--date", "2026-03-09"),
        "no 1-2-1 is planned in the seven days from 9 Mar 2026",
    )
    ok(run("meet", str(ada), "--at", "2026-03-10 09:00", "--agenda", "Engines"))
    ok(run("meet", str(bob), "--at", "2026-03-15 14:30", "--place", "The Club"))
    ok(run("meet", str(bob), "--at", "2026-03-16 08:00", "--agenda", "Next week"))
    assert ok(run("brief", "--week", "--date", "2026-03-09")) == (
        "briefs-week-2026-03-09.pdf (2 briefs)\n"
    )
    assert len(pdf_pages(tmp_path / "briefs-week-2026-03-09.pdf")) == 2
    fails(run("brief", "Ada", "--week"), "--week")
    fails(run("brief"), "CONTACT")
