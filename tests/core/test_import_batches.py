"""Import batches: matching, re-import, position changes, user edits winning, undo."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate import cadence, contacts, queries, tags, timeline
from relate.importers import ImportFileError
from relate.importers.batches import (
    ImportCancelledError,
    apply_plan,
    import_batches,
    undo_import,
)
from relate.importers.linkedin import plan_linkedin_import
from relate.importers.plan import Incoming, Merged, Skipped
from relate.importers.planner import plan_import
from relate.records import Phone
from relate.store import bulk
from relate.store.db import db
from relate.validation import ValidationError
from tests.database_dump import sqlite_dump

URL = "https://www.linkedin.com/in/"


def person(line: int, first: str, last: str, **fields) -> Incoming:
    return Incoming(line=line, first_name=first, last_name=last, **fields)


def run(rows: list[Incoming], skipped: tuple[Skipped, ...] = ()) -> tuple[str, int]:
    plan = plan_import(rows, "linkedin", "Connections.csv", skipped)
    return plan.summary(), apply_plan(plan)


EXPORT = [
    person(
        4,
        "Ana",
        "Silva",
        linkedin_url=f"{URL}ana-silva",
        company="Acme",
        position="Analyst",
        connected_on=dt.date(2024, 5, 30),
    ),
    person(
        5,
        "Wei",
        "Chen, PMP",
        emails=("wei@example.com",),
        company="Buildco",
        position="Project Manager",
    ),
    person(6, "José", "Müller", company="Hartwell", position="Principal"),
]


def test_the_summary_writes_thousands_as_the_rest_of_the_import_does(db_path: Path) -> None:
    rows = [person(n, f"P{n}", "Lee") for n in range(2, 1_236)]
    plan = plan_import(rows, "linkedin", "Connections.csv", (Skipped(1, "no name"),))
    assert plan.summary() == "1,234 new, 0 updated, 0 unchanged, 1 skipped"


def test_a_first_import_adds_everyone_as_one_batch(db_path: Path) -> None:
    summary, batch = run(EXPORT, (Skipped(7, "no name"),))
    assert summary == "3 new, 0 updated, 0 unchanged, 1 skipped"
    rows = queries.list_contacts()
    assert [(r.display_name, r.company, r.position) for r in rows] == [
        ("Wei Chen, PMP", "Buildco", "Project Manager"),
        ("José Müller", "Hartwell", "Principal"),
        ("Ana Silva", "Acme", "Analyst"),
    ]
    ana = contacts.get_contact(rows[2].id)
    assert ana.linkedin_url == f"{URL}ana-silva" and str(ana.connected_on) == "2024-05-30"
    assert queries.contact_ids("buildco") == [rows[0].id]  # searchable at once
    [record] = import_batches()
    assert (record.id, record.created, record.skipped, record.undone_at) == (batch, 3, 1, None)


def test_reimporting_the_same_file_changes_nothing(db_path: Path) -> None:
    run(EXPORT)
    before = sqlite_dump(db_path)
    plan = plan_import(EXPORT, "linkedin", "Connections.csv")
    assert plan.summary() == "0 new, 0 updated, 3 unchanged, 0 skipped"
    assert apply_plan(plan) is None
    assert sqlite_dump(db_path) == before  # not even an empty batch in the history


def test_two_profiles_are_two_people_however_alike_their_names(db_path: Path) -> None:
    twins = [
        person(4, "John", "Smith", linkedin_url=f"{URL}john-smith-1", company="IBM"),
        person(5, "John", "Smith", linkedin_url=f"{URL}john-smith-2", company="IBM"),
        person(6, "John", "Smith", company="IBM"),  # no profile: taken as the first
    ]
    summary, _ = run(twins)
    assert (
        summary
        == "2 new, 0 updated, 0 unchanged, 1 merged with another row of this file, 0 skipped"
    )
    assert plan_import(twins[1:2], "linkedin", "x").summary().startswith("0 new, 0 updated, 1")


def test_the_same_person_twice_in_a_file_is_one_contact(db_path: Path) -> None:
    twice = [
        *EXPORT,
        person(9, "ana", "silva", linkedin_url=f"{URL}ana-silva/"),
        person(10, "Jose", "Muller", company="Hartwell"),
    ]
    plan = plan_import(twice, "linkedin", "x.csv")
    assert plan.merged == (Merged(9, 4), Merged(10, 6))
    assert plan.skipped == ()
    summary, _ = run(twice)
    assert (
        summary
        == "3 new, 0 updated, 0 unchanged, 2 merged with another row of this file, 0 skipped"
    )


def test_matching_goes_by_url_then_email_then_name_and_company(db_path: Path) -> None:
    by_url = contacts.create_contact("Ana", "S.", linkedin_url=f"{URL}ana-silva")
    by_email = contacts.create_contact("W.", "Chen", emails=["WEI@example.com"])
    by_name = contacts.create_contact("Jose", "Muller", company="Hartwell")
    plan = plan_import(EXPORT, "linkedin", "x.csv")
    assert plan.new == ()
    assert [u.contact_id for u in plan.updates] == [by_url, by_email, by_name]


def test_a_new_job_updates_the_contact_and_goes_on_the_timeline(db_path: Path) -> None:
    run(EXPORT)
    ana = queries.contact_ids("ana")[0]
    moved = [
        person(
            4, "Ana", "Silva", linkedin_url=f"{URL}ana-silva", company="Globex", position="Director"
        ),
        *EXPORT[1:],
    ]
    summary, _ = run(moved)
    assert summary == "0 new, 1 updated, 2 unchanged, 0 skipped"
    detail = contacts.get_contact(ana)
    assert (detail.company, detail.position) == ("Globex", "Director")
    [entry] = timeline.interactions_for(ana)
    assert (entry.kind, entry.summary) == ("position-change", "now Director at Globex")
    assert queries.last_contacted(ana) is None  # news, not contact
    assert queries.contact_ids("globex") == [ana]


def test_what_the_user_wrote_wins_over_a_reimport(db_path: Path) -> None:
    run(EXPORT)
    ana = queries.contact_ids("ana")[0]
    contacts.update_contact(ana, position="Head of Analytics", story="Loves sailing.")
    tags.tag_contacts([ana], "sailing")
    moved = [
        person(
            4, "Ana", "Silva", linkedin_url=f"{URL}ana-silva", company="Globex", position="Director"
        )
    ]
    run(moved)
    detail = contacts.get_contact(ana)
    # The company she did not touch follows the source; her own position stays.
    assert (detail.company, detail.position) == ("Globex", "Head of Analytics")
    assert detail.story == "Loves sailing." and [t.name for t in detail.tags] == ["sailing"]
    assert timeline.interactions_for(ana)[0].summary == "now Director at Globex"


def test_a_manual_contact_gets_its_empty_fields_filled_only(db_path: Path) -> None:
    jose = contacts.create_contact("José", "Müller", company="Hartwell", position="Boss")
    summary, _ = run(EXPORT[2:])
    assert summary == "0 new, 0 updated, 1 unchanged, 0 skipped"
    assert contacts.get_contact(jose).position == "Boss"
    run([person(6, "José", "Müller", company="Hartwell", emails=("jm@h.example",))])
    assert contacts.get_contact(jose).emails == ("jm@h.example",)
    assert timeline.interactions_for(jose) == []


def test_an_address_book_fills_what_is_empty_and_adds_phones_and_tags(db_path: Path) -> None:
    jose = contacts.create_contact(
        "José",
        "Müller",
        company="Hartwell",
        location="Cleveland",
        phones=[Phone("+1 216 555 0100", "work")],
        tag_names=["Cycling"],
    )
    card = person(
        3,
        "José",
        "Müller",
        company="Hartwell",
        location="Akron",
        story="Met at the SMPS breakfast.",
        birthday=dt.date(1980, 2, 29),
        phones=(Phone("(216) 555-0100", "cell"), Phone("+1 330 555 0199", "home")),
        tags=("cycling", "Mass timber"),
    )
    plan = plan_import([card], "vcard", "contacts.vcf")
    assert plan.summary() == "0 new, 1 updated, 0 unchanged, 0 skipped"
    batch = apply_plan(plan)
    detail = contacts.get_contact(jose)
    assert detail.location == "Cleveland"  # what the user had stays
    assert (detail.story, detail.birthday) == ("Met at the SMPS breakfast.", dt.date(1980, 2, 29))
    assert detail.phones == (Phone("+1 216 555 0100", "work"), Phone("+1 330 555 0199", "home"))
    assert [tag.name for tag in detail.tags] == ["Cycling", "Mass timber"]
    assert plan_import([card], "vcard", "contacts.vcf").summary() == (
        "0 new, 0 updated, 1 unchanged, 0 skipped"
    )
    undo_import(batch)
    detail = contacts.get_contact(jose)
    assert (detail.story, detail.birthday, detail.location) == ("", None, "Cleveland")
    assert detail.phones == (Phone("+1 216 555 0100", "work"),)
    assert [tag.name for tag in detail.tags] == ["Cycling"]


@pytest.mark.parametrize("matched", [(2, 3, 4), (1, 60, 119)], ids=["side by side", "far apart"])
def test_a_reimport_fills_just_the_contacts_it_matches_among_many(
    db_path: Path, matched: tuple[int, ...]
) -> None:
    # A file matching contacts side by side is read by a range of ids, one matching a
    # few among many by their ids: both must see what each contact holds.
    ids = bulk.insert_contacts(
        [
            Incoming(
                line=n,
                first_name=f"Person{n}",
                last_name="Lima",
                emails=(f"p{n}@example.com",),
                location="Akron" if n % 2 else "",
                phones=(Phone("+1 216 555 0100"),) if n % 3 == 0 else (),
            )
            for n in range(1, 121)
        ]
    )
    rows = [
        person(
            n,
            f"Person{n}",
            "Lima",
            emails=(f"P{n}@example.com",),
            location="Cleveland",
            phones=(Phone("(216) 555-0100"), Phone("+1 330 555 0199")),
        )
        for n in matched
    ]
    plan = plan_import(rows, "vcard", "contacts.vcf")
    assert plan.summary() == f"0 new, {len(matched):,} updated, 0 unchanged, 0 skipped"
    for update in plan.updates:
        n = ids.index(update.contact_id) + 1
        assert update.line == n
        added = {(change.field, change.new_value) for change in update.changes}
        expected = {("phone", "+1 330 555 0199")} | (
            set() if n % 3 == 0 else {("phone", "(216) 555-0100")}
        )
        if not n % 2:  # its location was empty
            expected.add(("location", "Cleveland"))
        assert added == expected
    apply_plan(plan)
    assert plan_import(rows, "vcard", "contacts.vcf").summary() == (
        f"0 new, 0 updated, {len(matched):,} unchanged, 0 skipped"
    )


def test_people_with_different_emails_are_two_people_whatever_their_names(
    db_path: Path,
) -> None:
    contacts.create_contact("John", "Smith", emails=["john@a.example"])
    rows = [
        person(2, "John", "Smith", emails=("js@b.example",)),
        person(3, "John", "Smith", emails=("smith@c.example",)),
    ]
    assert (
        plan_import(rows, "vcard", "x.vcf").summary() == "2 new, 0 updated, 0 unchanged, 0 skipped"
    )


def test_undo_removes_what_an_import_added_and_restores_what_it_changed(
    db_path: Path,
) -> None:
    _, first = run(EXPORT)
    ana = queries.contact_ids("ana")[0]
    wei = queries.contact_ids("wei")[0]
    timeline.log_interaction(ana, "call", date="2026-01-05")
    moved = [
        person(
            4,
            "Ana",
            "Silva",
            linkedin_url=f"{URL}ana-silva",
            company="Globex",
            position="Director",
            emails=("ana@globex.example",),
        ),
        person(8, "New", "Person", company="Initech"),
    ]
    _, second = run(moved)
    assert undo_import(second)[:3] == (1, 1, 0)
    detail = contacts.get_contact(ana)
    assert (detail.company, detail.position, detail.emails) == ("Acme", "Analyst", ())
    assert [e.kind for e in timeline.interactions_for(ana)] == ["call"]
    assert queries.contact_ids("initech") == [] and queries.contact_ids("globex") == []
    # After the undo the same newer export is news again.
    assert plan_import(moved, "linkedin", "x.csv").updated == 1
    # Dated as every other date reads: "(Wed 2 Dec 2026, 14:26)".
    with pytest.raises(
        ValidationError, match=r"already undone \(\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d\)"
    ):
        undo_import(second)
    # Ana, whom the user rang, stays with the call; the others go.
    assert undo_import(first)[:3] == (2, 0, 1)
    assert queries.contact_ids() == [ana] and wei not in queries.contact_ids()
    assert [e.kind for e in timeline.interactions_for(ana)] == ["call"]
    assert [b.undone_at is not None for b in import_batches()] == [True, True]


def test_undo_keeps_an_edit_made_after_the_import(db_path: Path) -> None:
    run(EXPORT)
    ana = queries.contact_ids("ana")[0]
    _, batch = run(
        [
            person(
                4,
                "Ana",
                "Silva",
                linkedin_url=f"{URL}ana-silva",
                company="Globex",
                position="Director",
            )
        ]
    )
    contacts.update_contact(ana, company="Globex Europe")
    undo_import(batch)
    detail = contacts.get_contact(ana)
    assert (detail.company, detail.position) == ("Globex Europe", "Analyst")


def test_cancelling_keeps_nothing(db_path: Path) -> None:
    before = sqlite_dump(db_path)
    many = [person(n, f"P{n}", "Person") for n in range(5000)]
    plan = plan_import(many, "linkedin", "big.csv")
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelledError):
        apply_plan(
            plan,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: bool(seen),
        )
    assert seen and seen[0][1] == 5000
    assert sqlite_dump(db_path) == before


def test_a_failure_half_way_rolls_the_whole_import_back(db_path: Path, monkeypatch) -> None:
    before = sqlite_dump(db_path)
    plan = plan_import([person(n, f"P{n}", "Person") for n in range(10)], "linkedin", "x")

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("relate.importers.batches.bulk.insert_interactions", broken)
    with pytest.raises(sqlite3.OperationalError):
        apply_plan(plan)
    assert sqlite_dump(db_path) == before
    assert db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0


def _schema() -> list[tuple[str, ...]]:
    return db.execute_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    ).fetchall()


def test_a_large_first_import_keeps_every_index_whole(db_path: Path) -> None:
    schema = _schema()
    many = [person(n, f"P{n % 700}", "Person", company=f"Firm {n % 9}") for n in range(3000)]
    summary, _ = run(many)
    assert summary.startswith("3,000 new")
    assert _schema() == schema  # the indexes set aside during the write are all back
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    sorted_by_name = db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM contact WHERE archived = 0 ORDER BY name_key"
    ).fetchall()
    assert "contact_sort_name" in str(sorted_by_name)


def test_a_large_import_gives_every_newcomer_the_rhythm_of_their_stage(db_path: Path) -> None:
    # The insert trigger that gives the rhythm is set aside only when it would do nothing.
    cadence.set_stage_cadence("connection", 365)
    summary, _ = run([person(n, f"P{n}", "Person") for n in range(1500)])
    assert summary.startswith("1,500 new")
    rhythms = db.execute_sql("SELECT DISTINCT rhythm_days FROM contact").fetchall()
    assert rhythms == [(365,)]


def test_after_a_large_import_a_new_contact_still_gets_its_stage_s_rhythm(
    db_path: Path,
) -> None:
    run([person(n, f"P{n}", "Person") for n in range(1500)])
    cadence.set_stage_cadence("connection", 30)
    late = contacts.create_contact("Late", "Comer")
    assert db.execute_sql("SELECT rhythm_days FROM contact WHERE id = ?", (late,)).fetchone() == (
        30,
    )


def test_a_large_import_failing_half_way_keeps_the_indexes(db_path: Path, monkeypatch) -> None:
    before = sqlite_dump(db_path)
    insert = bulk.insert_contacts
    calls: list[int] = []

    def failing_second_block(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return insert(*args, **kwargs)

    monkeypatch.setattr("relate.importers.batches.bulk.insert_contacts", failing_second_block)
    with pytest.raises(sqlite3.OperationalError):
        run([person(n, f"P{n}", "Person") for n in range(3000)])
    assert sqlite_dump(db_path) == before


HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_any_file_either_imports_whole_or_is_refused_untouched(
    db_path: Path, tmp_path_factory, body: bytes
) -> None:
    path = tmp_path_factory.mktemp("files") / "Connections.csv"
    path.write_bytes(HEADER + body)
    before = sqlite_dump(db_path)
    try:
        plan = plan_linkedin_import(path)
    except ImportFileError as exc:
        assert str(exc).startswith("Connections.csv")
        assert sqlite_dump(db_path) == before
        return
    batch = apply_plan(plan)
    added = db.execute_sql(
        "SELECT count(*) FROM contact WHERE import_batch_id IS ?", (batch,)
    ).fetchone()[0]
    assert added == (len(plan.new) if batch else 0)
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    if batch:
        undo_import(batch)
    assert db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0


def test_a_re_import_of_values_with_spaces_around_them_changes_nothing(db_path: Path) -> None:
    rows = [person(n, f"P{n}", "Person", company=" Acme  ", position="CEO ") for n in range(1200)]
    summary, _ = run(rows)
    assert summary.startswith("1,200 new")
    stored = db.execute_sql("SELECT DISTINCT field, value FROM import_value ORDER BY field")
    assert stored.fetchall() == [("company", "Acme"), ("position", "CEO")]
    again, batch = run(rows)
    assert again.startswith("0 new, 0 updated, 1,200 unchanged") and batch is None
