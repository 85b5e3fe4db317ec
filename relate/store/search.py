"""Full-text search over contacts: the FTS5 index, kept in step with every write."""

from __future__ import annotations

import re
from collections.abc import Iterable

from relate.fields import FIELDS, SEARCH_COLUMNS, Kind
from relate.store.db import connection, db, execute, id_chunks, transaction

# unicode61 splits on everything that is not a letter, a digit or a private-use
# character; underscores are separators too. Splitting the same way means what the
# user types is matched word by word, and never read as FTS5 syntax.
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")
# What a phone number is typed with besides its digits: text of only these is a number.
_PHONE_TEXT = re.compile(r"[\d\s()+\-./]*\d[\d\s()+\-./]*")


def phone_terms(number: str) -> str:
    """A phone number as the index holds it: its digits whole, and from each group of
    digits on, so "+1 (415) 555-0100" is found by "1415…", "415 555" or "5550100"."""
    groups = _DIGITS.findall(number)
    return " ".join(dict.fromkeys("".join(groups[start:]) for start in range(len(groups))))


# Every connection gets the function (the index rows of phones are written with it).
db.register_function(phone_terms, "relate_phone_terms", 1, deterministic=True)

# The SQL of each kind of searchable field, as one text for the index.
_KIND_SQL = {
    Kind.TAGS: "coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct"
    " JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), '')",
    Kind.EMAILS: "coalesce((SELECT group_concat(address, ' ') FROM contact_email"
    " WHERE contact_id = c.id), '')",
    Kind.PHONES: "coalesce((SELECT group_concat(relate_phone_terms(number), ' ')"
    " FROM contact_phone WHERE contact_id = c.id), '')",
}


def _column_sql(column: str) -> str:
    """The SQL of one index column: its fields' values, joined by spaces."""
    parts = [_KIND_SQL.get(f.kind, f"c.{f.name}") for f in FIELDS if f.fts == column]
    return " || ' ' || ".join(parts)


# Computed once: every searchable field of the registry, column by column.
_COLUMNS = ", ".join(SEARCH_COLUMNS)
_ROW_SQL = f"SELECT c.id, {', '.join(map(_column_sql, SEARCH_COLUMNS))} FROM contact c"


def fts_query(text: str, column: str | None = None) -> str | None:
    """Turn what the user typed into an FTS5 query: every word, as a prefix, all required,
    optionally only in one column. None when the text holds no word at all. Text that
    is a phone number ("+1 (415) 555") is its digits, as one prefix."""
    if _PHONE_TEXT.fullmatch(text):
        words = ["".join(_DIGITS.findall(text))]
    else:
        words = _WORD.findall(text)
    if not words:
        return None
    # Each word is a quoted string (so NEAR, AND, OR, NOT are plain words) and a prefix.
    query = " ".join(f'"{word}"*' for word in words)
    return f"{column} : ({query})" if column else query


def _insert_rows(where: str, params: list[int] | tuple[int, ...]) -> None:
    execute(
        f"INSERT INTO contact_fts (rowid, {_COLUMNS}) {_ROW_SQL} WHERE {where}",
        params,
    )


def reindex(contact_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these contacts from the tables (call inside the write's
    transaction). Ids of deleted contacts simply lose their rows."""
    for chunk, marks in id_chunks(list(dict.fromkeys(contact_ids))):
        execute(f"DELETE FROM contact_fts WHERE rowid IN ({marks})", chunk)
        _insert_rows(f"c.id IN ({marks})", chunk)


def index_range(first_id: int, last_id: int) -> None:
    """Add index rows for a block of freshly inserted contact ids (the bulk path)."""
    _insert_rows("c.id BETWEEN ? AND ?", (first_id, last_id))


def matching_ids_sql(text: str, column: str | None = None) -> tuple[str, list[str]] | None:
    """A SQL fragment `c.id IN (...)` restricting contacts to those matching `text`."""
    query = fts_query(text, column)
    if query is None:
        return None
    return "c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)", [query]


def rebuild() -> None:
    """Rebuild the whole index from the tables (repair, or after a bulk change)."""
    with transaction():
        execute("DELETE FROM contact_fts")
        _insert_rows("1", ())


def merge_step(pages: int = 16) -> bool:
    """Do a small, bounded slice of the index's pending merge work; False once none is
    left. FTS5 otherwise merges inside writes, where at 100,000 contacts one merge can
    hold up a single edit for ~100 ms; run this while the user is idle instead."""
    handle = connection()
    before = handle.total_changes
    with transaction():
        execute("INSERT INTO contact_fts (contact_fts, rank) VALUES ('merge', ?)", (pages,))
    # FTS5's documented signal: a merge that did any work changes two rows or more.
    return handle.total_changes - before >= 2


def matching_ids(text: str) -> set[int] | None:
    """Ids of every contact matching `text`, unordered (a list filters its own rows
    with it); None when the text holds no word, i.e. filters nothing."""
    query = fts_query(text)
    if query is None:
        return None
    rows = execute("SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", (query,))
    return {row[0] for row in rows}
