"""Tags that look the same are one tag: composed and decomposed accents, compatibility
forms, zero-width characters; and a file that already holds such twins has them merged
when it is opened (schema step 8)."""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from relate import contacts, queries, tags
from relate.importers.address_book_columns import GOOGLE
from relate.importers.address_book_csv import incoming_rows, parse_table
from relate.store.db import close_database, db, open_database
from relate.store.migrations import STEPS
from relate.validation import tag_key

FIXTURES = Path(__file__).parent / "fixtures"
COMPOSED = unicodedata.normalize("NFC", "café")
DECOMPOSED = unicodedata.normalize("NFD", "café")
assert COMPOSED != DECOMPOSED


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (COMPOSED, DECOMPOSED),
        ("ab", "a\u200bb"),
        ("ab", "a\u200cb\u200d"),
        ("ab", "\ufeffa\u2060b"),
        ("ﬁnance", "Finance"),  # the ligature
        ("ＢＩＭ", "bim"),  # full-width letters
        ("Mass  Timber", "mass timber"),
    ],
)
def test_names_that_look_the_same_are_one_tag(db_path: Path, one: str, other: str) -> None:
    assert tag_key(one) == tag_key(other)
    ann = contacts.create_contact("Ann", tag_names=[one])
    bob = contacts.create_contact("Bob", tag_names=[other])
    assert [(tag.name, tag.contact_count) for tag in tags.all_tags()] == [
        (" ".join(one.split()), 2)
    ]
    assert queries.contact_ids(tags=[other]) == [ann, bob]
    assert tags.untag_contacts([ann], other) == 1


def test_names_that_differ_stay_apart() -> None:
    assert len({tag_key(name) for name in ("cafe", COMPOSED, "caf", "ab", "a b")}) == 5


def test_an_imported_row_with_both_spellings_gets_one_tag() -> None:
    table = parse_table(
        f"First Name,Labels\nAna,{COMPOSED} ::: {DECOMPOSED} ::: a\u200bb ::: ab\n".encode(),
        "contacts.csv",
    )
    [row], _ = incoming_rows(table, GOOGLE)
    assert row.tags == (COMPOSED, "a\u200bb")


# ---------------------------------------------------------------------------- migration


def _old_key(name: str) -> str:
    """The key version 7 stored: case and spacing folded, nothing else."""
    return " ".join(name.split()).casefold()


def _version_7_file_with_twins(tmp_path: Path) -> Path:
    """The version 7 file, with tags that look the same as version 7 let them be:
    'café' composed on three contacts (one of them also has it decomposed), decomposed
    on one more; 'ab' with and without a zero-width space; and one tag alone."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "relate-v7.sqlite", path)
    connection = sqlite3.connect(path)
    with connection:
        stamp = "2025-01-05 10:00:00"
        for contact_id, first in ((10, "Ana"), (11, "Bo"), (12, "Cy"), (13, "Di"), (14, "Ed")):
            connection.execute(
                "INSERT INTO contact (id, first_name, last_name, name_key, created_at,"
                " updated_at) VALUES (?, ?, 'Twin', ?, ?, ?)",
                (contact_id, first, f"twin\x1f{first.lower()}", stamp, stamp),
            )
        # (id, name, category, avoid, mine, rhythm)
        for row in (
            (20, DECOMPOSED, "need", 0, 0, None),
            (21, COMPOSED, "interest", 0, 1, None),
            (22, "a\u200bb", "interest", 1, 0, 30),
            (23, "ab", "hobby", 0, 0, None),
            (24, "solo", "interest", 0, 0, None),
        ):
            connection.execute(
                "INSERT INTO tag (id, name, key, category, avoid, mine, cadence_days)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (row[0], row[1], _old_key(row[1]), *row[2:]),
            )
        links = [(10, 21), (11, 21), (12, 21), (12, 20), (13, 20), (13, 22), (14, 23), (14, 24)]
        connection.executemany("INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)", links)
        # The search rows version 7 kept for them.
        connection.execute("DELETE FROM contact_fts WHERE rowid >= 10")
        connection.execute(
            "INSERT INTO contact_fts (rowid, name, company, position, location, tags, story)"
            " SELECT c.id, c.first_name || ' ' || c.last_name, c.company, c.position,"
            " c.location, coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct"
            " JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''), c.story"
            " FROM contact c WHERE c.id >= 10"
        )
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 7
    connection.close()
    return path


@pytest.fixture
def migrated(tmp_path: Path):
    open_database(_version_7_file_with_twins(tmp_path))
    yield
    close_database()


def test_twins_in_an_old_file_become_the_tag_most_contacts_have(migrated: None) -> None:
    found = {tag.name: tag for tag in tags.all_tags()}
    assert set(found) == {"Cycling", "politics", COMPOSED, "ab", "solo"}
    cafe = found[COMPOSED]
    assert cafe.contact_count == 4  # Ana, Bo, Cy (once, not twice) and Di
    assert (cafe.mine, cafe.avoid, cafe.category) == (True, False, "need")
    ab = found["ab"]  # one contact each: the one written without a hidden character
    assert ab.contact_count == 2
    assert (ab.avoid, ab.category) == (True, "hobby")
    assert [tag.name for tag in tags.contact_tags(12)] == [COMPOSED]
    assert [tag.name for tag in tags.contact_tags(13)] == ["ab", COMPOSED]


def test_every_tag_key_follows_the_new_rule(migrated: None) -> None:
    rows = db.execute_sql("SELECT name, key FROM tag").fetchall()
    assert all(key == tag_key(name) for name, key in rows)
    # Either spelling finds everyone who had either.
    assert queries.contact_ids(tags=[DECOMPOSED]) == queries.contact_ids(tags=[COMPOSED])
    assert queries.contact_ids(tags=["a\u200bb"]) == [13, 14]


def test_the_sort_keys_and_search_rows_follow_the_merge(migrated: None) -> None:
    keys = dict(db.execute_sql("SELECT id, tag_key FROM contact WHERE id >= 10").fetchall())
    cafe = tag_key(COMPOSED)
    assert keys == {10: cafe, 11: cafe, 12: cafe, 13: "ab", 14: "ab"}
    indexed = dict(db.execute_sql("SELECT rowid, tags FROM contact_fts WHERE rowid >= 10"))
    assert indexed[12] == COMPOSED  # not "café café"
    assert sorted(indexed[13].split()) == sorted(["ab", COMPOSED])
    # Every contact's search row names the tags the tables give it.
    tables = dict(
        db.execute_sql(
            "SELECT c.id, coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct"
            " JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), '') FROM contact c"
        )
    )
    rows = dict(db.execute_sql("SELECT rowid, tags FROM contact_fts"))
    assert {k: sorted(v.split()) for k, v in rows.items()} == {
        k: sorted(v.split()) for k, v in tables.items()
    }
    assert queries.contact_ids("café") == [10, 11, 12, 13]


def test_the_merged_tags_rhythm_reaches_its_new_contacts(migrated: None) -> None:
    # 'a\u200bb' had a 30-day rhythm; 'ab' had none: Ed now follows it too.
    assert contacts.get_contact(14).rhythm_days == 30
    assert contacts.get_contact(13).rhythm_days == 30


def test_the_step_is_frozen_with_the_rule_it_was_written_with() -> None:
    from relate.store.migrations.steps_6_on import _tag_key_v8

    for name in (COMPOSED, DECOMPOSED, "a\u200bb", "ﬁnance", "ＢＩＭ", "  Mass  Timber ", "Straße"):
        assert _tag_key_v8(name) == tag_key(name)
    assert 8 in STEPS
