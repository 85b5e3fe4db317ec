"""Choosing a merge's fields: what the two contacts fill differently, and how each field
of the merged contact is settled (the user's choice, else the field's own rule)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, cast

from peewee import Field

from relate.fields import MERGE_NAMES
from relate.store.db import column_dicts, execute
from relate.store.models import Contact
from relate.validation import NotFoundError, ValidationError
from relate.vocabulary import STAGES

# The fields merge asks about when both contacts fill them differently.
MERGE_FIELDS: tuple[str, ...] = MERGE_NAMES
Side = Literal["keep", "drop"]

EMPTY = (None, "")
# Columns the merge writes on the kept contact; undo restores those not changed since.
WRITTEN = (*MERGE_FIELDS, "archived", "import_batch_id")

Row = dict[str, Any]


def contact_field(column: str) -> Field[Any]:
    """The Contact field stored in `column` ("met_through_id" is `met_through`)."""
    field: Field[Any] = Contact._meta.columns[column]
    return field


def both_rows(keep_id: int, drop_id: int) -> tuple[Row, Row]:
    """The two contacts' rows, kept one first; refuses a contact merged with itself."""
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


def merge_values(row: Row, pair: set[int]) -> Row:
    """A contact's values of the fields merge asks about, as they would be once merged."""
    values = {column: row[contact_field(column).name] for column in MERGE_FIELDS}
    # Met through the other one of the two would be met through themselves once merged.
    if values["met_through_id"] in pair:
        values["met_through_id"] = None
    return values


def conflicts(keep_id: int, drop_id: int) -> dict[str, tuple[Any, Any]]:
    """The fields both contacts fill differently, as (kept value, dropped value): what
    the user chooses between. A field empty on one side is no conflict."""
    keep, drop = both_rows(keep_id, drop_id)
    pair = {keep_id, drop_id}
    kept, dropped = merge_values(keep, pair), merge_values(drop, pair)
    return {
        column: (kept[column], dropped[column])
        for column in MERGE_FIELDS
        if kept[column] not in EMPTY
        and dropped[column] not in EMPTY
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


def combined(keep: Row, drop: Row, choices: Mapping[str, Side]) -> Row:
    """The merged contact's fields: a value one side lacks comes from the other, and
    where both differ the choice, else the field's default rule, decides."""
    merged = {}
    for column in MERGE_FIELDS:
        kept, dropped = keep[column], drop[column]
        if dropped in EMPTY or kept == dropped:
            merged[column] = kept
        elif kept in EMPTY:
            merged[column] = dropped
        elif column in choices:
            merged[column] = kept if choices[column] == "keep" else dropped
        else:
            merged[column] = _DEFAULTS.get(column, _kept_value)(kept, dropped)
    return merged


def check_choices(choices: Mapping[str, str]) -> Mapping[str, Side]:
    """The choices, checked: fields merge asks about, each given "keep" or "drop"."""
    for column, side in choices.items():
        if column not in MERGE_FIELDS:
            raise ValidationError(
                f"'{column}' is not a field to choose in a merge; the fields are: "
                f"{', '.join(MERGE_FIELDS)}."
            )
        if side not in ("keep", "drop"):
            raise ValidationError(f"Choose 'keep' or 'drop' for {column}, not '{side}'.")
    return cast(Mapping[str, Side], choices)


def written_values(contact_id: int) -> Row:
    """The contact's current values of the columns a merge writes (`WRITTEN`)."""
    cursor = execute(f"SELECT {', '.join(WRITTEN)} FROM contact WHERE id = ?", (contact_id,))
    return dict(zip(WRITTEN, cursor.fetchone(), strict=True))
