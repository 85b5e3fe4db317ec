"""Imports as undoable batches: write a plan in one transaction, list, undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from relate import bulk, search, tags
from relate.db import db
from relate.importers.plan import TRACKED_FIELDS, ImportPlan, Incoming, Update
from relate.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ImportBatch,
    ImportChange,
    ImportValue,
    Interaction,
    now,
)
from relate.records import ImportBatchRecord
from relate.validation import NotFoundError, ValidationError
from relate.vocabulary import DEFAULT_STAGE

_BLOCK = 2000  # rows written between progress reports and cancel checks
_IMPORT_VALUE_COLUMNS = [
    ImportValue.contact,
    ImportValue.source,
    ImportValue.field,
    ImportValue.value,
]


class ImportCancelledError(Exception):
    """The user cancelled the import; nothing of it was kept."""


# ---------------------------------------------------------------------------- applying

Progress = Callable[[int, int], None]  # (done, total)


def _new_contact(row: Incoming) -> bulk.NewContact:
    return bulk.NewContact(
        first_name=row.first_name,
        last_name=row.last_name,
        company=row.company,
        position=row.position,
        emails=row.emails,
        phones=row.phones,
        linkedin_url=row.linkedin_url,
        location=row.location,
        connected_on=row.connected_on,
        birthday=row.birthday,
        story=row.story,
        tags=row.tags,
        how_met=row.how_met,
        cadence_days=row.cadence_days,
        stage=row.stage or DEFAULT_STAGE,
    )


def _set_imported(contact_id: int, source: str, field: str, value: str | None) -> None:
    if value is None:
        ImportValue.delete().where(
            ImportValue.contact == contact_id,
            ImportValue.source == source,
            ImportValue.field == field,
        ).execute()
    else:
        ImportValue.replace(contact=contact_id, source=source, field=field, value=value).execute()


def _apply_update(update: Update, batch_id: int, source: str, stamp: dt.datetime) -> None:
    for change in update.changes:
        ImportChange.create(
            import_batch=batch_id,
            contact=update.contact_id,
            field=change.field,
            old_value=change.old_value,
            new_value=change.new_value,
            old_imported=change.old_imported,
        )
        if change.field in TRACKED_FIELDS:
            _set_imported(update.contact_id, source, change.field, change.new_imported)
        if change.new_value is None:
            continue
        if change.field == "email":
            rank = ContactEmail.select().where(ContactEmail.contact == update.contact_id).count()
            ContactEmail.create(contact=update.contact_id, address=change.new_value, rank=rank)
        elif change.field == "phone":
            rank = ContactPhone.select().where(ContactPhone.contact == update.contact_id).count()
            ContactPhone.create(
                contact=update.contact_id, number=change.new_value, label=change.label, rank=rank
            )
        elif change.field == "tag":
            tags.attach(update.contact_id, change.new_value)
        else:
            Contact.update({change.field: change.new_value, "updated_at": stamp}).where(
                Contact.id == update.contact_id
            ).execute()


def _report(
    done: int, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None
) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelledError("The import was cancelled; nothing of it was kept.")
    if progress is not None:
        progress(done, total)


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
    if not plan.new and not any(update.changes for update in plan.updates):
        return None
    total = len(plan.new) + len(plan.updates)
    stamp = now()
    with db.atomic("IMMEDIATE"):
        batch = ImportBatch.create(
            source=plan.source,
            file_name=plan.file_name,
            imported_at=stamp,
            created_count=len(plan.new),
            updated_count=plan.updated,
            skipped_count=len(plan.skipped),
        )
        for start in range(0, len(plan.new), _BLOCK):
            _report(start, total, progress, cancelled)
            block = plan.new[start : start + _BLOCK]
            ids = bulk.insert_contacts([_new_contact(row) for row in block], batch.id)
            ImportValue.insert_many(
                [
                    (contact_id, plan.source, field, getattr(row, field))
                    for contact_id, row in zip(ids, block, strict=True)
                    for field in TRACKED_FIELDS
                    if getattr(row, field)
                ],
                fields=_IMPORT_VALUE_COLUMNS,
            ).execute()
        news = []
        touched = []
        for n, update in enumerate(plan.updates):
            if n % _BLOCK == 0:
                _report(len(plan.new) + n, total, progress, cancelled)
            if update.changes:
                _apply_update(update, batch.id, plan.source, stamp)
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


def undo_import(batch_id: int) -> tuple[int, int]:
    """Take an import back out: remove the contacts it added, restore the fields it
    changed (where the user has not changed them since) and its timeline entries.
    Returns (contacts removed, contacts restored)."""
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None:
        raise NotFoundError(f"There is no import with id {batch_id}.")
    if batch.undone_at is not None:
        raise ValidationError(
            f"Import {batch_id} was already undone ({batch.undone_at:%Y-%m-%d %H:%M})."
        )
    with db.atomic("IMMEDIATE"):
        added = [
            row[0]
            for row in db.execute_sql(
                "SELECT id FROM contact WHERE import_batch_id = ?", (batch_id,)
            )
        ]
        Contact.delete().where(Contact.import_batch == batch_id).execute()
        Interaction.delete().where(Interaction.import_batch == batch_id).execute()
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
                tags.untag_contacts([contact_id], change.new_value)
            else:
                # Only where the value is still the imported one: later edits win.
                db.execute_sql(
                    f"UPDATE contact SET {change.field} = ? WHERE id = ? AND {change.field} = ?",
                    (change.old_value, contact_id, change.new_value),
                )
        restored = {change.contact_id for change in changes if change.new_value is not None}
        search.reindex([*added, *restored])
        ImportBatch.update(undone_at=now()).where(ImportBatch.id == batch_id).execute()
    return len(added), len(restored)


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
        )
        for batch in ImportBatch.select().order_by(ImportBatch.id.desc())
    ]
