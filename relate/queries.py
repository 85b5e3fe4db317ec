"""Reading contacts: lists, search, and the derived dates (last contacted, next due)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, overload

from relate.cadence import not_booked_sql
from relate.records import ContactSummary
from relate.store import search
from relate.store.db import execute, fetch_int, id_chunks
from relate.validation import tag_key
from relate.vocabulary import STAGES

_SEP = "\x1f"  # joins list values in one SQL column; never typed by a user

# `contact.last_contacted` is kept by triggers from the timeline (migration 3), leaving
# out position changes, so it is always the derived value; `next_due` is a generated
# column computed from it, the rhythm (`rhythm_days`, migration 6) and any snooze.
LAST_CONTACTED_SQL = "c.last_contacted"
NEXT_DUE_SQL = "c.next_due"
_EMAILS_SQL = (
    "(SELECT group_concat(address, char(31)) FROM"
    " (SELECT address FROM contact_email WHERE contact_id = c.id ORDER BY rank, id))"
)
_TAGS_SQL = (
    "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM contact_tag ct"
    " JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id ORDER BY t.key))"
)
_SUMMARY_COLUMNS = (
    "c.id, c.first_name, c.last_name, c.company, c.position, "
    f"{_EMAILS_SQL}, c.linkedin_url, c.connected_on, c.stage, c.archived, {_TAGS_SQL}, "
    f"{LAST_CONTACTED_SQL}, {NEXT_DUE_SQL}, c.rhythm_days"
)

# Stages sort in the order a relationship moves through them, not alphabetically.
_STAGE_RANK_SQL = (
    "CASE c.stage " + " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(STAGES)) + " END"
)
# Orders by a value many contacts lack (no tags, no rhythm): those contacts go last
# whichever way the list is sorted, so their "IS NULL" term is never reversed.
_EMPTY_LAST = {"tags": "c.tag_key", "next_due": NEXT_DUE_SQL}
# Each order is a tuple of ORDER BY terms (reversed one by one for descending); the
# name key folds case and accents (validation.name_key).
_BY_NAME = ("c.name_key", "c.id")
ORDERS: dict[str, tuple[str, ...]] = {
    "name": _BY_NAME,
    "first_name": ("c.first_name COLLATE NOCASE", "c.last_name COLLATE NOCASE", "c.id"),
    "company": ("c.company COLLATE NOCASE", *_BY_NAME),
    "position": ("c.position COLLATE NOCASE", *_BY_NAME),
    "stage": (_STAGE_RANK_SQL, *_BY_NAME),
    "connected_on": ("c.connected_on", *_BY_NAME),
    "last_contacted": (LAST_CONTACTED_SQL, *_BY_NAME),
    "next_due": (f"{NEXT_DUE_SQL} IS NULL", NEXT_DUE_SQL, *_BY_NAME),
    "tags": ("c.tag_key IS NULL", "c.tag_key", *_BY_NAME),
    "created": ("c.id",),
}


@overload
def to_date(value: str | dt.date) -> dt.date: ...
@overload
def to_date(value: None) -> None: ...
@overload
def to_date(value: str | dt.date | None) -> dt.date | None: ...
def to_date(value: str | dt.date | None) -> dt.date | None:
    """A date from SQLite's text form (a column that is never NULL gives a date)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(_SEP)) if value else ()


def _summary(row: Sequence[Any]) -> ContactSummary:
    return ContactSummary(
        id=row[0],
        first_name=row[1],
        last_name=row[2],
        company=row[3],
        position=row[4],
        emails=_split(row[5]),
        linkedin_url=row[6],
        connected_on=to_date(row[7]),
        stage=row[8],
        archived=bool(row[9]),
        tags=_split(row[10]),
        last_contacted=to_date(row[11]),
        next_due=to_date(row[12]),
        rhythm_days=row[13],
    )


# Saved views of the list: whether they show the archive, and what else they require.
# "Going cold": overdue by more than half a cadence again.
# Someone with a 1-2-1 planned this week is being kept in touch with: not due.
VIEWS: dict[str, tuple[bool, str | None]] = {
    "all": (False, None),
    "due": (False, f"{NEXT_DUE_SQL} <= ? AND {not_booked_sql('?')}"),
    "going-cold": (
        False,
        # The first test lets the next-due index find the few overdue; the second alone
        # would be worked out for every contact.
        f"{NEXT_DUE_SQL} < ?"
        f" AND date({NEXT_DUE_SQL}, '+' || (c.rhythm_days / 2) || ' days') < ?"
        f" AND {not_booked_sql('?')}",
    ),
    "1-2-1": (False, "c.stage = '1-2-1'"),
    "archived": (True, None),
}
# Orders an index can deliver without sorting, given the archive flag (some through
# the parts below).
_ORDER_INDEXES = {
    "name": "contact_sort_name",
    "company": "contact_sort_company",
    "position": "contact_sort_position",
    "stage": "contact_sort_stage",
    "last_contacted": "contact_sort_last_contacted",
    "next_due": "contact_sort_next_due",
    "tags": "contact_sort_tag",
}


_OrderPart = tuple[str | None, list[object], tuple[str, ...]]


def _order_parts(order: str, descending: bool) -> list[_OrderPart]:
    """The list in consecutive parts, each (extra condition, its parameters, ORDER BY
    terms), so that each part comes sorted from an index where the whole order has none."""
    if order == "stage":
        # Pipeline order is not alphabetical: one index scan per stage, in name order.
        stages = reversed(STAGES) if descending else STAGES
        return [("c.stage = ?", [stage], _BY_NAME) for stage in stages]
    if order in _EMPTY_LAST:
        column = _EMPTY_LAST[order]
        return [
            (f"{column} IS NOT NULL", [], (column, *_BY_NAME)),
            (f"{column} IS NULL", [], _BY_NAME),
        ]
    return [(None, [], ORDERS[order])]


def _filters(
    text: str | None,
    tags: Iterable[str],
    archived: bool | None,
    in_name_only: bool = False,
    view: str | None = None,
    order: str | None = None,
) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if view is not None:
        archived, extra = VIEWS[view]
        if extra:
            clauses.append(extra)
            params.extend([dt.date.today().isoformat()] * extra.count("?"))
    if archived is not None:
        # The sort indexes lead with `archived`; for other orders a plain scan is
        # quicker than fetching every row through them, so `+` keeps them out.
        column = "c.archived" if order in _ORDER_INDEXES else "+c.archived"
        clauses.append(f"{column} = ?")
        params.append(int(archived))
    if text:
        match = search.matching_ids_sql(text, "name" if in_name_only else None)
        if match is not None:
            clauses.append(match[0])
            params.extend(match[1])
    for tag in tags:
        clauses.append(
            "c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
            " WHERE t.key = ?)"
        )
        params.append(tag_key(tag))
    return clauses, params


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def order_sql(order: str, descending: bool = False) -> str:
    """The ORDER BY terms of a list order (see ORDERS), optionally reversed."""
    return _terms_sql(ORDERS[order], descending)


def _terms_sql(terms: tuple[str, ...], descending: bool) -> str:
    if descending:
        terms = tuple(term if term.endswith(" IS NULL") else f"{term} DESC" for term in terms)
    return ", ".join(terms)


def contact_ids(
    text: str | None = None,
    tags: Iterable[str] = (),
    archived: bool | None = False,
    order: str = "name",
    descending: bool = False,
    in_name_only: bool = False,
    view: str | None = None,
) -> list[int]:
    """Ids of the contacts matching the search text and every tag, in the order asked.

    `archived=False` (the default) hides archived contacts, True shows only them,
    None shows both; a `view` (see VIEWS) sets it itself. `in_name_only` looks for the
    text in names alone.
    """
    ids: list[int] = []
    for sql, params in contact_ids_sql(text, tags, archived, order, descending, in_name_only, view):
        ids.extend(row[0] for row in execute(sql, params))
    return ids


def contact_ids_sql(
    text: str | None = None,
    tags: Iterable[str] = (),
    archived: bool | None = False,
    order: str = "name",
    descending: bool = False,
    in_name_only: bool = False,
    view: str | None = None,
) -> list[tuple[str, list[object]]]:
    """The queries `contact_ids` runs, in turn (for checking their plans)."""
    queries = []
    for condition, condition_params, terms in _order_parts(order, descending):
        clauses, params = _filters(text, tags, archived, in_name_only, view, order)
        if condition:
            clauses.append(condition)
            params.extend(condition_params)
        sql = (
            f"SELECT c.id FROM contact c {_where(clauses)} ORDER BY {_terms_sql(terms, descending)}"
        )
        queries.append((sql, params))
    return queries


def summaries(ids: Sequence[int]) -> list[ContactSummary]:
    """List rows for these contact ids, in the same order (unknown ids are left out)."""
    by_id: dict[int, ContactSummary] = {}
    for chunk, marks in id_chunks(ids):
        for row in execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM contact c WHERE c.id IN ({marks})", chunk
        ):
            by_id[row[0]] = _summary(row)
    return [by_id[i] for i in ids if i in by_id]


def list_contacts(
    text: str | None = None,
    tags: Iterable[str] = (),
    archived: bool | None = False,
    order: str = "name",
) -> list[ContactSummary]:
    """Contacts matching the search text and every tag, as list rows."""
    clauses, params = _filters(text, tags, archived, order=order)
    rows = execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM contact c {_where(clauses)} ORDER BY {order_sql(order)}",
        params,
    )
    return [_summary(row) for row in rows]


def count_contacts(archived: bool | None = False) -> int:
    """How many contacts there are (by default, not archived)."""
    everyone = fetch_int("SELECT count(*) FROM contact")
    if archived is None:
        return everyone
    # The partial index on archived contacts makes this count cheap.
    in_archive = fetch_int("SELECT count(*) FROM contact WHERE archived = 1")
    return in_archive if archived else everyone - in_archive


def last_contacted(contact_id: int) -> dt.date | None:
    """The date of the latest interaction that was contact with this person."""
    row = execute(
        f"SELECT {LAST_CONTACTED_SQL} FROM contact c WHERE c.id = ?", (contact_id,)
    ).fetchone()
    return to_date(row[0]) if row else None


def due_contacts(on: dt.date | None = None) -> list[ContactSummary]:
    """Contacts with a cadence whose next-due date is on or before `on` (default today),
    most overdue first; archived ones, and those with a 1-2-1 planned within a week of
    `on`, are left out."""
    on = on or dt.date.today()
    ids = [
        row[0]
        for row in execute(
            f"SELECT c.id, {NEXT_DUE_SQL} AS due FROM contact c"
            f" WHERE c.archived = 0 AND due <= ? AND {not_booked_sql('?')}"
            " ORDER BY due, c.id",
            (on.isoformat(),) * 3,
        )
    ]
    return summaries(ids)


@dataclasses.dataclass(frozen=True, slots=True)
class SearchPage:
    """The first rows of a search, and how many contacts match in all."""

    total: int
    ids: list[int]


# Above this share of all contacts, walking the order's index and keeping the matches
# finds the first page sooner than sorting every match.
_BROAD_SHARE = 0.02


def count_matches(
    text: str | None = None,
    tags: Iterable[str] = (),
    archived: bool | None = False,
    view: str | None = None,
) -> int:
    """How many contacts match; a plain word search is counted in the index alone."""
    tags = list(tags)
    query = search.fts_query(text) if text else None
    if query is None or tags or (view is not None and VIEWS[view][1]):
        clauses, params = _filters(text, tags, archived, view=view)
        return fetch_int(f"SELECT count(*) FROM contact c {_where(clauses)}", params)
    if view is not None:
        archived = VIEWS[view][0]
    total = fetch_int("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?", (query,))
    if archived is None:
        return total
    in_archive = 0
    if count_contacts(archived=True):
        in_archive = fetch_int(
            "SELECT count(*) FROM contact c WHERE c.archived = 1 AND c.id IN"
            " (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)",
            (query,),
        )
    return in_archive if archived else total - in_archive


def search_page(
    text: str | None = None,
    tags: Iterable[str] = (),
    archived: bool | None = False,
    order: str = "name",
    limit: int = 100,
    view: str | None = None,
) -> SearchPage:
    """What search-as-you-type needs at each keystroke: the match count and the first
    `limit` ids in list order (the rest can be fetched with `contact_ids`)."""
    tags = list(tags)
    total = count_matches(text, tags, archived, view)
    # SQLite cannot know how many rows a MATCH returns, so it always sorts them all;
    # for a broad search (a first letter) walking the order's index is far quicker.
    # (Orders read in parts have no single index to walk.)
    index = _ORDER_INDEXES.get(order) if len(_order_parts(order, False)) == 1 else None
    showing_one_side = archived is not None or view is not None
    broad = bool(index and text and showing_one_side) and total > _BROAD_SHARE * count_contacts(
        archived=None
    )
    clauses, params = _filters(text, tags, archived, view=view, order=order if broad else None)
    indexed_by = f"INDEXED BY {index}" if broad else ""
    rows = execute(
        f"SELECT c.id FROM contact c {indexed_by} {_where(clauses)}"
        f" ORDER BY {order_sql(order)} LIMIT ?",
        [*params, limit],
    )
    return SearchPage(total, [row[0] for row in rows])
