"""The contact-field registry: every label and list of fields comes from it."""

from __future__ import annotations

from pathlib import Path

from relate import fields, merge
from relate.cli.parser import build_parser
from relate.exporters.csv_export import CSV_COLUMNS
from relate.importers import plan
from relate.store.db import db

ROOT = Path(__file__).resolve().parents[2]


def _sources() -> list[Path]:
    return [
        path
        for folder in ("relate", "ui")
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "relate" / "fields.py"
    ]


def test_a_fields_label_is_written_only_in_the_registry() -> None:
    for text in ("How we met", "Connected on"):
        written = [str(p.relative_to(ROOT)) for p in _sources() if text in p.read_text("utf-8")]
        assert written == [], text


def test_every_label_and_name_is_unique() -> None:
    assert len({f.name for f in fields.FIELDS}) == len(fields.FIELDS)
    assert len({f.label for f in fields.FIELDS}) == len(fields.FIELDS)
    assert len({f.csv for f in fields.FIELDS if f.csv}) == len(CSV_COLUMNS)


def test_lists_of_fields_derive_from_the_registry() -> None:
    assert merge.MERGE_FIELDS == fields.names(merge=True)
    assert plan.FILLED_FIELDS == fields.names(imports=fields.Imports.FILLED)
    assert plan.TRACKED_FIELDS == ("company", "position")
    assert sorted(fields.CSV_ORDER) == sorted(f.name for f in fields.FIELDS if f.csv)
    assert "how_met" in merge.MERGE_FIELDS and "emails" not in merge.MERGE_FIELDS


def test_the_csv_columns_keep_their_order_and_a_new_field_comes_last() -> None:
    # What the first release wrote: a spreadsheet built on these columns keeps working.
    first_release = (
        "First Name", "Last Name", "Company", "Position", "Email", "Phone", "LinkedIn URL",
        "Location", "Stage", "Tags", "Connected On", "Birthday", "Last Contacted",
        "Next Due", "How Met", "Story",
    )  # fmt: skip
    assert CSV_COLUMNS[: len(first_release)] == first_release
    assert CSV_COLUMNS[len(first_release) :] == ("Pronouns",)


def test_the_search_index_has_a_column_for_each_searchable_field(db_path: Path) -> None:
    columns = [row[1] for row in db.execute_sql("PRAGMA table_info(contact_fts)")]
    assert tuple(columns) == fields.SEARCH_COLUMNS
    assert {"emails", "phones"} <= set(columns)


def test_each_text_option_of_the_command_line_comes_from_the_registry() -> None:
    parser = build_parser()
    for field in fields.TEXT_FIELDS:
        if field.option:
            added = parser.parse_args(["add", "Ann", field.option, "x"])
            edited = parser.parse_args(["edit", "Ann", field.option, "y"])
            assert (getattr(added, field.name), getattr(edited, field.name)) == ("x", "y")
