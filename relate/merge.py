"""Merging two contacts that are one person into one, and undoing the merge.

A merge keeps one contact and folds the other ("dropped") into it: fields, timeline,
follow-ups, introductions, tags, e-mails, phones, "met through" links and import
history. It stores both contacts as they were (a `snapshots` snapshot, as JSON) with
what it wrote, so `undo_merge` can put both back as they were while the kept contact
keeps what was added to it since.

Imports: an import that created one side of a merge no longer owns the merged contact
(undoing the import would delete the other person's data with it). What that side
brought is recorded as that import's changes to the merged contact instead, so undoing
the import still takes its fields (where unchanged since), e-mails, phones, tags and
timeline entries back out, as it does for a contact an import updated. Only when both
sides came from the same import does the merged contact stay that import's own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, cast

from peewee import Field, Model, fn

from relate.dates import moment_text
from relate.fields import MERGE_NAMES, Imports, names
from relate.importers.identity import phone_key
from relate.importers.plan import FILLED_FIELDS, TRACKED_FIELDS
from relate.records import MergeRecord, display_name
from relate.store import search, snapshots
from relate.store.db import column_dicts, column_tuples, execute, inserted_id, transaction
from relate.store.models import (
    Contact,
    ContactEmail,
    ContactMerge,
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
    changed_now,
    now,
)
from relate.validation import NotFoundError, ValidationError, name_key
from relate.vocabulary import STAGES

# The fields merge asks about when both contacts fill them differently.
MERGE_FIELDS: tuple[str, ...] = MERGE_NAMES
Side = Literal["keep", "drop"]

_EMPTY = (None, "")
# Columns the merge writes on the kept contact; undo restores those not changed since.
_WRITTEN = (*MERGE_FIELDS, "archived", "import_batch_id")
# Fields an import's changes to an existing contact can hold (see the module docstring).
_IMPORTED_FIELDS = (*TRACKED_FIELDS, *FILLED_FIELDS, *names(imports=Imports.PROFILE))
_SNAPSHOT_VERSION = 1

Row = dict[str, Any]


def _field(column: str) -> Field[Any]:
    """The Contact field stored in `column` ("met_through_id" is `met_through`)."""
    field: Field[Any] = Contact._meta.columns[column]
    return field


def _column(model: type[Model], name: str) -> Field[Any]:
    """`model`'s field `name` (`model.id`), for the tables below that hold models of
    several kinds."""
    field: Field[Any] = model._meta.fields[name]
    return field


# ---------------------------------------------------------------------------- fields


def _pair(keep_id: int, drop_id: int) -> tuple[Row, Row]:
    if keep_id == drop_id:
        raise ValidationError("A contact cannot be merged with itself.")
    rows = {
        row["id"]: row
        for row in column_dicts(Contact.select().where(Contact.id.in_([keep_id, drop_id])))
    }
    for contact_id in (keep_id, drop_id):
        if contact_id not in rows:
            raise NotFoundError(f"There is no contact with id {contact_id}.")
    return rows[keep_id], rows[drop_id]


def _values(row: Row, pair: set[int]) -> Row:
    values = {column: row[_field(column).name] for column in MERGE_FIELDS}
    # Met through the other one of the two would be met through themselves once merged.
    if values["met_through_id"] in pair:
        values["met_through_id"] = None
    return values


def conflicts(keep_id: int, drop_id: int) -> dict[str, tuple[Any, Any]]:
    """The fields both contacts fill differently, as (kept value, dropped value): what
    the user chooses between. A field empty on one side is no conflict."""
    keep, drop = _pair(keep_id, drop_id)
    pair = {keep_id, drop_id}
    kept, dropped = _values(keep, pair), _values(drop, pair)
    return {
        column: (kept[column], dropped[column])
        for column in MERGE_FIELDS
        if kept[column] not in _EMPTY
        and dropped[column] not in _EMPTY
        and kept[column] != dropped[column]
    }


def _both_stories(keep: str, drop: str) -> str:
    # The user must never lose text they wrote: both, unless one already holds the other.
    if drop in keep:
        return keep
    if keep in drop:
        return drop
    return f"{keep}\n\n{drop}"


def _further_stage(keep: str, drop: str) -> str:
    return max(keep, drop, key=lambda stage: STAGES.index(stage) if stage in STAGES else -1)


def _kept_value(keep: Any, _drop: Any) -> Any:
    return keep


# How a conflict is settled when the user did not choose: the kept contact's value
# unless a field has a better answer.
_DEFAULTS: dict[str, Callable[[Any, Any], Any]] = {
    "story": _both_stories,
    "stage": _further_stage,
    "connected_on": min,
}


def _merged(keep: Row, drop: Row, choices: Mapping[str, Side]) -> Row:
    merged = {}
    for column in MERGE_FIELDS:
        kept, dropped = keep[column], drop[column]
        if dropped in _EMPTY or kept == dropped:
            merged[column] = kept
        elif kept in _EMPTY:
            merged[column] = dropped
        elif column in choices:
            merged[column] = kept if choices[column] == "keep" else dropped
        else:
            merged[column] = _DEFAULTS.get(column, _kept_value)(kept, dropped)
    return merged


def _check_choices(choices: Mapping[str, str]) -> Mapping[str, Side]:
    for column, side in choices.items():
        if column not in MERGE_FIELDS:
            raise ValidationError(
                f"'{column}' is not a field to choose in a merge; the fields are: "
                f"{', '.join(MERGE_FIELDS)}."
            )
        if side not in ("keep", "drop"):
            raise ValidationError(f"Choose 'keep' or 'drop' for {column}, not '{side}'.")
    return cast(Mapping[str, Side], choices)


# ---------------------------------------------------------------------------- rows


def _rows_of(
    snapshot: snapshots.ContactsSnapshot, model: type[Model], contact_id: int, column: str
) -> list[Row]:
    return [row for row in snapshot.rows[model._meta.table_name] if row[column] == contact_id]


# Rows that two contacts can both hold, with what makes two of them the same: the merge
# gives the kept contact the dropped one's rows it lacks, and the undo takes them back.
_UNIONED: tuple[tuple[type[Model], Callable[[Row], object]], ...] = (
    (ContactEmail, lambda row: row["address"].casefold()),
    (ContactPhone, lambda row: phone_key(row["number"]) or row["number"].casefold()),
    (ContactTag, lambda row: row["tag"]),
    # The kept contact's own import memory wins: it describes the fields it keeps.
    (ImportValue, lambda row: (row["source"], row["field"])),
)

# Rows that belong to one contact and simply change hands, with a column that tells a
# row from a later one that took its id.
_MOVED: tuple[tuple[type[Model], tuple[str, ...], str], ...] = (
    (Interaction, ("contact",), "created_at"),
    (FollowUp, ("contact",), "created_at"),
    (Introduction, ("contact_a", "contact_b"), "created_at"),
    (ImportChange, ("contact",), "import_batch"),
    (Meeting, ("contact",), "created_at"),
    (StageChange, ("contact",), "changed_on"),
)


def _unioned(
    snapshot: snapshots.ContactsSnapshot,
    model: type[Model],
    key: Callable[[Row], object],
    keep_id: int,
    drop_id: int,
) -> list[Row]:
    """The dropped contact's rows of `model` that the kept one lacks, in their order."""
    seen = {key(row) for row in _rows_of(snapshot, model, keep_id, "contact")}
    added = []
    dropped = _rows_of(snapshot, model, drop_id, "contact")
    for row in sorted(dropped, key=lambda row: (row.get("rank", 0), row.get("id", 0))):
        if key(row) not in seen:
            seen.add(key(row))
            added.append(row)
    return added


def _between(row: Row, pair: set[int]) -> bool:
    return {row["contact_a"], row["contact_b"]} == pair


def _move_rows(snapshot: snapshots.ContactsSnapshot, keep_id: int, drop_id: int) -> None:
    pair = {keep_id, drop_id}
    for model, key in _UNIONED:
        added = _unioned(snapshot, model, key, keep_id, drop_id)
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
            base = len(_rows_of(snapshot, model, keep_id, "contact"))
            for rank, row in enumerate(added, start=base):
                model.update(contact=keep_id, rank=rank).where(
                    _column(model, "id") == row["id"]
                ).execute()
    # An introduction of the two to each other means nothing once they are one.
    between = [row["id"] for row in snapshot.rows["introduction"] if _between(row, pair)]
    Introduction.delete().where(Introduction.id.in_(between)).execute()
    for model, columns, _ in _MOVED:
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
    for row in _rows_of(snapshot, ImportValue, contact_id, "contact"):
        if row["source"] == source and row["field"] == field:
            value: str | None = row["value"]
            return value
    return None


def _hand_over_imports(
    snapshot: snapshots.ContactsSnapshot, keep: Row, drop: Row, merged: Row
) -> list[int]:
    """Record what a side created by an import brought to the merged contact as that
    import's changes to it (see the module docstring); returns the new change ids."""
    change_ids = []
    for side, other in ((keep, drop), (drop, keep)):
        batch_id = side["import_batch"]
        if batch_id is None or batch_id == other["import_batch"]:
            continue
        source = ImportBatch.get_by_id(batch_id).source
        changes: list[Row] = []
        for field in _IMPORTED_FIELDS:
            brought = merged[field] not in _EMPTY and merged[field] == side[field] != other[field]
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
            model: _unioned(snapshot, model, key, other["id"], side["id"])
            for model, key in _UNIONED
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


# ---------------------------------------------------------------------------- merging


def _raw(contact_id: int) -> Row:
    cursor = execute(f"SELECT {', '.join(_WRITTEN)} FROM contact WHERE id = ?", (contact_id,))
    return dict(zip(_WRITTEN, cursor.fetchone(), strict=True))


def merge_contacts(keep_id: int, drop_id: int, choices: Mapping[str, Side] | None = None) -> int:
    """Fold contact `drop_id` into `keep_id` and delete it; returns the merge's id.

    Where both fill a field differently `choices` says which side wins ("keep" by
    default; with no choice both stories are kept, the further stage and the earlier
    connection date win); a field empty on one side takes the other's value. Timeline,
    follow-ups, introductions (but one between the two), tags, e-mails, phones, import
    history and contacts met through the dropped one all move to the kept one.
    """
    chosen = _check_choices(choices or {})
    with transaction():
        keep, drop = _pair(keep_id, drop_id)
        before = snapshots.take([keep_id, drop_id])
        pair = {keep_id, drop_id}
        merged = _merged(_values(keep, pair), _values(drop, pair), chosen)
        # A LinkedIn profile belongs to one contact: free it before the kept one takes it.
        Contact.update(linkedin_url=None).where(Contact.id == drop_id).execute()
        Contact.update(
            {_field(column): value for column, value in merged.items()}
            | {
                Contact.name_key: name_key(merged["first_name"], merged["last_name"]),
                Contact.archived: bool(keep["archived"] and drop["archived"]),
                Contact.import_batch: (
                    keep["import_batch"] if keep["import_batch"] == drop["import_batch"] else None
                ),
                Contact.updated_at: changed_now(),
            }
        ).where(Contact.id == keep_id).execute()
        # The record bears the change's own moment: undoing an import tells a merge of
        # its contacts from the user's later edits by it.
        stamp = Contact.get_by_id(keep_id).updated_at
        _move_rows(before, keep_id, drop_id)
        saved = {
            "version": _SNAPSHOT_VERSION,
            "dropped_name": display_name(drop["first_name"], drop["last_name"]),
            "contacts": before.to_json(),
            "written": _raw(keep_id),
            "import_changes": _hand_over_imports(before, keep, drop, merged),
        }
        # Recorded before the dropped contact goes: its own merges go with it (and come
        # back on undo), and none of their ids is free for this record to take.
        merge_id = inserted_id(
            ContactMerge.insert(
                kept=keep_id, dropped_id=drop_id, merged_at=stamp, snapshot=json.dumps(saved)
            )
        )
        Contact.delete().where(Contact.id == drop_id).execute()
        search.reindex([keep_id, drop_id])
    return merge_id


# ---------------------------------------------------------------------------- undoing


def _with_free_ids(model: type[Model], rows: Sequence[Row]) -> list[Row]:
    """The rows, with a fresh id for any whose id a later row has taken: SQLite hands
    the highest free id to the next row, so a deleted row's id can come back."""
    if not rows or "id" not in rows[0]:
        return list(rows)
    wanted = [row["id"] for row in rows]
    id_field = _column(model, "id")
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
    for model, key in _UNIONED:
        added = {key(row): row for row in _unioned(before, model, key, keep_id, drop_id)}
        for row in column_dicts(model.select().where(_column(model, "contact") == keep_id)):
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
    current = _raw(keep_id)
    restored = {
        column: before[_field(column).name]
        for column in _WRITTEN
        if current[column] == written[column]
    }
    untouched = len(restored) == len(_WRITTEN)
    met_through = restored.get("met_through_id")
    via_dropped = met_through == drop_id
    if via_dropped or (met_through is not None and not _exists(met_through)):
        restored["met_through_id"] = None  # for now / that person was deleted since
    if "linkedin_url" in restored:
        _check_url_free(restored["linkedin_url"], keep_id, merge_id)
    names = {**current, **restored}
    Contact.update(
        {_field(column): value for column, value in restored.items()}
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
    for model, _ in _UNIONED:
        dropped = _rows_of(before, model, drop_id, "contact")
        rows[model._meta.table_name] = back(model, dropped, "contact")
    tags = {row[0] for row in column_tuples(Tag.select(Tag.id))}
    rows["contact_tag"] = tuple(row for row in rows["contact_tag"] if row["tag"] in tags)
    between = [row for row in before.rows["introduction"] if _between(row, pair)]
    rows["introduction"] = back(Introduction, between, "contact_a", "contact_b")
    merges_kept = _rows_of(before, ContactMerge, drop_id, "kept")
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
    for model, columns, identity in _MOVED:
        for row in before.rows[model._meta.table_name]:
            if model is Introduction and _between(row, pair):
                continue
            for column in columns:
                if row[column] == drop_id:
                    field = getattr(model, column)
                    model.update({field: target}).where(
                        _column(model, "id") == row["id"],
                        field == keep_id,
                        getattr(model, identity) == row[identity],
                    ).execute()


def merges() -> list[MergeRecord]:
    """Every merge, newest first, undone ones included."""
    query = ContactMerge.select().order_by(ContactMerge.merged_at.desc(), ContactMerge.id.desc())
    return [
        MergeRecord(
            id=row.id,
            kept_id=row.kept_id,
            dropped_id=row.dropped_id,
            dropped_name=json.loads(row.snapshot)["dropped_name"],
            merged_at=row.merged_at,
            undone_at=row.undone_at,
        )
        for row in query
    ]
