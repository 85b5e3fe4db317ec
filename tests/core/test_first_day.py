"""The first day: a database of LinkedIn connections only (all at stage connection, nobody
contacted yet, no tags, no follow-ups). What the opening page and the list read must
go through an index in its order: a sort over every contact, which the mature network
never shows, costs half a second at 100,000 connections."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from relate import introduction_ideas, queries, tags, today
from relate.importers.batches import apply_plan
from relate.importers.sources import plan_file
from relate.store import search
from relate.store.db import db

CONNECTIONS = 1500
# Contact read by its whole table, or by an index only as far as "archived = ?".
_EVERY_CONTACT = re.compile(
    r"SCAN (c|contact)\b(?! USING COVERING INDEX sqlite_autoindex)"
    r"|USING (COVERING )?INDEX \w+ \(archived=\?\)"
)


@pytest.fixture
def first_day(db_path: Path, tmp_path: Path) -> Path:
    """A LinkedIn export of CONNECTIONS people, imported as a new user would."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Person{n},Family{n % 97},https://www.linkedin.com/in/person-{n},,Firm {n % 211},"
        f"Engineer,{1 + n % 28:02} Mar 2024"
        for n in range(CONNECTIONS)
    ]
    export = tmp_path / "Connections.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    apply_plan(plan_file(export, "linkedin"))
    assert queries.count_contacts() == CONNECTIONS
    return db_path


@contextmanager
def statements() -> Iterator[list[tuple[str, object]]]:
    """Every SELECT run on the open database inside the block."""
    seen: list[tuple[str, object]] = []
    run = db.execute_sql

    def recording(sql: str, params: object = None, *args: object, **kwargs: object):
        if sql.lstrip().upper().startswith("SELECT"):
            seen.append((sql, params))
        return run(sql, params, *args, **kwargs)

    db.execute_sql = recording
    try:
        yield seen
    finally:
        del db.execute_sql  # the instance attribute goes; the method is back


def sorts_every_contact(sql: str, params: object) -> bool:
    """Whether SQLite would sort (or group) rows read from every contact (reading by
    `archived = 1` reads only the archived few)."""
    plan = " / ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params or ()))
    return "TEMP B-TREE" in plan and bool(_EVERY_CONTACT.search(plan)) and "archived = 1" not in sql


OPENING: dict[str, Callable[[], object]] = {
    "Today": lambda: today.today_view(limit=10),
    "introduction ideas": introduction_ideas.introduction_ideas,
    "the navigator's tags": tags.all_tags,
    "the list's ids": queries.contact_ids,
    "the list's count": queries.count_contacts,
    "a screen of rows": lambda: queries.summaries(queries.contact_ids()[700:760]),
    "typing a letter": lambda: search.matching_ids("p"),
}


@pytest.mark.parametrize("path", list(OPENING))
def test_nothing_the_window_opens_with_sorts_every_connection(first_day: Path, path: str) -> None:
    with statements() as seen:
        OPENING[path]()
    assert seen
    assert [sql for sql, params in seen if sorts_every_contact(sql, params)] == []


def test_the_ideas_pool_is_read_in_index_order_on_the_first_day(first_day: Path) -> None:
    # The query that took half a second at 100,000 connections (one per stage).
    with statements() as seen:
        introduction_ideas.introduction_ideas()
    pool = [(sql, params) for sql, params in seen if "c.stage = ?" in sql]
    assert len(pool) == 5  # every stage looked at, from the furthest along
    assert not any(sorts_every_contact(sql, params) for sql, params in pool)


@pytest.mark.parametrize("view", ["due", "going-cold", "1-2-1"])
def test_a_saved_view_finds_its_few_without_reading_every_connection(
    first_day: Path, view: str
) -> None:
    for sql, params in queries.contact_ids_sql(view=view):
        plan = " / ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert not _EVERY_CONTACT.search(plan), plan
