"""A history plan written as one undoable import: its entries, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from relate.collector import collector_paused
from relate.history.planner import HistoryEntry, HistoryPlan
from relate.importers.batches import ImportCancelledError
from relate.store import bulk
from relate.store.db import cursor, execute, transaction
from relate.store.models import ImportBatch, now

_BLOCK = 2000  # entries written between progress reports and cancel checks

# An entry is added unless the contact has one of that key already: the plan was read
# before this write, and another import may have come in between.
_INSERT = (
    "INSERT INTO interaction (contact_id, kind, date, time, summary, notes, direction,"
    " source_key, import_batch_id, created_at)"
    " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
    " (SELECT 1 FROM interaction WHERE contact_id = ? AND source_key = ?)"
)


def _newest_first(entry: HistoryEntry) -> tuple[int, int]:
    time = entry.time or dt.time.min
    return (-entry.date.toordinal(), -(time.hour * 60 + time.minute))


def batch_for(plan: HistoryPlan) -> int:
    """A new import for the plan (inside the caller's transaction); its id."""
    batch: ImportBatch = ImportBatch.create(
        source=plan.source,
        file_name=plan.file_name,
        imported_at=now(),
        updated_count=len(plan.per_contact()),
        skipped_count=sum(plan.skipped.values()),
    )
    return batch.id


def apply_history(
    plan: HistoryPlan,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch_id: int | None = None,
) -> int | None:
    """Write the plan's entries as one import; returns its id (None: nothing to add).

    `batch_id`: add them to that import instead (a LinkedIn archive is one import of
    people and history). On cancel, ImportCancelledError and nothing of it is kept.
    """
    if not plan.entries:
        return batch_id
    # Newest first: the contacts' last contacted is set by their first entry, not moved
    # again by every older one (which a trigger would do row by row).
    entries = sorted(plan.entries, key=_newest_first)
    with collector_paused(), transaction(), bulk.interactions_added_in_bulk(len(entries)):
        if batch_id is None:
            batch_id = batch_for(plan)
        created = now().isoformat(sep=" ")
        total = len(plan.entries)
        added = 0
        for start in range(0, total, _BLOCK):
            if cancelled is not None and cancelled():
                raise ImportCancelledError("The import was cancelled; nothing of it was kept.")
            if progress is not None:
                progress(start, total)
            rows = [
                (
                    e.contact_id, e.kind, e.date.isoformat(),
                    e.time.isoformat() if e.time else None, e.summary, e.notes,
                    e.direction, e.source_key, batch_id, created,
                    e.contact_id, e.source_key,
                )
                for e in entries[start : start + _BLOCK]
            ]  # fmt: skip
            writing = cursor()
            writing.executemany(_INSERT, rows)
            added += writing.rowcount
        execute("UPDATE import_batch SET entry_count = ? WHERE id = ?", (added, batch_id))
        if progress is not None:
            progress(total, total)
    return batch_id
