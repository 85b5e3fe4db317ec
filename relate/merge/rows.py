"""What a merge does besides fields: the dropped contact's rows move to the kept one (or
are added to it where it lacks them), and what an import brought with a side becomes
that import's changes to the merged contact (see `relate.merge`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from peewee import Field, Model

from relate.fields import Imports, names
from relate.importers.identity import phone_key
from relate.importers.plan import FILLED_FIELDS, TRACKED_FIELDS
from relate.merge.choices import EMPTY, Row
from relate.store import snapshots
from relate.store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    FollowUp,
    ImportBatch,
    ImportChange,
    ImportValue,
    Interaction,
    Introduction,
    Meeting,
    StageChange,
    Tag,
)

# Fields an import's changes to an existing contact can hold (see `relate.merge`).
_IMPORTED_FIELDS = (*TRACKED_FIELDS, *FILLED_FIELDS, *names(imports=Imports.PROFILE))


def model_field(model: type[Model], name: str) -> Field[Any]:
    """`model`'s field `name` (`model.id`), for the tables below that hold models of
    several kinds."""
    field: Field[Any] = model._meta.fields[name]
    return field


def rows_of(
    snapshot: snapshots.ContactsSnapshot, model: type[Model], contact_id: int, column: str
) -> list[Row]:
    """The rows of `model` in `snapshot` whose `column` is `contact_id`."""
    return [row for row in snapshot.rows[model._meta.table_name] if row[column] == contact_id]


# Rows that two contacts can both hold, with what makes two of them the same: the merge
# gives the kept contact the dropped one's rows it lacks, and the undo takes them back.
UNIONED: tuple[tuple[type[Model], Callable[[Row], object]], ...] = (
    (ContactEmail, lambda row: row["address"].casefold()),
    (ContactPhone, lambda row: phone_key(row["number"]) or row["number"].casefold()),
    (ContactTag, lambda row: row["tag"]),
    # The kept contact's own import memory wins: it describes the fields it keeps.
    (ImportValue, lambda row: (row["source"], row["field"])),
)

# Rows that belong to one contact and simply change hands, with a column that tells a
# row from a later one that took its id.
MOVED: tuple[tuple[type[Model], tuple[str, ...], str], ...] = (
    (Interaction, ("contact",), "created_at"),
    (FollowUp, ("contact",), "created_at"),
    (Introduction, ("contact_a", "contact_b"), "created_at"),
    (ImportChange, ("contact",), "import_batch"),
    (Meeting, ("contact",), "created_at"),
    (StageChange, ("contact",), "changed_on"),
)


def unioned(
    snapshot: snapshots.ContactsSnapshot,
    model: type[Model],
    key: Callable[[Row], object],
    keep_id: int,
    drop_id: int,
) -> list[Row]:
    """The dropped contact's rows of `model` that the kept one lacks, in their order."""
    seen = {key(row) for row in rows_of(snapshot, model, keep_id, "contact")}
    added = []
    dropped = rows_of(snapshot, model, drop_id, "contact")
    for row in sorted(dropped, key=lambda row: (row.get("rank", 0), row.get("id", 0))):
        if key(row) not in seen:
            seen.add(key(row))
            added.append(row)
    return added


def between_the_two(row: Row, pair: set[int]) -> bool:
    """Whether an introduction row is of the two contacts to each other."""
    return {row["contact_a"], row["contact_b"]} == pair


def move_rows(snapshot: snapshots.ContactsSnapshot, keep_id: int, drop_id: int) -> None:
    """Give the kept contact the dropped one's rows (`snapshot` is both before it)."""
    pair = {keep_id, drop_id}
    for model, key in UNIONED:
        added = unioned(snapshot, model, key, keep_id, drop_id)
        if model is ContactTag:
            rows = [{"contact": keep_id, "tag": row["tag"]} for row in added]
            if rows:
                ContactTag.insert_many(rows).on_conflict_ignore().execute()
        elif model is ImportValue:
            for row in added:
                ImportValue.update(contact=keep_id).where(
                    ImportValue.contact == drop_id,
                    ImportValue.source == row["source"],
                    ImportValue.field == row["field"],
                ).execute()
        else:
            base = len(rows_of(snapshot, model, keep_id, "contact"))
            for rank, row in enumerate(added, start=base):
                model.update(contact=keep_id, rank=rank).where(
                    model_field(model, "id") == row["id"]
                ).execute()
    # An introduction of the two to each other means nothing once they are one.
    between = [row["id"] for row in snapshot.rows["introduction"] if between_the_two(row, pair)]
    Introduction.delete().where(Introduction.id.in_(between)).execute()
    for model, columns, _ in MOVED:
        for column in columns:
            field = getattr(model, column)
            model.update({field: keep_id}).where(field == drop_id).execute()
    Contact.update(met_through=keep_id).where(
        Contact.met_through == drop_id, Contact.id != keep_id
    ).execute()


# ---------------------------------------------------------------------------- imports


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _imported(
    snapshot: snapshots.ContactsSnapshot, contact_id: int, source: str, field: str
) -> str | None:
    for row in rows_of(snapshot, ImportValue, contact_id, "contact"):
        if row["source"] == source and row["field"] == field:
            value: str | None = row["value"]
            return value
    return None


def hand_over_imports(
    snapshot: snapshots.ContactsSnapshot, keep: Row, drop: Row, merged: Row
) -> list[int]:
    """Record what a side created by an import brought to the merged contact as that
    import's changes to it (see `relate.merge`); returns the new change ids."""
    change_ids = []
    for side, other in ((keep, drop), (drop, keep)):
        batch_id = side["import_batch"]
        if batch_id is None or batch_id == other["import_batch"]:
            continue
        source = ImportBatch.get_by_id(batch_id).source
        changes: list[Row] = []
        for field in _IMPORTED_FIELDS:
            brought = merged[field] not in EMPTY and merged[field] == side[field] != other[field]
            tracked = field in TRACKED_FIELDS
            if brought or (tracked and _imported(snapshot, side["id"], source, field)):
                changes.append(
                    {
                        "field": field,
                        "old_value": _as_text(other[field]) if brought else None,
                        "new_value": _as_text(merged[field]) if brought else None,
                        # Undoing the import leaves the other side's import memory.
                        "old_imported": (
                            _imported(snapshot, other["id"], source, field) if tracked else None
                        ),
                    }
                )
        side_only = {
            model: unioned(snapshot, model, key, other["id"], side["id"])
            for model, key in UNIONED
            if model is not ImportValue  # handed over with the fields above
        }
        changes += [
            {"field": "email", "new_value": row["address"]} for row in side_only[ContactEmail]
        ]
        changes += [
            {"field": "phone", "new_value": row["number"]} for row in side_only[ContactPhone]
        ]
        tag_ids = [row["tag"] for row in side_only[ContactTag]]
        changes += [
            {"field": "tag", "new_value": tag.name}
            for tag in Tag.select().where(Tag.id.in_(tag_ids)).order_by(Tag.key)
        ]
        change_ids += [
            ImportChange.insert(import_batch=batch_id, contact=keep["id"], **change).execute()
            for change in changes
        ]
    return change_ids
