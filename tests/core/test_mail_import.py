"""`relate import mail`: an mbox's threads with contacts as timeline entries, through
the command line as a user runs it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import contacts, timeline
from relate.cli import main
from relate.store.db import close_database, open_database
from tests.core.mail_fixtures import mail, mbox, write

ME = "Pat Doe <pat@mine.example>"


def _archive(path: Path) -> Path:
    return write(
        path,
        mbox(
            mail(sender="Ana Lima <ANA@example.org>", to=ME, subject="Lunch?",
                 message_id="<a1@x>", date="Mon, 1 Jan 2024 10:00:00 +0100"),
            mail(sender=ME, to="ana@example.org", subject="Re: Lunch?", message_id="<a2@x>",
                 headers={"In-Reply-To": "<a1@x>", "References": "<a1@x>"},
                 date="Mon, 1 Jan 2024 12:00:00 +0100"),
            mail(sender=ME, to="ana@example.org", subject="Re: Lunch?", message_id="<a3@x>",
                 headers={"References": "<a1@x>"}, date="Wed, 3 Jan 2024 09:00:00 +0100"),
            mail(sender="News <news@list.example>", to=ME, subject="Weekly",
                 message_id="<n1@x>", headers={"List-Id": "<weekly.list.example>"}),
            mail(sender="no-reply@shop.example", to=ME, subject="Receipt", message_id="<r1@x>"),
            mail(sender="Stranger <who@else.example>", to=ME, subject="Hi", message_id="<s1@x>"),
        ),
    )  # fmt: skip


@pytest.fixture
def ana(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "r.sqlite"
    open_database(db)
    ana = contacts.create_contact("Ana", "Lima", emails=["ana@example.org"])
    close_database()
    return db, ana


def test_an_mbox_fills_the_timeline_and_says_what_it_left_out(
    ana: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ana_id = ana
    archive = _archive(tmp_path / "All mail Including Spam and Trash.mbox")
    assert main(["--db", str(db), "me", "--email", "pat@mine.example"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "import", "mail", str(archive), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "2 timeline entries for 1 contact" in out
    assert "skipped: 1 a mailing list" in out and "skipped: 1 a no-reply sender" in out
    assert "not in your contacts: Stranger <who@else.example> (1)" in out
    entries = timeline.interactions_for(ana_id)
    assert [(e.kind, e.date, e.direction, e.summary) for e in entries] == [
        ("email", dt.date(2024, 1, 3), "sent", "Re: Lunch?"),
        ("email", dt.date(2024, 1, 1), "received", "Lunch?"),
    ]
    assert all(e.notes == "" for e in entries)  # headers only: no text kept
    assert contacts.get_contact(ana_id).last_contacted == dt.date(2024, 1, 3)
    assert main(["--db", str(db), "import", "mail", str(archive)]) == 0
    assert "(nothing to add to the timeline)" in capsys.readouterr().out


def test_with_no_address_given_the_one_in_most_threads_is_taken_and_remembered(
    ana: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = ana
    archive = _archive(tmp_path / "Inbox")
    assert main(["--db", str(db), "import", "mail", str(archive)]) == 0
    assert "Taking pat@mine.example to be you" in capsys.readouterr().out
    assert main(["--db", str(db), "me", "--emails"]) == 0
    assert "pat@mine.example" in capsys.readouterr().out


def test_a_file_that_is_no_mail_archive_is_refused_whole(
    ana: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ana_id = ana
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name\nAna,Lima\n")
    assert main(["--db", str(db), "import", "mail", str(path)]) == 1
    assert "relate:" in capsys.readouterr().err


def test_people_written_with_more_than_once_are_offered_and_added_on_request(
    ana: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = ana
    path = write(
        tmp_path / "x.mbox",
        mbox(
            mail(sender="Bo Berg <bo@berg.example>", to=ME, message_id="<b1@x>"),
            mail(sender=ME, to="Bo Berg <bo@berg.example>", message_id="<b2@x>",
                 date="Tue, 2 Jan 2024 10:00:00 +0100"),
            mail(sender="Once Only <once@x.example>", to=ME, message_id="<o1@x>"),
        ),
    )  # fmt: skip
    main(["--db", str(db), "me", "--email", "pat@mine.example"])
    assert main(["--db", str(db), "import", "mail", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 person not in your contacts was in touch with you more than once" in out
    assert main(["--db", str(db), "import", "mail", str(path), "--add-people"]) == 0
    out = capsys.readouterr().out
    assert "Added 1 person you were in touch with as contacts" in out
    assert "2 timeline entries for 1 contact" in out
    open_database(db)
    (bo,) = contacts.find_contacts("Bo Berg")
    assert contacts.get_contact(bo).how_met == "In touch before Relate (x.mbox)"
    close_database()


def test_relate_imports_says_a_mail_import_added_entries_not_contacts(
    ana: tuple[Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = ana
    main(["--db", str(db), "me", "--email", "pat@mine.example"])
    main(["--db", str(db), "import", "mail", str(_archive(tmp_path / "a.mbox"))])
    capsys.readouterr()
    assert main(["--db", str(db), "imports"]) == 0
    assert "a.mbox  2 timeline entries for 1 contact, 2 skipped" in capsys.readouterr().out
