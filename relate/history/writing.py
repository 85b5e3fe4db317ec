"""A history plan written as one undoable import: its entries, in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from relate.collector import collector_paused
from relate.history.planner import HistoryEntry, HistoryPlan, entry_key, known_keys, minute_of
from relate.importers.batches import ImportCancelledError
from relate.store import bulk
from relate.store.db import cursor, execute, transaction
from relate.store.models import ImportBatch, now

_BLOCK = 2000  # entries written between progress reports and cancel checks

_INSERT = (
    "INSERT INTO interaction (contact_id, kind, date, time, summary, notes, direction,"
    " source_key, import_batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _in_writing_order(entry: HistoryEntry) -> int:
    """Contact by contact (their rows sit together in the indexes that start with the
    contact), each one's newest first (its last contacted is set once, not moved again
    by every older entry). One number, not a tuple: half a million keys are held while
    they sort."""
    return (entry.contact_id << 32) - minute_of(entry)


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
    with collector_paused(), transaction():
        # Another import may have come in since the plan was read: what it added is not
        # added twice (the write lock is held from here to the end).
        known = known_keys()
        entries = sorted(
            (e for e in plan.entries if entry_key(e) not in known),
            key=_in_writing_order,
        )
        if not entries:
            return batch_id
        if batch_id is None:
            batch_id = batch_for(plan)
        created = now().isoformat(sep=" ")
        total = len(entries)
        with bulk.interactions_added_in_bulk(total):
            _insert(entries, batch_id, created, progress, cancelled)
        execute("UPDATE import_batch SET entry_count = ? WHERE id = ?", (total, batch_id))
        if progress is not None:
            progress(total, total)
    return batch_id


def _insert(
    entries: list[HistoryEntry],
    batch_id: int,
    created: str,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    total = len(entries)
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
            )
            for e in entries[start : start + _BLOCK]
        ]  # fmt: skip
        cursor().executemany(_INSERT, rows)
