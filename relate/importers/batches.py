"""Imports as undoable batches: write a plan in one transaction, list, undo."""

from __future__ import annotations

from collections.abc import Callable

from relate import tags
from relate.collector import collector_paused
from relate.dates import moment_text
from relate.importers.plan import TRACKED_FIELDS, ImportPlan, Update
from relate.list_values import LIST_FIELDS, restore_list
from relate.records import ImportBatchRecord, UndoneImport
from relate.store import bulk, search
from relate.store.db import execute, fetch_int, id_chunks, rows_changed, transaction
from relate.store.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ImportBatch,
    ImportChange,
    Interaction,
    changed_now,
    now,
)
from relate.validation import NotFoundError, ValidationError, name_key

NAME_FIELDS = ("first_name", "last_name")

_BLOCK = 2000  # rows written between progress reports and cancel checks


class ImportCancelledError(Exception):
    """The user cancelled the import; nothing of it was kept."""


# ---------------------------------------------------------------------------- applying

Progress = Callable[[int, int], None]  # (done, total)


# Updates write row by row, in plain SQL: through the ORM, building each statement
# costs ten times what SQLite takes to run it, and a re-import writes thousands.
_INSERT_CHANGE = (
    "INSERT INTO import_change (import_batch_id, contact_id, field, old_value, new_value,"
    " old_imported) VALUES (?, ?, ?, ?, ?, ?)"
)


def _set_imported(contact_id: int, source: str, field: str, value: str | None) -> None:
    if value is None:
        execute(
            "DELETE FROM import_value WHERE contact_id = ? AND source = ? AND field = ?",
            (contact_id, source, field),
        )
    else:
        execute(
            "INSERT OR REPLACE INTO import_value (contact_id, source, field, value)"
            " VALUES (?, ?, ?, ?)",
            (contact_id, source, field, value),
        )


def _count(table: str, contact_id: int) -> int:
    return fetch_int(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (contact_id,))


def _apply_update(update: Update, batch_id: int, source: str, stamp: str) -> None:
    contact_id = update.contact_id
    for change in update.changes:
        field, value = change.field, change.new_value
        execute(
            _INSERT_CHANGE,
            (batch_id, contact_id, field, change.old_value, value, change.old_imported),
        )
        if field in TRACKED_FIELDS:
            _set_imported(contact_id, source, field, change.new_imported)
        if value is None:
            continue
        if field == "email":
            execute(
                "INSERT INTO contact_email (contact_id, address, rank) VALUES (?, ?, ?)",
                (contact_id, value, _count("contact_email", contact_id)),
            )
        elif field == "phone":
            execute(
                "INSERT INTO contact_phone (contact_id, number, label, rank) VALUES (?, ?, ?, ?)",
                (contact_id, value, change.label, _count("contact_phone", contact_id)),
            )
        elif field == "tag":
            tags.attach(contact_id, value)
        else:  # a column of contact, named by the plan
            execute(
                f"UPDATE contact SET {field} = ?, updated_at = ? WHERE id = ?",
                (value, stamp, contact_id),
            )


def _report(
    done: int, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None
) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelledError("The import was cancelled; nothing of it was kept.")
    if progress is not None:
        progress(done, total)


def changes_anything(plan: ImportPlan) -> bool:
    """Whether writing the plan would change the database (a re-import of the same file
    changes nothing)."""
    return bool(plan.new) or any(update.changes for update in plan.updates)


def apply_plan(
    plan: ImportPlan,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int | None:
    """Write a plan as one import batch, in one transaction; returns the batch id, or
    None when the plan changes nothing (re-importing a file leaves no trace).

    `progress(done, total)` is called as rows are written; when `cancelled()` turns
    true the import stops with ImportCancelledError and nothing of it is kept.
    """
    if not changes_anything(plan):
        return None
    with collector_paused():
        return _apply_plan(plan, progress, cancelled)


def _apply_plan(
    plan: ImportPlan, progress: Progress | None, cancelled: Callable[[], bool] | None
) -> int:
    total = len(plan.new) + len(plan.updates)
    stamp = now()
    with transaction():
        batch = ImportBatch.create(
            source=plan.source,
            file_name=plan.file_name,
            imported_at=stamp,
            created_count=len(plan.new),
            updated_count=plan.updated,
            skipped_count=len(plan.skipped),
        )
        blocks: list[range] = []  # the new contacts' ids, block by block
        with bulk.contacts_added_in_bulk(plan.new):
            for start in range(0, len(plan.new), _BLOCK):
                _report(start, total, progress, cancelled)
                block = plan.new[start : start + _BLOCK]
                # The rows as they are: an Incoming has every field a new contact reads.
                ids = bulk.insert_contacts(block, batch.id, index=False)
                blocks.append(ids)
        if blocks:
            # What the source gave, as the new contacts store it (the plan cleaned it),
            # copied in SQL: a row per value from Python costs twice as much.
            for field in TRACKED_FIELDS:
                execute(
                    "INSERT INTO import_value (contact_id, source, field, value)"
                    f" SELECT id, ?, '{field}', {field} FROM contact"
                    f" WHERE id BETWEEN ? AND ? AND {field} != ''",
                    (plan.source, blocks[0].start, blocks[-1].stop - 1),
                )
            # Indexed at once, not block by block: FTS5 then builds one segment instead of
            # one per block that it has to merge. Each block's ids follow the last's.
            search.index_range(blocks[0].start, blocks[-1].stop - 1)
        news = []
        touched = []
        updated_at = stamp.isoformat(sep=" ")
        for n, update in enumerate(plan.updates):
            if n % _BLOCK == 0:
                _report(len(plan.new) + n, total, progress, cancelled)
            if update.changes:
                _apply_update(update, batch.id, plan.source, updated_at)
                touched.append(update.contact_id)
            if update.news:
                news.append(
                    bulk.NewInteraction(
                        update.contact_id, "position-change", stamp.date(), update.news
                    )
                )
        bulk.insert_interactions(news, batch.id)
        search.reindex(touched)
        if progress is not None:
            progress(total, total)
    return batch.id


# ---------------------------------------------------------------------------- undoing


# The contacts an import added that the user has worked on since: edited, tagged or
# archived (each moves updated_at past created_at, see `models.changed_now`; a merge of
# the import's own contacts also does, but is not the user's work), logged, noted,
# followed up, met, introduced, or named as how someone else was met. Undoing the
# import keeps them.
_WORKED_ON = """
SELECT c.id FROM contact c WHERE c.import_batch_id = :batch AND (
    (c.updated_at > c.created_at AND NOT EXISTS (
        SELECT 1 FROM contact_merge m
        WHERE m.kept_id = c.id AND m.undone_at IS NULL AND m.merged_at = c.updated_at))
    OR EXISTS (SELECT 1 FROM interaction i WHERE i.contact_id = c.id
               AND (i.import_batch_id IS NULL OR i.import_batch_id != :batch))
    OR EXISTS (SELECT 1 FROM follow_up f WHERE f.contact_id = c.id)
    OR EXISTS (SELECT 1 FROM meeting g WHERE g.contact_id = c.id)
    OR EXISTS (SELECT 1 FROM introduction n WHERE c.id IN (n.contact_a_id, n.contact_b_id))
    OR EXISTS (SELECT 1 FROM contact o WHERE o.met_through_id = c.id AND o.id != c.id)
)"""


def check_undoable(batch_id: int) -> ImportBatch:
    """The import `batch_id`; NotFoundError or ValidationError if it cannot be undone."""
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFoundError(f"There is no import with id {batch_id}.")
    if batch.undone_at is not None:
        raise ValidationError(
            f"Import {batch_id} was already undone ({moment_text(batch.undone_at)})."
        )
    return batch


def undo_import(batch_id: int) -> UndoneImport:
    """Take an import back out: remove the contacts it added, restore the fields it
    changed (where the user has not changed them since) and its timeline entries.

    A contact it added that the user has worked on since (see `_WORKED_ON`) stays as it
    is now, with what the user gave it; only the import's own timeline entries go.
    """
    batch = check_undoable(batch_id)
    with transaction():
        kept = [row[0] for row in execute(_WORKED_ON, {"batch": batch_id})]
        for ids, marks in id_chunks(kept):
            execute(f"UPDATE contact SET import_batch_id = NULL WHERE id IN ({marks})", ids)
        added = [
            row[0]
            for row in execute("SELECT id FROM contact WHERE import_batch_id = ?", (batch_id,))
        ]
        Contact.delete().where(Contact.import_batch == batch_id).execute()
        entries = rows_changed(Interaction.delete().where(Interaction.import_batch == batch_id))
        changes = list(
            ImportChange.select()
            .where(ImportChange.import_batch == batch_id)
            .order_by(ImportChange.id.desc())
        )
        for change in changes:
            contact_id = change.contact_id
            if change.field in TRACKED_FIELDS:
                _set_imported(contact_id, batch.source, change.field, change.old_imported)
            if change.new_value is None:
                continue
            if change.field == "email":
                ContactEmail.delete().where(
                    ContactEmail.contact == contact_id, ContactEmail.address == change.new_value
                ).execute()
            elif change.field == "phone":
                ContactPhone.delete().where(
                    ContactPhone.contact == contact_id, ContactPhone.number == change.new_value
                ).execute()
            elif change.field == "tag":
                tags.detach(contact_id, change.new_value)
            elif change.field in LIST_FIELDS:  # a sync's change of a whole list
                restore_list(contact_id, change.field, change.old_value, change.new_value)
            else:
                # Only where the value is still the imported one: later edits win.
                execute(
                    f"UPDATE contact SET {change.field} = ? WHERE id = ? AND {change.field} = ?",
                    (change.old_value, contact_id, change.new_value),
                )
                if change.field in NAME_FIELDS:  # a sync's rename: the sort key follows
                    _rekey(contact_id)
        restored = {change.contact_id for change in changes if change.new_value is not None}
        # Changed now, by the undo: a synced book hears of it at the next sync.
        Contact.update(updated_at=changed_now()).where(Contact.id.in_(list(restored))).execute()
        search.reindex([*added, *restored])
        ImportBatch.update(undone_at=now()).where(ImportBatch.id == batch_id).execute()
    return UndoneImport(len(added), len(restored), len(kept), entries)


def _rekey(contact_id: int) -> None:
    first, last = execute(
        "SELECT first_name, last_name FROM contact WHERE id = ?", (contact_id,)
    ).fetchone()
    execute("UPDATE contact SET name_key = ? WHERE id = ?", (name_key(first, last), contact_id))


def import_batches() -> list[ImportBatchRecord]:
    """Every import, newest first."""
    return [
        ImportBatchRecord(
            id=batch.id,
            source=batch.source,
            file_name=batch.file_name,
            imported_at=batch.imported_at,
            created=batch.created_count,
            updated=batch.updated_count,
            skipped=batch.skipped_count,
            undone_at=batch.undone_at,
            entries=batch.entry_count,
        )
        for batch in ImportBatch.select().order_by(ImportBatch.id.desc())
    ]
