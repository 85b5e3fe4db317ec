"""The three-way merge of one card's fields: the card as last synced (the base), the
contact here now and the server's card now.

A field changed on one side only takes that side's value. A field changed on both to
different values keeps Relate's and is a conflict, the server's value kept for the user
to choose. E-mails, phones and tags merge item by item and never conflict: what either
side added is kept, what either side removed goes. Nothing is lost either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from relate.address_books.card_fields import Values
from relate.fields import BY_NAME, Kind

_ITEM_KINDS = frozenset({Kind.EMAILS, Kind.PHONES, Kind.TAGS})


@dataclasses.dataclass(frozen=True, slots=True)
class Merged:
    """What a merge decided. values: what both sides hold after it; to_local: the
    fields to change here, with their values; to_server: the fields the server's card
    must be rewritten for; conflicts: the server's value of each field both sides
    changed (Relate's kept)."""

    values: Values
    to_local: Values
    to_server: frozenset[str]
    conflicts: Values

    @property
    def changes_anything(self) -> bool:
        return bool(self.to_local or self.to_server or self.conflicts)


def merge(base: Values | None, local: Values, server: Values, fields: Iterable[str]) -> Merged:
    """Merge `fields` of the three sides; `base` None when the card and the contact were
    never synced together (a first sync that matched them): then a field both hold
    differently is a conflict, and one only one side holds is taken from it."""
    base = base or {}
    values: Values = {}
    conflicts: Values = {}
    for name in fields:
        was, mine, theirs = base.get(name), local.get(name), server.get(name)
        if BY_NAME[name].kind in _ITEM_KINDS:
            values[name] = _items(was, mine, theirs, sort=BY_NAME[name].kind is Kind.TAGS)
            continue
        was, mine, theirs = _blank(was), _blank(mine), _blank(theirs)
        if mine == theirs or theirs == was:
            values[name] = local.get(name)
        elif mine == was:
            values[name] = server.get(name)
        else:
            values[name] = local.get(name)
            conflicts[name] = server.get(name)
    to_local = {name: value for name, value in values.items() if not _same(value, local.get(name))}
    to_server = frozenset(
        name for name, value in values.items() if not _same(value, server.get(name))
    )
    return Merged(values, to_local, to_server, conflicts)


def _blank(value: object) -> object:
    """Nothing, however a side says it ("", None, no items)."""
    return None if value in ("", None, ()) else value


def _same(one: object, other: object) -> bool:
    return _blank(one) == _blank(other)


def _items(was: object, mine: object, theirs: object, *, sort: bool) -> tuple[object, ...]:
    """Relate's items in their order, then the server's new ones; without those either
    side removed since the base."""
    base, local, server = _as_items(was), _as_items(mine), _as_items(theirs)
    removed = (set(base) - set(local)) | (set(base) - set(server))
    merged = tuple(dict.fromkeys(item for item in (*local, *server) if item not in removed))
    return tuple(sorted(merged, key=lambda tag: str(tag).casefold())) if sort else merged


def _as_items(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list) else ()
