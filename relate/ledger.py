"""Give and take: every "gave" and "received" entry on the timelines, counted.

Per contact, what the user gave against what they received; over the network, who
the user helped most recently and who they have only taken from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.db import db
from relate.queries import to_date
from relate.records import display_name


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
    given, received = db.execute_sql(
        "SELECT count(*) FILTER (WHERE kind = 'gave'), count(*) FILTER (WHERE kind = 'received')"
        " FROM interaction WHERE contact_id = ? AND kind IN ('gave', 'received')",
        (contact_id,),
    ).fetchone()
    return Balance(given, received)


def overall_balance(since: dt.date | None = None) -> Balance:
    """Everything given and received (since a day, if given), across the network."""
    since_text = since.isoformat() if since else "0000-00-00"
    rows = dict(
        db.execute_sql(
            "SELECT kind, count(*) FROM interaction"
            " WHERE kind IN ('gave', 'received') AND date >= ? GROUP BY kind",
            (since_text,),
        ).fetchall()
    )
    return Balance(rows.get("gave", 0), rows.get("received", 0))


# Per-contact sums over the exchange entries only (the kind index finds them).
_LINES_SQL = """
    SELECT c.id, c.first_name, c.last_name, e.given, e.received, e.last_given, e.last_received
    FROM (SELECT contact_id,
                 count(*) FILTER (WHERE kind = 'gave') AS given,
                 count(*) FILTER (WHERE kind = 'received') AS received,
                 max(date) FILTER (WHERE kind = 'gave') AS last_given,
                 max(date) FILTER (WHERE kind = 'received') AS last_received
          FROM interaction WHERE kind IN ('gave', 'received') GROUP BY contact_id) e
    JOIN contact c ON c.id = e.contact_id
    WHERE c.archived = 0 {having}
    ORDER BY {order} LIMIT ?
"""


def _lines(having: str, order: str, limit: int) -> list[LedgerLine]:
    rows = db.execute_sql(_LINES_SQL.format(having=having, order=order), (limit,))
    return [
        LedgerLine(
            row[0], display_name(row[1], row[2]), row[3], row[4], to_date(row[5]), to_date(row[6])
        )
        for row in rows
    ]


def recently_helped(limit: int = 10) -> list[LedgerLine]:
    """The people the user gave something to most recently, latest first."""
    return _lines("AND e.given > 0", "e.last_given DESC, c.id", limit)


def only_taken_from(limit: int = 10) -> list[LedgerLine]:
    """People the user received from but never gave to: most received first."""
    return _lines("AND e.given = 0", "e.received DESC, e.last_received DESC, c.id", limit)
