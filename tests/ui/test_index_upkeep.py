"""The search index is merged while the user is idle, and never while they work."""

from __future__ import annotations

from pathlib import Path

from relate import contacts, search
from ui.data_events import DataEvents
from ui.index_upkeep import IndexUpkeep


def test_merges_after_changes_settle_until_no_work_is_left(qtbot, db_path: Path) -> None:
    people = [contacts.create_contact(f"P{n}", "Person") for n in range(30)]
    events = DataEvents()
    upkeep = IndexUpkeep(events)
    upkeep.idle_ms = 50
    for n, who in enumerate(people):
        contacts.update_contact(who, company=f"Firm{n}")
        events.contacts_changed.emit([who])
    assert upkeep.is_waiting()
    qtbot.waitUntil(lambda: not upkeep.is_waiting(), timeout=5000)
    assert not search.merge_step()  # nothing was left to merge
    assert search.matching_ids("firm3") == {people[3]}


def test_no_merge_runs_while_changes_keep_coming(qtbot, db_path: Path, monkeypatch) -> None:
    steps: list[int] = []
    monkeypatch.setattr(search, "merge_step", lambda: steps.append(1) and False)
    events = DataEvents()
    upkeep = IndexUpkeep(events)
    upkeep.idle_ms = 300
    for _ in range(6):  # a change every 100 ms for 600 ms: never idle for 300 ms
        qtbot.wait(100)
        events.timeline_changed.emit(1)
    assert steps == []
    qtbot.waitUntil(lambda: steps == [1], timeout=5000)
    qtbot.wait(50)
    assert steps == [1] and not upkeep.is_waiting()  # no work left: no further steps
