"""Contacts read in bulk with their emails, phones and tags, for the exporters.

Exports touch every contact, so this reads them with a handful of queries per
`ID_CHUNK` ids instead of one `get_contact` (six queries) per person.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from relate.fields import BY_NAME, COLUMN_NAMES, Kind
from relate.records import Phone
from relate.store.db import execute, id_chunks


# A named tuple, not a frozen dataclass: as immutable, and built in half the time,
# which shows when an export makes 100,000 of them.
class ContactRow(NamedTuple):
    """One contact as stored; dates are ISO 8601 text (`iso_date`, `iso_datetime`)."""

    id: int
    first_name: str
    last_name: str
    company: str
    position: str
    emails: tuple[str, ...]
    phones: tuple[Phone, ...]
    linkedin_url: str | None
    location: str
    how_met: str
    met_through_id: int | None
    connected_on: str | None
    birthday: str | None
    stage: str
    story: str
    cadence_days: int | None
    archived: bool
    tags: tuple[str, ...]
    created_at: str
    updated_at: str
    # Derived (kept by triggers / generated): the CSV shows them, the JSON leaves them out.
    last_contacted: str | None
    next_due: str | None
    pronouns: str = ""


def iso_date(value: str | None) -> str | None:
    """A stored date as YYYY-MM-DD (SQLite keeps dates as text; older rows may carry
    a time, which a date column does not mean)."""
    return value[:10] if value else None


def iso_datetime(value: str | None) -> str | None:
    """A stored timestamp in strict ISO 8601: Peewee writes "YYYY-MM-DD HH:MM:SS",
    and the "T" form is the one every other tool parses."""
    return value.replace(" ", "T", 1) if value else None


# The registry's fields stored in `contact`, then what every row has beside them.
_COLUMNS = len(COLUMN_NAMES)
_DATES = tuple(i for i, name in enumerate(COLUMN_NAMES) if BY_NAME[name].kind is Kind.DATE)
_CONTACT_SQL = (
    f"SELECT id, {', '.join(COLUMN_NAMES)}, archived, created_at, updated_at"
    " FROM contact WHERE id IN ({marks})"
)


def _grouped(sql: str, chunk: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Rows (contact_id first) gathered per contact, in the query's order."""
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    for row in execute(sql, chunk):
        grouped.setdefault(row[0], []).append(row)
    return grouped


def contact_rows(contact_ids: Sequence[int]) -> Iterator[ContactRow]:
    """These contacts, in the order given (unknown ids are left out).

    Run it inside a transaction when the rows must agree with each other: each
    chunk is read apart, and another thread could write between two of them.
    """
    tag_names = dict(execute("SELECT id, name FROM tag").fetchall())
    for chunk, marks in id_chunks(contact_ids):
        contacts = {row[0]: row for row in execute(_CONTACT_SQL.format(marks=marks), chunk)}
        emails = _grouped(
            f"SELECT contact_id, address FROM contact_email WHERE contact_id IN ({marks})"
            " ORDER BY contact_id, rank, id",
            chunk,
        )
        phones = _grouped(
            "SELECT contact_id, number, label FROM contact_phone"
            f" WHERE contact_id IN ({marks}) ORDER BY contact_id, rank, id",
            chunk,
        )
        # Tags in the list's order (by key); names come from the small tag table above.
        tags = _grouped(
            "SELECT ct.contact_id, ct.tag_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.contact_id IN ({marks}) ORDER BY ct.contact_id, t.key",
            chunk,
        )
        for contact_id in chunk:
            row = contacts.get(contact_id)
            if row is None:
                continue
            values = list(row[1 : _COLUMNS + 1])
            for index in _DATES:
                values[index] = iso_date(values[index])
            archived, created, updated = row[_COLUMNS + 1 :]
            yield ContactRow(
                id=row[0],
                **dict(zip(COLUMN_NAMES, values, strict=True)),
                emails=tuple(e[1] for e in emails.get(contact_id, ())),
                phones=tuple(Phone(p[1], p[2]) for p in phones.get(contact_id, ())),
                archived=bool(archived),
                tags=tuple(tag_names[t[1]] for t in tags.get(contact_id, ())),
                created_at=iso_datetime(created) or "",
                updated_at=iso_datetime(updated) or "",
            )
