"""Hostile input on every way in: importers, search, the brief and the command line.

Whatever a file, a search box or an argument holds, Relate either does the job or
refuses with a message; it never crashes and never leaves half of a change behind.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import io
import shutil
import sqlite3
import string
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate import contacts, followups, meetings, queries, tags, timeline, who_knows
from relate import logs as relate_logs
from relate.brief import render as brief
from relate.brief.data import BriefData, Entry, Loop, Meeting, Suggestion
from relate.brief.query import brief_data
from relate.cli import main
from relate.cli.parser import build_parser
from relate.importers import ImportFileError
from relate.importers.batches import apply_plan, undo_import
from relate.importers.formats import FORMAT_NAMES, detect_format
from relate.importers.plan import Incoming
from relate.importers.planner import plan_import
from relate.importers.sources import PLANNERS, plan_file
from relate.store import search
from relate.store.db import close_database, db, open_database
from relate.store.migrations import APPLICATION_ID
from tests.core.test_brief import any_brief, pages
from tests.database_dump import sqlite_dump

# Examples per target; together they keep this file near half a minute on two CPUs.
IMPORT_EXAMPLES = 80  # per kind of file
SEARCH_EXAMPLES = 300
FOUND_EXAMPLES = 100
BRIEF_EXAMPLES = 25
STORED_BRIEF_EXAMPLES = 6
CLI_EXAMPLES = 25  # per subcommand


def fuzz(examples: int) -> settings:
    """Settings for `examples` runs of a test that reuses its fixtures between runs."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Characters that break naive text handling: controls, NUL, bidi overrides and marks,
# byte order marks, line and paragraph separators, combining marks, non-characters.
NASTY = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85\xa0\xad"
    "\u0301\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069"
    "\u2028\u2029\ufeff\ufffd\ufffe\uffff\U0001f389\U000e0001"
)
nasty_chars = (
    st.sampled_from(NASTY)
    | st.sampled_from(string.punctuation)
    | st.characters(exclude_categories=["Cs"])
)
nasty_text = st.text(nasty_chars, max_size=40)


def _table_counts() -> dict[str, int]:
    """Rows per table that holds people or their data (not the import history)."""
    names = [
        row[0]
        for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith(("contact_fts", "sqlite_", "import_batch", "import_change"))
    ]
    return {name: db.execute_sql(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _indexed() -> int:
    return db.execute_sql("SELECT count(*) FROM contact_fts").fetchone()[0]


# ---------------------------------------------------------------------------- importers

FILE_NAMES = {
    "linkedin": "Connections.csv",
    "vcard": "contacts.vcf",
    "google": "google.csv",
    "outlook": "outlook.csv",
    "csv": "people.csv",
}
HEADERS = {
    "linkedin": (
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ),
    "google": (
        "Name",
        "First Name",
        "Middle Name",
        "Last Name",
        "Birthday",
        "Notes",
        "Labels",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Address 1 - City",
        "Address 1 - Formatted",
        "Organization Name",
        "Organization Title",
        "Website 1 - Value",
    ),
    "outlook": (
        "First Name",
        "Middle Name",
        "Last Name",
        "Company",
        "Job Title",
        "E-mail Address",
        "Mobile Phone",
        "Business Fax",
        "Business City",
        "Business Country/Region",
        "Notes",
        "Birthday",
        "Categories",
        "Web Page",
    ),
    "csv": (
        "Full Name",
        "Surname",
        "Organisation",
        "Role",
        "Email",
        "Mobile",
        "Tel",
        "City",
        "Notes",
        "Tags",
        "Date of Birth",
        "LinkedIn",
    ),
}
# Property lines a vCard holds (the parameters the importer reads included).
VCARD_PROPERTIES = (
    "FN",
    "N",
    "ORG",
    "TITLE",
    "NOTE",
    "EMAIL;TYPE=INTERNET,pref",
    "EMAIL;PREF=x",
    "TEL;TYPE=cell",
    "TEL;CELL;VOICE",
    "item1.TEL",
    "item1.X-ABLabel",
    "ADR;TYPE=work",
    "URL",
    "X-SOCIALPROFILE;type=linkedin",
    "BDAY",
    "BDAY;X-APPLE-OMIT-YEAR=1604",
    "CATEGORIES",
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=x-nonsense",
    "X-ABShowAs",
    "X-RELATE-STAGE",
    "X-RELATE-CADENCE",
    "X-RELATE-HOW-MET",
    "X-RELATE-CONNECTED-ON",
    "BEGIN",
    "END",
    "AGENT",
)
# Values that lead deeper into a row's reading than random text does.
PLAUSIBLE_CELLS = (
    "",
    "Ann",
    "Ann Adams",
    "Silva, Ana",
    "Dr. Ana de la Cruz, PhD",
    "ann@example.com",
    "<ann@example.com>; bo@example.org ::: cy@example.net",
    "https://www.linkedin.com/in/ann-adams",
    "www.linkedin.com/in/ann?x=1",
    "linkedin.com/company/acme",
    "http://[linkedin.com/in/ann",  # malformed addresses
    "https://www.linkedin.com:99999/in/ann]",
    "javascript:alert(1)//linkedin.com/in/x",
    "+1 555 0100,,12",
    "* Mobile",
    "29/02/1980",
    "1980-02-29",
    "31 Feb 2024",
    "0/0/00",
    "--02-29",
    "12 Mar 2024, 6:14 PM",
    "* myContacts ::: Friends ::: BIM",
    "a;b;c,d",
    "x" * 500,
    "20240101T000000Z",
    "=E2=80=AE=C3=28",
    "VCARD",
    "conversation",
    "1-2-1",
    "30",
    "99999999999999999999",
    ";;Main St\\n2;Akron;OH;;USA",
)
# NUL aside (a file holding one is refused as binary, so it comes only now and then).
CSV_CHARS = st.sampled_from(list(',;"\r\n\t ')) | nasty_chars.filter(lambda c: c != "\x00")
cells = st.sampled_from(PLAUSIBLE_CELLS) | st.text(CSV_CHARS, max_size=24)
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n", "\r\n", "\u2028"])


@st.composite
def csv_text(draw: st.DrawFn, header: tuple[str, ...], delimiters: str) -> str:
    """A plausible header for the format, then rows of hostile cells."""
    delimiter = draw(st.sampled_from(delimiters))
    end = draw(LINE_ENDS)
    columns = draw(st.permutations(header)) if draw(st.booleans()) else header
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=6))
    lines = [delimiter.join(columns), *(delimiter.join(row) for row in rows)]
    return end.join(lines) + draw(st.sampled_from(["", end, "", end, '"', "\x00"]))


@st.composite
def vcard_text(draw: st.DrawFn) -> str:
    """Cards whose property lines hold hostile values, some cards left unclosed."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        version = draw(st.sampled_from(["VERSION:2.1", "VERSION:3.0", "VERSION:4.0"]))
        lines += ["BEGIN:VCARD", version]
        for _ in range(draw(st.integers(0, 6))):
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(st.text(CSV_CHARS, max_size=30)))  # stray or folded text
            else:
                name = draw(st.sampled_from(VCARD_PROPERTIES))
                lines.append(f"{name}:{draw(cells)}")
        if draw(st.integers(0, 9)):
            lines.append("END:VCARD")
    return draw(LINE_ENDS).join(lines)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding, "replace")


@st.composite
def file_bytes(draw: st.DrawFn, kind: str) -> bytes:
    """Mostly text shaped like the format, in any encoding; now and then cut short, or
    arbitrary bytes."""
    if draw(st.integers(0, 7)) == 0:
        return draw(st.binary(max_size=300))
    if kind == "vcard":
        text = draw(vcard_text())
    else:  # LinkedIn writes commas (semicolons once re-saved); address books also tabs
        text = draw(csv_text(HEADERS[kind], ",;" if kind == "linkedin" else ",;\t"))
    data = _encode(text, draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])))
    if draw(st.integers(0, 5)) == 0:
        return data[: draw(st.integers(0, len(data)))]
    return data


@pytest.fixture
def known_person(db_path: Path) -> int:
    """Someone already in the database, so that an import also has people to update."""
    return contacts.create_contact(
        "Ann",
        "Adams",
        company="Acme",
        emails=["ann@example.com"],
        linkedin_url="https://www.linkedin.com/in/ann-adams",
        tag_names=["BIM"],
    )


def _imports_whole_or_refuses_untouched(db_path: Path, path: Path, kind: str, data: bytes) -> None:
    path.write_bytes(data)
    before = sqlite_dump(db_path)
    counts = _table_counts()
    try:  # what the window guesses the file is, before it asks
        assert detect_format(path) in FORMAT_NAMES
    except ImportFileError as exc:
        assert str(exc).startswith(path.name), str(exc)
    try:
        plan = plan_file(path, kind)
    except ImportFileError as exc:
        assert str(exc).startswith(path.name), str(exc)
        assert sqlite_dump(db_path) == before
        return
    people = counts["contact"]
    batch = apply_plan(plan)
    assert _table_counts()["contact"] == people + (len(plan.new) if batch else 0)
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _indexed() == _table_counts()["contact"]  # everyone imported is searchable
    if batch is None:
        assert sqlite_dump(db_path) == before
        return
    undo_import(batch)
    after = _table_counts()
    assert _indexed() == after["contact"]
    # Undoing keeps the tags it made (a tag is the user's vocabulary), nothing else.
    assert {k: v for k, v in after.items() if k != "tag"} == {
        k: v for k, v in counts.items() if k != "tag"
    }


@pytest.mark.parametrize("kind", sorted(PLANNERS))
def test_every_importer_imports_any_file_whole_or_refuses_it_untouched(
    kind: str, known_person: int, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / FILE_NAMES[kind]

    @fuzz(IMPORT_EXAMPLES)
    @given(data=file_bytes(kind))
    def check(data: bytes) -> None:
        _imports_whole_or_refuses_untouched(db_path, path, kind, data)

    check()


def test_every_importer_is_fuzzed() -> None:
    assert set(FILE_NAMES) == set(PLANNERS) == {*HEADERS, "vcard"}


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (
            "linkedin",
            "First Name,Last Name,URL,Connected On\nAnn,Adams,http://[linkedin.com/in/ann,\n",
        ),
        ("google", "First Name,Website 1 - Value\nAnn,http://[linkedin.com/in/ann\n"),
        (
            "outlook",
            "First Name,Job Title,Business City,Web Page\nAnn,,,http://[linkedin.com/in/ann]\n",
        ),
        ("csv", "Name,LinkedIn\nAnn Adams,[linkedin.com/in/ann\n"),
    ],
)
def test_a_malformed_profile_address_costs_only_the_address(
    db_path: Path, tmp_path: Path, kind: str, text: str
) -> None:
    path = tmp_path / FILE_NAMES[kind]
    path.write_text(text, encoding="utf-8")
    [row] = plan_file(path, kind).new
    assert (row.first_name, row.linkedin_url) == ("Ann", None)


# ---------------------------------------------------------------------------- search

FTS_TOKENS = (
    '"',
    '""',
    "'",
    "*",
    "NEAR",
    "NEAR(",
    "NEAR/3",
    "near",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "(",
    ")",
    ":",
    "^",
    "{",
    "}",
    ",",
    ".",
    "\\",
    "%",
    "_",
    ";",
    "--",
    "/*",
    "first_name:",
    "name:",
    "company:",
    "story :",
    "{name company}:",
    "contact_fts",
    "rank",
    "MATCH",
    "timber",
    "ann",
    "Müller",
    "x" * 300,
    "9" * 25,
    "²",
    "٣",
)
fts_like = st.lists(st.sampled_from(FTS_TOKENS) | st.just(" ") | nasty_text, max_size=12).map(
    "".join
)
search_text = fts_like | st.text()


@pytest.fixture
def network(db_path: Path) -> dict[str, int]:
    people = {
        "ann": contacts.create_contact(
            "Ann", "Adams", company="Hartwell", position="Architect", tag_names=["mass timber"]
        ),
        "jose": contacts.create_contact(
            "José", "Müller", company="Near Co", location="Akron", story="Not OR and NEAR-term"
        ),
        "wei": contacts.create_contact("Wei", "Chen", company="Buildco", position="Engineer"),
    }
    contacts.set_archived([people["wei"]])
    return people


@fuzz(SEARCH_EXAMPLES)
@given(
    text=search_text,
    archived=st.sampled_from([False, True, None]),
    order=st.sampled_from(sorted(queries.ORDERS)),
    view=st.none() | st.sampled_from(sorted(queries.VIEWS)),
)
def test_search_syntax_is_read_as_words_and_never_raises(
    network: dict[str, int], text: str, archived: bool | None, order: str, view: str | None
) -> None:
    page = queries.search_page(text, archived=archived, order=order, view=view, limit=2)
    everyone = queries.contact_ids(text, archived=archived, order=order, view=view)
    assert page.total == len(everyone) and page.ids == everyone[:2]
    assert queries.count_matches(text, archived=archived, view=view) == page.total
    in_names = set(queries.contact_ids(text, archived=None, in_name_only=True))
    assert in_names <= set(queries.contact_ids(text, archived=None))
    assert queries.contact_ids(text, tags=[text]) == [
        row.id for row in queries.list_contacts(text, tags=[text])
    ]
    matching = search.matching_ids(text)
    assert matching is None or matching <= set(network.values())
    assert set(contacts.find_contacts(text)) <= set(network.values())
    answers = who_knows.who_knows(text, limit=5)
    assert {answer.contact_id for answer in answers} <= set(network.values())
    among = who_knows.answers_among(text, who_knows.profiles(network.values()), limit=5)
    assert len(among) <= 5


# Punctuation FTS5 would read as syntax, around a word the user means.
syntax = st.text(st.sampled_from('"*()-+:^{}.,; '), max_size=4)


@fuzz(FOUND_EXAMPLES)
@given(
    found=st.sampled_from(
        [("ann", "adams", True), ("jose", "müller", True), ("ann", "timber", False)]
        + [("ann", "hartw", False), ("jose", "near", False), ("jose", "not", False)]
    ),
    before=syntax,
    after=syntax,
)
def test_a_word_wrapped_in_search_syntax_still_finds_its_contact(
    network: dict[str, int], found: tuple[str, str, bool], before: str, after: str
) -> None:
    who, word, in_name = found
    text = before + word + after
    assert network[who] in queries.contact_ids(text)
    assert network[who] in queries.search_page(text).ids
    if in_name:
        assert network[who] in contacts.find_contacts(text)


@pytest.mark.parametrize("text", ['"', "timber*", "NEAR(timber)", "(timber", "-timber", "^timber"])
def test_who_knows_reads_a_question_in_search_syntax_as_words(
    network: dict[str, int], text: str
) -> None:
    assert [r.contact_id for r in who_knows.who_knows(text)] == (
        [network["ann"]] if "timber" in text else []
    )


# ---------------------------------------------------------------------------- the brief

HUGE = 100_000


def hostile_brief() -> st.SearchStrategy[BriefData]:
    """A brief with control characters, bidi marks and the like in every field."""
    text = nasty_text | st.sampled_from(["", " ", "\u202e" * 50, "\x00" * 10, "<b>&amp;", "\udcff"])
    return any_brief(text, st.text(nasty_chars, max_size=2000), st.integers(0, 8))


def huge_brief(char: str) -> BriefData:
    """Every text field 100,000 characters long, every list holding such texts."""
    huge = (char * HUGE)[:HUGE]
    many = (huge,) * 3
    return BriefData(
        contact_id=1, name=huge, position=huge, company=huge, stage=huge, on=dt.date(2026, 3, 12),
        meeting=Meeting(dt.date(2026, 3, 12), dt.time(9, 30), huge, huge), how_met=huge,
        met_through=huge, connected_on=None, last_contact=None, last_contact_words=huge,
        location=huge, shared_interests=many, other_interests=many, avoid=many, story=huge,
        entries=(Entry(dt.date(2026, 3, 1), huge, huge, huge),) * 3, total_entries=3,
        loops=(Loop(huge, None, True, True),) * 3, suggestions=(Suggestion(huge, huge, huge),) * 3,
        given=1, received=1, given_by_kind=((huge, 1),), received_by_kind=((huge, 1),),
        introduced_to=many, questions=many,
    )  # fmt: skip


@fuzz(BRIEF_EXAMPLES)
@given(data=hostile_brief(), size=st.sampled_from(["letter", "a4"]))
def test_a_brief_of_any_text_prints_on_one_page(data: BriefData, size: str) -> None:
    assert pages(brief.render_brief(data, size)) == 1


@pytest.mark.parametrize("char", ["x", "w ", "\u202e\u200fשלום ", "\x00\x1b\r\n", "🎉"])
def test_a_brief_of_100000_character_fields_prints_on_one_page(char: str) -> None:
    assert pages(brief.render_brief(huge_brief(char), "letter")) == 1


def test_a_brief_on_paper_it_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="page size"):
        brief.render_brief(huge_brief("x"), "\u202ea4")


stored_text = st.text(st.characters(exclude_categories=["Cs"]) | st.sampled_from(NASTY), min_size=1)


def _store_hostile_contact(name: str, text: str, notes: str) -> int:
    """A contact whose every field, timeline entry, promise and meeting holds `text`."""
    contact_id = contacts.create_contact(
        name,
        text,
        company=text,
        position=text,
        location=text,
        how_met=text,
        story=notes,
        tag_names=[text[:40]] if text[:40].strip() else [],
    )
    timeline.log_interaction(
        contact_id, "call", date="2026-03-01", summary=text, notes=notes, sub_kind=None
    )
    if text.strip():
        followups.add_follow_up(contact_id, text, "2026-03-20")
    meetings.schedule_meeting(contact_id, "2026-03-12 09:30", place=text, agenda=notes)
    return contact_id


def _stored_contact_prints_on_one_page(text: str, notes: str) -> None:
    contact_id = _store_hostile_contact("\u202eAnn\x07", text, notes)
    if tag := " ".join(text[:40].split()):
        tags.set_my_interest(tag)
    data = brief_data(contact_id, dt.date(2026, 3, 12))
    assert data.story == notes.strip() and data.meeting is not None
    assert pages(brief.render_brief(data, "a4")) == 1
    contacts.delete_contacts([contact_id])


@fuzz(STORED_BRIEF_EXAMPLES)
@given(text=stored_text, notes=stored_text)
def test_a_stored_contact_with_hostile_fields_gets_a_one_page_brief(
    db_path: Path, text: str, notes: str
) -> None:
    _stored_contact_prints_on_one_page(text, notes)


def test_a_stored_contact_with_100000_character_fields_gets_a_one_page_brief(
    db_path: Path,
) -> None:
    _stored_contact_prints_on_one_page("\u202e" + "x" * HUGE, "\x00\u200f" * (HUGE // 2) + "end")


# ---------------------------------------------------------------------------- the CLI


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every subcommand's own parser, by name, as `relate --help` lists them."""
    parser = build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a database of a few people (one name shared), a past import, a
    planned meeting, and files a command might be given."""
    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "relate.sqlite"
    open_database(path)
    try:
        ann = contacts.create_contact("Ann", "Adams", company="Acme", tag_names=["BIM"])
        bob = contacts.create_contact("Bob", "Brown", emails=["bob@example.com"])
        contacts.create_contact("Ann", "Avery", stage="1-2-1", cadence_days=30)
        timeline.log_interaction(ann, "1-2-1", date="2026-01-05", summary="Coffee")
        followups.add_follow_up(bob, "Send the deck", "2026-01-10")
        meetings.schedule_meeting(bob, dt.datetime.now() + dt.timedelta(days=2))
        apply_plan(plan_import([Incoming(2, "Cy", "Cole")], "linkedin", "Connections.csv"))
    finally:
        close_database()
    shutil.copy(path, folder / "backup.sqlite")
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dee,Dunn,,dee@example.com,Acme,CEO,01 Jan 2024\n",
        encoding="utf-8",
    )
    (folder / "contacts.vcf").write_text("BEGIN:VCARD\nFN:Eve Ernst\nEND:VCARD\n")
    (folder / "garbage.bin").write_bytes(bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "folder").mkdir()
    return folder


# File names a command may be given, relative to the example's own folder.
FILES = (
    "Connections.csv",
    "contacts.vcf",
    "garbage.bin",
    "empty.txt",
    "backup.sqlite",
    "relate.sqlite",  # the database itself
    "folder",
    "missing/out.csv",
    "out.pdf",
    "-",
    "",
    ".",
    "..",
)
REFERENCES = (
    "1",
    "2",
    "3",
    "4",
    "999",
    "0",
    "-1",
    "9" * 25,
    "²",
    "٣",
    "Ann",
    "ann adams",
    "Bob Brown",
)
DATES = ("2026-03-12", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2026-3-1", "")
WORDS = ("connection", "1-2-1", "call", "gave", "introduction", "BIM", "30", "0", "a4")
WORDS += ("ann@example.com", "https://www.linkedin.com/in/ann", "http://[linkedin.com/in/ann")
WORDS += ("+1 555 0100", "2026-03-12 09:30")
# What a shell can pass: no NUL, but undecodable bytes arrive as lone surrogates.
ARG_CHARS = (
    st.sampled_from(NASTY.replace("\x00", "") + "\udcff\udc80")
    | st.sampled_from(string.punctuation)
    | st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
)
arg_text = st.text(ARG_CHARS, max_size=30) | st.sampled_from(["x" * 5000, "word " * 1000])
numbers = st.integers(-(10**25), 10**25).map(str) | st.sampled_from(["0", "1", "2", "3", "9" * 30])
file_names = st.sampled_from(FILES) | st.text(ARG_CHARS, max_size=300).map(
    lambda name: name.replace("/", "_")
)


def _values(action: argparse.Action) -> st.SearchStrategy[str]:
    """What to give an argument: what it expects now and then, hostile text always."""
    metavar = " ".join(action.metavar) if isinstance(action.metavar, tuple) else action.metavar
    metavar = metavar or ""
    if action.type is Path or "FILE" in metavar:
        return file_names
    if action.choices:
        likely = st.sampled_from([str(choice) for choice in sorted(action.choices)])
    elif action.type is not None:  # a number: an id, a count
        likely = numbers
    elif metavar in ("CONTACT", "A", "B") or action.dest == "met_through":
        likely = st.sampled_from(REFERENCES)
    elif "YYYY" in metavar:
        likely = st.sampled_from(DATES) | st.datetimes().map(str)
    else:
        likely = st.sampled_from(WORDS) | numbers
    return likely | likely | arg_text


def _nargs(action: argparse.Action) -> st.SearchStrategy[int]:
    if isinstance(action.nargs, int):
        return st.just(action.nargs)
    if action.nargs == 0:
        return st.just(0)
    return {"?": st.integers(0, 1), "*": st.integers(0, 3), "+": st.integers(1, 3)}.get(
        action.nargs, st.just(1)
    )


@st.composite
def arguments(draw: st.DrawFn, parser: argparse.ArgumentParser) -> list[str]:
    """Positional values, some of the command's own options with values, some junk."""
    actions = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    argv: list[str] = []
    for action in (a for a in actions if not a.option_strings):
        argv += [draw(_values(action)) for _ in range(draw(_nargs(action)))]
    options = [a for a in actions if a.option_strings]
    for action in draw(st.lists(st.sampled_from(options), max_size=4)) if options else []:
        argv.append(draw(st.sampled_from(action.option_strings)))
        argv += [draw(_values(action)) for _ in range(draw(_nargs(action)))]
    for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
        junk = draw(arg_text | st.sampled_from(["--", "-", "-h", "--nope", "--db", "-x=1"]))
        argv.insert(draw(st.integers(0, len(argv))), junk)
    return argv


def _is_relate_database(path: Path) -> bool:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        return app_id == APPLICATION_ID and connection.execute(
            "PRAGMA integrity_check"
        ).fetchone() == ("ok",)
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()


RunRelate = Callable[..., tuple[int, str]]


@pytest.fixture
def relate(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> RunRelate:
    """Runs `relate ARGS` in a copy of the seeded folder; checks that it did the job or
    refused cleanly (exit 1 with "relate: …", or argparse's 2) with the database as it
    was, and that the database is sound either way. Returns the status and stderr."""
    # Nothing reaches the user's own files: their database, log, or application menu.
    monkeypatch.delenv("RELATE_DB", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("RELATE_LOG_DIR", str(tmp_path / "log"))
    bugs: list[BaseException] = []

    def log_bug(exc: BaseException, context: str) -> Path:
        bugs.append(exc)
        return tmp_path / "log" / "relate.log"

    monkeypatch.setattr(relate_logs, "log_bug", log_bug)
    folder = tmp_path / "run"  # each run's own copy: the last one is left to look at

    def run(*argv: str, stdin: str = "") -> tuple[int, str]:
        bugs.clear()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(seeded, folder)
        monkeypatch.chdir(folder)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        path = folder / "relate.sqlite"
        before = sqlite_dump(path)
        capsys.readouterr()
        try:
            status = main(["--db", str(path), *argv])
        except SystemExit as exit:  # argparse: --help, or a usage error
            status = exit.code
        err = capsys.readouterr().err
        assert not bugs, "".join(traceback.format_exception(bugs[-1]))
        assert status in (0, 1, 2), (status, err)
        if status == 1:
            assert err.startswith("relate: "), err
        if status:
            assert sqlite_dump(path) == before, "a refused command changed the database"
        assert _is_relate_database(path)
        return status, err

    return run


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_does_the_job_or_refuses_any_arguments_cleanly(
    command: str, relate: RunRelate
) -> None:
    @fuzz(CLI_EXAMPLES)
    @given(argv=arguments(subcommands()[command]), stdin=arg_text)
    def check(argv: list[str], stdin: str) -> None:
        relate(command, *argv, stdin=stdin)

    check()


# What fuzzing the command line found, refused now with a message saying why.
BIG = "9" * 30


@pytest.mark.parametrize(
    ("argv", "status", "says"),
    [
        (["undo-import", BIG], 2, f"{BIG} is too large to be an id"),
        (["merge", "1", f"-{BIG}"], 2, "too large to be an id"),
        (["held", BIG], 2, "too large to be an id"),
        (["snooze", "Bob", "--days", "2912118"], 1, "--days can be at most 36500"),
        (["meetings", "--days", BIG], 1, "--days can be at most"),
        (["ics", "out.ics", "--days", BIG], 1, "--days can be at most"),
        (["today", "--date", "9999-12-31"], 1, "too near the edge of the calendar"),
        (["stats", "--date", "0001-01-01"], 1, "too near the edge of the calendar"),
        (["brief", "--week", "--date", "9999-12-31"], 1, "too near the edge"),
        (["introduce", "1", "2", "--why", "x", "--date", "9999-12-31"], 1, "too near the edge"),
        (["export", "csv", "relate.sqlite"], 1, "relate.sqlite is the database itself"),
        (["ics", "relate.sqlite-wal"], 1, "is the database itself"),
        (["brief", "1", "-o", "relate.sqlite"], 1, "is the database itself"),
        (["export", "json", "folder"], 1, "cannot write folder: Is a directory"),
        (["brief", "1", "-o", "missing/brief.pdf"], 1, "cannot write missing/brief.pdf"),
        (["show", "9" * 25], 1, "no contact matches '9999"),
        (["introduce", "1", "²", "--why", "x"], 1, "no contact matches '²'"),
        (["add", "Ann\udcff"], 2, "'Ann\ufffd' is not UTF-8 text"),
        (["import", "csv", "caf\udce9.csv"], 2, "is not UTF-8 text"),
        (["add", "Ann", "--linkedin", "http://[linkedin.com/in/a"], 1, "not a LinkedIn address"),
    ],
)
def test_arguments_no_command_can_use_are_refused_saying_why(
    relate: RunRelate, argv: list[str], status: int, says: str
) -> None:
    exit_status, err = relate(*argv)
    assert exit_status == status and says in err, err


@pytest.mark.parametrize("argv", [["today", "--limit", BIG], ["who", "acme", "--limit", BIG]])
def test_a_limit_beyond_any_database_means_no_limit(relate: RunRelate, argv: list[str]) -> None:
    assert relate(*argv)[0] == 0
