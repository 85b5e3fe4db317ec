"""Opening files: new ones at the latest schema, older ones migrated, others refused."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from relate import (
    cadence,
    contacts,
    followups,
    introductions,
    meetings,
    queries,
    tags,
    timeline,
)
from relate.store.db import close_database, db, open_database
from relate.store.migrations import LATEST_VERSION, SchemaError, schema_version
from relate.store.models import ALL_MODELS

FIXTURES = Path(__file__).parent / "fixtures"


OLD_VERSIONS = range(1, LATEST_VERSION)


@pytest.fixture(params=OLD_VERSIONS, ids=lambda version: f"v{version}")
def old_copy(request, tmp_path: Path):
    """A copy of the file each earlier version wrote (tests/core/fixtures)."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"relate-v{request.param}.sqlite", path)
    yield path
    close_database()


def test_there_is_a_file_of_every_earlier_version() -> None:
    def version(path: Path) -> int:
        return int(path.stem.removeprefix("relate-v"))

    assert sorted(FIXTURES.glob("relate-v*.sqlite"), key=version) == [
        FIXTURES / f"relate-v{version}.sqlite" for version in OLD_VERSIONS
    ]


def test_a_new_file_is_created_at_the_latest_version(db_path: Path) -> None:
    assert schema_version(db) == LATEST_VERSION
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_models_match_the_schema_the_migrations_build(db_path: Path) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        in_file = {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})")}
        in_model = {field.column_name for field in model._meta.sorted_fields}
        assert in_model == in_file, table


def test_an_older_file_opens_with_every_row_intact(old_copy: Path) -> None:
    open_database(old_copy)
    assert schema_version(db) == LATEST_VERSION
    jose = contacts.get_contact(1)
    assert (jose.first_name, jose.last_name, jose.stage) == ("José", "Müller", "1-2-1")
    assert jose.emails == ("jose@hka.example", "jm@home.example")
    assert jose.story == "Wants to win more healthcare work."
    assert [tag.name for tag in jose.tags] == ["Cycling"]
    assert [tag.name for tag in tags.common_interests(1)] == ["Cycling"]
    assert contacts.get_contact(2).phones[0].number == "+1 330 555 0100"
    assert contacts.get_contact(2).met_through_name == "José Müller"
    assert contacts.get_contact(3).archived
    assert [entry.summary for entry in timeline.interactions_for(1)] == [
        "Introduced to Aoife",
        "Coffee at Phoenix",
    ]
    assert timeline.interactions_for(1)[1].notes == "Kids: two."
    assert len(followups.follow_ups_for(1)) == 1 and not followups.follow_ups_for(2)[0].is_open
    assert introductions.were_introduced(2, 1)
    # Derived dates come from the migrated timeline, position changes left out.
    assert str(jose.last_contacted) == "2025-02-10" and str(jose.next_due) == "2025-03-12"
    assert queries.last_contacted(2) is None


def test_a_1_2_1_dated_ahead_becomes_a_planned_meeting(old_copy: Path) -> None:
    open_database(old_copy)
    [meeting] = meetings.meetings_for(1)
    assert meeting.is_planned
    assert meeting.starts_at == dt.datetime(2099, 5, 1, 12, 30)
    assert meeting.agenda == "Lunch at Sokolowski's\nBring the article"
    # It is no longer an entry on the timeline, nor the last contact.
    assert "Lunch at Sokolowski's" not in [e.summary for e in timeline.interactions_for(1)]
    assert str(queries.last_contacted(1)) == "2025-02-10"


def test_migrating_gives_stages_their_default_rhythm(old_copy: Path) -> None:
    open_database(old_copy)
    # José keeps his own rhythm; Sam (an advocate) follows the stage's default.
    assert contacts.get_contact(1).rhythm_days == 30
    assert contacts.get_contact(2).rhythm_days is None
    assert contacts.get_contact(3).rhythm_days == cadence.stage_cadences()["advocate"]


def test_migrating_fills_the_sort_keys_from_existing_rows(old_copy: Path) -> None:
    open_database(old_copy)
    assert queries.contact_ids(archived=None) == [3, 1, 2]  # Archer, Müller, O'Brien
    keys = db.execute_sql("SELECT id, name_key, last_contacted, tag_key FROM contact").fetchall()
    assert keys == [
        (1, "muller\x1fjose", "2025-02-10", "cycling"),
        (2, "o'brien\x1faoife", None, tags.contact_tags(2)[0].name.casefold()),
        (3, "archer\x1fsam", None, None),
    ]
    timeline.log_interaction(2, "call", date="2025-03-01")  # the triggers work on old files
    assert queries.contact_ids(order="last_contacted") == [1, 2]


def test_migrating_builds_the_search_index_from_existing_rows(old_copy: Path) -> None:
    open_database(old_copy)
    assert queries.contact_ids("healthcare") == [1]
    assert queries.contact_ids("cycling") == [1]
    assert queries.contact_ids("obrien") == []
    assert queries.contact_ids("O'Brien") == [2]
    assert queries.contact_ids("archer", archived=True) == [3]


def test_an_older_file_is_backed_up_before_it_is_migrated(old_copy: Path) -> None:
    before = old_copy.read_bytes()
    original = sqlite3.connect(old_copy)
    version = original.execute("PRAGMA user_version").fetchone()[0]
    original.close()
    open_database(old_copy)
    backups = list((old_copy.parent / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and backups[0].name.endswith("-before-migration.sqlite")
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == version < LATEST_VERSION
    assert copy.execute("SELECT count(*) FROM contact").fetchone()[0] == 3
    copy.close()
    assert len(before) > 0


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_database(path)
    db.execute_sql(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    close_database()
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before
    assert db.is_closed()


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_bytes(b"this is not a database at all" * 100),
        lambda p: (
            sqlite3.connect(p).execute("CREATE TABLE invoices (id INTEGER)").connection.commit()
        ),
    ],
    ids=["not-sqlite", "foreign-sqlite"],
)
def test_a_file_that_is_not_a_relate_database_is_refused_unchanged(tmp_path: Path, make) -> None:
    path = tmp_path / "other.sqlite"
    make(path)
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="not a Relate database"):
        open_database(path)
    assert path.read_bytes() == before


def test_reopening_an_up_to_date_file_changes_nothing(db_path: Path) -> None:
    contact_id = contacts.create_contact("Ann", "Smith")
    close_database()
    open_database(db_path)
    assert contacts.get_contact(contact_id).display_name == "Ann Smith"
    assert not (db_path.parent / "backups").exists()


def test_a_version_9_file_finds_people_by_e_mail_and_phone_once_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "relate-v9.sqlite", path)
    open_database(path)
    try:
        assert queries.contact_ids("hka.example") == [1]
        assert queries.contact_ids("330 555") == [2]
        assert queries.contact_ids("+13305550100") == [2]
        assert queries.contact_ids("SMPS") == [1]  # how we met, indexed by the same step
    finally:
        close_database()
