"""A contact's e-mails, phones or tags as one value: kept by a sync's batch as JSON, so
that undoing the sync gives the contact back the list it had."""

from __future__ import annotations

import json

from relate import tags
from relate.records import Phone

# The fields whose change a batch keeps as a whole list.
LIST_FIELDS = ("emails", "phones", "tags")


def set_tags(contact_id: int, old: object, new: object) -> None:
    """Give a contact the tags `new` in place of `old` (two tuples of names)."""
    before = {str(name).casefold(): str(name) for name in (old or ())}  # type: ignore[attr-defined]
    after = {str(name).casefold(): str(name) for name in (new or ())}  # type: ignore[attr-defined]
    for key, name in before.items():
        if key not in after:
            tags.detach(contact_id, name)
    for key, name in after.items():
        if key not in before:
            tags.attach(contact_id, name)


def list_text(value: object) -> str:
    """E-mails, phones or tags as a batch keeps them (JSON), for undo."""
    items = value if isinstance(value, tuple | list) else ()
    return json.dumps(
        [[item.number, item.label] if isinstance(item, Phone) else item for item in items]
    )


def list_value(text: str | None, field: str) -> list[object]:
    """What `list_text` kept, as `update_contact` takes it."""
    items = json.loads(text) if text else []
    if field == "phones":
        return [Phone(number, label) for number, label in items]
    return list(items)


def restore_list(contact_id: int, field: str, old: str | None, new: str | None) -> bool:
    """Give the contact the list `old` back if it still holds `new` (later edits win);
    whether it did."""
    # Here, not at the top: every import loads this module, and only an undone sync
    # needs the contacts module (an import of 30,000 rows starts without it).
    from relate.contacts import get_contact, update_contact

    detail = get_contact(contact_id)
    held = getattr(detail, field)
    current = list_text(tuple(held))
    if field == "tags":
        current = list_text(tuple(sorted((tag.name for tag in held), key=str.casefold)))
    if current != (new or "[]"):
        return False
    if field == "tags":
        set_tags(contact_id, tuple(list_value(new, field)), tuple(list_value(old, field)))
    else:
        update_contact(contact_id, **{field: list_value(old, field)})
    return True
