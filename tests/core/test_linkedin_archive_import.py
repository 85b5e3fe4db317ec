"""`relate import linkedin ARCHIVE`: the connections, their messages and invitations,
and the user's own profile, as one undoable import (LinkedIn's shapes in linkedin_export)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, queries, timeline
from relate.cli import main
from relate.history.linkedin_import import plan_archive, write_archive
from relate.history.my_addresses import my_addresses
from relate.importers.batches import import_batches, undo_import
from tests.core.linkedin_export import COMPLETE, write_folder, write_zip


def _by_name() -> dict[str, int]:
    return {f"{c.first_name} {c.last_name}": c.id for c in queries.list_contacts()}


def test_a_first_import_of_the_archive_fills_the_timeline_of_the_new_connections(
    db_path: Path, tmp_path: Path
) -> None:
    archive = write_zip(tmp_path / "Basic_LinkedInDataExport.zip", COMPLETE)
    plan = plan_archive(archive)
    assert plan.people is not None and len(plan.people.new) == 2
    assert "Shares.csv" in plan.not_read
    batch = write_archive(plan)
    assert batch is not None
    people = _by_name()
    ines, tomas = people["Ines Okafor"], people["Tomas Reyes"]
    # One conversation on one day is one entry; the invitation is a "met" of its day.
    kinds = [(e.kind, e.date, e.direction) for e in timeline.interactions_for(ines)]
    assert ("message", dt.date(2025, 6, 1), "received") in kinds
    assert ("met", dt.date(2023, 10, 16), "sent") in kinds
    assert len([k for k in kinds if k[0] == "message"]) == 1
    assert contacts.get_contact(ines).how_met.startswith("You invited them on 16 Oct 2023")
    assert contacts.get_contact(ines).last_contacted == dt.date(2025, 6, 1)
    # The group conversation reached Tomas too, matched by his profile.
    assert any(e.kind == "message" for e in timeline.interactions_for(tomas))
    # The user's own addresses come from the archive; the user is nobody's contact.
    assert set(my_addresses()) == {"jordan@example.org", "jordan@old.example"}
    assert "Jordan Pike" not in people
    record = import_batches()[0]
    assert (record.id, record.created, record.entries) == (batch, 2, plan_entries(plan))


def plan_entries(plan: object) -> int:
    return len(plan.entries)  # type: ignore[attr-defined]


def test_importing_the_archive_again_adds_nothing(db_path: Path, tmp_path: Path) -> None:
    archive = write_folder(tmp_path / "export", COMPLETE)
    write_archive(plan_archive(archive))
    again = plan_archive(archive)
    assert (again.entries, again.how_met, again.changes_anything()) == ([], {}, False)
    assert again.known > 0
    assert write_archive(again) is None


def test_undoing_the_archive_takes_out_people_entries_and_how_we_met(
    db_path: Path, tmp_path: Path
) -> None:
    tomas = contacts.create_contact(
        "Tomas", "Reyes", linkedin_url="https://www.linkedin.com/in/tomasreyes"
    )
    batch = write_archive(plan_archive(write_zip(tmp_path / "a.zip", COMPLETE)))
    assert contacts.get_contact(tomas).how_met == "They invited you on 29 Jan 2024"
    assert batch is not None
    undo_import(batch)
    assert contacts.get_contact(tomas).how_met == ""
    assert timeline.interactions_for(tomas) == []
    assert list(_by_name()) == ["Tomas Reyes"]


def test_the_command_line_reads_the_zip_and_offers_the_profiles_skills(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.sqlite"
    archive = write_zip(tmp_path / "Complete_LinkedInDataExport.zip", COMPLETE)
    assert main(["--db", str(db), "import", "linkedin", str(archive), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 new" in out and "timeline entr" in out and "dry run" in out
    assert main(["--db", str(db), "import", "linkedin", str(archive), "--my-skills"]) == 0
    out = capsys.readouterr().out
    assert "Added to your interests and expertise: Python, SQLite, Software Development" in out
    assert main(["--db", str(db), "me"]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == [
        "Python",
        "SQLite",
        "Software Development",
    ]


def test_the_brief_tells_how_we_met_once_not_again_as_its_oldest_line(
    db_path: Path, tmp_path: Path
) -> None:
    from relate.brief.query import brief_data

    write_archive(plan_archive(write_zip(tmp_path / "Basic_LinkedInDataExport.zip", COMPLETE)))
    ines = _by_name()["Ines Okafor"]
    brief = brief_data(ines, on=dt.date(2026, 1, 5))
    assert brief.how_met.startswith("You invited them on 16 Oct 2023")
    assert [e.kind for e in brief.entries] == ["message"]
    # The "met" entry stays in the timeline, where it dates the invitation.
    assert any(e.kind == "met" for e in timeline.interactions_for(ines))


def test_verbose_lists_the_connection_rows_the_archive_skips(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {**COMPLETE, "Connections.csv": COMPLETE["Connections.csv"] + ",,,,,,\n,,,,Acme,,\n"}
    archive = write_zip(tmp_path / "Basic_LinkedInDataExport.zip", files)
    assert main(["--db", str(db_path), "import", "linkedin", str(archive), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "Connections.csv line 8: skipped, no name" in out
