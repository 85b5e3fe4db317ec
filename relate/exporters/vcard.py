"""Contacts as a vCard (.vcf) file that address books and phones read.

Written as vCard 3.0: every address book reads it (Apple Contacts, Google Contacts,
Outlook, Thunderbird, Android), while vCard 4.0 is still refused or half-read by
several of them. What a generic address book has no field for goes in X-RELATE-*
properties, which others ignore and `relate.importers.vcard` reads back.

The lines are built here and escaped by vobject's own functions: its card objects
cost half a millisecond a contact (15 seconds for 30,000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from vobject.base import backslashEscape
from vobject.vcard import serializeFields

from relate.exporters.contact_rows import ContactRow, contact_rows
from relate.fields import FIELDS
from relate.files import private_file
from relate.importers.identity import split_titles
from relate.records import Phone, display_name
from relate.store.db import db, execute
from relate.validation import NotFoundError

# A structured value's fields, escaped and joined with ";" (vobject's stub leaves it untyped).
_fields: Callable[[Sequence[str]], str] = serializeFields

# Phone labels with a vCard TYPE of their own, as the importer reads the TYPE back.
# Any other label (and these in other spellings) also goes in an Apple-style
# X-ABLabel beside the number, so that "Assistant" or "Work" comes back as written.
_PHONE_TYPES = {"mobile": "CELL", "work": "WORK", "home": "HOME", "fax": "FAX", "pager": "PAGER"}
_PHONE_TYPE_ALIASES = {"cell": "CELL", "iphone": "CELL"}

# Fields written as one property each; the others have their own lines in `vcard_of`.
_PROPERTY_FIELDS = tuple(field for field in FIELDS if field.vcard)

_LINE_BYTES = 75  # RFC 2426: lines longer than 75 octets are folded


def export_vcards(path: Path, contact_ids: Sequence[int] | None = None) -> int:
    """Write every contact, archived ones too, in name order (or the given ones, in
    that order) to `path` as vCard 3.0, readable by the user only, and return how many
    were written. NotFoundError, and nothing written, if a given id is not a contact."""
    with db.atomic():  # one consistent view of the contacts, however long it takes
        if contact_ids is None:
            wanted = [
                contact_id
                for (contact_id,) in execute("SELECT id FROM contact ORDER BY name_key, id")
            ]
        else:
            wanted = list(dict.fromkeys(contact_ids))
        rows = list(contact_rows(wanted))
    if len(rows) != len(wanted):  # contact_rows leaves unknown ids out
        found = {row.id for row in rows}
        missing = [str(contact_id) for contact_id in wanted if contact_id not in found]
        raise NotFoundError(f"There is no contact with id {', '.join(missing)}.")
    with private_file(path, "w", encoding="utf-8", newline="") as stream:
        for row in rows:
            stream.write(vcard_of(row))
    return len(rows)


def _name_fields(first: str, last: str) -> list[str]:
    prefix, first, last, suffix = split_titles(first, last)
    return [last, first, "", prefix, suffix]


def vcard_of(row: ContactRow) -> str:
    """One contact as a vCard 3.0 card, every field in it, its lines folded and ended
    in CRLF."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        # The prefix and suffix in N's own places, where other address books look.
        f"N:{_fields(_name_fields(row.first_name, row.last_name))}",
        f"FN:{backslashEscape(display_name(row.first_name, row.last_name))}",
    ]
    if row.company:
        lines.append(f"ORG:{_fields([row.company])}")
    for rank, address in enumerate(row.emails):
        email_type = "INTERNET,PREF" if rank == 0 else "INTERNET"
        lines.append(f"EMAIL;TYPE={email_type}:{backslashEscape(address)}")
    item = 0
    for phone, kind, label in _phone_lines(row.phones):
        params = f";TYPE={kind}" if kind else ""
        if label:
            item += 1
            lines.append(f"item{item}.TEL{params}:{backslashEscape(phone.number)}")
            lines.append(f"item{item}.X-ABLabel:{backslashEscape(label)}")
        else:
            lines.append(f"TEL{params}:{backslashEscape(phone.number)}")
    if row.location:
        # A free-text place, kept whole in the locality: the importer gives back a
        # locality alone verbatim, so "Cleveland, OH" stays one value.
        lines.append(f"ADR;TYPE=WORK:{_fields(['', '', '', row.location, '', '', ''])}")
    _text(lines, "URL", row.linkedin_url)
    _text(lines, "NOTE", row.story)
    if row.tags:
        lines.append(f"CATEGORIES:{','.join(backslashEscape(name) for name in row.tags)}")
    # The registry's one-property fields (TITLE, BDAY, Relate's own X-RELATE-*, which
    # address books ignore); dates are YYYY-MM-DD already (contact_rows' iso_date).
    for field in _PROPERTY_FIELDS:
        value = getattr(row, field.name)
        _text(lines, field.vcard or "", None if value is None else str(value))
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


def _fold(line: str) -> str:
    """A line as vCard writes it: at most 75 bytes (UTF-8), continued on lines that
    start with a space, never cut inside a character, ended in CRLF.

    Not vobject's foldOneLine: it counts characters, not bytes, for lines under 75
    characters, so 30 Japanese characters (90 bytes) would stay on one line.
    """
    if len(line.encode("utf-8")) <= _LINE_BYTES:
        return line + "\r\n"
    pieces: list[str] = []
    start = 0
    size = 0
    for index, char in enumerate(line):
        width = len(char.encode("utf-8"))
        if size + width > _LINE_BYTES:
            pieces.append(line[start:index])
            start = index
            size = 1  # the space that starts the continuation line
        size += width
    pieces.append(line[start:])
    return "\r\n ".join(pieces) + "\r\n"


def _text(lines: list[str], name: str, value: str | None) -> None:
    if value:
        lines.append(f"{name}:{backslashEscape(value)}")


def _phone_lines(phones: Iterable[Phone]) -> Iterator[tuple[Phone, str | None, str | None]]:
    """Each phone with its TYPE and, for a label the TYPE does not say exactly, the
    label to write beside it (X-ABLabel)."""
    for phone in phones:
        if phone.label in _PHONE_TYPES:
            yield phone, _PHONE_TYPES[phone.label], None
        elif phone.label:
            folded = phone.label.casefold()
            yield phone, _PHONE_TYPES.get(folded) or _PHONE_TYPE_ALIASES.get(folded), phone.label
        else:
            yield phone, None, None
