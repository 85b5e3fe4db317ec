"""Undoing an import keeps what the user wrote: a contact it added that the user has
worked on since stays, and a backup is made before anything is taken out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from relate import contacts, followups, merge, queries, tags, timeline
from relate.cli import main
from relate.importers.batches import apply_plan, undo_import
from relate.importers.plan import Incoming
from relate.importers.planner import plan_import
from relate.store import backups

URL = "https://www.linkedin.com/in/"
NAMES = ("Ana Silva", "Wei Chen", "José Müller", "Kim Park", "Lee Moss", "Ola Berg")


def import_people(*names: str) -> tuple[int, dict[str, int]]:
    rows = [
        Incoming(
            line=n,
            first_name=name.split()[0],
            last_name=name.split()[1],
            company=f"{name.split()[1]} & Co",
            position="Analyst",
            linkedin_url=f"{URL}{name.replace(' ', '-').lower()}",
        )
        for n, name in enumerate(names, 2)
    ]
    batch = apply_plan(plan_import(rows, "linkedin", "Connections.csv"))
    assert batch is not None
    return batch, {name: contacts.find_contacts(name)[0] for name in names}


def test_contacts_the_user_worked_on_stay_with_what_they_gave_them(db_path: Path) -> None:
    batch, ids = import_people(*NAMES)
    contacts.update_contact(ids["Ana Silva"], story="Met at the BIM breakfast.")
    tags.tag_contacts([ids["Wei Chen"]], "sailing")
    timeline.log_interaction(ids["José Müller"], "note", summary="Wants an intro to a QS")
    followups.add_follow_up(ids["Kim Park"], "Send the tender list", dt.date(2027, 1, 5))
    contacts.update_contact(ids["Lee Moss"], met_through_id=ids["Ola Berg"])

    result = undo_import(batch)

    # Lee's how-we-met names Ola, so both stay; nobody was left untouched.
    assert result[:3] == (0, 0, 6)
    assert "6 kept because you have worked on them since" in result.sentence()
    assert contacts.get_contact(ids["Ana Silva"]).story == "Met at the BIM breakfast."
    assert [t.name for t in contacts.get_contact(ids["Wei Chen"]).tags] == ["sailing"]
    assert [e.summary for e in timeline.interactions_for(ids["José Müller"])] == [
        "Wants an intro to a QS"
    ]
    assert contacts.get_contact(ids["Lee Moss"]).met_through_id == ids["Ola Berg"]


def test_the_untouched_ones_go_and_the_kept_ones_keep_their_imported_fields(
    db_path: Path,
) -> None:
    batch, ids = import_people("Ana Silva", "Wei Chen")
    timeline.log_interaction(ids["Ana Silva"], "call", summary="Rang about the tender")
    assert undo_import(batch)[:3] == (1, 0, 1)
    assert queries.contact_ids() == [ids["Ana Silva"]]
    ana = contacts.get_contact(ids["Ana Silva"])
    assert (ana.company, ana.linkedin_url) == ("Silva & Co", f"{URL}ana-silva")


def test_a_merge_of_the_imports_own_contacts_is_not_the_users_work(db_path: Path) -> None:
    batch, ids = import_people("Ana Silva", "Ana Silvia")
    merge.merge_contacts(ids["Ana Silva"], ids["Ana Silvia"])
    assert undo_import(batch)[:3] == (1, 0, 0)
    # An edit after the merge is.
    batch, ids = import_people("Wei Chen", "Wei Chan")
    merge.merge_contacts(ids["Wei Chen"], ids["Wei Chan"])
    contacts.update_contact(ids["Wei Chen"], position="Director")
    assert undo_import(batch)[:3] == (0, 0, 1)


def test_undo_import_on_the_command_line_backs_up_first(db_path: Path, capsys) -> None:
    batch, ids = import_people("Ana Silva", "Wei Chen")
    timeline.log_interaction(ids["Wei Chen"], "note", summary="Mine")
    assert main(["--db", str(db_path), "undo-import", str(batch)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"Undid import {batch}: 1 contact removed, 0 restored,"
        " 1 kept because you have worked on it since.\n"
    )
    [backup] = [b for b in backups.backups_of(db_path) if b.reason == "before-undo-import"]
    # The backup holds the import as it was: both contacts.
    assert backup.path.stat().st_size > 0


def test_with_no_room_for_the_backup_the_undo_is_refused_with_the_way_through(
    db_path: Path, capsys, monkeypatch
) -> None:
    batch, _ = import_people("Ana Silva")

    def no_room(path: Path, folder: Path | None = None) -> None:
        raise backups.BackupSpaceError("There is no room on the disk for a backup of it.")

    monkeypatch.setattr(backups, "check_room", no_room)
    assert main(["--db", str(db_path), "undo-import", str(batch)]) == 1
    err = capsys.readouterr().err
    assert "no room" in err and "Nothing was undone" in err and "--no-backup" in err
    assert queries.count_contacts() == 1
    assert main(["--db", str(db_path), "undo-import", str(batch), "--no-backup"]) == 0
    assert queries.count_contacts() == 0


def test_undoing_a_missing_import_makes_no_backup(db_path: Path, capsys) -> None:
    import_people("Ana Silva")
    assert main(["--db", str(db_path), "undo-import", "7"]) == 1
    assert "no import with id 7" in capsys.readouterr().err
    assert backups.backups_of(db_path) == []
