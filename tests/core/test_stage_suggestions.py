"""Today suggests moving connections the timeline says the user is in touch with."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from relate import contacts, timeline, today
from relate.cli import main
from relate.stage_suggestions import bring_back, put_off, stage_suggestions

ON = dt.date(2026, 12, 1)


def _days(contact_id: int, kind: str, *days_ago: int) -> None:
    for n in days_ago:
        timeline.log_interaction(contact_id, kind, date=ON - dt.timedelta(days=n))


def test_a_connection_in_touch_on_several_days_is_offered_conversation(db_path: Path) -> None:
    ana = contacts.create_contact("Ana", "Silva")
    bo = contacts.create_contact("Bo", "Lind")
    _days(ana, "email", 3, 40, 200)
    _days(bo, "email", 3, 3, 500)  # one day this year, one long ago: not enough
    moves, total = stage_suggestions(ON)
    assert [(m.name, m.suggested, m.reason) for m in moves] == [
        (
            "Ana Silva",
            "conversation",
            "In touch on 3 days in the last year, most recently 3 days ago",
        )
    ]
    assert total == 1


def test_two_1_2_1s_suggest_1_2_1_and_come_first(db_path: Path) -> None:
    ana = contacts.create_contact("Ana", "Silva")
    cy = contacts.create_contact("Cy", "Moss")
    _days(ana, "message", 1, 2, 3, 4, 5)
    _days(cy, "1-2-1", 10, 100)
    moves, _ = stage_suggestions(ON)
    assert [(m.name, m.suggested, m.reason) for m in moves] == [
        (
            "Cy Moss",
            "1-2-1",
            "2 1-2-1s, in touch on 2 days in the last year, most recently 10 days ago",
        ),
        (
            "Ana Silva",
            "conversation",
            "In touch on 5 days in the last year, most recently yesterday",
        ),
    ]


def test_only_connections_are_offered_and_a_move_takes_them_off(db_path: Path) -> None:
    ana = contacts.create_contact("Ana", "Silva")
    _days(ana, "email", 1, 2, 3)
    contacts.update_contact(ana, stage="conversation")
    assert stage_suggestions(ON) == ((), 0)


def test_put_off_until_a_day_then_back(db_path: Path) -> None:
    ana = contacts.create_contact("Ana", "Silva")
    _days(ana, "email", 1, 2, 3)
    put_off(ana, ON + dt.timedelta(days=7))
    assert stage_suggestions(ON)[1] == 0
    assert stage_suggestions(ON + dt.timedelta(days=7))[1] == 1
    bring_back(ana)
    assert stage_suggestions(ON)[1] == 1


def test_moving_someone_along_puts_them_on_todays_lists(db_path: Path) -> None:
    # A history makes nobody due by itself; once moved, the stage's rhythm counts from
    # the last entry, so someone last written to long ago is going cold at once.
    ana = contacts.create_contact("Ana", "Silva")
    _days(ana, "email", 200, 250, 300)
    view = today.today_view(ON)
    assert (view.due_total, view.going_cold_total, view.moves_total) == (0, 0, 1)
    assert [s.key for s in view.sections if s.rows] == ["stage"]
    contacts.update_contact(ana, stage=view.moves[0].suggested)
    view = today.today_view(ON)
    assert [who.name for who in view.going_cold] == ["Ana Silva"]
    assert view.moves_total == 0


def test_on_a_day_nobody_is_due_the_people_to_move_along_come_before_the_empty_lists(
    db_path: Path,
) -> None:
    ana = contacts.create_contact("Ana", "Silva")
    _days(ana, "email", 20, 25, 30)
    keys = [s.key for s in today.today_view(ON).sections]
    assert keys == ["follow-up", "meeting", "stage", "due", "cold", "idea"]
    due = next(s for s in today.today_view(ON).sections if s.key == "due")
    assert due.empty_text.startswith("Nobody is due yet: moved along, the people above")
    # Once someone is due, those lists come first again.
    bo = contacts.create_contact("Bo", "Lind", stage="conversation")
    _days(bo, "email", 200)
    keys = [s.key for s in today.today_view(ON).sections]
    assert keys == ["follow-up", "meeting", "due", "cold", "stage", "idea"]


def test_today_limit_reaches_the_suggestions_too(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(8):
        _days(contacts.create_contact(f"P{n}", "Lee"), "email", 2, 3, 4)
    date = ["--date", ON.isoformat()]
    assert main(["--db", str(db_path), "today", *date, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["moves"]) == 5
    assert main(["--db", str(db_path), "today", *date, "--json", "--limit", "7"]) == 0
    assert len(json.loads(capsys.readouterr().out)["moves"]) == 7
