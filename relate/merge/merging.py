"""Writing a merge: the kept contact takes the chosen fields and the dropped one's rows,
the dropped one is deleted, and both as they were are recorded for `undo_merge`."""

from __future__ import annotations

import json
from collections.abc import Mapping

from relate.merge.choices import (
    Side,
    both_rows,
    check_choices,
    combined,
    contact_field,
    merge_values,
    written_values,
)
from relate.merge.rows import hand_over_imports, move_rows
from relate.records import MergeRecord, display_name
from relate.store import search, snapshots
from relate.store.db import inserted_id, transaction
from relate.store.models import Contact, ContactMerge, changed_now
from relate.validation import name_key

# The version of a merge record's snapshot.
_SNAPSHOT_VERSION = 1


def merge_contacts(keep_id: int, drop_id: int, choices: Mapping[str, Side] | None = None) -> int:
    """Fold contact `drop_id` into `keep_id` and delete it; returns the merge's id.

    Where both fill a field differently `choices` says which side wins ("keep" by
    default; with no choice both stories are kept, the further stage and the earlier
    connection date win); a field empty on one side takes the other's value. Timeline,
    follow-ups, introductions (but one between the two), tags, e-mails, phones, import
    history and contacts met through the dropped one all move to the kept one.
    """
    chosen = check_choices(choices or {})
    with transaction():
        keep, drop = both_rows(keep_id, drop_id)
        before = snapshots.take([keep_id, drop_id])
        pair = {keep_id, drop_id}
        merged = combined(merge_values(keep, pair), merge_values(drop, pair), chosen)
        # A LinkedIn profile belongs to one contact: free it before the kept one takes it.
        Contact.update(linkedin_url=None).where(Contact.id == drop_id).execute()
        Contact.update(
            {contact_field(column): value for column, value in merged.items()}
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
        move_rows(before, keep_id, drop_id)
        saved = {
            "version": _SNAPSHOT_VERSION,
            "dropped_name": display_name(drop["first_name"], drop["last_name"]),
            "contacts": before.to_json(),
            "written": written_values(keep_id),
            "import_changes": hand_over_imports(before, keep, drop, merged),
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


def merges() -> list[MergeRecord]:
    """Every merge, newest first, undone ones included."""
    # By id: merges are recorded in the order they are made, while `merged_at` is the kept
    # contact's change moment, which a burst of edits within one second pushes ahead.
    query = ContactMerge.select().order_by(ContactMerge.id.desc())
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
