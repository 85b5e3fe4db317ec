"""Whole contacts as plain data, so a deletion can be undone exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from relate.records import to_jsonable
from relate.store import search
from relate.store.db import column_dicts, transaction
from relate.store.models import (
    Contact,
    ContactEmail,
    ContactMerge,
    ContactPhone,
    ContactTag,
    FollowUp,
    ImportChange,
    ImportValue,
    Interaction,
    Introduction,
    Meeting,
    SnoozedSuggestion,
    StageChange,
)

# Tables that hang off a contact, with the columns that point at it.
_CHILDREN: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (ContactEmail, ("contact",)),
    (ContactPhone, ("contact",)),
    (ContactTag, ("contact",)),
    (Interaction, ("contact",)),
    (FollowUp, ("contact",)),
    (Introduction, ("contact_a", "contact_b")),
    # What imports know of the contact (so a later import or its undo still works) and
    # the merges it was kept in (so they can still be undone).
    (ImportValue, ("contact",)),
    (ImportChange, ("contact",)),
    (ContactMerge, ("kept",)),
    # After Interaction: a held meeting points at its 1-2-1 entry.
    (Meeting, ("contact",)),
    (StageChange, ("contact",)),
    (SnoozedSuggestion, ("contact_a", "contact_b")),
)


@dataclasses.dataclass(frozen=True)
class ContactsSnapshot:
    """Every row of some contacts and of what hangs off them, as column dicts."""

    rows: dict[str, tuple[dict[str, Any], ...]]
    # Contacts that named one of these as "met through", to link back on restore.
    met_through: tuple[tuple[int, int], ...]

    @property
    def contact_ids(self) -> list[int]:
        return [row["id"] for row in self.rows[Contact._meta.table_name]]

    def to_json(self) -> dict[str, Any]:
        """The snapshot as JSON-ready data (dates as ISO text), for storing it."""
        return {
            "rows": {
                table: [{name: to_jsonable(value) for name, value in row.items()} for row in rows]
                for table, rows in self.rows.items()
            },
            "met_through": [list(link) for link in self.met_through],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ContactsSnapshot:
        """A snapshot back from `to_json` data. Dates stay ISO text: the models read it
        back into the same stored values on restore."""
        rows = {table: tuple(table_rows) for table, table_rows in data["rows"].items()}
        # Snapshots stored before a table joined _CHILDREN simply hold none of its rows.
        for model, _ in _CHILDREN:
            rows.setdefault(model._meta.table_name, ())
        return cls(rows, tuple((who, whom) for who, whom in data["met_through"]))


def take(contact_ids: Iterable[int]) -> ContactsSnapshot:
    """A snapshot of these contacts (call before deleting them)."""
    ids = list(contact_ids)
    rows: dict[str, tuple[dict[str, Any], ...]] = {
        Contact._meta.table_name: tuple(column_dicts(Contact.select().where(Contact.id.in_(ids))))
    }
    for model, columns in _CHILDREN:
        condition = None
        for column in columns:
            clause = getattr(model, column).in_(ids)
            condition = clause if condition is None else condition | clause
        rows[model._meta.table_name] = tuple(column_dicts(model.select().where(condition)))
    links = tuple(
        (row.id, row.met_through_id)
        for row in Contact.select(Contact.id, Contact.met_through).where(
            Contact.met_through.in_(ids), Contact.id.not_in(ids)
        )
        if row.met_through_id is not None  # always, by the query
    )
    return ContactsSnapshot(rows, links)


def restore(snapshot: ContactsSnapshot) -> None:
    """Put deleted contacts back exactly as they were, with the same ids."""
    # The trigger-kept sort keys are left to the triggers: tags may have been renamed
    # since the snapshot, and the restored rows below set them again.
    contact_rows = [
        {**row, "last_contacted": None, "tag_key": None}
        for row in snapshot.rows[Contact._meta.table_name]
    ]
    with transaction():
        Contact.insert_many(contact_rows).execute()
        for model, _ in _CHILDREN:
            table_rows = snapshot.rows[model._meta.table_name]
            if table_rows:
                model.insert_many(table_rows).on_conflict_ignore().execute()
        for contact_id, met_through_id in snapshot.met_through:
            Contact.update(met_through=met_through_id).where(Contact.id == contact_id).execute()
        search.reindex(snapshot.contact_ids)
