"""The whole database as one JSON document: an open format the user can take elsewhere.

The file is UTF-8 JSON (names with accents are written as they are, not escaped),
one object with these members:

- ``format``: always ``"relate-export"``; ``version``: this layout's number (1), raised
  only when a member changes meaning or goes away (new members may appear in any
  version); ``schema_version``: the Relate database schema it came from;
  ``exported_at``: when, ISO 8601 local time with its UTC offset.
- ``me``: the user's own profile: ``interests``, the names of the tags marked as theirs.
- ``tags``: every tag: ``id``, ``name``, ``category`` (interest, hobby, place, expertise,
  industry, group or other), ``avoid`` (a topic to stay off) and ``mine`` (true/false).
- ``contacts``: every contact, archived ones too (``archived``: true), by ``id``, with
  each field of `relate.fields.FIELDS` by its name, in that order: ``first_name``,
  ``last_name``, ``company``, ``position``, ``emails`` (primary first), ``phones``
  (``number`` and ``label``), ``linkedin_url``, ``location``, ``how_met``,
  ``met_through_id`` (the contact who introduced them), ``connected_on``, ``birthday``,
  ``stage`` (connection, conversation, 1-2-1, relationship or advocate), ``story``,
  ``cadence_days`` (how often to be in touch, or null), ``tags`` (names); then
  ``archived``, ``created_at``, ``updated_at``.
- ``interactions``: the timeline: ``id``, ``contact_id``, ``kind`` (met, conversation,
  1-2-1, call, email, message, note, gave, received, position-change), ``sub_kind``
  (what was given or received), ``date``, ``time`` (or null), ``summary``, ``notes``.
- ``follow_ups``: promises to get back to someone: ``id``, ``contact_id``, ``due``,
  ``due_time`` (or null), ``text``, ``done_at`` (null while open).
- ``introductions``: people the user introduced to each other: ``id``,
  ``contact_a_id``, ``contact_b_id``, ``date``, ``note``, ``outcome``.
- ``imports``: each import of a file: ``id``, ``source`` (e.g. linkedin), ``file_name``,
  ``imported_at``, how many contacts it ``created``, ``updated`` and ``skipped``, and
  ``undone_at`` (null unless it was undone).

Ids link the sections (``contact_id`` is a contact's ``id``). Dates are YYYY-MM-DD,
times HH:MM:SS, timestamps YYYY-MM-DDTHH:MM:SS in local time; a missing value is null.
Values Relate computes from the rest (last contacted, next due, sort keys) are left
out, as is what only undo needs (what an import changed, merged contacts' snapshots).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from relate.exporters.contact_rows import ContactRow, contact_rows, iso_date, iso_datetime
from relate.fields import FIELDS, Field, Kind
from relate.files import private_file
from relate.store.db import db, execute
from relate.store.migrations import LATEST_VERSION

FORMAT = "relate-export"
FORMAT_VERSION = 1

# The sections that are lists, in the order they appear in the file.
SECTIONS = ("tags", "contacts", "interactions", "follow_ups", "introductions", "imports")


# The registry's fields in the file, in its order (phones as objects, lists as lists).
_JSON_FIELDS = tuple(field for field in FIELDS if field.json)


def _value(field: Field, value: Any) -> Any:
    if field.kind is Kind.PHONES:
        return [{"number": p.number, "label": p.label} for p in value]
    return list(value) if isinstance(value, tuple) else value


def _contact(row: ContactRow) -> dict[str, Any]:
    return {
        "id": row.id,
        **{field.name: _value(field, getattr(row, field.name)) for field in _JSON_FIELDS},
        "archived": row.archived,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _rows(sql: str) -> list[tuple[Any, ...]]:
    return execute(sql).fetchall()


def _sections() -> dict[str, Any]:
    tags = [
        {"id": i, "name": name, "category": category, "avoid": bool(avoid), "mine": bool(mine)}
        for i, name, category, avoid, mine in _rows(
            "SELECT id, name, category, avoid, mine FROM tag ORDER BY id"
        )
    ]
    interests = [name for (name,) in _rows("SELECT name FROM tag WHERE mine ORDER BY key")]
    ids = [contact_id for (contact_id,) in _rows("SELECT id FROM contact ORDER BY id")]
    interactions = [
        {
            "id": i,
            "contact_id": contact_id,
            "kind": kind,
            "sub_kind": sub_kind,
            "date": iso_date(date),
            "time": time,
            "summary": summary,
            "notes": notes,
        }
        for i, contact_id, kind, sub_kind, date, time, summary, notes in _rows(
            "SELECT id, contact_id, kind, sub_kind, date, time, summary, notes"
            " FROM interaction ORDER BY id"
        )
    ]
    follow_ups = [
        {
            "id": i,
            "contact_id": contact_id,
            "due": iso_date(due),
            "due_time": due_time,
            "text": text,
            "done_at": iso_datetime(done_at),
        }
        for i, contact_id, due, due_time, text, done_at in _rows(
            "SELECT id, contact_id, due, due_time, text, done_at FROM follow_up ORDER BY id"
        )
    ]
    introductions = [
        {
            "id": i,
            "contact_a_id": a,
            "contact_b_id": b,
            "date": iso_date(date),
            "note": note,
            "outcome": outcome,
        }
        for i, a, b, date, note, outcome in _rows(
            "SELECT id, contact_a_id, contact_b_id, date, note, outcome"
            " FROM introduction ORDER BY id"
        )
    ]
    imports = [
        {
            "id": i,
            "source": source,
            "file_name": file_name,
            "imported_at": iso_datetime(imported_at),
            "created": created,
            "updated": updated,
            "skipped": skipped,
            "undone_at": iso_datetime(undone_at),
        }
        for i, source, file_name, imported_at, created, updated, skipped, undone_at in _rows(
            "SELECT id, source, file_name, imported_at, created_count, updated_count,"
            " skipped_count, undone_at FROM import_batch ORDER BY id"
        )
    ]
    return {
        "me": {"interests": interests},
        "tags": tags,
        "contacts": [_contact(row) for row in contact_rows(ids)],
        "interactions": interactions,
        "follow_ups": follow_ups,
        "introductions": introductions,
        "imports": imports,
    }


def export_json(path: Path) -> dict[str, int]:
    """Write the whole database to `path` as JSON (the format is described above);
    returns how many entries each list section holds, e.g. {"contacts": 120, ...}.

    The file appears whole or not at all, readable by the user only.
    """
    # One snapshot, so no interaction names a contact that another thread deleted
    # between two reads.
    with db.atomic():
        sections = _sections()
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema_version": LATEST_VERSION,
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        **sections,
    }
    with private_file(Path(path), "w", encoding="utf-8") as stream:
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    return {name: len(sections[name]) for name in SECTIONS}
