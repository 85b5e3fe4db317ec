"""CSV export of the contact list and JSON export of the whole database."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from relate import contacts, demo, followups, introductions, queries, tags, timeline
from relate.exporters.csv_export import CSV_COLUMNS, export_csv, neutralise
from relate.exporters.json_export import export_json
from relate.importers.batches import apply_plan
from relate.importers.plan import Incoming
from relate.importers.planner import plan_import
from relate.records import Phone
from relate.store.db import db
from relate.store.migrations import LATEST_VERSION

STORY = 'Met at the "Build Ohio" expo, Columbus.\nTalked mass timber, then golf — for an hour.'


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def names(rows: list[list[str]]) -> list[str]:
    return [f"{row[0]} {row[1]}" for row in rows[1:]]


def add_zoe() -> int:
    """A contact with everything a CSV writer can trip on: accents, commas, quotes,
    a newline, several emails and phones, tags and every date."""
    contact_id = contacts.create_contact(
        "Zoë",
        "Núñez-O'Brien",
        pronouns="she/her",
        company='Smith, Jones & "Partners"',
        position="Principal",
        emails=["zoe@sjp.com", "zoe.nunez@gmail.com"],
        phones=[Phone("0161 555 0100", "work"), Phone("+44 7700 900123", "mobile")],
        linkedin_url="https://www.linkedin.com/in/zoe-nunez",
        location="Kraków, Poland",
        how_met="SMPS dinner",
        connected_on="2021-03-04",
        birthday="1985-12-31",
        stage="1-2-1",
        story=STORY,
        cadence_days=30,
        tag_names=["Łódź alumni", "Timber frames"],
    )
    timeline.log_interaction(contact_id, "call", date="2026-10-01")
    return contact_id


# --------------------------------------------------------------------------- CSV


def test_csv_has_the_header_a_user_sees_and_opens_in_excel(db_path: Path) -> None:
    add_zoe()
    target = db_path.parent / "contacts.csv"
    export_csv(target)
    data = target.read_bytes()
    # The byte-order mark tells Excel the file is UTF-8; rows end in CRLF.
    assert data.startswith(b"\xef\xbb\xbfFirst Name,Last Name,Company,")
    assert data.count(b"\r\n") == 2
    assert read_csv(target)[0] == [
        "First Name",
        "Last Name",
        "Company",
        "Position",
        "Email",
        "Phone",
        "LinkedIn URL",
        "Location",
        "Stage",
        "Tags",
        "Connected On",
        "Birthday",
        "Last Contacted",
        "Next Due",
        "How Met",
        "Story",
        "Pronouns",
    ]
    assert tuple(read_csv(target)[0]) == CSV_COLUMNS


def test_accents_commas_quotes_and_newlines_round_trip(db_path: Path) -> None:
    add_zoe()
    target = db_path.parent / "contacts.csv"
    assert export_csv(target) == 1
    rows = read_csv(target)
    assert len(rows) == 2
    assert rows[1] == [
        "Zoë",
        "Núñez-O'Brien",
        'Smith, Jones & "Partners"',
        "Principal",
        "zoe@sjp.com; zoe.nunez@gmail.com",
        "0161 555 0100 (work); +44 7700 900123 (mobile)",
        "https://www.linkedin.com/in/zoe-nunez",
        "Kraków, Poland",
        "1-2-1",
        "Timber frames; Łódź alumni",
        "2021-03-04",
        "1985-12-31",
        "2026-10-01",
        "2026-10-31",
        "SMPS dinner",
        STORY,
        "she/her",
    ]


@pytest.mark.parametrize("payload", ["=SUM(A1)", "+cmd", "-2+3", "@import", "\t=x", "\r=x"])
def test_cells_a_spreadsheet_would_run_are_written_as_text(db_path: Path, payload: str) -> None:
    contact_id = contacts.create_contact("Placeholder", tag_names=["placeholder"])
    # The core trims what users type, so a leading tab is written straight into the
    # file: a database edited elsewhere may hold anything, and the export must not trust it.
    db.execute_sql(
        "UPDATE contact SET first_name = ?, last_name = ?, company = ?, story = ? WHERE id = ?",
        (payload, payload, payload, payload, contact_id),
    )
    db.execute_sql("UPDATE tag SET name = ?", (payload,))
    target = db_path.parent / "contacts.csv"
    export_csv(target, [contact_id])
    row = dict(zip(CSV_COLUMNS, read_csv(target)[1], strict=True))
    for column in ("First Name", "Last Name", "Company", "Tags", "Story"):
        assert row[column] == "'" + payload, column


def test_values_with_a_sign_later_on_are_left_alone(db_path: Path) -> None:
    contact_id = contacts.create_contact(
        "Ann-Marie",
        "Smith-Jones",
        company="a=b",
        position="VP - Sales",
        story="Rates: 2+2=4 @ lunch",
        phones=[Phone("+1 216 555 0100", "cell")],
        tag_names=["C++"],
    )
    target = db_path.parent / "contacts.csv"
    export_csv(target, [contact_id])
    row = dict(zip(CSV_COLUMNS, read_csv(target)[1], strict=True))
    assert (row["First Name"], row["Last Name"], row["Company"], row["Position"]) == (
        "Ann-Marie",
        "Smith-Jones",
        "a=b",
        "VP - Sales",
    )
    assert (row["Story"], row["Tags"]) == ("Rates: 2+2=4 @ lunch", "C++")
    # A phone number starting with "+" is indistinguishable from a formula: it is kept
    # as text, apostrophe and all.
    assert row["Phone"] == "'+1 216 555 0100 (cell)"


def test_neutralise() -> None:
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert neutralise("-") == "'-"
    assert neutralise("") == ""
    assert neutralise("Ann = Bob") == "Ann = Bob"
    assert neutralise("'=already quoted") == "'=already quoted"


def test_given_ids_keep_their_order_and_unknown_ones_are_left_out(db_path: Path) -> None:
    ids = [contacts.create_contact(name, "Test") for name in ("Ann", "Bob", "Cy")]
    contacts.set_archived([ids[1]])  # the archive view exports what it shows, too
    target = db_path.parent / "contacts.csv"
    assert export_csv(target, [ids[2], 9999, ids[1], ids[0]]) == 3
    assert names(read_csv(target)) == ["Cy Test", "Bob Test", "Ann Test"]


def test_the_whole_list_is_sorted_by_name_without_the_archive(db_path: Path) -> None:
    contacts.create_contact("Zed", "Young")
    archived = contacts.create_contact("Bea", "Archer")
    contacts.create_contact("Ann", "Adams")
    contacts.create_contact("Émile", "Young")
    contacts.set_archived([archived])
    target = db_path.parent / "contacts.csv"
    assert export_csv(target) == 3
    assert names(read_csv(target)) == ["Ann Adams", "Émile Young", "Zed Young"]


def test_the_demo_list_comes_out_whole_in_list_order(db_path: Path) -> None:
    demo.fill_demo(size=1200, today=dt.date(2027, 1, 1))  # more than one chunk of ids
    contacts.set_archived(queries.contact_ids()[::7])
    target = db_path.parent / "contacts.csv"
    listed = queries.list_contacts()
    assert export_csv(target) == len(listed) < 1200
    rows = read_csv(target)[1:]
    assert [(row[0], row[1]) for row in rows] == [(c.first_name, c.last_name) for c in listed]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("writer", [export_csv, export_json])
def test_exports_are_readable_by_the_user_only(
    db_path: Path, writer: Callable[[Path], object]
) -> None:
    add_zoe()
    target = db_path.parent / "export.out"
    writer(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


# -------------------------------------------------------------------------- JSON

CONTACT_KEYS = {
    "id",
    "first_name",
    "last_name",
    "pronouns",
    "company",
    "position",
    "emails",
    "phones",
    "linkedin_url",
    "location",
    "how_met",
    "met_through_id",
    "connected_on",
    "birthday",
    "stage",
    "story",
    "cadence_days",
    "archived",
    "tags",
    "created_at",
    "updated_at",
}


def timestamp(value: str) -> dt.datetime:
    """A timestamp in strict ISO 8601 (with the "T" other tools expect), or a failure."""
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S")


def count(table: str) -> int:
    return db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def network(db_path: Path) -> dict[str, int]:
    """The demo network, plus one of everything the demo lacks."""
    demo.fill_demo(size=80, today=dt.date(2027, 1, 1))
    zoe = add_zoe()
    tags.set_my_interest("Timber frames")
    tags.update_tag(tags.ensure_tag("Brexit"), avoid=True)
    tags.attach(zoe, "Brexit")
    friend = contacts.create_contact("Łukasz", "Wiśniewski")
    contacts.update_contact(zoe, met_through_id=friend)
    call = timeline.log_interaction(
        zoe,
        "1-2-1",
        date="2026-11-02",
        time="09:30",
        summary="Coffee",
        notes="Wants an intro to a timber engineer.\nAsk about Kraków.",
    )
    promise = followups.add_follow_up(zoe, "Send the CLT case study", "2026-11-09")
    followups.complete_follow_up(promise)
    intro = introductions.add_introduction(zoe, friend, date="2026-11-03", note="Timber")
    gone = contacts.create_contact("Old", "Colleague")
    contacts.set_archived([gone])
    plan = plan_import(
        [Incoming(line=2, first_name="Ines", last_name="Ávila")], "linkedin", "c.csv"
    )
    batch = apply_plan(plan)
    assert batch is not None
    return {
        "zoe": zoe,
        "friend": friend,
        "call": call,
        "promise": promise,
        "intro": intro,
        "gone": gone,
        "batch": batch,
    }


def export(db_path: Path) -> tuple[dict, str, dict[str, int]]:
    target = db_path.parent / "relate.json"
    counts = export_json(target)
    text = target.read_text(encoding="utf-8")
    return json.loads(text), text, counts


def test_json_holds_every_section_with_the_database_counts(
    db_path: Path, network: dict[str, int]
) -> None:
    document, _, counts = export(db_path)
    assert document["format"] == "relate-export"
    assert document["version"] == 1
    assert document["schema_version"] == LATEST_VERSION
    exported_at = dt.datetime.fromisoformat(document["exported_at"])
    assert exported_at.tzinfo is not None
    assert abs(exported_at - dt.datetime.now().astimezone()) < dt.timedelta(minutes=5)
    expected = {
        "tags": count("tag"),
        "contacts": queries.count_contacts(archived=None),
        "interactions": count("interaction"),
        "follow_ups": count("follow_up"),
        "introductions": count("introduction"),
        "imports": 1,
    }
    assert counts == expected
    assert {name: len(document[name]) for name in expected} == expected
    assert expected["contacts"] == 80 + 4 and expected["interactions"] > 80
    assert {c["id"] for c in document["contacts"]} == set(
        queries.contact_ids(archived=None, order="created")
    )


def test_json_contact_is_exact_and_leaves_out_computed_values(
    db_path: Path, network: dict[str, int]
) -> None:
    document, _, _ = export(db_path)
    by_id = {c["id"]: c for c in document["contacts"]}
    zoe = by_id[network["zoe"]]
    assert set(zoe) == CONTACT_KEYS  # no last_contacted, next_due, name_key, tag_key
    created_at = zoe.pop("created_at")
    updated_at = zoe.pop("updated_at")
    assert timestamp(created_at) <= timestamp(updated_at)
    assert zoe == {
        "id": network["zoe"],
        "first_name": "Zoë",
        "last_name": "Núñez-O'Brien",
        "pronouns": "she/her",
        "company": 'Smith, Jones & "Partners"',
        "position": "Principal",
        "emails": ["zoe@sjp.com", "zoe.nunez@gmail.com"],
        "phones": [
            {"number": "0161 555 0100", "label": "work"},
            {"number": "+44 7700 900123", "label": "mobile"},
        ],
        "linkedin_url": "https://www.linkedin.com/in/zoe-nunez",
        "location": "Kraków, Poland",
        "how_met": "SMPS dinner",
        "met_through_id": network["friend"],
        "connected_on": "2021-03-04",
        "birthday": "1985-12-31",
        "stage": "1-2-1",
        "story": STORY,
        "cadence_days": 30,
        "archived": False,
        "tags": ["Brexit", "Timber frames", "Łódź alumni"],
    }
    assert by_id[network["gone"]]["archived"] is True
    assert by_id[network["friend"]]["emails"] == [] and by_id[network["friend"]]["phones"] == []


def test_json_timeline_follow_ups_introductions_imports_and_me(
    db_path: Path, network: dict[str, int]
) -> None:
    document, _, _ = export(db_path)
    call = next(i for i in document["interactions"] if i["id"] == network["call"])
    assert call == {
        "id": network["call"],
        "contact_id": network["zoe"],
        "kind": "1-2-1",
        "sub_kind": None,
        "date": "2026-11-02",
        "time": "09:30:00",
        "summary": "Coffee",
        "notes": "Wants an intro to a timber engineer.\nAsk about Kraków.",
    }
    promise = next(f for f in document["follow_ups"] if f["id"] == network["promise"])
    assert (promise["contact_id"], promise["due"], promise["text"]) == (
        network["zoe"],
        "2026-11-09",
        "Send the CLT case study",
    )
    done_at = timestamp(promise["done_at"])
    assert abs(done_at - dt.datetime.now()) < dt.timedelta(minutes=5)
    assert all(f["done_at"] is None for f in document["follow_ups"] if f is not promise)
    intro = next(i for i in document["introductions"] if i["id"] == network["intro"])
    assert intro == {
        "id": network["intro"],
        "contact_a_id": network["zoe"],
        "contact_b_id": network["friend"],
        "date": "2026-11-03",
        "note": "Timber",
        "outcome": "",
    }
    [batch] = document["imports"]
    imported_at = batch.pop("imported_at")
    assert timestamp(imported_at).date() == dt.date.today()
    assert batch == {
        "id": network["batch"],
        "source": "linkedin",
        "file_name": "c.csv",
        "created": 1,
        "updated": 0,
        "skipped": 0,
        "undone_at": None,
    }
    tag_rows = {t["name"]: t for t in document["tags"]}
    assert tag_rows["Brexit"]["avoid"] is True and tag_rows["Brexit"]["mine"] is False
    assert tag_rows["Timber frames"]["mine"] is True
    assert tag_rows["politics"]["avoid"] is True  # from the demo
    assert document["me"]["interests"] == [t.name for t in tags.my_interests()]
    assert {"Timber frames", "jazz"} <= set(document["me"]["interests"])
    assert all((t["name"] in document["me"]["interests"]) == t["mine"] for t in document["tags"])


def test_json_dates_are_iso_text(db_path: Path, network: dict[str, int]) -> None:
    document, _, _ = export(db_path)
    for contact in document["contacts"]:
        for field in ("connected_on", "birthday"):
            if contact[field] is not None:
                dt.date.fromisoformat(contact[field])
        timestamp(contact["created_at"])
        timestamp(contact["updated_at"])
    for entry in document["interactions"]:
        assert dt.date.fromisoformat(entry["date"]).isoformat() == entry["date"]


def test_json_text_keeps_accents_unescaped(db_path: Path, network: dict[str, int]) -> None:
    document, text, _ = export(db_path)
    assert "Łukasz" in text and "Wiśniewski" in text and "Zoë" in text
    assert "\\u" not in text
    assert json.loads(text) == document
    assert [c["first_name"] for c in document["contacts"] if c["id"] == network["friend"]] == [
        "Łukasz"
    ]
