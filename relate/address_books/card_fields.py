"""A card's fields as Relate reads them, and a server's card with some fields rewritten.

All three sides of a merge (the card as last synced, the server's card now, the contact
here now) are read by the same function, `card_values`, the contact from the card the
vCard export writes of it: so two sides hold the same value exactly when Relate would
show the same thing, whatever the spelling of the card (its folding, parameters, order).

A server's card is kept whole: `patched` rewrites only the properties of the fields
that changed, so photos, custom labels and other programs' X- properties go back
unchanged, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable

from relate.exporters.contact_rows import contact_rows
from relate.exporters.vcard import vcard_of
from relate.fields import FIELDS, Sync
from relate.importers import ImportFileError
from relate.importers.plan import Incoming
from relate.importers.vcard import parse_vcards
from relate.importers.vcard_card import LINKEDIN_PROFILE

Values = dict[str, object]

_PROPERTY_NAME = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")
_LABEL = "X-ABLABEL"
# Fields a card holds several of, one property each: each kept, dropped or added alone,
# so an address the server typed WORK keeps its type when another is added here.
_ITEMS = {"emails": "EMAIL", "phones": "TEL"}


def card_values(vcard: str, fields: Iterable[str]) -> Values | None:
    """The `fields` of the first card in `vcard`, as an import reads them; None when
    Relate would not take the card as a person (no name, no e-mail), or cannot read it."""
    person = _person(vcard)
    return None if person is None else values_of(person, fields)


def values_of(person: Incoming, fields: Iterable[str]) -> Values:
    """The `fields` of a card `person_of` read (what `card_values` gives of its text)."""
    return {name: _value(person, name) for name in fields}


def person_of(vcard: str) -> Incoming | None:
    """The first card in `vcard` as a person to import; None when there is none."""
    return _person(vcard)


def local_cards(contact_ids: Collection[int]) -> dict[int, str]:
    """Each contact as the vCard the export writes of it (every field in it)."""
    return {row.id: vcard_of(row) for row in contact_rows(list(contact_ids))}


def patched(server: str, fields: Collection[str], local: str) -> str:
    """`server`'s card with the properties of `fields` taken from `local` (a card
    `local_cards` wrote), every other property as it was. Lines end in CRLF."""
    wanted = card_values(local, fields) or {}
    kept: list[str] = []
    dropped_groups: set[str] = set()
    present: dict[str, list[object]] = {name: [] for name in _ITEMS}
    props = _properties(server)
    labels = _labels(props)
    for prop in props:
        group, name = _name(prop)
        field = _owner(name, fields, prop)
        if field in _ITEMS and field in wanted:
            value = _item_value(prop, field, labels)
            if value is not None and value in wanted[field]:  # type: ignore[operator]
                present[field].append(value)
                kept.append(prop)
                continue
        if field is not None:
            if name == "TEL" and group:
                dropped_groups.add(group.upper())
            continue
        kept.append(prop)
    kept = [
        prop
        for prop in kept
        if not (_name(prop)[1] == _LABEL and (_name(prop)[0] or "").upper() in dropped_groups)
    ]
    added = _added_lines(local, fields, wanted, present, _groups(kept))
    end = next(
        (i for i in range(len(kept) - 1, -1, -1) if kept[i].upper().startswith("END:VCARD")),
        len(kept),
    )
    lines = kept[:end] + added + kept[end:]
    return "".join(f"{prop}\r\n" for prop in lines)


def new_card(local: str, fields: Collection[str], uid: str) -> str:
    """A card for the server holding `local`'s `fields` (and its name), with `uid`:
    `local`'s lines of those fields as they are (nothing to merge them with, so
    nothing is read: a first sync sends 100,000 of these)."""
    fields = {"first_name", "last_name", *fields}
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:{uid}"]
    for prop in _properties(local):
        group, name = _name(prop)
        if _owner(name, fields, prop) is not None or (
            name == _LABEL and "phones" in fields and group
        ):
            lines.append(prop)
    lines.append("END:VCARD")
    return "".join(f"{line}\r\n" for line in lines)


# ---------------------------------------------------------------------------- reading


def _person(vcard: str) -> Incoming | None:
    try:
        people, _skipped = parse_vcards(vcard.encode("utf-8", "surrogatepass"), "card")
    except ImportFileError:
        return None
    return people[0] if people else None


def _value(person: Incoming, name: str) -> object:
    value = getattr(person, name)
    if name == "linkedin_url":
        return value or ""
    if name == "tags":
        return tuple(sorted(value, key=str.casefold))
    return value


def _properties(card: str) -> list[str]:
    """The card's properties, each with its folded lines joined by CRLF as they came."""
    props: list[str] = []
    for line in card.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and props:
            props[-1] += "\r\n" + line
        elif line:
            props.append(line)
    return props


def _name(prop: str) -> tuple[str | None, str]:
    match = _PROPERTY_NAME.match(prop)
    if match is None:
        return None, ""
    return match.group(1), match.group(2).upper()


def _owner(name: str, fields: Collection[str], prop: str) -> str | None:
    """Which of `fields` the property holds, if any."""
    field = next((field for field in _OWNERS.get(name, ()) if field in fields), None)
    if field == "linkedin_url" and not LINKEDIN_PROFILE.search(_unfolded(prop)):
        return None  # a homepage, a blog: not the profile
    return field


# The synced fields each property holds (N and FN: both names).
_OWNERS: dict[str, tuple[str, ...]] = {}
for _field in FIELDS:
    if _field.sync is not Sync.NONE:
        for _prop in _field.vcard_properties:
            _OWNERS[_prop] = (*_OWNERS.get(_prop, ()), _field.name)


def _unfolded(prop: str) -> str:
    return re.sub(r"\r\n[ \t]", "", prop)


def _labels(props: Iterable[str]) -> dict[str, str]:
    """Apple's custom labels (item1.X-ABLabel) by their group, upper case."""
    return {
        (group or "").upper(): prop
        for prop in props
        for group, name in [_name(prop)]
        if name == _LABEL and group
    }


def _item_value(prop: str, field: str, labels: dict[str, str]) -> object | None:
    """The one e-mail or phone a property holds (with its label, for a phone), read as
    a card holding it alone is."""
    group = (_name(prop)[0] or "").upper()
    label = f"{labels[group]}\r\n" if group in labels else ""
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n{prop}\r\n{label}END:VCARD\r\n"
    values = card_values(card, (field,))
    items = values[field] if values else ()
    return items[0] if items else None  # type: ignore[index]


def _groups(props: Iterable[str]) -> set[str]:
    return {(_name(prop)[0] or "").upper() for prop in props} - {""}


def _added_lines(
    local: str,
    fields: Collection[str],
    wanted: Values,
    present: dict[str, list[object]],
    taken_groups: set[str],
) -> list[str]:
    """`local`'s properties of `fields`, but the e-mails and phones the server's card
    keeps already; Apple's item groups renamed where the server's card uses them."""
    renamed: dict[str, str] = {}
    number = 0

    def fresh(group: str) -> str:
        nonlocal number
        if group.upper() not in renamed:
            number += 1
            while f"ITEM{number}" in taken_groups:
                number += 1
            renamed[group.upper()] = f"item{number}"
        return renamed[group.upper()]

    lines: list[str] = []
    skipped_groups: set[str] = set()
    props = _properties(local)
    labels = _labels(props)
    for prop in props:
        group, name = _name(prop)
        field = _owner(name, fields, prop)
        if field is None:
            # The export writes each phone before its label: a label whose phone the
            # server's card holds already is known to be skipped when it comes.
            if name == _LABEL and group and group.upper() not in skipped_groups:
                lines.append(_regrouped(prop, group, fresh))
            continue
        if field in _ITEMS and field in wanted and present[field]:
            value = _item_value(prop, field, labels)
            if value in present[field]:
                if group:
                    skipped_groups.add(group.upper())
                continue
        lines.append(_regrouped(prop, group, fresh) if group else prop)
    return lines


def _regrouped(prop: str, group: str, fresh: Callable[[str], str]) -> str:
    return fresh(group) + prop[len(group) :]
