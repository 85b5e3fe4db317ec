"""Undoing a merge: both contacts back as they were before it, while the kept one keeps
what was added to it since and later edits of its fields win."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from peewee import Field, Model, fn

from relate.dates import moment_text
from relate.merge.choices import WRITTEN, Row, contact_field, written_values
from relate.merge.rows import MOVED, UNIONED, between_the_two, model_field, rows_of, unioned
from relate.records import display_name
from relate.store import search, snapshots
from relate.store.db import column_dicts, column_tuples, transaction
from relate.store.models import (
    Contact,
    ContactMerge,
    ImportChange,
    ImportValue,
    Introduction,
    Tag,
    now,
)
from relate.validation import NotFoundError, ValidationError, name_key


def _with_free_ids(model: type[Model], rows: Sequence[Row]) -> list[Row]:
    """The rows, with a fresh id for any whose id a later row has taken: SQLite hands
    the highest free id to the next row, so a deleted row's id can come back."""
    if not rows or "id" not in rows[0]:
        return list(rows)
    wanted = [row["id"] for row in rows]
    id_field = model_field(model, "id")
    taken = {row[0] for row in column_tuples(model.select(id_field).where(id_field.in_(wanted)))}
    next_id = (model.select(fn.MAX(id_field)).scalar() or 0) + 1
    result = []
    for row in rows:
        if row["id"] in taken:
            row, next_id = {**row, "id": next_id}, next_id + 1
        result.append(row)
    return result


def _exists(contact_id: int | None) -> bool:
    return contact_id is not None and Contact.select().where(Contact.id == contact_id).exists()


def _check_url_free(url: str | None, owner_may_be: int | None, merge_id: int) -> None:
    if url is None:
        return
    owner = Contact.get_or_none(Contact.linkedin_url == url)
    if owner is not None and owner.id != owner_may_be:
        raise ValidationError(
            f"Merge {merge_id} cannot be undone: the LinkedIn profile {url} now belongs to "
            f"{display_name(owner.first_name, owner.last_name)}. Remove it there first."
        )


def _take_back(before: snapshots.ContactsSnapshot, keep_id: int, drop_id: int) -> None:
    """Remove from the kept contact what the merge gave it of the dropped one's rows."""
    for model, key in UNIONED:
        added = {key(row): row for row in unioned(before, model, key, keep_id, drop_id)}
        for row in column_dicts(model.select().where(model_field(model, "contact") == keep_id)):
            given = added.get(key(row))
            if given is None:
                continue
            if model is ImportValue and row["value"] != given["value"]:
                continue  # a later import has said something new of the kept contact
            keys: Callable[[], Sequence[Field[Any]]] = model._meta.get_primary_keys  # untyped
            model.delete().where(*[field == row[field.name] for field in keys()]).execute()


def _restore_kept(before: Row, written: Row, keep_id: int, drop_id: int, merge_id: int) -> bool:
    """Put back the kept contact's fields the merge wrote, where unchanged since; True
    if it was met through the dropped one (a link to make once that one is back)."""
    current = written_values(keep_id)
    restored = {
        column: before[contact_field(column).name]
        for column in WRITTEN
        if current[column] == written[column]
    }
    untouched = len(restored) == len(WRITTEN)
    met_through = restored.get("met_through_id")
    via_dropped = met_through == drop_id
    if via_dropped or (met_through is not None and not _exists(met_through)):
        restored["met_through_id"] = None  # for now / that person was deleted since
    if "linkedin_url" in restored:
        _check_url_free(restored["linkedin_url"], keep_id, merge_id)
    names = {**current, **restored}
    Contact.update(
        {contact_field(column): value for column, value in restored.items()}
        | {
            Contact.name_key: name_key(names["first_name"], names["last_name"]),
            Contact.updated_at: before["updated_at"] if untouched else now(),
        }
    ).where(Contact.id == keep_id).execute()
    return via_dropped


def undo_merge(merge_id: int) -> int:
    """Separate a merge's two contacts again, each as it was before the merge; what was
    added to the kept contact since stays with it, and later edits of its fields win.
    Returns the dropped contact's id: its old one, or a new one if another contact has
    taken that id since."""
    with transaction():
        record = ContactMerge.get_or_none(ContactMerge.id == merge_id)
        if record is None:
            raise NotFoundError(f"There is no merge with id {merge_id}.")
        if record.undone_at is not None:
            raise ValidationError(
                f"Merge {merge_id} was already undone ({moment_text(record.undone_at)})."
            )
        saved = json.loads(record.snapshot)
        before = snapshots.ContactsSnapshot.from_json(saved["contacts"])
        keep_id, drop_id = record.kept_id, record.dropped_id
        keep, drop = (
            next(row for row in before.rows["contact"] if row["id"] == contact_id)
            for contact_id in (keep_id, drop_id)
        )
        [drop] = _with_free_ids(Contact, [drop])
        target: int = drop["id"]
        if not _exists(drop["met_through"]):
            drop = {**drop, "met_through": None}  # that person was deleted since (or none)

        ImportChange.delete().where(ImportChange.id.in_(saved["import_changes"])).execute()
        _take_back(before, keep_id, drop_id)
        via_dropped = _restore_kept(keep, saved["written"], keep_id, drop_id, merge_id)
        _check_url_free(drop["linkedin_url"], None, merge_id)
        _restore_dropped(before, drop, keep_id, drop_id, via_dropped)
        ContactMerge.update(undone_at=now()).where(ContactMerge.id == merge_id).execute()
        search.reindex([keep_id, target])
    return target


def _restore_dropped(
    before: snapshots.ContactsSnapshot, drop: Row, keep_id: int, drop_id: int, via_dropped: bool
) -> None:
    """Bring the dropped contact back (as `drop`, maybe under a new id) with its rows;
    `via_dropped`: the kept contact was met through it."""
    target = drop["id"]
    pair = {keep_id, drop_id}

    def back(model: type[Model], rows: list[Row], *columns: str) -> tuple[Row, ...]:
        rows = [{**row, **{c: target for c in columns if row[c] == drop_id}} for row in rows]
        return tuple(_with_free_ids(model, rows))

    rows: dict[str, tuple[Row, ...]] = {table: () for table in before.rows} | {"contact": (drop,)}
    for model, _ in UNIONED:
        dropped = rows_of(before, model, drop_id, "contact")
        rows[model._meta.table_name] = back(model, dropped, "contact")
    tags = {row[0] for row in column_tuples(Tag.select(Tag.id))}
    rows["contact_tag"] = tuple(row for row in rows["contact_tag"] if row["tag"] in tags)
    between = [row for row in before.rows["introduction"] if between_the_two(row, pair)]
    rows["introduction"] = back(Introduction, between, "contact_a", "contact_b")
    merges_kept = rows_of(before, ContactMerge, drop_id, "kept")
    rows["contact_merge"] = back(ContactMerge, merges_kept, "kept")
    # Contacts met through the dropped one, unless pointed elsewhere since.
    links = tuple(
        (who, target)
        for who, whom in before.met_through
        if whom == drop_id
        and Contact.select().where(Contact.id == who, Contact.met_through == keep_id).exists()
    ) + (((keep_id, target),) if via_dropped else ())
    snapshots.restore(snapshots.ContactsSnapshot(rows, links))
    # Rows that changed hands go back, unless deleted since (a later row may hold the id).
    for model, columns, identity in MOVED:
        for row in before.rows[model._meta.table_name]:
            if model is Introduction and between_the_two(row, pair):
                continue
            for column in columns:
                if row[column] == drop_id:
                    field = getattr(model, column)
                    model.update({field: target}).where(
                        model_field(model, "id") == row["id"],
                        field == keep_id,
                        getattr(model, identity) == row[identity],
                    ).execute()
