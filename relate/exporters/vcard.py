"""Contacts as a vCard (.vcf) file that address books and phones read.

Written as vCard 3.0: every address book reads it (Apple Contacts, Google Contacts,
Outlook, Thunderbird, Android), while vCard 4.0 is still refused or half-read by
several of them. What a generic address book has no field for goes in X-RELATE-*
properties, which others ignore and `relate.importers.vcard` reads back.

The lines are built here and escaped by vobject's own functions: its card objects
cost half a millisecond a contact (15 seconds for 30,000).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from vobject.base import backslashEscape
from vobject.vcard import serializeFields

from relate.db import db, id_chunks
from relate.files import private_file
from relate.queries import to_date
from relate.records import Phone, display_name
from relate.validation import NotFoundError

# Phone labels with a vCard TYPE of their own, as the importer reads the TYPE back.
# Any other label (and these in other spellings) also goes in an Apple-style
# X-ABLabel beside the number, so that "Assistant" or "Work" comes back as written.
_PHONE_TYPES = {"mobile": "CELL", "work": "WORK", "home": "HOME", "fax": "FAX", "pager": "PAGER"}
_PHONE_TYPE_ALIASES = {"cell": "CELL", "iphone": "CELL"}

_LINE_BYTES = 75  # RFC 2426: lines longer than 75 octets are folded

_COLUMNS = (
    "id, first_name, last_name, company, position, linkedin_url, location, how_met,"
    " connected_on, birthday, stage, story"
)


def export_vcards(path: Path, contact_ids: Sequence[int] | None = None) -> int:
    """Write every contact (or the given ones, in that order) to `path` as vCard 3.0,
    readable by the user only, and return how many were written. NotFoundError, and
    nothing written, if a given id is not a contact."""
    with db.atomic():  # one consistent view of the contacts, however long it takes
        contacts = _contacts(contact_ids)
        ids = [row[0] for row in contacts]
        emails = _grouped("SELECT contact_id, address FROM contact_email", "ORDER BY rank, id", ids)
        phones = _grouped(
            "SELECT contact_id, number, label FROM contact_phone", "ORDER BY rank, id", ids
        )
        tag_names = _grouped(
            "SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id",
            "ORDER BY t.key",
            ids,
            column="ct.contact_id",
        )
    with private_file(path, "w", encoding="utf-8", newline="") as stream:
        for row in contacts:
            contact_id = row[0]
            card = _card(
                row,
                [address for (address,) in emails.get(contact_id, [])],
                [Phone(number, label) for number, label in phones.get(contact_id, [])],
                [name for (name,) in tag_names.get(contact_id, [])],
            )
            stream.write(card)
    return len(contacts)


def _contacts(contact_ids: Sequence[int] | None) -> list[tuple]:
    if contact_ids is None:
        return list(db.execute_sql(f"SELECT {_COLUMNS} FROM contact ORDER BY name_key, id"))
    wanted = list(dict.fromkeys(contact_ids))
    found: dict[int, tuple] = {}
    for chunk, marks in id_chunks(wanted):
        for row in db.execute_sql(f"SELECT {_COLUMNS} FROM contact WHERE id IN ({marks})", chunk):
            found[row[0]] = row
    missing = [str(contact_id) for contact_id in wanted if contact_id not in found]
    if missing:
        raise NotFoundError(f"There is no contact with id {', '.join(missing)}.")
    return [found[contact_id] for contact_id in wanted]


def _grouped(
    select: str, order: str, ids: Sequence[int], column: str = "contact_id"
) -> dict[int, list[tuple]]:
    """The rows of `select` by contact, for the contacts in `ids`."""
    rows: dict[int, list[tuple]] = {}
    for chunk, marks in id_chunks(ids):
        for contact_id, *values in db.execute_sql(
            f"{select} WHERE {column} IN ({marks}) {order}", chunk
        ):
            rows.setdefault(contact_id, []).append(tuple(values))
    return rows


def _card(row: tuple, emails: list[str], phones: list[Phone], tag_names: list[str]) -> str:
    """One contact as a vCard 3.0 card, its lines folded and ended in CRLF."""
    (
        _id,
        first_name,
        last_name,
        company,
        position,
        linkedin_url,
        location,
        how_met,
        connected_on,
        birthday,
        stage,
        story,
    ) = row
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{serializeFields([last_name, first_name, '', '', ''])}",
        f"FN:{backslashEscape(display_name(first_name, last_name))}",
    ]
    if company:
        lines.append(f"ORG:{serializeFields([company])}")
    _text(lines, "TITLE", position)
    for rank, address in enumerate(emails):
        kind = "INTERNET,PREF" if rank == 0 else "INTERNET"
        lines.append(f"EMAIL;TYPE={kind}:{backslashEscape(address)}")
    item = 0
    for phone, kind, label in _phone_lines(phones):
        params = f";TYPE={kind}" if kind else ""
        if label:
            item += 1
            lines.append(f"item{item}.TEL{params}:{backslashEscape(phone.number)}")
            lines.append(f"item{item}.X-ABLabel:{backslashEscape(label)}")
        else:
            lines.append(f"TEL{params}:{backslashEscape(phone.number)}")
    if location:
        # A free-text place, kept whole in the locality: the importer gives back a
        # locality alone verbatim, so "Cleveland, OH" stays one value.
        lines.append(f"ADR;TYPE=WORK:{serializeFields(['', '', '', location, '', '', ''])}")
    _text(lines, "URL", linkedin_url)
    _text(lines, "NOTE", story)
    if tag_names:
        lines.append(f"CATEGORIES:{','.join(backslashEscape(name) for name in tag_names)}")
    if birthday:
        lines.append(f"BDAY:{to_date(birthday).isoformat()}")
    # Relate's own fields: address books ignore X- properties they do not know.
    _text(lines, "X-RELATE-STAGE", stage)
    _text(lines, "X-RELATE-HOW-MET", how_met)
    if connected_on:
        lines.append(f"X-RELATE-CONNECTED-ON:{to_date(connected_on).isoformat()}")
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
