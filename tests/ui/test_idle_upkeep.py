"""Upkeep (index merges, checkpoints) runs while the user is idle, never while they work."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from relate import contacts
from relate.store import search
from relate.store.db import checkpoint
from ui.session.idle_upkeep import IdleUpkeep
from ui.undo.data_events import DataEvents


def test_merges_after_changes_settle_until_no_work_is_left(qtbot, db_path: Path) -> None:
    people = [contacts.create_contact(f"P{n}", "Person") for n in range(30)]
    events = DataEvents()
    upkeep = IdleUpkeep(events, db_path)
    upkeep.idle_ms = 50
    for n, who in enumerate(people):
        contacts.update_contact(who, company=f"Firm{n}")
        events.contacts_changed.emit([who])
    assert upkeep.is_busy()
    qtbot.waitUntil(lambda: not upkeep.is_busy(), timeout=5000)
    assert not search.merge_step()  # nothing was left to merge
    assert search.matching_ids("firm3") == {people[3]}


def test_no_merge_runs_while_changes_keep_coming(qtbot, db_path: Path, monkeypatch) -> None:
    steps: list[int] = []
    monkeypatch.setattr(search, "merge_step", lambda: steps.append(1) and False)
    events = DataEvents()
    upkeep = IdleUpkeep(events, db_path)
    upkeep.idle_ms = 300
    for _ in range(6):  # a change every 100 ms for 600 ms: never idle for 300 ms
        qtbot.wait(100)
        events.timeline_changed.emit(1)
    assert steps == []
    qtbot.waitUntil(lambda: steps == [1], timeout=5000)
    qtbot.wait(50)
    assert steps == [1] and not upkeep.is_busy()  # no work left: no further steps


def companies_in_the_file_itself(path: Path) -> set[str]:
    # immutable=1 reads the database file alone, ignoring the write-ahead log.
    connection = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT company FROM contact")}
    finally:
        connection.close()


def test_the_log_reaches_the_file_once_idle_not_during_edits(qtbot, db_path: Path) -> None:
    who = contacts.create_contact("Ada", "Lovelace", company="Before")
    events = DataEvents()
    upkeep = IdleUpkeep(events, db_path)  # defers checkpoints from here on
    upkeep.idle_ms = 50
    checkpoint(db_path)
    contacts.update_contact(who, company="After")
    events.contacts_changed.emit([who])
    assert companies_in_the_file_itself(db_path) == {"Before"}  # still only in the log
    qtbot.waitUntil(lambda: not upkeep.is_busy(), timeout=5000)
    assert companies_in_the_file_itself(db_path) == {"After"}
    upkeep.finish()
