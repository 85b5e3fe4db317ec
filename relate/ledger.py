"""Give and take: every "gave" and "received" entry on the timelines, counted.

Per contact, what the user gave against what they received; over the network, who
the user helped most recently and who they have only taken from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.queries import to_date
from relate.records import display_name
from relate.store.db import execute


@dataclasses.dataclass(frozen=True, slots=True)
class Balance:
    given: int
    received: int


@dataclasses.dataclass(frozen=True, slots=True)
class LedgerLine:
    """One contact's side of the ledger."""

    contact_id: int
    name: str
    given: int
    received: int
    last_given: dt.date | None
    last_received: dt.date | None


def balance(contact_id: int) -> Balance:
    """What the user gave this contact and received from them (entry counts)."""
    given, received = execute(
        "SELECT count(*) FILTER (WHERE kind = 'gave'), count(*) FILTER (WHERE kind = 'received')"
        " FROM interaction WHERE contact_id = ? AND kind IN ('gave', 'received')",
        (contact_id,),
    ).fetchone()
    return Balance(given, received)


def overall_balance(since: dt.date | None = None) -> Balance:
    """Everything given and received (since a day, if given), across the network."""
    since_text = since.isoformat() if since else "0000-00-00"
    rows = dict(
        execute(
            "SELECT kind, count(*) FROM interaction"
            " WHERE kind IN ('gave', 'received') AND date >= ? GROUP BY kind",
            (since_text,),
        ).fetchall()
    )
    return Balance(rows.get("gave", 0), rows.get("received", 0))


def _line(contact_id: int, first_name: str, last_name: str) -> LedgerLine:
    given, received, last_given, last_received = execute(
        "SELECT count(*) FILTER (WHERE kind = 'gave'), count(*) FILTER (WHERE kind = 'received'),"
        " max(date) FILTER (WHERE kind = 'gave'), max(date) FILTER (WHERE kind = 'received')"
        " FROM interaction WHERE kind IN ('gave', 'received') AND contact_id = ?",
        (contact_id,),
    ).fetchone()
    name = display_name(first_name, last_name)
    return LedgerLine(
        contact_id, name, given, received, to_date(last_given), to_date(last_received)
    )


def _names(contact_ids: list[int]) -> dict[int, tuple[str, str]]:
    """First and last names of these contacts, the archived left out."""
    if not contact_ids:
        return {}
    marks = ",".join("?" * len(contact_ids))
    rows = execute(
        # `+` keeps SQLite from walking the archive flag's index instead of the ids.
        f"SELECT id, first_name, last_name FROM contact WHERE id IN ({marks}) AND +archived = 0",
        contact_ids,
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def recently_helped(limit: int = 10) -> list[LedgerLine]:
    """The people the user gave something to most recently, latest first."""
    # Walks the gave entries newest first (the kind/date index) and stops at `limit`
    # people, instead of summing every entry of the network.
    found: list[int] = []
    seen: set[int] = set()
    batch, offset = limit * 4, 0
    while len(found) < limit:
        rows = execute(
            "SELECT contact_id FROM interaction WHERE kind = 'gave'"
            " ORDER BY date DESC, id DESC LIMIT ? OFFSET ?",
            (batch, offset),
        ).fetchall()
        fresh = [row[0] for row in rows if row[0] not in seen]
        seen.update(fresh)
        names = _names(fresh)
        found.extend(contact_id for contact_id in dict.fromkeys(fresh) if contact_id in names)
        if len(rows) < batch:
            break
        offset += batch
    found = found[:limit]
    names = _names(found)
    return [_line(contact_id, *names[contact_id]) for contact_id in found]


def only_taken_from(limit: int = 10) -> list[LedgerLine]:
    """People the user received from but never gave to: most received first."""
    rows = execute(
        """SELECT r.contact_id FROM (
               SELECT contact_id, count(*) AS n, max(date) AS last FROM interaction
               WHERE kind = 'received' GROUP BY contact_id) r
           WHERE NOT EXISTS (SELECT 1 FROM interaction g
                             WHERE g.kind = 'gave' AND g.contact_id = r.contact_id)
             AND r.contact_id NOT IN (SELECT id FROM contact WHERE archived = 1)
           ORDER BY r.n DESC, r.last DESC, r.contact_id LIMIT ?""",
        (limit,),
    ).fetchall()
    found = [row[0] for row in rows]
    names = _names(found)
    return [_line(contact_id, *names[contact_id]) for contact_id in found]
